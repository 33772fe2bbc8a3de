"""The browser sign-in: the page, its form post and the code exchange (OIDC + PKCE).

A browser (it accepts `text/html`) that posts a wrong password gets the form again
with the message; a sign-in that ends, granted or denied, goes back to the client's
`redirect_uri` with a 303 (RFC 9700 §4.12: the form carried a password), or as JSON
to a client that asks for `application/json`.

The sign-in form answers a person, not a program, so its handler reads the form itself
(`check_form=False`); the authorize query and the token request are checked against the
contract like any other operation.
"""

from __future__ import annotations

import base64
import hashlib
import html
import string
from importlib import resources
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ...platform.errors import ApiError
from ...platform.oidc import (
    AuthorizeParams,
    SignInDenied,
    parse_authorize_params,
    redirect_location,
)
from ..registry import Call, Reply, operation
from ..responses import JSONResponse

NO_STORE = {"Cache-Control": "no-store"}
FORM_FIELDS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "code_challenge",
    "code_challenge_method",
    "state",
    "tenant_hint",
)
ACTIONS = ("sign_in", "cancel")


def _static(name: str) -> str:
    return resources.files("gpuaas_sim").joinpath("static", name).read_text("utf-8")


class _SignInPage:
    """The sign-in page: inline style and icon, so a page on loopback fetches nothing else."""

    def __init__(self) -> None:
        self._template = string.Template(_static("signin.html"))
        self._css = _static("signin.css")
        icon = _static("favicon.svg").strip().replace('"', "'")
        self._favicon = "data:image/svg+xml," + quote(icon, safe="=:/'")
        style_hash = base64.b64encode(hashlib.sha256(self._css.encode()).digest()).decode()
        self.headers = {
            **NO_STORE,
            "Content-Security-Policy": (
                f"default-src 'none'; style-src 'sha256-{style_hash}'; img-src data:; "
                "base-uri 'none'; frame-ancestors 'none'"
            ),
            "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff",
        }

    def render(
        self, params: AuthorizeParams, root: str, *, username: str = "", alert: str = ""
    ) -> str:
        """The page; `root` is the path the platform is served under (a sandbox's prefix)."""
        fields = {
            "response_type": "code",
            "client_id": params.client_id,
            "redirect_uri": params.redirect_uri,
            "code_challenge": params.code_challenge,
            "code_challenge_method": "S256",
            "state": params.state,
        }
        if params.tenant_hint is not None:
            fields["tenant_hint"] = params.tenant_hint
        hidden = "\n".join(
            f'<input type="hidden" name="{name}" value="{html.escape(value)}">'
            for name, value in fields.items()
        )
        tenant = params.tenant_hint
        return self._template.substitute(
            action=html.escape(root + AUTHORIZE_PATH),
            css=self._css,
            favicon=self._favicon,
            client_id=html.escape(params.client_id),
            tenant=f" (tenant <strong>{html.escape(tenant)}</strong>)" if tenant else "",
            alert=f'<p class="alert" id="alert" role="alert">{html.escape(alert)}</p>\n'
            if alert
            else "",
            hidden=hidden,
            username=html.escape(username),
            username_extra="" if username else " autofocus",
            password_extra=' autofocus aria-invalid="true" aria-describedby="alert"'
            if alert
            else "",
        )


def _retry_message(attempts_left: int, *, typed: bool) -> str:
    if not typed:
        return "Enter your username and password."
    tries = "1 attempt" if attempts_left == 1 else f"{attempts_left} attempts"
    return f"The username or password is wrong. Try again ({tries} left)."


def _single(values: dict[str, list[str]], name: str, default: str) -> str:
    found = values.get(name, [default])
    if len(found) != 1:
        raise ApiError("invalid_request", f"Parameter `{name}` must be given once.")
    return found[0]


_PAGE = _SignInPage()
AUTHORIZE_PATH = "/v1/auth/oidc/authorize"


def _root(call: Call) -> str:
    return str(call.request.scope.get("root_path", ""))


def _finish(request: Request, params: AuthorizeParams, outcome: dict[str, str]) -> Response:
    """Send the browser back to the client with the outcome, or answer it as JSON."""
    location = redirect_location(params.redirect_uri, {**outcome, "state": params.state})
    if "application/json" in request.headers.get("accept", ""):
        body = {"location": location, **outcome, "state": params.state}
        return JSONResponse(body, headers=NO_STORE)
    return RedirectResponse(location, status_code=303, headers=NO_STORE)


@operation("authorizeOidc")
def authorize_page(call: Call) -> Response:
    query = call.request.query_params
    params = parse_authorize_params({name: query.getlist(name) for name in query})
    return HTMLResponse(_PAGE.render(params, _root(call)), headers=_PAGE.headers)


@operation("completeOidcAuthorization", check_form=False)
def authorize(call: Call) -> Response:
    request, values = call.request, call.read.form or {}
    params = parse_authorize_params({k: v for k, v in values.items() if k in FORM_FIELDS})
    unknown = sorted(values.keys() - {*FORM_FIELDS, "username", "password", "action"})
    if unknown:
        raise ApiError("invalid_request", f"Unknown parameter `{unknown[0]}`.")
    action = _single(values, "action", "sign_in")
    if action not in ACTIONS:
        raise ApiError("invalid_request", "Parameter `action` must be `sign_in` or `cancel`.")
    username = _single(values, "username", "")
    password = _single(values, "password", "")
    for name, value, limit in (("username", username, 128), ("password", password, 256)):
        if len(value) > limit:
            raise ApiError(
                "invalid_request", f"Parameter `{name}` must be at most {limit} characters."
            )
    if action == "cancel":
        denied = {"error": SignInDenied.error, "error_description": "The sign-in was cancelled."}
        return _finish(request, params, denied)
    try:
        code = call.sim.oidc.authorize(params, username, password)
    except SignInDenied as denied:
        outcome = {"error": denied.error, "error_description": denied.description}
        return _finish(request, params, outcome)
    except ApiError as refused:
        if "text/html" not in request.headers.get("accept", ""):
            raise
        left = int(refused.details.get("attempts_left", 1))
        alert = _retry_message(left, typed=bool(username and password))
        return HTMLResponse(
            _PAGE.render(params, _root(call), username=username, alert=alert),
            status_code=refused.status,
            headers={**_PAGE.headers, **refused.headers},
        )
    return _finish(request, params, {"code": code})


@operation("exchangeOidcCode")
def token(call: Call) -> Reply:
    fields = call.body
    grant = call.sim.oidc.exchange(
        fields["code"],
        redirect_uri=fields["redirect_uri"],
        client_id=fields["client_id"],
        verifier=fields["code_verifier"],
    )
    return Reply(grant.to_json(), NO_STORE)
