"""`client.allocations`: the calls its classes make (`_async/allocations.py`, `_sync/`)."""

from __future__ import annotations

from collections.abc import Collection

from gpuaas_api.api.allocations import (
    create_allocation,
    get_allocation,
    get_allocation_connection,
    list_allocations,
    mint_terminal_token,
    release_allocation,
)
from gpuaas_api.models import (
    Allocation,
    AllocationCreate,
    AllocationPage,
    AllocationStatus,
    Connection,
    TerminalToken,
)

from .._core.call import Call, unset_if_none


def _list(cursor: str | None, status: str | None, limit: int | None) -> Call[AllocationPage]:
    return Call(
        list_allocations,
        {
            "cursor": unset_if_none(cursor),
            "status": unset_if_none(AllocationStatus(status) if status else None),
            "limit": unset_if_none(limit),
        },
        AllocationPage,
    )


def _get(allocation_id: str) -> Call[Allocation]:
    return Call(get_allocation, {"allocation_id": allocation_id}, Allocation)


def _create(
    sku: str,
    gpus_total: int,
    region_code: str | None,
    project_id: str | None,
    ssh_key_ids: Collection[str] | None,
    idempotency_key: str | None,
) -> Call[Allocation]:
    body = AllocationCreate(
        sku=sku,
        gpus_total=gpus_total,
        region_code=unset_if_none(region_code),
        project_id=unset_if_none(project_id),
        ssh_key_ids=unset_if_none(list(ssh_key_ids) if ssh_key_ids is not None else None),
    )
    return Call(
        create_allocation,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        Allocation,
    )


def _release(allocation_id: str, idempotency_key: str | None) -> Call[Allocation]:
    return Call(
        release_allocation,
        {"allocation_id": allocation_id, "idempotency_key": unset_if_none(idempotency_key)},
        Allocation,
    )


def _connection(allocation_id: str) -> Call[Connection]:
    return Call(get_allocation_connection, {"allocation_id": allocation_id}, Connection)


def _terminal_token(allocation_id: str) -> Call[TerminalToken]:
    return Call(mint_terminal_token, {"allocation_id": allocation_id}, TerminalToken)
