import asyncio
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import respx

from gpuaas_sdk import AsyncClient, Client

BASE = "https://api.test"


def envelope(code: str, message: str = "boom", status: int = 400, **headers: str) -> httpx.Response:
    return httpx.Response(
        status,
        json={
            "error": {"code": code, "message": message, "correlation_id": "corr-1", "details": {}}
        },
        headers=headers,
    )


def token_grant(access: str, refresh: str, expires_in: int = 900) -> httpx.Response:
    return httpx.Response(
        200,
        json={
            "access_token": access,
            "refresh_token": refresh,
            "token_type": "Bearer",
            "expires_in": expires_in,
            "refresh_expires_in": 86400,
        },
    )


PRINCIPAL = {
    "principal_id": "usr-dev-user",
    "kind": "human",
    "display_name": "dev-user",
    "tenant_id": "tnt-acme",
    "default_project_id": "prj-default",
    "roles": ["tenant_member"],
}
"""What `GET /v1/auth/whoami` answers for the dev user."""


def allocation_json(allocation_id: str = "alloc-1", status: str = "active") -> dict[str, Any]:
    return {
        "id": allocation_id,
        "status": status,
        "sku": "h200-sxm-slice",
        "gpus_total": 1,
        "region_code": "us-buffalo-1",
        "project_id": "prj-default",
        "ssh_key_ids": [],
        "created_at": "2026-04-01T12:00:00Z",
        "updated_at": "2026-04-01T12:00:03Z",
        "failure_reason": None,
        "connection": None,
        "labels": {},
        "price_per_hour_minor": 349,
        "cost_minor": 0,
        "currency": "USD",
        "lease_seconds": None,
        "lease_expires_at": None,
        "max_runtime_seconds": None,
        "release_reason": None,
        "price_per_gpu_hour_minor": 349,
        "quote_id": None,
        "hold_id": None,
        "reservation_id": None,
        "fleet_id": None,
        "volumes": [],
        "created_by": "usr-dev-user",
    }


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the SDK's sleeps instead of sleeping (sync and async)."""
    recorded: list[float] = []

    async def fake_async_sleep(seconds: float, *args: Any) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(time, "sleep", recorded.append)
    monkeypatch.setattr(asyncio, "sleep", fake_async_sleep)
    return recorded


@pytest.fixture
def client() -> Iterator[Client]:
    with Client(BASE, auth="tok-static") as c:
        yield c


@pytest.fixture
def make_client() -> Iterator[Callable[..., Client]]:
    made: list[Client] = []

    def make(**kwargs: Any) -> Client:
        c = Client(BASE, **{"auth": "tok-static", **kwargs})
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


@pytest.fixture
def async_client() -> AsyncClient:
    return AsyncClient(BASE, auth="tok-static")
