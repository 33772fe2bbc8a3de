from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import redacted_repr

if TYPE_CHECKING:
    from ..models.service_account_key import ServiceAccountKey


T = TypeVar("T", bound="ServiceAccountKeyCreated")


@_attrs_define
class ServiceAccountKeyCreated:
    """
    Example:
        {'key': {'id': 'key-2026-04', 'service_account_id': 'sa-1234', 'algorithm': 'ES256', 'public_key_pem': '-----
            BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEglDc50jNsMtuxZLUGXRHG0C8BVkR
            \\nWM/4dZqFPK3b8mvLHeF16J0GJPs0SF2nDvdOT86Pz9iScMVp5sxNfl9BNg==\\n-----END PUBLIC KEY-----\\n', 'created_at':
            '2026-04-01T12:00:00Z', 'expires_at': None, 'revoked_at': None, 'status': 'active'}, 'private_key_pem': '-----
            BEGIN PRIVATE KEY-----\\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg...\\n-----END PRIVATE KEY-----\\n',
            'signing_secret': 'sgs_9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
            'previous_key_expires_at': '2026-04-01T13:00:00Z'}

    Attributes:
        key (ServiceAccountKey):  Example: {'id': 'key-2024-01', 'service_account_id': 'sa-1234', 'algorithm': 'ES256',
            'public_key_pem': '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkJr/M2snyMIt4LoWNeCryjrjj32v
            \\nxk6VUwdXY7yayUsRCV/+bIhbOzRJlNuezCcChfxS3dwBF7CHW14NwqcTCQ==\\n-----END PUBLIC KEY-----\\n', 'created_at':
            '2026-03-02T16:06:00Z', 'expires_at': None, 'revoked_at': None, 'status': 'active'}.
        private_key_pem (None | str): The private half, PEM-encoded PKCS #8, when the platform generated the
            pair; null when you sent `public_key_pem`. Shown only in this response
            (and its Idempotency-Key replays): store it now.
        signing_secret (None | str): The HMAC-SHA256 secret for `GPUaaS-Signature` on requests made with
            tokens from this key, when the account is `signing_required`; null
            otherwise. Shown only in this response (and its Idempotency-Key
            replays): store it now.
        previous_key_expires_at (datetime.datetime | None): After a rotation, when the rotated key expires; null for a
            new key.
    """

    key: ServiceAccountKey
    private_key_pem: None | str = _attrs_field(repr=redacted_repr)
    signing_secret: None | str = _attrs_field(repr=redacted_repr)
    previous_key_expires_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key.to_dict()

        private_key_pem: None | str
        private_key_pem = self.private_key_pem

        signing_secret: None | str
        signing_secret = self.signing_secret

        previous_key_expires_at: None | str
        if isinstance(self.previous_key_expires_at, datetime.datetime):
            previous_key_expires_at = self.previous_key_expires_at.isoformat()
        else:
            previous_key_expires_at = self.previous_key_expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "private_key_pem": private_key_pem,
                "signing_secret": signing_secret,
                "previous_key_expires_at": previous_key_expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        key = ServiceAccountKey.from_dict(src_dict["key"])

        private_key_pem: None | str = src_dict["private_key_pem"]

        signing_secret: None | str = src_dict["signing_secret"]

        def _parse_previous_key_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_key_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return previous_key_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous_key_expires_at = _parse_previous_key_expires_at(
            src_dict["previous_key_expires_at"]
        )

        # Positional, in the order of the class's fields: faster than keywords.
        service_account_key_created = cls(
            key,
            private_key_pem,
            signing_secret,
            previous_key_expires_at,
        )
        if len(src_dict) > 4:
            known = {
                "key",
                "private_key_pem",
                "signing_secret",
                "previous_key_expires_at",
            }
            service_account_key_created.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return service_account_key_created

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
from ..models.service_account_key import ServiceAccountKey  # noqa: E402
