"""Spend limits checked against spent plus committed: service-account caps, project budgets
and spend grants, admitted under one lock."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest

from gpuaas_sim import Simulator
from gpuaas_sim.platform.errors import ApiError
from gpuaas_sim.platform.launch import Terms
from gpuaas_sim.runtime.clock import format_time

from .conftest import Api, error_of
from .test_allocations import service_account, start_of_next_month

H200 = "h200-sxm-slice"

pytestmark = pytest.mark.sim_config(access_token_ttl=10**8)  # the clock moves by hours


def test_a_cap_counts_what_live_allocations_have_committed(api: Api, sim: Simulator) -> None:
    start_of_next_month(sim)
    _, bot = service_account(api, sim, cap_minor=1000)
    assert bot.create(gpus_total=2).status_code == 201  # commits one hour: 698

    refused = error_of(bot.create(gpus_total=1))  # 349 more would make 1047

    details = refused["details"]
    assert (details["spent_minor"], details["committed_minor"]) == (0, 698)
    assert (details["headroom_minor"], details["largest_gpus_total"]) == (302, 0)
    # A shorter max runtime commits less: half an hour of one GPU fits.
    assert bot.create(gpus_total=1, max_runtime_seconds=1800).status_code == 201


def test_max_runtime_commits_that_long_and_ends_the_allocation(api: Api, sim: Simulator) -> None:
    allocation_id = api.create(gpus_total=1, max_runtime_seconds=600).json()["id"]
    boot = sim.config.provisioning_delay + sim.config.activation_delay

    sim.clock.advance(boot + 600)  # active for its max runtime
    released = api.allocation(allocation_id)
    assert (released["status"], released["release_reason"]) == ("releasing", "max_runtime_reached")
    sim.clock.advance(sim.config.release_delay)
    assert api.allocation(allocation_id)["status"] == "released"


def test_a_lease_renewal_commits_the_next_period_and_is_refused_past_the_cap(
    api: Api, sim: Simulator
) -> None:
    start_of_next_month(sim)
    account, bot = service_account(api, sim, cap_minor=1000)
    leased = bot.create(gpus_total=1, lease_seconds=3600).json()["id"]  # commits 349
    assert bot.create(gpus_total=1).status_code == 201  # commits 349 more: 698 of 1000

    sim.clock.advance(1800)  # half the lease accrued (about 174 spent)
    renewed = bot.post(f"/v1/allocations/{leased}/lease/renew")
    assert renewed.status_code == 200  # the next hour adds about 174: still within the cap

    assert bot.create(gpus_total=1, lease_seconds=900).status_code == 201  # 88 more
    sim.clock.advance(1800)
    refused = error_of(bot.post(f"/v1/allocations/{leased}/lease/renew"))

    assert refused["code"] == "budget_exceeded"
    assert refused["details"]["limit_kind"] == "service_account"
    assert refused["details"]["limit_id"] == account
    assert refused["details"]["allocation_id"] == leased
    assert api.allocation(leased)["status"] == "active"  # it runs on until its lease ends


def test_a_grant_allocation_runs_on_while_its_lease_is_renewed_within_the_grant(
    api: Api, sim: Simulator
) -> None:
    _, agent = grant(api, sim, 1000)
    allocation_id = agent.create(gpus_total=1, lease_seconds=1800).json()["id"]  # commits 175
    sim.clock.advance(1700)
    assert agent.post(f"/v1/allocations/{allocation_id}/lease/renew").status_code == 200

    sim.clock.advance(1000)  # past the first period's end: the renewal moved it
    assert api.allocation(allocation_id)["status"] == "active"
    sim.clock.advance(1000)  # past the renewed period (1700 + 1800 s): the grant's end of it
    ended = api.allocation(allocation_id)
    assert (ended["status"], ended["release_reason"]) == ("released", "spend_grant_ended")


def set_budget(api: Api, amount: int | None) -> dict[str, Any]:
    response = api.client.put(
        "/v1/projects/prj-default/budget",
        json={"monthly_budget_minor": amount, "currency": "USD"},
        headers=api.auth,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_project_budget_limits_every_create_in_the_project(api: Api, sim: Simulator) -> None:
    start_of_next_month(sim)
    assert set_budget(api, 1000)["headroom_minor"] == 1000
    assert api.create(gpus_total=2).status_code == 201

    refused = error_of(api.create(gpus_total=2))
    budget = api.get("/v1/projects/prj-default/budget").json()

    assert refused["code"] == "budget_exceeded"
    assert refused["details"]["limit_kind"] == "project"
    assert refused["details"]["largest_gpus_total"] == 0
    assert (budget["committed_minor"], budget["headroom_minor"]) == (698, 302)
    assert set_budget(api, None)["monthly_budget_minor"] is None
    assert api.create(gpus_total=2).status_code == 201


def test_a_fleet_refusal_says_how_many_members_fit(api: Api, sim: Simulator) -> None:
    start_of_next_month(sim)
    set_budget(api, 349 * 8 * 2 + 100)

    response = api.post("/v1/fleets", json={"sku": H200, "gpus_total": 8, "count": 4})

    details = error_of(response)["details"]
    assert (details["largest_count"], details["largest_gpus_total"]) == (2, 4)
    assert sim.allocations == {}


# -- spend grants ------------------------------------------------------------------------


def grant(api: Api, sim: Simulator, amount: int, **body: Any) -> tuple[dict[str, Any], Api]:
    payload = {
        "name": "ci",
        "amount_minor": amount,
        "currency": "USD",
        "expires_at": format_time(sim.clock.now() + timedelta(days=1)),
        "allowed_skus": [H200],
        **body,
    }
    response = api.post("/v1/spend-grants", json=payload)
    assert response.status_code == 201, response.text
    created = response.json()
    return created["grant"], Api(api.client, {"Authorization": f"Bearer {created['token']}"})


def test_a_grant_token_launches_within_the_grant_and_nothing_else(api: Api, sim: Simulator) -> None:
    given, agent = grant(api, sim, 1000)

    whoami = agent.get("/v1/auth/whoami").json()
    first = agent.create(gpus_total=2)
    over = error_of(agent.create(gpus_total=1))
    other_sku = agent.create(sku="l40s-slice", gpus_total=1)
    not_allowed = agent.get("/v1/projects")
    seen = agent.get(f"/v1/spend-grants/{given['id']}").json()

    assert whoami["principal_id"] == given["id"] and whoami["roles"] == ["spend_grant"]
    assert first.status_code == 201
    assert over["details"]["limit_kind"] == "spend_grant"
    assert over["details"]["headroom_minor"] == 302
    assert other_sku.status_code == 403 and not_allowed.status_code == 403
    assert (seen["committed_minor"], seen["remaining_minor"]) == (698, 302)
    assert agent.post("/v1/spend-grants", json={}).status_code in (403, 422)


def test_a_grant_stops_what_it_paid_for_at_its_commitment(api: Api, sim: Simulator) -> None:
    _, agent = grant(api, sim, 10_000)
    allocation_id = agent.create(gpus_total=1).json()["id"]

    sim.clock.advance(3600 + 2)

    assert sim.allocations[allocation_id].status == "released"
    spent = sim.allocation_book.accrued(sim.allocations[allocation_id], sim.clock.now())
    assert spent <= 349  # it ran (a little less than) the hour it committed


def test_a_revoked_grant_token_stops_working(api: Api, sim: Simulator) -> None:
    given, agent = grant(api, sim, 1000)
    assert api.post(f"/v1/spend-grants/{given['id']}/revoke").json()["status"] == "revoked"

    response = agent.create()

    assert response.status_code == 401
    assert error_of(response)["code"] == "token_invalid"


def test_a_grant_cannot_be_outspent_by_concurrent_creates(api: Api, sim: Simulator) -> None:
    """32 threads race the admission directly: together they never pass the grant."""
    given, _ = grant(api, sim, 10_000)
    principal = sim.grants.principal_for_id(given["id"])
    admitted: list[str] = []
    refused: list[str] = []
    start = threading.Barrier(32)

    def launcher() -> None:
        start.wait()
        for _ in range(3):
            try:
                allocation = sim.launcher.create_allocation(
                    principal, sku_id=H200, gpus_total=2, region_code=None, project_id=None,
                    ssh_key_ids=(), terms=Terms(),
                )  # fmt: skip
            except ApiError as exc:
                refused.append(exc.code)
            else:
                admitted.append(allocation.id)

    threads = [threading.Thread(target=launcher) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    spent, committed = sim.admission.grant_usage(given["id"], sim.clock.now(), sim.clock.now())
    assert len(admitted) == 10_000 // 698 == 14
    assert spent + committed == 14 * 698 <= 10_000
    assert set(refused) == {"budget_exceeded"}


def test_every_operation_a_grant_may_call_is_in_the_contract() -> None:
    from gpuaas_sim.http.contract import contract
    from gpuaas_sim.platform.grants import GRANT_OPERATIONS

    assert contract().operations.keys() >= GRANT_OPERATIONS
