"""Drills: many trials of a guarantee against the simulator under faults, printing figures.

`make drills` (`drills/run.py`) runs every `drill_*.py` here as `python -m drills.<name>`.
The test suite runs the same trials with small counts (tests/e2e/test_fleets.py,
tests/e2e/test_budgets.py, tests/fleet/, tests/sim/test_shared_state.py).
"""
