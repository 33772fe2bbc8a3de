"""Drill: simulator processes sharing one PostgreSQL state, killed with SIGKILL under load.

Each cycle starts two `gpuaas-sim` processes on ONE port (the kernel spreads connections
over them), writes folders through that port from several threads, kills one process
with SIGKILL mid-traffic, writes on through the survivor, then kills the survivor too and
starts a fresh process on the port. It prints, per cycle and in total:

- acknowledged writes (201 answers) and how many of them the restarted process lacks
  (lost: must be 0; a request cut by the kill was never acknowledged, so it may be absent);
- requests that failed because of the kill (connection errors, 503s): the price of a kill;
- the restart: real seconds from spawning the new process to its first answer.

Figures only: nothing here passes or fails on a timing. Run: `make drills`, or
`python drills/drill_shared_simulator.py [--cycles N] [--writers N]`.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gpuaas_sdk import Client  # noqa: E402
from tests.postgres_server import PostgresServer  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Simulator:
    """One `gpuaas-sim` process on the shared database and the shared port."""

    def __init__(self, url: str, port: int, data_dir: Path, log: Path) -> None:
        self.started = time.perf_counter()
        command = [sys.executable, "-m", "gpuaas_sim", "--port", str(port), "--clock-speed", "0"]
        command += ["--database", url, "--data-dir", str(data_dir), "--log-level", "warning"]
        self.process = subprocess.Popen(command, stdout=log.open("a"), stderr=subprocess.STDOUT)

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)


def first_answer(base: str, since: float, timeout: float = 60.0) -> float:
    """Seconds from `since` until `base` answers /v1/health with 200."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            if httpx.get(f"{base}/v1/health", timeout=0.5).status_code == 200:
                return time.perf_counter() - since
        except httpx.TransportError:
            pass
        time.sleep(0.005)
    raise RuntimeError(f"{base} did not answer within {timeout} s")


def login(base: str) -> str:
    response = httpx.post(
        f"{base}/v1/auth/login", json={"username": "dev-user", "password": "dev123"}, timeout=10
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


@dataclass
class Traffic:
    """Writers POSTing folders through the shared port until stopped."""

    base: str
    token: str
    cycle: int
    acknowledged: list[str] = field(default_factory=list)
    failed: int = 0
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self, writer: int) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(base_url=self.base, timeout=10, headers=headers) as http:
            i = 0
            while not self.stop.is_set():
                path = f"/c{self.cycle}-w{writer}-{i}/"
                i += 1
                try:
                    response = http.post("/v1/storage/folders", json={"path": path})
                except httpx.TransportError:
                    self.failed += 1
                    continue
                if response.status_code == 201:
                    self.acknowledged.append(path)
                else:
                    self.failed += 1


def cycle(number: int, url: str, port: int, data_dir: Path, log: Path, writers: int) -> dict:
    base = f"http://127.0.0.1:{port}"
    a = Simulator(url, port, data_dir, log)
    b = Simulator(url, port, data_dir, log)
    spare = None
    try:
        first_answer(base, a.started)
        time.sleep(0.5)  # both listening
        traffic = Traffic(base, login(base), number)
        threads = [
            threading.Thread(target=traffic.run, args=(w,), daemon=True) for w in range(writers)
        ]
        begun = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        a.kill()  # mid-traffic
        time.sleep(1.5)
        traffic.stop.set()
        for thread in threads:
            thread.join(30)
        elapsed = time.perf_counter() - begun
        b.kill()
        spare = Simulator(url, port, data_dir, log)
        restart = first_answer(base, spare.started)
        with Client(base, auth=traffic.token, timeout=30) as client:
            kept = {o.path for o in client.storage.list(prefix=f"/c{number}-")}
        lost = len(set(traffic.acknowledged) - kept)
        return {
            "acknowledged": len(traffic.acknowledged),
            "lost": lost,
            "failed": traffic.failed,
            "writes_per_s": len(traffic.acknowledged) / elapsed,
            "restart_s": restart,
        }
    finally:
        for process in (a, b, spare):
            if process is not None:
                process.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--writers", type=int, default=4)
    args = parser.parse_args()

    server = PostgresServer(durable=True)
    folder = Path(tempfile.mkdtemp(prefix="gpuaas-drill-"))
    try:
        url = server.create_database()
        port = free_port()
        log = folder / "simulators.log"
        print(
            f"PostgreSQL {server.port} (fsync on); two simulators on port {port};"
            f" {args.writers} writers; SIGKILL one mid-traffic, then the other; restart"
        )
        print(
            f"{'cycle':>5} {'acked':>6} {'lost':>5} {'failed':>7} {'writes/s':>9} {'restart s':>10}"
        )
        rows = []
        for number in range(1, args.cycles + 1):
            row = cycle(number, url, port, folder / "bytes", log, args.writers)
            rows.append(row)
            print(
                f"{number:>5} {row['acknowledged']:>6} {row['lost']:>5} {row['failed']:>7}"
                f" {row['writes_per_s']:>9.0f} {row['restart_s']:>10.2f}"
            )
        restarts = [row["restart_s"] for row in rows]
        print(
            f"total: {sum(r['acknowledged'] for r in rows)} acknowledged writes,"
            f" {sum(r['lost'] for r in rows)} lost, {sum(r['failed'] for r in rows)} refused"
            f" or cut by the kills; restart to first answer: min {min(restarts):.2f} s,"
            f" median {statistics.median(restarts):.2f} s, max {max(restarts):.2f} s"
            f" (on {os.cpu_count()} cores)"
        )
    finally:
        server.stop()
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
