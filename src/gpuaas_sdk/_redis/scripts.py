"""The Lua scripts that change the shared state, and the keys and values they work on.

Each script runs atomically in Redis: no other client's command runs between its reads
and its writes. The keys of one profile (or one rate budget) share a hash tag (`{...}`),
so a Redis Cluster keeps them in one slot, as a multi-key script needs.

Tokens of a profile: `<ns>:{<profile>}:tokens` (a hash: the tokens, the refresh pause,
and the fence of the lease that wrote them), `:lock` (the exchange lock: a holder id with
a lease time) and `:fence` (a counter, one up per lease).
A rate budget: `<ns>:{<key>}:rate` (a hash: rate, burst, tokens, when counted), the
`Bucket` of `_core/ratelimit.py` transcribed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._auth.token_store import Lease, StoredTokens
from .._core.ratelimit import Feedback

# -- the token store ----------------------------------------------------------------------

LOCK = """
-- KEYS: lock, fence counter. ARGV: holder id, lease (ms). The new fence, or 0 if held.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0
"""

RENEW = """
-- KEYS: lock. ARGV: holder id, lease (ms). 1 if the holder still held it (now extended).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""

UNLOCK = """
-- KEYS: lock. ARGV: holder id. Only the holder's own lock is deleted.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

SAVE = """
-- KEYS: tokens. ARGV: the lease's fence ('' for a write without a lease), then field,
-- value pairs. Refused (0) when a later lease has written: its tokens are newer.
local stored = tonumber(redis.call('HGET', KEYS[1], 'fence')) or 0
local fence = stored
if ARGV[1] ~= '' then
  fence = tonumber(ARGV[1])
  if fence < stored then
    return 0
  end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'fence', fence)
for i = 2, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
return 1
"""


def token_keys(namespace: str, profile: str) -> tuple[str, str, str]:
    """(tokens, lock, fence) of a profile."""
    base = f"{namespace}:{{{profile}}}"
    return f"{base}:tokens", f"{base}:lock", f"{base}:fence"


def save_args(tokens: StoredTokens, lease: Lease | None) -> list[str]:
    args = ["" if lease is None else str(lease.fence)]
    args += ["access_token", tokens.access_token, "refresh_token", tokens.refresh_token or ""]
    args += ["expires_at", repr(tokens.expires_at)]
    if tokens.retry_refresh_at:
        args += ["retry_refresh_at", repr(tokens.retry_refresh_at)]
        args += ["refresh_backoff", repr(tokens.refresh_backoff)]
    for name in ("origin", "tenant_hint"):
        if value := getattr(tokens, name):
            args += [name, value]
    return args


def tokens_from(entry: Mapping[Any, Any]) -> StoredTokens | None:
    """The tokens of a stored hash (None: no entry, or one that cannot be read)."""
    if not entry.get("access_token"):
        return None
    try:
        return StoredTokens(
            access_token=entry["access_token"],
            refresh_token=entry.get("refresh_token") or None,
            expires_at=float(entry["expires_at"]),
            retry_refresh_at=float(entry.get("retry_refresh_at", 0.0)),
            refresh_backoff=float(entry.get("refresh_backoff", 0.0)),
            origin=entry.get("origin") or None,
            tenant_hint=entry.get("tenant_hint") or None,
        )
    except (KeyError, ValueError):
        return None  # as good as none: sign in again


# -- the rate budget -----------------------------------------------------------------------

_BUCKET_STATE = """
local now = tonumber(ARGV[1])
if not now then
  local time = redis.call('TIME')
  now = tonumber(time[1]) + tonumber(time[2]) / 1000000
end
local state = redis.call('HMGET', KEYS[1], 'rate', 'burst', 'tokens', 'at')
local rate = tonumber(ARGV[2]) or tonumber(state[1])
local burst = tonumber(ARGV[3]) or tonumber(state[2]) or 1
local tokens = tonumber(state[3]) or burst
local at = tonumber(state[4]) or now
if rate then
  tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
end
at = math.max(at, now)
"""

RESERVE = (
    """
-- KEYS: bucket. ARGV: now ('' = Redis's clock, one for every host), fixed rate and burst
-- ('' = learnt), max wait (s), idle lifetime (ms). Answers {wait, rate, burst}; a wait
-- past the maximum comes back negative and reserves nothing.
"""
    + _BUCKET_STATE
    + """
local wait = 0
if rate then
  if tokens < 1 then
    wait = (1 - tokens) / rate
  end
  if wait > tonumber(ARGV[4]) then
    return {tostring(-wait), tostring(rate), tostring(burst)}
  end
  tokens = tokens - 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {tostring(wait), tostring(rate or ''), tostring(burst)}
"""
)

OBSERVE = (
    """
-- KEYS: bucket. ARGV: now, fixed rate, fixed burst (as RESERVE), idle lifetime (ms),
-- then what an answer said ('' = nothing): learnt rate, learnt burst, remaining, pause (s).
"""
    + _BUCKET_STATE
    + """
local learnt, learnt_burst = tonumber(ARGV[5]), tonumber(ARGV[6])
if learnt and learnt_burst then
  if not rate then
    tokens = learnt_burst
  end
  rate, burst = learnt, learnt_burst
  tokens = math.min(tokens, burst)
  redis.call('HSET', KEYS[1], 'rate', tostring(rate), 'burst', tostring(burst))
end
local remaining = tonumber(ARGV[7])
if remaining then
  tokens = math.min(tokens, remaining)
end
local pause = tonumber(ARGV[8])
if pause and rate then
  tokens = math.min(tokens, -pause * rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
"""
)

BUCKET_IDLE_MS = 600_000
"""A budget nobody used for 10 minutes is forgotten (the next answer teaches it again)."""


def bucket_key(namespace: str, key: str) -> str:
    return f"{namespace}:{{{key}}}:rate"


def _number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


@dataclass(frozen=True)
class Pacing:
    """How a limiter calls the scripts: a fixed budget or a learnt one, and the longest wait."""

    rate: float | None
    burst: float | None
    max_wait: float
    now: float | None = None
    """A clock of the caller's instead of Redis's (tests of the script alone)."""

    def reserve_args(self) -> list[str]:
        fixed_burst = self.burst if self.rate is not None else None
        return [
            _number(self.now),
            _number(self.rate),
            _number(fixed_burst),
            repr(float(self.max_wait)),
            str(BUCKET_IDLE_MS),
        ]

    def observe_args(self, feedback: Feedback) -> list[str]:
        learn = self.rate is None
        return [
            *self.reserve_args()[:3],
            str(BUCKET_IDLE_MS),
            _number(feedback.rate if learn else None),
            _number(feedback.burst if learn else None),
            "" if feedback.remaining is None else str(feedback.remaining),
            _number(feedback.pause),
        ]


def reservation(reply: list[str]) -> tuple[float, float | None, float]:
    """(wait, rate, burst) of a RESERVE answer."""
    wait, rate, burst = reply
    return float(wait), float(rate) if rate else None, float(burst)
