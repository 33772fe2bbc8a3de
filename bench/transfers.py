"""Comparison 5: storage transfers through `client.storage` against raw httpx streaming.

The simulator serves over loopback from this process (`serve_in_thread`, its bytes in a
temporary `data_dir`). Every transfer runs in a fresh child process (`python -m
bench.transfers --child`, its spec and token on stdin), so:

- the client does not share a GIL with the server it is talking to (2 cores: one each);
- memory is the client's alone. The child resets its peak-RSS mark just before the
  transfer (`/proc/self/clear_refs` = 5), so `VmHWM` afterwards minus `VmRSS` before is
  the peak growth the transfer itself caused (imports and setup are not counted). Where
  the reset is refused, a thread samples `VmRSS` every millisecond instead.

The floor ("raw httpx") is what a user would write with httpx and the same token,
going to the same endpoints as the facade: one streamed `PUT` (1 MiB reads, its
SHA-256 computed first: the API requires the header) up to the facade's multipart
threshold (8 MiB), sequential 8 MiB parts above it (each read, hashed and sent as
bytes), and one streamed `GET` written to a file. The facade adds end-to-end
verification (a SHA-256 of the whole file before a multipart upload starts, a CRC-32 of
every download; "checksum=sha256" downloads verify the SHA-256 instead), resumable
sidecars, parallel parts (`max_concurrency`, 4 by default) and the atomic rename of a
download; "one stream" is the facade with `max_concurrency=1`, to
show what parallel parts buy. Up to 64 MiB (what the API takes in one request) a second
pair compares one `PUT` each way ("one PUT": the facade with `multipart_threshold` at
64 MiB), i.e. what skipping multipart would give.

Three figures per variant: throughput (MB/s, wall time of the transfer alone), peak
RSS growth (MB), and the client's CPU time (ms, every thread of the child): on a
shared 2-core machine the wall time is noisy and mostly the simulator's (one
single-threaded uvicorn/h11 server), while the CPU time is the SDK's own cost.

Files are real files written once per run: one 8 MiB block from `os.urandom` (random
bytes for a whole GiB take seconds on a busy machine), each repeat of it led by its own
counter, so no part is like another and nothing compresses (nothing on the path tries).
A sparse larger file (zeros that cost no disk locally) runs where the free space
allows the server's copies, else a reason is printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench._rows import Row

MiB = 1024 * 1024
GiB = 1024 * MiB
GROUP = "transfers"
RAW_PART = 8 * MiB  # the facade's default part size for files up to 80 GiB
MULTIPART_THRESHOLD = 8 * MiB  # the facade's default: the floor uses the same endpoints
SIMPLE_LIMIT = 64 * MiB
SPARSE_SIZE = 2 * GiB
SPARSE_ROOM = 4  # the server holds the parts and the assembled file; the download a copy


# -- the child: one transfer, timed and measured ---------------------------------------


def _status(field: str) -> int:
    """A `/proc/self/status` field in bytes (VmRSS, VmHWM)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"{field} is not in /proc/self/status")


@contextmanager
def _peak_growth() -> Iterator[dict[str, int]]:
    """Peak RSS growth of this process over the block, in bytes."""
    out: dict[str, int] = {}
    before = _status("VmRSS")
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM to the current RSS
        reset = True
    except OSError:
        reset = False
    peak = [before]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.001):
            peak[0] = max(peak[0], _status("VmRSS"))

    sampler = None if reset else threading.Thread(target=sample, daemon=True)
    if sampler is not None:
        sampler.start()
    try:
        yield out
    finally:
        stop.set()
        if sampler is not None:
            sampler.join()
        after = _status("VmHWM") if reset else max(peak[0], _status("VmRSS"))
        out["growth"] = max(0, after - before)
        out["method"] = 1 if reset else 0


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(MiB):
            digest.update(chunk)
    return digest.hexdigest()


def _file_chunks(path: Path, offset: int, length: int) -> Iterator[bytes]:
    with path.open("rb") as source:
        source.seek(offset)
        while length > 0:
            chunk = source.read(min(MiB, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


def _raw_upload(http: httpx.Client, local: Path, remote: str, threshold: int) -> None:
    size = local.stat().st_size
    if size <= threshold:
        headers = {"X-Content-SHA256": _file_sha256(local), "Content-Length": str(size)}
        response = http.put(
            "/v1/storage/object/content",
            params={"path": remote, "overwrite": "true"},
            headers=headers,
            content=_file_chunks(local, 0, size),
        )
        response.raise_for_status()
        return
    start = {"path": remote, "size_bytes": size, "part_size_bytes": RAW_PART, "overwrite": True}
    upload = http.post("/v1/storage/uploads", json=start)
    upload.raise_for_status()
    upload_id = upload.json()["id"]
    parts = []
    with local.open("rb") as source:
        number = 1
        while data := source.read(RAW_PART):
            sha = hashlib.sha256(data).hexdigest()
            sent = http.put(
                f"/v1/storage/uploads/{upload_id}/parts/{number}",
                headers={"X-Content-SHA256": sha},
                content=data,
            )
            sent.raise_for_status()
            parts.append({"part_number": number, "sha256": sha})
            number += 1
    done = http.post(f"/v1/storage/uploads/{upload_id}/complete", json={"parts": parts})
    done.raise_for_status()


def _raw_download(http: httpx.Client, remote: str, local: Path) -> None:
    with http.stream("GET", "/v1/storage/object/content", params={"path": remote}) as response:
        response.raise_for_status()
        with local.open("wb") as target:
            for chunk in response.iter_bytes():
                target.write(chunk)


def child(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one transfer described by `spec`; its time and the peak RSS growth it caused."""
    local, remote = Path(spec["local"]), spec["remote"]
    headers = {"Authorization": f"Bearer {spec['token']}"}
    if spec["variant"].startswith("raw"):
        threshold = SIMPLE_LIMIT if spec["variant"] == "raw-put" else MULTIPART_THRESHOLD
        with httpx.Client(base_url=spec["base_url"], headers=headers, timeout=600) as http:
            http.get("/v1/storage/usage").raise_for_status()  # connect before timing
            with _peak_growth() as memory:
                started, cpu = time.perf_counter(), _cpu()
                if spec["op"] == "upload":
                    _raw_upload(http, local, remote, threshold)
                else:
                    _raw_download(http, remote, local)
                seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    else:
        from gpuaas_sdk import Client

        options: dict[str, Any] = {"max_concurrency": 1 if spec["variant"] == "facade-1" else 4}
        if spec["variant"] == "facade-put":
            options["multipart_threshold"] = SIMPLE_LIMIT
        with Client(spec["base_url"], auth=spec["token"], timeout=600) as client:
            client.storage.usage()  # connect before timing
            with _peak_growth() as memory:
                started, cpu = time.perf_counter(), _cpu()
                if spec["op"] == "upload":
                    client.storage.upload(local, remote, overwrite=True, **options)
                elif spec["variant"] == "facade-sha256":
                    client.storage.download(remote, local, resume=False, checksum="sha256")
                else:
                    client.storage.download(remote, local, resume=False)
                seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    return {"seconds": seconds, "cpu": cpu, "growth": memory["growth"], "reset": memory["method"]}


def _cpu() -> float:
    """CPU seconds of this process, every thread: the client's cost, whatever the wait."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# -- the parent: server, files, samples, rows --------------------------------------------


def _write_random(path: Path, size: int) -> None:
    """Random bytes that do not compress: one 8 MiB block, each repeat led by a counter."""
    block = os.urandom(8 * MiB)
    with path.open("wb") as target:
        written = 0
        while written < size:
            piece = (written.to_bytes(8, "big") + block)[: min(8 * MiB, size - written)]
            target.write(piece)
            written += len(piece)


def _write_sparse(path: Path, size: int) -> None:
    with path.open("wb") as target:
        target.truncate(size)


def _login(base_url: str) -> str:
    response = httpx.post(
        f"{base_url}/v1/auth/login", json={"username": "dev-user", "password": "dev123"}
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


def _run_child(spec: dict[str, Any]) -> dict[str, Any]:
    root = Path(__file__).resolve().parent.parent
    # The spec (with the token) goes on stdin, not the command line where `ps` shows it.
    done = subprocess.run(
        [sys.executable, "-m", "bench.transfers", "--child"],
        input=json.dumps(spec),
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"transfer child failed ({spec['variant']} {spec['op']}):\n{done.stderr}"
        )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _label(size: int) -> str:
    return f"{size // GiB} GiB" if size >= GiB else f"{size // MiB} MiB"


@dataclass(frozen=True)
class Variant:
    key: str  # what the child runs
    name: str
    baseline: str | None = None
    target: str | None = None


RAW = Variant("raw", "raw httpx")
UPLOADS = (
    RAW,
    Variant("facade", "facade", RAW.name, ">= 0.9x"),
    Variant("facade-1", "facade, one stream", RAW.name),
)
ONE_PUT = (  # files the API takes in one request: what skipping multipart would give
    Variant("raw-put", "raw httpx, one PUT"),
    Variant("facade-put", "facade, one PUT", "raw httpx, one PUT", ">= 0.9x"),
)
DOWNLOADS = (  # the facade verifies CRC-32 by default; SHA-256 shows what it would cost
    RAW,
    Variant("facade", "facade", RAW.name, ">= 0.9x"),
    Variant("facade-sha256", "facade, checksum=sha256", RAW.name),
)


def _measure(
    base: dict[str, Any], work: Path, source: Path, size: int, tag: str, samples: int
) -> list[Row]:
    """Rows of one file size: throughput, memory and client CPU of every variant."""
    label = f"{_label(size)}{tag}"
    remote = f"/bench/{label.replace(' ', '')}.bin"
    rows: list[Row] = []
    uploads: tuple[Variant, ...] = UPLOADS + ONE_PUT if size <= SIMPLE_LIMIT else UPLOADS
    if size > GiB:
        uploads = UPLOADS[:2]  # past 1 GiB only the comparison with its floor: time
    for op, variants in (("upload", uploads), ("download", DOWNLOADS)):
        figures: dict[str, dict[str, list[float]]] = {}
        for _ in range(samples):
            for variant in variants:  # interleaved, so drift hits every variant
                local = source if op == "upload" else work / f"down-{variant.key}.bin"
                spec = {**base, "op": op, "variant": variant.key, "local": str(local)}
                result = _run_child({**spec, "remote": remote})
                if op == "download":
                    local.unlink(missing_ok=True)
                got = figures.setdefault(variant.key, {"speed": [], "memory": [], "cpu": []})
                got["speed"].append(size / 1e6 / result["seconds"])
                got["memory"].append(result["growth"] / 1e6)
                got["cpu"].append(result["cpu"] * 1e3)
        group = f"{GROUP}: {op} {label}"
        # One group at a time, as the table prints them.
        rows += [
            Row(group, v.name, "MB/s", figures[v.key]["speed"], v.baseline, v.target, True)
            for v in variants
        ]
        rows += [
            Row(
                f"{group}, peak RSS growth",
                v.name,
                "MB",
                figures[v.key]["memory"],
                target=None if v.baseline is None else "< 100 MB",
            )
            for v in variants
        ]
        rows += [
            Row(f"{group}, client CPU", v.name, "ms", figures[v.key]["cpu"], v.baseline)
            for v in variants
        ]
    return rows


def run(*, quick: bool) -> list[Row]:
    """Comparison 5; `quick` does 64 MiB only."""
    from gpuaas_sim import SimConfig, Simulator, serve_in_thread

    sizes = [64 * MiB] if quick else [64 * MiB, GiB]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="gpuaas-bench-transfers-") as folder:
        work = Path(folder)
        sim = Simulator(SimConfig(data_dir=work / "sim", rate_limit_per_minute=1_000_000))
        with serve_in_thread(sim) as server:
            base = {"base_url": server.base_url, "token": _login(server.base_url)}
            for size in sizes:
                source = work / f"source-{size}.bin"
                _write_random(source, size)
                small = 3 if quick else 5  # the 64 MiB figures are the noisiest: short transfers
                rows += _measure(base, work, source, size, "", small if size <= 64 * MiB else 1)
                source.unlink()
            if not quick:
                free = shutil.disk_usage(work).free
                if free < SPARSE_ROOM * SPARSE_SIZE:
                    print(
                        f"transfers: skipped the sparse {_label(SPARSE_SIZE)} file: "
                        f"{free / GiB:.1f} GiB free under {work}, "
                        f"{SPARSE_ROOM * SPARSE_SIZE / GiB:.0f} GiB needed"
                    )
                else:
                    source = work / "sparse.bin"
                    _write_sparse(source, SPARSE_SIZE)
                    rows += _measure(base, work, source, SPARSE_SIZE, " sparse", samples=1)
        sim.storage.close()
    return rows


def _print(rows: list[Row]) -> None:
    for row in rows:
        figure = statistics.median(row.samples)
        print(f"{row.group:45} {row.name:20} {figure:10.1f} {row.unit}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true")
    arguments = parser.parse_args()
    if arguments.child:
        print(json.dumps(child(json.loads(sys.stdin.read()))))
    else:
        _print(run(quick=arguments.quick))
