"""Allocations: creation rules, the lifecycle on the simulated clock, and terminal tokens."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from gpuaas_sim import Simulator

from .conftest import Api, error_of


def parse(timestamp: str) -> datetime:
    assert timestamp.endswith("Z")
    return datetime.fromisoformat(timestamp)


def test_new_allocation_is_pending_without_connection(api: Api, sim: Simulator) -> None:
    response = api.create(ssh_key_ids=["key-7f2e"])

    assert response.status_code == 201
    allocation = response.json()
    assert allocation["id"].startswith("alloc-")
    assert allocation["status"] == "pending"
    assert allocation["sku"] == "h200-sxm-slice"
    assert allocation["gpus_total"] == 1
    assert allocation["region_code"] == "us-buffalo-1"
    assert allocation["project_id"] == "prj-default"
    assert allocation["ssh_key_ids"] == ["key-7f2e"]
    assert allocation["failure_reason"] is None
    assert allocation["connection"] is None
    assert allocation["created_at"] == allocation["updated_at"]
    assert parse(allocation["created_at"]).timestamp() == pytest.approx(
        sim.clock.now().timestamp(), abs=0.001
    )
    assert list(sim.allocations) == [allocation["id"]]


def test_lifecycle_follows_the_clock(api: Api, sim: Simulator) -> None:
    allocation_id = api.create().json()["id"]
    created = parse(api.allocation(allocation_id)["created_at"])

    sim.clock.advance(0.999)
    assert api.allocation(allocation_id)["status"] == "pending"

    sim.clock.advance(0.001)
    provisioning = api.allocation(allocation_id)
    assert provisioning["status"] == "provisioning"
    assert (parse(provisioning["updated_at"]) - created).total_seconds() == 1
    assert provisioning["connection"] is None

    sim.clock.advance(2)
    active = api.allocation(allocation_id)
    assert active["status"] == "active"
    assert (parse(active["updated_at"]) - created).total_seconds() == 3
    assert active["connection"] == {
        "private_ip": active["connection"]["private_ip"],
        "ssh_host": "127.0.0.1",  # a real SSH listener (gpuaas_sim.sshd)
        "ssh_port": active["connection"]["ssh_port"],
        "ssh_user": "ubuntu",
    }
    assert sim.allocations[allocation_id].status == "active"


def test_release_goes_through_releasing_to_released(api: Api, sim: Simulator) -> None:
    allocation_id = api.create().json()["id"]
    sim.clock.advance(10)

    response = api.post(f"/v1/allocations/{allocation_id}/release")

    assert response.status_code == 200
    assert response.json()["status"] == "releasing"
    assert response.json()["connection"] is None
    sim.clock.advance(2)
    released = api.allocation(allocation_id)
    assert released["status"] == "released"
    assert parse(released["updated_at"]) == sim.clock.now()
    again = api.post(f"/v1/allocations/{allocation_id}/release")
    assert again.status_code == 200
    assert again.json() == released


def test_release_before_activation_cancels_provisioning(api: Api, sim: Simulator) -> None:
    allocation_id = api.create().json()["id"]

    assert api.post(f"/v1/allocations/{allocation_id}/release").json()["status"] == "releasing"

    sim.clock.advance(60)
    assert api.allocation(allocation_id)["status"] == "released"


@pytest.mark.sim_config(failing_skus={"h200-sxm-slice"})
def test_failing_sku_ends_failed_with_a_reason_and_frees_its_gpus(api: Api, sim: Simulator) -> None:
    allocation_id = api.create(gpus_total=8).json()["id"]

    sim.clock.advance(1)
    assert api.allocation(allocation_id)["status"] == "provisioning"
    sim.clock.advance(2)
    failed = api.allocation(allocation_id)

    assert failed["status"] == "failed"
    assert "h200" in failed["failure_reason"].lower()
    assert failed["connection"] is None
    sku = api.get("/v1/catalog/skus/h200-sxm-slice").json()
    assert sku["availability"][0]["available_gpus"] == 64
    assert api.post(f"/v1/allocations/{allocation_id}/release").json()["status"] == "failed"


def test_terminal_token_needs_an_active_allocation(api: Api, sim: Simulator) -> None:
    allocation_id = api.create().json()["id"]

    refused = api.post(f"/v1/allocations/{allocation_id}/terminal-token")
    assert refused.status_code == 409
    assert error_of(refused)["code"] == "allocation_not_active"
    assert error_of(refused)["details"]["status"] == "pending"

    sim.clock.advance(3)
    response = api.post(f"/v1/allocations/{allocation_id}/terminal-token")

    assert response.status_code == 201
    grant = response.json()
    assert grant["token"].startswith("tt_")
    assert grant["ws_url"] == (
        f"ws://testserver/v1/allocations/{allocation_id}/terminal?token={grant['token']}"
    )
    assert grant["expires_in"] == 60
    assert (parse(grant["expires_at"]) - sim.clock.now()).total_seconds() == 60


@pytest.mark.parametrize(
    ("method", "suffix"), [("get", ""), ("post", "/release"), ("post", "/terminal-token")]
)
def test_unknown_allocation_is_allocation_not_found(api: Api, method: str, suffix: str) -> None:
    response = getattr(api, method)(f"/v1/allocations/alloc-missing{suffix}")

    assert response.status_code == 404
    assert error_of(response)["code"] == "allocation_not_found"


def test_unknown_sku_is_sku_not_found(api: Api) -> None:
    response = api.create(sku="tpu-v9")

    assert response.status_code == 404
    assert error_of(response)["code"] == "sku_not_found"


def test_more_gpus_than_a_node_is_sku_unavailable(api: Api) -> None:
    response = api.create(gpus_total=9)

    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "sku_unavailable"
    assert error["details"]["gpus_per_node"] == 8


def test_full_region_is_sku_unavailable(api: Api) -> None:
    for _ in range(8):
        assert api.create(gpus_total=8).status_code == 201

    response = api.create(gpus_total=1, region_code="us-buffalo-1")

    assert response.status_code == 409
    assert error_of(response)["code"] == "sku_unavailable"
    assert error_of(response)["details"]["available_gpus"] == {"us-buffalo-1": 0}


def test_region_not_offering_the_sku_is_sku_unavailable(api: Api) -> None:
    response = api.create(region_code="eu-helsinki-1")

    assert error_of(response)["code"] == "sku_unavailable"


def test_without_a_region_the_first_with_capacity_is_used(api: Api) -> None:
    for _ in range(4):  # h100: 32 GPUs in Buffalo, then 16 in Helsinki
        assert (
            api.create(sku="h100-sxm-slice", gpus_total=8).json()["region_code"] == "us-buffalo-1"
        )

    response = api.create(sku="h100-sxm-slice", gpus_total=8)

    assert response.json()["region_code"] == "eu-helsinki-1"


def test_unknown_project_is_not_found(api: Api) -> None:
    response = api.create(project_id="prj-someone-else")

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.sim_config(initial_balance_minor=2000)
def test_balance_below_one_hour_is_insufficient_balance(api: Api) -> None:
    assert api.create(gpus_total=4).status_code == 201  # 1396 per hour
    response = api.create(gpus_total=8)  # 2792 per hour

    assert response.status_code == 402
    error = error_of(response)
    assert error["code"] == "insufficient_balance"
    assert error["details"] == {"balance_minor": 2000, "required_minor": 2792, "currency": "USD"}


def test_active_allocations_accrue_against_the_balance(api: Api, sim: Simulator) -> None:
    api.create(gpus_total=8)
    sim.clock.advance(3)  # active from now on
    assert sim.balance_minor() == 500_000

    sim.clock.advance(3600)

    assert sim.balance_minor() == 500_000 - 8 * 349


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sku": "h200-sxm-slice", "gpus_total": 0}, "gpus_total"),
        ({"sku": "h200-sxm-slice", "gpus_total": "1"}, "gpus_total"),
        ({"sku": "h200-sxm-slice", "gpus_total": 1.5}, "gpus_total"),
        ({"sku": "h200-sxm-slice"}, "gpus_total"),
        ({"sku": "", "gpus_total": 1}, "sku"),
        ({"sku": "h200-sxm-slice", "gpus_total": 1, "region_code": None}, "region_code"),
        ({"sku": "h200-sxm-slice", "gpus_total": 1, "colour": "red"}, "colour"),
        ({"sku": "h200-sxm-slice", "gpus_total": 1, "ssh_key_ids": [""]}, "ssh_key_ids.0"),
        ([], "body"),
    ],
)
def test_invalid_bodies_are_validation_errors(api: Api, body: object, field: str) -> None:
    response = api.post("/v1/allocations", json=body)

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert [e["field"] for e in error["details"]["errors"]] == [field]
    assert all(e["reason"] for e in error["details"]["errors"])


def test_integral_floats_count_as_integers_as_in_json_schema(api: Api) -> None:
    assert (
        api.post("/v1/allocations", json={"sku": "h200-sxm-slice", "gpus_total": 2.0}).json()[
            "gpus_total"
        ]
        == 2
    )


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"", "application/json"),
        (b"{", "application/json"),
        (b"sku=x", "text/plain"),
        (b'{"gpus_total": NaN}', "application/json"),
    ],
)
def test_unparsable_bodies_are_invalid_requests(
    api: Api, content: bytes, content_type: str
) -> None:
    response = api.post("/v1/allocations", content=content, headers={"Content-Type": content_type})

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_request"


# -- service-account spend caps ------------------------------------------------------


def service_account(api: Api, sim: Simulator, cap_minor: int | None) -> tuple[str, Api]:
    """A service account with this monthly cap, and its side of the simulator."""
    created = api.post(
        "/v1/service-accounts",
        json={
            "name": f"ci-{cap_minor or 'uncapped'}",
            "principal_kind": "agent",
            "monthly_spend_cap_minor": cap_minor,
        },
    )
    assert created.status_code == 201, created.text
    account_id = created.json()["id"]
    principal = sim.service_accounts.principal_of(account_id)
    assert principal is not None
    token = sim.identity.issue_for(principal).access_token
    return account_id, Api(api.client, {"Authorization": f"Bearer {token}"})


def run_for_an_hour(sim: Simulator, caller: Api, **body: object) -> str:
    """Create, let it be active for exactly one hour, release: it cost one hour."""
    response = caller.create(**body)
    assert response.status_code == 201, response.text
    sim.clock.advance(3)  # active from here
    sim.clock.advance(3600)
    allocation_id: str = response.json()["id"]
    assert caller.post(f"/v1/allocations/{allocation_id}/release").status_code == 200
    return allocation_id


def start_of_next_month(sim: Simulator) -> None:
    now = sim.clock.now()
    following = (now.replace(day=28) + timedelta(days=4)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    sim.clock.advance((following - now).total_seconds())


@pytest.mark.sim_config(access_token_ttl=10**8)  # the clock jumps by weeks
def test_a_create_that_would_pass_the_spend_cap_is_budget_exceeded(
    api: Api, sim: Simulator
) -> None:
    start_of_next_month(sim)  # so the hour below stays inside one calendar month
    account_id, bot = service_account(api, sim, cap_minor=1000)
    run_for_an_hour(sim, bot, gpus_total=2)  # 2 x 349 = 698 spent

    response = bot.create(gpus_total=1)  # one hour of it: 349 > 302 left

    assert response.status_code == 402
    error = error_of(response)
    assert error["code"] == "budget_exceeded"
    assert error["details"] == {
        "limit_kind": "service_account",
        "limit_id": account_id,
        "cap_minor": 1000,
        "spent_minor": 698,
        "committed_minor": 0,  # the allocation was released: nothing more to come
        "headroom_minor": 302,
        "estimated_cost_minor": 349,
        "currency": "USD",
        "largest_gpus_total": 0,  # not one H200 for an hour fits in 302
    }
    assert bot.create(sku="l40s-slice", gpus_total=3).status_code == 201  # 297 fits
    assert api.get(f"/v1/service-accounts/{account_id}").json()["spent_this_month_minor"] == 698
    assert api.create(gpus_total=8).status_code == 201  # humans have no cap


@pytest.mark.sim_config(access_token_ttl=10**8)  # the clock jumps by weeks
def test_the_spend_cap_counts_this_calendar_month_only(api: Api, sim: Simulator) -> None:
    start_of_next_month(sim)
    _, bot = service_account(api, sim, cap_minor=400)
    run_for_an_hour(sim, bot, gpus_total=1)
    assert error_of(bot.create(gpus_total=1))["details"]["headroom_minor"] == 51

    start_of_next_month(sim)

    assert bot.create(gpus_total=1).status_code == 201


def test_an_account_without_a_cap_is_not_limited(api: Api, sim: Simulator) -> None:
    _, bot = service_account(api, sim, cap_minor=None)

    assert bot.create(gpus_total=8).status_code == 201


def test_a_refused_create_leaves_nothing_behind(api: Api, sim: Simulator) -> None:
    _, bot = service_account(api, sim, cap_minor=100)

    assert bot.create(gpus_total=1).status_code == 402
    assert sim.allocations == {}
