"""What the playground shows of the dev account: picked fields only, so no secret shows.

The account is the tenant of the simulator's dev user (`dev-user`, the one `make demo`
and the seed examples sign in as). Every field is chosen here, by name, from the
platform's own views: nothing reaches the page because a model grew a field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..platform.identity import DEV_PRINCIPAL
from ..runtime.clock import format_time

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["ACCOUNT", "snapshot"]

ACCOUNT = DEV_PRINCIPAL
_NEWEST_FILES = 8
_ALLOCATION_FIELDS = ("id", "status", "sku", "gpus_total", "region_code", "failure_reason")
_INSTANCE_FIELDS = ("id", "app_slug", "name", "status", "head_allocation_id", "failure_reason")
_FAULT_FIELDS = ("kind", "method", "path", "status", "delay")


def _pick(item: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: item.get(name) for name in names}


def snapshot(sim: Simulator) -> dict[str, Any]:
    """The account, the clock and the armed faults as the page draws them."""
    now = sim.clock.now()
    caller = sim.iam.current_view(ACCOUNT)
    tenant = caller.tenant_id
    files = [o for o in sim.storage.listing(tenant, "/", one_level=False) if not o.is_folder]
    files.sort(key=lambda o: o.modified_at, reverse=True)
    balance = sim.billing.balance(caller, now)
    return {
        "account": {"user": caller.display_name, "tenant_id": tenant},
        "clock": {"now": format_time(now), "speed": sim.clock.speed},
        "balance": {"amount_minor": balance["amount_minor"], "currency": balance["currency"]},
        "allocations": [
            _pick(a.to_json(now), _ALLOCATION_FIELDS)
            for a in sim.allocation_book.visible_to(caller)
        ],
        "app_instances": [
            _pick(i.to_json(now), _INSTANCE_FIELDS) for i in sim.apps.visible_to(caller)
        ],
        "storage": {
            **sim.storage.usage(tenant),
            "newest_files": [
                {"path": o.path, "size_bytes": o.size_bytes} for o in files[:_NEWEST_FILES]
            ],
        },
        "faults": [
            {**_pick(fault.to_json(), _FAULT_FIELDS), "remaining": remaining}
            for fault, remaining in sim.faults.armed()
        ],
        "stream_cut_after": sim.stream_cut_after,
    }
