"""The examples of the SDK's reference page run as written against the simulator.

Each snippet below is copied verbatim from the page; only the names a snippet
takes from an earlier one (`client`, `alloc_id`) are set up before it.
"""

import asyncio
import textwrap

import pytest

from gpuaas_sim import Simulator

PROVISION_AND_WAIT = """
from gpuaas_sdk import Client

client = Client.from_default_credentials()

alloc = client.allocations.create(
    sku="h200-sxm-slice",
    gpus_total=1,
    region_code="us-buffalo-1",
    ssh_key_ids=["7f2e..."],
    idempotency_key="my-run-001",
)
print(f"allocation {alloc.id} status={alloc.status}")

# poll until active or terminal
final = client.allocations.wait_for(alloc.id, states={"active", "failed"}, timeout=600)
print(f"final state: {final.status}, private_ip={final.connection.private_ip}")
"""

MINT_TERMINAL_TOKEN = """
tok = client.allocations.mint_terminal_token(alloc.id)
print(f"ws_url={tok.ws_url}  expires_in={tok.expires_in}s")
# Then open the WS yourself, or use the connect helper:
# client.allocations.connect(alloc.id, mode="terminal")  # opens browser
"""

ERROR_HANDLING = """
from gpuaas_sdk.errors import (
    SDKError, TokenExpired, AllocationNotFound, RateLimitExceeded,
    InsufficientBalance,
)

try:
    client.allocations.release(alloc_id)
except AllocationNotFound:
    print("already gone")
except InsufficientBalance as e:
    print(f"balance too low: {e.message}")
except RateLimitExceeded as e:
    print(f"slow down — retry after {e.retry_after}s")
except SDKError as e:
    # last-resort fallback; includes e.code, e.correlation_id, e.details
    raise
"""

ASYNC_USAGE = """
import asyncio
from gpuaas_sdk import AsyncClient

async def main():
    async with AsyncClient.from_default_credentials() as client:
        allocs = await client.allocations.list()
        results = await asyncio.gather(*(client.allocations.get(a.id) for a in allocs))
        for r in results:
            print(r.id, r.status)

asyncio.run(main())
"""


def run(snippet: str, namespace: dict) -> dict:
    exec(compile(textwrap.dedent(snippet), "<seed example>", "exec"), namespace)
    return namespace


def test_provision_and_wait_then_mint_a_terminal_token(env, sim: Simulator, capsys):
    namespace = run(PROVISION_AND_WAIT, {})
    run(MINT_TERMINAL_TOKEN, namespace)
    namespace["client"].close()

    out = capsys.readouterr().out.splitlines()
    alloc_id = namespace["alloc"].id
    assert out[0] == f"allocation {alloc_id} status=pending"
    assert out[1].startswith("final state: active, private_ip=10.")
    assert (
        out[2].startswith("ws_url=ws://127.0.0.1:")
        and f"/v1/allocations/{alloc_id}/terminal?token=" in out[2]
    )
    assert list(sim.allocations) == [alloc_id]


def test_the_same_idempotency_key_twice_creates_one_allocation(env, sim: Simulator, capsys):
    first = run(PROVISION_AND_WAIT, {})
    second = run(PROVISION_AND_WAIT, {})
    first["client"].close()
    second["client"].close()

    assert first["alloc"].id == second["alloc"].id
    assert len(sim.allocations) == 1


def test_error_handling_of_an_allocation_that_is_gone(env, client, capsys):
    run(ERROR_HANDLING, {"client": client, "alloc_id": "alloc-does-not-exist"})

    assert capsys.readouterr().out == "already gone\n"


def test_error_handling_when_the_release_succeeds(env, client, capsys):
    alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)

    run(ERROR_HANDLING, {"client": client, "alloc_id": alloc.id})

    assert capsys.readouterr().out == ""
    assert client.allocations.get(alloc.id).status in {"releasing", "released"}


def test_async_usage_lists_and_gets_concurrently(env, client, capsys):
    created = [client.allocations.create(sku="h200-sxm-slice", gpus_total=1) for _ in range(3)]

    run(ASYNC_USAGE, {})

    lines = capsys.readouterr().out.splitlines()
    assert sorted(line.split()[0] for line in lines) == sorted(a.id for a in created)


@pytest.fixture(autouse=True)
def _no_leaked_loop():
    yield
    asyncio.set_event_loop(None)
