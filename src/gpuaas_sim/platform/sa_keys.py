"""Key material of service-account keys: checking public halves and generating pairs.

Only `cryptography` touches key bytes; the rest of the simulator sees PEM strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from .errors import ApiError

__all__ = ["KeyMaterial", "generate_pair", "parse_public_key"]

MIN_RSA_BITS = 2048


@dataclass(frozen=True)
class KeyMaterial:
    algorithm: str
    public_key_pem: str
    private_key_pem: str | None
    der: bytes
    """The SubjectPublicKeyInfo bytes: what makes two PEMs the same key."""


def _invalid(reason: str) -> ApiError:
    return ApiError(
        "validation_error",
        f"The key is not acceptable: {reason}.",
        details={"errors": [{"field": "public_key_pem", "reason": reason}]},
    )


def _algorithm_of(key: object) -> str:
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise _invalid(f"an RSA key needs at least {MIN_RSA_BITS} bits")
        return "RS256"
    if isinstance(key, ec.EllipticCurvePublicKey):
        if not isinstance(key.curve, ec.SECP256R1):
            raise _invalid("an EC key must be on the P-256 curve")
        return "ES256"
    raise _invalid("only RSA (RS256) and P-256 (ES256) keys are accepted")


def _spki(key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey) -> tuple[str, bytes]:
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    pem = key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem.decode(), der


def parse_public_key(pem: str, algorithm: str | None) -> KeyMaterial:
    """The public half a client sent, checked for strength and fit with `algorithm` (422)."""
    try:
        key = serialization.load_pem_public_key(pem.encode())
    except (ValueError, TypeError):
        raise _invalid("not a PEM-encoded SubjectPublicKeyInfo public key") from None
    found = _algorithm_of(key)
    if algorithm is not None and algorithm != found:
        raise _invalid(f"algorithm {algorithm} does not fit this key, which is {found}")
    assert isinstance(key, rsa.RSAPublicKey | ec.EllipticCurvePublicKey)
    public_pem, der = _spki(key)
    return KeyMaterial(found, public_pem, None, der)


def generate_pair(algorithm: str) -> KeyMaterial:
    """A fresh key pair; the private half is PKCS #8 PEM, handed back once."""
    private: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    if algorithm == "ES256":
        private = ec.generate_private_key(ec.SECP256R1())
    else:
        private = rsa.generate_private_key(public_exponent=65537, key_size=MIN_RSA_BITS)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem, der = _spki(private.public_key())
    return KeyMaterial(algorithm, public_pem, private_pem, der)
