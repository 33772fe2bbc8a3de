from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.project_membership import ProjectMembership


T = TypeVar("T", bound="ProjectMembershipPage")


@_attrs_define
class ProjectMembershipPage:
    """
    Example:
        {'items': [{'project_id': 'prj-7c1e9a', 'principal_id': 'usr-dev-user', 'principal_kind': 'human',
            'display_name': 'dev-user', 'role': 'project_admin', 'created_at': '2026-03-10T08:00:00Z'}, {'project_id':
            'prj-7c1e9a', 'principal_id': 'usr-jane', 'principal_kind': 'human', 'display_name': 'jane', 'role':
            'project_member', 'created_at': '2026-03-10T08:05:00Z'}], 'next_cursor': None}

    Attributes:
        items (list[ProjectMembership]):
        next_cursor (None | str):
    """

    items: list[ProjectMembership]
    next_cursor: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
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
            items_item = ProjectMembership.from_dict(items_item_data)

            items.append(items_item)

        next_cursor: None | str = src_dict["next_cursor"]

        # Positional, in the order of the class's fields: faster than keywords.
        project_membership_page = cls(
            items,
            next_cursor,
        )
        if len(src_dict) > 2:
            known = {
                "items",
                "next_cursor",
            }
            project_membership_page.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return project_membership_page

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
from ..models.project_membership import ProjectMembership  # noqa: E402
