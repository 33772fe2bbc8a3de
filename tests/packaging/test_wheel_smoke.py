"""The wheel smoke test: both wheels in a fresh environment outside the repository, the
installed `gpuaas-sim` serving on loopback, the SDK's smoke check against it, a user's
tests with the `mock_client` and `sim_client` fixtures; and what each wheel holds.

The wheels are those `make build` makes (each built from its sdist, see conftest.py).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import tarfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
from packaging.requirements import Requirement

from .conftest import PYPROJECT, ROOT, VERSION, XTERM_BUNDLE, Dist, UserEnv, new_env, sim_pyproject

pytestmark = pytest.mark.repository_only("builds the wheels and the sdists from the checkout")

USER_PROJECT = Path(__file__).parent / "user_project"
DEV_LOGIN = {"GPUAAS_USERNAME": "dev-user", "GPUAAS_PASSWORD": "dev123"}
SIM_START_DEADLINE = 120.0
"""Seconds the installed simulator may take to say where it listens (generous: CI is busy)."""


def assert_smoke_check_passes(env: UserEnv, base_url: str, config_home: Path) -> None:
    """The check a deploy script runs against a platform: `gpuaas doctor --round-trip`."""
    result = env.run(
        env.bin / "gpuaas",
        "doctor",
        "--round-trip",
        GPUAAS_BASE_URL=base_url,
        XDG_CONFIG_HOME=str(config_home),
        **DEV_LOGIN,
    )

    assert result.returncode == 0, result.stderr
    assert f"health: ok (platform 1.0.0) at {base_url}" in result.stdout
    assert "whoami: " in result.stdout
    assert re.search(r"round trip: \S+ released", result.stdout), result.stdout


@pytest.fixture(scope="module")
def both(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> UserEnv:
    """What `pip install 'gpuaas-sdk[testing,sim,cli]'` installs, from the two wheels."""
    return new_env(tmp_path_factory, f"{dist.sdk_wheel}[testing,sim,cli]", dist.sim_wheel)


@pytest.fixture(scope="module")
def sdk_only(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> UserEnv:
    """`pip install 'gpuaas-sdk[testing]'`: the fixtures, without the simulator."""
    return new_env(tmp_path_factory, f"{dist.sdk_wheel}[testing]")


@pytest.fixture(scope="module")
def installed_simulator(both: UserEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The installed `gpuaas-sim` command on a free loopback port: its base URL."""
    log = tmp_path_factory.mktemp("sim-log") / "gpuaas-sim.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(both.bin / "gpuaas-sim"), "--port", "0", "--clock-speed", "50"],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=both.environ(),
            cwd=both.root,
        )
    try:
        deadline = time.monotonic() + SIM_START_DEADLINE
        while not (found := re.search(r"listening on (http://127\.0\.0\.1:\d+)", log.read_text())):
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"no start line: {log.read_text()}"
            time.sleep(0.1)
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=30)


def run_user_project(env: UserEnv, where: Path) -> subprocess.CompletedProcess[str]:
    """The user's project copied outside the repository, its tests run with the env's pytest."""
    project = where / "launcher"
    shutil.copytree(USER_PROJECT, project)
    return env.run(
        env.python,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
        cwd=project,
        XDG_CONFIG_HOME=str(where / "config"),
    )


def members(wheel: Path) -> list[PurePosixPath]:
    with zipfile.ZipFile(wheel) as archive:
        return [PurePosixPath(name) for name in archive.namelist()]


class TestBothWheelsInstalled:
    def test_the_simulator_comes_with_the_sdk_of_its_own_version(self, both):
        metadata = both.metadata("gpuaas-sim")
        requires = [
            Requirement(line.removeprefix("Requires-Dist: "))
            for line in metadata.splitlines()
            if line.startswith("Requires-Dist: ")
        ]

        assert {"gpuaas-sdk", "gpuaas-sim", "respx", "pytest", "starlette"} <= both.distributions()
        assert f"Version: {VERSION}\n" in metadata
        assert both.python_says("import gpuaas_sdk; print(gpuaas_sdk.__version__)") == VERSION
        sdk = [str(r) for r in requires if r.name == "gpuaas-sdk"]
        assert sdk == [f"gpuaas-sdk=={VERSION}"]  # its contract is that SDK's generated layer
        others = [r for r in requires if r.name != "gpuaas-sdk"]
        assert others and all(s.operator != "==" for r in others for s in r.specifier)
        assert "License-Expression: Apache-2.0" in metadata
        licence = both.site / f"gpuaas_sim-{VERSION}.dist-info" / "licenses" / "LICENSE"
        assert licence.read_text(encoding="utf-8") == (ROOT / "LICENSE").read_text("utf-8")

    def test_the_installed_simulator_passes_the_smoke_check(
        self, both, installed_simulator, tmp_path
    ):
        assert_smoke_check_passes(both, installed_simulator, tmp_path)

    def test_a_users_tests_pass_with_the_mock_and_sim_fixtures(self, both, tmp_path):
        result = run_user_project(both, tmp_path)

        assert result.returncode == 0, result.stdout[-4000:]
        assert re.search(r"^4 passed", result.stdout, re.MULTILINE), result.stdout

    def test_the_simulator_ships_the_terminal_pages_xterm_js_with_its_licences(self, both):
        vendor = both.site / "gpuaas_sim" / "static" / "assets" / "vendor" / "xterm"

        assert XTERM_BUNDLE.is_dir(), "run `make setup`: it bundles xterm.js before a build"
        assert sorted(p.name for p in vendor.iterdir()) == sorted(
            p.name for p in XTERM_BUNDLE.iterdir()
        )
        assert "Copyright (c)" in (vendor / "LICENSE-xterm.txt").read_text(encoding="utf-8")

    def test_every_command_is_installed_and_named_in_the_readme(self, both):
        readme = both.metadata("gpuaas-sdk").partition("\n\n")[2]
        scripts = {
            *PYPROJECT["project"].get("scripts", {}),
            *sim_pyproject()["project"]["scripts"],
        }

        assert "gpuaas-sim" in scripts
        for script in scripts:
            assert (both.bin / script).is_file(), script
            assert re.search(rf"`{re.escape(script)}[` ]", readme), script  # `name` or `name ...`


class TestWithoutTheSimulator:
    def test_the_simulator_fixtures_fail_saying_what_to_install(self, sdk_only, tmp_path):
        result = run_user_project(sdk_only, tmp_path)

        assert "gpuaas-sim" not in sdk_only.distributions()
        assert result.returncode == 1, result.stdout[-4000:]
        assert re.search(r"^1 passed, 3 errors", result.stdout, re.MULTILINE), result.stdout
        assert result.stdout.count("which is not installed: pip install gpuaas-sim") == 3


class TestWheelContents:
    def test_each_wheel_holds_its_own_packages(self, dist):
        tops = {
            wheel: {m.parts[0] for m in members(wheel) if ".dist-info" not in m.parts[0]}
            for wheel in (dist.sdk_wheel, dist.sim_wheel)
        }

        assert tops[dist.sdk_wheel] == {"gpuaas_sdk", "gpuaas_api"}
        assert tops[dist.sim_wheel] == {"gpuaas_sim"}

    def test_no_tests_and_no_caches(self, dist):
        for wheel in (dist.sdk_wheel, dist.sim_wheel):
            for member in members(wheel):
                assert not {"tests", "test", "__pycache__"} & set(member.parts), member
                assert not member.name.startswith(("test_", "conftest", ".")), member
                assert member.suffix not in {".pyc", ".pyo", ".orig", ".rej", ".log"}, member

    def test_every_package_is_marked_typed(self, dist):
        for wheel, packages in (
            (dist.sdk_wheel, ("gpuaas_sdk", "gpuaas_api")),
            (dist.sim_wheel, ("gpuaas_sim",)),
        ):
            names = set(members(wheel))
            for package in packages:
                assert PurePosixPath(package, "py.typed") in names, (wheel.name, package)

    def test_the_simulator_takes_only_the_contract_and_error_catalog_from_the_sdk(self, dist):
        """`gpuaas_api`'s bundled contract and error catalog, never the facade: that is
        why gpuaas-sim requires gpuaas-sdk (docs/architecture.md)."""
        imported: set[str] = set()
        with zipfile.ZipFile(dist.sim_wheel) as archive:
            for name in archive.namelist():
                if name.endswith(".py"):
                    for node in ast.walk(ast.parse(archive.read(name))):
                        if isinstance(node, ast.ImportFrom) and node.level == 0:
                            imported.add(node.module or "")
                        elif isinstance(node, ast.Import):
                            imported.update(alias.name for alias in node.names)
                    if b'files("gpuaas_api")' in archive.read(name):
                        imported.add("gpuaas_api/openapi.yaml")

        ours = {
            m for m in imported if m.split(".")[0].split("/")[0] in {"gpuaas_sdk", "gpuaas_api"}
        }
        assert ours == {"gpuaas_api.exceptions", "gpuaas_api/openapi.yaml"}


class TestTheSimulatorSdist:
    def test_holds_the_package_and_how_to_build_it_and_nothing_else(self, dist):
        with tarfile.open(dist.sim_sdist) as archive:
            names = [PurePosixPath(n) for n in archive.getnames()]
        top = f"gpuaas_sim-{VERSION}"
        files = {n.relative_to(top) for n in names}

        assert {
            PurePosixPath(p)
            for p in ("pyproject.toml", "hatch_build.py", "README.md", "LICENSE", "PKG-INFO")
        } <= files
        assert {p.parts[0] for p in files} <= {
            "pyproject.toml", "hatch_build.py", "README.md", "LICENSE", "PKG-INFO",
            ".gitignore", "src",
        }  # fmt: skip
        assert PurePosixPath("src/gpuaas_sim/__init__.py") in files
        assert PurePosixPath("src/gpuaas_sim/static/assets/vendor/xterm/xterm.js") in files
        assert not [p for p in files if "__pycache__" in p.parts or p.suffix == ".pyc"]
