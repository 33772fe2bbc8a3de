"""`client.ssh_keys`: the caller's SSH public keys, for `allocations.create(ssh_key_ids=...)`."""

from __future__ import annotations

from gpuaas_api.api.allocations import add_ssh_key, delete_ssh_key, get_ssh_key, list_ssh_keys
from gpuaas_api.models import SshKey, SshKeyCreate, SshKeyPage

from .._core.call import Call, unset_if_none


def _list(cursor: str | None, limit: int | None) -> Call[SshKeyPage]:
    return Call(
        list_ssh_keys, {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)}, SshKeyPage
    )


def _add(name: str, public_key: str, idempotency_key: str | None) -> Call[SshKey]:
    return Call(
        add_ssh_key,
        {
            "body": SshKeyCreate(name=name, public_key=public_key),
            "idempotency_key": unset_if_none(idempotency_key),
        },
        SshKey,
    )


def _get(ssh_key_id: str) -> Call[SshKey]:
    return Call(get_ssh_key, {"ssh_key_id": ssh_key_id}, SshKey)


def _delete(ssh_key_id: str) -> Call[None]:
    return Call(delete_ssh_key, {"ssh_key_id": ssh_key_id}, type(None))
