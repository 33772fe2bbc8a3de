"""Comparison (2): import time, each in a fresh interpreter, against `import httpx`.

Every sample is a new process that times its own import with `perf_counter`
(interpreter start-up is the same for all and left out). Runs are interleaved so
machine noise hits every variant alike. Target: the SDK within 1.3x of httpx.
"""

from __future__ import annotations

import compileall
import functools
import importlib.util
import subprocess
import sys
from pathlib import Path

from bench._rows import Row
from bench._timing import interleaved

FLOOR = "import httpx"
VARIANTS = {
    FLOOR: "import httpx",
    "import gpuaas_sdk": "import gpuaas_sdk",
    "from gpuaas_sdk import Client": "from gpuaas_sdk import Client",
    "httpx.Client() built": "import httpx; httpx.Client(base_url='http://127.0.0.1:9')",
    "Client(...) built": "from gpuaas_sdk import Client; Client('http://127.0.0.1:9', auth='t')",
    "import gpuaas_api": "import gpuaas_api",
    "one endpoint module": "import gpuaas_api.api.allocations.get_allocation",
}
# Building a client of either kind loads httpcore and makes an SSL context (certifi's CA
# bundle): a built SDK client is compared with a built httpx client.
BASELINES: dict[str, str | None] = {FLOOR: None, "httpx.Client() built": None,
                                    "Client(...) built": "httpx.Client() built"}  # fmt: skip
TARGETED = {"import gpuaas_sdk", "from gpuaas_sdk import Client", "Client(...) built"}
TARGET = "<= 1.3x"

# The first call of a fresh process, import and client included, against the loopback server
# (`{url}`): what a short script or a serverless function pays.
FIRST_FLOOR = "httpx: first GET"
FIRST_CALL = {
    FIRST_FLOOR: (
        "import httpx, json; c = httpx.Client(base_url='{url}');"
        " json.loads(c.get('/v1/allocations/{id}').content)"
    ),
    "facade: first GET": (
        "from gpuaas_sdk import Client; Client('{url}', auth='t').allocations.get('{id}')"
    ),
}
FIRST_TARGET = "<= 1.2x"

_PROBE = """
import time
started = time.perf_counter()
{statement}
print((time.perf_counter() - started) * 1000)
"""


def measure(statement: str) -> float:
    """Milliseconds `statement` takes in a fresh interpreter."""
    done = subprocess.run(  # noqa: S603  (our own interpreter, our own statements)
        [sys.executable, "-c", _PROBE.format(statement=statement)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{statement!r} failed in a fresh interpreter:\n{done.stderr}")
    return float(done.stdout.strip().splitlines()[-1])


def compile_sdk() -> None:
    """Write the SDK's bytecode, as installing its wheel does. httpx comes installed and
    compiled; the SDK runs from the checkout, and where PYTHONDONTWRITEBYTECODE is set
    every sample would otherwise compile all of its modules again."""
    for package in ("gpuaas_sdk", "gpuaas_api"):
        origin = importlib.util.find_spec(package).origin  # type: ignore[union-attr]
        compileall.compile_dir(Path(str(origin)).parent, quiet=1)


def run(*, quick: bool) -> list[Row]:
    from bench._server import ALLOCATION_ID, ServerProcess

    compile_sdk()
    rounds = 7 if quick else 15
    with ServerProcess() as url:
        statements = {
            **VARIANTS,
            **{name: code.format(url=url, id=ALLOCATION_ID) for name, code in FIRST_CALL.items()},
        }
        samples = interleaved(
            {name: functools.partial(measure, statement) for name, statement in statements.items()},
            rounds,
        )
    rows = [
        Row("import time", name, "ms", samples[name], baseline=BASELINES.get(name, FLOOR),
            target=TARGET if name in TARGETED else None)
        for name in VARIANTS
    ]  # fmt: skip
    rows += [
        Row("first call of a fresh process", name, "ms", samples[name],
            baseline=None if name == FIRST_FLOOR else FIRST_FLOOR,
            target=None if name == FIRST_FLOOR else FIRST_TARGET)
        for name in FIRST_CALL
    ]  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run(quick=True):
        print(f"{row.name:32} {sorted(row.samples)}")
