"""Webhooks: the registry, and a background worker that POSTs signed deliveries.

The worker reads the shared event log (`sim.events`), turns each new event into
one delivery per webhook of the event's tenant that subscribes to its type, and
POSTs it with httpx. A 2xx acknowledges; anything else is retried with exponential
backoff on the *simulated* clock, so a frozen clock holds retries until a test
advances it. Registration follows the contract (`https` anywhere, plain `http` on a
loopback host), but the simulator never calls out: an attempt to a host that is not
loopback is recorded as failed (`not sent: ...`) without any network traffic.

Deliveries are signed with the simulator's own implementation of the scheme
(`signing.py`, written from the contract), never the SDK's, so the SDK's verifier is
checked against an independent signer. `ts` is the wall-clock time, because the
receiver checks it against its real clock, not the simulator's.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..runtime.clock import SimClock, format_time
from ..runtime.config import SimConfig
from ..runtime.state_codec import PersistedFields
from .errors import ApiError
from .events import EventLog
from .identity import Principal
from .signing import SIGNATURE_HEADER, signature_header

__all__ = [
    "EVENT_TYPES",
    "Attempt",
    "Delivery",
    "Webhook",
    "WebhookRegistry",
    "check_webhook_url",
    "require_webhook_role",
]

EVENT_TYPES = frozenset(
    {
        "allocation.status_changed",
        "app_instance.status_changed",
        "app.event",
        "app.log",
        "usage.recorded",
        "budget.threshold_reached",
        "budget.exceeded",
        "capacity.available",
        "fleet.status_changed",
    }
)
ALL_TYPES = "*"

#: Roles that may manage their tenant's webhooks.
WEBHOOK_ROLES = frozenset({"tenant_admin", "tenant_member", "platform_admin"})


def require_webhook_role(principal: Principal) -> None:
    """403 `insufficient_permissions` unless the caller holds a tenant role."""
    if not WEBHOOK_ROLES.intersection(principal.roles):
        raise ApiError(
            "insufficient_permissions",
            "Managing webhooks needs a tenant role (tenant_admin or tenant_member).",
            details={"required_roles": sorted(WEBHOOK_ROLES)},
        )


@dataclass
class Webhook:
    id: str
    seq: int
    tenant_id: str
    url: str
    event_types: tuple[str, ...]
    description: str | None
    created_at: datetime
    secret: str = field(repr=False)
    #: Events up to this id existed before the webhook and are not delivered to it.
    start_event_id: int = 0
    disabled: bool = False
    failing_since: datetime | None = None

    def wants(self, event: dict[str, Any]) -> bool:
        return event.get("tenant_id") == self.tenant_id and (
            ALL_TYPES in self.event_types or event.get("type") in self.event_types
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "event_types": list(self.event_types),
            "description": self.description,
            "created_at": format_time(self.created_at),
            "disabled": self.disabled,
        }


@dataclass(frozen=True)
class Attempt:
    """One POST of a delivery, as the receiver answered it."""

    number: int
    at: datetime
    status_code: int | None
    error: str | None
    signature: str | None = None  # the GPUaaS-Signature header sent
    response: str | None = None  # the receiver's body, cut to 1 KiB (control API shows it)
    latency_ms: int | None = None  # wall-clock time from sending to the answer (or failure)

    @property
    def success(self) -> bool:
        return self.error is None


@dataclass
class Delivery:
    id: str
    seq: int
    webhook_id: str
    event: dict[str, Any]
    test: bool
    """Attempted once, without retries: a test delivery or a redelivery."""
    due_at: datetime
    attempts: list[Attempt] = field(default_factory=list)
    done: bool = False
    redelivery_of: str | None = None

    @property
    def success(self) -> bool:
        return bool(self.attempts) and self.attempts[-1].success

    @property
    def state(self) -> str:
        """`queued`, `retrying`, `succeeded` or `failed` (only a failed one can be redelivered)."""
        if self.success:
            return "succeeded"
        if not self.done:
            return "retrying" if self.attempts else "queued"
        return "failed"

    def to_json(self) -> dict[str, Any]:
        last = self.attempts[-1] if self.attempts else None
        return {
            "id": self.id,
            "webhook_id": self.webhook_id,
            "event": self.event,
            "attempt": len(self.attempts),
            "status_code": last.status_code if last else None,
            "success": self.success,
            "error": last.error if last else None,
            "delivered_at": format_time(last.at) if last else None,
            "latency_ms": last.latency_ms if last else None,
            "next_retry_at": None if self.done else format_time(self.due_at),
            "redelivery_of": self.redelivery_of,
        }


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host(url: str) -> tuple[str, str]:
    """(scheme, host) of `url`; empty strings when it has none or its port is not a number."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return "", ""
    return parts.scheme.lower(), parts.hostname or ""


def check_webhook_url(url: str) -> None:
    """422 unless `url` is `https`, or plain `http` on a loopback host (the contract's rule)."""
    scheme, host = _host(url)
    if not host or scheme not in ("http", "https"):
        reason = "must be an absolute https URL"
    elif scheme == "http" and not _is_loopback(host):
        reason = "must be https (plain http only on localhost, 127.0.0.0/8 or [::1])"
    else:
        return
    raise ApiError(
        "validation_error",
        f"The webhook URL {reason}.",
        details={"errors": [{"field": "url", "reason": reason}]},
    )


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def sample_event(webhook: Webhook, at: datetime) -> dict[str, Any]:
    """The test delivery's event: the webhook's first type, ids prefixed `test-`."""
    kind = webhook.event_types[0]
    if kind == ALL_TYPES:
        kind = "allocation.status_changed"
    base = {
        "type": kind,
        "id": f"test-{secrets.token_hex(4)}",
        "occurred_at": format_time(at),
        "tenant_id": webhook.tenant_id,
    }
    instance = {"instance_id": "test-inst-0001"}
    specific: dict[str, dict[str, Any]] = {
        "allocation.status_changed": {
            "allocation_id": "test-alloc-0001",
            "status": "active",
            "previous_status": "provisioning",
            "failure_reason": None,
        },
        "app_instance.status_changed": {
            **instance,
            "status": "running",
            "previous_status": "starting",
            "failure_reason": None,
        },
        "app.event": {**instance, "event_type": "test.ping", "payload": {}},
        "app.log": {**instance, "stream": "stdout", "line": "test delivery"},
        "usage.recorded": {
            "usage_record_id": "test-usage-0001",
            "allocation_id": "test-alloc-0001",
            "sku": "h200-sxm-slice",
            "gpu_hours": 1.0,
            "cost_minor": 349,
            "currency": "USD",
        },
    }
    budget = {
        "service_account_id": "test-sa-0001",
        "cap_minor": 100_000,
        "spent_minor": 100_349,
        "currency": "USD",
    }
    specific["budget.exceeded"] = {
        **budget,
        "reason": "spend_crossed_cap",
        "estimated_cost_minor": None,
    }
    specific["capacity.available"] = {
        "watch_id": "test-cw-0001",
        "sku": "h100-sxm-slice",
        "gpus_total": 8,
        "region_code": "eu-helsinki-1",
        "available_gpus": 16,
    }
    specific["fleet.status_changed"] = {
        "fleet_id": "test-flt-0001",
        "status": "active",
        "previous_status": "provisioning",
        "active_count": 4,
        "failure_reason": None,
    }
    specific["budget.threshold_reached"] = {
        **budget,
        "threshold_percent": 80,
        "spent_minor": 80_120,
    }
    return {**base, **specific[kind]}


def _check_config(config: SimConfig) -> None:
    """Reject webhook settings that would make the worker spin or never retry sensibly."""
    for name in ("webhook_retry_base_delay", "webhook_retry_max_delay", "webhook_disable_after"):
        if getattr(config, name) < 0:
            raise ValueError(f"{name} must not be negative")
    if config.webhook_retry_factor < 1:
        raise ValueError("webhook_retry_factor must be at least 1")
    if config.webhook_max_attempts < 1:
        raise ValueError("webhook_max_attempts must be at least 1")
    if config.webhook_timeout <= 0 or config.webhook_poll_interval <= 0:
        raise ValueError("webhook_timeout and webhook_poll_interval must be positive")


class WebhookRegistry(PersistedFields):
    """Every webhook and delivery of the platform, and the worker that sends them."""

    def __init__(
        self,
        config: SimConfig,
        clock: SimClock,
        events: EventLog,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        _check_config(config)
        self.config = config
        self.clock = clock
        self.events = events
        self.webhooks: dict[str, Webhook] = {}
        self.deliveries: dict[str, Delivery] = {}
        self._transport = transport
        self._seq = 0
        self._event_cursor: str | None = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.guard: Callable[[], AbstractContextManager[Any]] = nullcontext
        """Around the worker's reads and writes of the registry: a transaction when shared."""
        self.may_deliver: Callable[[], bool] = lambda: True
        """Whether this process sends the deliveries (one process of those sharing a state)."""

    # -- registry --------------------------------------------------------------

    def create(
        self, principal: Principal, url: str, event_types: tuple[str, ...], description: str | None
    ) -> tuple[Webhook, str]:
        """Register a webhook; returns it with its secret (the only time it is shown)."""
        check_webhook_url(url)
        if ALL_TYPES in event_types and len(event_types) > 1:
            reason = "`*` cannot be combined with other event types"
            raise ApiError(
                "validation_error",
                f"The event types are invalid: {reason}.",
                details={"errors": [{"field": "event_types", "reason": reason}]},
            )
        with self._lock:
            if any(
                w.tenant_id == principal.tenant_id and w.url == url for w in self.webhooks.values()
            ):
                raise ApiError(
                    "already_exists",
                    "The tenant already has a webhook for this URL.",
                    details={"url": url},
                )
            now = self.clock.now()
            existing = self.events.after(now)
            self._seq += 1
            secret = f"whsec_{secrets.token_hex(32)}"
            webhook = Webhook(
                id=f"whk-{secrets.token_hex(4)}",
                seq=self._seq,
                tenant_id=principal.tenant_id,
                url=url,
                event_types=event_types,
                description=description,
                created_at=now,
                secret=secret,
                start_event_id=int(existing[-1]["id"]) if existing else 0,
            )
            self.webhooks[webhook.id] = webhook
        self.start()
        return webhook, secret

    def visible_to(self, principal: Principal) -> list[Webhook]:
        """The tenant's webhooks, newest first."""
        with self._lock:
            mine = [w for w in self.webhooks.values() if w.tenant_id == principal.tenant_id]
        return sorted(mine, key=lambda w: w.seq, reverse=True)

    def get(self, principal: Principal, webhook_id: str) -> Webhook:
        webhook = self.webhooks.get(webhook_id)
        if webhook is None or webhook.tenant_id != principal.tenant_id:
            raise ApiError(
                "webhook_not_found",
                f"No webhook {webhook_id!r} is visible to the caller.",
                details={"webhook_id": webhook_id},
            )
        return webhook

    def delete(self, principal: Principal, webhook_id: str) -> Webhook:
        """Forget the webhook and its deliveries; pending retries are never attempted."""
        with self._lock:
            webhook = self.get(principal, webhook_id)
            del self.webhooks[webhook.id]
            for delivery in [d for d in self.deliveries.values() if d.webhook_id == webhook.id]:
                del self.deliveries[delivery.id]
            return webhook

    def deliveries_of(self, webhook: Webhook) -> list[Delivery]:
        """The webhook's deliveries, newest first."""
        with self._lock:
            mine = [d for d in self.deliveries.values() if d.webhook_id == webhook.id]
        return sorted(mine, key=lambda d: d.seq, reverse=True)

    def send_test(self, principal: Principal, webhook_id: str) -> Delivery:
        """Queue one sample event, attempted once without retries (also when disabled)."""
        with self._lock:
            webhook = self.get(principal, webhook_id)
            now = self.clock.now()
            delivery = self._queue(webhook, sample_event(webhook, now), now, once=True)
        self.start()
        self._wake.set()
        return delivery

    def redeliver(self, principal: Principal, webhook_id: str, delivery_id: str) -> Delivery:
        """Queue a failed delivery's event again, attempted once (also when disabled)."""
        with self._lock:
            webhook = self.get(principal, webhook_id)
            original = self.deliveries.get(delivery_id)
            if original is None or original.webhook_id != webhook.id:
                raise ApiError(
                    "delivery_not_found",
                    f"Webhook {webhook.id} has no delivery {delivery_id!r}.",
                    details={"webhook_id": webhook.id, "delivery_id": delivery_id},
                )
            state = original.state
            if state != "failed":
                raise ApiError(
                    "invalid_state",
                    f"Delivery {original.id} is {state}; only a failed delivery with no retry"
                    " pending can be redelivered.",
                    details={"delivery_id": original.id, "state": state},
                )
            delivery = self._queue(
                webhook, dict(original.event), self.clock.now(), once=True, of=original.id
            )
        self.start()
        self._wake.set()
        return delivery

    def _queue(
        self,
        webhook: Webhook,
        event: dict[str, Any],
        now: datetime,
        *,
        once: bool = False,
        of: str | None = None,
    ) -> Delivery:
        """A delivery of `event`; `once` (tests, redeliveries) is attempted without retries."""
        self._seq += 1
        delivery = Delivery(
            id=f"dlv-{secrets.token_hex(4)}",
            seq=self._seq,
            webhook_id=webhook.id,
            event=event,
            test=once,
            due_at=now,
            redelivery_of=of,
        )
        self.deliveries[delivery.id] = delivery
        return delivery

    # -- the worker ------------------------------------------------------------

    def start(self) -> None:
        """Start the delivery thread (idempotent); `close()` stops it."""
        with self._lock:
            if self._thread is not None or self._stop.is_set():
                return
            self._thread = threading.Thread(
                target=self._run, name="gpuaas-sim-webhooks", daemon=True
            )
            self._thread.start()

    @property
    def running(self) -> bool:
        """Whether the delivery thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def close(self, *, wait: bool = True) -> None:
        """Stop the delivery thread (and wait for it); nothing is sent afterwards."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if wait and thread is not None and thread is not threading.current_thread():
            thread.join(self.config.webhook_timeout + 5)

    def _run(self) -> None:
        with httpx.Client(
            transport=self._transport,
            timeout=self.config.webhook_timeout,
            follow_redirects=False,
            trust_env=False,
        ) as http:
            while not self._stop.is_set():
                self.tick(http.post)
                self._wake.wait(self.config.webhook_poll_interval)
                self._wake.clear()

    def tick(self, post: Callable[..., httpx.Response]) -> None:
        """Queue deliveries for new events, then make every attempt that is due.

        The POSTs happen outside `guard`: a slow receiver holds up no request.
        """
        if not self.may_deliver():
            return
        with self.guard():
            if self._stop.is_set():
                return
            self._fan_out()
            due = [(d.id, d.webhook_id) for d in self._due()]
        for delivery_id, webhook_id in due:
            if self._stop.is_set():
                return
            self._attempt(delivery_id, webhook_id, post)

    def _fan_out(self) -> None:
        now = self.clock.now()
        new = self.events.after(now, self._event_cursor)
        with self._lock:
            for event in new:
                self._event_cursor = event["id"]
                for webhook in list(self.webhooks.values()):
                    if (
                        not webhook.disabled
                        and int(event["id"]) > webhook.start_event_id
                        and webhook.wants(event)
                    ):
                        self._queue(webhook, dict(event), now)

    def _due(self) -> list[Delivery]:
        now = self.clock.now()
        with self._lock:
            due = [d for d in self.deliveries.values() if not d.done and d.due_at <= now]
        return sorted(due, key=lambda d: d.seq)

    def _attempt(
        self, delivery_id: str, webhook_id: str, post: Callable[..., httpx.Response]
    ) -> None:
        with self.guard():
            delivery = self.deliveries.get(delivery_id)
            webhook = self.webhooks.get(webhook_id)
            if delivery is None or webhook is None or delivery.done:
                return
            event, url, secret = dict(delivery.event), webhook.url, webhook.secret
        body = json.dumps(event, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            "GPUaaS-Event-Type": str(event.get("type", "")),
            "GPUaaS-Delivery-ID": delivery_id,
            "GPUaaS-Webhook-ID": webhook_id,
            SIGNATURE_HEADER: signature_header(
                secret, "POST", _request_target(url), body, int(time.time())
            ),
        }
        status: int | None = None
        error: str | None = None
        answer: str | None = None
        signature = headers.get("GPUaaS-Signature")
        if not _is_loopback(_host(url)[1]):
            self._record(
                delivery_id, webhook_id, None, "not sent: the simulator delivers to loopback only"
            )
            return
        sent = time.monotonic()
        try:
            response = post(url, content=body, headers=headers)
            status, answer = response.status_code, response.text[:1024]
        except httpx.TimeoutException:
            error = "timeout"
        except httpx.ConnectError:
            error = "connection refused"
        except httpx.HTTPError as exc:
            error = f"connection error: {type(exc).__name__}"
        latency_ms = round((time.monotonic() - sent) * 1000)
        if error is None and not 200 <= (status or 0) < 300:
            error = f"HTTP {status}"
        self._record(
            delivery_id,
            webhook_id,
            status,
            error,
            signature=signature,
            response=answer,
            latency_ms=latency_ms,
        )

    def _record(
        self,
        delivery_id: str,
        webhook_id: str,
        status: int | None,
        error: str | None,
        *,
        signature: str | None = None,
        response: str | None = None,
        latency_ms: int | None = None,
    ) -> None:
        with self.guard(), self._lock:
            now = self.clock.now()
            delivery = self.deliveries.get(delivery_id)
            webhook = self.webhooks.get(webhook_id)
            if delivery is None or webhook is None:
                return  # the webhook was deleted meanwhile: its history goes with it
            number = len(delivery.attempts) + 1
            delivery.attempts.append(
                Attempt(number, now, status, error, signature, response, latency_ms)
            )
            if delivery.test:
                delivery.done = True
                return
            if error is None:
                delivery.done = True
                webhook.failing_since = None
                return
            webhook.failing_since = webhook.failing_since or now
            if now - webhook.failing_since >= timedelta(seconds=self.config.webhook_disable_after):
                self._disable(webhook)
            elif len(delivery.attempts) >= self.config.webhook_max_attempts:
                delivery.done = True
            else:
                delivery.due_at = now + timedelta(seconds=self.retry_delay(len(delivery.attempts)))

    def _disable(self, webhook: Webhook) -> None:
        webhook.disabled = True
        for delivery in self.deliveries.values():
            if delivery.webhook_id == webhook.id and not delivery.test:
                delivery.done = True

    def retry_delay(self, attempts_made: int) -> float:
        """Seconds from the latest failed attempt to the next one (no jitter: tests repeat)."""
        config = self.config
        delay = config.webhook_retry_base_delay * config.webhook_retry_factor ** (attempts_made - 1)
        return float(min(delay, config.webhook_retry_max_delay))

    def attempts(self, webhook_id: str) -> list[tuple[str, Attempt]]:
        """Every attempt made for the webhook, oldest first, as (delivery id, attempt)."""
        with self._lock:
            mine = [d for d in self.deliveries.values() if d.webhook_id == webhook_id]
        flat = [(d.id, a) for d in mine for a in d.attempts]
        return sorted(flat, key=lambda pair: pair[1].at)

    # -- persistence -------------------------------------------------------------

    def restore(self, data: Mapping[str, Any]) -> None:
        """Load a `snapshot()`; the delivery thread starts again when there is anything to send."""
        with self._lock:
            super().restore(data)
            if self.webhooks:
                self.start()

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {
            "webhooks": dict[str, Webhook],
            "deliveries": dict[str, Delivery],
            "_seq": int,
            "_event_cursor": str | None,
        }
