from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.principal_kind import PrincipalKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceAccountCreate")


@_attrs_define
class ServiceAccountCreate:
    """
    Example:
        {'name': 'training-agent', 'principal_kind': 'agent', 'project_id': 'prj-default', 'monthly_spend_cap_minor':
            50000, 'currency': 'USD', 'signing_required': True, 'roles': ['tenant_member', 'project_member']}

    Attributes:
        name (str): Lowercase letters, digits and inner hyphens; unique within the tenant.
        principal_kind (PrincipalKind):
        project_id (str | Unset): The project the account belongs to; the caller's default project when omitted.
        monthly_spend_cap_minor (int | None | Unset): Most the account may spend in a calendar month, in minor units;
            omitted or null for no cap.
        currency (str | Unset): Currency of the cap; must be the tenant's billing currency, which is used when omitted.
        signing_required (bool | Unset): Require every request made with the account's tokens to carry a `GPUaaS-
            Signature` (see `ServiceAccount.signing_required`). Default: False.
        roles (list[str] | Unset): At most one tenant-scoped and one project-scoped role (see `listRoles`);
            `tenant_member` and `project_member` when omitted. The caller must
            hold the roles it grants.
    """

    name: str
    principal_kind: PrincipalKind
    project_id: str | Unset = UNSET
    monthly_spend_cap_minor: int | None | Unset = UNSET
    currency: str | Unset = UNSET
    signing_required: bool | Unset = False
    roles: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        principal_kind = self.principal_kind.value

        project_id = self.project_id

        monthly_spend_cap_minor: int | None | Unset
        if isinstance(self.monthly_spend_cap_minor, Unset):
            monthly_spend_cap_minor = UNSET
        else:
            monthly_spend_cap_minor = self.monthly_spend_cap_minor

        currency = self.currency

        signing_required = self.signing_required

        roles: list[str] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = self.roles

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "principal_kind": principal_kind,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if monthly_spend_cap_minor is not UNSET:
            field_dict["monthly_spend_cap_minor"] = monthly_spend_cap_minor
        if currency is not UNSET:
            field_dict["currency"] = currency
        if signing_required is not UNSET:
            field_dict["signing_required"] = signing_required
        if roles is not UNSET:
            field_dict["roles"] = roles

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        principal_kind = PrincipalKind.from_value(d.pop("principal_kind"))

        project_id = d.pop("project_id", UNSET)

        monthly_spend_cap_minor: int | None | Unset = d.pop(
            "monthly_spend_cap_minor", UNSET
        )

        currency = d.pop("currency", UNSET)

        signing_required = d.pop("signing_required", UNSET)

        roles = cast(list[str], d.pop("roles", UNSET))

        # Positional, in the order of the class's fields: faster than keywords.
        service_account_create = cls(
            name,
            principal_kind,
            project_id,
            monthly_spend_cap_minor,
            currency,
            signing_required,
            roles,
        )

        return service_account_create
