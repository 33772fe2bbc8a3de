"""One client per process for app-style integrations (web handlers, workers, plugins)."""

from __future__ import annotations

import atexit
import threading

from ._sync.client import Client

_lock = threading.Lock()
_client: Client | None = None


def shared_client() -> Client:
    """The process-wide `Client`, built from the environment on first use.

    Thread-safe; every caller gets the same client and so shares its connection
    pool and tokens. It is closed when the interpreter exits.
    """
    global _client
    with _lock:
        if _client is None:
            _client = Client.from_default_credentials()
            atexit.register(_client.close)
        return _client
