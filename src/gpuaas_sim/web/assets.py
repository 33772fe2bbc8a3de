"""The pages' files: read from the package, served under `/assets/`, xterm.js if bundled.

xterm.js comes from npm (`@xterm/xterm`, `@xterm/addon-fit`, pinned in package.json) and
is copied into `static/assets/vendor/xterm/` by `scripts/bundle_web.py` at setup; it is
not committed. An installation without it (a checkout set up without Node) still serves
every page: the terminal page then says what is missing instead of a terminal.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources
from importlib.resources.abc import Traversable

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

__all__ = ["ASSETS_PATH", "XTERM_FILES", "assets_mount", "csp_hash", "static_text", "xterm_bundled"]

ASSETS_PATH = "/assets"
XTERM_FILES = ("xterm.js", "xterm.css", "addon-fit.js")
"""What `scripts/bundle_web.py` copies into `static/assets/vendor/xterm/` (with licences)."""


def _static() -> Traversable:
    return resources.files("gpuaas_sim").joinpath("static")


def static_text(name: str) -> str:
    """A text file of `gpuaas_sim/static/`."""
    return _static().joinpath(name).read_text("utf-8")


def xterm_bundled() -> bool:
    """Whether setup copied xterm.js into the package (looked up per page, so a later
    `make setup` needs no restart)."""
    folder = _static().joinpath("assets", "vendor", "xterm")
    return all(folder.joinpath(name).is_file() for name in XTERM_FILES)


def csp_hash(text: str) -> str:
    """The CSP source (`'sha256-...'`) allowing exactly this inline style or script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def assets_mount() -> Mount:
    """`/assets/...`: the pages' scripts and styles, and the bundled xterm.js."""
    return Mount(
        ASSETS_PATH,
        app=StaticFiles(packages=[("gpuaas_sim", "static/assets")]),
        name="assets",
    )
