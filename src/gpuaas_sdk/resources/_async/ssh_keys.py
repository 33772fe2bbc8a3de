"""`client.ssh_keys`: the caller's SSH public keys, for `allocations.create(ssh_key_ids=...)`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import SshKey

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions
from .._lazy import RawResponses
from ..ssh_keys import _add, _delete, _get, _list
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncSshKeysResourceWithRawResponse


class AsyncSshKeysResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncSshKeysResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[SshKey]:
        """The caller's SSH keys, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, page_size), options))

    async def add(
        self,
        *,
        name: str,
        public_key: str,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> SshKey:
        """Add a key in `authorized_keys` format; `AlreadyExists` names a duplicate's id."""
        return await self._run(_add(name, public_key, idempotency_key), options)

    async def get(self, ssh_key_id: str, **options: Unpack[RequestOptions]) -> SshKey:
        """One key by id; `SSHKeyNotFound` if there is none."""
        return await self._run(_get(ssh_key_id), options)

    async def delete(self, ssh_key_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete the key; `SSHKeyNotFound` if it is already gone."""
        await self._run(_delete(ssh_key_id), options)
