from pathlib import Path

import pytest

LAYERS = ("unit", "e2e", "sim", "packaging", "fleet")
IN_A_CHECKOUT = (Path(__file__).resolve().parents[1] / ".git").exists()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its folder, so `pytest -m unit` (or e2e, sim, fleet) runs one layer."""
    for item in items:
        for layer in LAYERS:
            if f"/tests/{layer}/" in str(item.path):
                item.add_marker(layer)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Outside a git checkout (an unpacked sdist), skip what needs the repository itself."""
    marker = item.get_closest_marker("repository_only")
    if marker is not None and not IN_A_CHECKOUT:
        pytest.skip(f"repository only: {marker.args[0]}")
