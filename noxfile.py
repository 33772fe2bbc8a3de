"""Sessions behind `make test`. `make` runs most of them in .venv with `--no-venv`; the
suite on the newest Python (`tests-3.13`, run from the sdist) and on the lowest allowed
dependencies (`lowest`) get venvs of their own. `nox` alone builds a fresh environment
per session."""

import shutil
import tarfile
import tempfile
import tomllib
from pathlib import Path

import nox
from packaging.requirements import Requirement

nox.options.sessions = ["lint", "typecheck", "generated", "docs", "tests", "httpx2", "lowest"]
nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = True  # a Python the package claims is never skipped
PYTHON = "3.11"
PYTHONS = ["3.11", "3.12", "3.13"]  # the classifiers in pyproject.toml say the same
PYPROJECT = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
SIM_PYPROJECT = tomllib.loads(Path("gpuaas-sim/pyproject.toml").read_text(encoding="utf-8"))
# The extras the tests use, of each distribution (the Makefile's DEV_INSTALL says the same).
SDK_EXTRAS = "testing,redis,service-account,terminal,cli"
SIM_EXTRAS = "postgres"
OWN_DISTRIBUTIONS = {"gpuaas-sdk", "gpuaas-sim"}


def install(session: nox.Session, *groups: str, constraints: Path | None = None) -> None:
    """Both distributions, editable, with their extras and the given dependency groups (in
    .venv: already there)."""
    if session.venv_backend == "none":
        return
    install_pip(session)
    args = ["-e", f".[{SDK_EXTRAS}]", "-e", f"./gpuaas-sim[{SIM_EXTRAS}]"]
    args += [arg for group in groups for arg in ("--group", group)]
    if constraints is not None:
        args += ["--constraint", str(constraints)]
    session.install(*args)


def install_pip(session: nox.Session) -> None:
    """`--group` needs pip 25.1; a new venv has the interpreter's own, older one."""
    session.install("pip>=25.1")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """The contracts (Redocly for OpenAPI, @asyncapi/parser) and the hand-written Python (ruff)."""
    install(session, "dev")
    session.run("npx", "--no-install", "redocly", "lint", "--format", "summary", external=True)
    session.run("node", "codegen/validate_asyncapi.mjs", external=True)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the facade, and over the generated package it relies on."""
    install(session, "dev")
    session.run("mypy")
    session.run("mypy", "--strict", "generated/gpuaas_api")


@nox.session(python=PYTHON)
def generated(session: nox.Session) -> None:
    """generated/ and the sync facade must equal what their pipelines produce."""
    install(session, "dev")
    session.run("python", "codegen/generate.py", "--check")
    session.run("python", "scripts/unasync.py", "--check")
    session.run("python", "scripts/raw_views.py", "--check")
    session.run("python", "codegen/render_mocks.py", "--check")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """The documentation site builds with no broken reference (`make docs` keeps the result)."""
    if session.venv_backend != "none":
        session.install("--group", "docs")
    with tempfile.TemporaryDirectory() as site:
        session.run("mkdocs", "build", "--strict", "--quiet", "--site-dir", site)


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Unit tests (respx), end-to-end tests over loopback and the conformance run.

    In .venv (`--no-venv`) they run from the checkout. In a venv of their own they run as a
    user of the sdists would run them: from the unpacked sdist of gpuaas-sdk, against both
    distributions installed from their sdists (each built into a wheel by pip), so a file
    the tests or a package need and an sdist lacks fails the run.
    """
    if session.venv_backend == "none":
        session.run("python", "-m", "pytest", *session.posargs)
        return
    install_pip(session)
    session.install("--group", "test")
    where = Path(session.create_tmp()) / "sdist"
    shutil.rmtree(where, ignore_errors=True)
    for project in (".", "gpuaas-sim"):
        session.run(
            "python", "-m", "build", "--sdist", "--outdir", str(where), project, silent=True
        )
    (sdk,) = where.glob("gpuaas_sdk-*.tar.gz")
    (sim,) = where.glob("gpuaas_sim-*.tar.gz")
    session.install(f"{sdk}[{SDK_EXTRAS}]", f"{sim}[{SIM_EXTRAS}]")
    with tarfile.open(sdk) as sdist:
        sdist.extractall(where, filter="data")
    session.chdir(sdk.with_name(sdk.name.removesuffix(".tar.gz")))
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session(python=PYTHON)
def httpx2(session: nox.Session) -> None:
    """The SDK on its second HTTP stack (`GPUAAS_HTTP_STACK=httpx2`): the end-to-end tests,
    the testing plugin's fakes and the transports' tests. The rest of the unit tests patch
    httpx with respx, which does not reach httpx2; they run on httpx in `tests`."""
    install(session, "test")
    session.run(
        "python", "-m", "pytest", "tests/e2e", "tests/unit/test_testing_plugin.py",
        "tests/unit/test_transports.py", *session.posargs,
        env={"GPUAAS_HTTP_STACK": "httpx2"},
    )  # fmt: skip


@nox.session(python=PYTHON)
def lowest(session: nox.Session) -> None:
    """Unit, end-to-end and fleet tests on the lowest versions both distributions allow:
    proves the floors (the SDK's feature extras' too)."""
    floors = session.create_tmp() + "/lowest-constraints.txt"
    Path(floors).write_text("\n".join(lowest_versions()) + "\n", encoding="utf-8")
    install(session, "test", constraints=Path(floors))
    session.run(
        "python", "-m", "pytest", "tests/unit", "tests/e2e", "tests/fleet", *session.posargs
    )


def lowest_versions() -> list[str]:
    """`name==floor` for every runtime dependency of both distributions and every one of
    the SDK's feature extras (`service-account`, `terminal`, `redis`, `cli`)."""
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    # gpuaas-sim's own are listed where its hatch_build.py reads them (with the SDK's pin).
    sim = SIM_PYPROJECT["tool"]["hatch"]["metadata"]["hooks"]["custom"]["dependencies"]
    features = [*extras["service-account"], *extras["terminal"], *extras["redis"], *extras["cli"]]
    pins = []
    for line in [*project["dependencies"], *features, *sim]:
        requirement = Requirement(line)
        if requirement.name in OWN_DISTRIBUTIONS:
            continue  # installed from the checkout
        floors = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        if len(floors) != 1:
            raise ValueError(f"{line!r}: every dependency needs one lower bound (>=) to test")
        pins.append(f"{requirement.name}=={floors[0]}")
    return sorted(set(pins))


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """The benchmark suite (not in the default sessions: figures never pass or fail a build)."""
    install(session, "dev", "bench")
    session.run("python", "bench/run.py", *session.posargs)
