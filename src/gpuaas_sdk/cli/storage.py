"""`gpuaas storage`: files and folders, and transfers with progress bars that resume.

Platform paths are absolute (`/datasets/train.parquet`). In `cp`, the platform's side
is written `gpuaas:/path`, as `scp` writes `host:path`: `cp model.bin gpuaas:/models/`
uploads, `cp gpuaas:/models/model.bin .` downloads. An interrupted transfer resumes
when the same command runs again (the SDK keeps `<file>.gpuaas-partial` or
`<file>.gpuaas-upload`, and the line printed at Ctrl-C says which).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from gpuaas_api.models import StorageObject

from .._transfers.checksums import checked_checksum
from ..errors import ObjectNotFound
from .exits import USAGE, CommandError
from .output import Columns, show, size, to_data
from .progress import transfer_bar
from .session import current

app = typer.Typer(help="Files and folders in the platform's storage; uploads and downloads.")

REMOTE = "gpuaas:"

OBJECTS = Columns(
    [
        ("PATH", "path"),
        ("KIND", "kind"),
        ("SIZE", lambda o: size(o["size_bytes"]) if o["kind"] == "file" else None),
        ("MODIFIED", "modified_at"),
    ]
)
OBJECT = Columns([*OBJECTS.columns, ("SHA-256", "sha256"), ("TYPE", "content_type")])
USAGE_VIEW = Columns(
    [
        ("USED", lambda u: size(u["used_bytes"])),
        ("QUOTA", lambda u: size(u["quota_bytes"])),
        ("OBJECTS", "object_count"),
    ]
)


@app.command()
def ls(
    path: str = typer.Argument("/", help="A folder (its contents) or a file."),
    recursive: bool = typer.Option(False, "--recursive", "-r", help="Everything below it."),
) -> None:
    """What is in a folder (one level; -r for everything below it)."""
    folder = _absolute(path)
    if folder != "/":
        found = _stored(folder)
        if str(found.kind) == "file":
            show(to_data([found]), OBJECTS)
            return
        folder = found.path
    listed = current().client().storage.list(folder, delimiter=None if recursive else "/")
    show(to_data([o for o in listed if o.path != folder]), OBJECTS)


@app.command()
def stat(path: str = typer.Argument(...)) -> None:
    """A file's size, SHA-256 and time, or a folder."""
    show(to_data(_stored(_absolute(path))), OBJECT)


@app.command()
def cp(
    source: str = typer.Argument(..., help="A local file, or gpuaas:/path to download."),
    target: str = typer.Argument(..., help="gpuaas:/path to upload to, or a local path."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing file."),
    resume: bool = typer.Option(
        True, "--resume/--no-resume", help="Continue an interrupted transfer (the default)."
    ),
    checksum: str = typer.Option(
        "crc32", "--checksum", help="What a download is verified against: crc32 or sha256."
    ),
) -> None:
    """Upload or download one file, verified, with a progress bar on a terminal.

    An upload is verified by its SHA-256, a download by the platform's CRC-32 (or
    --checksum sha256). A target folder (a local directory, or a platform path ending
    in /) receives the file under its own name. Run the same command again after an
    interruption to resume; --no-resume starts a download over.
    """
    remote_source, remote_target = source.startswith(REMOTE), target.startswith(REMOTE)
    if remote_source == remote_target:
        raise CommandError(
            "cp copies between this machine and the platform: write the platform's side "
            "as gpuaas:/path (e.g. gpuaas:/datasets/train.parquet)",
            USAGE,
            code="invalid_argument",
        )
    if remote_target:
        upload(source, target.removeprefix(REMOTE), overwrite=overwrite)
    else:
        download(source.removeprefix(REMOTE), target, resume=resume, checksum=checksum)


def upload(local: str, remote: str, *, overwrite: bool = False) -> None:
    session = current()
    remote = _absolute(remote)
    if remote.endswith("/"):
        remote += Path(local).name
    with transfer_bar(f"upload {Path(local).name}") as bar:
        stored = session.client().storage.upload(local, remote, overwrite=overwrite, progress=bar)
    show(
        to_data(stored),
        lambda d: [f"uploaded: {d['path']} ({d['size_bytes']} bytes, sha256 {d['sha256']})"],
    )


def download(remote: str, local: str, *, resume: bool = True, checksum: str = "crc32") -> None:
    session = current()
    remote = _absolute(remote)
    verified = checked_checksum(checksum)
    with transfer_bar(f"download {Path(remote).name}") as bar:
        written = session.client().storage.download(
            remote, local, resume=resume, progress=bar, checksum=verified
        )
    result: dict[str, Any] = {
        "path": remote,
        "local_path": str(written),
        "size_bytes": written.stat().st_size,
    }
    show(result, lambda d: [f"downloaded: {d['path']} to {d['local_path']}"])


@app.command()
def mv(
    source: str = typer.Argument(...),
    target: str = typer.Argument(...),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace what is at TARGET."),
) -> None:
    """Move or rename a file or folder on the platform."""
    moved = _stored(_absolute(source))
    to = _absolute(target)
    if str(moved.kind) == "folder" and not to.endswith("/"):
        to += "/"
    renamed = current().client().storage.rename(moved.path, to, overwrite=overwrite)
    show(to_data(renamed), OBJECT)


@app.command()
def rm(
    path: str = typer.Argument(...),
    recursive: bool = typer.Option(
        False, "--recursive", "-r", help="A folder with everything in it."
    ),
) -> None:
    """Delete a file, or a folder with -r."""
    target = _stored(_absolute(path)).path
    current().client().storage.delete(target, recursive=recursive)
    show({"path": target, "deleted": True}, lambda d: [f"deleted: {d['path']}"])


@app.command()
def mkdir(path: str = typer.Argument(...)) -> None:
    """Create a folder and its missing parents (like mkdir -p)."""
    show(to_data(current().client().storage.mkdir(_absolute(path))), OBJECT)


@app.command()
def usage() -> None:
    """Bytes and objects stored by the tenant, and its quota."""
    show(to_data(current().client().storage.usage()), USAGE_VIEW)


def _stored(path: str) -> StorageObject:
    """What is at `path`: the file, else the folder `path/` (the platform's folder paths
    end with /, a person's need not); `ObjectNotFound` for `path` when neither is."""
    storage = current().client().storage
    if path.endswith("/"):
        return storage.stat(path)
    try:
        return storage.stat(path)
    except ObjectNotFound as missing:
        try:
            return storage.stat(path + "/")
        except ObjectNotFound:
            raise missing from None


def _absolute(path: str) -> str:
    """Platform paths are absolute; `datasets/x` means `/datasets/x`."""
    path = path.removeprefix(REMOTE)
    return path if path.startswith("/") else f"/{path}"
