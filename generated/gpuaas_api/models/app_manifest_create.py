from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.app_member_role import AppMemberRole
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.app_port_spec import AppPortSpec


T = TypeVar("T", bound="AppManifestCreate")


@_attrs_define
class AppManifestCreate:
    """
    Example:
        {'slug': 'slurm-h200', 'name': 'Slurm cluster', 'description': 'A Slurm controller on the head allocation with
            workers joining as compute nodes.', 'version': '23.11.4', 'category': 'hpc', 'image':
            'registry.gpuaas.example.com/apps/slurm-h200:23.11.4', 'ports': [{'name': 'slurmctld', 'port': 6817, 'protocol':
            'tcp'}], 'min_gpus': 1, 'supported_skus': ['h200-sxm-slice'], 'roles': ['head', 'worker'],
            'entitlement_required': True}

    Attributes:
        slug (str):
        name (str):
        version (str):
        category (str):
        image (str):
        description (str | Unset): Empty when omitted.
        ports (list[AppPortSpec] | Unset): No ports when omitted.
        min_gpus (int | Unset):  Default: 1.
        supported_skus (list[str] | Unset): Any SKU when omitted or empty.
        roles (list[AppMemberRole] | Unset): `[head]` when omitted.
        entitlement_required (bool | Unset):  Default: False.
    """

    slug: str
    name: str
    version: str
    category: str
    image: str
    description: str | Unset = UNSET
    ports: list[AppPortSpec] | Unset = UNSET
    min_gpus: int | Unset = 1
    supported_skus: list[str] | Unset = UNSET
    roles: list[AppMemberRole] | Unset = UNSET
    entitlement_required: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        name = self.name

        version = self.version

        category = self.category

        image = self.image

        description = self.description

        ports: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ports, Unset):
            ports = []
            for ports_item_data in self.ports:
                ports_item = ports_item_data.to_dict()
                ports.append(ports_item)

        min_gpus = self.min_gpus

        supported_skus: list[str] | Unset = UNSET
        if not isinstance(self.supported_skus, Unset):
            supported_skus = self.supported_skus

        roles: list[str] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = []
            for roles_item_data in self.roles:
                roles_item = roles_item_data.value
                roles.append(roles_item)

        entitlement_required = self.entitlement_required

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slug": slug,
                "name": name,
                "version": version,
                "category": category,
                "image": image,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if ports is not UNSET:
            field_dict["ports"] = ports
        if min_gpus is not UNSET:
            field_dict["min_gpus"] = min_gpus
        if supported_skus is not UNSET:
            field_dict["supported_skus"] = supported_skus
        if roles is not UNSET:
            field_dict["roles"] = roles
        if entitlement_required is not UNSET:
            field_dict["entitlement_required"] = entitlement_required

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slug = d.pop("slug")

        name = d.pop("name")

        version = d.pop("version")

        category = d.pop("category")

        image = d.pop("image")

        description = d.pop("description", UNSET)

        _ports = d.pop("ports", UNSET)
        ports: list[AppPortSpec] | Unset = UNSET
        if _ports is not UNSET:
            ports = []
            for ports_item_data in _ports:
                ports_item = AppPortSpec.from_dict(ports_item_data)

                ports.append(ports_item)

        min_gpus = d.pop("min_gpus", UNSET)

        supported_skus = cast(list[str], d.pop("supported_skus", UNSET))

        _roles = d.pop("roles", UNSET)
        roles: list[AppMemberRole] | Unset = UNSET
        if _roles is not UNSET:
            roles = []
            for roles_item_data in _roles:
                roles_item = AppMemberRole.from_value(roles_item_data)

                roles.append(roles_item)

        entitlement_required = d.pop("entitlement_required", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        app_manifest_create = cls(
            slug,
            name,
            version,
            category,
            image,
            description,
            ports,
            min_gpus,
            supported_skus,
            roles,
            entitlement_required,
        )

        return app_manifest_create


# The models this one refers to, imported once its class exists (so that models referring
# to each other import cleanly): module globals, not imports run by every from_dict call.
from ..models.app_port_spec import AppPortSpec  # noqa: E402
