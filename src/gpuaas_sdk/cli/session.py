"""What one run of the command line shares: its options and the client built from them."""

from __future__ import annotations

import enum
import logging
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .._config import ClientConfig

if TYPE_CHECKING:
    from .._sync.client import Client


class OutputFormat(enum.StrEnum):
    """`--output`: a table for a person, JSON or YAML (the API's objects) for a script."""

    TABLE = "table"
    JSON = "json"
    YAML = "yaml"


_SDK_LOG = logging.getLogger("gpuaas_sdk")

_ENVIRONMENT_CREDENTIALS = (
    "GPUAAS_BASE_URL",
    "GPUAAS_TOKEN",
    "GPUAAS_USERNAME",
    "GPUAAS_PASSWORD",
    "GPUAAS_SA_ID",
    "GPUAAS_SA_KEY_ID",
    "GPUAAS_SA_KEY_FILE",
    "GPUAAS_SA_SIGNING_SECRET_FILE",
)


@dataclass
class Session:
    """The options of this run (set by the common options of any command) and its client."""

    output: OutputFormat = OutputFormat.TABLE
    profile: str | None = None
    """`--profile`: this profile exactly, whatever credentials the environment holds."""
    debug: bool = False
    label: str = "gpuaas"
    """What the command is doing, for the one line an error or an interruption prints."""
    _client: Client | None = field(default=None, repr=False)
    _log_handler: logging.Handler | None = field(default=None, repr=False)

    @property
    def for_scripts(self) -> bool:
        return self.output is not OutputFormat.TABLE

    def environment(self) -> dict[str, str]:
        """The settings the SDK reads: GPUAAS_* and the profile (`--profile` wins)."""
        env = dict(os.environ)
        if self.profile is not None:
            for name in _ENVIRONMENT_CREDENTIALS:
                env.pop(name, None)
            env["GPUAAS_PROFILE"] = self.profile
        return env

    def profile_name(self) -> str:
        return self.profile or os.environ.get("GPUAAS_PROFILE") or "default"

    def client(self) -> Client:
        """The client of this run, built on first use as `Client()` would be."""
        if self._client is None:
            from .._sync.client import Client

            self._client = Client(config=ClientConfig.from_env(self.environment()))
        return self._client

    def anonymous_client(self) -> Client:
        """A client without credentials, for what needs none (the health check)."""
        from .._auth.credentials import default_base_url
        from .._sync.client import Client

        self.close()
        self._client = Client(default_base_url(self.environment()))
        return self._client

    def log_requests(self) -> None:
        """`--debug`: the SDK's log (every request, retry and wait) on stderr, for this run."""
        self.debug = True
        if self._log_handler is None:
            self._log_handler = logging.StreamHandler(sys.stderr)
            self._log_handler.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))
            _SDK_LOG.addHandler(self._log_handler)
            _SDK_LOG.setLevel(logging.DEBUG)

    def close(self) -> None:
        """Close the client and stop logging (the next run in this process starts clean)."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._log_handler is not None:
            _SDK_LOG.removeHandler(self._log_handler)
            _SDK_LOG.setLevel(logging.NOTSET)
            self._log_handler = None


_current = Session()


def current() -> Session:
    return _current


def start() -> Session:
    """A fresh session for a run (several runs share a process in tests)."""
    global _current
    _current.close()
    _current = Session()
    return _current


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
