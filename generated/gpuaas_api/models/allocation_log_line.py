from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.allocation_log_stream import AllocationLogStream
from ..models.allocation_status import AllocationStatus

T = TypeVar("T", bound="AllocationLogLine")


@_attrs_define
class AllocationLogLine:
    """
    Example:
        {'type': 'allocation.log', 'id': '4', 'occurred_at': '2026-04-01T12:00:03Z', 'allocation_id': 'alloc-4f9c2a',
            'status': 'active', 'stream': 'stdout', 'line': 'nvidia-smi: 1 x NVIDIA H200 (141 GiB), driver 550.54.15'}

    Attributes:
        type_ (Literal['allocation.log']):
        id (str): The line's number within the allocation's log (1, 2, ...); give it as
            `Last-Event-ID` to `streamAllocationLogs` to follow on from it.
        occurred_at (datetime.datetime):
        allocation_id (str):
        status (AllocationStatus): `pending → provisioning → active → releasing → released`, or `failed` with
            a `failure_reason`. New states may be added; clients must tolerate them.
        stream (AllocationLogStream):
        line (str):
    """

    type_: Literal["allocation.log"]
    id: str
    occurred_at: datetime.datetime
    allocation_id: str
    status: AllocationStatus
    stream: AllocationLogStream
    line: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        allocation_id = self.allocation_id

        status = self.status.value

        stream = self.stream.value

        line = self.line

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "occurred_at": occurred_at,
                "allocation_id": allocation_id,
                "status": status,
                "stream": stream,
                "line": line,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["allocation.log"], src_dict["type"])
        if type_ != "allocation.log":
            raise ValueError(f"type must match const 'allocation.log', got '{type_}'")

        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        allocation_id = src_dict["allocation_id"]

        status = AllocationStatus.from_value(src_dict["status"])

        stream = AllocationLogStream.from_value(src_dict["stream"])

        line = src_dict["line"]

        # Positional, in the order of the class's fields: faster than keywords.
        allocation_log_line = cls(
            type_,
            id,
            occurred_at,
            allocation_id,
            status,
            stream,
            line,
        )
        if len(src_dict) > 7:
            known = {
                "type",
                "id",
                "occurred_at",
                "allocation_id",
                "status",
                "stream",
                "line",
            }
            allocation_log_line.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return allocation_log_line

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
