from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NodeDrainRequest")


@_attrs_define
class NodeDrainRequest:
    """
    Example:
        {'reason': 'Replace NVLink switch board (ticket OPS-1182)'}

    Attributes:
        reason (str): Why the node is drained; kept on the node and in the audit log.
    """

    reason: str

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        reason = src_dict["reason"]

        # Positional, in the order of the class's fields: faster than keywords.
        node_drain_request = cls(
            reason,
        )
        return node_drain_request
