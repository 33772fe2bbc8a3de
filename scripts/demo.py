"""`make demo`: start the simulator on a free loopback port, run the quick start against it.

Then the `gpuaas` command line (installed by `make setup` with the `cli` extra) checks the
same platform with `gpuaas doctor` and finds the cheapest place for eight H200s.

The simulator runs with its playground (`/_sim/playground`): open the printed URL to watch
the quick start's requests and allocation live. Run from a terminal, the demo keeps the
simulator up after the quick start until Enter (or Ctrl-C), so the page can be explored
and the SDK pointed at it; without one (CI), it stops at once.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
GPUAAS = Path(sys.executable).with_name("gpuaas")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_serving(
    base_url: str, server: subprocess.Popen[bytes], timeout: float = 20.0
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the simulator exited with code {server.returncode}")
        try:
            if httpx.get(f"{base_url}/v1/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the simulator did not answer on {base_url} within {timeout:g}s")


def keep_serving(base_url: str) -> None:
    """Leave the simulator up for the playground until the person is done."""
    print(
        f"\nThe simulator stays up for the playground: {base_url}/_sim/playground\n"
        f"Point the SDK at it with GPUAAS_BASE_URL={base_url} GPUAAS_USERNAME=dev-user "
        "GPUAAS_PASSWORD=dev123,\nor sign the command line in: .venv/bin/gpuaas auth login "
        f"--password --base-url {base_url} (dev-user, dev123).\nPress Enter (or Ctrl-C) to "
        "stop it."
    )
    with contextlib.suppress(KeyboardInterrupt, EOFError):
        input()


def main() -> int:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gpuaas_sim",
            "--port",
            str(port),
            "--playground",
            "--log-level",
            "warning",
        ]
    )
    try:
        wait_until_serving(base_url, server)
        print(f"simulator serving on {base_url}")
        print(f"playground (live view, failure buttons): {base_url}/_sim/playground\n")
        env = {
            **os.environ,
            "GPUAAS_BASE_URL": base_url,
            "GPUAAS_USERNAME": "dev-user",
            "GPUAAS_PASSWORD": "dev123",
        }
        env.pop("GPUAAS_TOKEN", None)
        code = subprocess.call([sys.executable, str(ROOT / "examples" / "quickstart.py")], env=env)
        for command in (["doctor"], ["catalog", "find", "h200:8"]):
            print(f"\n$ gpuaas {' '.join(command)}", flush=True)
            code = code or subprocess.call([str(GPUAAS), *command], env=env)
        if sys.stdin.isatty():
            keep_serving(base_url)
        return code
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
