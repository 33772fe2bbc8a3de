"""Writing the credentials file the SDK reads (`$XDG_CONFIG_HOME/gpuaas/credentials.toml`).

`gpuaas auth login` writes a profile there and the SDK's `Client()` reads it, so one
sign-in serves both. Profiles hold only strings, so a small writer does: each section
is rewritten whole, the other profiles are kept, and the file is replaced atomically
with mode 0600 (a dev login's password may be in it).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path

from .._auth.credentials import credentials_file
from ..errors import ConfigurationError

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def path(env: Mapping[str, str]) -> Path:
    return credentials_file(env)


def read_all(file: Path) -> dict[str, dict[str, object]]:
    if not file.exists():
        return {}
    try:
        document = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"cannot read {file}: {exc}") from exc
    return {name: dict(section) for name, section in document.items() if isinstance(section, dict)}


def write_profile(file: Path, name: str, values: Mapping[str, str]) -> None:
    """Set profile `name` to `values` (replacing what it held), keeping the other profiles."""
    profiles = read_all(file)
    profiles[name] = dict(values)
    _write(file, profiles)


def remove_profile(file: Path, name: str) -> bool:
    profiles = read_all(file)
    if profiles.pop(name, None) is None:
        return False
    _write(file, profiles)
    return True


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else json.dumps(name)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string


def render(profiles: Mapping[str, Mapping[str, object]]) -> str:
    sections = []
    for name, values in profiles.items():
        lines = [f"[{_key(name)}]"]
        lines += [f"{_key(key)} = {_value(value)}" for key, value in values.items()]
        sections.append("\n".join(lines) + "\n")
    return "\n".join(sections)


def _write(file: Path, profiles: Mapping[str, Mapping[str, object]]) -> None:
    file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp = tempfile.mkstemp(prefix=".credentials-", suffix=".tmp", dir=file.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(render(profiles))
        os.replace(temp, file)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
