"""Request bodies as the contract defines them, validated strictly (no type coercion)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

__all__ = ["AllocationCreate", "DevLoginRequest", "RefreshRequest"]


class _Body(BaseModel):
    # Strict: "1" is not an integer and true is not a string, exactly as in JSON Schema.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class DevLoginRequest(_Body):
    username: Annotated[str, Field(min_length=1, max_length=128)]
    password: Annotated[str, Field(min_length=1, max_length=256)]


class RefreshRequest(_Body):
    refresh_token: Annotated[str, Field(min_length=1, max_length=4096)]


_Id = Annotated[str, Field(min_length=1, max_length=64)]


def _integral(value: Any) -> Any:
    # JSON Schema counts 2.0 as an integer; strict pydantic would not.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_JsonInt = Annotated[int, BeforeValidator(_integral)]


class AllocationCreate(_Body):
    sku: _Id
    gpus_total: Annotated[_JsonInt, Field(ge=1, le=64)]
    region_code: _Id | None = None
    project_id: _Id | None = None
    ssh_key_ids: Annotated[list[_Id], Field(max_length=16)] = Field(default_factory=list)

    @field_validator("region_code", "project_id", "ssh_key_ids", mode="before")
    @classmethod
    def _present_means_not_null(cls, value: Any) -> Any:
        # The optional fields may be left out, but the contract does not allow null.
        if value is None:
            raise ValueError("must not be null")
        return value
