import pytest

LAYERS = ("unit", "e2e", "sim")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its folder, so `pytest -m unit` (or e2e, sim) runs one layer."""
    for item in items:
        for layer in LAYERS:
            if f"/tests/{layer}/" in str(item.path):
                item.add_marker(layer)
