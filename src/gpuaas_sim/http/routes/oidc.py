"""The browser sign-in: the page, its form post and the code exchange (OIDC + PKCE).

The sign-in form answers a person, not a program, so its handler reads the form itself
(`check_form=False`); the authorize query and the token request are checked against the
contract like any other operation.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode, urlsplit, urlunsplit

from starlette.responses import HTMLResponse, RedirectResponse, Response

from ...platform.errors import ApiError
from ...platform.oidc import AuthorizeParams, parse_authorize_params
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


@operation("authorizeOidc")
def authorize_page(call: Call) -> Response:
    query = call.request.query_params
    params = parse_authorize_params({name: query.getlist(name) for name in query})
    return HTMLResponse(_sign_in_page(params), headers=NO_STORE)


@operation("completeOidcAuthorization", check_form=False)
def authorize(call: Call) -> Response:
    values = call.read.form or {}
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
    code = call.sim.oidc.authorize(params, username[0], password[0])
    location = _with_code(params.redirect_uri, code, params.state)
    if "application/json" in call.request.headers.get("accept", ""):
        body = {"location": location, "code": code, "state": params.state}
        return JSONResponse(body, headers=NO_STORE)
    return RedirectResponse(location, status_code=302, headers=NO_STORE)


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
