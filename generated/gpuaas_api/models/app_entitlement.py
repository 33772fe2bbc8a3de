from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AppEntitlement")


@_attrs_define
class AppEntitlement:
    """
    Example:
        {'id': 'ent-0b6a', 'app_slug': 'slurm-h200', 'project_id': 'prj-default', 'granted_by': 'usr-admin',
            'created_at': '2026-04-01T11:00:00Z', 'expires_at': '2026-12-31T23:59:59Z'}

    Attributes:
        id (str):
        app_slug (str):
        project_id (str):
        granted_by (str): Id of the principal that granted it.
        created_at (datetime.datetime):
        expires_at (datetime.datetime | None): When the entitlement lapses; null if it never does.
    """

    id: str
    app_slug: str
    project_id: str
    granted_by: str
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        app_slug = self.app_slug

        project_id = self.project_id

        granted_by = self.granted_by

        created_at = self.created_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "app_slug": app_slug,
                "project_id": project_id,
                "granted_by": granted_by,
                "created_at": created_at,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        app_slug = src_dict["app_slug"]

        project_id = src_dict["project_id"]

        granted_by = src_dict["granted_by"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(src_dict["expires_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        app_entitlement = cls(
            id,
            app_slug,
            project_id,
            granted_by,
            created_at,
            expires_at,
        )
        if len(src_dict) > 6:
            known = {
                "id",
                "app_slug",
                "project_id",
                "granted_by",
                "created_at",
                "expires_at",
            }
            app_entitlement.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return app_entitlement

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
