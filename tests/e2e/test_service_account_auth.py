"""ServiceAccountAuth end to end: jwt-bearer tokens, signed requests, clock skew; sync and async.

The simulator runs fast (x50 here): its `Date` header carries the simulated time, which
the auth learns, so assertions and signatures keep matching the platform's clock.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

import jwt
import pytest
from gpuaas_api.api.allocations import create_allocation, list_allocations
from gpuaas_api.http_stack import httpx
from gpuaas_api.models import AllocationCreate

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import ServiceAccountAuth
from gpuaas_sdk.errors import InvalidGrant, SignatureInvalid, SignatureStale
from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.platform.signing import TOLERANCE_SECONDS

TOKEN_PATH = "/v1/auth/service-account/token"
SPEED = 50


@pytest.fixture
def sim_config() -> SimConfig:
    # Fast on purpose: the client must follow the platform's clock through `Date`.
    return SimConfig(clock_speed=SPEED)


@dataclass(frozen=True)
class Account:
    sa_id: str
    key_id: str
    pem: str
    secret: str | None


def make_account(client: Client, *, signing: bool = False, algorithm: str = "RS256") -> Account:
    """What an admin does once: an account and a generated key, whose private half comes back."""
    account = client.service_accounts.create(
        name=f"ci-{uuid.uuid4().hex[:8]}", principal_kind="service", signing_required=signing
    )
    created = client.service_accounts.keys.create(account.id, algorithm=algorithm)
    secret = created.signing_secret if isinstance(created.signing_secret, str) else None
    return Account(account.id, created.key.id, str(created.private_key_pem), secret)


def sa_auth(account: Account, *, signed: bool = True) -> ServiceAccountAuth:
    return ServiceAccountAuth(
        account.sa_id,
        account.key_id,
        account.pem,
        signing_secret=account.secret if signed else None,
    )


@pytest.fixture
def plain(client: Client) -> Account:
    return make_account(client)


@pytest.fixture
def signer(client: Client) -> Account:
    account = make_account(client, signing=True)
    assert account.secret
    return account


# -- tokens --------------------------------------------------------------------------


def test_the_reference_page_example_acts_as_the_account(
    base_url: str, client: Client, tmp_path: Path
) -> None:
    account = make_account(client)
    key_file = tmp_path / "sa.key"
    key_file.write_text(account.pem)
    with Client(
        base_url=base_url,
        auth=ServiceAccountAuth(
            sa_id=account.sa_id,
            key_id=account.key_id,
            signing_key_pem=open(key_file).read(),  # as the page writes it
        ),
    ) as bot:
        me = bot.auth.whoami()
        assert (me.principal_id, me.kind) == (account.sa_id, "service")
        assert list(bot.allocations.list()) == []


def test_es256_keys_sign_assertions_too(base_url: str, client: Client) -> None:
    account = make_account(client, algorithm="ES256")
    auth = sa_auth(account)
    assert auth.algorithm == "ES256"
    with Client(base_url, auth=auth) as bot:
        assert bot.auth.whoami().principal_id == account.sa_id


def test_tokens_are_reminted_from_a_new_assertion_when_refresh_is_refused(
    base_url: str, plain: Account, sim: Simulator
) -> None:
    auth = sa_auth(plain)
    with Client(base_url, auth=auth) as bot:
        bot.auth.whoami()
        first = auth.tokens
        assert first is not None
        sim.clock.advance(sim.config.refresh_token_ttl + 1)  # refresh token dead; key still fine
        assert bot.auth.whoami().principal_id == plain.sa_id
        assert auth.tokens is not None and auth.tokens.access_token != first.access_token
    exchanges = [r for r in sim.requests_log if r.path == TOKEN_PATH]
    assert len(exchanges) == 2


def test_a_replayed_assertion_is_refused(base_url: str, plain: Account) -> None:
    auth = sa_auth(plain)
    request = auth._grant_request(httpx.Request("GET", base_url + "/v1/auth/whoami"))
    body = request.read()
    first = httpx.post(request.url, content=body, headers=dict(request.headers))
    assert first.status_code == 200
    replay = httpx.post(request.url, content=body, headers=dict(request.headers))
    assert replay.status_code == 400
    assert replay.json()["error"]["code"] == "invalid_grant"


def test_a_refused_assertion_is_a_typed_error(base_url: str, client: Client) -> None:
    account = make_account(client)
    client.service_accounts.keys.revoke(account.sa_id, account.key_id)
    with Client(base_url, auth=sa_auth(account)) as bot, pytest.raises(InvalidGrant):
        bot.auth.whoami()


def test_bad_keys_fail_fast() -> None:
    with pytest.raises(ValueError, match="PEM private key"):
        ServiceAccountAuth("sa-1", "sak-1", "not a key")
    auth = ServiceAccountAuth(
        "sa-1",
        "sak-1",
        _rsa_pem(),
        signing_secret="sgs_x",
    )
    assert "sgs_x" not in repr(auth) and "PRIVATE" not in repr(auth)


def _rsa_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def test_assertion_claims(plain: Account) -> None:
    auth = sa_auth(plain)
    url = "http://127.0.0.1:9/v1/auth/service-account/token"
    token = auth._assertion(url)
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert (header["kid"], header["alg"]) == (plain.key_id, "RS256")
    assert claims["iss"] == claims["sub"] == plain.sa_id
    assert claims["aud"] == url
    assert claims["exp"] - claims["iat"] == 300
    assert (
        claims["jti"]
        != jwt.decode(auth._assertion(url), options={"verify_signature": False})["jti"]
    )


# -- signed requests ---------------------------------------------------------------------


def test_a_signing_account_is_accepted_only_signed(base_url: str, signer: Account) -> None:
    unsigned = Client(base_url, auth=sa_auth(signer, signed=False))
    with unsigned, pytest.raises(SignatureInvalid):
        unsigned.auth.whoami()
    with Client(base_url, auth=sa_auth(signer)) as bot:
        assert bot.auth.whoami().principal_id == signer.sa_id
        alloc = bot.allocations.create(sku="h200-sxm-slice", gpus_total=1)  # a signed body
        assert [a.id for a in bot.allocations.list(page_size=1)] == [alloc.id]  # and a query


def test_the_generated_layer_is_signed_too(base_url: str, signer: Account) -> None:
    with Client(base_url, auth=sa_auth(signer)) as bot:
        created = create_allocation.sync(
            client=bot.raw, body=AllocationCreate(sku="h200-sxm-slice", gpus_total=1)
        )
        page = list_allocations.sync(client=bot.raw, limit=5)
        assert [a.id for a in page.items] == [created.id]


def test_a_tampered_signature_is_signature_invalid(base_url: str, signer: Account) -> None:
    tampered: list[str] = []

    def tamper(request: httpx.Request) -> None:  # runs after the auth flow signed the request
        signature = request.headers.get("GPUaaS-Signature")
        if signature:
            tampered.append(signature)
            cut = signature.index(",")
            request.headers["GPUaaS-Signature"] = "v1=" + "0" * 64 + signature[cut:]

    bot = Client(base_url, auth=sa_auth(signer), on_request=tamper)
    with bot, pytest.raises(SignatureInvalid):
        bot.auth.whoami()
    assert tampered and tampered[0].startswith("v1=")


class SkewedDates(httpx.BaseTransport):
    """The network as seen by a client: responses dated by a server clock `skew` seconds off."""

    def __init__(self, sim: Simulator, skew: float = 0.0) -> None:
        self.inner = httpx.HTTPTransport()
        self.sim, self.skew = sim, skew

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.headers["Date"] = _date(self.sim, self.skew)
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncSkewedDates(httpx.AsyncBaseTransport):
    def __init__(self, sim: Simulator, skew: float = 0.0) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.sim, self.skew = sim, skew

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        response.headers["Date"] = _date(self.sim, self.skew)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def _date(sim: Simulator, skew: float) -> str:
    return formatdate(sim.clock.now().timestamp() + skew, usegmt=True)


@pytest.fixture
def server_an_hour_ahead(sim: Simulator) -> Simulator:
    sim.clock.advance(3600)
    return sim


def test_clock_skew_is_learnt_from_the_date_header(
    base_url: str, signer: Account, server_an_hour_ahead: Simulator
) -> None:
    sim = server_an_hour_ahead
    auth = sa_auth(signer)
    with Client(base_url, auth=auth) as bot:  # the platform's own `Date` header
        # The first assertion is minted on local time, refused, and minted again on server time.
        assert bot.auth.whoami().principal_id == signer.sa_id
        assert bot.allocations.create(sku="h200-sxm-slice", gpus_total=1).id
    # An hour ahead, plus what the fast clock gained since (Date has whole seconds).
    assert 3599 - 1 <= auth.clock_offset <= sim.clock.now().timestamp() - time.time() + 1


def test_signing_keeps_up_with_a_fast_clock(base_url: str, signer: Account, sim: Simulator) -> None:
    auth = sa_auth(signer)
    with Client(base_url, auth=auth) as bot:
        bot.auth.whoami()
        for _ in range(5):
            # The platform races ahead by most of the tolerance between two requests...
            sim.clock.advance(TOLERANCE_SECONDS - 100)
            assert bot.allocations.create(sku="h200-sxm-slice", gpus_total=1).id
            assert bot.auth.whoami().principal_id == signer.sa_id
    # ...so it ends far beyond what an uncorrected local clock could sign for.
    drift = sim.clock.now().timestamp() - time.time()
    assert drift > 3 * TOLERANCE_SECONDS
    assert auth.clock_offset > 3 * TOLERANCE_SECONDS


class _SkewedLocalTime:
    """`time` for the SDK module on a machine whose clock is `skew` seconds off."""

    def __init__(self, skew: float) -> None:
        self.skew = skew

    def time(self) -> float:
        return time.time() + self.skew

    def __getattr__(self, name: str) -> object:
        return getattr(time, name)


@pytest.mark.parametrize("skew", [-7200.0, 5400.0])
def test_signing_works_from_a_skewed_client_clock(
    base_url: str, signer: Account, sim: Simulator, monkeypatch: pytest.MonkeyPatch, skew: float
) -> None:
    import gpuaas_sdk._auth.service_account as module

    monkeypatch.setattr(module, "time", _SkewedLocalTime(skew))
    auth = sa_auth(signer)
    with Client(base_url, auth=auth) as bot:
        assert bot.auth.whoami().principal_id == signer.sa_id  # after one refused assertion
        assert bot.allocations.create(sku="h200-sxm-slice", gpus_total=1).id
        assert [a.id for a in bot.allocations.list(page_size=1)]
    # The learnt offset undoes the local skew, up to what the fast clock gained meanwhile.
    assert -2 <= auth.clock_offset + skew <= sim.clock.now().timestamp() - time.time() + 1


def test_without_the_skew_signatures_are_stale(
    base_url: str, signer: Account, sim: Simulator
) -> None:
    auth = sa_auth(signer)
    with Client(base_url, auth=auth, transport=SkewedDates(sim)) as bot:
        bot.auth.whoami()
        # From now on the responses claim a clock an hour behind the one that checks them.
        bot._transport.skew = -3600  # type: ignore[attr-defined]
        bot.auth.whoami()
        sent = len(sim.requests_log)
        with pytest.raises(SignatureStale):
            bot.auth.whoami()
    # Refused, signed again from the (still wrong) `Date` once, refused again: then raised.
    assert [r.path for r in sim.requests_log[sent:]] == ["/v1/auth/whoami"] * 2


def _sent(sim: Simulator, method: str, path: str) -> int:
    return sum(1 for r in sim.requests_log if (r.method, r.path) == (method, path))


def test_a_client_idle_past_the_window_signs_again_once(
    base_url: str, signer: Account, sim: Simulator
) -> None:
    with Client(base_url, auth=sa_auth(signer)) as bot:
        bot.auth.whoami()
        # Idle longer than the tolerance on the platform's clock: the learnt offset is stale.
        sim.clock.advance(TOLERANCE_SECONDS + 60)
        created = bot.allocations.create(sku="h200-sxm-slice", gpus_total=1)
        sim.clock.advance(TOLERANCE_SECONDS + 60)
        assert bot.auth.whoami().principal_id == signer.sa_id
        assert [a.id for a in bot.allocations.list()] == [created.id]
    # Each refused once as `signature_stale`, then re-signed (the body too) and resent.
    assert _sent(sim, "POST", "/v1/allocations") == 2
    assert _sent(sim, "GET", "/v1/auth/whoami") == 3


def test_an_idle_async_client_signs_again_once(
    base_url: str, signer: Account, sim: Simulator
) -> None:
    import asyncio

    async def main() -> str:
        async with AsyncClient(base_url, auth=sa_auth(signer)) as bot:
            await bot.auth.whoami()
            sim.clock.advance(TOLERANCE_SECONDS + 60)
            created = await bot.allocations.create(sku="h200-sxm-slice", gpus_total=1)
            return created.id

    created = asyncio.run(main())
    assert created
    assert _sent(sim, "POST", "/v1/allocations") == 2


def test_from_default_credentials_reads_the_service_account(
    env: str, signer: Account, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "sa.key").write_text(signer.pem)
    (tmp_path / "sa.secret").write_text(str(signer.secret) + "\n")
    for name in ("GPUAAS_USERNAME", "GPUAAS_PASSWORD"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("GPUAAS_SA_ID", signer.sa_id)
    monkeypatch.setenv("GPUAAS_SA_KEY_ID", signer.key_id)
    monkeypatch.setenv("GPUAAS_SA_KEY_FILE", str(tmp_path / "sa.key"))
    monkeypatch.setenv("GPUAAS_SA_SIGNING_SECRET_FILE", str(tmp_path / "sa.secret"))
    with Client.from_default_credentials() as bot:
        assert bot.auth.whoami().principal_id == signer.sa_id


# -- async -------------------------------------------------------------------------------


def test_async_tokens_signing_and_skew(
    base_url: str, signer: Account, plain: Account, server_an_hour_ahead: Simulator
) -> None:
    import asyncio

    sim = server_an_hour_ahead

    async def main() -> None:
        auth = sa_auth(signer)
        async with AsyncClient(base_url, auth=auth) as bot:
            results = await asyncio.gather(*(bot.auth.whoami() for _ in range(5)))
            assert {me.principal_id for me in results} == {signer.sa_id}
            created = await create_allocation.asyncio(
                client=bot.raw, body=AllocationCreate(sku="h200-sxm-slice", gpus_total=1)
            )
            assert [a.id async for a in bot.allocations.list()] == [created.id]
        exchanges = [r for r in sim.requests_log if r.path == TOKEN_PATH]
        assert len(exchanges) == 2  # one refused on local time, one on learnt server time
        async with AsyncClient(base_url, auth=sa_auth(signer, signed=False)) as unsigned:
            with pytest.raises(SignatureInvalid):
                await unsigned.auth.whoami()
        async with AsyncClient(
            base_url, auth=sa_auth(plain), transport=AsyncSkewedDates(sim, skew=-3600)
        ) as stale:
            with pytest.raises(InvalidGrant):
                await stale.auth.whoami()  # its assertions are minted an hour late

    asyncio.run(main())


def test_incomplete_service_account_environments_are_configuration_errors(
    tmp_path: Path,
) -> None:
    from gpuaas_sdk._auth.credentials import default_credentials
    from gpuaas_sdk.errors import ConfigurationError

    base = {"GPUAAS_BASE_URL": "http://127.0.0.1:9", "XDG_CONFIG_HOME": str(tmp_path)}
    with pytest.raises(ConfigurationError, match="GPUAAS_SA_KEY_FILE not set"):
        default_credentials({**base, "GPUAAS_SA_ID": "sa-1", "GPUAAS_SA_KEY_ID": "sak-1"})
    env = {
        **base,
        "GPUAAS_SA_ID": "sa-1",
        "GPUAAS_SA_KEY_ID": "sak-1",
        "GPUAAS_SA_KEY_FILE": str(tmp_path / "missing.key"),
    }
    with pytest.raises(ConfigurationError, match="cannot be read"):
        default_credentials(env)
    (tmp_path / "bad.key").write_text("not a key")
    with pytest.raises(ConfigurationError, match="PEM private key"):
        default_credentials({**env, "GPUAAS_SA_KEY_FILE": str(tmp_path / "bad.key")})
    (tmp_path / "good.key").write_text(_rsa_pem())
    found = default_credentials({**env, "GPUAAS_SA_KEY_FILE": str(tmp_path / "good.key")})
    assert isinstance(found.auth, ServiceAccountAuth) and found.source == "environment"
