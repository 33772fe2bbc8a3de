"""`client.service_accounts`: accounts for agents and services, and (`.keys`) their keys.

A key created or rotated without `public_key_pem` comes back with its private
half in `private_key_pem`, and with `signing_secret` when the account is
`signing_required`: shown once, so store them at once (an automatic
Idempotency-Key lets a retried create recover them after a lost response).
`rotate` and `revoke` act on the account's credentials as a whole; `.keys` on one key.
"""

from __future__ import annotations

from collections.abc import Collection

from gpuaas_api.api.service_accounts import (
    create_service_account,
    create_service_account_key,
    delete_service_account,
    get_service_account,
    list_service_account_keys,
    list_service_accounts,
    revoke_service_account,
    revoke_service_account_key,
    rotate_service_account,
    rotate_service_account_key,
)
from gpuaas_api.models import (
    PrincipalKind,
    ServiceAccount,
    ServiceAccountCreate,
    ServiceAccountKeyAlgorithm,
    ServiceAccountKeyCreate,
    ServiceAccountKeyCreated,
    ServiceAccountKeyPage,
    ServiceAccountKeyRotate,
    ServiceAccountKeyStatus,
    ServiceAccountPage,
    ServiceAccountRevocation,
)

from .._core.call import Call, unset_if_none
from ..errors import ArgumentError


def _list(
    cursor: str | None, project_id: str | None, limit: int | None
) -> Call[ServiceAccountPage]:
    return Call(
        list_service_accounts,
        {
            "cursor": unset_if_none(cursor),
            "project_id": unset_if_none(project_id),
            "limit": unset_if_none(limit),
        },
        ServiceAccountPage,
    )


def _create(
    name: str,
    principal_kind: str,
    project_id: str | None,
    monthly_spend_cap_minor: int | None,
    currency: str | None,
    signing_required: bool,
    roles: Collection[str] | None,
    idempotency_key: str | None,
) -> Call[ServiceAccount]:
    body = ServiceAccountCreate(
        name=name,
        principal_kind=PrincipalKind(principal_kind),
        project_id=unset_if_none(project_id),
        monthly_spend_cap_minor=unset_if_none(monthly_spend_cap_minor),
        currency=unset_if_none(currency),
        signing_required=signing_required,
        roles=unset_if_none(list(roles) if roles is not None else None),
    )
    return Call(
        create_service_account,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        ServiceAccount,
    )


def _get(account_id: str) -> Call[ServiceAccount]:
    return Call(get_service_account, {"service_account_id": account_id}, ServiceAccount)


def _delete(account_id: str) -> Call[None]:
    return Call(delete_service_account, {"service_account_id": account_id}, type(None))


def _algorithm(algorithm: str | None) -> ServiceAccountKeyAlgorithm | None:
    return ServiceAccountKeyAlgorithm(algorithm) if algorithm else None


def _list_keys(
    account_id: str, cursor: str | None, status: str | None, limit: int | None
) -> Call[ServiceAccountKeyPage]:
    return Call(
        list_service_account_keys,
        {
            "service_account_id": account_id,
            "cursor": unset_if_none(cursor),
            "status": unset_if_none(ServiceAccountKeyStatus(status) if status else None),
            "limit": unset_if_none(limit),
        },
        ServiceAccountKeyPage,
    )


def _create_key(
    account_id: str,
    public_key_pem: str | None,
    algorithm: str | None,
    idempotency_key: str | None,
) -> Call[ServiceAccountKeyCreated]:
    body = ServiceAccountKeyCreate(
        public_key_pem=unset_if_none(public_key_pem), algorithm=unset_if_none(_algorithm(algorithm))
    )
    return Call(
        create_service_account_key,
        {
            "service_account_id": account_id,
            "body": body,
            "idempotency_key": unset_if_none(idempotency_key),
        },
        ServiceAccountKeyCreated,
    )


def _rotation(
    public_key_pem: str | None, algorithm: str | None, grace_seconds: int
) -> ServiceAccountKeyRotate:
    if grace_seconds < 0:
        raise ArgumentError(
            f"previous_key_grace_seconds must be 0 (expire at once) or more (got {grace_seconds})"
        )
    return ServiceAccountKeyRotate(
        public_key_pem=unset_if_none(public_key_pem),
        algorithm=unset_if_none(_algorithm(algorithm)),
        previous_key_grace_seconds=grace_seconds,
    )


def _rotate_key(
    account_id: str,
    key_id: str,
    public_key_pem: str | None,
    algorithm: str | None,
    grace_seconds: int,
    idempotency_key: str | None,
) -> Call[ServiceAccountKeyCreated]:
    return Call(
        rotate_service_account_key,
        {
            "service_account_id": account_id,
            "key_id": key_id,
            "body": _rotation(public_key_pem, algorithm, grace_seconds),
            "idempotency_key": unset_if_none(idempotency_key),
        },
        ServiceAccountKeyCreated,
    )


def _rotate(
    account_id: str,
    public_key_pem: str | None,
    algorithm: str | None,
    grace_seconds: int,
    idempotency_key: str | None,
) -> Call[ServiceAccountKeyCreated]:
    return Call(
        rotate_service_account,
        {
            "service_account_id": account_id,
            "body": _rotation(public_key_pem, algorithm, grace_seconds),
            "idempotency_key": unset_if_none(idempotency_key),
        },
        ServiceAccountKeyCreated,
    )


def _revoke(account_id: str, idempotency_key: str | None) -> Call[ServiceAccountRevocation]:
    return Call(
        revoke_service_account,
        {"service_account_id": account_id, "idempotency_key": unset_if_none(idempotency_key)},
        ServiceAccountRevocation,
    )


def _revoke_key(account_id: str, key_id: str) -> Call[None]:
    return Call(
        revoke_service_account_key,
        {"service_account_id": account_id, "key_id": key_id},
        type(None),
    )
