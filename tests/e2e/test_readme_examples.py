"""The README's example of allocations as jobs runs as written against the simulator."""

from __future__ import annotations

import re
from pathlib import Path

from gpuaas_sim import Simulator

README = Path(__file__).resolve().parents[2] / "README.md"


def python_block_after(heading: str) -> str:
    text = README.read_text()
    start = text.index(heading)
    found = re.search(r"```python\n(.*?)```", text[start:], re.DOTALL)
    assert found is not None, f"no Python block after {heading!r}"
    return found.group(1)


def test_handles_sessions_leases_and_cleanup(env: str, sim: Simulator, capsys) -> None:  # type: ignore[no-untyped-def]
    namespace: dict[str, object] = {}
    exec(compile(python_block_after("### Allocations as jobs"), "<README>", "exec"), namespace)
    namespace["client"].close()  # type: ignore[attr-defined]

    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("ssh -p ") and out[0].endswith(" USD")
    assert [line.split()[0] for line in out[1:4]] == ["active"] * 3  # the last 3 boot lines
    assert out[4].startswith("127.0.0.1 ")
    assert len(out) == 5  # no orphans
    statuses = {a.status_at(sim.clock.now()) for a in sim.allocations.values()}
    assert statuses <= {"releasing", "released"} and len(sim.allocations) == 3
