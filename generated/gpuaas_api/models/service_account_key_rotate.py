from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.service_account_key_algorithm import ServiceAccountKeyAlgorithm
from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceAccountKeyRotate")


@_attrs_define
class ServiceAccountKeyRotate:
    """The new key, as for `ServiceAccountKeyCreate`, and how long the rotated key stays valid.

    Example:
        {'algorithm': 'ES256', 'previous_key_grace_seconds': 3600}

    Attributes:
        public_key_pem (str | Unset): Public half of the new key pair, PEM-encoded SubjectPublicKeyInfo; omit to have
            the platform generate the pair.
        algorithm (ServiceAccountKeyAlgorithm | Unset): JWS algorithm of the key's assertions, `RS256` (RSA, at least
            2048 bits) or `ES256` (ECDSA P-256).
        previous_key_grace_seconds (int | Unset): Seconds the rotated key stays valid; 0 expires it at once. Default:
            86400.
    """

    public_key_pem: str | Unset = UNSET
    algorithm: ServiceAccountKeyAlgorithm | Unset = UNSET
    previous_key_grace_seconds: int | Unset = 86400

    def to_dict(self) -> dict[str, Any]:
        public_key_pem = self.public_key_pem

        algorithm: str | Unset = UNSET
        if not isinstance(self.algorithm, Unset):
            algorithm = self.algorithm.value

        previous_key_grace_seconds = self.previous_key_grace_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if public_key_pem is not UNSET:
            field_dict["public_key_pem"] = public_key_pem
        if algorithm is not UNSET:
            field_dict["algorithm"] = algorithm
        if previous_key_grace_seconds is not UNSET:
            field_dict["previous_key_grace_seconds"] = previous_key_grace_seconds

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

        previous_key_grace_seconds = d.pop("previous_key_grace_seconds", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        service_account_key_rotate = cls(
            public_key_pem,
            algorithm,
            previous_key_grace_seconds,
        )

        return service_account_key_rotate
