"""`/_sim/...`: the control API, so tests in any language can steer a running simulator.

Served only when `SimConfig.control_api` is on (`gpuaas-sim --control-api`); otherwise
these paths are unknown routes like any other (404 in the platform's envelope). No
authentication: whoever reaches the port controls the platform, which is why it is off
by default and announced with a warning. The gateway keeps control requests out of the
request log, the rate limit and the faults. Reference with curl: docs/simulator.md.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..platform.errors import ApiError
from ..runtime.clock import format_time
from ..runtime.faults import Fault
from .responses import JSONResponse, correlation_id, sandbox_gone
from .sandboxes import sandbox_json, ttl_of

if TYPE_CHECKING:
    from ..simulator import Simulator

log = logging.getLogger("gpuaas_sim")

# Header values the request log never shows: they would let a reader act as the caller.
_SECRET_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
_MAX_ADVANCE = 10 * 365 * 24 * 3600.0
_MAX_SPEED = 1_000_000.0


def _invalid(message: str, **details: Any) -> ApiError:
    return ApiError("invalid_request", message, details=details)


async def _json(request: Request) -> Any:
    """The body as JSON (400 with what is wrong otherwise)."""
    raw = await request.body()
    try:
        return json.loads(raw.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _invalid("The body is not valid JSON.") from None


async def _object(request: Request, *required: str) -> dict[str, Any]:
    data = await _json(request)
    if not isinstance(data, dict):
        raise _invalid(f"The body must be a JSON object with {', '.join(required)}.")
    missing = [name for name in required if name not in data]
    if missing:
        raise _invalid(f"The body lacks {', '.join(missing)}.", missing=missing)
    return data


def _number(data: dict[str, Any], name: str, *, maximum: float) -> float:
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= maximum:
        raise _invalid(f"`{name}` must be a number from 0 to {maximum:g}.", field=name)
    return float(value)


def _limit(request: Request) -> int:
    """`?limit=` of the request log: 1 to 10000, 100 when left out."""
    values = request.query_params.getlist("limit")
    if not values:
        return 100
    raw = values[0]
    if len(values) > 1 or not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= 10_000:
        raise ApiError(
            "invalid_request",
            "Query parameter `limit` must be an integer from 1 to 10000.",
            details={"parameter": "limit", "reason": "must be an integer from 1 to 10000"},
        )
    return int(raw)


def _endpoint(path: str, **handlers: Callable[[Request], Awaitable[Response]]) -> Route:
    """One route per path, so a wrong method gets a 405 whose `Allow` lists all of them."""

    async def dispatch(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return await handlers[method](request)

    return Route(path, dispatch, methods=list(handlers))


def _clock(sim: Simulator) -> dict[str, Any]:
    return {"now": format_time(sim.clock.now()), "speed": sim.clock.speed}


def _faults(sim: Simulator) -> dict[str, Any]:
    return {
        "faults": [
            {**fault.to_json(), "remaining": remaining} for fault, remaining in sim.faults.armed()
        ]
    }


def _prices(sim: Simulator) -> dict[str, Any]:
    """The price in force of every SKU, now."""
    now = sim.clock.now()
    return {
        "prices": [
            {"sku": sku.id, "price_per_gpu_hour_minor": sim.pricing.price_of(sku, now)}
            for sku in sim.catalog.skus
        ]
    }


def _redacted(headers: dict[str, str]) -> dict[str, str]:
    return {
        name: (value.partition(" ")[0] + " <redacted>" if name in _SECRET_HEADERS else value)
        for name, value in headers.items()
    }


def routes(sim: Simulator) -> list[Route]:
    if not sim.config.control_api:
        return []
    log.warning(
        "the control API is on: anyone who can reach this port can steer the simulator "
        "through /_sim/... (never expose it)"
    )

    async def get_clock(request: Request) -> Response:
        with sim.transaction(writes=False):
            return JSONResponse(_clock(sim))

    async def advance_clock(request: Request) -> Response:
        data = await _object(request, "seconds")
        seconds = _number(data, "seconds", maximum=_MAX_ADVANCE)
        with sim.transaction():
            sim.clock.advance(seconds)
            return JSONResponse(_clock(sim))

    async def set_speed(request: Request) -> Response:
        data = await _object(request, "speed")
        speed = _number(data, "speed", maximum=_MAX_SPEED)
        with sim.transaction():
            sim.clock.set_speed(speed)
            return JSONResponse(_clock(sim))

    async def list_faults(request: Request) -> Response:
        with sim.transaction(writes=False):
            return JSONResponse(_faults(sim))

    async def add_faults(request: Request) -> Response:
        data = await _json(request)
        rules = data if isinstance(data, list) else [data]
        faults: list[Fault] = []
        errors: list[dict[str, Any]] = []
        for index, rule in enumerate(rules):
            try:
                faults.append(Fault.from_json(rule))
            except (ValueError, TypeError) as exc:
                errors.append({"field": f"[{index}]", "reason": str(exc)})
        if errors or not faults:
            raise ApiError(
                "validation_error",
                "Fault rules must be objects with the fields docs/simulator.md lists.",
                details={"errors": errors or [{"field": "body", "reason": "no rule given"}]},
            )
        with sim.transaction():
            sim.faults.add(*faults)
            return JSONResponse(_faults(sim), status_code=201)

    async def clear_faults(request: Request) -> Response:
        with sim.transaction():
            sim.faults.clear()
            return JSONResponse(_faults(sim))

    async def expire_tokens(request: Request) -> Response:
        with sim.transaction():
            sim.expire_access_tokens()
            return JSONResponse({"expired_at": format_time(sim.clock.now())})

    async def cut_streams(request: Request) -> Response:
        data = await _object(request, "after")
        after = data["after"]
        if after is not None and (isinstance(after, bool) or not isinstance(after, int)):
            raise _invalid("`after` must be a whole number of events, or null.", field="after")
        if after is not None and after < 1:
            raise _invalid("`after` must be at least 1 (null stops cutting).", field="after")
        with sim.transaction():
            sim.stream_cut_after = after
        return JSONResponse({"after": after})

    async def list_prices(request: Request) -> Response:
        return JSONResponse(_prices(sim))

    async def set_price(request: Request) -> Response:
        data = await _object(request, "sku", "price_per_gpu_hour_minor")
        try:
            sim.pricing.set_price(data["sku"], data["price_per_gpu_hour_minor"])
        except ValueError as exc:
            raise _invalid(f"{exc}.", field="price_per_gpu_hour_minor") from None
        return JSONResponse(_prices(sim))

    async def reset(request: Request) -> Response:
        sim.reset()
        with sim.transaction():
            sim.clock.set_speed(sim.config.clock_speed)
            return JSONResponse(_clock(sim))

    async def webhook_attempts(request: Request) -> Response:
        with sim.transaction(writes=False):
            registry = sim.webhooks
            rows: list[tuple[Any, dict[str, Any]]] = []
            for webhook in list(registry.webhooks.values()):
                for delivery_id, attempt in registry.attempts(webhook.id):
                    delivery = registry.deliveries.get(delivery_id)
                    event = delivery.event if delivery is not None else {}
                    row = {
                        "webhook_id": webhook.id,
                        "url": webhook.url,
                        "delivery_id": delivery_id,
                        "event_id": event.get("id"),
                        "event_type": event.get("type"),
                        "attempt": attempt.number,
                        "at": format_time(attempt.at),
                        "status_code": attempt.status_code,
                        "error": attempt.error,
                        "signature": attempt.signature,
                        "response": attempt.response,
                        "latency_ms": attempt.latency_ms,
                    }
                    rows.append((attempt.at, row))
        rows.sort(key=lambda pair: pair[0])
        return JSONResponse({"attempts": [row for _, row in rows]})

    async def requests(request: Request) -> Response:
        limit = _limit(request)
        recent = sim.requests_log[-limit:]
        return JSONResponse(
            {
                "requests": [
                    {"method": r.method, "path": r.path, "headers": _redacted(r.headers)}
                    for r in recent
                ]
            }
        )

    return [
        _endpoint("/_sim/clock", GET=get_clock),
        _endpoint("/_sim/clock/advance", POST=advance_clock),
        _endpoint("/_sim/clock/speed", POST=set_speed),
        _endpoint("/_sim/faults", GET=list_faults, POST=add_faults, DELETE=clear_faults),
        _endpoint("/_sim/tokens/expire", POST=expire_tokens),
        _endpoint("/_sim/streams/cut", POST=cut_streams),
        _endpoint("/_sim/prices", GET=list_prices, POST=set_price),
        _endpoint("/_sim/reset", POST=reset),
        _endpoint("/_sim/webhooks/attempts", GET=webhook_attempts),
        _endpoint("/_sim/requests", GET=requests),
        *_sandbox_routes(sim),
    ]


def _sandbox_routes(sim: Simulator) -> list[Route]:
    """`/_sim/sandboxes`: on the main simulator only (a sandbox makes no sandboxes)."""
    sandboxes = sim.sandboxes
    if sandboxes is None:
        return []

    async def create(request: Request) -> Response:
        raw = await request.body()
        try:
            data = json.loads(raw.decode("utf-8")) if raw.strip() else None
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _invalid("The body is not valid JSON.") from None
        info = await run_in_threadpool(sandboxes.create, ttl_of(data, sim))
        return JSONResponse(sandbox_json(info, request), status_code=201)

    async def show(request: Request) -> Response:
        sandbox_id = request.path_params["sandbox_id"]
        info = await run_in_threadpool(sandboxes.info, sandbox_id)
        if info is None:
            return sandbox_gone(sandbox_id, correlation_id(request))
        return JSONResponse(sandbox_json(info, request))

    async def delete(request: Request) -> Response:
        sandbox_id = request.path_params["sandbox_id"]
        if not await run_in_threadpool(sandboxes.delete, sandbox_id):
            return sandbox_gone(sandbox_id, correlation_id(request))
        return Response(status_code=204)

    return [
        _endpoint("/_sim/sandboxes", POST=create),
        _endpoint("/_sim/sandboxes/{sandbox_id}", GET=show, DELETE=delete),
    ]
