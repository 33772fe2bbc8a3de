"""The fake platform that answers a mock client's requests (its transport).

The requests still go through the real facade and HTTP layer (auth, typed
errors, parsing into the generated models); only the network is replaced. A
request no fake answers fails the test loudly, naming the fake to add.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from gpuaas_api.exceptions import ERROR_CATALOG
from gpuaas_api.http_stack import httpx
from gpuaas_api.operations import OPERATIONS, Operation

from . import _examples, _naming

BASE_URL = "https://api.gpuaas.test"
TOKEN = "tok-mock"


class UnmatchedRequestError(AssertionError):
    """A request reached the mocked platform and no fake answers it."""


def _pattern(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{([^/]+?)\\\}", r"(?P<\1>[^/]+)", re.escape(path)) + "$")


_PATTERNS = {op.operation_id: _pattern(op.path) for op in OPERATIONS}


@dataclass
class Fake:
    """One registered fake; `calls` holds the requests it answered."""

    operation: Operation
    respond: Callable[[httpx.Request], httpx.Response]
    path_params: Mapping[str, str] = field(default_factory=dict)
    calls: list[httpx.Request] = field(default_factory=list)

    def matches(self, method: str, path: str) -> bool:
        if method != self.operation.method:
            return False
        found = _PATTERNS[self.operation.operation_id].match(path)
        return found is not None and all(found.group(k) == v for k, v in self.path_params.items())


class FakeAPI:
    """The mocked platform, whose newest matching fake answers.

    A mock client sends through `httpx.MockTransport(api.handler)` (`async_handler` for
    the async one): no library patches anything, so the fakes answer on either HTTP
    stack (httpx or httpx2, see `gpuaas_api.http_stack`).
    """

    def __init__(self, base_url: str = BASE_URL) -> None:
        self.base_url = base_url
        self.fakes: list[Fake] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        """Answer `request` as the platform's fakes say (a mock transport's handler)."""
        return self._dispatch(request)

    async def async_handler(self, request: httpx.Request) -> httpx.Response:
        """`handler` for an async mock transport."""
        await request.aread()
        return self._dispatch(request)

    def _dispatch(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix(httpx.URL(self.base_url).path.rstrip("/"))
        for fake in reversed(self.fakes):
            if fake.matches(request.method, path):
                fake.calls.append(request)
                return fake.respond(request)
        raise UnmatchedRequestError(_unmatched(request.method, path))

    def add(
        self,
        operation_id: str,
        respond: Callable[[httpx.Request], httpx.Response],
        path_params: Mapping[str, str] | None = None,
    ) -> Fake:
        fake = Fake(_examples.operation(operation_id), respond, dict(path_params or {}))
        self.fakes.append(fake)
        return fake

    def fake(self, operation_id: str, id: str | None = None, /, **fields: Any) -> Fake:
        """Answer an operation with its contract example, `id` and `fields` set."""
        op = _examples.operation(operation_id)
        status, schema = _examples.success_schema(op)
        if schema is None:
            if id is not None or fields:
                raise TypeError(f"{operation_id} answers {status} without a body: no fields")
            return self.add(operation_id, lambda _r: httpx.Response(status))
        if id is not None:
            fields = {"id": id, **fields}
        body = _examples.with_fields(schema, fields, operation_id)
        return self.add(operation_id, lambda _r: httpx.Response(status, json=body), _pinned(op, id))

    def fake_list(
        self,
        operation_id: str,
        items: Iterable[str | Mapping[str, Any]] = (),
        *,
        page_size: int | None = None,
    ) -> Fake:
        """Answer a list operation with `items` (ids or fields), `page_size` per page."""
        op = _examples.operation(operation_id)
        if not op.paginated:
            raise TypeError(f"{operation_id} is not a list operation")
        status, page = _examples.success_schema(op)
        assert page is not None
        item_schema = _examples.page_item_schema(page)
        bodies = [
            _examples.with_fields(
                item_schema, {"id": i} if isinstance(i, str) else dict(i), operation_id
            )
            for i in items
        ]
        if page_size is not None and page_size < 1:
            raise ValueError(f"page_size must be at least 1 (got {page_size})")
        size = page_size or max(len(bodies), 1)

        def respond(request: httpx.Request) -> httpx.Response:
            start = int(request.url.params.get("cursor", "0"))
            end = start + size
            cursor = str(end) if end < len(bodies) else None
            return httpx.Response(status, json={"items": bodies[start:end], "next_cursor": cursor})

        return self.add(operation_id, respond)

    def fake_error(
        self,
        operation_id: str,
        code: str,
        *,
        status: int | None = None,
        message: str | None = None,
        details: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Fake:
        """Answer an operation with the error envelope, so the SDK raises the typed error."""
        entry = ERROR_CATALOG.get(code)
        if status is None:
            if entry is None:
                raise ValueError(f"{code!r} is not in the error catalog: pass status=")
            status = entry.status
        envelope = {
            "error": {
                "code": code,
                "message": message or f"{code} (faked)",
                "correlation_id": "corr-mock",
                "details": dict(details or {}),
            }
        }
        return self.add(
            operation_id,
            lambda _r: httpx.Response(status, json=envelope, headers=dict(headers or {})),
        )


def _pinned(op: Operation, id: str | None) -> dict[str, str]:
    """A GET of one resource by id answers only that id."""
    last = re.fullmatch(r".*/\{([^/]+)\}", op.path)
    return {last.group(1): id} if id is not None and last and op.method == "GET" else {}


def _unmatched(method: str, path: str) -> str:
    for op in OPERATIONS:
        if op.method == method and _PATTERNS[op.operation_id].match(path):
            return (
                f"mock_client: no fake answers {method} {path} ({op.operation_id}); "
                f"add one, e.g. {_naming.suggestion(op)}"
            )
    return f"mock_client: no fake answers {method} {path}, and the contract has no such operation"


class FakeOperations:
    """The `fake_*` helpers of one resource, each answering one contract operation.

    The typed helpers per resource are generated (`_mocks.py`); names not generated
    there (an operation's camelCase id) still resolve at run time, and an unknown name
    fails listing the ones the resource has.
    """

    _path: ClassVar[str]
    _api: FakeAPI

    def fake_error(
        self,
        operation: str,
        code: str,
        *,
        status: int | None = None,
        message: str | None = None,
        details: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Fake:
        """Answer `operation` (a fake's name without `fake_`) with the error `code`."""
        return self._api.fake_error(
            self._operation(operation).operation_id,
            code,
            status=status,
            message=message,
            details=details,
            headers=headers,
        )

    def _fake(self, operation_id: str, id: str | None, fields: Mapping[str, Any]) -> Fake:
        return self._api.fake(operation_id, id, **fields)

    def _fake_list(
        self, operation_id: str, items: Iterable[str | Mapping[str, Any]], page_size: int | None
    ) -> Fake:
        return self._api.fake_list(operation_id, items, page_size=page_size)

    def _operation(self, name: str) -> Operation:
        names = _naming.operations_of(self._path)
        if name not in names:
            choices = ", ".join(sorted(n for n in names if "_" in n or n.islower()))
            raise AttributeError(f"client.{self._path} has no operation {name!r}; has: {choices}")
        return names[name]

    if not TYPE_CHECKING:  # to a type checker, only the generated helpers exist

        def __getattr__(self, name: str) -> Any:
            if not name.startswith("fake_"):
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            op = self._operation(name.removeprefix("fake_"))
            if op.paginated:
                return lambda items=(), *, page_size=None: self._fake_list(
                    op.operation_id, items, page_size
                )
            return lambda id=None, /, **fields: self._fake(op.operation_id, id, fields)
