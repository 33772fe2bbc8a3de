"""Dev login, refresh-token rotation, logout and who-am-I."""

from __future__ import annotations

from typing import Any

from ..auth import bearer_token
from ..registry import Call, Reply, operation

NO_STORE = {"Cache-Control": "no-store"}


@operation("devLogin")
def dev_login(call: Call) -> Reply:
    grant = call.sim.identity.login(call.body["username"], call.body["password"])
    return Reply(grant.to_json(), NO_STORE)


@operation("refreshToken")
def refresh_token(call: Call) -> Reply:
    return Reply(call.sim.identity.refresh(call.body["refresh_token"]).to_json(), NO_STORE)


@operation("logout")
def logout(call: Call) -> None:
    # The body is optional: none (or only whitespace) revokes the caller's login alone.
    call.sim.identity.logout(bearer_token(call.request), call.body.get("refresh_token"))


@operation("whoAmI")
def who_am_i(call: Call) -> dict[str, Any]:
    return call.caller.to_json()
