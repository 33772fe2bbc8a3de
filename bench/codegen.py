"""Comparison (7): wall time of the codegen pipeline, in a scratch copy of the repository.

`codegen/generate.py` writes next to its own folder, so the benchmark copies what
it reads (codegen/, openapi/, generated/, redocly.yaml; node_modules linked) into
a temporary folder and runs it there: the working tree is never touched. A full
regeneration (lint, bundle, generate, format, swap in) has a 15 s target; the
unchanged rerun is `--check` (everything but the swap, then a comparison).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._rows import Row

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("codegen", "openapi", "generated", "redocly.yaml", "package.json")


def _scratch(into: Path) -> Path:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, into / name)
    (into / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return into


def _timed(workdir: Path, *args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603  (our interpreter, the project's own script)
        [sys.executable, str(workdir / "codegen" / "generate.py"), *args],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        command = " ".join(["codegen/generate.py", *args])
        raise RuntimeError(f"{command} failed:\n{done.stdout}{done.stderr}")
    return seconds


def run(*, quick: bool) -> list[Row]:
    rounds = 1 if quick else 2
    full: list[float] = []
    rerun: list[float] = []
    with tempfile.TemporaryDirectory(prefix="gpuaas-bench-codegen-") as folder:
        workdir = _scratch(Path(folder))
        for _ in range(rounds):
            full.append(_timed(workdir))
            rerun.append(_timed(workdir, "--check"))
    return [
        Row("codegen", "full regeneration", "s", full, target="<= 15 s"),
        Row("codegen", "unchanged rerun (--check)", "s", rerun),
    ]


if __name__ == "__main__":
    for row in run(quick=True):
        print(row.name, [round(x, 1) for x in row.samples])
