"""What `allocations.connect` shares between its spellings: checks, the ssh program, words.

`connect` is for a person at a keyboard: `mode="terminal"` opens the platform's browser
terminal page (`page_url` of a fresh terminal token), `mode="ssh"` runs the system's
`ssh` with the allocation's connection details. The flow is in `_async/connect.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from typing import Literal

from gpuaas_api.models import TerminalToken

from ..errors import ArgumentError, ConfigurationError

__all__ = ["ConnectMode", "check_connect", "find_ssh", "run_ssh", "tell_terminal"]

ConnectMode = Literal["terminal", "ssh"]
_MODES = ("terminal", "ssh")


def check_connect(
    mode: str,
    identity_file: str | os.PathLike[str] | None,
    ssh_args: Sequence[str],
    replace_process: bool,
) -> None:
    """Refuse arguments that do not fit the mode, before anything is sent."""
    if mode not in _MODES:
        raise ArgumentError(f"mode must be 'terminal' or 'ssh', got {mode!r}")
    if isinstance(ssh_args, str) or not all(isinstance(a, str) for a in ssh_args):
        raise ArgumentError(
            "ssh_args must be a sequence of strings, one per argument (e.g. ['-o', 'X=y'])"
        )
    if mode == "terminal":
        given = [
            name
            for name, value in (
                ("identity_file", identity_file is not None),
                ("ssh_args", bool(ssh_args)),
                ("replace_process", replace_process),
            )
            if value
        ]
        if given:
            raise ArgumentError(f"{', '.join(given)} only apply to mode='ssh'")


def find_ssh() -> str:
    """The `ssh` program on PATH; `ConfigurationError` saying what to install without one."""
    program = shutil.which("ssh")
    if program is None:
        raise ConfigurationError(
            "no `ssh` program on PATH: install an OpenSSH client (Debian and Ubuntu: "
            "apt-get install openssh-client), or connect with mode='terminal'"
        )
    return program


def run_ssh(argv: list[str], replace_process: bool) -> int:
    """Run ssh on this terminal and return its exit status, or become it (never returns)."""
    if replace_process:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(argv[0], argv)  # noqa: S606 (the user asked for exactly this program)
    return subprocess.call(argv)  # noqa: S603 (argv from the platform's connection details)


def tell_terminal(allocation_id: str, token: TerminalToken, *, opened: bool) -> None:
    """Say on stderr what happened; the link (a one-time secret) only where no browser took it."""
    if opened:
        print(
            f"Opened the terminal of allocation {allocation_id} in your browser.",
            file=sys.stderr,
            flush=True,
        )
        return
    print(
        f"Open this link in a browser for a terminal on allocation {allocation_id}"
        f" (it works once, within {token.expires_in} s):\n\n    {token.page_url}\n",
        file=sys.stderr,
        flush=True,
    )
