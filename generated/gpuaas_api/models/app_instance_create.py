from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.app_instance_create_config import AppInstanceCreateConfig


T = TypeVar("T", bound="AppInstanceCreate")


@_attrs_define
class AppInstanceCreate:
    """
    Example:
        {'app_slug': 'jupyter-cuda-dev', 'project_id': 'prj-default', 'target_allocation_id': 'alloc-4f9c2a', 'name':
            'notebook', 'config': {'python': '3.11'}}

    Attributes:
        app_slug (str):
        project_id (str):
        target_allocation_id (str): An `active` allocation of the project; it becomes the instance's head member.
        name (str | Unset): Display name; `<app_slug>-<suffix>` when omitted.
        config (AppInstanceCreateConfig | Unset): App-specific settings, checked against the app's manifest.
    """

    app_slug: str
    project_id: str
    target_allocation_id: str
    name: str | Unset = UNSET
    config: AppInstanceCreateConfig | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        app_slug = self.app_slug

        project_id = self.project_id

        target_allocation_id = self.target_allocation_id

        name = self.name

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "app_slug": app_slug,
                "project_id": project_id,
                "target_allocation_id": target_allocation_id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        app_slug = d.pop("app_slug")

        project_id = d.pop("project_id")

        target_allocation_id = d.pop("target_allocation_id")

        name = d.pop("name", UNSET)

        _config = d.pop("config", UNSET)
        config: AppInstanceCreateConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = AppInstanceCreateConfig.from_dict(_config)

        # Positional, in the order of the class's fields: faster than keywords.
        app_instance_create = cls(
            app_slug,
            project_id,
            target_allocation_id,
            name,
            config,
        )

        return app_instance_create


# The models this one refers to, imported once its class exists (so that models referring
# to each other import cleanly): module globals, not imports run by every from_dict call.
from ..models.app_instance_create_config import AppInstanceCreateConfig  # noqa: E402
