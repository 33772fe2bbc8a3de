"""`client.volumes`: block volumes that outlive allocations, attached at a mount point."""

from __future__ import annotations

from gpuaas_api.api.volumes import (
    attach_volume,
    create_volume,
    delete_volume,
    detach_volume,
    get_volume,
    list_volumes,
)
from gpuaas_api.models import Volume, VolumeCreate, VolumeMount, VolumePage

from .._core.call import Call, unset_if_none


def _create(
    name: str, size_gb: int, region_code: str, project_id: str | None, idempotency_key: str | None
) -> Call[Volume]:
    body = VolumeCreate(
        name=name, size_gb=size_gb, region_code=region_code, project_id=unset_if_none(project_id)
    )
    return Call(
        create_volume, {"body": body, "idempotency_key": unset_if_none(idempotency_key)}, Volume
    )


def _list(cursor: str | None, limit: int | None) -> Call[VolumePage]:
    return Call(
        list_volumes, {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)}, VolumePage
    )


def _get(volume_id: str) -> Call[Volume]:
    return Call(get_volume, {"volume_id": volume_id}, Volume)


def _delete(volume_id: str) -> Call[None]:
    return Call(delete_volume, {"volume_id": volume_id}, type(None))


def _attach(volume_id: str, allocation_id: str, mount_point: str) -> Call[Volume]:
    body = VolumeMount(volume_id=volume_id, mount_point=mount_point)
    return Call(attach_volume, {"allocation_id": allocation_id, "body": body}, Volume)


def _detach(volume_id: str, allocation_id: str) -> Call[Volume]:
    return Call(detach_volume, {"allocation_id": allocation_id, "volume_id": volume_id}, Volume)
