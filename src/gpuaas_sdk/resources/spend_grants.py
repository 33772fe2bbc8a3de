"""`client.spend_grants`: money delegated to unattended callers (agents, CI)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from gpuaas_api.api.spend_grants import (
    create_spend_grant,
    get_spend_grant,
    list_spend_grants,
    revoke_spend_grant,
)
from gpuaas_api.models import SpendGrant, SpendGrantCreate, SpendGrantCreated, SpendGrantPage

from .._core.call import Call, unset_if_none
from ..errors import ArgumentError
from .billing import Instant, _instant


def _create(
    name: str,
    amount_minor: int,
    currency: str,
    expires_at: Instant,
    allowed_skus: Collection[str],
    project_id: str | None,
    idempotency_key: str | None,
) -> Call[SpendGrantCreated]:
    if isinstance(allowed_skus, str) or not allowed_skus:
        raise ArgumentError("allowed_skus must list at least one SKU id, e.g. ['h200-sxm-slice']")
    ends = _instant("expires_at", expires_at)
    assert isinstance(ends, datetime)
    body = SpendGrantCreate(
        name=name,
        amount_minor=amount_minor,
        currency=currency,
        expires_at=ends,
        allowed_skus=list(allowed_skus),
        project_id=unset_if_none(project_id),
    )
    return Call(
        create_spend_grant,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        SpendGrantCreated,
    )


def _list(cursor: str | None, limit: int | None) -> Call[SpendGrantPage]:
    return Call(
        list_spend_grants,
        {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)},
        SpendGrantPage,
    )


def _get(grant_id: str) -> Call[SpendGrant]:
    return Call(get_spend_grant, {"grant_id": grant_id}, SpendGrant)


def _revoke(grant_id: str) -> Call[SpendGrant]:
    return Call(revoke_spend_grant, {"grant_id": grant_id}, SpendGrant)
