"""What waiting means for each waitable resource, as data (as botocore keeps its waiters).

One entry per resource: the GET that reads it, the enum of its states, the states it
cannot come back from (failures, unless waited for), the reason field a failure
carries, and the event that announces its status changes on the account stream. One
driver (`_async/driver.py`, and its generated sync twin) runs them all. States in
transition need no entry: the server says when the next change is due (its poll hint
on the GET) and the event stream says when it happened.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import ModuleType
from typing import Any, Generic, TypeVar

from gpuaas_api.api.allocations import get_allocation
from gpuaas_api.api.app_instances import get_app_instance
from gpuaas_api.api.billing import get_payment_session
from gpuaas_api.api.catalog import get_capacity_watch
from gpuaas_api.api.fleets import get_fleet
from gpuaas_api.models import (
    Allocation,
    AllocationStatus,
    AppInstance,
    AppInstanceStatus,
    CapacityWatch,
    CapacityWatchStatus,
    Fleet,
    FleetStatus,
    PaymentSession,
    PaymentSessionStatus,
)

from .._core.call import Call
from .._streams.sse import Event, UnknownEvent
from .waiter import Waiter, WaitProgressCallback, state_names

T = TypeVar("T")


@dataclass(frozen=True)
class WaiterSpec(Generic[T]):
    kind: str
    """How errors and logs name the resource: "allocation"."""
    endpoint: ModuleType
    """The generated GET operation."""
    id_param: str
    """Its path parameter, the resource's id."""
    model: type[T]
    status: type[Enum]
    failure_states: frozenset[str]
    """States that end a wait which did not ask for them..."""
    leads_to: Mapping[str, str] = field(default_factory=dict)
    """...unless they still lead to a wanted state: `releasing` ends in `released`."""
    reason_field: str | None = None
    event_type: str | None = None
    """The event announcing a status change (None: poll only)."""
    event_id_field: str | None = None

    def call(self, resource_id: str) -> Call[T]:
        return Call(self.endpoint, {self.id_param: resource_id}, self.model)

    def waiter(
        self,
        resource_id: str,
        states: Collection[str | Enum],
        timeout: float | None,
        progress: WaitProgressCallback | None,
    ) -> Waiter:
        wanted = state_names(states, self.status)
        failures = {s for s in self.failure_states if self.leads_to.get(s) not in wanted}
        return Waiter(
            kind=self.kind,
            resource_id=resource_id,
            states=wanted,
            failure_states=frozenset(failures),
            timeout=timeout,
            state_of=lambda resource: str(resource.status),
            reason_of=self._reason,
            progress=progress,
        )

    def _reason(self, resource: Any) -> str | None:
        return getattr(resource, self.reason_field) if self.reason_field else None

    def announces(self, resource_id: str, event: Event | UnknownEvent) -> bool:
        """Whether `event` is a status change of this resource."""
        if event.type_ != self.event_type or self.event_id_field is None:
            return False
        data = getattr(event, "data", None)
        if isinstance(data, dict):
            return data.get(self.event_id_field) == resource_id
        return bool(getattr(event, self.event_id_field, None) == resource_id)


ALLOCATION = WaiterSpec(
    kind="allocation",
    endpoint=get_allocation,
    id_param="allocation_id",
    model=Allocation,
    status=AllocationStatus,
    failure_states=frozenset({"failed", "releasing", "released"}),
    leads_to={"releasing": "released"},
    reason_field="failure_reason",
    event_type="allocation.status_changed",
    event_id_field="allocation_id",
)

APP_INSTANCE = WaiterSpec(
    kind="app instance",
    endpoint=get_app_instance,
    id_param="instance_id",
    model=AppInstance,
    status=AppInstanceStatus,
    failure_states=frozenset({"failed", "released"}),
    reason_field="failure_reason",
    event_type="app_instance.status_changed",
    event_id_field="instance_id",
)

PAYMENT_SESSION = WaiterSpec(
    kind="payment session",
    endpoint=get_payment_session,
    id_param="session_id",
    model=PaymentSession,
    status=PaymentSessionStatus,
    failure_states=frozenset({"expired", "failed"}),
)

FLEET = WaiterSpec(
    kind="fleet",
    endpoint=get_fleet,
    id_param="fleet_id",
    model=Fleet,
    status=FleetStatus,
    failure_states=frozenset({"failed", "releasing", "released"}),
    leads_to={"releasing": "released"},
    reason_field="failure_reason",
    event_type="fleet.status_changed",
    event_id_field="fleet_id",
)

CAPACITY_WATCH = WaiterSpec(
    kind="capacity watch",
    endpoint=get_capacity_watch,
    id_param="watch_id",
    model=CapacityWatch,
    status=CapacityWatchStatus,
    failure_states=frozenset({"expired", "cancelled"}),
    event_type="capacity.available",
    event_id_field="watch_id",
)
