"""Sessions behind `make test`. `make` runs them in .venv with `--no-venv`;
`nox` alone builds a fresh environment per session."""

import nox

nox.options.sessions = ["lint", "typecheck", "generated", "tests"]
nox.options.default_venv_backend = "venv"
PYTHON = "3.11"


def install(session: nox.Session) -> None:
    if session.venv_backend != "none":
        session.install("-e", ".[sim,testing]", "--group", "dev")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """The contracts (Redocly for OpenAPI, @asyncapi/parser) and the hand-written Python (ruff)."""
    install(session)
    session.run("npx", "--no-install", "redocly", "lint", "--format", "summary", external=True)
    session.run("node", "codegen/validate_asyncapi.mjs", external=True)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the facade, and over the generated package it relies on."""
    install(session)
    session.run("mypy")
    session.run("mypy", "--strict", "generated/gpuaas_api")


@nox.session(python=PYTHON)
def generated(session: nox.Session) -> None:
    """generated/ and the sync facade must equal what their pipelines produce."""
    install(session)
    session.run("python", "codegen/generate.py", "--check")
    session.run("python", "scripts/unasync.py", "--check")
    session.run("python", "scripts/raw_views.py", "--check")
    session.run("python", "codegen/render_mocks.py", "--check")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Unit tests (respx), end-to-end tests over loopback and the conformance run."""
    install(session)
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """The benchmark suite (not in the default sessions: figures never pass or fail a build)."""
    if session.venv_backend != "none":
        session.install("-e", ".[sim,testing]", "--group", "dev", "--group", "bench")
    session.run("python", "bench/run.py", *session.posargs)
