import os
import signal
import sys
from pathlib import Path

import pytest

# The suite runs on httpx unless GPUAAS_HTTP_STACK picks httpx2 (nox's `httpx2` session):
# the unit tests' respx patches httpx only. Set before the SDK first loads.
os.environ.setdefault("GPUAAS_HTTP_STACK", "httpx")
assert (
    "gpuaas_api.http_stack" not in sys.modules
    or os.environ["GPUAAS_HTTP_STACK"] == sys.modules["gpuaas_api.http_stack"].NAME
), "the HTTP stack was picked before the test suite set it"

# A shell without job control starts background commands with SIGINT ignored, and every
# process they start inherits that: the Ctrl-C tests would then signal into the void.
# Deliver it as a terminal would, here and (as exec resets a handled signal) in children.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

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
