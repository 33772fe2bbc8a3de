"""Several simulators on one PostgreSQL database serve one platform (a real server, per test
database). In-process simulators each have their own connection and state lock, as separate
processes do; the kill test runs real `gpuaas-sim` processes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from gpuaas_sdk import Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sim import SimConfig, Simulator, serve_in_thread
from gpuaas_sim.runtime.persistence import PersistenceError
from tests.e2e.test_webhooks import Receiver

from .conftest import Api
from .test_events import events_of, frames_of
from .test_persistence import (
    Platform,
    _drop_new_logins,
    _without_ssh_ports,
    build_everything,
    reads,
)


class Node:
    """One simulator of the shared platform, served over loopback."""

    def __init__(self, database_url: str, data_dir: Path, **config: Any) -> None:
        settings = {"clock_speed": 0, "control_api": True, **config}
        self.sim = Simulator(SimConfig(database=database_url, data_dir=data_dir, **settings))
        self._serving = serve_in_thread(self.sim)
        self.url = self._serving.__enter__().base_url
        self.http = httpx.Client(base_url=self.url, timeout=30)

    def api(self, token: str) -> Api:
        return Api(self.http, {"Authorization": f"Bearer {token}"})  # type: ignore[arg-type]

    def login(self, username: str = "dev-user", password: str = "dev123") -> str:
        response = self.http.post(
            "/v1/auth/login", json={"username": username, "password": password}
        )
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])

    def control(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = self.http.request(method, f"/_sim/{path}", **kwargs)
        assert response.status_code < 300, response.text
        return response

    def close(self) -> None:
        self.http.close()
        self._serving.__exit__(None, None, None)
        self.sim.close()


@pytest.fixture
def nodes(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Node]]:
    """Start simulators on the test's database; all are closed at the end."""
    started: list[Node] = []

    def start(**config: Any) -> Node:
        node = Node(database_url, tmp_path / "bytes", **config)
        started.append(node)
        return node

    yield start
    for node in reversed(started):
        node.close()


def test_every_book_survives_a_restart_on_postgresql(database_url: str, tmp_path: Path) -> None:
    before = Platform(tmp_path / "bytes", database=database_url)
    try:
        ids = build_everything(before)
        seen_before, books_before = reads(before, ids), before.snapshots()
        now_before = before.sim.clock.now()
    finally:
        before.close()

    after = Platform(tmp_path / "bytes", database=database_url)
    try:
        assert after.sim.restored is True
        assert after.sim.clock.now() == now_before
        books_after = after.snapshots()
        assert set(books_after) == set(books_before)
        for name in books_before:
            assert _without_ssh_ports(books_after[name]) == _without_ssh_ports(
                books_before[name]
            ), name
        assert _drop_new_logins(reads(after, ids)) == _drop_new_logins(seen_before)
    finally:
        after.close()


def test_what_one_process_writes_the_next_one_serves(nodes: Callable[..., Node]) -> None:
    a, b = nodes(), nodes()
    token = a.login()

    created = b.api(token).create()  # a token issued by one process works in the other
    assert created.status_code == 201, created.text
    allocation_id = created.json()["id"]
    a.control("POST", "clock/advance", json={"seconds": 10})  # one clock for both

    assert b.api(token).allocation(allocation_id)["status"] == "active"
    assert a.api(token).allocation(allocation_id)["status"] == "active"
    assert b.control("GET", "clock").json() == a.control("GET", "clock").json()


def test_a_fault_armed_through_one_process_fires_once_in_all(nodes: Callable[..., Node]) -> None:
    a, b = nodes(), nodes()
    rule = {"method": "GET", "path": "/v1/health", "times": 1, "status": 503}
    a.control("POST", "faults", json=rule)

    statuses = [node.http.get("/v1/health").status_code for node in (b, a, b)]

    assert statuses == [503, 200, 200]
    assert a.control("GET", "faults").json() == {"faults": []}


def test_concurrent_placements_through_two_processes_never_overbook(
    nodes: Callable[..., Node],
) -> None:
    """eu-helsinki-1 has 8 L40S GPUs: of six concurrent requests for 4, exactly two fit."""
    a, b = nodes(), nodes()
    token = a.login()
    body = {"sku": "l40s-slice", "gpus_total": 4, "region_code": "eu-helsinki-1"}
    statuses: list[int] = []

    def place(node: Node) -> None:
        statuses.append(node.api(token).post("/v1/allocations", json=body).status_code)

    run_together([lambda n=node: place(n) for node in (a, b, a, b, a, b)])

    assert sorted(statuses) == [201, 201, 409, 409, 409, 409]
    listed = a.api(token).get("/v1/allocations").json()["items"]
    assert len(listed) == 2


def test_concurrent_writes_through_two_processes_are_all_kept(
    nodes: Callable[..., Node],
) -> None:
    a, b = nodes(), nodes()
    token = a.login()

    def write(node: Node, name: str) -> None:
        for i in range(12):
            response = node.api(token).post("/v1/storage/folders", json={"path": f"/{name}{i}/"})
            assert response.status_code == 201, response.text

    run_together([lambda: write(a, "a"), lambda: write(b, "b")])

    for node in (a, b):
        with Client(node.url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            paths = {o.path for o in client.storage.list()}
        assert paths == {f"/{name}{i}/" for name in "ab" for i in range(12)}


def test_a_stream_served_by_one_process_sees_what_another_does_and_resumes_on_a_third(
    nodes: Callable[..., Node],
) -> None:
    a, b, c = nodes(), nodes(), nodes()
    token = a.login()
    a.control("POST", "streams/cut", json={"after": 3})
    seen: list[Any] = []
    streaming = threading.Thread(
        target=lambda: seen.extend(stream(b, token, "0")), name="stream", daemon=True
    )
    streaming.start()
    wait_until(lambda: b_has_a_stream(b))

    first = a.api(token).create().json()["id"]  # made through one process, while b streams
    a.control("POST", "clock/advance", json={"seconds": 10})
    streaming.join(30)
    second = c.api(token).create().json()["id"]
    c.control("POST", "clock/advance", json={"seconds": 10})
    resumed = stream(c, token, seen[-1].id)

    assert [f.id for f in seen] == ["1", "2", "3"]
    assert {f.payload()["allocation_id"] for f in seen} == {first}
    assert [f.id for f in resumed] == ["4", "5", "6"]  # strictly after, nothing twice
    assert {f.payload()["allocation_id"] for f in resumed} == {second}


def stream(node: Node, token: str, last_event_id: str) -> list[Any]:
    headers = {"Authorization": f"Bearer {token}", "Last-Event-ID": last_event_id}
    with node.http.stream("GET", "/v1/events/stream", headers=headers) as response:
        assert response.status_code == 200
        return events_of(frames_of(response))


def b_has_a_stream(node: Node) -> bool:
    return any(r.path == "/v1/events/stream" for r in node.sim.requests_log)


def test_each_webhook_delivery_is_sent_by_one_process(nodes: Callable[..., Node]) -> None:
    a, b = nodes(webhook_poll_interval=0.01), nodes(webhook_poll_interval=0.01)
    token = a.login()
    with Receiver() as receiver:
        hook = {"url": receiver.url, "event_types": ["allocation.status_changed"]}
        assert a.api(token).post("/v1/webhooks", json=hook).status_code == 201
        assert b.api(token).create().status_code == 201
        b.control("POST", "clock/advance", json={"seconds": 10})

        received = receiver.wait_for(3, timeout=30)
        time.sleep(1.0)  # ample for a second sender to show up, if there were one

        ids = [r.event["id"] for r in receiver.received]
        assert len(received) == 3 and sorted(ids) == ["1", "2", "3"]


def test_a_lost_database_connection_costs_one_answer(
    nodes: Callable[..., Node], database_url: str
) -> None:
    a = nodes()
    with psycopg.connect(database_url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = 'gpuaas-sim' AND datname = current_database()"
        )

    failed = a.http.get("/v1/health")
    recovered = a.http.get("/v1/health")

    assert failed.status_code == 503 and failed.json()["error"]["code"] == "service_unavailable"
    assert failed.headers["Retry-After"] == "1"
    assert recovered.status_code == 200


def test_every_process_of_a_database_keeps_bytes_in_one_folder(
    database_url: str, tmp_path: Path
) -> None:
    first = Simulator(SimConfig(database=database_url, data_dir=tmp_path / "one"))
    try:
        with pytest.raises(PersistenceError, match=r"keeps stored files' bytes in .*one"):
            Simulator(SimConfig(database=database_url, data_dir=tmp_path / "two"))
        second = Simulator(SimConfig(database=database_url))  # no folder given: the recorded one
        try:
            assert second.storage.root == first.storage.root
        finally:
            second.close()
    finally:
        first.close()


# -- real processes -------------------------------------------------------------------


class Process:
    """`python -m gpuaas_sim` on the shared database, its log in a file."""

    def __init__(self, database_url: str, data_dir: Path, log: Path) -> None:
        self.log = log
        command = [sys.executable, "-m", "gpuaas_sim", "--port", "0", "--clock-speed", "0"]
        command += ["--database", database_url, "--data-dir", str(data_dir), "--control-api"]
        self.process = subprocess.Popen(
            command,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self.url = wait_until(self._listening, timeout=60)

    def _listening(self) -> str | None:
        assert self.process.poll() is None, self.log.read_text()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", self.log.read_text())
        return match.group(1) if match else None

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)


def test_kill_9_loses_no_acknowledged_write_and_a_restart_serves_again(
    database_url: str, tmp_path: Path
) -> None:
    a = Process(database_url, tmp_path / "bytes", tmp_path / "a.log")
    b = Process(database_url, tmp_path / "bytes", tmp_path / "b.log")
    restarted = None
    try:
        token = login(a.url)
        acknowledged: list[str] = []

        def write() -> None:
            with httpx.Client(base_url=a.url, timeout=10) as http:
                for i in range(400):
                    path = f"/w{i}/"
                    try:
                        response = http.post(
                            "/v1/storage/folders",
                            json={"path": path},
                            headers={"Authorization": f"Bearer {token}"},
                        )
                    except httpx.TransportError:
                        return  # killed mid-request: not acknowledged
                    if response.status_code == 201:
                        acknowledged.append(path)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        wait_until(lambda: len(acknowledged) >= 10, timeout=60)
        a.kill()
        writer.join(30)

        assert 10 <= len(acknowledged) < 400
        assert set(acknowledged) <= folders(b.url, token)  # the survivor has every one
        restarted = Process(database_url, tmp_path / "bytes", tmp_path / "a2.log")
        assert set(acknowledged) <= folders(restarted.url, token)
    finally:
        for process in (a, b, restarted):
            if process is not None:
                process.stop()


def login(url: str) -> str:
    response = httpx.post(
        f"{url}/v1/auth/login", json={"username": "dev-user", "password": "dev123"}, timeout=30
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def folders(url: str, token: str) -> set[str]:
    with Client(url, auth=token) as client:
        return {o.path for o in client.storage.list()}


# -- helpers ---------------------------------------------------------------------------


def run_together(work: list[Callable[[], None]]) -> None:
    """Start every callable on its own thread at once; re-raise the first failure."""
    errors: list[BaseException] = []
    start = threading.Barrier(len(work))

    def run(job: Callable[[], None]) -> None:
        try:
            start.wait(30)
            job()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,), daemon=True) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    if errors:
        raise errors[0]


def wait_until(check: Callable[[], Any], timeout: float = 30.0) -> Any:
    """Poll `check` until it returns something truthy; fail after `timeout` (generous)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)
