from pathlib import Path

import pytest

LAYERS = ("unit", "e2e", "sim", "packaging", "fleet")
IN_A_CHECKOUT = (Path(__file__).resolve().parents[1] / ".git").exists()


@pytest.fixture(autouse=True)
def private_config_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """A config folder of the test's own: tokens a test keeps (a browser sign-in keeps them
    by default) never reach the real `~/.config/gpuaas`, nor another test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config-home")))


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
