"""The token-refresh flow every refreshing handler shares, written once.

`RefreshingAuth._flow` is one generator that decides everything: when a token is
needed, the token request (a first grant, or a refresh that rotates the refresh
token), what to keep of its answer, and the one replay after a `token_expired`. It
yields the requests to send and a few steps the client's flavour carries out its own
way (taking the lock that makes one refresh serve many callers: a thread lock for
`Client`, a task lock for `AsyncClient`, then the token store's lock that makes one
refresh serve every process sharing the store; reading and writing the store; reading a
body; running a blocking first grant). `sync_auth_flow` and `async_auth_flow` are the
thin drivers httpx calls, as in httpx's own `Auth`.

With a token store the order is what keeps a fleet on one sign-in: lock, re-read the
store (another process may have refreshed meanwhile), refresh only if the stored token
still needs it, write the rotated tokens (fenced: a lease that ran out cannot overwrite a
newer one), and only then use them.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gpuaas_api.exceptions import AuthenticationError, MalformedResponseError
from gpuaas_api.http_stack import httpx

from .._core.errors import error_code, error_from_response

if TYPE_CHECKING:
    import asyncio

    from .token_store import Lease, StoredTokens, TokenStore

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

    With a `token_store`, tokens are shared with other processes (the CLI, or every
    worker of a fleet on a Redis store): each token exchange happens under the
    store's lock, after re-reading it, so a refresh token another process rotated is
    used rather than spent twice, and the rotated tokens are written before they are used.

    A refresh that fails while the access token is still valid keeps that token in
    use and is retried only after a pause (5 s, doubling up to 60 s); with a token
    store the pause is the store's, so every process sharing it waits.
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
        self._unsaved: Unsaved | None = None
        """Tokens the platform issued whose write to the store failed: written before use."""
        self._untold_backoff = False
        """A refresh went unanswered: the pause is told to the store as the lock is left."""

    @property
    def tokens(self) -> TokenSet | None:
        return self._tokens

    @property
    def token_store(self) -> TokenStore | None:
        """Where the tokens are shared with other processes (None: this handler alone)."""
        return self._store

    @property
    def profile(self) -> str:
        """The name the tokens are kept under in the token store."""
        return self._profile

    def use_token_store(self, store: TokenStore, profile: str | None = None) -> None:
        """Share this handler's tokens through `store` (before its first request)."""
        self._store = store
        if profile is not None:
            self._profile = profile

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
            self._tokens, self._unsaved = None, None
            self._backoff, self._retry_refresh_at = 0.0, 0.0
            store = self._store
            if store is not None:
                lease = store.lock(self._profile)
                try:
                    stored = store.load(self._profile)
                    if stored is not None and stored.fits(self._origin, self._tenant_hint()):
                        store.clear(self._profile)
                finally:
                    store.unlock(lease)

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

    def current_header(self) -> str | None:
        """The Authorization header a request gets now, or None while the flow has work to
        do first (a token to fetch or refresh); the HTTP layer's fast lane asks."""
        tokens = self._tokens
        if tokens is None or self._origin is None or self._needs_token():
            return None
        return f"Bearer {tokens.access_token}"

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
        """Take the tokens of a read token response; False if a first grant should follow.

        A rejected refresh (expired or revoked family) falls back to a first grant
        once; any other failure is raised as its typed error, unless `keep_valid`
        and the current access token is still valid: it is kept, and refreshing backs off.
        The caller writes the outcome to the token store (`_persist`).
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
        return True

    def _stored(self) -> StoredTokens:
        """The current tokens and refresh pause as the store keeps them (wall-clock times)."""
        from .token_store import StoredTokens

        tokens = self._tokens
        assert tokens is not None
        now, wall = time.monotonic(), time.time()
        pause = self._retry_refresh_at - now
        return StoredTokens(
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            expires_at=wall + (tokens.expires_at - now),
            retry_refresh_at=wall + pause if pause > 0 else 0.0,
            refresh_backoff=self._backoff if pause > 0 else 0.0,
            origin=self._origin,
            tenant_hint=self._tenant_hint(),
        )

    def _persist(self, lease: Lease | None, basis: TokenSet | None) -> Generator[Any, Any, None]:
        """Write what a token exchange left before anything uses it.

        New tokens (replacing `basis`) must be written: a write refused because a newer
        lease wrote meanwhile adopts the newer tokens; a write that fails raises, and the
        new tokens stay unused until a later section writes them. A refresh pause is
        written for the fleet as well as it can be.
        """
        if self._store is None or self._tokens is None:
            return
        stored = self._stored()
        if self._tokens is basis:  # no new tokens: a pause, told on a best-effort basis
            with contextlib.suppress(Exception):
                yield Save(stored, lease)
            return
        try:
            kept = yield Save(stored, lease)
        except Exception:
            self._unsaved = Unsaved(stored, basis.access_token if basis else None)
            self._tokens = basis
            raise
        if not kept:
            self._adopt((yield Load()), force=True)

    def _adopt(self, stored: StoredTokens | None, *, force: bool = False) -> None:
        """Take the store's tokens (and its refresh pause) when they differ from ours.

        A login of another platform or tenant is never taken: its tokens are not sent here.
        """
        if stored is None or not stored.fits(self._origin, self._tenant_hint()):
            return
        now, wall = time.monotonic(), time.time()
        pause = stored.retry_refresh_at - wall
        if pause > 0:  # the fleet backs off: so does this process
            self._retry_refresh_at, self._backoff = now + pause, stored.refresh_backoff
        tokens = self._tokens
        if not force and tokens is not None and tokens.access_token == stored.access_token:
            return
        remaining = stored.expires_at - wall
        self._tokens = TokenSet(
            access_token=stored.access_token,
            refresh_token=stored.refresh_token,
            expires_at=now + remaining,
            lifetime=max(remaining, 0.0),
        )
        if pause <= 0:
            self._backoff, self._retry_refresh_at = 0.0, 0.0

    def _adopt_stored(self) -> None:
        """Take the store's tokens now (outside a flow: the sync store call)."""
        if self._store is not None:
            self._adopt(self._store.load(self._profile))

    def _abandoned(self, request: httpx.Request, spent: str | None) -> None:
        """A token request that never got an answer (a transport error) counts as failed."""
        tokens = self._tokens
        valid = tokens is not None and time.monotonic() < tokens.expires_at
        if self._is_refresh(request) and not spent and valid:
            self._back_off()
            self._untold_backoff = self._store is not None

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

        Tokens are obtained in the exclusive section (one refresh for every caller
        waiting on it, here and in every process sharing the token store, which is
        re-read first); a `token_expired` answer is replayed once with a fresh token.
        """
        spent: str | None = None
        if self._origin is None:
            self.bind_origin(request.url)
        for _ in range(2):
            if self._needs_token(spent):
                lease = yield Exclusive()
                yield from self._refresh_in_section(request, lease, spent)
                yield Leave()
            request, used = self._authorized(request)
            response = yield request
            if response.status_code != 401:
                return
            yield Read(response)
            if error_code(response) != "token_expired" or spent is not None:
                return
            spent = used

    def _refresh_in_section(
        self, request: httpx.Request, lease: Lease | None, spent: str | None
    ) -> Generator[Any, Any, None]:
        if self._store is not None:
            stored = yield Load()
            unsaved, self._unsaved = self._unsaved, None
            if unsaved is not None and unsaved.replaces == (stored and stored.access_token):
                # Tokens issued to us whose write failed, and the store has not moved on.
                kept = yield Save(unsaved.tokens, lease)
                stored = unsaved.tokens if kept else (yield Load())
            self._adopt(stored)
        for _ in range(2):
            if not self._needs_token(spent):
                return
            token_request = yield Blocking(self._token_request, request)
            try:
                token_response = yield token_request
            except GeneratorExit:
                self._abandoned(token_request, spent)
                raise
            yield Read(token_response)
            basis = self._tokens
            accepted = self._accept(token_request, token_response, keep_valid=not spent)
            yield from self._persist(lease, basis)
            if accepted:
                return

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        flow, section = self._flow(request), Section()
        try:
            step = next(flow)
            while True:
                if isinstance(step, httpx.Request):
                    answer = yield step
                else:
                    try:
                        answer = step.run(self, section)
                    except Exception as exc:  # the flow decides (a failed store write)
                        step = flow.throw(exc)
                        continue
                step = flow.send(answer)
        except StopIteration:
            return
        finally:
            flow.close()
            section.leave(self)

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow, section = self._flow(request), Section()
        try:
            step = next(flow)
            while True:
                if isinstance(step, httpx.Request):
                    answer = yield step
                else:
                    try:
                        answer = await step.arun(self, section)
                    except Exception as exc:
                        step = flow.throw(exc)
                        continue
                step = flow.send(answer)
        except StopIteration:
            return
        finally:
            flow.close()
            await section.aleave(self)


def _origin_of(url: httpx.URL) -> str:
    """`scheme://host:port` of a URL: where a login is valid."""
    return f"{url.scheme}://{url.netloc.decode('ascii')}"


# --- the steps a flow yields besides requests: each flavour carries them out its way ---


@dataclass(frozen=True)
class Unsaved:
    """Tokens the platform issued whose write to the store failed."""

    tokens: StoredTokens
    replaces: str | None
    """The access token they replace: written later only if the store still holds it."""


@dataclass
class Section:
    """What one flow holds of the exclusive section, so the driver can always leave it.

    Leaving never fails a request: a lease that cannot be given back runs out by itself.
    """

    unlock: Callable[[], None] | None = None
    """Releases this client's thread or task lock."""
    lease: Lease | None = None
    """The token store's lock, when the handler has a store."""
    entered: bool = False

    def leave(self, auth: RefreshingAuth) -> None:
        if not self.entered:
            return
        self.entered = False
        store, lease, pause = auth._store, self.lease, _untold_pause(auth)
        try:
            if store is not None and lease is not None:
                with contextlib.suppress(Exception):
                    if pause is not None:
                        store.save(pause, auth._profile, lease=lease)
                with contextlib.suppress(Exception):
                    store.unlock(lease)
        finally:
            self._unlock()

    async def aleave(self, auth: RefreshingAuth) -> None:
        if not self.entered:
            return
        self.entered = False
        store, lease, pause = auth._store, self.lease, _untold_pause(auth)
        try:
            if store is not None and lease is not None:
                with contextlib.suppress(Exception):
                    if pause is not None:
                        await store.asave(pause, auth._profile, lease=lease)
                with contextlib.suppress(Exception):
                    await store.aunlock(lease)
        finally:
            self._unlock()

    def _unlock(self) -> None:
        unlock, self.unlock, self.lease = self.unlock, None, None
        if unlock is not None:
            unlock()


def _untold_pause(auth: RefreshingAuth) -> StoredTokens | None:
    """The pause after an unanswered refresh, to write for the fleet as the section is left."""
    if not auth._untold_backoff or auth._tokens is None:
        return None
    auth._untold_backoff = False
    return auth._stored()


class Exclusive:
    """Enter the section where tokens are obtained; the answer is the store's lease (or None).

    Inside: this client's lock (threads or tasks), then a shared token store's lock.
    `Leave` (or the driver, if the flow is abandoned) releases both, in reverse.
    """

    def run(self, auth: RefreshingAuth, section: Section) -> Lease | None:
        section.leave(auth)  # one a wrapping flow's inner flow raised out of, still held
        auth._thread_lock.acquire()
        section.unlock, section.entered = auth._thread_lock.release, True
        if auth._store is not None:
            section.lease = auth._store.lock(auth._profile)
        return section.lease

    async def arun(self, auth: RefreshingAuth, section: Section) -> Lease | None:
        import asyncio  # only async clients need it: loaded with their first request

        await section.aleave(auth)  # one a wrapping flow's inner flow raised out of
        if auth._task_lock is None:  # no await since the check: no other task can race
            auth._task_lock = asyncio.Lock()
        lock = auth._task_lock
        await lock.acquire()
        section.unlock, section.entered = lock.release, True
        if auth._store is not None:
            section.lease = await auth._store.alock(auth._profile)
        return section.lease


class Leave:
    """Leave the section: the store's lock first, then this client's."""

    def run(self, auth: RefreshingAuth, section: Section) -> None:
        section.leave(auth)

    async def arun(self, auth: RefreshingAuth, section: Section) -> None:
        await section.aleave(auth)


class Load:
    """Read the profile's tokens from the store."""

    def run(self, auth: RefreshingAuth, section: Section) -> StoredTokens | None:
        assert auth._store is not None
        return auth._store.load(auth._profile)

    async def arun(self, auth: RefreshingAuth, section: Section) -> StoredTokens | None:
        assert auth._store is not None
        return await auth._store.aload(auth._profile)


@dataclass(frozen=True)
class Save:
    """Write tokens to the store under the lease; the answer says whether they were kept."""

    tokens: StoredTokens
    lease: Lease | None

    def run(self, auth: RefreshingAuth, section: Section) -> bool:
        assert auth._store is not None
        return auth._store.save(self.tokens, auth._profile, lease=self.lease)

    async def arun(self, auth: RefreshingAuth, section: Section) -> bool:
        assert auth._store is not None
        return await auth._store.asave(self.tokens, auth._profile, lease=self.lease)


@dataclass(frozen=True)
class Read:
    """Read a response's body (a token answer, or a 401 whose code decides)."""

    response: httpx.Response

    def run(self, auth: RefreshingAuth, section: Section) -> None:
        self.response.read()

    async def arun(self, auth: RefreshingAuth, section: Section) -> None:
        await self.response.aread()


@dataclass(frozen=True)
class Blocking:
    """Build the token request; for an interactive grant (a browser sign-in) that waits
    for a person, which an async client does on a thread so its loop goes on."""

    build: Callable[[httpx.Request], httpx.Request]
    origin: httpx.Request

    def run(self, auth: RefreshingAuth, section: Section) -> httpx.Request:
        return self.build(self.origin)

    async def arun(self, auth: RefreshingAuth, section: Section) -> httpx.Request:
        if not auth.interactive:
            return self.build(self.origin)
        import asyncio

        return await asyncio.to_thread(self.build, self.origin)


_API_ROOT = b"/v1/"


def _root_of(raw_path: bytes) -> bytes:
    """What comes before the platform's paths (all under `/v1/`) in a request's path."""
    head, found, _ = raw_path.split(b"?", 1)[0].partition(_API_ROOT)
    return head if found else b""
