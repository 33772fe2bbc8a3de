from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

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


T = TypeVar("T", bound="EventPage")


@_attrs_define
class EventPage:
    """
    Attributes:
        items (list[AllocationStatusChanged | AppEventEmitted | AppInstanceStatusChanged | AppLogLine | BudgetExceeded |
            BudgetThresholdReached | CapacityAvailable | FleetStatusChanged | UsageRecorded]):
        next_cursor (None | str):
    """

    items: list[
        AllocationStatusChanged
        | AppEventEmitted
        | AppInstanceStatusChanged
        | AppLogLine
        | BudgetExceeded
        | BudgetThresholdReached
        | CapacityAvailable
        | FleetStatusChanged
        | UsageRecorded
    ]
    next_cursor: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if isinstance(items_item_data, AllocationStatusChanged):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, AppInstanceStatusChanged):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, AppEventEmitted):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, AppLogLine):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, UsageRecorded):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, BudgetThresholdReached):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, BudgetExceeded):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, CapacityAvailable):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        items = []
        _items = src_dict["items"]
        for items_item_data in _items:

            def _parse_items_item(
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
                    componentsschemas_event_type_0 = AllocationStatusChanged.from_dict(
                        data
                    )

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
                    componentsschemas_event_type_5 = BudgetThresholdReached.from_dict(
                        data
                    )

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

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        next_cursor: None | str = src_dict["next_cursor"]

        # Positional, in the order of the class's fields: faster than keywords.
        event_page = cls(
            items,
            next_cursor,
        )
        if len(src_dict) > 2:
            known = {
                "items",
                "next_cursor",
            }
            event_page.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return event_page

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
