"""OctaSpace-style settings against real servers on loopback: base URLs taken in turn with a
rest for one taken down, `verify=` with a CA bundle on a real TLS server (pool limits kept),
and separate read and pool timeouts. Sync and async."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import itertools
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from gpuaas_api.http_stack import httpx
from starlette.types import ASGIApp, Receive, Scope, Send

from gpuaas_sdk import AsyncClient, Client, ClientConfig
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import APIConnectionError, APITimeoutError
from gpuaas_sim import Fault, Simulator, serve_in_thread
from gpuaas_sim.runtime.server import bind

# -- base URLs in turn ------------------------------------------------------------------


def port_of(url: httpx.URL | str) -> int:
    port = httpx.URL(str(url)).port
    assert port is not None
    return port


def test_two_servers_take_turns_and_one_taken_down_rests_until_it_is_back(
    sim: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    answered: list[int] = []
    with serve_in_thread(sim) as a, contextlib.ExitStack() as b_running:
        b = b_running.enter_context(serve_in_thread(sim))
        config = ClientConfig(
            base_urls=[a.base_url, b.base_url],
            auth=DevPasswordAuth("dev-user", "dev123"),
            failover_cooldown=0.5,
            on_response=lambda r: answered.append(port_of(r.request.url)),
        )
        with Client(config=config) as client:
            for _ in range(4):
                client.auth.whoami()  # the login takes a turn too
            both = list(answered)

            b_running.close()  # b's server stops: its port refuses connections
            answered.clear()
            with caplog.at_level(logging.WARNING, logger="gpuaas_sdk"):
                for _ in range(4):
                    client.auth.whoami()
            while_down = list(answered)
            rested = [r for r in caplog.records if "did not answer" in r.getMessage()]

            with serve_in_thread(sim, port=b.port):  # b is back, on the same port
                time.sleep(0.6)  # past the cooldown
                answered.clear()
                for _ in range(4):
                    client.auth.whoami()
                back = list(answered)

    assert set(both) == {a.port, b.port}
    assert all(x != y for x, y in itertools.pairwise(both))  # in turn
    assert while_down == [a.port] * 4  # b's requests went to a
    assert len(rested) == 1  # tried once, then left to rest
    assert str(b.port) in rested[0].getMessage()
    assert set(back) == {a.port, b.port}
    assert client.transport_stats["errors"] == 0


def test_the_async_client_takes_turns_and_survives_one_down(sim: Simulator) -> None:
    with serve_in_thread(sim) as a:
        with serve_in_thread(sim) as b:
            urls = [a.base_url, b.base_url]
        # b is down before the client starts: every request is answered by a

        async def main() -> list[int]:
            seen: list[int] = []
            auth = DevPasswordAuth("dev-user", "dev123")
            async with AsyncClient(
                base_urls=urls, auth=auth, on_response=lambda r: seen.append(port_of(r.request.url))
            ) as client:
                for _ in range(3):
                    await client.auth.whoami()
            return seen

        seen = asyncio.run(main())

    assert seen == [a.port] * 4  # the login and three calls


# -- TLS with a CA bundle ------------------------------------------------------------------


def certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A CA, and a certificate for 127.0.0.1 / localhost it signed: (ca.pem, cert, key)."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "gpuaas test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


class Crowd:
    """ASGI wrapper: each request waits (at most `patience` s) until `size` are in flight,
    noting the most connections the server had open meanwhile."""

    def __init__(self, app: ASGIApp, size: int, patience: float) -> None:
        self.app, self.size, self.patience = app, size, patience
        self.server: uvicorn.Server | None = None
        self.in_flight = 0
        self.most_connections = 0

    def _note(self) -> None:
        assert self.server is not None
        self.most_connections = max(
            self.most_connections, len(self.server.server_state.connections)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.in_flight += 1
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + self.patience
            while self.in_flight < self.size and loop.time() < deadline:
                self._note()
                await asyncio.sleep(0.01)
            self._note()
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


@contextlib.contextmanager
def serve_tls(app: Any, cert: Path, key: Path) -> Iterator[tuple[str, uvicorn.Server]]:
    """uvicorn over TLS on a loopback port, in a thread: (https base URL, server)."""
    sock = bind("127.0.0.1", 0)
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_level="critical",  # a refused handshake is the test's point, not news
        ssl_certfile=str(cert),
        ssl_keyfile=str(key),
        date_header=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            assert thread.is_alive(), "the TLS server did not start"
            thread.join(0.01)
        yield f"https://127.0.0.1:{sock.getsockname()[1]}", server
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def tls(tmp_path: Path) -> tuple[Path, Path, Path]:
    return certificates(tmp_path)


def test_a_ca_bundle_path_verifies_a_platform_with_its_own_ca(
    sim: Simulator, tls: tuple[Path, Path, Path]
) -> None:
    ca, cert, key = tls
    with serve_tls(sim.app, cert, key) as (url, _):
        with Client(url, verify=str(ca)) as client:
            assert client.health.check().status == "ok"
        with Client(url, verify=False) as client:
            assert client.health.check().status == "ok"
        with Client(url, max_retries=0) as client, pytest.raises(APIConnectionError) as refused:
            client.health.check()  # the public CAs do not know this one

        async def main() -> str:
            async with AsyncClient(config=ClientConfig(base_urls=url, verify=ca)) as client:
                return str((await client.health.check()).status)

        assert asyncio.run(main()) == "ok"
    assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value.__cause__)


def test_the_pool_limits_hold_with_a_ca_bundle(
    sim: Simulator, tls: tuple[Path, Path, Path]
) -> None:
    ca, cert, key = tls
    crowd = Crowd(sim.app, size=3, patience=0.5)
    with serve_tls(crowd, cert, key) as (url, server):
        crowd.server = server

        async def main() -> list[str]:
            config = ClientConfig(base_urls=[url], verify=ca, max_connections=2)
            async with AsyncClient(config=config) as client:
                checks = await asyncio.gather(*(client.health.check() for _ in range(6)))
            return [str(c.status) for c in checks]

        statuses = asyncio.run(main())

    assert statuses == ["ok"] * 6
    assert 1 <= crowd.most_connections <= 2  # without the limits, 3 would be let in at once


# -- timeouts per phase ---------------------------------------------------------------------


def test_a_read_timeout_of_its_own(base_url: str, sim: Simulator) -> None:
    sim.faults.add(Fault(kind="latency", delay=1.0, path="/v1/health", times=None))
    slow_reader = ClientConfig(base_urls=base_url, read_timeout=0.2, max_retries=0)
    patient = ClientConfig(base_urls=base_url, timeout=0.2, read_timeout=5, max_retries=0)

    with Client(config=slow_reader) as client, pytest.raises(APITimeoutError):
        client.health.check()
    with Client(config=patient) as client:
        assert client.health.check().status == "ok"  # other phases short, reading long


def test_a_pool_timeout_of_its_own(base_url: str, sim: Simulator) -> None:
    sim.faults.add(Fault(kind="latency", delay=1.0, path="/v1/health", times=1))
    config = ClientConfig(
        base_urls=base_url, max_connections=1, pool_timeout=0.1, read_timeout=10, max_retries=0
    )

    async def main() -> list[object]:
        async with AsyncClient(config=config) as client:
            first = asyncio.create_task(client.health.check())  # holds the only connection
            await asyncio.sleep(0.3)
            waiting = await asyncio.gather(client.health.check(), return_exceptions=True)
            return [await first, *waiting]

    answered, refused = asyncio.run(main())

    assert getattr(answered, "status", None) == "ok"
    assert isinstance(refused, APITimeoutError)
    assert isinstance(refused.__cause__, httpx.PoolTimeout)
