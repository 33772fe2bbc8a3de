"""`/v1/auth/oidc/*`: the browser sign-in page, its form post and the code exchange.

A browser (it accepts `text/html`) that posts a wrong password gets the form again
with the message; a sign-in that ends, granted or denied, goes back to the client's
`redirect_uri` with a 303 (RFC 9700 §4.12: the form carried a password), or as JSON
to a client that asks for `application/json`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import string
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import ApiError, JSONResponse
from ..oidc import (
    AuthorizeParams,
    OidcProvider,
    SignInDenied,
    is_uri,
    parse_authorize_params,
    redirect_location,
)
from ..web import endpoint

if TYPE_CHECKING:
    from ..simulator import Simulator

NO_STORE = {"Cache-Control": "no-store"}
TOKEN_FIELDS = {"grant_type", "code", "redirect_uri", "client_id", "code_verifier"}
VERIFIER = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")
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


async def _form(request: Request) -> dict[str, list[str]]:
    """An `application/x-www-form-urlencoded` body, or 400."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/x-www-form-urlencoded":
        raise ApiError("invalid_request", "The body must be `application/x-www-form-urlencoded`.")
    try:
        text = (await request.body()).decode("utf-8")
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise ApiError("invalid_request", "The body is not a valid form.") from None


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

    def render(self, params: AuthorizeParams, *, username: str = "", alert: str = "") -> str:
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


def _token_fields(values: dict[str, list[str]]) -> dict[str, str]:
    """The token request's fields: 400 if missing or repeated, 422 if malformed."""
    for name in sorted(TOKEN_FIELDS):
        if not values.get(name):
            raise ApiError("invalid_request", f"Parameter `{name}` is required.")
        if len(values[name]) > 1:
            raise ApiError("invalid_request", f"Parameter `{name}` must be given once.")
    fields = {name: found[0] for name, found in values.items()}
    errors = [
        {"field": name, "reason": "unknown field"} for name in sorted(fields.keys() - TOKEN_FIELDS)
    ]
    if fields["grant_type"] != "authorization_code":
        errors.append({"field": "grant_type", "reason": "must be `authorization_code`"})
    for name, limit in (("code", 512), ("redirect_uri", 2048), ("client_id", 128)):
        if not 1 <= len(fields[name]) <= limit:
            errors.append({"field": name, "reason": f"must be 1 to {limit} characters"})
    if not is_uri(fields["redirect_uri"]):
        errors.append({"field": "redirect_uri", "reason": "must be a URI"})
    if not VERIFIER.fullmatch(fields["code_verifier"]):
        errors.append(
            {"field": "code_verifier", "reason": "must be 43 to 128 unreserved characters"}
        )
    if errors:
        raise ApiError(
            "validation_error", "The body failed validation.", details={"errors": errors}
        )
    return fields


def routes(sim: Simulator) -> list[Route]:
    providers: list[OidcProvider] = []
    page = _SignInPage()

    def provider() -> OidcProvider:
        """The provider of the simulator's identity now: `reset()` replaces it (codes too)."""
        if not providers or providers[-1].identity is not sim.identity:
            providers[:] = [OidcProvider(sim.clock, sim.identity)]
        return providers[-1]

    def finish(request: Request, params: AuthorizeParams, outcome: dict[str, str]) -> Response:
        """Send the browser back to the client with the outcome, or answer it as JSON."""
        location = redirect_location(params.redirect_uri, {**outcome, "state": params.state})
        if "application/json" in request.headers.get("accept", ""):
            body = {"location": location, **outcome, "state": params.state}
            return JSONResponse(body, headers=NO_STORE)
        return RedirectResponse(location, status_code=303, headers=NO_STORE)

    async def authorize_page(request: Request) -> Response:
        params = parse_authorize_params(
            {name: request.query_params.getlist(name) for name in request.query_params}
        )
        return HTMLResponse(page.render(params), headers=page.headers)

    async def authorize(request: Request) -> Response:
        values = await _form(request)
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
            denied = {
                "error": SignInDenied.error,
                "error_description": "The sign-in was cancelled.",
            }
            return finish(request, params, denied)
        try:
            code = provider().authorize(params, username, password)
        except SignInDenied as denied:
            outcome = {"error": denied.error, "error_description": denied.description}
            return finish(request, params, outcome)
        except ApiError as refused:
            if "text/html" not in request.headers.get("accept", ""):
                raise
            left = int(refused.details.get("attempts_left", 1))
            alert = _retry_message(left, typed=bool(username and password))
            return HTMLResponse(
                page.render(params, username=username, alert=alert),
                status_code=refused.status,
                headers={**page.headers, **refused.headers},
            )
        return finish(request, params, {"code": code})

    async def token(request: Request) -> Response:
        fields = _token_fields(await _form(request))
        grant = provider().exchange(
            fields["code"],
            redirect_uri=fields["redirect_uri"],
            client_id=fields["client_id"],
            verifier=fields["code_verifier"],
        )
        return JSONResponse(grant.to_json(), headers=NO_STORE)

    return [
        endpoint("/v1/auth/oidc/authorize", GET=authorize_page, POST=authorize),
        endpoint("/v1/auth/oidc/token", POST=token),
    ]
