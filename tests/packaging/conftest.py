"""The built distributions, and fresh virtual environments outside the repository.

Both distributions are built once per run from this checkout, as `make build` builds them
(the sdist, then the wheel from the unpacked sdist), so what the tests install is what a
release would publish.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import venv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIM_PROJECT = ROOT / "gpuaas-sim"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION_FILE = ROOT / "src" / "gpuaas_sdk" / "_version.py"
VERSION = re.search(r'__version__ = "([^"]+)"', VERSION_FILE.read_text()).group(1)
XTERM_BUNDLE = ROOT / "src" / "gpuaas_sim" / "static" / "assets" / "vendor" / "xterm"

# A user's project (run with pytest inside the environments), not tests of this repository.
collect_ignore = ["user_project"]


def sim_pyproject() -> dict[str, Any]:
    """gpuaas-sim/pyproject.toml (read when used: the SDK's unpacked sdist has no gpuaas-sim/)."""
    return tomllib.loads((SIM_PROJECT / "pyproject.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Dist:
    sdk_wheel: Path
    sdk_sdist: Path
    sim_wheel: Path
    sim_sdist: Path


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """`make build`'s two builds, side by side (one per core)."""
    out = tmp_path_factory.mktemp("dist")
    builds = [
        subprocess.Popen(
            [sys.executable, "-m", "build", "--outdir", str(out), str(project)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for project in (ROOT, SIM_PROJECT)
    ]
    for build in builds:
        output, _ = build.communicate(timeout=600)
        assert build.returncode == 0, output[-4000:]
    return Dist(
        sdk_wheel=one(out, "gpuaas_sdk-*.whl"),
        sdk_sdist=one(out, "gpuaas_sdk-*.tar.gz"),
        sim_wheel=one(out, "gpuaas_sim-*.whl"),
        sim_sdist=one(out, "gpuaas_sim-*.tar.gz"),
    )


def one(folder: Path, pattern: str) -> Path:
    (found,) = folder.glob(pattern)
    return found


@dataclass(frozen=True)
class UserEnv:
    """A virtual environment with nothing but what it was given and what that requires."""

    root: Path

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    @property
    def site(self) -> Path:
        return next((self.root / "lib").glob("python*/site-packages"))

    def environ(self, **extra: str) -> dict[str, str]:
        """This process's environment without what points Python or the SDK elsewhere."""
        kept = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GPUAAS_"))}
        return {**kept, **extra}

    def run(
        self, *args: str | Path, cwd: Path | None = None, **extra_env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args],
            capture_output=True,
            text=True,
            check=False,
            env=self.environ(**extra_env),
            cwd=cwd or self.root,  # outside the repository: nothing of the checkout is importable
            timeout=300,
        )

    def python_says(self, code: str) -> str:
        result = self.run(self.python, "-c", code)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def distributions(self) -> set[str]:
        names = self.python_says(
            "import importlib.metadata as m;"
            "print('\\n'.join(sorted({d.metadata['Name'].lower() for d in m.distributions()})))"
        )
        return set(names.split())

    def metadata(self, distribution: str) -> str:
        return self.python_says(
            "import importlib.metadata as m;"
            f"print(m.distribution({distribution!r}).read_text('METADATA'))"
        )


def new_env(tmp_path_factory: pytest.TempPathFactory, *requirements: str | Path) -> UserEnv:
    """A fresh venv with `requirements` installed as `pip install` would install them."""
    env = UserEnv(tmp_path_factory.mktemp("user-env") / "venv")
    venv.create(env.root, with_pip=False)  # this pip installs into it: seconds saved
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env.python), "install", "-q"]
        + [str(r) for r in requirements],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return env
