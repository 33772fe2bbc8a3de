"""`GET /terminal/{allocation_id}`: the browser terminal page a terminal token opens.

The token travels in the URL's fragment (`#token=...`, the `page_url` of
`mintTerminalToken`), which browsers never send to a server, so it stays out of request
logs; the page's script reads it, forgets it from the address bar, and opens the
allocation's terminal WebSocket with the subprotocol that makes refusals readable (see
`http/terminal.py`). The page itself needs no credential and reveals nothing: it says
which allocation it is for and runs xterm.js, or says clearly why it cannot.
"""

from __future__ import annotations

import html
import string
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from .assets import ASSETS_PATH, static_text, xterm_bundled

__all__ = ["PAGE_PATH", "page_route", "terminal_page_url"]

PAGE_PATH = "/terminal/{allocation_id}"

_XTERM = f"{ASSETS_PATH}/vendor/xterm"
_WITH_XTERM = f"""<link rel="stylesheet" href="{_XTERM}/xterm.css">
<link rel="stylesheet" href="{ASSETS_PATH}/terminal.css">
<script src="{_XTERM}/xterm.js" defer></script>
<script src="{_XTERM}/addon-fit.js" defer></script>
<script src="{ASSETS_PATH}/terminal.js" defer></script>"""
_WITHOUT_XTERM = f'<link rel="stylesheet" href="{ASSETS_PATH}/terminal.css">'

_NOT_BUNDLED = """<section class="problem" role="alert">
<h1>The browser terminal is not installed here</h1>
<p>This copy of the GPUaaS simulator was set up without xterm.js, the terminal this page
runs. In a checkout of gpuaas-sdk, run <code>make setup</code> (it needs Node.js and npm)
and reload this page; a built wheel of the simulator includes it.</p>
<p>Your terminal link was not used: it still works once xterm.js is installed, until it
expires. From Python, <code>client.allocations.open_terminal(allocation_id)</code> reaches
the same shell.</p>
</section>"""

_TERMINAL = """<main id="terminal" class="terminal" data-allocation-id="{allocation_id}"></main>
<section id="problem" class="problem" role="alert" hidden>
<h1 id="problem-title"></h1>
<p id="problem-text"></p>
</section>
<noscript><section class="problem" role="alert"><h1>This page needs JavaScript</h1>
<p>The browser terminal runs in the page: allow JavaScript for this site and reload.</p>
</section></noscript>"""

_CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; img-src data:; "
    # xterm.js adds <style> elements for its theme and cursor at run time.
    "style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": _CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def terminal_page_url(origin: str, allocation_id: str, token: str) -> str:
    """Where a browser opens the allocation's terminal with `token` (in the fragment)."""
    return f"{origin}/terminal/{quote(allocation_id, safe='')}#token={quote(token, safe='')}"


class _Page:
    def __init__(self) -> None:
        self._template = string.Template(static_text("terminal.html"))
        icon = static_text("favicon.svg").strip().replace('"', "'")
        self._favicon = "data:image/svg+xml," + quote(icon, safe="=:/'")

    def render(self, allocation_id: str) -> str:
        shown = html.escape(allocation_id)
        bundled = xterm_bundled()
        return self._template.substitute(
            favicon=self._favicon,
            allocation_id=shown,
            head=_WITH_XTERM if bundled else _WITHOUT_XTERM,
            state="Connecting…" if bundled else "Not available",
            body=_TERMINAL.format(allocation_id=shown) if bundled else _NOT_BUNDLED,
        )


_PAGE = _Page()


async def terminal_page(request: Request) -> Response:
    return HTMLResponse(_PAGE.render(request.path_params["allocation_id"]), headers=HEADERS)


def page_route() -> Route:
    return Route(PAGE_PATH, terminal_page, methods=["GET"], name="terminal_page")
