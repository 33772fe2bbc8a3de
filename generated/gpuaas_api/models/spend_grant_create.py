from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SpendGrantCreate")


@_attrs_define
class SpendGrantCreate:
    """
    Example:
        {'name': 'nightly-ci', 'amount_minor': 10000, 'currency': 'USD', 'expires_at': '2026-04-02T12:00:00Z',
            'allowed_skus': ['h200-sxm-slice', 'l40s-slice']}

    Attributes:
        name (str):
        amount_minor (int):
        currency (str):
        expires_at (datetime.datetime): When the grant stops working (in the future, at most 90 days ahead).
        allowed_skus (list[str]):
        project_id (str | Unset): The project it spends in; the caller's default project when omitted.
    """

    name: str
    amount_minor: int
    currency: str
    expires_at: datetime.datetime
    allowed_skus: list[str]
    project_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        amount_minor = self.amount_minor

        currency = self.currency

        expires_at = self.expires_at.isoformat()

        allowed_skus = self.allowed_skus

        project_id = self.project_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "amount_minor": amount_minor,
                "currency": currency,
                "expires_at": expires_at,
                "allowed_skus": allowed_skus,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        amount_minor = d.pop("amount_minor")

        currency = d.pop("currency")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        allowed_skus = cast(list[str], d.pop("allowed_skus"))

        project_id = d.pop("project_id", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        spend_grant_create = cls(
            name,
            amount_minor,
            currency,
            expires_at,
            allowed_skus,
            project_id,
        )

        return spend_grant_create
