"""`client.volumes`: block volumes that outlive allocations, billed per GB-hour."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import Volume

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions
from .._lazy import RawResponses
from ..volumes import _attach, _create, _delete, _detach, _get, _list
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncVolumesResourceWithRawResponse


class AsyncVolumesResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncVolumesResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    async def create(
        self,
        size_gb: int,
        region_code: str,
        name: str,
        *,
        project_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Volume:
        """Create a block volume of `size_gb` GB in `region_code`; retried safely.

        It is billed per GB-hour until deleted (`price_per_tb_hour_minor` per 1,000
        GB-hours), attached or not. Attach it when creating an allocation
        (`allocations.create(..., volumes={"/data": volume.id})`) or later (`attach`).
        """
        call = _create(name, size_gb, region_code, project_id, idempotency_key)
        return await self._run(call, options)

    def list(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Volume]:
        """The tenant's volumes, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, page_size), options))

    async def get(self, volume_id: str, **options: Unpack[RequestOptions]) -> Volume:
        """A volume as it is now (`attachment` says where it is mounted); `VolumeNotFound`."""
        return await self._run(_get(volume_id), options)

    async def delete(self, volume_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete the volume and its data, for good; `VolumeInUse` while it is attached."""
        await self._run(_delete(volume_id), options)

    async def attach(
        self,
        volume_id: str,
        *,
        allocation_id: str,
        mount_point: str,
        **options: Unpack[RequestOptions],
    ) -> Volume:
        """Attach the volume to a live allocation of its region and project at `mount_point`.

        A block volume is attached to one allocation at a time (`VolumeInUse`); it is
        detached by itself when the allocation ends, its data kept.
        """
        return await self._run(_attach(volume_id, allocation_id, mount_point), options)

    async def detach(
        self, volume_id: str, *, allocation_id: str, **options: Unpack[RequestOptions]
    ) -> Volume:
        """Detach the volume from the allocation; it is `available` again, its data kept."""
        return await self._run(_detach(volume_id, allocation_id), options)
