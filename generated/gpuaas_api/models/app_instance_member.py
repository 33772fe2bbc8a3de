from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.app_instance_member_status import AppInstanceMemberStatus
from ..models.app_member_role import AppMemberRole

T = TypeVar("T", bound="AppInstanceMember")


@_attrs_define
class AppInstanceMember:
    """
    Example:
        {'allocation_id': 'alloc-5d20e1', 'role': 'worker', 'status': 'joining', 'joined_at': '2026-04-01T12:10:00Z'}

    Attributes:
        allocation_id (str):
        role (AppMemberRole): The part an allocation plays in an app instance: the one `head` runs the app's
            control plane and serves its endpoints, `worker`s join it (e.g. Slurm compute nodes).
        status (AppInstanceMemberStatus): `joining → ready`, then `leaving` once removal was asked for. New states may
            be
            added; clients must tolerate them.
        joined_at (datetime.datetime): When the allocation was added to the instance.
    """

    allocation_id: str
    role: AppMemberRole
    status: AppInstanceMemberStatus
    joined_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allocation_id = self.allocation_id

        role = self.role.value

        status = self.status.value

        joined_at = self.joined_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allocation_id": allocation_id,
                "role": role,
                "status": status,
                "joined_at": joined_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        allocation_id = src_dict["allocation_id"]

        role = AppMemberRole.from_value(src_dict["role"])

        status = AppInstanceMemberStatus.from_value(src_dict["status"])

        joined_at = datetime.datetime.fromisoformat(src_dict["joined_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        app_instance_member = cls(
            allocation_id,
            role,
            status,
            joined_at,
        )
        if len(src_dict) > 4:
            known = {
                "allocation_id",
                "role",
                "status",
                "joined_at",
            }
            app_instance_member.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return app_instance_member

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
