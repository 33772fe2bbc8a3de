"""The benchmark suite (issue 6): `python bench/run.py`, or `make bench`.

Each comparison is a module here with `run(*, quick: bool) -> list[Row]`
(`from bench._rows import Row`); `bench/run.py` runs them, prints the table and
writes `bench/results/latest.json` and the plot beside it.
"""
