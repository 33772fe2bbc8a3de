"""Request bodies as the contract defines them, validated strictly (no type coercion)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

__all__ = ["AllocationCreate", "Body", "DevLoginRequest", "JsonInt", "RefreshRequest"]


class Body(BaseModel):
    """A request body: strict like JSON Schema ("1" is not an integer, true not a string)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _integral(value: Any) -> Any:
    # JSON Schema counts 2.0 as an integer; strict pydantic would not.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


JsonInt = Annotated[int, BeforeValidator(_integral)]
"""An integer as JSON Schema has it: 2.0 counts, "2" and true do not."""


class DevLoginRequest(Body):
    username: Annotated[str, Field(min_length=1, max_length=128)]
    password: Annotated[str, Field(min_length=1, max_length=256)]


class RefreshRequest(Body):
    refresh_token: Annotated[str, Field(min_length=1, max_length=4096)]


class LogoutRequest(Body):
    # Left out means "" (defaults are not validated); `null` or "" sent are refused.
    refresh_token: Annotated[str, Field(min_length=1, max_length=4096)] = ""


_Id = Annotated[str, Field(min_length=1, max_length=64)]


class AllocationCreate(Body):
    sku: _Id
    gpus_total: Annotated[JsonInt, Field(ge=1, le=64)]
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
