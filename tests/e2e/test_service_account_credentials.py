"""`service_accounts.rotate(...)` / `.revoke(...)`, as the SDK page names them: the account's
credentials as a whole, against the simulator, sync and async."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth, ServiceAccountAuth
from gpuaas_sdk.errors import (
    ArgumentError,
    InvalidGrant,
    ServiceAccountNotFound,
    TokenInvalid,
)
from gpuaas_sim import Simulator


def bot_of(account_id: str, key_id: str, pem: object) -> ServiceAccountAuth:
    return ServiceAccountAuth(account_id, key_id, str(pem))


def test_rotate_gives_a_new_key_and_the_old_one_works_until_its_grace_ends(
    base_url: str, client: Client, sim: Simulator
) -> None:
    account = client.service_accounts.create(name="trainer", principal_kind="agent")
    first = client.service_accounts.keys.create(account.id, algorithm="ES256")

    rotated = client.service_accounts.rotate(account.id, previous_key_grace_seconds=600)

    assert rotated.key.id != first.key.id
    assert str(rotated.key.algorithm) == "ES256"  # the current key's algorithm by default
    assert rotated.previous_key_expires_at is not None
    assert str(rotated.private_key_pem).startswith("-----BEGIN PRIVATE KEY-----")
    statuses = {k.id: str(k.status) for k in client.service_accounts.keys.list(account.id)}
    assert statuses == {first.key.id: "active", rotated.key.id: "active"}
    for key in (first, rotated):  # both sign in during the grace period
        with Client(base_url, auth=bot_of(account.id, key.key.id, key.private_key_pem)) as bot:
            assert bot.auth.whoami().principal_id == account.id

    sim.clock.advance(601)

    old = bot_of(account.id, first.key.id, first.private_key_pem)
    with Client(base_url, auth=old) as bot, pytest.raises(InvalidGrant):
        bot.auth.whoami()
    new = bot_of(account.id, rotated.key.id, rotated.private_key_pem)
    with Client(base_url, auth=new) as bot:
        assert bot.auth.whoami().principal_id == account.id
    statuses = {k.id: str(k.status) for k in client.service_accounts.keys.list(account.id)}
    assert statuses == {first.key.id: "expired", rotated.key.id: "active"}


def test_rotating_an_account_without_keys_gives_it_its_first(client: Client) -> None:
    account = client.service_accounts.create(name="fresh", principal_kind="service")

    created = client.service_accounts.rotate(account.id, idempotency_key="first-key")
    replayed = client.service_accounts.rotate(account.id, idempotency_key="first-key")

    assert created.previous_key_expires_at is None
    assert str(created.key.algorithm) == "RS256"
    assert replayed.key.id == created.key.id  # a retried rotation makes no second key
    assert replayed.private_key_pem == created.private_key_pem
    assert [k.id for k in client.service_accounts.keys.list(account.id)] == [created.key.id]
    with pytest.raises(ArgumentError, match="previous_key_grace_seconds"):
        client.service_accounts.rotate(account.id, previous_key_grace_seconds=-1)


def test_revoke_ends_every_key_and_the_tokens_already_handed_out(
    base_url: str, client: Client
) -> None:
    account = client.service_accounts.create(name="leaky", principal_kind="agent")
    first = client.service_accounts.keys.create(account.id)
    second = client.service_accounts.rotate(account.id, previous_key_grace_seconds=3600)
    auth = bot_of(account.id, second.key.id, second.private_key_pem)
    with Client(base_url, auth=auth) as bot:
        assert bot.auth.whoami().principal_id == account.id  # holds live tokens now

        revocation = client.service_accounts.revoke(account.id)

        with pytest.raises(TokenInvalid):
            bot.auth.whoami()  # the access token it holds is refused at once
    assert revocation.service_account_id == account.id
    assert sorted(revocation.revoked_key_ids) == sorted([first.key.id, second.key.id])
    old = bot_of(account.id, first.key.id, first.private_key_pem)
    with Client(base_url, auth=old) as bot, pytest.raises(InvalidGrant):
        bot.auth.whoami()  # and no key signs a new assertion
    assert client.service_accounts.revoke(account.id).revoked_key_ids == []

    again = client.service_accounts.rotate(account.id)  # the account stays: a new key revives it
    with Client(base_url, auth=bot_of(account.id, again.key.id, again.private_key_pem)) as bot:
        assert bot.auth.whoami().principal_id == account.id
    assert again.previous_key_expires_at is None  # nothing was left to expire


def test_rotate_and_revoke_async(base_url: str) -> None:
    async def scenario() -> tuple[bool, list[str], type[BaseException]]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as dev:
            name = f"async-{uuid.uuid4().hex[:6]}"
            account = await dev.service_accounts.create(name=name, principal_kind="agent")
            created = await dev.service_accounts.rotate(account.id)
            auth = bot_of(account.id, created.key.id, created.private_key_pem)
            async with AsyncClient(base_url, auth=auth) as bot:
                await bot.auth.whoami()
                revoked = await dev.service_accounts.revoke(account.id)
                try:
                    await bot.auth.whoami()
                except TokenInvalid as error:
                    refused: type[BaseException] = type(error)
                else:
                    raise AssertionError("a revoked account's token was accepted")
            with pytest.raises(ServiceAccountNotFound):
                await dev.service_accounts.revoke("sa-missing")
            return created.previous_key_expires_at is None, revoked.revoked_key_ids, refused

    fresh, revoked_ids, refused = asyncio.run(scenario())

    assert fresh
    assert len(revoked_ids) == 1
    assert refused is TokenInvalid
