"""Request bodies of the iam, projects, service-accounts, SSH-key and quote operations."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from .schemas import Body, JsonInt

__all__ = [
    "MembershipCreate",
    "PriceQuoteRequest",
    "ProjectCreate",
    "ProjectUpdate",
    "ServiceAccountCreate",
    "ServiceAccountKeyCreate",
    "ServiceAccountKeyRotate",
    "SshKeyCreate",
]


def _not_null(value: Any) -> Any:
    if value is None:
        raise ValueError("must not be null")
    return value


_Id = Annotated[str, Field(min_length=1, max_length=64)]
_Slug = Annotated[
    str, Field(min_length=1, max_length=63, pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
]
_RoleName = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
_Kind = Literal["human", "agent", "service"]
_Algorithm = Literal["RS256", "ES256"]
_PublicPem = Annotated[
    str, Field(min_length=1, max_length=8192, pattern=r"^-----BEGIN PUBLIC KEY-----")
]


class MembershipCreate(Body):
    principal_id: _Id
    role: _RoleName


class ProjectCreate(Body):
    name: _Slug
    description: Annotated[str, Field(max_length=1024)] | None = None

    _present = field_validator("description", mode="before")(_not_null)


class ProjectUpdate(Body):
    name: _Slug | None = None
    description: Annotated[str, Field(max_length=1024)] | None = None

    _present = field_validator("name", mode="before")(_not_null)


class ServiceAccountCreate(Body):
    name: _Slug
    principal_kind: _Kind
    project_id: _Id | None = None
    monthly_spend_cap_minor: Annotated[JsonInt, Field(ge=0)] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    signing_required: bool = False
    roles: Annotated[list[_RoleName], Field(max_length=2)] | None = None

    _present = field_validator(
        "project_id", "currency", "signing_required", "roles", mode="before"
    )(_not_null)

    @field_validator("roles")
    @classmethod
    def _unique(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and len(set(value)) != len(value):
            raise ValueError("roles must be unique")
        return value


class ServiceAccountKeyCreate(Body):
    public_key_pem: _PublicPem | None = None
    algorithm: _Algorithm | None = None

    _present = field_validator("public_key_pem", "algorithm", mode="before")(_not_null)


class ServiceAccountKeyRotate(ServiceAccountKeyCreate):
    previous_key_grace_seconds: Annotated[JsonInt, Field(ge=0, le=604800)] = 86400

    _grace_present = field_validator("previous_key_grace_seconds", mode="before")(_not_null)


class SshKeyCreate(Body):
    name: Annotated[str, Field(min_length=1, max_length=128)]
    public_key: Annotated[str, Field(min_length=1, max_length=16384)]


def _number(value: Any) -> Any:
    # JSON numbers: an integer is a fine number of hours; a boolean is not.
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


class PriceQuoteRequest(Body):
    sku: _Id
    gpus_total: Annotated[JsonInt, Field(ge=1, le=64)]
    hours: Annotated[float, BeforeValidator(_number), Field(gt=0, le=8784)]
    region_code: _Id | None = None

    _present = field_validator("region_code", mode="before")(_not_null)
