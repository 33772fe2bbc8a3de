"""Sandboxes: `POST /_sim/sandboxes` gives each CI runner a platform of its own, in memory,
in SQLite and in PostgreSQL (there, made through one process and used through another)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from gpuaas_sdk import Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sim import SimConfig, Simulator, serve_in_thread

from .test_shared_state import run_together, wait_until


@dataclass
class Shared:
    """One simulated platform served by one simulator (two on PostgreSQL)."""

    sims: list[Simulator]
    urls: list[str]

    def make(self, via: int = 0, **body: Any) -> dict[str, Any]:
        url = self.urls[via % len(self.urls)]
        response = httpx.post(f"{url}/_sim/sandboxes", json=body or None, timeout=30)
        assert response.status_code == 201, response.text
        made: dict[str, Any] = response.json()
        return made

    def through(self, base_url: str, via: int) -> str:
        """The sandbox's base URL on another simulator of the same platform."""
        path = urlsplit(base_url).path
        return self.urls[via % len(self.urls)] + path


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Shared]:
    settings: dict[str, Any] = {"clock_speed": 0, "control_api": True}
    if request.param == "sqlite":
        configs = [SimConfig(data_dir=tmp_path / "state", **settings)]
    elif request.param == "postgresql":
        url = request.getfixturevalue("database_url")
        configs = [SimConfig(database=url, data_dir=tmp_path / "bytes", **settings)] * 2
    else:
        configs = [SimConfig(**settings)]
    with contextlib.ExitStack() as stack:
        sims = []
        for config in configs:
            sim = Simulator(config)
            stack.callback(sim.close)
            sims.append(sim)
        urls = [stack.enter_context(serve_in_thread(sim)).base_url for sim in sims]
        yield Shared(sims, urls)


def login(base_url: str) -> str:
    response = httpx.post(
        f"{base_url}/v1/auth/login",
        json={"username": "dev-user", "password": "dev123"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def test_sixteen_runners_share_one_simulator_and_see_none_of_each_others_data(
    shared: Shared,
) -> None:
    seen: dict[int, dict[str, Any]] = {}

    def runner(i: int) -> None:
        made = shared.make(via=i)
        base = shared.through(made["base_url"], via=i + 1)
        with Client(base, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            client.storage.mkdir(f"/runner-{i}/")
            allocation = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
            seen[i] = {
                "base": base,
                "token": login(base),
                "allocation": allocation.id,
                "paths": {o.path for o in client.storage.list()},
                "allocations": {a.id for a in client.allocations.list()},
            }

    run_together([lambda i=i: runner(i) for i in range(16)])

    assert len({s["base"] for s in seen.values()}) == 16
    for i, mine in seen.items():
        assert mine["paths"] == {f"/runner-{i}/"}
        assert mine["allocations"] == {mine["allocation"]}
        other = seen[(i + 1) % 16]
        refused = httpx.get(
            f"{other['base']}/v1/auth/whoami",
            headers={"Authorization": f"Bearer {mine['token']}"},
            timeout=30,
        )
        assert refused.status_code == 401  # one runner's login means nothing in another's
    with Client(shared.urls[0], auth=DevPasswordAuth("dev-user", "dev123")) as main:
        assert list(main.storage.list()) == []
        assert list(main.allocations.list()) == []


def test_a_sandbox_expires_and_is_deleted_by_itself(shared: Shared) -> None:
    made = shared.make(ttl_seconds=1)
    base, sandbox_id = made["base_url"], made["id"]
    with Client(base, auth=DevPasswordAuth("dev-user", "dev123")) as client:
        client.storage.mkdir("/kept-for-a-second/")
    folder = shared.sims[0].data_dir_of(sandbox_id)
    store = shared.sims[0].persistence.store if shared.sims[0].persistence else None

    def deleted() -> bool:
        return (
            all(sim.sandboxes is not None and len(sim.sandboxes) == 0 for sim in shared.sims)
            and (folder is None or not folder.exists())
            and (store is None or store.world(sandbox_id) is None)
        )

    wait_until(deleted)  # nobody asked: the janitor did it

    if store is not None:
        assert store.book_versions(sandbox_id) == {}
        assert store.events_after(sandbox_id, 0) == []
    assert httpx.get(f"{shared.urls[0]}/_sim/sandboxes/{sandbox_id}").status_code == 404
    gone = httpx.get(f"{base}/v1/health")
    assert gone.status_code == 404
    assert gone.json()["error"]["details"] == {"sandbox_id": sandbox_id}


@pytest.fixture
def main() -> Iterator[Shared]:
    sim = Simulator(SimConfig(clock_speed=0, control_api=True))
    try:
        with serve_in_thread(sim) as server:
            yield Shared([sim], [server.base_url])
    finally:
        sim.close()


def test_a_sandbox_has_its_own_clock_faults_and_logins(main: Shared) -> None:
    base = main.make()["base_url"]
    root = main.urls[0]
    main_token, sandbox_token = login(root), login(base)

    day = httpx.post(f"{base}/_sim/clock/advance", json={"seconds": 86400}).json()["now"]
    fault = {"method": "GET", "path": "/v1/health", "status": 503, "times": None}
    assert httpx.post(f"{base}/_sim/faults", json=fault).status_code == 201

    assert httpx.get(f"{root}/_sim/clock").json()["now"] < day
    assert httpx.get(f"{base}/v1/health").status_code == 503
    assert httpx.get(f"{root}/v1/health").status_code == 200
    for url, token in ((root, sandbox_token), (base, main_token)):
        whoami = httpx.get(f"{url}/v1/auth/whoami", headers={"Authorization": f"Bearer {token}"})
        assert whoami.status_code == 401
    assert httpx.post(f"{base}/_sim/sandboxes").status_code == 404  # no sandbox in a sandbox


def test_the_urls_a_sandbox_builds_stay_inside_it(main: Shared) -> None:
    made = main.make()
    base, prefix = made["base_url"], f"/_sandboxes/{made['id']}"
    headers = {"Authorization": f"Bearer {login(base)}"}
    created = httpx.post(
        f"{base}/v1/allocations", json={"sku": "h200-sxm-slice", "gpus_total": 1}, headers=headers
    ).json()
    httpx.post(f"{base}/_sim/clock/advance", json={"seconds": 10})

    minted = httpx.post(f"{base}/v1/allocations/{created['id']}/terminal-token", headers=headers)
    page = httpx.get(
        f"{base}/v1/auth/oidc/authorize",
        params={
            "response_type": "code",
            "client_id": "gpuaas-cli",
            "redirect_uri": "http://127.0.0.1:8765/callback",
            "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "code_challenge_method": "S256",
            "state": "s",
        },
    )

    assert urlsplit(minted.json()["ws_url"]).path.startswith(f"{prefix}/v1/allocations/")
    assert f'action="{prefix}/v1/auth/oidc/authorize"' in page.text


def test_a_sandbox_deleted_early_is_gone(main: Shared) -> None:
    made = main.make()
    url = f"{main.urls[0]}/_sim/sandboxes/{made['id']}"

    assert httpx.get(url).json()["id"] == made["id"]
    assert httpx.delete(url).status_code == 204
    assert httpx.get(url).status_code == 404
    assert httpx.delete(url).status_code == 404
    assert httpx.get(f"{made['base_url']}/v1/health").status_code == 404


@pytest.mark.parametrize("body", [{"ttl_seconds": 0}, {"ttl_seconds": "1h"}, {"ttl": 5}, [1]])
def test_a_bad_lifetime_is_refused(main: Shared, body: Any) -> None:
    response = httpx.post(f"{main.urls[0]}/_sim/sandboxes", json=body)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"


def test_sandboxes_need_the_control_api() -> None:
    sim = Simulator(SimConfig(clock_speed=0))
    try:
        with serve_in_thread(sim) as server:
            assert httpx.post(f"{server.base_url}/_sim/sandboxes").status_code == 404
    finally:
        sim.close()
