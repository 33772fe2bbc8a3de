"""Drills: many trials of a guarantee against the simulator under faults, printing figures.

`make drills` runs every module here whose name does not start with `_`
(`python -m drills.<name>`). The test suite runs the same trials with small counts
(tests/e2e/test_fleet_trials.py, tests/e2e/test_grant_trials.py).
"""
