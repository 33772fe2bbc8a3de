from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AppEntitlementCreate")


@_attrs_define
class AppEntitlementCreate:
    """
    Example:
        {'project_id': 'prj-default', 'expires_at': '2026-12-31T23:59:59Z'}

    Attributes:
        project_id (str):
        expires_at (datetime.datetime | Unset): When the entitlement lapses (in the future); never when omitted.
    """

    project_id: str
    expires_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "project_id": project_id,
            }
        )
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        project_id = d.pop("project_id")

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        # Positional, in the order of the class's fields: faster than keywords.
        app_entitlement_create = cls(
            project_id,
            expires_at,
        )

        return app_entitlement_create
