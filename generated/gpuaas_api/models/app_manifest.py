from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.app_member_role import AppMemberRole

if TYPE_CHECKING:
    from ..models.app_port import AppPort


T = TypeVar("T", bound="AppManifest")


@_attrs_define
class AppManifest:
    """
    Example:
        {'slug': 'jupyter-cuda-dev', 'name': 'Jupyter (CUDA dev)', 'description': 'JupyterLab with CUDA 12, PyTorch and
            the NVIDIA tools preinstalled.', 'version': '1.4.0', 'category': 'notebooks', 'image':
            'registry.gpuaas.example.com/apps/jupyter-cuda-dev:1.4.0', 'ports': [{'name': 'jupyter', 'port': 8888,
            'protocol': 'http'}], 'min_gpus': 1, 'supported_skus': ['h200-sxm-slice'], 'roles': ['head'],
            'entitlement_required': False, 'created_at': '2026-03-01T09:00:00Z'}

    Attributes:
        slug (str): Stable id of the app, e.g. `jupyter-cuda-dev`.
        name (str):
        description (str):
        version (str): Version of the manifest's current release, e.g. `1.4.0`.
        category (str): Catalog category, e.g. `notebooks`, `hpc`, `inference`.
        image (str): OCI image reference the app runs from.
        ports (list[AppPort]):
        min_gpus (int): Fewest GPUs the head allocation must have.
        supported_skus (list[str]): SKU ids the app runs on; empty means any SKU.
        roles (list[AppMemberRole]): Member roles the app accepts; `[head]` for single-allocation apps.
        entitlement_required (bool): Whether a project needs an entitlement to run the app.
        created_at (datetime.datetime):
    """

    slug: str
    name: str
    description: str
    version: str
    category: str
    image: str
    ports: list[AppPort]
    min_gpus: int
    supported_skus: list[str]
    roles: list[AppMemberRole]
    entitlement_required: bool
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        name = self.name

        description = self.description

        version = self.version

        category = self.category

        image = self.image

        ports = []
        for ports_item_data in self.ports:
            ports_item = ports_item_data.to_dict()
            ports.append(ports_item)

        min_gpus = self.min_gpus

        supported_skus = self.supported_skus

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        entitlement_required = self.entitlement_required

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "name": name,
                "description": description,
                "version": version,
                "category": category,
                "image": image,
                "ports": ports,
                "min_gpus": min_gpus,
                "supported_skus": supported_skus,
                "roles": roles,
                "entitlement_required": entitlement_required,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        slug = src_dict["slug"]

        name = src_dict["name"]

        description = src_dict["description"]

        version = src_dict["version"]

        category = src_dict["category"]

        image = src_dict["image"]

        ports = []
        _ports = src_dict["ports"]
        for ports_item_data in _ports:
            ports_item = AppPort.from_dict(ports_item_data)

            ports.append(ports_item)

        min_gpus = src_dict["min_gpus"]

        supported_skus = cast(list[str], src_dict["supported_skus"])

        roles = []
        _roles = src_dict["roles"]
        for roles_item_data in _roles:
            roles_item = AppMemberRole.from_value(roles_item_data)

            roles.append(roles_item)

        entitlement_required = src_dict["entitlement_required"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        app_manifest = cls(
            slug,
            name,
            description,
            version,
            category,
            image,
            ports,
            min_gpus,
            supported_skus,
            roles,
            entitlement_required,
            created_at,
        )
        if len(src_dict) > 12:
            known = {
                "slug",
                "name",
                "description",
                "version",
                "category",
                "image",
                "ports",
                "min_gpus",
                "supported_skus",
                "roles",
                "entitlement_required",
                "created_at",
            }
            app_manifest.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return app_manifest

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
from ..models.app_port import AppPort  # noqa: E402
