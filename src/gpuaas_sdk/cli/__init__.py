"""The `gpuaas` command line: the SDK's facade in a terminal (Typer on Click, rich).

Typer, rich and PyYAML come with the `cli` extra and are imported here only when a
command runs, never by `import gpuaas_sdk`; without them the command says what to
install in one line. `--version` answers without them. The commands are in one small
module per area (`auth.py`, `allocations.py`, ...), the shared parts in `session.py`
(options, the client), `output.py` (table, JSON, YAML) and `exits.py` (exit codes).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .._version import __version__

__all__ = ["main"]

EXTRA_MODULES = ("typer", "rich", "yaml")
MISSING_EXTRA = 1


def _missing_extra() -> str | None:
    """The first module of the `cli` extra that cannot be imported, if any."""
    import importlib.util

    for name in EXTRA_MODULES:
        if importlib.util.find_spec(name) is None:
            return name
    return None


def main(argv: Sequence[str] | None = None, *, prog_name: str = "gpuaas") -> int:
    """Run the command line; return its exit code (the `gpuaas` script exits with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        print(f"gpuaas-sdk {__version__}")
        return 0
    missing = _missing_extra()
    if missing is not None:
        package = "PyYAML" if missing == "yaml" else missing
        print(
            f"{prog_name} needs the command line's dependencies ({package} is not installed):"
            " pip install 'gpuaas-sdk[cli]'",
            file=sys.stderr,
        )
        return MISSING_EXTRA
    from .app import run

    return run(args, prog_name=prog_name)
