"""Where `Client()` (and `from_default_credentials()`) finds a base URL and credentials.

First the environment, then a profile in the credentials file shared with the
CLI (`$XDG_CONFIG_HOME/gpuaas/credentials.toml`, or `GPUAAS_CREDENTIALS_FILE`):

    [default]
    base_url = "http://127.0.0.1:8080"
    username = "dev-user"      # dev login, or:
    password = "dev123"
    # token = "..."            # a static access token, or:
    # login = "browser"        # the CLI's browser sign-in (optional tenant_hint = "...")

A profile's refreshable tokens are kept in the token store shared with the CLI
(`$XDG_CONFIG_HOME/gpuaas/tokens.json`, see `_token_store`) under the profile's
name, so every process using the profile adopts the refresh token another one
rotated instead of spending a dead one (which would revoke the whole sign-in).
Credentials from the environment are not stored: they belong to that process,
unless GPUAAS_TOKEN_STORE names a store (a fleet's `redis://...`): then they are kept
there under GPUAAS_PROFILE (default "default"). A profile may name its store too:

    [workers]
    base_url = "https://api.gpuaas.example.com"
    username = "..."
    password = "..."
    token_store = "redis://redis.internal:6379/0"   # else the file above
    rate_limiter = "redis://redis.internal:6379/0"  # one rate budget for the fleet
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gpuaas_api.http_stack import httpx

from ..errors import ConfigurationError
from .oidc import BrowserOIDCAuth
from .password import DevPasswordAuth
from .static import StaticTokenAuth
from .token_store import FileTokenStore, TokenStore, default_token_path


@dataclass(frozen=True)
class Credentials:
    base_url: str
    auth: httpx.Auth
    source: str
    """Where they came from ("environment" or the profile's file and name), for messages."""
    profile: str | None = None
    """The profile's name when they came from the credentials file."""


def credentials_file(env: Mapping[str, str]) -> Path:
    if env.get("GPUAAS_CREDENTIALS_FILE"):
        return Path(env["GPUAAS_CREDENTIALS_FILE"])
    config_home = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config_home / "gpuaas" / "credentials.toml"


def _auth_from(
    values: Mapping[str, object],
    source: str,
    store: TokenStore | None = None,
    profile: str = "default",
) -> httpx.Auth | None:
    """The auth a set of values describes; `store` keeps refreshable tokens under `profile`."""
    token, username, password = (values.get(k) for k in ("token", "username", "password"))
    if token:
        return StaticTokenAuth(str(token))
    if username and password:
        return DevPasswordAuth(str(username), str(password), token_store=store, profile=profile)
    if username or password:
        raise ConfigurationError(
            f"{source}: a username needs a password, and a password a username"
        )
    return None


_SA_VARIABLES = ("GPUAAS_SA_ID", "GPUAAS_SA_KEY_ID", "GPUAAS_SA_KEY_FILE")


def _read_file(variable: str, env: Mapping[str, str]) -> str:
    path = Path(env[variable]).expanduser()
    try:
        return path.read_text()
    except OSError as exc:
        raise ConfigurationError(f"{variable}={path} cannot be read: {exc.strerror}") from exc


def _shared_store(env: Mapping[str, str]) -> TokenStore | None:
    """The store GPUAAS_TOKEN_STORE names, if it is set."""
    where = env.get("GPUAAS_TOKEN_STORE")
    if not where:
        return None
    from .._fleet import token_store_from

    return token_store_from(where)


def fleet_setting(name: str, env: Mapping[str, str] | None = None) -> str | None:
    """`GPUAAS_<NAME>` from the environment, else the profile's `name` key, else None."""
    env = os.environ if env is None else env
    value = env.get(f"GPUAAS_{name.upper()}")
    if value:
        return value
    try:
        found = _profile(env)
    except ConfigurationError:
        return None  # credentials from the environment need no profile; theirs says why
    if found is not None and found[0].get(name):
        return str(found[0][name])
    return None


def _service_account_from(
    env: Mapping[str, str], store: TokenStore | None, profile: str
) -> httpx.Auth | None:
    """`ServiceAccountAuth` from GPUAAS_SA_ID, _KEY_ID, _KEY_FILE (+ _SIGNING_SECRET_FILE)."""
    given = [name for name in _SA_VARIABLES if env.get(name)]
    if not given and not env.get("GPUAAS_SA_SIGNING_SECRET_FILE"):
        return None
    missing = [name for name in _SA_VARIABLES if name not in given]
    if missing:
        raise ConfigurationError(
            "environment: a service account needs GPUAAS_SA_ID, GPUAAS_SA_KEY_ID and "
            f"GPUAAS_SA_KEY_FILE; {', '.join(missing)} not set"
        )
    from .service_account import ServiceAccountAuth  # the `service-account` extra's

    secret = None
    if env.get("GPUAAS_SA_SIGNING_SECRET_FILE"):
        secret = _read_file("GPUAAS_SA_SIGNING_SECRET_FILE", env).strip()
    try:
        return ServiceAccountAuth(
            env["GPUAAS_SA_ID"],
            env["GPUAAS_SA_KEY_ID"],
            _read_file("GPUAAS_SA_KEY_FILE", env),
            signing_secret=secret,
            token_store=store,
            profile=profile,
        )
    except ValueError as exc:
        raise ConfigurationError(f"environment (GPUAAS_SA_*): {exc}") from exc


def _from_environment(env: Mapping[str, str]) -> Credentials | None:
    values = {
        "token": env.get("GPUAAS_TOKEN"),
        "username": env.get("GPUAAS_USERNAME"),
        "password": env.get("GPUAAS_PASSWORD"),
    }
    if not any(values.values()) and not any(
        env.get(name) for name in (*_SA_VARIABLES, "GPUAAS_SA_SIGNING_SECRET_FILE")
    ):
        return None
    store = None if values["token"] else _shared_store(env)
    profile = env.get("GPUAAS_PROFILE") or "default"
    auth = None if values["token"] else _service_account_from(env, store, profile)
    auth = auth or _auth_from(
        values, "environment (GPUAAS_USERNAME / GPUAAS_PASSWORD)", store, profile
    )
    base_url = env.get("GPUAAS_BASE_URL")
    if auth is None:
        return None
    if not base_url:
        raise ConfigurationError(
            "credentials are set in the environment but GPUAAS_BASE_URL is not"
        )
    return Credentials(base_url, auth, "environment")


def _profile(env: Mapping[str, str]) -> tuple[Mapping[str, object], str, str] | None:
    """The profile's section, a description of where it is, and its name (None: no file)."""
    path = credentials_file(env)
    profile = env.get("GPUAAS_PROFILE") or "default"
    if not path.exists():
        if env.get("GPUAAS_PROFILE"):
            raise ConfigurationError(f"GPUAAS_PROFILE={profile} but {path} does not exist")
        return None
    try:
        document = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"cannot read {path}: {exc}") from exc
    section = document.get(profile)
    if not isinstance(section, dict):
        raise ConfigurationError(f"{path} has no [{profile}] profile")
    return section, f"profile {profile!r} in {path}", profile


def _from_profile(env: Mapping[str, str]) -> Credentials | None:
    found = _profile(env)
    if found is None:
        return None
    section, source, profile = found
    store = _shared_store(env)
    if store is None and section.get("token_store"):
        from .._fleet import token_store_from

        store = token_store_from(str(section["token_store"]))
    store = store or FileTokenStore(default_token_path(env))
    auth = _browser_login(section, source, store, profile) or _auth_from(
        section, source, store, profile
    )
    base_url = env.get("GPUAAS_BASE_URL") or section.get("base_url")
    if auth is None or not base_url:
        raise ConfigurationError(
            f'{source} needs base_url and a token, a username and password, or login = "browser"'
        )
    return Credentials(str(base_url), auth, source, profile)


def default_base_url(env: Mapping[str, str] | None = None) -> str:
    """The base URL alone, for a client given its auth: GPUAAS_BASE_URL, else the profile's."""
    env = os.environ if env is None else env
    if env.get("GPUAAS_BASE_URL"):
        return env["GPUAAS_BASE_URL"]
    found = _profile(env)
    if found is not None and found[0].get("base_url"):
        return str(found[0]["base_url"])
    raise ConfigurationError(
        "no base URL: pass base_url=, set GPUAAS_BASE_URL, or write base_url to the "
        f"[{env.get('GPUAAS_PROFILE') or 'default'}] profile in {credentials_file(env)}"
    )


def _browser_login(
    section: Mapping[str, object], source: str, store: TokenStore, profile: str
) -> httpx.Auth | None:
    """`login = "browser"`: the CLI's sign-in, reusing (and refreshing) its stored tokens."""
    login = section.get("login")
    if login is None:
        return None
    if login != "browser":
        raise ConfigurationError(f'{source}: login = {login!r} is unknown; use login = "browser"')
    hint = section.get("tenant_hint")
    return BrowserOIDCAuth(
        tenant_hint=str(hint) if hint else None, token_store=store, profile=profile
    )


def default_credentials(env: Mapping[str, str] | None = None) -> Credentials:
    """A base URL and credentials: from the environment first, then the profile."""
    env = os.environ if env is None else env
    found = _from_environment(env) or _from_profile(env)
    if found is None:
        raise ConfigurationError(
            "no GPUaaS credentials found: set GPUAAS_BASE_URL and GPUAAS_TOKEN (or GPUAAS_USERNAME "
            "and GPUAAS_PASSWORD, or GPUAAS_SA_ID, GPUAAS_SA_KEY_ID and GPUAAS_SA_KEY_FILE), "
            f"or write a [default] profile with base_url and a token to {credentials_file(env)}, "
            "or pass base_url= and auth= to the client"
        )
    return found
