"""A fleet on one machine: a real redis-server, "hosts" as processes, a measured simulator.

Used by the fleet tests (small counts, correctness) and by `make drills` (large counts,
figures). Each host is a separate Python process with a config folder of its own (no
file is shared between hosts: only Redis and the platform are), running sync workers
on threads and async workers on an event loop, each worker with a client of its own, as
separate worker processes would have. The simulator runs in the controlling process, so
what reached the platform is counted where it arrived: sign-ins, refreshes (and refused
ones), every request the rate limit saw.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gpuaas_sim import Simulator

REDIS_SERVER = "/usr/bin/redis-server"
HOST_PROGRAM = Path(__file__).with_name("host.py")
SETUP_HINT = (
    "the fleet tests need Debian's redis-server at /usr/bin/redis-server: run `make "
    "redis-setup` (as root it installs it), or `apt-get install -y --no-install-recommends "
    "redis-server`"
)


# -- Redis -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RedisServer:
    """A redis-server of our own on a free loopback port, its files in a temp folder."""

    port: int
    folder: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @classmethod
    def start(cls, folder: Path) -> RedisServer:
        executable = shutil.which("redis-server") or REDIS_SERVER
        if not Path(executable).exists():
            raise RuntimeError(SETUP_HINT)
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(5):  # a port found free may be taken before redis binds it
            port = free_port()
            process = subprocess.Popen(
                [
                    executable,
                    "--bind", "127.0.0.1",
                    "--port", str(port),
                    "--dir", str(folder),
                    "--save", "",
                    "--appendonly", "no",
                    "--daemonize", "no",
                    "--logfile", str(folder / "redis.log"),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            server = cls(port, folder, process)
            if server._wait_ready(deadline=time.monotonic() + 20):
                return server
            server.stop()
        raise RuntimeError(f"redis-server did not start; see {folder / 'redis.log'}")

    def _wait_ready(self, deadline: float) -> bool:
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock,
            ):
                sock.sendall(b"PING\r\n")
                if sock.recv(64).startswith(b"+PONG"):
                    return True
            time.sleep(0.01)
        return False

    def command(self, *args: str) -> bytes:
        """One command in the inline protocol (FLUSHALL, SHUTDOWN...), its raw answer."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(" ".join(args).encode() + b"\r\n")
            return sock.recv(4096)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


# -- what reached the platform --------------------------------------------------------


@dataclass
class Measured:
    """Counts taken inside the simulator, where the requests arrived."""

    logins: int = 0
    refreshes: int = 0
    refused_refreshes: int = 0
    hits: list[tuple[float, bool]] = field(default_factory=list)
    """(monotonic time, allowed) of every request the rate limit counted."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def rate_window(self, since: float = 0.0) -> tuple[int, int, float]:
        """(requests, refused, seconds from the first to the last) after `since`."""
        with self.lock:
            hits = [hit for hit in self.hits if hit[0] >= since]
        if not hits:
            return 0, 0, 0.0
        refused = sum(1 for _, allowed in hits if not allowed)
        return len(hits), refused, hits[-1][0] - hits[0][0]

    def busiest_second(self, since: float = 0.0) -> int:
        """The most requests in any one-second span (sliding)."""
        with self.lock:
            times = [when for when, _ in self.hits if when >= since]
        best, start = 0, 0
        for end, when in enumerate(times):
            while when - times[start] > 1.0:
                start += 1
            best = max(best, end - start + 1)
        return best


def measure(sim: Simulator) -> Measured:
    """Count sign-ins, refreshes (granted or refused) and rate-limit hits of `sim`."""
    measured = Measured()
    identity, limiter = sim.identity, sim.rate_limiter
    login, refresh, hit = identity.login, identity.refresh, limiter.hit

    def counted_login(*args: Any, **kwargs: Any) -> Any:
        grant = login(*args, **kwargs)
        with measured.lock:
            measured.logins += 1
        return grant

    def counted_refresh(*args: Any, **kwargs: Any) -> Any:
        try:
            grant = refresh(*args, **kwargs)
        except Exception:
            with measured.lock:
                measured.refused_refreshes += 1
            raise
        with measured.lock:
            measured.refreshes += 1
        return grant

    def counted_hit(key: str) -> Any:
        decision = hit(key)
        with measured.lock:
            measured.hits.append((time.monotonic(), decision.allowed))
        return decision

    identity.login = counted_login  # type: ignore[method-assign]
    identity.refresh = counted_refresh  # type: ignore[method-assign]
    limiter.hit = counted_hit  # type: ignore[method-assign]
    return measured


# -- hosts -----------------------------------------------------------------------------


def write_profile(home: Path, base_url: str, **keys: str) -> None:
    """A `[fleet]` dev-login profile in `home`'s credentials file, with extra keys."""
    folder = home / "gpuaas"
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["[fleet]", f'base_url = "{base_url}"', 'username = "dev-user"', 'password = "dev123"']
    lines += [f'{key} = "{value}"' for key, value in keys.items()]
    (folder / "credentials.toml").write_text("\n".join(lines) + "\n")


@dataclass
class Host:
    """One "machine": a process of workers, steered by lines on stdin, answering in JSON."""

    name: str
    home: Path
    process: subprocess.Popen[str]

    @classmethod
    def start(
        cls,
        name: str,
        home: Path,
        plan: dict[str, Any],
        env: dict[str, str] | None = None,
    ) -> Host:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("GPUAAS_")}
        environment = {**clean, "XDG_CONFIG_HOME": str(home), "GPUAAS_PROFILE": "fleet"}
        environment.update(env or {})
        process = subprocess.Popen(
            [sys.executable, str(HOST_PROGRAM), json.dumps(plan)],
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        host = cls(name, home, process)
        ready = host.receive()
        if ready.get("ready") is not True:
            raise RuntimeError(f"host {name} did not start: {ready}")
        return host

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def receive(self, timeout: float = 300.0) -> dict[str, Any]:
        assert self.process.stdout is not None
        answer: list[str] = []
        reader = threading.Thread(target=lambda: answer.append(self.process.stdout.readline()))  # type: ignore[union-attr]
        reader.start()
        reader.join(timeout)
        if not answer or not answer[0]:
            raise RuntimeError(f"host {self.name} gave no answer (exit {self.process.poll()})")
        result: dict[str, Any] = json.loads(answer[0])
        return result

    def stop(self) -> None:
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


@contextlib.contextmanager
def hosts(
    count: int,
    folder: Path,
    plan: dict[str, Any],
    configure: Callable[[Path], None],
    env: dict[str, str] | None = None,
) -> Iterator[list[Host]]:
    """`count` hosts, each with its own config folder (set up by `configure`)."""
    started: list[Host] = []
    try:
        for n in range(count):
            home = folder / f"host-{n}"
            configure(home)
            started.append(Host.start(f"host-{n}", home, plan, env))
        yield started
    finally:
        for host in started:
            host.stop()


def round_of(fleet: list[Host]) -> list[dict[str, Any]]:
    """Every host's workers call at once; each host's tally."""
    for host in fleet:
        host.send("go")
    return [host.receive() for host in fleet]


def tally(answers: list[dict[str, Any]]) -> tuple[int, dict[str, int]]:
    """Successful calls, and failures by error code, over several hosts' answers."""
    ok, errors = 0, {}
    for answer in answers:
        ok += answer["ok"]
        for code, count in answer["errors"].items():
            errors[code] = errors.get(code, 0) + count
    return ok, errors
