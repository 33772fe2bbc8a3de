from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.service_account_key_algorithm import ServiceAccountKeyAlgorithm
from ..models.service_account_key_status import ServiceAccountKeyStatus

T = TypeVar("T", bound="ServiceAccountKey")


@_attrs_define
class ServiceAccountKey:
    """
    Example:
        {'id': 'key-2024-01', 'service_account_id': 'sa-1234', 'algorithm': 'ES256', 'public_key_pem': '-----BEGIN
            PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkJr/M2snyMIt4LoWNeCryjrjj32v
            \\nxk6VUwdXY7yayUsRCV/+bIhbOzRJlNuezCcChfxS3dwBF7CHW14NwqcTCQ==\\n-----END PUBLIC KEY-----\\n', 'created_at':
            '2026-03-02T16:06:00Z', 'expires_at': None, 'revoked_at': None, 'status': 'active'}

    Attributes:
        id (str): The `kid` of the assertions signed with this key.
        service_account_id (str):
        algorithm (ServiceAccountKeyAlgorithm): JWS algorithm of the key's assertions, `RS256` (RSA, at least 2048 bits)
            or `ES256` (ECDSA P-256).
        public_key_pem (str): The public half, PEM-encoded SubjectPublicKeyInfo.
        created_at (datetime.datetime):
        expires_at (datetime.datetime | None): When the key stops being accepted; null unless it was rotated.
        revoked_at (datetime.datetime | None): When the key was revoked; null unless it was.
        status (ServiceAccountKeyStatus): `active` keys sign assertions that are accepted; `revoked` ones were
            revoked; `expired` ones passed their `expires_at` (after a rotation).
    """

    id: str
    service_account_id: str
    algorithm: ServiceAccountKeyAlgorithm
    public_key_pem: str
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    status: ServiceAccountKeyStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        service_account_id = self.service_account_id

        algorithm = self.algorithm.value

        public_key_pem = self.public_key_pem

        created_at = self.created_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "service_account_id": service_account_id,
                "algorithm": algorithm,
                "public_key_pem": public_key_pem,
                "created_at": created_at,
                "expires_at": expires_at,
                "revoked_at": revoked_at,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        service_account_id = src_dict["service_account_id"]

        algorithm = ServiceAccountKeyAlgorithm.from_value(src_dict["algorithm"])

        public_key_pem = src_dict["public_key_pem"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(src_dict["expires_at"])

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

        status = ServiceAccountKeyStatus.from_value(src_dict["status"])

        # Positional, in the order of the class's fields: faster than keywords.
        service_account_key = cls(
            id,
            service_account_id,
            algorithm,
            public_key_pem,
            created_at,
            expires_at,
            revoked_at,
            status,
        )
        if len(src_dict) > 8:
            known = {
                "id",
                "service_account_id",
                "algorithm",
                "public_key_pem",
                "created_at",
                "expires_at",
                "revoked_at",
                "status",
            }
            service_account_key.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return service_account_key

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
