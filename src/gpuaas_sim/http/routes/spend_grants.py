"""Spend grants: money delegated to unattended callers, and what they spent and committed."""

from __future__ import annotations

from typing import Any

from ...platform.errors import ApiError
from ...platform.grants import SpendGrant
from ..pagination import page_of
from ..registry import Call, operation


def _render(call: Call, grant: SpendGrant) -> dict[str, Any]:
    now = call.sim.clock.now()
    spent, committed = call.sim.admission.grant_usage(grant.id, grant.created_at, now)
    return grant.to_json(now, spent, committed)


@operation("createSpendGrant")
def create_spend_grant(call: Call) -> dict[str, Any]:
    sim, body = call.sim, call.body
    skus = tuple(body["allowed_skus"])
    unknown = [sku for sku in skus if sim.catalog.sku(sku) is None]
    if unknown:
        raise ApiError("sku_not_found", f"No SKU {unknown[0]!r}.", details={"sku": unknown[0]})
    project = sim.allocation_book.project_of(call.caller, body.get("project_id"))
    grant, token = sim.grants.create(
        call.caller,
        name=body["name"],
        amount_minor=body["amount_minor"],
        currency=body["currency"],
        expires_at=body["expires_at"],
        allowed_skus=skus,
        project_id=project,
    )
    return {"grant": _render(call, grant), "token": token}


@operation("listSpendGrants")
def list_spend_grants(call: Call) -> dict[str, Any]:
    return page_of(
        call.query,
        call.sim.grants.visible_to(call.caller),
        kind="spend-grants",
        position=lambda g: g.seq,
        render=lambda g: _render(call, g),
        descending=True,
    )


@operation("getSpendGrant")
def get_spend_grant(call: Call) -> dict[str, Any]:
    return _render(call, call.sim.grants.get(call.caller, call.path["grant_id"]))


@operation("revokeSpendGrant")
def revoke_spend_grant(call: Call) -> dict[str, Any]:
    return _render(call, call.sim.grants.revoke(call.caller, call.path["grant_id"]))
