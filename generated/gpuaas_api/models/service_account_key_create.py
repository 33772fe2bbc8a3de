from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.service_account_key_algorithm import ServiceAccountKeyAlgorithm
from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceAccountKeyCreate")


@_attrs_define
class ServiceAccountKeyCreate:
    """Leave `public_key_pem` out (or send no body) to have the platform generate the key pair.

    Example:
        {'algorithm': 'ES256', 'public_key_pem': '-----BEGIN PUBLIC
            KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkJr/M2snyMIt4LoWNeCryjrjj32v
            \\nxk6VUwdXY7yayUsRCV/+bIhbOzRJlNuezCcChfxS3dwBF7CHW14NwqcTCQ==\\n-----END PUBLIC KEY-----\\n'}

    Attributes:
        public_key_pem (str | Unset): Public half of a key pair you made, PEM-encoded SubjectPublicKeyInfo; its private
            half never leaves you.
        algorithm (ServiceAccountKeyAlgorithm | Unset): JWS algorithm of the key's assertions, `RS256` (RSA, at least
            2048 bits) or `ES256` (ECDSA P-256).
    """

    public_key_pem: str | Unset = UNSET
    algorithm: ServiceAccountKeyAlgorithm | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        public_key_pem = self.public_key_pem

        algorithm: str | Unset = UNSET
        if not isinstance(self.algorithm, Unset):
            algorithm = self.algorithm.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if public_key_pem is not UNSET:
            field_dict["public_key_pem"] = public_key_pem
        if algorithm is not UNSET:
            field_dict["algorithm"] = algorithm

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        public_key_pem = d.pop("public_key_pem", UNSET)

        _algorithm = d.pop("algorithm", UNSET)
        algorithm: ServiceAccountKeyAlgorithm | Unset
        if isinstance(_algorithm, Unset):
            algorithm = UNSET
        else:
            algorithm = ServiceAccountKeyAlgorithm.from_value(_algorithm)

        # Positional, in the order of the class's fields: faster than keywords.
        service_account_key_create = cls(
            public_key_pem,
            algorithm,
        )

        return service_account_key_create
