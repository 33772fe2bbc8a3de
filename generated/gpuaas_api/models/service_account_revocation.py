from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ServiceAccountRevocation")


@_attrs_define
class ServiceAccountRevocation:
    """
    Example:
        {'service_account_id': 'sa-1234', 'revoked_key_ids': ['key-2026-04', 'key-2024-01'], 'revoked_at':
            '2026-04-02T08:15:00Z'}

    Attributes:
        service_account_id (str):
        revoked_key_ids (list[str]): The keys this request revoked (not those revoked or expired before it).
        revoked_at (datetime.datetime): When the keys and the account's tokens stopped being accepted.
    """

    service_account_id: str
    revoked_key_ids: list[str]
    revoked_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        service_account_id = self.service_account_id

        revoked_key_ids = self.revoked_key_ids

        revoked_at = self.revoked_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "service_account_id": service_account_id,
                "revoked_key_ids": revoked_key_ids,
                "revoked_at": revoked_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        service_account_id = src_dict["service_account_id"]

        revoked_key_ids = cast(list[str], src_dict["revoked_key_ids"])

        revoked_at = datetime.datetime.fromisoformat(src_dict["revoked_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        service_account_revocation = cls(
            service_account_id,
            revoked_key_ids,
            revoked_at,
        )
        if len(src_dict) > 3:
            known = {
                "service_account_id",
                "revoked_key_ids",
                "revoked_at",
            }
            service_account_revocation.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return service_account_revocation

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
