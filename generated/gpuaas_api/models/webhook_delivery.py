from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.allocation_status_changed import AllocationStatusChanged
    from ..models.app_event_emitted import AppEventEmitted
    from ..models.app_instance_status_changed import AppInstanceStatusChanged
    from ..models.app_log_line import AppLogLine
    from ..models.budget_exceeded import BudgetExceeded
    from ..models.budget_threshold_reached import BudgetThresholdReached
    from ..models.capacity_available import CapacityAvailable
    from ..models.fleet_status_changed import FleetStatusChanged
    from ..models.usage_recorded import UsageRecorded


T = TypeVar("T", bound="WebhookDelivery")


@_attrs_define
class WebhookDelivery:
    """One event sent to one webhook. Retries keep the delivery's id; the other fields
    describe its latest attempt.

        Example:
            {'id': 'dlv-93ad', 'webhook_id': 'whk-5e1b', 'event': {'type': 'allocation.status_changed', 'id': '1042',
                'occurred_at': '2026-04-01T12:00:03Z', 'tenant_id': 'tnt-acme', 'allocation_id': 'alloc-4f9c2a', 'status':
                'active', 'previous_status': 'provisioning', 'failure_reason': None}, 'attempt': 2, 'status_code': 503,
                'success': False, 'error': 'HTTP 503', 'delivered_at': '2026-04-01T12:01:04Z', 'latency_ms': 212,
                'next_retry_at': '2026-04-01T12:05:04Z', 'redelivery_of': None}

        Attributes:
            id (str):
            webhook_id (str):
            event (AllocationStatusChanged | AppEventEmitted | AppInstanceStatusChanged | AppLogLine | BudgetExceeded |
                BudgetThresholdReached | CapacityAvailable | FleetStatusChanged | UsageRecorded): Any event of the platform;
                `type` tells which.
            attempt (int): Attempts made so far; 0 while the first one is queued.
            status_code (int | None): HTTP status the endpoint answered on the latest attempt; null if none (queued,
                timeout, connection error).
            success (bool): Whether the latest attempt got a 2xx answer.
            error (None | str): Why the latest attempt failed (e.g. `timeout`, `connection refused`, `HTTP 500`); null on
                success or while queued.
            delivered_at (datetime.datetime | None): When the latest attempt was made; null while the first one is queued.
            latency_ms (int | None): Milliseconds the latest attempt took, from sending the request to the
                endpoint's answer (or to the failure: a timeout, a refused connection); null
                while queued, or when nothing was sent.
            next_retry_at (datetime.datetime | None): When the next attempt is due; null once delivered, given up, or for a
                test delivery or a redelivery.
            redelivery_of (None | str): For a redelivery (`redeliverWebhookDelivery`), the id of the failed delivery it
                sends again; null otherwise.
    """

    id: str
    webhook_id: str
    event: (
        AllocationStatusChanged
        | AppEventEmitted
        | AppInstanceStatusChanged
        | AppLogLine
        | BudgetExceeded
        | BudgetThresholdReached
        | CapacityAvailable
        | FleetStatusChanged
        | UsageRecorded
    )
    attempt: int
    status_code: int | None
    success: bool
    error: None | str
    delivered_at: datetime.datetime | None
    latency_ms: int | None
    next_retry_at: datetime.datetime | None
    redelivery_of: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        webhook_id = self.webhook_id

        event: dict[str, Any]
        if isinstance(self.event, AllocationStatusChanged):
            event = self.event.to_dict()
        elif isinstance(self.event, AppInstanceStatusChanged):
            event = self.event.to_dict()
        elif isinstance(self.event, AppEventEmitted):
            event = self.event.to_dict()
        elif isinstance(self.event, AppLogLine):
            event = self.event.to_dict()
        elif isinstance(self.event, UsageRecorded):
            event = self.event.to_dict()
        elif isinstance(self.event, BudgetThresholdReached):
            event = self.event.to_dict()
        elif isinstance(self.event, BudgetExceeded):
            event = self.event.to_dict()
        elif isinstance(self.event, CapacityAvailable):
            event = self.event.to_dict()
        else:
            event = self.event.to_dict()

        attempt = self.attempt

        status_code: int | None
        status_code = self.status_code

        success = self.success

        error: None | str
        error = self.error

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        latency_ms: int | None
        latency_ms = self.latency_ms

        next_retry_at: None | str
        if isinstance(self.next_retry_at, datetime.datetime):
            next_retry_at = self.next_retry_at.isoformat()
        else:
            next_retry_at = self.next_retry_at

        redelivery_of: None | str
        redelivery_of = self.redelivery_of

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "webhook_id": webhook_id,
                "event": event,
                "attempt": attempt,
                "status_code": status_code,
                "success": success,
                "error": error,
                "delivered_at": delivered_at,
                "latency_ms": latency_ms,
                "next_retry_at": next_retry_at,
                "redelivery_of": redelivery_of,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        webhook_id = src_dict["webhook_id"]

        def _parse_event(
            data: object,
        ) -> (
            AllocationStatusChanged
            | AppEventEmitted
            | AppInstanceStatusChanged
            | AppLogLine
            | BudgetExceeded
            | BudgetThresholdReached
            | CapacityAvailable
            | FleetStatusChanged
            | UsageRecorded
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_0 = AllocationStatusChanged.from_dict(data)

                return componentsschemas_event_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_1 = AppInstanceStatusChanged.from_dict(
                    data
                )

                return componentsschemas_event_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_2 = AppEventEmitted.from_dict(data)

                return componentsschemas_event_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_3 = AppLogLine.from_dict(data)

                return componentsschemas_event_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_4 = UsageRecorded.from_dict(data)

                return componentsschemas_event_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_5 = BudgetThresholdReached.from_dict(data)

                return componentsschemas_event_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_6 = BudgetExceeded.from_dict(data)

                return componentsschemas_event_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_7 = CapacityAvailable.from_dict(data)

                return componentsschemas_event_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_event_type_8 = FleetStatusChanged.from_dict(data)

            return componentsschemas_event_type_8

        event = _parse_event(src_dict["event"])

        attempt = src_dict["attempt"]

        status_code: int | None = src_dict["status_code"]

        success = src_dict["success"]

        error: None | str = src_dict["error"]

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(src_dict["delivered_at"])

        latency_ms: int | None = src_dict["latency_ms"]

        def _parse_next_retry_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_retry_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_retry_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_retry_at = _parse_next_retry_at(src_dict["next_retry_at"])

        redelivery_of: None | str = src_dict["redelivery_of"]

        # Positional, in the order of the class's fields: faster than keywords.
        webhook_delivery = cls(
            id,
            webhook_id,
            event,
            attempt,
            status_code,
            success,
            error,
            delivered_at,
            latency_ms,
            next_retry_at,
            redelivery_of,
        )
        if len(src_dict) > 11:
            known = {
                "id",
                "webhook_id",
                "event",
                "attempt",
                "status_code",
                "success",
                "error",
                "delivered_at",
                "latency_ms",
                "next_retry_at",
                "redelivery_of",
            }
            webhook_delivery.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return webhook_delivery

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
from ..models.allocation_status_changed import AllocationStatusChanged  # noqa: E402
from ..models.app_event_emitted import AppEventEmitted  # noqa: E402
from ..models.app_instance_status_changed import AppInstanceStatusChanged  # noqa: E402
from ..models.app_log_line import AppLogLine  # noqa: E402
from ..models.budget_exceeded import BudgetExceeded  # noqa: E402
from ..models.budget_threshold_reached import BudgetThresholdReached  # noqa: E402
from ..models.capacity_available import CapacityAvailable  # noqa: E402
from ..models.fleet_status_changed import FleetStatusChanged  # noqa: E402
from ..models.usage_recorded import UsageRecorded  # noqa: E402
