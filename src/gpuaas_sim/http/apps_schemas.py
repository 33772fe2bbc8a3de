"""Request bodies of the apps operations, validated strictly like their contract schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from .schemas import Body, JsonInt

__all__ = [
    "AppArtifactPromotion",
    "AppEntitlementCreate",
    "AppInstanceCreate",
    "AppInstanceMemberCreate",
    "AppManifestCreate",
    "AppPortSpec",
]


def _not_null(value: Any) -> Any:
    if value is None:
        raise ValueError("must not be null")
    return value


_Id = Annotated[str, Field(min_length=1, max_length=64)]
Role = Literal["head", "worker"]
Channel = Literal["stable", "beta", "dev"]


def _head_only() -> list[Role]:
    return ["head"]


class AppPortSpec(Body):
    name: Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[a-z][a-z0-9-]*$")]
    port: Annotated[JsonInt, Field(ge=1, le=65535)]
    protocol: Literal["http", "tcp"]


class AppManifestCreate(Body):
    slug: Annotated[
        str, Field(min_length=2, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
    ]
    name: Annotated[str, Field(min_length=1, max_length=128)]
    description: Annotated[str, Field(max_length=4096)] = ""
    version: Annotated[str, Field(min_length=1, max_length=64)]
    category: Annotated[str, Field(min_length=1, max_length=64)]
    image: Annotated[str, Field(min_length=1, max_length=512)]
    ports: Annotated[list[AppPortSpec], Field(max_length=32)] = Field(default_factory=list)
    min_gpus: Annotated[JsonInt, Field(ge=1, le=64)] = 1
    supported_skus: Annotated[list[_Id], Field(max_length=64)] = Field(default_factory=list)
    roles: Annotated[list[Role], Field(min_length=1, max_length=2)] = Field(
        default_factory=_head_only
    )
    entitlement_required: bool = False

    @field_validator(
        "description",
        "ports",
        "min_gpus",
        "supported_skus",
        "roles",
        "entitlement_required",
        mode="before",
    )
    @classmethod
    def _present_means_not_null(cls, value: Any) -> Any:
        return _not_null(value)

    @field_validator("roles")
    @classmethod
    def _unique_roles(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("roles must be unique")
        return value


class AppInstanceCreate(Body):
    app_slug: _Id
    project_id: _Id
    target_allocation_id: _Id
    name: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    config: dict[str, Any] | None = None

    @field_validator("name", "config", mode="before")
    @classmethod
    def _present_means_not_null(cls, value: Any) -> Any:
        return _not_null(value)


class AppInstanceMemberCreate(Body):
    allocation_id: _Id
    role: Role


class AppArtifactPromotion(Body):
    channel: Channel


class AppEntitlementCreate(Body):
    project_id: _Id
    expires_at: datetime | None = None

    @field_validator("expires_at", mode="before")
    @classmethod
    def _rfc3339(cls, value: Any) -> Any:
        # Strict mode parses no strings into datetimes; accept RFC 3339 with an offset only.
        if not isinstance(value, str):
            raise ValueError("must be an RFC 3339 date-time string")
        try:
            moment = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError("must be an RFC 3339 date-time") from None
        if moment.tzinfo is None or "T" not in value.upper():
            raise ValueError("must be an RFC 3339 date-time with a time zone")
        return moment
