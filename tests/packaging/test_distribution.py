"""What a user gets from the built wheel and sdist, installed outside the repository.

The wheel goes into a fresh virtual environment with its dependencies resolved as a
user's `pip install gpuaas_sdk-*.whl` would (without extras); the sdist is unpacked
and its own test suite is run from there. Both are built once per run from this
checkout, so the figures and the failures are those of the code under review.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tomllib
import venv
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION_FILE = ROOT / "src" / "gpuaas_sdk" / "_version.py"
XTERM_BUNDLE = ROOT / "src" / "gpuaas_sim" / "static" / "assets" / "vendor" / "xterm"

pytestmark = pytest.mark.repository_only("builds the wheel and the sdist from the checkout")


@dataclass(frozen=True)
class Dist:
    wheel: Path
    sdist: Path


@dataclass(frozen=True)
class UserEnv:
    """A virtual environment with nothing but the wheel and what it requires."""

    root: Path

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GPUAAS_"))}
        return subprocess.run(
            [str(a) for a in args],
            capture_output=True,
            text=True,
            check=False,
            env=env,
            cwd=self.root,  # outside the repository: nothing of the checkout is importable
            timeout=120,
        )

    def python_says(self, code: str) -> str:
        result = self.run(self.python, "-c", code)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(  # the sdist, then the wheel from it, as `make build` does
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return Dist(wheel, sdist)


@pytest.fixture(scope="module")
def user_env(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> UserEnv:
    env = UserEnv(tmp_path_factory.mktemp("user-env") / "venv")
    venv.create(env.root, with_pip=False)  # this pip installs into it: seconds saved
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env.python), "install", "-q", dist.wheel],
        check=True,
        capture_output=True,
    )
    return env


def installed_distributions(env: UserEnv) -> set[str]:
    names = env.python_says(
        "import importlib.metadata as m;"
        "print('\\n'.join(sorted({d.metadata['Name'].lower() for d in m.distributions()})))"
    )
    return set(names.split())


def wheel_metadata(env: UserEnv) -> str:
    return env.python_says(
        "import importlib.metadata as m; print(m.distribution('gpuaas-sdk').read_text('METADATA'))"
    )


class TestTheWheelInAFreshEnvironment:
    def test_installs_the_runtime_dependencies_and_nothing_unused(self, user_env):
        installed = installed_distributions(user_env)

        assert {"gpuaas-sdk", "httpx", "httpx-sse", "httpx-ws", "attrs", "pyjwt"} <= installed
        assert "python-dateutil" not in installed
        assert "starlette" not in installed  # the simulator's stack comes with its extra only

    def test_ships_the_licence_text_its_metadata_names(self, user_env):
        licence = user_env.python_says(
            "import importlib.metadata as m;"
            "d = m.distribution('gpuaas-sdk');"
            "print(*[f for f in d.files if f.name == 'LICENSE'])"
        )

        assert licence.endswith("licenses/LICENSE")
        shipped = (user_env.root / "lib").glob(f"python*/site-packages/{licence}")
        text = next(shipped).read_text(encoding="utf-8")
        assert "Apache License\n                           Version 2.0, January 2004" in text
        assert text == (ROOT / "LICENSE").read_text(encoding="utf-8")
        assert "License-Expression: Apache-2.0" in wheel_metadata(user_env)

    def test_marks_each_package_as_typed(self, user_env):
        site = next((user_env.root / "lib").glob("python*/site-packages"))

        for package in ("gpuaas_sdk", "gpuaas_api", "gpuaas_sim"):
            assert (site / package / "py.typed").is_file(), package

    def test_has_one_version_the_one_in_the_source(self, user_env):
        source = re.search(r'__version__ = "([^"]+)"', VERSION_FILE.read_text()).group(1)

        assert "version" in PYPROJECT["project"]["dynamic"]
        assert "version" not in PYPROJECT["project"]
        assert f"Version: {source}\n" in wheel_metadata(user_env)
        assert user_env.python_says("import gpuaas_sdk; print(gpuaas_sdk.__version__)") == source
        result = user_env.run(user_env.python, "-m", "gpuaas_sdk", "--version")
        assert result.stdout == f"gpuaas-sdk {source}\n"

    def test_says_which_pythons_it_supports_and_where_it_lives(self, user_env):
        metadata = wheel_metadata(user_env)

        for version in ("3.11", "3.12", "3.13"):
            assert f"Classifier: Programming Language :: Python :: {version}\n" in metadata
        assert "Classifier: Typing :: Typed\n" in metadata
        assert "Classifier: Operating System :: OS Independent\n" in metadata
        assert "Classifier: Development Status :: " in metadata
        assert "Requires-Python: >=3.11\n" in metadata
        assert "Project-URL: Repository, https://" in metadata
        assert "Project-URL: Changelog, https://" in metadata

    def test_requires_ranges_not_exact_pins(self, user_env):
        requires = [
            Requirement(line.removeprefix("Requires-Dist: "))
            for line in wheel_metadata(user_env).splitlines()
            if line.startswith("Requires-Dist: ")
        ]

        assert requires
        pinned = [str(r) for r in requires if any(s.operator == "==" for s in r.specifier)]
        assert pinned == []
        httpx = next(r for r in requires if r.name == "httpx")
        assert "0.29.0" in httpx.specifier  # the newest release, which the tests cover

    def test_the_readme_on_an_index_page_has_only_absolute_links(self, user_env):
        description = wheel_metadata(user_env).partition("\n\n")[2]
        links = re.findall(r"\]\(([^)\s]+)\)", description)

        assert links  # the page links to the docs, the changelog and the benchmark results
        assert [link for link in links if not link.startswith(("https://", "#"))] == []

    def test_ships_the_terminal_pages_xterm_js_with_its_licences(self, user_env):
        site = next((user_env.root / "lib").glob("python*/site-packages"))
        vendor = site / "gpuaas_sim" / "static" / "assets" / "vendor" / "xterm"

        assert XTERM_BUNDLE.is_dir(), "run `make setup`: it bundles xterm.js before a build"
        assert sorted(p.name for p in vendor.iterdir()) == sorted(
            p.name for p in XTERM_BUNDLE.iterdir()
        )
        assert "Copyright (c)" in (vendor / "LICENSE-xterm.txt").read_text(encoding="utf-8")

    def test_the_readme_says_how_to_install_it_in_your_own_project(self, user_env, dist):
        description = wheel_metadata(user_env).partition("\n\n")[2]

        assert "make build && pip install dist/gpuaas_sdk-*.whl" in description
        assert fnmatch(dist.wheel.name, "gpuaas_sdk-*.whl")  # what `make build` writes
        assert "pip install /path/to/gpuaas-sdk " in description

    def test_the_readme_names_the_commands_it_installs_and_no_other(self, user_env):
        description = wheel_metadata(user_env).partition("\n\n")[2]
        scripts = set(PYPROJECT["project"]["scripts"])

        assert scripts == {"gpuaas-sim"}
        assert all((user_env.root / "bin" / script).is_file() for script in scripts)
        assert "two commands: `python -m gpuaas_sdk`" in description
        assert "the CLI" not in description  # the platform's CLI is a separate program

    def test_the_simulator_command_without_its_extra_says_what_to_install(self, user_env):
        commands = [
            [user_env.root / "bin" / "gpuaas-sim", "--port", "0"],
            [user_env.python, "-m", "gpuaas_sim", "--port", "0"],
        ]
        for command in commands:
            result = user_env.run(*command)

            assert result.returncode == 1, result.stderr
            assert "Traceback" not in result.stderr
            assert result.stderr.count("\n") == 1, result.stderr
            assert "pip install 'gpuaas-sdk[sim]'" in result.stderr
            missing = re.search(r"\((\S+) is not installed\)", result.stderr)
            assert missing is not None, result.stderr  # what is missing, named
            assert missing.group(1) in {"starlette", "uvicorn", "wsproto", "jsonschema", "yaml"}
            assert result.stdout == ""

    def test_the_sdk_itself_works_without_the_simulator(self, user_env):
        result = user_env.run(
            user_env.python,
            "-c",
            "from gpuaas_sdk import Client; from gpuaas_sdk.errors import SDKError;"
            "from gpuaas_api.api.allocations import get_allocation;"
            "Client('http://127.0.0.1:9', auth='token').close()",
        )

        assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def unpacked_sdist(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("sdist")
    with tarfile.open(dist.sdist) as archive:
        archive.extractall(where, filter="data")
    (root,) = where.iterdir()
    return root


class TestTheSdist:
    """`nox -s tests-3.13` (in `make test`) runs the whole suite from the unpacked sdist;
    these are the quick checks of what it ships."""

    def test_ships_the_licence_the_changelog_and_what_the_tests_read(self, unpacked_sdist):
        for path in (
            "LICENSE", "CHANGELOG.md", "README.md", "examples", "docs", "scripts", "drills",
        ):  # fmt: skip
            assert (unpacked_sdist / path).exists(), path
        assert not (unpacked_sdist / ".git").exists()

    def test_ships_the_bundled_xterm_js_though_git_ignores_it(self, unpacked_sdist):
        vendor = unpacked_sdist / XTERM_BUNDLE.relative_to(ROOT)

        assert (vendor / "xterm.js").is_file() and (vendor / "addon-fit.js").is_file()
        assert not (unpacked_sdist / "node_modules").exists()

    def test_every_test_module_of_it_imports_from_the_unpacked_folder(self, unpacked_sdist):
        own_code = os.pathsep.join(str(unpacked_sdist / p) for p in ("src", "generated"))
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
            cwd=unpacked_sdist,
            env={**os.environ, "PYTHONPATH": own_code},  # the sdist's code comes first
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )

        assert result.returncode == 0, result.stdout[-4000:]
        assert re.search(r"^\d+ tests collected", result.stdout, re.MULTILINE), result.stdout
