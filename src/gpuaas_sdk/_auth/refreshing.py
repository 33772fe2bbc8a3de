"""The token-refresh flow every refreshing handler shares, written once.

`RefreshingAuth._flow` is one generator that decides everything: when a token is
needed, the token request (a first grant, or a refresh that rotates the refresh
token), what to keep of its answer, and the one replay after a `token_expired`. It
yields the requests to send and a few steps the client's flavour carries out its own
way (taking the lock that makes one refresh serve many callers: a thread lock for
`Client`, a task lock for `AsyncClient`; reading a body; running a blocking first
grant). `sync_auth_flow` and `async_auth_flow` are the thin drivers httpx calls, as
in httpx's own `Auth`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from gpuaas_api.exceptions import AuthenticationError, MalformedResponseError

from .._core.errors import error_code, error_from_response

if TYPE_CHECKING:
    import asyncio

    from .token_store import TokenStore

REFRESH_MARGIN = 60.0
"""Refresh when the token has less than this many seconds left (or half its lifetime)."""

REFRESH_BACKOFF = (5.0, 60.0)
"""After a failed refresh while the token is still valid: first pause, longest pause (s)."""


@dataclass(frozen=True)
class TokenSet:
    access_token: str
    refresh_token: str | None
    expires_at: float
    """`time.monotonic()` at which the access token expires."""
    lifetime: float

    def is_stale(self, now: float) -> bool:
        margin = min(REFRESH_MARGIN, self.lifetime / 2)
        return self.expires_at - now <= margin


class RefreshingAuth(httpx.Auth):
    """Base of handlers that obtain tokens from the platform and refresh them.

    Subclasses say how to get a first token (`_grant_request`); refresh with
    rotation is shared. The token exchange runs through the same client, so it
    gets the same transport, retries and timeouts.

    With a `token_store`, tokens are shared with other processes (the CLI): each
    token exchange happens under the store's cross-process lock, after re-reading
    it, so a refresh token another process rotated is used rather than spent twice.

    A refresh that fails while the access token is still valid keeps that token in
    use and is retried only after a pause (5 s, doubling up to 60 s).
    """

    refresh_path = "/v1/auth/token/refresh"
    interactive = False
    """True when the first grant waits for a person (the async flow then runs it in a thread)."""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        token_store: TokenStore | None = None,
        profile: str = "default",
    ) -> None:
        self._base_url = httpx.URL(base_url) if base_url else None
        self._tokens: TokenSet | None = None
        self._thread_lock = threading.Lock()
        self._task_lock: asyncio.Lock | None = None  # made in the loop that first needs it
        self._store = token_store
        self._profile = profile
        self._origin: str | None = _origin_of(self._base_url) if self._base_url else None
        """Where the tokens are used (the client's base URL): a stored login must be from there."""
        self._retry_refresh_at = 0.0
        self._backoff = 0.0

    @property
    def tokens(self) -> TokenSet | None:
        return self._tokens

    def session_refresh_token(self) -> str | None:
        """The refresh token of the current login (the store's, if another process rotated it).

        None when the handler has no login yet, so a logout need not log in first.
        """
        self._adopt_stored()
        tokens = self._tokens
        return tokens.refresh_token if tokens is not None else None

    def has_session(self) -> bool:
        """Whether the handler holds tokens (its own or its token store's)."""
        self._adopt_stored()
        return self._tokens is not None

    def forget(self) -> None:
        """Drop the tokens, here and in the token store: the next call logs in again.

        A stored login of another platform or tenant (not this handler's) is left alone.
        """
        with self._thread_lock:
            self._tokens = None
            self._backoff, self._retry_refresh_at = 0.0, 0.0
            if self._store is not None:
                with self._store.locked():
                    stored = self._store.load(self._profile)
                    if stored is not None and stored.fits(self._origin, self._tenant_hint()):
                        self._store.clear(self._profile)

    def bind_origin(self, url: httpx.URL | str) -> None:
        """Use tokens (stored ones too) only for the platform at `url`; the client calls this.

        Without it the handler binds itself to the first request it authenticates.
        """
        if self._origin is None:
            self._origin = _origin_of(httpx.URL(url))

    # --- what a subclass provides -------------------------------------------------

    def _grant_request(self, origin: httpx.Request) -> httpx.Request:
        raise NotImplementedError

    def _tenant_hint(self) -> str | None:
        """The tenant a stored login must be for (a browser sign-in's hint), if any."""
        return None

    # --- shared logic ---------------------------------------------------------------

    def _post(self, origin: httpx.Request, path: str, body: dict[str, str]) -> httpx.Request:
        """A token request beside `origin`, with its timeout and user agent.

        `path` is the platform's (`/v1/auth/...`); a base URL with a path of its own (a
        gateway's prefix, a simulator sandbox) keeps it in front.
        """
        if self._base_url is not None:
            root = self._base_url.raw_path.split(b"?", 1)[0].rstrip(b"/")
            base = self._base_url
        else:
            root = _root_of(origin.url.raw_path)
            base = origin.url
        url = base.copy_with(raw_path=root + path.encode("ascii"), fragment=None)
        headers = {k: v for k, v in origin.headers.items() if k.lower() == "user-agent"}
        return httpx.Request(
            "POST",
            url,
            json=body,
            headers=headers,
            extensions={"timeout": origin.extensions.get("timeout", {})},
        )

    def _token_request(self, origin: httpx.Request) -> httpx.Request:
        """Refresh when a refresh token is held, else a first grant."""
        tokens = self._tokens
        if tokens is not None and tokens.refresh_token:
            return self._post(origin, self.refresh_path, {"refresh_token": tokens.refresh_token})
        return self._grant_request(origin)

    def _needs_token(self, spent: str | None = None) -> bool:
        tokens = self._tokens
        if tokens is None:
            return True
        if spent is not None and tokens.access_token == spent:
            return True
        now = time.monotonic()
        if not tokens.is_stale(now):
            return False
        backing_off = now < self._retry_refresh_at and now < tokens.expires_at
        return not backing_off

    def _back_off(self) -> None:
        """Pause refreshing after a failure, while the current token can still be served."""
        first, longest = REFRESH_BACKOFF
        self._backoff = min(longest, self._backoff * 2) if self._backoff else first
        self._retry_refresh_at = time.monotonic() + self._backoff

    def _is_refresh(self, request: httpx.Request) -> bool:
        return request.url.path.endswith(self.refresh_path)

    def _accept(
        self, request: httpx.Request, response: httpx.Response, *, keep_valid: bool = False
    ) -> bool:
        """Store the tokens of a read token response; False if a first grant should follow.

        A rejected refresh (expired or revoked family) falls back to a first grant
        once; any other failure is raised as its typed error, unless `keep_valid`
        and the current access token is still valid: it is kept, and refreshing backs off.
        """
        if response.is_error:
            was_refresh = self._is_refresh(request)
            if was_refresh and response.status_code == 401 and self._can_regrant():
                self._tokens = None
                return False
            tokens = self._tokens
            if was_refresh and keep_valid and tokens and time.monotonic() < tokens.expires_at:
                self._back_off()
                return True
            raise error_from_response(response)
        try:
            body = json.loads(response.content)
            lifetime = float(body["expires_in"])
            self._tokens = TokenSet(
                access_token=str(body["access_token"]),
                refresh_token=body.get("refresh_token"),
                expires_at=time.monotonic() + lifetime,
                lifetime=lifetime,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise MalformedResponseError(
                f"the token endpoint answered an unreadable body: {exc}",
                code="malformed_token_response",
                status_code=response.status_code,
            ) from exc
        self._backoff, self._retry_refresh_at = 0.0, 0.0
        if self._store is not None:
            from .token_store import StoredTokens

            stored = StoredTokens(
                access_token=self._tokens.access_token,
                refresh_token=self._tokens.refresh_token,
                expires_at=time.time() + lifetime,
                origin=self._origin,
                tenant_hint=self._tenant_hint(),
            )
            self._store.save(stored, self._profile)
        return True

    def _adopt_stored(self) -> None:
        """Take the store's tokens when another process (or an earlier run) changed them."""
        if self._store is None:
            return
        stored = self._store.load(self._profile)
        if stored is None or not stored.fits(self._origin, self._tenant_hint()):
            return  # none, or another platform's or tenant's: never sent here
        if self._tokens is not None and self._tokens.access_token == stored.access_token:
            return
        remaining = stored.expires_at - time.time()
        self._tokens = TokenSet(
            access_token=stored.access_token,
            refresh_token=stored.refresh_token,
            expires_at=time.monotonic() + remaining,
            lifetime=max(remaining, 0.0),
        )
        self._backoff, self._retry_refresh_at = 0.0, 0.0

    def _store_acquire(self) -> None:
        if self._store is not None:
            self._store.acquire()

    def _release_store(self) -> None:
        if self._store is not None:
            self._store.release()

    def _abandoned(self, request: httpx.Request, spent: str | None) -> None:
        """A token request that never got an answer (a transport error) counts as failed."""
        tokens = self._tokens
        valid = tokens is not None and time.monotonic() < tokens.expires_at
        if self._is_refresh(request) and not spent and valid:
            self._back_off()

    def _can_regrant(self) -> bool:
        """Whether a first grant can replace a rejected refresh (password: yes)."""
        return True

    def _authorized(self, request: httpx.Request) -> tuple[httpx.Request, str]:
        if self._tokens is None:
            raise AuthenticationError("no access token could be obtained", code="token_invalid")
        token = self._tokens.access_token
        request.headers["Authorization"] = f"Bearer {token}"
        return request, token

    # --- the flow -------------------------------------------------------------------

    def _flow(self, request: httpx.Request) -> Generator[Any, Any, None]:
        """Authenticate `request`: yields requests (answered with their responses) and steps.

        Tokens are obtained under `Exclusive` (one refresh for every caller waiting on
        it, re-reading the token store first); a `token_expired` answer is replayed once
        with a fresh token.
        """
        spent: str | None = None
        if self._origin is None:
            self.bind_origin(request.url)
        for _ in range(2):
            if self._needs_token(spent):
                release: Callable[[], None] = yield Exclusive()
                try:
                    self._adopt_stored()
                    for _ in range(2):
                        if not self._needs_token(spent):
                            break
                        token_request = yield Blocking(self._token_request, request)
                        try:
                            token_response = yield token_request
                        except GeneratorExit:
                            self._abandoned(token_request, spent)
                            raise
                        yield Read(token_response)
                        if self._accept(token_request, token_response, keep_valid=not spent):
                            break
                finally:
                    release()
            request, used = self._authorized(request)
            response = yield request
            if response.status_code != 401:
                return
            yield Read(response)
            if error_code(response) != "token_expired" or spent is not None:
                return
            spent = used

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        flow = self._flow(request)
        try:
            step = next(flow)
            while True:
                answer = (yield step) if isinstance(step, httpx.Request) else step.run(self)
                step = flow.send(answer)
        except StopIteration:
            return
        finally:
            flow.close()

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow = self._flow(request)
        try:
            step = next(flow)
            while True:
                answer = (yield step) if isinstance(step, httpx.Request) else await step.arun(self)
                step = flow.send(answer)
        except StopIteration:
            return
        finally:
            flow.close()


def _origin_of(url: httpx.URL) -> str:
    """`scheme://host:port` of a URL: where a login is valid."""
    return f"{url.scheme}://{url.netloc.decode('ascii')}"


# --- the steps a flow yields besides requests: each flavour carries them out its way ---


class Exclusive:
    """Enter the section where tokens are obtained; the answer is what leaves it.

    Inside: this client's lock (threads or tasks), then a shared token store's
    cross-process lock. Leaving releases both, in reverse.
    """

    def run(self, auth: RefreshingAuth) -> Callable[[], None]:
        auth._thread_lock.acquire()
        try:
            auth._store_acquire()
        except BaseException:
            auth._thread_lock.release()
            raise
        return _leaving(auth, auth._thread_lock.release)

    async def arun(self, auth: RefreshingAuth) -> Callable[[], None]:
        import asyncio  # only async clients need it: loaded with their first request

        if auth._task_lock is None:  # no await since the check: no other task can race
            auth._task_lock = asyncio.Lock()
        lock = auth._task_lock
        await lock.acquire()
        try:
            if auth._store is not None:
                await asyncio.to_thread(auth._store_acquire)  # a file lock blocks
        except BaseException:
            lock.release()
            raise
        return _leaving(auth, lock.release)


def _leaving(auth: RefreshingAuth, unlock: Callable[[], None]) -> Callable[[], None]:
    def leave() -> None:
        try:
            auth._release_store()
        finally:
            unlock()

    return leave


@dataclass(frozen=True)
class Read:
    """Read a response's body (a token answer, or a 401 whose code decides)."""

    response: httpx.Response

    def run(self, auth: RefreshingAuth) -> None:
        self.response.read()

    async def arun(self, auth: RefreshingAuth) -> None:
        await self.response.aread()


@dataclass(frozen=True)
class Blocking:
    """Build the token request; for an interactive grant (a browser sign-in) that waits
    for a person, which an async client does on a thread so its loop goes on."""

    build: Callable[[httpx.Request], httpx.Request]
    origin: httpx.Request

    def run(self, auth: RefreshingAuth) -> httpx.Request:
        return self.build(self.origin)

    async def arun(self, auth: RefreshingAuth) -> httpx.Request:
        if not auth.interactive:
            return self.build(self.origin)
        import asyncio

        return await asyncio.to_thread(self.build, self.origin)


_API_ROOT = b"/v1/"


def _root_of(raw_path: bytes) -> bytes:
    """What comes before the platform's paths (all under `/v1/`) in a request's path."""
    head, found, _ = raw_path.split(b"?", 1)[0].partition(_API_ROOT)
    return head if found else b""
