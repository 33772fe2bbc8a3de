"""`gpuaas-sim` and `python -m gpuaas_sim`: run the simulator, or say what is missing.

The simulator's web stack (Starlette, uvicorn, ...) comes with the `gpuaas-sim`
distribution. Where the package is importable without it (a checkout on the path, an
environment missing a dependency), a user gets one line saying what to install, not a
traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

OWN_PACKAGES = frozenset({"gpuaas_sim", "gpuaas_sdk", "gpuaas_api"})
MISSING_EXTRA = 1


def main(argv: Sequence[str] | None = None) -> int:
    try:
        from .cli import main as run
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").partition(".")[0]
        if not missing or missing in OWN_PACKAGES:
            raise  # a bug of ours, not a missing dependency
        print(
            f"gpuaas-sim needs the simulator's dependencies ({missing} is not installed):"
            " pip install gpuaas-sim",
            file=sys.stderr,
        )
        return MISSING_EXTRA
    run(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
