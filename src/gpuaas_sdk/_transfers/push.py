"""Pushing a local directory to an allocation: which files, which way, and the SSH command.

Two ways, as the platform offers them:

- **storage**: every allocation mounts the tenant's platform storage at `/storage`, so a
  `remote_dir` under `/storage` is reached by uploading each file to the same path in
  storage (`/storage/code/x.py` is the object `/code/x.py`), verified by SHA-256, over
  HTTPS, with the client's credentials and retries. Works everywhere, no SSH needed.
- **ssh**: any other `remote_dir` is written over the allocation's SSH connection with
  `rsync` (or `scp` when rsync is not installed), with your SSH key.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from gpuaas_api.models import Connection

from ..errors import ArgumentError, PushError

__all__ = ["STORAGE_MOUNT", "PushResult", "files_of", "ssh_argv", "storage_path", "way_for"]

STORAGE_MOUNT = "/storage"
"""Where every allocation sees the tenant's platform storage."""

WAYS = ("auto", "storage", "ssh")


@dataclass(frozen=True)
class PushResult:
    """What a push sent: how, where, and how much."""

    via: str
    """`storage` or `ssh`."""
    remote_dir: str
    files: int
    bytes: int


def way_for(via: str, remote_dir: str) -> str:
    """`storage` or `ssh` for a push to `remote_dir` (ArgumentError when they cannot meet)."""
    if via not in WAYS:
        raise ArgumentError(f"via must be one of {', '.join(WAYS)} (got {via!r})")
    if not remote_dir.startswith("/"):
        raise ArgumentError(f"remote_dir must be an absolute path (got {remote_dir!r})")
    under_storage = _under_storage(remote_dir)
    if via == "storage" and not under_storage:
        raise ArgumentError(
            f"a push via storage reaches the allocation's {STORAGE_MOUNT} mount only;"
            f" {remote_dir!r} is outside it (use via='ssh', or a path under {STORAGE_MOUNT})"
        )
    if via == "auto":
        return "storage" if under_storage else "ssh"
    return via


def _under_storage(remote_dir: str) -> bool:
    normal = posixpath.normpath(remote_dir)
    return normal == STORAGE_MOUNT or normal.startswith(STORAGE_MOUNT + "/")


def files_of(local_dir: str | os.PathLike[str]) -> list[tuple[Path, str]]:
    """Every regular file under `local_dir`, with its path relative to it (POSIX), sorted."""
    root = Path(local_dir)
    if not root.is_dir():
        raise ArgumentError(f"local_dir must be a directory (got {str(local_dir)!r})")
    found = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path, path.relative_to(root).as_posix()))
    return found


def storage_path(remote_dir: str, relative: str) -> str:
    """The storage object of `relative` pushed to `remote_dir` (a path under the mount)."""
    inside = posixpath.normpath(remote_dir)[len(STORAGE_MOUNT) :] or "/"
    return posixpath.join(inside, relative)


def ssh_argv(
    connection: Connection,
    local_dir: str | os.PathLike[str],
    remote_dir: str,
    identity_file: str | os.PathLike[str] | None,
) -> list[str]:
    """The rsync (else scp) command copying `local_dir`'s contents into `remote_dir`."""
    ssh = ["ssh", "-p", str(connection.ssh_port), "-o", "StrictHostKeyChecking=accept-new"]
    if identity_file is not None:
        ssh += ["-i", os.fspath(identity_file)]
    target = f"{connection.ssh_user}@{connection.ssh_host}:{remote_dir.rstrip('/')}/"
    source = os.fspath(local_dir).rstrip(os.sep) + os.sep
    if shutil.which("rsync"):
        return ["rsync", "-a", "-e", " ".join(ssh), source, target]
    if shutil.which("scp"):
        scp = ["scp", "-r", "-P", str(connection.ssh_port), *ssh[3:5]]
        if identity_file is not None:
            scp += ["-i", os.fspath(identity_file)]
        return [*scp, source + ".", target]
    raise PushError("a push over SSH needs rsync or scp on PATH; neither was found")


def run_command(argv: list[str]) -> None:
    """Run the copy; PushError with the tool's last words when it fails."""
    try:
        # The argv is built by `ssh_argv` from the platform's connection details, no shell.
        done = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
    except OSError as exc:
        raise PushError(f"could not run {argv[0]}: {exc}") from exc
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise PushError(
            f"{argv[0]} failed with exit status {done.returncode}"
            + (": " + " / ".join(said) if said else "")
        )
