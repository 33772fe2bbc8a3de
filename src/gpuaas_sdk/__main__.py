"""`python -m gpuaas_sdk`: a smoke check for deploy scripts, and file transfers.

Without arguments: checks that the platform answers, that the credentials work
(who-am-I) and what the balance is. `upload LOCAL REMOTE` / `download REMOTE LOCAL`
move one file, with a progress bar on stderr when it is a terminal. All use the same
credentials lookup as `Client.from_default_credentials()`. Exits 0 when everything
answered, 1 otherwise, printing one line per check or transfer.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._client import Client
from .errors import SDKError


def _client(label: str) -> Client | None:
    try:
        return Client.from_default_credentials(max_retries=1, timeout=15)
    except SDKError as exc:
        print(f"{label}: FAILED: {exc}")
        return None


def smoke_check() -> int:
    client = _client("credentials")
    if client is None:
        return 1
    with client:
        try:
            health = client.health.check()
            print(f"health: {health.status} (platform {health.version}) at {client.base_url}")
            me = client.auth.whoami()
            roles = ", ".join(me.roles) or "no roles"
            print(f"whoami: {me.display_name} ({me.kind}) in tenant {me.tenant_id}; {roles}")
            balance = client.billing.balance()
            print(f"balance: {balance.amount_minor / 100:.2f} {balance.currency}")
        except SDKError as exc:
            print(f"FAILED: {exc}")
            return 1
    return 0


def transfer(args: argparse.Namespace) -> int:
    """One upload or download; a bar on stderr only when it is a terminal."""
    client = _client("credentials")
    if client is None:
        return 1
    with client:
        try:
            if args.command == "upload":
                stored = client.storage.upload(
                    args.local, args.remote, overwrite=args.overwrite, progress=True
                )
                print(
                    f"uploaded: {stored.path} ({stored.size_bytes} bytes, sha256 {stored.sha256})"
                )
            else:
                path = client.storage.download(args.remote, args.local, progress=True)
                print(f"downloaded: {args.remote} to {path}")
        except (SDKError, OSError) as exc:
            print(f"{args.command}: FAILED: {exc}")
            return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m gpuaas_sdk",
        description="Without a command: smoke check (health, who-am-I, balance).",
    )
    commands = parser.add_subparsers(dest="command")
    upload = commands.add_parser("upload", help="upload a local file to storage")
    upload.add_argument("local", help="the local file")
    upload.add_argument("remote", help="the storage path, e.g. /datasets/train.parquet")
    upload.add_argument("--overwrite", action="store_true", help="replace an existing file")
    download = commands.add_parser("download", help="download a file from storage")
    download.add_argument("remote", help="the storage path")
    download.add_argument("local", help="where to write it")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        return smoke_check()
    return transfer(args)


if __name__ == "__main__":
    sys.exit(main())
