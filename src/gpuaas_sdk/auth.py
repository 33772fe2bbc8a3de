"""Auth handlers: they attach a bearer token and keep it fresh.

Each handler is an `httpx.Auth`, so every request through the client, the generated
layer's included, is authenticated the same way. Refreshable handlers refresh when the
token is close to expiry and once more when the API answers `token_expired`;
concurrent callers share one refresh (a lock per client kind: threads for `Client`,
tasks for `AsyncClient`). The handlers live in `_auth/`; this module is where users
import them from.
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
    from ._auth.token_store import TokenStore

__all__ = [
    "BrowserLoginError",
    "BrowserLoginRefused",
    "BrowserOIDCAuth",
    "DevPasswordAuth",
    "RefreshingAuth",
    "ServiceAccountAuth",
    "StaticTokenAuth",
    "TokenSet",
    "TokenStore",
]

# Imported on first use: they bring PyJWT + cryptography, the browser flow and filelock,
# which a client with a static token or a dev login never needs.
_LAZY = {
    "BrowserLoginError": "._auth.oidc",
    "BrowserLoginRefused": "._auth.oidc",
    "BrowserOIDCAuth": "._auth.oidc",
    "ServiceAccountAuth": "._auth.service_account",
    "TokenStore": "._auth.token_store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gpuaas_sdk.auth' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __package__), name)
    globals()[name] = value
    return value
