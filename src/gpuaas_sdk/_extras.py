"""Optional dependencies: each extra of `gpuaas-sdk` serves one feature.

A feature imports its extra's packages only when used; without them it raises an
`ImportError` that names the extra to install, not the module that was missing.
"""

from __future__ import annotations

__all__ = ["DISTRIBUTION", "install_hint", "missing_extra"]

DISTRIBUTION = "gpuaas-sdk"


def install_hint(extra: str) -> str:
    """The command that installs an extra, quoted for a shell."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def missing_extra(exc: ModuleNotFoundError, *, extra: str, needs: str) -> ImportError:
    """What to raise in place of `exc`: `needs` says what needs which package.

    Raise it `from exc`: a missing module that the extra does not bring is a bug, and
    the original error stays visible as the cause.
    """
    return ImportError(f"{needs}, which is not installed: {install_hint(extra)}", name=exc.name)
