"""Auth handlers: they attach a bearer token and keep it fresh.

Each handler is an `httpx.Auth`, so every request through the client, the generated
layer's included, is authenticated the same way. Refreshable handlers refresh when the
token is close to expiry and once more when the API answers `token_expired`;
concurrent callers share one refresh (a lock per client kind: threads for `Client`,
tasks for `AsyncClient`). With a token store, every process sharing it shares one
refresh too: `FileTokenStore` on one host (the CLI's file), `RedisTokenStore` across a
fleet's hosts (`gpuaas-sdk[redis]`), or a `TokenStore` of your own. The handlers live in
`_auth/`; this module is where users import them from.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._auth.password import DevPasswordAuth
from ._auth.refreshing import RefreshingAuth, TokenSet
from ._auth.static import StaticTokenAuth

if TYPE_CHECKING:
    from ._auth.oidc import BrowserLoginError, BrowserLoginRefused, BrowserOIDCAuth
    from ._auth.service_account import ServiceAccountAuth
    from ._auth.token_store import FileTokenStore, Lease, StoredTokens, TokenStore
    from ._redis.tokens import RedisTokenStore

__all__ = [
    "BrowserLoginError",
    "BrowserLoginRefused",
    "BrowserOIDCAuth",
    "DevPasswordAuth",
    "FileTokenStore",
    "Lease",
    "RedisTokenStore",
    "RefreshingAuth",
    "ServiceAccountAuth",
    "StaticTokenAuth",
    "StoredTokens",
    "TokenSet",
    "TokenStore",
]

# Imported on first use: they bring PyJWT + cryptography, the browser flow, filelock and
# redis-py, which a client with a static token or a dev login never needs.
_LAZY = {
    "BrowserLoginError": "._auth.oidc",
    "BrowserLoginRefused": "._auth.oidc",
    "BrowserOIDCAuth": "._auth.oidc",
    "ServiceAccountAuth": "._auth.service_account",
    "TokenStore": "._auth.token_store",
    "FileTokenStore": "._auth.token_store",
    "StoredTokens": "._auth.token_store",
    "Lease": "._auth.token_store",
    "RedisTokenStore": "._redis.tokens",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gpuaas_sdk.auth' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __package__), name)
    globals()[name] = value
    return value
