"""`gpuaas auth`: sign in, sign out, and who the credentials are.

A sign-in writes the profile into the credentials file and its tokens into the token
store, the very files `Client()` reads, so one sign-in serves the CLI and the SDK.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from .._auth.token_store import FileTokenStore, default_token_path
from .._sync.client import Client
from . import profiles
from .output import Columns, show, to_data
from .session import current

app = typer.Typer(help="Sign in and out, and show who you are signed in as.", no_args_is_help=True)

PRINCIPAL = Columns(
    [
        ("NAME", "display_name"),
        ("KIND", "kind"),
        ("PRINCIPAL", "principal_id"),
        ("TENANT", "tenant_id"),
        ("PROJECT", "default_project_id"),
        ("ROLES", "roles"),
    ]
)


@app.command()
def login(
    browser: bool = typer.Option(
        False, "--browser", help="Sign in in a browser (the default): OIDC with PKCE."
    ),
    password: bool = typer.Option(
        False, "--password", help="Sign in with a username and password (dev identity provider)."
    ),
    base_url: str | None = typer.Option(
        None, "--base-url", help="The platform's URL (default: the profile's, or GPUAAS_BASE_URL)."
    ),
    username: str | None = typer.Option(None, "--username", help="With --password (else asked)."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="With --password: read the password from stdin."
    ),
    tenant_hint: str | None = typer.Option(None, "--tenant-hint", help="With --browser."),
    no_open: bool = typer.Option(
        False, "--no-open", help="With --browser: print the URL instead of opening a browser."
    ),
    timeout: float = typer.Option(300.0, help="Seconds to wait for the browser sign-in."),
) -> None:
    """Sign in and save the profile (default: 'default'; --profile P) for the CLI and the SDK.

    The browser sign-in keeps only tokens (refreshed and shared through the token
    store). The dev identity provider's --password sign-in keeps the username and
    password in the profile (a private file, mode 0600); never use it for a real account.
    """
    if browser and password:
        raise typer.BadParameter("choose one of --browser and --password")
    session = current()
    env = session.environment()
    name = session.profile_name()
    file = profiles.path(env)
    saved = profiles.read_all(file).get(name, {})
    url = base_url or env.get("GPUAAS_BASE_URL") or saved.get("base_url")
    if not url:
        raise typer.BadParameter(
            f"no URL for profile {name!r}: pass --base-url (or set GPUAAS_BASE_URL)",
            param_hint="--base-url",
        )
    store = FileTokenStore(default_token_path(env))
    store.clear(name)  # a sign-in starts afresh, not from the tokens of the last one
    values: dict[str, str] = {"base_url": str(url)}
    if password:
        user = username or typer.prompt("Username")
        secret = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
        secret = secret or typer.prompt("Password", hide_input=True)
        from ..auth import DevPasswordAuth

        auth: Any = DevPasswordAuth(user, secret, token_store=store, profile=name)
        values |= {"username": user, "password": secret}
    else:
        from ..auth import BrowserOIDCAuth

        auth = BrowserOIDCAuth(
            tenant_hint=tenant_hint,
            token_store=store,
            profile=name,
            open_browser=not no_open,
            timeout=timeout,
        )
        values["login"] = "browser"
        if tenant_hint:
            values["tenant_hint"] = tenant_hint
    with Client(str(url), auth=auth) as client:
        principal = to_data(client.auth.whoami())
    profiles.write_profile(file, name, values)
    show(
        {"profile": name, "credentials_file": str(file), "base_url": str(url), **principal},
        lambda d: [
            f"signed in as {d['display_name']} ({d['kind']}) in tenant {d['tenant_id']}",
            f"profile {d['profile']!r} saved in {d['credentials_file']}",
        ],
    )


@app.command()
def logout(
    forget: bool = typer.Option(
        False, "--forget", help="Also remove the profile from the credentials file."
    ),
) -> None:
    """Sign out: revoke the sign-in on the platform and forget its tokens (CLI and SDK).

    A --password profile also forgets its username and password (its URL stays), so
    the next command asks for a sign-in instead of signing in again by itself.
    """
    session = current()
    name = session.profile_name()
    session.client().auth.logout()
    file = profiles.path(session.environment())
    saved = profiles.read_all(file).get(name, {})
    if not forget and "password" in saved:
        kept = {k: str(v) for k, v in saved.items() if k not in ("username", "password")}
        profiles.write_profile(file, name, kept)
    forgotten = forget and profiles.remove_profile(file, name)
    show(
        {"profile": name, "logged_out": True, "profile_removed": forgotten},
        lambda d: [
            f"signed out of profile {d['profile']!r}"
            + ("; the profile was removed" if d["profile_removed"] else "")
        ],
    )


@app.command()
def whoami() -> None:
    """Who the credentials are: the principal, its tenant, default project and roles."""
    show(to_data(current().client().auth.whoami()), PRINCIPAL)
