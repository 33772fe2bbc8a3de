"""`python -m gpuaas_sdk`: the alias of `gpuaas doctor`, and file transfers, with no extra.

Without arguments: checks that the platform answers, that the credentials work
(who-am-I) and what the balance is; `--round-trip` also creates a one-GPU allocation,
waits for it (printing each state it passes) and releases it. The check and its lines
are `gpuaas doctor`'s (`_smoke.py`), so `pip install gpuaas-sdk` alone has it.
`upload LOCAL REMOTE` / `download REMOTE LOCAL` move one file (as `gpuaas storage cp`
does), with a progress bar on stderr when it is a terminal. All use the same
credentials lookup as `Client.from_default_credentials()`.

Results go to stdout, failures to stderr as one line each. Exit codes: 0 when
everything answered, 1 on a failure, 2 on a usage error, 130 when interrupted
(Ctrl-C), saying what a transfer kept for the next run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import _smoke
from ._smoke import DEFAULT_SKU, wait_line
from ._sync.client import Client
from ._version import __version__
from ._waiters.waiter import WaitProgress
from .errors import SDKError

INTERRUPTED = 130
"""The shell's code for a process ended by SIGINT (128 + 2)."""


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _client() -> Client:
    return Client.from_default_credentials(max_retries=1, timeout=15)


def _show_wait(progress: WaitProgress) -> None:
    """One line per state the resource passes (stdout), and per failed look (stderr)."""
    line = wait_line(progress)
    if line is not None:
        print(line, file=sys.stderr if progress.error is not None else sys.stdout)


def smoke_check(client: Client, args: argparse.Namespace) -> int:
    with client:
        _smoke.smoke_check(
            client,
            round_trip_sku=args.sku if args.round_trip else None,
            timeout=args.timeout,
            say=print,
            progress=_show_wait,
        )
    return 0


def transfer(client: Client, args: argparse.Namespace) -> int:
    """One upload or download; a bar on stderr only when it is a terminal."""
    with client:
        if args.command == "upload":
            stored = client.storage.upload(
                args.local, args.remote, overwrite=args.overwrite, progress=True
            )
            print(f"uploaded: {stored.path} ({stored.size_bytes} bytes, sha256 {stored.sha256})")
        else:
            path = client.storage.download(args.remote, args.local, progress=True)
            print(f"downloaded: {args.remote} to {path}")
    return 0


def _notes(exc: BaseException) -> str:
    notes = getattr(exc, "__notes__", None) or []
    return "".join(f"; {note}" for note in notes)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m gpuaas_sdk",
        description="Without a command: smoke check (health, who-am-I, balance).",
        epilog="Exit codes: 0 ok, 1 failure, 2 usage error, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"gpuaas-sdk {__version__}")
    parser.add_argument(
        "--round-trip",
        action="store_true",
        help="smoke check: also create a 1-GPU allocation, wait for it and release it",
    )
    parser.add_argument("--sku", default=DEFAULT_SKU, help="SKU of the round trip")
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds each wait of the round trip may take"
    )
    commands = parser.add_subparsers(dest="command")
    upload = commands.add_parser("upload", help="upload a local file to storage")
    upload.add_argument("local", help="the local file")
    upload.add_argument("remote", help="the storage path, e.g. /datasets/train.parquet")
    upload.add_argument("--overwrite", action="store_true", help="replace an existing file")
    download = commands.add_parser("download", help="download a file from storage")
    download.add_argument("remote", help="the storage path")
    download.add_argument("local", help="where to write it (a directory: under the file's name)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    label = args.command or "smoke check"
    try:
        client = _client()
    except SDKError as exc:
        return _fail(f"credentials: FAILED: {exc}")
    try:
        if args.command is None:
            return smoke_check(client, args)
        return transfer(client, args)
    except KeyboardInterrupt as exc:
        print(f"{label}: interrupted{_notes(exc)}", file=sys.stderr)
        return INTERRUPTED
    except (SDKError, OSError) as exc:
        return _fail(f"{label}: FAILED: {exc}{_notes(exc)}")


if __name__ == "__main__":
    sys.exit(main())
