"""Block volumes: storage in one region that outlives the allocations it is attached to.

A volume is attached to at most one allocation at a time (block storage), in its region
and project, at a mount point free on that allocation. An attachment lasts while its
allocation holds GPUs: once the allocation is released or fails the volume is
`available` again, its data kept. A volume is billed per GB-hour from its creation to
its deletion, attached or not.
"""

from __future__ import annotations

import hashlib
import random
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import PersistedFields
from .allocations import Allocation, AllocationBook
from .catalog import Catalog
from .errors import ApiError
from .identity import Principal
from .ids import fresh_id

__all__ = ["PRICE_PER_TB_HOUR_MINOR", "Volume", "VolumeBook"]

PRICE_PER_TB_HOUR_MINOR = 14
"""1,000 GB-hours cost 14 cents (about USD 0.10 per GB-month)."""
_HOUR = timedelta(hours=1)


@dataclass
class Volume:
    id: str
    seq: int
    tenant_id: str
    project_id: str
    name: str
    size_gb: int
    region_code: str
    created_at: datetime
    deleted_at: datetime | None = None
    allocation_id: str | None = None
    mount_point: str | None = None

    def accrued_minor(self, at: datetime) -> int:
        """Its cost from creation to `at` (or its deletion)."""
        end = min(at, self.deleted_at) if self.deleted_at else at
        if end <= self.created_at:
            return 0
        gb_hours = self.size_gb * ((end - self.created_at) / _HOUR)
        return int(gb_hours * PRICE_PER_TB_HOUR_MINOR / 1000)


class VolumeBook(PersistedFields):
    """Every block volume and where it is attached."""

    def __init__(self, book: AllocationBook, catalog: Catalog, clock: SimClock, seed: int) -> None:
        self.book = book
        self.catalog = catalog
        self.clock = clock
        self.volumes: dict[str, Volume] = {}
        self._rng = random.Random(f"volumes-{seed}")
        self._seq = 0
        self._lock = threading.RLock()
        book.mounts_of = self.mounts_of
        book.other_charges.append(self.charged)

    # -- attachments ---------------------------------------------------------------

    def attached_to(self, volume: Volume, now: datetime) -> Allocation | None:
        """The live allocation it is attached to, if any."""
        if volume.allocation_id is None:
            return None
        allocation = self.book.allocations.get(volume.allocation_id)
        return allocation if allocation is not None and allocation.holds_gpus_at(now) else None

    def mounts_of(self, allocation_id: str, now: datetime) -> list[dict[str, Any]]:
        return [
            {"volume_id": v.id, "mount_point": v.mount_point}
            for v in sorted(self.volumes.values(), key=lambda v: v.seq)
            if v.deleted_at is None
            and v.allocation_id == allocation_id
            and self.attached_to(v, now) is not None
        ]

    def render(self, volume: Volume, now: datetime) -> dict[str, Any]:
        live = self.attached_to(volume, now)
        return {
            "id": volume.id,
            "name": volume.name,
            "size_gb": volume.size_gb,
            "region_code": volume.region_code,
            "project_id": volume.project_id,
            "status": "attached" if live else "available",
            "attachment": (
                {"allocation_id": live.id, "mount_point": volume.mount_point} if live else None
            ),
            "price_per_tb_hour_minor": PRICE_PER_TB_HOUR_MINOR,
            "currency": "USD",
            "created_at": format_time(volume.created_at),
        }

    # -- reads ---------------------------------------------------------------------

    def visible_to(self, principal: Principal) -> list[Volume]:
        mine = [
            v
            for v in self.volumes.values()
            if v.tenant_id == principal.tenant_id and v.deleted_at is None
        ]
        return sorted(mine, key=lambda v: v.seq, reverse=True)

    def get(self, principal: Principal, volume_id: str) -> Volume:
        volume = self.volumes.get(volume_id)
        if volume is None or volume.tenant_id != principal.tenant_id or volume.deleted_at:
            raise ApiError(
                "volume_not_found",
                f"No volume {volume_id!r} is visible to the caller.",
                details={"volume_id": volume_id},
            )
        return volume

    # -- writes ----------------------------------------------------------------------

    def create(
        self, principal: Principal, *, name: str, size_gb: int, region_code: str, project_id: str
    ) -> Volume:
        if region_code not in {r.code for r in self.catalog.regions}:
            raise ApiError(
                "validation_error",
                f"No region {region_code!r}.",
                details={"errors": [{"field": "region_code", "reason": "not a region"}]},
            )
        with self._lock:
            for other in self.volumes.values():
                if other.project_id == project_id and other.name == name and not other.deleted_at:
                    raise ApiError(
                        "already_exists",
                        f"Project {project_id} has a volume named {name!r}.",
                        details={"volume_id": other.id},
                    )
            self._seq += 1
            volume_id = fresh_id(self._rng, "vol", self.volumes)
            volume = Volume(
                id=volume_id,
                seq=self._seq,
                tenant_id=principal.tenant_id,
                project_id=project_id,
                name=name,
                size_gb=size_gb,
                region_code=region_code,
                created_at=self.clock.now(),
            )
            self.volumes[volume.id] = volume
            return volume

    def delete(self, principal: Principal, volume_id: str) -> None:
        with self._lock:
            volume = self.get(principal, volume_id)
            now = self.clock.now()
            live = self.attached_to(volume, now)
            if live is not None:
                raise ApiError(
                    "volume_in_use",
                    f"Volume {volume.id} is attached to {live.id}; detach it first.",
                    details={"volume_id": volume.id, "allocation_id": live.id},
                )
            volume.deleted_at = now

    def check_mounts(
        self, principal: Principal, mounts: list[tuple[str, str]], region: str, project: str
    ) -> list[Volume]:
        """The volumes of a create's `volumes`, if each can be attached (else 404/409/422)."""
        points = [point for _, point in mounts]
        if len(set(points)) != len(points):
            raise _invalid("volumes", "each volume needs a mount point of its own")
        if len({vid for vid, _ in mounts}) != len(mounts):
            raise _invalid("volumes", "a volume can be attached once")
        now = self.clock.now()
        found = []
        for volume_id, _ in mounts:
            volume = self.get(principal, volume_id)
            self._check_attachable(volume, region, project, now)
            found.append(volume)
        return found

    def attach(
        self, principal: Principal, allocation: Allocation, volume_id: str, mount_point: str
    ) -> Volume:
        with self._lock:
            now = self.clock.now()
            volume = self.get(principal, volume_id)
            if not allocation.holds_gpus_at(now):
                status = allocation.status_at(now)
                raise ApiError(
                    "invalid_state",
                    f"Allocation {allocation.id} is {status}: volumes attach to live allocations.",
                    details={"state": status, "allocation_id": allocation.id},
                )
            self._check_attachable(volume, allocation.region_code, allocation.project_id, now)
            if any(m["mount_point"] == mount_point for m in self.mounts_of(allocation.id, now)):
                raise _invalid("mount_point", f"{mount_point} is in use on {allocation.id}")
            self.mount(volume, allocation.id, mount_point)
            return volume

    @staticmethod
    def mount(volume: Volume, allocation_id: str, mount_point: str) -> None:
        volume.allocation_id, volume.mount_point = allocation_id, mount_point

    def detach(self, principal: Principal, allocation: Allocation, volume_id: str) -> Volume:
        with self._lock:
            volume = self.get(principal, volume_id)
            if (
                volume.allocation_id != allocation.id
                or self.attached_to(volume, self.clock.now()) is None
            ):
                raise ApiError(
                    "volume_not_found",
                    f"Volume {volume.id} is not attached to {allocation.id}.",
                    details={"volume_id": volume.id, "allocation_id": allocation.id},
                )
            volume.allocation_id = volume.mount_point = None
            return volume

    def _check_attachable(self, volume: Volume, region: str, project: str, now: datetime) -> None:
        live = self.attached_to(volume, now)
        if live is not None:
            raise ApiError(
                "volume_in_use",
                f"Volume {volume.id} is attached to {live.id}; detach it first.",
                details={"volume_id": volume.id, "allocation_id": live.id},
            )
        if volume.region_code != region:
            raise _invalid("volume_id", f"{volume.id} is in {volume.region_code}, not {region}")
        if volume.project_id != project:
            raise _invalid("volume_id", f"{volume.id} belongs to project {volume.project_id}")

    # -- billing ---------------------------------------------------------------------

    def charged(self, tenant_id: str, now: datetime) -> int:
        return sum(
            v.accrued_minor(now) for v in list(self.volumes.values()) if v.tenant_id == tenant_id
        )

    def usage_records(self, tenant_id: str | None, now: datetime) -> list[dict[str, Any]]:
        """One charge per clock hour of each volume's life, as `billing.UsageRecord` fields."""
        records = []
        for volume in list(self.volumes.values()):
            if tenant_id not in (None, volume.tenant_id):
                continue
            end = min(now, volume.deleted_at) if volume.deleted_at else now
            start = volume.created_at
            while start < end:
                stop = min(start.replace(minute=0, second=0, microsecond=0) + _HOUR, end)
                digest = hashlib.sha256(f"{volume.id}|{start.isoformat()}".encode()).hexdigest()
                records.append(
                    {
                        "id": f"use-{digest[:12]}",
                        "kind": "volume",
                        "tenant_id": volume.tenant_id,
                        "volume_id": volume.id,
                        "region_code": volume.region_code,
                        "interval_start": start,
                        "interval_end": stop,
                        "gb_hours": round(volume.size_gb * ((stop - start) / _HOUR), 6),
                        "cost_minor": volume.accrued_minor(stop) - volume.accrued_minor(start),
                        "closed": stop < end or volume.deleted_at is not None,
                    }
                )
                start = stop
        return records

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {"volumes": dict[str, Volume], "_seq": int, "_rng": random.Random}


def _invalid(field: str, reason: str) -> ApiError:
    return ApiError(
        "validation_error",
        f"The volume cannot be attached: {reason}.",
        details={"errors": [{"field": field, "reason": reason}]},
    )
