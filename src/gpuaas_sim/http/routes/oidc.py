"""`/v1/auth/oidc/*`: the browser sign-in page, its form post and the code exchange."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ...platform.errors import ApiError, JSONResponse
from ...platform.oidc import AuthorizeParams, OidcProvider, is_uri, parse_authorize_params
from ..web import endpoint

if TYPE_CHECKING:
    from ...simulator import Simulator

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


def _sign_in_page(params: AuthorizeParams) -> str:
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
    return (
        "<!doctype html>\n<html><head><title>Sign in to GPUaaS</title></head><body>\n"
        '<form method="post" action="/v1/auth/oidc/authorize">\n'
        f"{hidden}\n"
        '<input name="username"><input name="password" type="password">\n'
        '<button type="submit">Sign in</button>\n</form></body></html>\n'
    )


def _with_code(redirect_uri: str, code: str, state: str) -> str:
    parts = urlsplit(redirect_uri)
    extra = urlencode({"code": code, "state": state})
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit(parts._replace(query=query))


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
    provider = OidcProvider(sim.clock, sim.identity)

    async def authorize_page(request: Request) -> Response:
        params = parse_authorize_params(
            {name: request.query_params.getlist(name) for name in request.query_params}
        )
        return HTMLResponse(_sign_in_page(params), headers=NO_STORE)

    async def authorize(request: Request) -> Response:
        values = await _form(request)
        params = parse_authorize_params({k: v for k, v in values.items() if k in FORM_FIELDS})
        unknown = sorted(values.keys() - {*FORM_FIELDS, "username", "password"})
        if unknown:
            raise ApiError("invalid_request", f"Unknown parameter `{unknown[0]}`.")
        username, password = values.get("username", []), values.get("password", [])
        for name, found, limit in (("username", username, 128), ("password", password, 256)):
            if len(found) != 1 or not 1 <= len(found[0]) <= limit:
                raise ApiError(
                    "invalid_request",
                    f"Parameter `{name}` must be given once, 1 to {limit} characters.",
                )
        code = provider.authorize(params, username[0], password[0])
        location = _with_code(params.redirect_uri, code, params.state)
        if "application/json" in request.headers.get("accept", ""):
            body = {"location": location, "code": code, "state": params.state}
            return JSONResponse(body, headers=NO_STORE)
        return RedirectResponse(location, status_code=302, headers=NO_STORE)

    async def token(request: Request) -> Response:
        fields = _token_fields(await _form(request))
        grant = provider.exchange(
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
