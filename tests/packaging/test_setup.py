"""What `make` sets up for each target on a fresh clone, and on which Pythons the suite runs.

`make -n` prints what a target would run; pointing the stamps at missing files makes it
print the setup steps a fresh clone would take.
"""

from __future__ import annotations

import ast
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.repository_only("reads the Makefile and noxfile.py of the checkout")


def dry_run(target: str, fresh: Path) -> str:
    """What `make TARGET` would run on a clone with neither .venv/ nor node_modules/."""
    result = subprocess.run(
        [
            "make",
            "-n",
            target,
            f"SETUP_STAMP={fresh / 'venv-stamp'}",
            f"NODE_STAMP={fresh / 'node-stamp'}",
            f"REDIS_STAMP={fresh / 'redis-stamp'}",
            "PYTHON_NEWEST=/usr/bin/python3.13",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_the_demo_sets_up_python_only(tmp_path):
    steps = dry_run("demo", tmp_path)

    assert "pip install" in steps
    assert "scripts/demo.py" in steps
    assert "npm" not in steps
    assert "node" not in steps


def test_setup_the_tests_and_a_build_bundle_xterm_for_the_terminal_page(tmp_path):
    for target in ("setup", "test", "build"):
        steps = dry_run(target, tmp_path)

        assert "npm ci" in steps, target
        assert "scripts/bundle_web.py" in steps, target
        assert steps.index("npm ci") < steps.index("scripts/bundle_web.py"), target
    assert "bundle_web" not in dry_run("demo", tmp_path)


def test_setup_installs_both_distributions_editable(tmp_path):
    for target in ("setup", "demo", "test"):
        steps = dry_run(target, tmp_path)

        assert "pip install --quiet -e '.[" in steps, target
        assert " -e './gpuaas-sim[postgres]'" in steps, target


def test_a_build_builds_both_distributions(tmp_path):
    steps = dry_run("build", tmp_path)

    assert "-m build --outdir dist .\n" in steps
    assert "-m build --outdir dist gpuaas-sim\n" in steps


def test_the_tests_set_up_the_contract_tools_too(tmp_path):
    steps = dry_run("test", tmp_path)

    assert "npm ci" in steps
    assert "--engine-strict" in steps  # a Node the pinned tools do not support is refused
    assert "pip install" in steps


def test_the_tests_and_the_drills_install_debians_redis_server(tmp_path):
    for target in ("test", "drills"):
        steps = dry_run(target, tmp_path)
        assert "apt-get install -y -qq --no-install-recommends redis-server" in steps
    assert "drills/run.py" in dry_run("drills", tmp_path)


def test_the_tests_run_on_311_on_313_on_httpx2_and_on_the_lowest_versions_allowed(tmp_path):
    steps = dry_run("test", tmp_path)

    assert "nox --no-venv --session lint typecheck generated docs tests httpx2\n" in steps
    assert "nox --reuse-venv=yes --session tests-3.13\n" in steps
    assert "--session lowest" in steps


def test_without_python_313_the_tests_fail_saying_so(tmp_path):
    result = subprocess.run(
        ["make", "--no-print-directory", "check-newest", "PYTHON_NEWEST="],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "Python 3.13 not found" in result.stderr


def test_the_pythons_tested_are_the_pythons_claimed():
    noxfile = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    tested = next(
        ast.literal_eval(node.value)
        for node in noxfile.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PYTHONS"
    )
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    claimed = [
        c.rsplit(" :: ", 1)[1]
        for c in project["classifiers"]
        if c.startswith("Programming Language :: Python :: 3.")
    ]

    assert tested == claimed == ["3.11", "3.12", "3.13"]
    assert project["requires-python"] == f">={tested[0]}"
