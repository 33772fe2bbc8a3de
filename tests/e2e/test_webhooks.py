"""`client.webhooks` against the simulator: real signed deliveries to a loopback receiver."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from gpuaas_sdk import AsyncClient, Client, verify_webhook
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import DeliveryNotFound, InvalidState, ValidationError, WebhookNotFound
from gpuaas_sdk.types import WebhookDelivery
from gpuaas_sim import SimConfig, Simulator


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def event(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class Receiver:
    """A webhook endpoint on a loopback port; answers `statuses` in turn, then the last one,
    each after `delay` seconds."""

    statuses: list[int] = field(default_factory=lambda: [200])
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _arrived: threading.Condition = field(default_factory=threading.Condition)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/hooks/gpuaas?src=sim"

    def __enter__(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver._arrived:
                    index = len(receiver.received)
                    receiver.received.append(Received(self.path, dict(self.headers), body))
                    status = receiver.statuses[min(index, len(receiver.statuses) - 1)]
                    receiver._arrived.notify_all()
                time.sleep(receiver.delay)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Received]:
        with self._arrived:
            assert self._arrived.wait_for(lambda: len(self.received) >= count, timeout), (
                f"expected {count} deliveries, got {len(self.received)}"
            )
            return list(self.received)


def publish(sim: Simulator, tenant: str = "tnt-acme", **fields: Any) -> dict[str, Any]:
    event = {
        "type": "allocation.status_changed",
        "tenant_id": tenant,
        "allocation_id": "alloc-0001",
        "status": "active",
        "previous_status": "provisioning",
        "failure_reason": None,
        **fields,
    }
    return sim.events.publish(event, at=sim.clock.now())


@pytest.fixture
def sim_config() -> SimConfig:
    # Retries 5 and 25 simulated seconds apart: 0.1 s and 0.5 s of real time.
    return SimConfig(
        clock_speed=50,
        webhook_retry_base_delay=5.0,
        webhook_max_attempts=3,
        webhook_poll_interval=0.01,
    )


@pytest.fixture
def sim(sim_config: SimConfig) -> Iterator[Simulator]:
    simulator = Simulator(sim_config)
    yield simulator
    simulator.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


def settled(client: Client, webhook_id: str, attempts: int, timeout: float = 10.0) -> list:
    """The webhook's deliveries once the newest has made `attempts` attempts."""
    deadline = time.monotonic() + timeout
    while True:
        deliveries = list(client.webhooks.deliveries(webhook_id))
        if deliveries and deliveries[0].attempt >= attempts:
            return deliveries
        assert time.monotonic() < deadline, f"no delivery reached {attempts} attempts"
        time.sleep(0.02)


def test_a_delivery_arrives_signed_and_verifies(
    client: Client, sim: Simulator, receiver: Receiver
) -> None:
    created = client.webhooks.create(
        url=receiver.url, event_types=["allocation.status_changed"], description="e2e"
    )

    event = publish(sim)
    [received] = receiver.wait_for(1)

    verify_webhook(received.body, received.headers, created.secret, path=received.path)
    assert received.event == event
    assert received.headers["GPUaaS-Webhook-ID"] == created.webhook.id
    [delivery] = settled(client, created.webhook.id, 1)
    assert delivery.success is True
    assert delivery.status_code == 200
    assert delivery.event.id == event["id"]
    assert delivery.event.type_ == "allocation.status_changed"


def test_a_failing_receiver_sees_its_retries_recorded(
    client: Client, sim: Simulator, receiver: Receiver
) -> None:
    receiver.statuses = [500, 502, 503]
    webhook = client.webhooks.create(url=receiver.url, event_types=["*"]).webhook

    publish(sim)
    received = receiver.wait_for(3)

    [delivery] = settled(client, webhook.id, 3)
    assert delivery.attempt == 3
    assert delivery.success is False
    assert delivery.status_code == 503
    assert delivery.error == "HTTP 503"
    assert delivery.next_retry_at is None  # given up after webhook_max_attempts
    assert {r.headers["GPUaaS-Delivery-ID"] for r in received} == {delivery.id}
    assert [d.id for d in client.webhooks.deliveries(webhook.id, success=False)] == [delivery.id]
    assert list(client.webhooks.deliveries(webhook.id, success=True)) == []


def test_test_delivery_and_lifecycle(client: Client, receiver: Receiver) -> None:
    created = client.webhooks.create(url=receiver.url, event_types=["budget.exceeded"])
    webhook_id = created.webhook.id

    queued = client.webhooks.test(webhook_id)
    [received] = receiver.wait_for(1)

    assert queued.attempt == 0
    assert queued.event.type_ == "budget.exceeded"
    verify_webhook(received.body, received.headers, created.secret, path=received.path)
    assert settled(client, webhook_id, 1)[0].id == queued.id
    assert [w.id for w in client.webhooks.list()] == [webhook_id]
    assert client.webhooks.get(webhook_id).url == receiver.url
    client.webhooks.delete(webhook_id)
    with pytest.raises(WebhookNotFound):
        client.webhooks.get(webhook_id)


def test_plain_http_to_a_remote_host_is_a_validation_error(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        client.webhooks.create(url="http://hooks.example.com/x", event_types=["*"])

    assert caught.value.details["errors"][0]["field"] == "url"


def test_the_async_client_manages_webhooks(
    base_url: str, sim: Simulator, receiver: Receiver
) -> None:
    async def scenario() -> tuple[str, list[str], int]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            created = await client.webhooks.create(url=receiver.url, event_types="*")
            webhook_id = created.webhook.id
            await client.webhooks.test(webhook_id)
            await asyncio.to_thread(receiver.wait_for, 1)
            fetched = await client.webhooks.get(webhook_id)
            listed = [w.id async for w in client.webhooks.list(page_size=1)]
            for _ in range(500):
                deliveries = [d async for d in client.webhooks.deliveries(webhook_id)]
                if deliveries[0].attempt:
                    break
                await asyncio.sleep(0.02)
            await client.webhooks.delete(webhook_id)
            return fetched.url, listed, deliveries[0].attempt

    url, listed, attempts = asyncio.run(scenario())

    assert url == receiver.url
    assert len(listed) == 1
    assert attempts == 1
    assert sim.webhooks.webhooks == {}


def test_a_given_up_delivery_is_redelivered_and_every_attempt_has_its_latency(
    client: Client, sim: Simulator, receiver: Receiver
) -> None:
    receiver.statuses = [500, 500, 500, 200]
    receiver.delay = 0.05
    webhook = client.webhooks.create(url=receiver.url, event_types=["*"]).webhook
    event = publish(sim)
    [failed] = settled(client, webhook.id, 3)  # given up after webhook_max_attempts

    again = client.webhooks.redeliver(webhook.id, failed.id)
    received = receiver.wait_for(4)

    assert isinstance(failed.latency_ms, int) and failed.latency_ms >= 50
    assert (again.redelivery_of, again.attempt, again.latency_ms) == (failed.id, 0, None)
    assert again.id != failed.id
    assert received[-1].event == event  # the same event, same id: receivers can deduplicate
    assert received[-1].headers["GPUaaS-Delivery-ID"] == again.id
    done = settled(client, webhook.id, 1)[0]
    assert (done.id, done.success, done.status_code) == (again.id, True, 200)
    assert isinstance(done.latency_ms, int) and done.latency_ms >= 50
    assert done.next_retry_at is None
    with pytest.raises(InvalidState) as refused:
        client.webhooks.redeliver(webhook.id, again.id)  # it succeeded: nothing to redeliver
    assert refused.value.details["state"] == "succeeded"
    with pytest.raises(DeliveryNotFound):
        client.webhooks.redeliver(webhook.id, "dlv-missing")


async def attempted(client: AsyncClient, webhook_id: str) -> WebhookDelivery:
    """The newest delivery once it has been attempted."""
    for _ in range(500):
        newest = (await client.webhooks.deliveries(webhook_id)).items[0]
        if newest.attempt:
            return newest
        await asyncio.sleep(0.02)
    raise AssertionError("the newest delivery was never attempted")


def test_the_async_client_redelivers(base_url: str, sim: Simulator, receiver: Receiver) -> None:
    receiver.statuses = [500, 200]

    async def scenario() -> tuple[str | None, bool, int | None]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            created = await client.webhooks.create(url=receiver.url, event_types="*")
            webhook_id = created.webhook.id
            queued = await client.webhooks.test(webhook_id)  # attempted once: it fails
            await attempted(client, webhook_id)
            again = await client.webhooks.redeliver(webhook_id, queued.id)
            done = await attempted(client, webhook_id)
            assert done.id == again.id
            latency = done.latency_ms if isinstance(done.latency_ms, int) else None
            return again.redelivery_of, done.success, latency

    of, success, latency = asyncio.run(scenario())

    assert of is not None and of.startswith("dlv-")
    assert success is True
    assert latency is not None and latency >= 0
