"""Service accounts and their keys (create, rotate, revoke)."""

from __future__ import annotations

from typing import Any

from ..pagination import page_of
from ..registry import Call, operation


@operation("listServiceAccounts")
def list_service_accounts(call: Call) -> dict[str, Any]:
    accounts = call.sim.service_accounts
    return page_of(
        call.query,
        accounts.visible_to(call.caller, call.query.get("project_id")),
        kind="service-accounts",
        position=lambda a: a.seq,
        render=accounts.render,
    )


@operation("createServiceAccount")
def create_service_account(call: Call) -> dict[str, Any]:
    accounts, body = call.sim.service_accounts, call.body
    account = accounts.create(
        call.caller,
        name=body["name"],
        principal_kind=body["principal_kind"],
        project_id=body.get("project_id"),
        monthly_spend_cap_minor=body.get("monthly_spend_cap_minor"),
        currency=body.get("currency"),
        signing_required=body["signing_required"],
        roles=tuple(body["roles"]) if body.get("roles") is not None else None,
    )
    return accounts.render(account)


@operation("getServiceAccount")
def get_service_account(call: Call) -> dict[str, Any]:
    accounts = call.sim.service_accounts
    return accounts.render(accounts.get(call.caller, call.path["service_account_id"]))


@operation("deleteServiceAccount")
def delete_service_account(call: Call) -> None:
    call.sim.service_accounts.delete(call.caller, call.path["service_account_id"])


@operation("listServiceAccountKeys")
def list_service_account_keys(call: Call) -> dict[str, Any]:
    status, now = call.query.get("status"), call.sim.clock.now()
    keys = call.sim.service_accounts.keys_of(call.caller, call.path["service_account_id"])
    return page_of(
        call.query,
        [k for k in keys if status in (None, k.status_at(now))],
        kind="service-account-keys",
        position=lambda k: k.seq,
        render=lambda k: k.to_json(now),
        descending=True,
    )


@operation("createServiceAccountKey")
def create_service_account_key(call: Call) -> dict[str, Any]:
    body = call.body
    return call.sim.service_accounts.create_key(
        call.caller,
        call.path["service_account_id"],
        body.get("public_key_pem"),
        body.get("algorithm"),
    )


@operation("rotateServiceAccountKey")
def rotate_service_account_key(call: Call) -> dict[str, Any]:
    body = call.body
    return call.sim.service_accounts.rotate_key(
        call.caller,
        call.path["service_account_id"],
        call.path["key_id"],
        body.get("public_key_pem"),
        body.get("algorithm"),
        body["previous_key_grace_seconds"],
    )


@operation("revokeServiceAccountKey")
def revoke_service_account_key(call: Call) -> None:
    call.sim.service_accounts.revoke_key(
        call.caller, call.path["service_account_id"], call.path["key_id"]
    )


@operation("rotateServiceAccount")
def rotate_service_account(call: Call) -> dict[str, Any]:
    body = call.body
    return call.sim.service_accounts.rotate(
        call.caller,
        call.path["service_account_id"],
        body.get("public_key_pem"),
        body.get("algorithm"),
        body["previous_key_grace_seconds"],
    )


@operation("revokeServiceAccount")
def revoke_service_account(call: Call) -> dict[str, Any]:
    return call.sim.service_accounts.revoke(call.caller, call.path["service_account_id"])
