"""What a user of gpuaas-sdk alone gets from its wheel and its sdist, outside the repository.

The wheel goes into a fresh virtual environment with its dependencies resolved as a
user's `pip install gpuaas_sdk-*.whl` would (without extras); the sdist is unpacked and
its own test suite is collected from there. The simulator's distribution, and both
together, are in test_wheel_smoke.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from fnmatch import fnmatch
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from .conftest import PYPROJECT, ROOT, VERSION, Dist, UserEnv, new_env, sim_pyproject

pytestmark = pytest.mark.repository_only("builds the wheels and the sdists from the checkout")

FEATURE_PACKAGES = {"pyjwt", "cryptography", "httpx-ws", "wsproto", "redis"}
"""What the SDK's feature extras bring (`service-account`, `terminal`, `redis`)."""


@pytest.fixture(scope="module")
def user_env(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> UserEnv:
    return new_env(tmp_path_factory, dist.sdk_wheel)


def wheel_metadata(env: UserEnv) -> str:
    return env.metadata("gpuaas-sdk")


class TestTheWheelInAFreshEnvironment:
    def test_installs_the_runtime_dependencies_and_nothing_unused(self, user_env):
        installed = user_env.distributions()

        assert {"gpuaas-sdk", "httpx", "httpx-sse", "attrs", "filelock", "tqdm"} <= installed
        assert "python-dateutil" not in installed
        assert installed.isdisjoint(FEATURE_PACKAGES)  # each comes with its extra only
        assert installed.isdisjoint({"gpuaas-sim", "starlette", "uvicorn", "respx", "pytest"})

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

        for package in ("gpuaas_sdk", "gpuaas_api"):
            assert (site / package / "py.typed").is_file(), package
        assert not (site / "gpuaas_sim").exists()  # the other distribution's

    def test_has_one_version_the_one_in_the_source(self, user_env):
        for project in (PYPROJECT, sim_pyproject()):  # gpuaas-sim's is the SDK's too
            assert "version" in project["project"]["dynamic"]
            assert "version" not in project["project"]
        assert f"Version: {VERSION}\n" in wheel_metadata(user_env)
        assert user_env.python_says("import gpuaas_sdk; print(gpuaas_sdk.__version__)") == VERSION
        result = user_env.run(user_env.python, "-m", "gpuaas_sdk", "--version")
        assert result.stdout == f"gpuaas-sdk {VERSION}\n"

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

    def test_the_readme_says_how_to_install_it_in_your_own_project(self, user_env, dist):
        description = wheel_metadata(user_env).partition("\n\n")[2]

        assert "pip install gpuaas-sdk " in description
        assert "pip install 'gpuaas-sdk[testing]' gpuaas-sim " in description
        assert "pip install /path/to/gpuaas-sdk /path/to/gpuaas-sdk/gpuaas-sim " in description
        built = re.search(r"make build && pip install (\S+) (\S+) ", description)
        assert built is not None, "the README says how to install the wheels `make build` makes"
        assert fnmatch(dist.sdk_wheel.name, Path(built.group(1)).name)
        assert fnmatch(dist.sim_wheel.name, Path(built.group(2)).name)

    def test_the_readme_names_every_extra(self, user_env):
        description = wheel_metadata(user_env).partition("\n\n")[2]

        for extra in PYPROJECT["project"]["optional-dependencies"]:
            assert f"`{extra}`" in description, extra
        for extra in sim_pyproject()["project"]["optional-dependencies"]:
            assert f"gpuaas-sim[{extra}]" in description, extra

    def test_brings_no_simulator_command(self, user_env):
        assert not (user_env.bin / "gpuaas-sim").exists()
        result = user_env.run(user_env.python, "-m", "gpuaas_sim", "--port", "0")

        assert result.returncode == 1
        assert "No module named gpuaas_sim" in result.stderr

    def test_the_simulator_from_a_checkout_without_its_dependencies_says_what_to_install(
        self, user_env
    ):
        # The package on the path (a checkout), its web stack not installed.
        result = user_env.run(
            user_env.python, "-m", "gpuaas_sim", "--port", "0", PYTHONPATH=str(ROOT / "src")
        )

        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.endswith(": pip install gpuaas-sim\n"), result.stderr
        missing = re.search(r"\((\S+) is not installed\)", result.stderr)
        assert missing is not None, result.stderr  # what is missing, named
        assert missing.group(1) in {"starlette", "uvicorn", "wsproto", "jsonschema", "yaml"}
        assert result.stdout == ""

    def test_each_feature_without_its_extra_says_which_to_install(self, user_env):
        code = """
from gpuaas_sdk import Client
for name, attempt in [
    ("service-account", lambda: __import__("gpuaas_sdk.auth").auth.ServiceAccountAuth),
    ("terminal", lambda: Client("http://127.0.0.1:9", auth="t").allocations.open_terminal("a")),
]:
    try:
        attempt()
    except ImportError as exc:
        print(name, "->", exc)
"""
        lines = user_env.python_says(code).splitlines()

        assert lines == [
            "service-account -> ServiceAccountAuth needs PyJWT and cryptography, which is"
            " not installed: pip install 'gpuaas-sdk[service-account]'",
            "terminal -> an allocation's terminal needs httpx-ws, which is not installed:"
            " pip install 'gpuaas-sdk[terminal]'",
        ]

    def test_the_command_line_without_its_extra_says_which_to_install(self, user_env):
        result = user_env.run(user_env.bin / "gpuaas", "allocations", "list")
        version = user_env.run(user_env.bin / "gpuaas", "--version")

        assert result.returncode == 1
        assert "pip install 'gpuaas-sdk[cli]'" in result.stderr
        assert version.returncode == 0 and version.stdout.startswith("gpuaas-sdk ")

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
    with tarfile.open(dist.sdk_sdist) as archive:
        archive.extractall(where, filter="data")
    (root,) = where.iterdir()
    return root


class TestTheSdist:
    """`nox -s tests-3.13` (in `make test`) runs the whole suite from the unpacked sdist,
    with both distributions installed from their sdists; these are the quick checks of
    what it ships."""

    def test_ships_the_licence_the_changelog_and_what_the_tests_read(self, unpacked_sdist):
        for path in (
            "LICENSE", "CHANGELOG.md", "README.md", "examples", "docs", "scripts", "drills",
        ):  # fmt: skip
            assert (unpacked_sdist / path).exists(), path
        assert not (unpacked_sdist / ".git").exists()

    def test_ships_the_sdk_and_not_the_simulator(self, unpacked_sdist):
        assert (unpacked_sdist / "src" / "gpuaas_sdk" / "py.typed").is_file()
        assert (unpacked_sdist / "generated" / "gpuaas_api" / "openapi.yaml").is_file()
        assert not (unpacked_sdist / "src" / "gpuaas_sim").exists()  # in gpuaas-sim's sdist
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
