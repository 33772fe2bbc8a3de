from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.allocation_release_reason import AllocationReleaseReason
from ..models.allocation_status import AllocationStatus

if TYPE_CHECKING:
    from ..models.connection import Connection
    from ..models.labels import Labels
    from ..models.volume_mount import VolumeMount


T = TypeVar("T", bound="Allocation")


@_attrs_define
class Allocation:
    """
    Example:
        {'id': 'alloc-4f9c2a', 'status': 'active', 'sku': 'h200-sxm-slice', 'gpus_total': 1, 'region_code': 'us-
            buffalo-1', 'project_id': 'prj-default', 'ssh_key_ids': ['key-7f2e'], 'created_at': '2026-04-01T12:00:00Z',
            'updated_at': '2026-04-01T12:00:03Z', 'failure_reason': None, 'connection': {'private_ip': '10.40.0.12',
            'ssh_host': 'ssh.us-buffalo-1.gpuaas.example.com', 'ssh_port': 22012, 'ssh_user': 'ubuntu'}, 'labels': {'run':
            'nightly-42'}, 'price_per_hour_minor': 349, 'cost_minor': 58, 'currency': 'USD', 'lease_seconds': None,
            'lease_expires_at': None, 'max_runtime_seconds': None, 'release_reason': None, 'created_by': 'usr-dev-user',
            'price_per_gpu_hour_minor': 349, 'quote_id': 'qt-3b1f9a07', 'hold_id': None, 'reservation_id': None, 'fleet_id':
            None, 'volumes': [{'volume_id': 'vol-5d2e8c41', 'mount_point': '/data'}]}

    Attributes:
        id (str):
        status (AllocationStatus): `pending → provisioning → active → releasing → released`, or `failed` with
            a `failure_reason`. New states may be added; clients must tolerate them.
        sku (str):
        gpus_total (int):
        region_code (str):
        project_id (str):
        ssh_key_ids (list[str]):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        failure_reason (None | str): Why the allocation failed; null unless `status` is `failed`.
        connection (Connection | None): How to reach the allocation; null until it is `active`.
        labels (Labels): Your own key/value tags (at most 16), to find and clean up allocations later
            (`listAllocations?label=key=value`). Keys: lower-case letters, digits and `._/-`,
            starting and ending with a letter or digit, at most 63 characters; values: at most
            63 printable characters.
             Example: {'run': 'nightly-42'}.
        price_per_hour_minor (int): What one hour of it costs while `active`: `price_per_gpu_hour_minor` times
            `gpus_total`.
        cost_minor (int): What it has cost so far: its `active` time at `price_per_hour_minor`, as billing
            charges it (its usage records add up to this). It stops growing once the
            allocation leaves `active`.
        currency (str):
        lease_seconds (int | None): The lease it was created with (null: none). The platform releases an allocation
            whose lease is not renewed (`renewAllocationLease`) by `lease_expires_at`, after
            a short grace period.
        lease_expires_at (datetime.datetime | None): When the lease runs out unless renewed; null without a lease, and
            once the
            allocation is releasing, released or failed.
        max_runtime_seconds (int | None): The longest it may stay `active` (null: no limit); the platform releases it
            then, so it is never billed for more.
        release_reason (AllocationReleaseReason | None): Why it is releasing or released (null before that, and when it
            failed).
        price_per_gpu_hour_minor (int): What one GPU-hour of this allocation is charged, fixed when it was created: the
            quote's price when it was created with `quote_id`, else the SKU's price in force at
            that moment; 0 inside a reservation (the reservation is billed instead).
        quote_id (None | str): The quote whose price it is charged at; null when it was created without one.
        hold_id (None | str): The capacity hold its GPUs were drawn from, if any.
        reservation_id (None | str): The reservation it runs in (and ends with), if any.
        fleet_id (None | str): The fleet it is a member of, if any.
        created_by (None | str): The principal that created it (the `principal_id` who-am-I answers), so a caller
            can pick out its own allocations from the tenant's; null when the platform made it.
        volumes (list[VolumeMount]): Block volumes attached to it now, with their mount points.
    """

    id: str
    status: AllocationStatus
    sku: str
    gpus_total: int
    region_code: str
    project_id: str
    ssh_key_ids: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    failure_reason: None | str
    connection: Connection | None
    labels: Labels
    price_per_hour_minor: int
    cost_minor: int
    currency: str
    lease_seconds: int | None
    lease_expires_at: datetime.datetime | None
    max_runtime_seconds: int | None
    release_reason: AllocationReleaseReason | None
    price_per_gpu_hour_minor: int
    quote_id: None | str
    hold_id: None | str
    reservation_id: None | str
    fleet_id: None | str
    created_by: None | str
    volumes: list[VolumeMount]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        sku = self.sku

        gpus_total = self.gpus_total

        region_code = self.region_code

        project_id = self.project_id

        ssh_key_ids = self.ssh_key_ids

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        failure_reason: None | str
        failure_reason = self.failure_reason

        connection: dict[str, Any] | None
        if isinstance(self.connection, Connection):
            connection = self.connection.to_dict()
        else:
            connection = self.connection

        labels = self.labels.to_dict()

        price_per_hour_minor = self.price_per_hour_minor

        cost_minor = self.cost_minor

        currency = self.currency

        lease_seconds: int | None
        lease_seconds = self.lease_seconds

        lease_expires_at: None | str
        if isinstance(self.lease_expires_at, datetime.datetime):
            lease_expires_at = self.lease_expires_at.isoformat()
        else:
            lease_expires_at = self.lease_expires_at

        max_runtime_seconds: int | None
        max_runtime_seconds = self.max_runtime_seconds

        release_reason: None | str
        if isinstance(self.release_reason, AllocationReleaseReason):
            release_reason = self.release_reason.value
        else:
            release_reason = self.release_reason

        price_per_gpu_hour_minor = self.price_per_gpu_hour_minor

        quote_id: None | str
        quote_id = self.quote_id

        hold_id: None | str
        hold_id = self.hold_id

        reservation_id: None | str
        reservation_id = self.reservation_id

        fleet_id: None | str
        fleet_id = self.fleet_id

        created_by: None | str
        created_by = self.created_by

        volumes = []
        for volumes_item_data in self.volumes:
            volumes_item = volumes_item_data.to_dict()
            volumes.append(volumes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "sku": sku,
                "gpus_total": gpus_total,
                "region_code": region_code,
                "project_id": project_id,
                "ssh_key_ids": ssh_key_ids,
                "created_at": created_at,
                "updated_at": updated_at,
                "failure_reason": failure_reason,
                "connection": connection,
                "labels": labels,
                "price_per_hour_minor": price_per_hour_minor,
                "cost_minor": cost_minor,
                "currency": currency,
                "lease_seconds": lease_seconds,
                "lease_expires_at": lease_expires_at,
                "max_runtime_seconds": max_runtime_seconds,
                "release_reason": release_reason,
                "price_per_gpu_hour_minor": price_per_gpu_hour_minor,
                "quote_id": quote_id,
                "hold_id": hold_id,
                "reservation_id": reservation_id,
                "fleet_id": fleet_id,
                "created_by": created_by,
                "volumes": volumes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        status = AllocationStatus.from_value(src_dict["status"])

        sku = src_dict["sku"]

        gpus_total = src_dict["gpus_total"]

        region_code = src_dict["region_code"]

        project_id = src_dict["project_id"]

        ssh_key_ids = cast(list[str], src_dict["ssh_key_ids"])

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        updated_at = datetime.datetime.fromisoformat(src_dict["updated_at"])

        failure_reason: None | str = src_dict["failure_reason"]

        def _parse_connection(data: object) -> Connection | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                connection_type_0 = Connection.from_dict(data)

                return connection_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Connection | None, data)

        connection = _parse_connection(src_dict["connection"])

        labels = Labels.from_dict(src_dict["labels"])

        price_per_hour_minor = src_dict["price_per_hour_minor"]

        cost_minor = src_dict["cost_minor"]

        currency = src_dict["currency"]

        lease_seconds: int | None = src_dict["lease_seconds"]

        def _parse_lease_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                lease_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return lease_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        lease_expires_at = _parse_lease_expires_at(src_dict["lease_expires_at"])

        max_runtime_seconds: int | None = src_dict["max_runtime_seconds"]

        def _parse_release_reason(data: object) -> AllocationReleaseReason | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                release_reason_type_0 = AllocationReleaseReason.from_value(data)

                return release_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AllocationReleaseReason | None, data)

        release_reason = _parse_release_reason(src_dict["release_reason"])

        price_per_gpu_hour_minor = src_dict["price_per_gpu_hour_minor"]

        quote_id: None | str = src_dict["quote_id"]

        hold_id: None | str = src_dict["hold_id"]

        reservation_id: None | str = src_dict["reservation_id"]

        fleet_id: None | str = src_dict["fleet_id"]

        created_by: None | str = src_dict["created_by"]

        volumes = []
        _volumes = src_dict["volumes"]
        for volumes_item_data in _volumes:
            volumes_item = VolumeMount.from_dict(volumes_item_data)

            volumes.append(volumes_item)

        # Positional, in the order of the class's fields: faster than keywords.
        allocation = cls(
            id,
            status,
            sku,
            gpus_total,
            region_code,
            project_id,
            ssh_key_ids,
            created_at,
            updated_at,
            failure_reason,
            connection,
            labels,
            price_per_hour_minor,
            cost_minor,
            currency,
            lease_seconds,
            lease_expires_at,
            max_runtime_seconds,
            release_reason,
            price_per_gpu_hour_minor,
            quote_id,
            hold_id,
            reservation_id,
            fleet_id,
            created_by,
            volumes,
        )
        if len(src_dict) > 26:
            known = {
                "id",
                "status",
                "sku",
                "gpus_total",
                "region_code",
                "project_id",
                "ssh_key_ids",
                "created_at",
                "updated_at",
                "failure_reason",
                "connection",
                "labels",
                "price_per_hour_minor",
                "cost_minor",
                "currency",
                "lease_seconds",
                "lease_expires_at",
                "max_runtime_seconds",
                "release_reason",
                "price_per_gpu_hour_minor",
                "quote_id",
                "hold_id",
                "reservation_id",
                "fleet_id",
                "created_by",
                "volumes",
            }
            allocation.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return allocation

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# The models this one refers to, imported once its class exists (so that models referring
# to each other import cleanly): module globals, not imports run by every from_dict call.
from ..models.connection import Connection  # noqa: E402
from ..models.labels import Labels  # noqa: E402
from ..models.volume_mount import VolumeMount  # noqa: E402
