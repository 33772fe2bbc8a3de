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

from ..models.app_log_line_stream import AppLogLineStream

T = TypeVar("T", bound="AppLogLine")


@_attrs_define
class AppLogLine:
    """
    Example:
        {'type': 'app.log', 'id': '1045', 'occurred_at': '2026-04-01T12:00:11Z', 'tenant_id': 'tnt-acme', 'instance_id':
            'inst-8c1d', 'stream': 'stdout', 'line': 'Jupyter Server 2.14 is running at http://127.0.0.1:8888/'}

    Attributes:
        type_ (Literal['app.log']):
        id (str):
        occurred_at (datetime.datetime):
        tenant_id (str):
        instance_id (str):
        stream (AppLogLineStream):
        line (str):
    """

    type_: Literal["app.log"]
    id: str
    occurred_at: datetime.datetime
    tenant_id: str
    instance_id: str
    stream: AppLogLineStream
    line: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        tenant_id = self.tenant_id

        instance_id = self.instance_id

        stream = self.stream.value

        line = self.line

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "occurred_at": occurred_at,
                "tenant_id": tenant_id,
                "instance_id": instance_id,
                "stream": stream,
                "line": line,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["app.log"], src_dict["type"])
        if type_ != "app.log":
            raise ValueError(f"type must match const 'app.log', got '{type_}'")

        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        tenant_id = src_dict["tenant_id"]

        instance_id = src_dict["instance_id"]

        stream = AppLogLineStream.from_value(src_dict["stream"])

        line = src_dict["line"]

        # Positional, in the order of the class's fields: faster than keywords.
        app_log_line = cls(
            type_,
            id,
            occurred_at,
            tenant_id,
            instance_id,
            stream,
            line,
        )
        if len(src_dict) > 7:
            known = {
                "type",
                "id",
                "occurred_at",
                "tenant_id",
                "instance_id",
                "stream",
                "line",
            }
            app_log_line.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return app_log_line

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
