from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.app_instance_status import AppInstanceStatus

if TYPE_CHECKING:
    from ..models.app_endpoint import AppEndpoint


T = TypeVar("T", bound="AppInstance")


@_attrs_define
class AppInstance:
    """
    Example:
        {'id': 'inst-8c1d', 'app_slug': 'jupyter-cuda-dev', 'project_id': 'prj-default', 'name': 'jupyter-cuda-
            dev-8c1d', 'status': 'running', 'failure_reason': None, 'head_allocation_id': 'alloc-4f9c2a', 'endpoints':
            [{'name': 'jupyter', 'url': 'https://inst-8c1d.apps.us-buffalo-1.gpuaas.example.com/'}], 'created_at':
            '2026-04-01T12:00:05Z', 'updated_at': '2026-04-01T12:00:09Z'}

    Attributes:
        id (str):
        app_slug (str):
        project_id (str):
        name (str):
        status (AppInstanceStatus): `pending → starting → running → stopping → stopped`; a stopped instance can be
            started again. `released` is final, and `failed` comes with a `failure_reason`.
            New states may be added; clients must tolerate them.
        failure_reason (None | str): Why the instance failed; null unless `status` is `failed`.
        head_allocation_id (str): The allocation the app's head runs on (the create request's `target_allocation_id`).
        endpoints (list[AppEndpoint]): How to reach the app; empty until it is `running`.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    app_slug: str
    project_id: str
    name: str
    status: AppInstanceStatus
    failure_reason: None | str
    head_allocation_id: str
    endpoints: list[AppEndpoint]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        app_slug = self.app_slug

        project_id = self.project_id

        name = self.name

        status = self.status.value

        failure_reason: None | str
        failure_reason = self.failure_reason

        head_allocation_id = self.head_allocation_id

        endpoints = []
        for endpoints_item_data in self.endpoints:
            endpoints_item = endpoints_item_data.to_dict()
            endpoints.append(endpoints_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "app_slug": app_slug,
                "project_id": project_id,
                "name": name,
                "status": status,
                "failure_reason": failure_reason,
                "head_allocation_id": head_allocation_id,
                "endpoints": endpoints,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        app_slug = src_dict["app_slug"]

        project_id = src_dict["project_id"]

        name = src_dict["name"]

        status = AppInstanceStatus.from_value(src_dict["status"])

        failure_reason: None | str = src_dict["failure_reason"]

        head_allocation_id = src_dict["head_allocation_id"]

        endpoints = []
        _endpoints = src_dict["endpoints"]
        for endpoints_item_data in _endpoints:
            endpoints_item = AppEndpoint.from_dict(endpoints_item_data)

            endpoints.append(endpoints_item)

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        updated_at = datetime.datetime.fromisoformat(src_dict["updated_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        app_instance = cls(
            id,
            app_slug,
            project_id,
            name,
            status,
            failure_reason,
            head_allocation_id,
            endpoints,
            created_at,
            updated_at,
        )
        if len(src_dict) > 10:
            known = {
                "id",
                "app_slug",
                "project_id",
                "name",
                "status",
                "failure_reason",
                "head_allocation_id",
                "endpoints",
                "created_at",
                "updated_at",
            }
            app_instance.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return app_instance

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
from ..models.app_endpoint import AppEndpoint  # noqa: E402
