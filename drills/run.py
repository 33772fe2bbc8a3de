"""`make drills`: run every drill (`drills/drill_*.py`, as `python -m drills.<name>`) in turn;
each prints its figures.

Drills measure at fleet scale what the tests check at small scale (large counts, several
processes, real servers started for the occasion); they never pass or fail a build, but a
drill that cannot run exits non-zero, and so does this runner.
`python drills/run.py [WORD ...]` runs only the drills whose file name holds a word; run
one drill with its own arguments as `python -m drills.drill_fleets --trials 20`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(words: list[str]) -> int:
    drills = sorted(HERE.glob("drill_*.py"))
    chosen = [d for d in drills if not words or any(w in d.stem for w in words)]
    if not chosen:
        print(f"no drill matches {' '.join(words)}; drills: {', '.join(d.stem for d in drills)}")
        return 2
    failed = []
    for drill in chosen:
        print(f"== {drill.stem} ==", flush=True)
        started = time.monotonic()
        argv = [sys.executable, "-m", f"drills.{drill.stem}"]
        code = subprocess.run(argv, cwd=HERE.parent, check=False).returncode
        print(f"-- {drill.stem}: {'done' if code == 0 else f'FAILED ({code})'} "
              f"in {time.monotonic() - started:.0f} s\n", flush=True)  # fmt: skip
        if code:
            failed.append(drill.stem)
    if failed:
        print(f"drills that could not run: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
