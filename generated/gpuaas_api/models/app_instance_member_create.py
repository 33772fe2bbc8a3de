from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.app_member_role import AppMemberRole

T = TypeVar("T", bound="AppInstanceMemberCreate")


@_attrs_define
class AppInstanceMemberCreate:
    """
    Example:
        {'allocation_id': 'alloc-5d20e1', 'role': 'worker'}

    Attributes:
        allocation_id (str): An `active` allocation of the instance's project.
        role (AppMemberRole): The part an allocation plays in an app instance: the one `head` runs the app's
            control plane and serves its endpoints, `worker`s join it (e.g. Slurm compute nodes).
    """

    allocation_id: str
    role: AppMemberRole

    def to_dict(self) -> dict[str, Any]:
        allocation_id = self.allocation_id

        role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "allocation_id": allocation_id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        allocation_id = src_dict["allocation_id"]

        role = AppMemberRole.from_value(src_dict["role"])

        # Positional, in the order of the class's fields: faster than keywords.
        app_instance_member_create = cls(
            allocation_id,
            role,
        )
        return app_instance_member_create
