"""SSH public keys of each principal: parsing `authorized_keys` lines and fingerprints."""

from __future__ import annotations

import base64
import binascii
import hashlib
import random
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_ssh_public_key

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import PersistedFields
from .errors import ApiError
from .identity import Principal
from .ids import fresh_id

__all__ = ["ACCEPTED_TYPES", "SshKey", "SshKeyBook", "fingerprint_of"]

ACCEPTED_TYPES = frozenset(
    {"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"}
)
MIN_RSA_BITS = 2048


def _invalid(reason: str) -> ApiError:
    return ApiError(
        "validation_error",
        f"The SSH key is not acceptable: {reason}.",
        details={"errors": [{"field": "public_key", "reason": reason}]},
    )


def fingerprint_of(public_key: str) -> str:
    """`SHA256:<unpadded base64>` of the key blob, as `ssh-keygen -l` prints it; 422 if bad."""
    parts = public_key.strip().split(None, 2)
    if len(parts) < 2:
        raise _invalid("expected `<type> <base64> [comment]`")
    key_type, encoded = parts[0], parts[1]
    if key_type not in ACCEPTED_TYPES:
        raise _invalid("the type must be one of " + ", ".join(sorted(ACCEPTED_TYPES)))
    try:
        blob = base64.b64decode(encoded, validate=True)
        key = load_ssh_public_key(f"{key_type} {encoded}".encode())
    except (binascii.Error, ValueError, UnsupportedAlgorithm):
        raise _invalid("the key data does not parse") from None
    if isinstance(key, rsa.RSAPublicKey) and key.key_size < MIN_RSA_BITS:
        raise _invalid(f"an ssh-rsa key needs at least {MIN_RSA_BITS} bits")
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


@dataclass(frozen=True)
class SshKey:
    id: str
    seq: int
    owner_id: str
    name: str
    fingerprint: str
    public_key: str
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "fingerprint": self.fingerprint,
            "public_key": self.public_key,
            "created_at": format_time(self.created_at),
        }


class SshKeyBook(PersistedFields):
    """Every principal's SSH keys; a principal only ever sees its own."""

    def __init__(self, clock: SimClock, seed: int) -> None:
        self.clock = clock
        self.keys: dict[str, SshKey] = {}
        self._rng = random.Random(f"ssh-keys-{seed}")
        self._seq = 0
        self._lock = threading.Lock()

    def owned_by(self, principal: Principal) -> list[SshKey]:
        """The caller's keys, newest first."""
        mine = [k for k in self.keys.values() if k.owner_id == principal.principal_id]
        return sorted(mine, key=lambda k: k.seq, reverse=True)

    def get(self, principal: Principal, key_id: str) -> SshKey:
        key = self.keys.get(key_id)
        if key is None or key.owner_id != principal.principal_id:
            raise ApiError(
                "ssh_key_not_found",
                f"No SSH key {key_id!r} belongs to the caller.",
                details={"ssh_key_id": key_id},
            )
        return key

    def add(self, principal: Principal, name: str, public_key: str) -> SshKey:
        fingerprint = fingerprint_of(public_key)
        with self._lock:
            for key in self.owned_by(principal):
                if key.fingerprint == fingerprint:
                    raise ApiError(
                        "already_exists",
                        f"The caller already has this key, as {key.id}.",
                        details={"ssh_key_id": key.id, "fingerprint": fingerprint},
                    )
            self._seq += 1
            key_id = fresh_id(self._rng, "key", self.keys)
            key = SshKey(
                key_id,
                self._seq,
                principal.principal_id,
                name,
                fingerprint,
                public_key,
                self.clock.now(),
            )
            self.keys[key_id] = key
            return key

    def delete(self, principal: Principal, key_id: str) -> None:
        with self._lock:
            self.get(principal, key_id)
            del self.keys[key_id]

    # -- persistence -------------------------------------------------------------

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {"keys": dict[str, SshKey], "_seq": int, "_rng": random.Random}
