"""Run the benchmark suite: `python bench/run.py [--quick] [--only NAME...] [--out DIR]`.

Each comparison runs its variants side by side in one run (same server, same
minute), then one table of medians, p10-p90 spreads, ratios to the floor and
target verdicts is printed, and `latest.json` (raw samples + machine) and
`latest.png` are written to the output folder. The figures are never a test's
pass/fail: the exit code only says whether every comparison ran.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The SDK on the floors' library, so every ratio compares like with like (httpx2, installed
# with the bench's peers, is a row of its own; GPUAAS_HTTP_STACK=httpx2 measures the SDK on it).
os.environ.setdefault("GPUAAS_HTTP_STACK", "httpx")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python bench/run.py` puts bench/ first, not the repository

from bench._report import load, machine, plot, table, write_json  # noqa: E402
from bench._rows import Row  # noqa: E402

COMPARISONS = {
    "per_call": "(1) per-call overhead, sync and async fan-out",
    "import_time": "(2) import time in fresh processes",
    "iteration": "(3) 100,000 usage records through the lazy iterator",
    "parsing": "(4) model parsing against json.loads",
    "transfers": "(5) uploads and downloads against raw httpx streaming",
    "waiters": "(6) waiters: state change to return, events and polling",
    "codegen": "(7) codegen: full regeneration and unchanged rerun",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and smaller sizes")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=sorted(COMPARISONS),
                        help="run only these comparisons")  # fmt: skip
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results",
                        help="folder for latest.json and latest.png (bench/results)")  # fmt: skip
    parser.add_argument("--replot", action="store_true",
                        help="only redraw latest.png from latest.json in --out")  # fmt: skip
    args = parser.parse_args(argv)
    if args.replot:
        written, measured_on = load(args.out / "latest.json")
        plot(args.out / "latest.png", written, measured_on)
        print(table(written))
        return 0

    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, "
          f"{info['os']}, commit {(info['git_commit'] or '?')[:10]}", flush=True)  # fmt: skip
    rows: list[Row] = []
    failures: dict[str, str] = {}
    seconds: dict[str, float] = {}
    started_all = time.perf_counter()
    for name in args.only or list(COMPARISONS):
        print(f"running {COMPARISONS[name]} ...", flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            rows.extend(module.run(quick=args.quick))
        except Exception as exc:  # one broken comparison must not hide the others' figures
            failures[name] = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
        seconds[name] = round(time.perf_counter() - started, 1)
        print(f"  done in {seconds[name]:.1f} s", flush=True)

    print()
    print(table(rows))
    extra = {
        "quick": args.quick,
        "seconds": {**seconds, "total": round(time.perf_counter() - started_all, 1)},
        "failures": failures,
    }
    write_json(args.out / "latest.json", rows, info, extra)
    plot(args.out / "latest.png", rows, info)
    print(f"\nwrote {args.out / 'latest.json'} and {args.out / 'latest.png'}"
          f" in {extra['seconds']['total']:.0f} s")  # fmt: skip
    for name, reason in failures.items():
        print(f"FAILED {name}: {reason}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
