"""The one way a facade method runs an operation of the generated layer.

A resource describes a call as data (`Call`: which generated operation, with which
arguments, what a success returns); `run` and `arun` build its request with the
caller's per-call options, send it through the client's HTTP layer (auth, retries,
typed errors) and parse the typed answer. `with_raw_response` views capture the
answer beside the parsed result.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypedDict, TypeVar

from gpuaas_api.exceptions import MalformedResponseError
from gpuaas_api.http_stack import httpx

from ..errors import ArgumentError
from .answer import Answer, http_response

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

    from ._async.pager import AsyncPager
    from ._sync.pager import SyncPager
    from .fast_lane import FastLane
    from .page import Page

T = TypeVar("T")
P = ParamSpec("P")


class WaitOptions(TypedDict, total=False):
    """The per-call options of a method whose own `timeout=` bounds the whole call (a waiter).

    They apply to each request the method sends (every poll).
    """

    extra_headers: Mapping[str, str]
    """Headers added to (or replacing) the SDK's own."""
    extra_query: Mapping[str, str | int | float | bool]
    """Query parameters added to the operation's own."""


class RequestOptions(WaitOptions, total=False):
    """Per-call options every facade method takes (as keyword arguments).

    They apply to each request the method sends (a transfer's parts, a list's pages).
    """

    timeout: float | httpx.Timeout
    """Seconds each of this call's requests may take (connect, read, write and pool)."""


CallOptions = RequestOptions | WaitOptions
"""Whichever per-call options a method takes."""

_OPTION_NAMES = frozenset(RequestOptions.__required_keys__ | RequestOptions.__optional_keys__)


def checked(options: CallOptions) -> CallOptions:
    """The options, refused with a clear error when one is misspelt or out of range."""
    unknown = set(options) - _OPTION_NAMES
    if unknown:
        raise ArgumentError(
            f"unknown option(s) {', '.join(sorted(unknown))}; "
            f"per-call options are: {', '.join(sorted(_OPTION_NAMES))}"
        )
    timeout = options.get("timeout")
    if isinstance(timeout, bool) or (isinstance(timeout, int | float) and timeout <= 0):
        raise ArgumentError(f"timeout must be positive seconds (got {timeout!r})")
    return options


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One operation of the generated layer, its arguments, and the type of a success."""

    endpoint: ModuleType
    """A module of `gpuaas_api.api` (it has `request_kwargs` and `parse`)."""
    kwargs: dict[str, Any]
    returns: type[T]

    @property
    def name(self) -> str:
        return self.endpoint.__name__.rsplit(".", 1)[-1]

    def request_kwargs(self, options: CallOptions) -> dict[str, Any]:
        """The keyword arguments of `build_request` for this call with `options` applied."""
        kwargs: dict[str, Any] = self.endpoint.request_kwargs(**self.kwargs)
        return with_options(kwargs, options) if options else kwargs

    def request(
        self, http: httpx.Client | httpx.AsyncClient, options: CallOptions
    ) -> httpx.Request:
        return http.build_request(**self.request_kwargs(options))

    def answer(self, raw: GeneratedClient, response: httpx.Response | Answer) -> RawResponse[T]:
        """The typed answer of a success response (errors were raised by the HTTP layer)."""
        try:
            parsed = self.endpoint.parse(client=raw, response=response)
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise MalformedResponseError(
                f"{self.name}: the response does not match the contract: {exc!r}",
                code="malformed_response",
            ) from exc
        if not isinstance(parsed, self.returns):
            raise MalformedResponseError(
                f"{self.name}: expected {self.returns.__name__}, got {type(parsed).__name__}",
                code="malformed_response",
            )
        captured = _CAPTURED.get()
        if captured is not None:
            captured.append(response)
        return RawResponse(response, parsed)


def with_options(kwargs: dict[str, Any], options: CallOptions) -> dict[str, Any]:
    """Request keyword arguments (as `httpx.Client.build_request` takes) with `options` applied."""
    checked(options)
    kwargs = dict(kwargs)
    if "extra_headers" in options:
        kwargs["headers"] = {**kwargs.get("headers", {}), **options["extra_headers"]}
    if "extra_query" in options:
        kwargs["params"] = {**(kwargs.get("params") or {}), **options["extra_query"]}
    timeout = options.get("timeout")
    if timeout is not None:
        kwargs["timeout"] = timeout
    return kwargs


def run(raw: GeneratedClient, call: Call[T], options: CallOptions) -> RawResponse[T]:
    http = raw.get_httpx_client()
    return call.answer(raw, http.send(call.request(http, options)))


async def arun(raw: GeneratedClient, call: Call[T], options: CallOptions) -> RawResponse[T]:
    http = raw.get_async_httpx_client()
    kwargs = call.request_kwargs(options)
    lane: FastLane | None = getattr(http, "fast_lane", None)
    answer = None if lane is None else await lane.send(kwargs)
    if answer is None:  # not a plain call: the whole way through httpx
        answer = await http.send(http.build_request(**kwargs))
    return call.answer(raw, answer)


def unset_if_none(value: T | None) -> Any:
    """The generated layer's UNSET for an argument the caller left out."""
    from gpuaas_api.types import UNSET

    return UNSET if value is None else value


# -- raw responses ------------------------------------------------------------------------


class RawResponse(Generic[T]):
    """The HTTP answer of a call beside its parsed result.

    `status_code`, `headers`, `correlation_id` and `http_response` (the httpx response,
    its body already read) describe the answer; `parse()` gives what the method
    returns. A method that sends several requests (a waiter, a transfer) keeps the
    last one's answer.
    """

    __slots__ = ("_answer", "_parsed")

    def __init__(self, answer: httpx.Response | Answer, parsed: T) -> None:
        self._answer = answer
        self._parsed = parsed

    @property
    def http_response(self) -> httpx.Response:
        return http_response(self._answer)

    @property
    def status_code(self) -> int:
        return self._answer.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def correlation_id(self) -> str | None:
        value: str | None = self.http_response.headers.get("X-Correlation-ID")
        return value

    @property
    def request(self) -> httpx.Request:
        return self.http_response.request

    def parse(self) -> T:
        return self._parsed

    def __repr__(self) -> str:
        return f"<RawResponse {self.status_code} {type(self._parsed).__name__}>"


_CAPTURED: ContextVar[list[httpx.Response | Answer] | None] = ContextVar(
    "gpuaas_captured", default=None
)
"""While a raw-response view runs a method, the answers of the calls it makes."""


def _last(
    captured: list[httpx.Response | Answer], method: Callable[..., Any]
) -> httpx.Response | Answer:
    if not captured:
        raise ArgumentError(f"{method.__name__} sent no request, so it has no raw response")
    return captured[-1]


@contextmanager
def _capturing() -> Iterator[list[httpx.Response | Answer]]:
    captured: list[httpx.Response | Answer] = []
    token = _CAPTURED.set(captured)
    try:
        yield captured
    finally:
        _CAPTURED.reset(token)


def raw(method: Callable[P, T]) -> Callable[P, RawResponse[T]]:
    """`method`, returning its last HTTP answer beside its result."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        with _capturing() as captured:
            result = method(*args, **kwargs)
        return RawResponse(_last(captured, method), result)

    return call


def async_raw(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[RawResponse[T]]]:
    """The async `raw`."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        with _capturing() as captured:
            result = await method(*args, **kwargs)
        return RawResponse(_last(captured, method), result)

    return call


def raw_page(method: Callable[P, SyncPager[T]]) -> Callable[P, RawResponse[Page[T]]]:
    """A list method, fetching its first page and returning that page's answer."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[Page[T]]:
        return raw(method(*args, **kwargs).first_page)()

    return call


def async_raw_page(
    method: Callable[P, AsyncPager[T]],
) -> Callable[P, Awaitable[RawResponse[Page[T]]]]:
    """The async `raw_page`."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[Page[T]]:
        return await async_raw(method(*args, **kwargs).first_page)()

    return call
