from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.spend_grant_status import SpendGrantStatus

T = TypeVar("T", bound="SpendGrant")


@_attrs_define
class SpendGrant:
    """Money delegated to an unattended caller (an agent, a CI job): its token, used as a
    bearer token, can create allocations, fleets and holds of `allowed_skus` in
    `project_id`, and read what they need (the catalog, their allocations, the event
    stream), and nothing else. What it creates never commits more than `amount_minor`
    in total: every create is admitted against the grant's spend plus commitments, and
    its allocations run at most until their commitment ends (one hour without a
    `max_runtime_seconds`, and never past the grant's expiry). Its spend counts against
    its issuer's spend cap and the project's budget too.

        Example:
            {'id': 'sg-6e03b9d1', 'name': 'nightly-ci', 'status': 'active', 'amount_minor': 10000, 'currency': 'USD',
                'spent_minor': 1745, 'committed_minor': 3490, 'remaining_minor': 4765, 'allowed_skus': ['h200-sxm-slice',
                'l40s-slice'], 'project_id': 'prj-default', 'issued_by': 'usr-dev-user', 'created_at': '2026-04-01T12:00:00Z',
                'expires_at': '2026-04-02T12:00:00Z', 'revoked_at': None}

        Attributes:
            id (str):
            name (str):
            status (SpendGrantStatus): `active` while it can be spent; `expired` past `expires_at`; `revoked` once revoked.
                New states may be added; clients must tolerate them.
            amount_minor (int):
            currency (str):
            spent_minor (int): What its allocations accrued so far.
            committed_minor (int): What its live allocations and holds may still cost.
            remaining_minor (int): `amount_minor - spent_minor - committed_minor`, never below 0.
            allowed_skus (list[str]):
            project_id (str):
            issued_by (str): The principal that created it.
            created_at (datetime.datetime):
            expires_at (datetime.datetime):
            revoked_at (datetime.datetime | None):
    """

    id: str
    name: str
    status: SpendGrantStatus
    amount_minor: int
    currency: str
    spent_minor: int
    committed_minor: int
    remaining_minor: int
    allowed_skus: list[str]
    project_id: str
    issued_by: str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    revoked_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        status = self.status.value

        amount_minor = self.amount_minor

        currency = self.currency

        spent_minor = self.spent_minor

        committed_minor = self.committed_minor

        remaining_minor = self.remaining_minor

        allowed_skus = self.allowed_skus

        project_id = self.project_id

        issued_by = self.issued_by

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
                "amount_minor": amount_minor,
                "currency": currency,
                "spent_minor": spent_minor,
                "committed_minor": committed_minor,
                "remaining_minor": remaining_minor,
                "allowed_skus": allowed_skus,
                "project_id": project_id,
                "issued_by": issued_by,
                "created_at": created_at,
                "expires_at": expires_at,
                "revoked_at": revoked_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        name = src_dict["name"]

        status = SpendGrantStatus.from_value(src_dict["status"])

        amount_minor = src_dict["amount_minor"]

        currency = src_dict["currency"]

        spent_minor = src_dict["spent_minor"]

        committed_minor = src_dict["committed_minor"]

        remaining_minor = src_dict["remaining_minor"]

        allowed_skus = cast(list[str], src_dict["allowed_skus"])

        project_id = src_dict["project_id"]

        issued_by = src_dict["issued_by"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        expires_at = datetime.datetime.fromisoformat(src_dict["expires_at"])

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(src_dict["revoked_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        spend_grant = cls(
            id,
            name,
            status,
            amount_minor,
            currency,
            spent_minor,
            committed_minor,
            remaining_minor,
            allowed_skus,
            project_id,
            issued_by,
            created_at,
            expires_at,
            revoked_at,
        )
        if len(src_dict) > 14:
            known = {
                "id",
                "name",
                "status",
                "amount_minor",
                "currency",
                "spent_minor",
                "committed_minor",
                "remaining_minor",
                "allowed_skus",
                "project_id",
                "issued_by",
                "created_at",
                "expires_at",
                "revoked_at",
            }
            spend_grant.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return spend_grant

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
