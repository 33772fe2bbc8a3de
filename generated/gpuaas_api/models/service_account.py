from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.principal_kind import PrincipalKind

T = TypeVar("T", bound="ServiceAccount")


@_attrs_define
class ServiceAccount:
    """
    Example:
        {'id': 'sa-1234', 'tenant_id': 'tnt-acme', 'project_id': 'prj-default', 'name': 'training-agent',
            'principal_kind': 'agent', 'monthly_spend_cap_minor': 50000, 'currency': 'USD', 'spent_this_month_minor': 12840,
            'signing_required': True, 'roles': ['tenant_member', 'project_member'], 'created_at': '2026-03-02T16:05:00Z'}

    Attributes:
        id (str): Also the `iss` and `sub` of the account's assertions.
        tenant_id (str):
        project_id (str): The project the account belongs to and bills by default.
        name (str): Unique within the tenant.
        principal_kind (PrincipalKind):
        monthly_spend_cap_minor (int | None): Most the account may spend in a calendar month (UTC), in minor units of
            `currency`; null for no cap. A create made with the account's tokens
            whose cost would take the month's spend past the cap is refused with
            `budget_exceeded` (402), whose `details` give `cap_minor`,
            `spent_minor`, `headroom_minor` and `currency`.
        currency (str): ISO 4217 currency of the cap and the spend, the tenant's billing currency.
        spent_this_month_minor (int): What the account has spent since the start of the calendar month (UTC).
        signing_required (bool): When true, every request made with the account's access tokens must
            also carry `GPUaaS-Signature: v1=<hex>,ts=<unix>`, where `<unix>` is
            the current Unix time in seconds and `<hex>` is the lowercase hex
            HMAC-SHA256, keyed with the `signing_secret` of the key whose
            assertion obtained the token, of
            `{ts}.{METHOD}.{path}.{sha256_hex(body)}`: the same timestamp, the
            upper-case HTTP method, the request path with its query string as
            sent (e.g. `/v1/allocations?limit=10`), and the lowercase hex SHA-256
            of the raw body (of the empty string when there is none). A missing
            or wrong signature is refused with `signature_invalid` (401), one
            whose timestamp is more than 5 minutes from the platform's clock with
            `signature_stale` (401).
        roles (list[str]): The account's roles, at most one tenant-scoped (on its tenant) and one project-scoped (on its
            project).
        created_at (datetime.datetime):
    """

    id: str
    tenant_id: str
    project_id: str
    name: str
    principal_kind: PrincipalKind
    monthly_spend_cap_minor: int | None
    currency: str
    spent_this_month_minor: int
    signing_required: bool
    roles: list[str]
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        tenant_id = self.tenant_id

        project_id = self.project_id

        name = self.name

        principal_kind = self.principal_kind.value

        monthly_spend_cap_minor: int | None
        monthly_spend_cap_minor = self.monthly_spend_cap_minor

        currency = self.currency

        spent_this_month_minor = self.spent_this_month_minor

        signing_required = self.signing_required

        roles = self.roles

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "tenant_id": tenant_id,
                "project_id": project_id,
                "name": name,
                "principal_kind": principal_kind,
                "monthly_spend_cap_minor": monthly_spend_cap_minor,
                "currency": currency,
                "spent_this_month_minor": spent_this_month_minor,
                "signing_required": signing_required,
                "roles": roles,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        tenant_id = src_dict["tenant_id"]

        project_id = src_dict["project_id"]

        name = src_dict["name"]

        principal_kind = PrincipalKind.from_value(src_dict["principal_kind"])

        monthly_spend_cap_minor: int | None = src_dict["monthly_spend_cap_minor"]

        currency = src_dict["currency"]

        spent_this_month_minor = src_dict["spent_this_month_minor"]

        signing_required = src_dict["signing_required"]

        roles = cast(list[str], src_dict["roles"])

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        service_account = cls(
            id,
            tenant_id,
            project_id,
            name,
            principal_kind,
            monthly_spend_cap_minor,
            currency,
            spent_this_month_minor,
            signing_required,
            roles,
            created_at,
        )
        if len(src_dict) > 11:
            known = {
                "id",
                "tenant_id",
                "project_id",
                "name",
                "principal_kind",
                "monthly_spend_cap_minor",
                "currency",
                "spent_this_month_minor",
                "signing_required",
                "roles",
                "created_at",
            }
            service_account.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return service_account

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
