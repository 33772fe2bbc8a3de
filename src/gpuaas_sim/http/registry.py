"""Handlers keyed by contract `operationId`, and the one pipeline every request goes through.

A route module registers a handler with `@operation("getAllocation")`; the handler takes
the parsed request (`Call`) and holds domain calls only. Everything else comes from the
contract and from here, once:

1. the path and method (one Starlette route per contract path, so a wrong method is 405);
2. authentication, when the operation's `security` asks for a bearer token (signatures
   of signing-required accounts included), then the registration's `allow` rule;
3. parameters and body checked against the contract's schemas (`validation.py`);
4. `Idempotency-Key` handling for the operations that take one: the first answer (a
   success or a business error) is stored and replayed; a request refused as malformed
   (400, 422) is not, so it can be fixed and sent again under the same key;
5. the audit record named by the operation's `x-audit`, for success, denial and failure;
6. the response, with the operation's 2xx status from the contract.

Steps 2 to 6 run in one state transaction (`sim.transaction()`, see
`runtime/persistence.py`), after the body has arrived: they never wait, so the state they
read is current and what they change is saved before the response goes out. A handler
that receives its own body (an `async def`, the uploads) opens the transactions it needs
around its state changes, so a slow upload holds up nobody.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..platform.errors import ApiError
from ..platform.identity import Principal
from . import routes as _routes_package
from .audit import record_audit, resource_id_of
from .auth import authenticate
from .contract import Contract, Operation, contract
from .idempotency import StoredResult, fingerprint
from .responses import JSONResponse
from .validation import ReadBody, parse_body, read_parameters, reads_body_first

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["Call", "Reply", "build_routes", "operation", "registration_problems"]


@dataclass
class Call:
    """One request to one operation, parsed and checked: what a handler works from."""

    sim: Simulator
    request: Request
    operation: Operation
    principal: Principal | None
    path: dict[str, Any]
    query: dict[str, Any]
    headers: dict[str, Any]
    body: Any
    """The JSON or form body checked and settled (typed, defaults filled); None without one."""
    read: ReadBody = field(repr=False)

    @property
    def caller(self) -> Principal:
        """The authenticated principal (every operation with `security` has one)."""
        if self.principal is None:
            raise RuntimeError(f"{self.operation.operation_id} is not authenticated")
        return self.principal


@dataclass(frozen=True)
class Reply:
    """A handler's JSON answer with extra response headers."""

    payload: Any
    headers: Mapping[str, str] = field(default_factory=dict)


Handler = Callable[[Call], Any]
"""Returns a JSON payload, a `Reply`, a Starlette `Response`, or None (no content)."""


@dataclass(frozen=True)
class Registration:
    operation_id: str
    handler: Handler
    allow: Callable[[Principal], None] | None
    check_form: bool


_REGISTERED: dict[str, Registration] = {}


def operation(
    operation_id: str,
    *,
    allow: Callable[[Principal], None] | None = None,
    check_form: bool = True,
) -> Callable[[Handler], Handler]:
    """Register the handler of a contract operation.

    `allow` raises (403) for callers the operation is not open to; it runs right after
    authentication and its refusals are audited. `check_form=False` hands a form body to
    the handler unchecked (`call.read.form`), for a sign-in page that answers a person.
    """

    def register(handler: Handler) -> Handler:
        if operation_id in _REGISTERED:
            raise ValueError(f"{operation_id} has two handlers")
        _REGISTERED[operation_id] = Registration(operation_id, handler, allow, check_form)
        return handler

    return register


def registrations() -> Mapping[str, Registration]:
    """Every handler, once all route modules are imported."""
    for module in pkgutil.iter_modules(_routes_package.__path__):
        importlib.import_module(f"{_routes_package.__name__}.{module.name}")
    return _REGISTERED


def registration_problems(spec: Contract | None = None) -> list[str]:
    """Contract operations without a handler and handlers of unknown operations."""
    known = (spec or contract()).operations
    handled = registrations()
    return [f"no handler for {op}" for op in sorted(known.keys() - handled.keys())] + [
        f"a handler names an unknown operation: {op}" for op in sorted(handled.keys() - known)
    ]


def build_routes(sim: Simulator) -> list[Route]:
    """One route per contract path, each dispatching by method to its operation's handler."""
    spec = contract()
    problems = registration_problems(spec)
    if problems:
        raise RuntimeError("; ".join(problems))
    handled = registrations()
    by_path: dict[str, dict[str, tuple[Operation, Registration]]] = {}
    for op in spec.operations.values():
        by_path.setdefault(op.path, {})[op.method] = (op, handled[op.operation_id])
    return [_route(sim, spec, path, methods) for path, methods in by_path.items()]


def _route(
    sim: Simulator, spec: Contract, path: str, methods: dict[str, tuple[Operation, Registration]]
) -> Route:
    async def dispatch(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        op, registration = methods[method]
        return await _serve(sim, spec, op, registration, request)

    return Route(path, dispatch, methods=list(methods))


async def _serve(
    sim: Simulator, spec: Contract, op: Operation, registration: Registration, request: Request
) -> Response:
    # Waiting for the client happens before the state is touched: a transaction never waits.
    raw = await request.body() if reads_body_first(op) else b""
    if inspect.iscoroutinefunction(registration.handler):
        return await _serve_streaming(sim, spec, op, registration, request)
    writes = request.method not in _READS or op.audit is not None
    with sim.transaction(writes=writes):
        call = _call_of(sim, spec, op, registration, request, raw)
        key = _key_of(call)
        stored = _lookup(call, key)
        if stored is not None:
            return _replay(stored)
        try:
            result = registration.handler(call)
        except ApiError as exc:
            _settle_error(call, key, exc)
            raise
        return _settle(call, key, result)


async def _serve_streaming(
    sim: Simulator, spec: Contract, op: Operation, registration: Registration, request: Request
) -> Response:
    """A handler that receives its own body (uploads): it opens the transactions it needs
    around its own state changes, and the pipeline's checks and records get theirs."""
    with sim.transaction():
        call = _call_of(sim, spec, op, registration, request, b"")
        key = _key_of(call)
        stored = _lookup(call, key)
    if stored is not None:
        async for _ in request.stream():  # an unread upload body: let it arrive, unused
            pass
        return _replay(stored)
    try:
        result = await registration.handler(call)
    except ApiError as exc:
        with sim.transaction():
            _settle_error(call, key, exc)
        raise
    with sim.transaction():
        return _settle(call, key, result)


def _call_of(
    sim: Simulator,
    spec: Contract,
    op: Operation,
    registration: Registration,
    request: Request,
    raw: bytes,
) -> Call:
    """Authentication, the `allow` rule, parameters and body: the request as a `Call`."""
    principal = authenticate(request, sim) if op.authenticated else None
    if principal is not None:
        try:
            sim.grants.check_operation(principal, op.operation_id)
            if registration.allow is not None:
                registration.allow(principal)
        except ApiError:
            _audit(sim, request, op, principal, None, "denied")
            raise
    path, query, headers = read_parameters(spec, op, request)
    read = parse_body(spec, op, request, raw, check_form=registration.check_form)
    return Call(sim, request, op, principal, path, query, headers, read.value, read)


def _audit(
    sim: Simulator,
    request: Request,
    op: Operation,
    principal: Principal,
    call: Call | None,
    outcome: str,
    result: Any = None,
) -> None:
    if op.audit is None:
        return
    payload = result.payload if isinstance(result, Reply) else result
    path = call.path if call is not None else dict(request.path_params)
    body = call.body if call is not None else None
    resource_id = resource_id_of(op.audit, path, body, payload)
    record_audit(sim, request, principal, op.audit, resource_id, outcome)


_NOT_REMEMBERED = frozenset({400, 422})
"""Refusals of a malformed request: fixed, it may be sent again under the same key."""


@dataclass(frozen=True)
class _Key:
    """Where an `Idempotency-Key` request's answer is kept, and what it is bound to."""

    scope: tuple[str, str, str, str]
    digest: str
    now: datetime


def _key_of(call: Call) -> _Key | None:
    if not (call.operation.idempotent and call.principal is not None and _KEY in call.headers):
        return None
    request = call.request
    scope = (call.caller.principal_id, request.method, request.url.path, call.headers[_KEY])
    return _Key(scope, fingerprint(_fingerprinted(call)), call.sim.clock.now())


def _lookup(call: Call, key: _Key | None) -> StoredResult | None:
    """The first answer to replay (409 when the key was used with another body)."""
    return None if key is None else call.sim.idempotency.lookup(key.scope, key.digest, key.now)


def _replay(stored: StoredResult) -> Response:
    if stored.error is not None:
        error = stored.error
        raise ApiError(
            error.code,
            error.message,
            details=error.details,
            headers={**error.headers, **_REPLAYED},
        )
    return JSONResponse(stored.payload, status_code=stored.status, headers=_REPLAYED)


def _settle_error(call: Call, key: _Key | None, exc: ApiError) -> None:
    """A business error: audited, and remembered under the request's key."""
    if call.principal is not None:
        outcome = "denied" if exc.status == 403 else "failed"
        _audit(call.sim, call.request, call.operation, call.principal, call, outcome)
    if key is not None and exc.status not in _NOT_REMEMBERED:
        call.sim.idempotency.save(
            key.scope, StoredResult(exc.status, None, key.digest, key.now, error=exc)
        )


def _settle(call: Call, key: _Key | None, result: Any) -> Response:
    """A success: audited, remembered under the request's key, and answered."""
    if call.principal is not None:
        _audit(call.sim, call.request, call.operation, call.principal, call, "success", result)
    response = _respond(call.operation, result)
    if key is not None and not isinstance(result, Response):
        # JSON answers only: a stream cannot be replayed
        payload = result.payload if isinstance(result, Reply) else result
        call.sim.idempotency.save(
            key.scope, StoredResult(response.status_code, payload, key.digest, key.now)
        )
    return response


_KEY = "Idempotency-Key"
_REPLAYED = {"Idempotent-Replayed": "true"}
_READS = frozenset({"GET", "HEAD", "OPTIONS"})


def _fingerprinted(call: Call) -> Any:
    """What a key is bound to: the body as sent, else the other parameters (an upload's
    path, flags and declared digest); path parameters are in the key's scope already."""
    if call.operation.body_validators:
        return call.read.sent
    others = {**call.query, **{k: v for k, v in call.headers.items() if k != _KEY}}
    return others or None


def _respond(op: Operation, result: Any) -> Response:
    if isinstance(result, Response):
        return result
    status = op.status or 200
    if isinstance(result, Reply):
        return JSONResponse(result.payload, status_code=status, headers=dict(result.headers))
    if result is None and status == 204:
        return Response(status_code=204)
    return JSONResponse(result, status_code=status)
