"""The README's "Capacity and money" examples run as written against the simulator."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from gpuaas_sdk import Client
from gpuaas_sim import Simulator

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Capacity and money you can plan with"


def examples() -> list[str]:
    text = README.read_text()
    section = text[text.index(SECTION) :]
    section = section[: section.index("\n## ", len(SECTION))]
    return [textwrap.dedent(code) for code in re.findall(r"```python\n(.*?)```", section, re.S)]


def test_the_section_has_its_examples() -> None:
    assert len(examples()) == 2


@pytest.mark.usefixtures("env")  # GPUAAS_BASE_URL, as a user's shell has it
def test_the_fleet_with_a_quote_and_a_budget_and_the_grant_run(
    client: Client, sim: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    namespace: dict[str, object] = {"client": client, "Client": Client}
    for code in examples():
        exec(compile(code, str(README), "exec"), namespace)

    assert capsys.readouterr().out.strip() == "active 4 349"
    assert len(sim.fleets.fleets) == 1
    ci = namespace["ci"]
    assert isinstance(ci, Client)
    assert ci.auth.whoami().roles == ["spend_grant"]
    ci.close()
