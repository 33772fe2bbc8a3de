from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.labels import Labels
    from ..models.volume_mount import VolumeMount


T = TypeVar("T", bound="AllocationCreate")


@_attrs_define
class AllocationCreate:
    """
    Example:
        {'sku': 'h200-sxm-slice', 'gpus_total': 1, 'region_code': 'us-buffalo-1', 'ssh_key_ids': ['key-7f2e'], 'labels':
            {'run': 'nightly-42'}, 'lease_seconds': 300}

    Attributes:
        sku (str):
        gpus_total (int):
        region_code (str | Unset): Region to place the allocation in; the SKU's first region with capacity when omitted.
        project_id (str | Unset): Project to bill; the caller's default project when omitted.
        ssh_key_ids (list[str] | Unset):
        labels (Labels | Unset): Your own key/value tags (at most 16), to find and clean up allocations later
            (`listAllocations?label=key=value`). Keys: lower-case letters, digits and `._/-`,
            starting and ending with a letter or digit, at most 63 characters; values: at most
            63 printable characters.
             Example: {'run': 'nightly-42'}.
        lease_seconds (int | Unset): Hold the allocation on a lease: unless it is renewed (`renewAllocationLease`)
            within this many seconds of the last renewal (or of its creation), the platform
            releases it after a short grace period. A client that dies stops renewing, so its
            allocations do not outlive it for long. Spend limits count its cost up to the
            lease (or `max_runtime_seconds`, the shorter) as committed.
        max_runtime_seconds (int | Unset): The longest it may stay `active`; the platform releases it then. Spend limits
            count its cost up to then as committed.
        quote_id (str | Unset): Charge the quote's price (`POST /v1/catalog/quotes`) instead of the price in force.
            The quote must be the caller's tenant's, unexpired (`quote_expired`), and for this
            `sku`, `gpus_total` and region (`quote_mismatch`; without `region_code` the quote's
            region is used).
        max_price_per_gpu_hour_minor (int | Unset): The most one GPU-hour may cost; when the price it would be charged
            (the quote's,
            else the price in force) is higher, the create is refused with `price_cap_exceeded`
            rather than paid.
        hold_id (str | Unset): Draw the GPUs from this capacity hold (`POST /v1/catalog/holds`): while the hold is
            open, a create of its SKU and region within its remaining GPUs always finds them.
        reservation_id (str | Unset): Run inside this reservation, during its window, within its GPUs; the allocation is
            not charged on its own (the reservation is) and is released when the reservation ends.
        volumes (list[VolumeMount] | Unset): Block volumes to attach, each at its own mount point (same region).
    """

    sku: str
    gpus_total: int
    region_code: str | Unset = UNSET
    project_id: str | Unset = UNSET
    ssh_key_ids: list[str] | Unset = UNSET
    labels: Labels | Unset = UNSET
    lease_seconds: int | Unset = UNSET
    max_runtime_seconds: int | Unset = UNSET
    quote_id: str | Unset = UNSET
    max_price_per_gpu_hour_minor: int | Unset = UNSET
    hold_id: str | Unset = UNSET
    reservation_id: str | Unset = UNSET
    volumes: list[VolumeMount] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sku = self.sku

        gpus_total = self.gpus_total

        region_code = self.region_code

        project_id = self.project_id

        ssh_key_ids: list[str] | Unset = UNSET
        if not isinstance(self.ssh_key_ids, Unset):
            ssh_key_ids = self.ssh_key_ids

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        lease_seconds = self.lease_seconds

        max_runtime_seconds = self.max_runtime_seconds

        quote_id = self.quote_id

        max_price_per_gpu_hour_minor = self.max_price_per_gpu_hour_minor

        hold_id = self.hold_id

        reservation_id = self.reservation_id

        volumes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.volumes, Unset):
            volumes = []
            for volumes_item_data in self.volumes:
                volumes_item = volumes_item_data.to_dict()
                volumes.append(volumes_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sku": sku,
                "gpus_total": gpus_total,
            }
        )
        if region_code is not UNSET:
            field_dict["region_code"] = region_code
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if ssh_key_ids is not UNSET:
            field_dict["ssh_key_ids"] = ssh_key_ids
        if labels is not UNSET:
            field_dict["labels"] = labels
        if lease_seconds is not UNSET:
            field_dict["lease_seconds"] = lease_seconds
        if max_runtime_seconds is not UNSET:
            field_dict["max_runtime_seconds"] = max_runtime_seconds
        if quote_id is not UNSET:
            field_dict["quote_id"] = quote_id
        if max_price_per_gpu_hour_minor is not UNSET:
            field_dict["max_price_per_gpu_hour_minor"] = max_price_per_gpu_hour_minor
        if hold_id is not UNSET:
            field_dict["hold_id"] = hold_id
        if reservation_id is not UNSET:
            field_dict["reservation_id"] = reservation_id
        if volumes is not UNSET:
            field_dict["volumes"] = volumes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sku = d.pop("sku")

        gpus_total = d.pop("gpus_total")

        region_code = d.pop("region_code", UNSET)

        project_id = d.pop("project_id", UNSET)

        ssh_key_ids = cast(list[str], d.pop("ssh_key_ids", UNSET))

        _labels = d.pop("labels", UNSET)
        labels: Labels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = Labels.from_dict(_labels)

        lease_seconds = d.pop("lease_seconds", UNSET)

        max_runtime_seconds = d.pop("max_runtime_seconds", UNSET)

        quote_id = d.pop("quote_id", UNSET)

        max_price_per_gpu_hour_minor = d.pop("max_price_per_gpu_hour_minor", UNSET)

        hold_id = d.pop("hold_id", UNSET)

        reservation_id = d.pop("reservation_id", UNSET)

        _volumes = d.pop("volumes", UNSET)
        volumes: list[VolumeMount] | Unset = UNSET
        if _volumes is not UNSET:
            volumes = []
            for volumes_item_data in _volumes:
                volumes_item = VolumeMount.from_dict(volumes_item_data)

                volumes.append(volumes_item)

        # Positional, in the order of the class's fields: faster than keywords.
        allocation_create = cls(
            sku,
            gpus_total,
            region_code,
            project_id,
            ssh_key_ids,
            labels,
            lease_seconds,
            max_runtime_seconds,
            quote_id,
            max_price_per_gpu_hour_minor,
            hold_id,
            reservation_id,
            volumes,
        )

        return allocation_create


# The models this one refers to, imported once its class exists (so that models referring
# to each other import cleanly): module globals, not imports run by every from_dict call.
from ..models.labels import Labels  # noqa: E402
from ..models.volume_mount import VolumeMount  # noqa: E402
