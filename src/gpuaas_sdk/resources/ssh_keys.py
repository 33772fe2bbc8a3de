"""`client.ssh_keys`: the caller's SSH public keys, for `allocations.create(ssh_key_ids=...)`."""

from __future__ import annotations

from gpuaas_api.api.allocations import add_ssh_key, delete_ssh_key, get_ssh_key, list_ssh_keys
from gpuaas_api.models import SshKey, SshKeyCreate, SshKeyPage

from .._core.call import Call, unset_if_none
from .._core.pagination import AsyncPager, SyncPager
from ._base import AsyncResource, SyncResource

__all__ = ["AsyncSshKeysResource", "SshKeysResource"]


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


class SshKeysResource(SyncResource):
    def list(self, *, page_size: int | None = None) -> SyncPager[SshKey]:
        """The caller's SSH keys, newest first, fetched lazily."""
        return SyncPager(lambda c: self._run(_list(c, page_size)))

    def add(self, *, name: str, public_key: str, idempotency_key: str | None = None) -> SshKey:
        """Add a key in `authorized_keys` format; `AlreadyExists` names a duplicate's id."""
        return self._run(_add(name, public_key, idempotency_key))

    def get(self, ssh_key_id: str) -> SshKey:
        return self._run(_get(ssh_key_id))

    def delete(self, ssh_key_id: str) -> None:
        """Delete the key; `SSHKeyNotFound` if it is already gone."""
        self._run(_delete(ssh_key_id))


class AsyncSshKeysResource(AsyncResource):
    def list(self, *, page_size: int | None = None) -> AsyncPager[SshKey]:
        """The caller's SSH keys, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, page_size)))

    async def add(
        self, *, name: str, public_key: str, idempotency_key: str | None = None
    ) -> SshKey:
        """Add a key in `authorized_keys` format; `AlreadyExists` names a duplicate's id."""
        return await self._run(_add(name, public_key, idempotency_key))

    async def get(self, ssh_key_id: str) -> SshKey:
        return await self._run(_get(ssh_key_id))

    async def delete(self, ssh_key_id: str) -> None:
        """Delete the key; `SSHKeyNotFound` if it is already gone."""
        await self._run(_delete(ssh_key_id))
