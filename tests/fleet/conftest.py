"""Fleet fixtures: a real redis-server (Debian's package, `make redis-setup`), started here
on a free loopback port in a temp folder and emptied before each test, and the simulator
served on loopback with its arrivals counted (`harness.measure`)."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from gpuaas_sim import SimConfig, Simulator, serve_in_thread

from .harness import Measured, RedisServer, measure


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sim_config(**fields): SimConfig fields for this test's simulator"
    )


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    try:
        server = RedisServer.start(tmp_path_factory.mktemp("redis"))
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The URL of an empty Redis."""
    assert redis_server.command("FLUSHALL").startswith(b"+OK")
    return redis_server.url


@pytest.fixture
def sim(request: pytest.FixtureRequest) -> Simulator:
    marker = request.node.get_closest_marker("sim_config")
    return Simulator(SimConfig(**(marker.kwargs if marker else {})))


@pytest.fixture
def measured(sim: Simulator) -> Measured:
    return measure(sim)


@pytest.fixture
def base_url(sim: Simulator, measured: Measured) -> Iterator[str]:
    with serve_in_thread(sim) as server:
        yield server.base_url


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path
