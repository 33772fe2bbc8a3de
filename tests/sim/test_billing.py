"""Billing: the balance accrues, usage records follow the allocations, sessions and refunds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.platform.identity import Principal
from gpuaas_sim.runtime.clock import format_time

from .conftest import Api, error_of, login

HOUR = 3600
ACTIVATION = 3  # pending 1 s + provisioning 2 s with the default SimConfig


@pytest.fixture
def sim(request: pytest.FixtureRequest) -> Simulator:
    """The frozen-clock simulator, with a token that outlives the hours these tests skip."""
    marker = request.node.get_closest_marker("sim_config")
    fields = {"access_token_ttl": 10**9, **(marker.kwargs if marker else {})}
    return Simulator(SimConfig(clock_speed=0, **fields))


def parse(timestamp: str) -> datetime:
    assert timestamp.endswith("Z")
    return datetime.fromisoformat(timestamp)


def active_on_the_hour(api: Api, sim: Simulator, **body: Any) -> tuple[str, datetime]:
    """Create an allocation that turns active exactly on a clock hour; (id, that hour)."""
    now = sim.clock.now()
    hour = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    if (hour - now).total_seconds() <= ACTIVATION + 1:  # too close: the clock never goes back
        hour += timedelta(hours=1)
    sim.clock.advance((hour - now).total_seconds() - ACTIVATION)
    response = api.create(**body)
    assert response.status_code == 201, response.text
    sim.clock.advance(ACTIVATION)
    assert api.allocation(response.json()["id"])["status"] == "active"
    return response.json()["id"], hour


def usage(api: Api, **params: Any) -> list[dict[str, Any]]:
    response = api.get("/v1/billing/usage", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def balance(api: Api) -> dict[str, Any]:
    response = api.get("/v1/billing/balance")
    assert response.status_code == 200, response.text
    return response.json()


def intervals(records: list[dict[str, Any]]) -> list[tuple[datetime, datetime]]:
    return [(parse(r["interval_start"]), parse(r["interval_end"])) for r in records]


# -- balance --------------------------------------------------------------------


def test_balance_starts_at_the_opening_amount(api: Api, sim: Simulator) -> None:
    assert balance(api) == {
        "amount_minor": 500_000,
        "currency": "USD",
        "updated_at": format_time(sim.clock.now()),
        "credit_limit_minor": 0,
    }


def test_balance_falls_while_an_allocation_is_active(api: Api, sim: Simulator) -> None:
    active_on_the_hour(api, sim, gpus_total=2)  # 2 x 349 per hour
    assert balance(api)["amount_minor"] == 500_000

    sim.clock.advance(HOUR / 2)
    half = balance(api)
    assert half["amount_minor"] == 500_000 - 349
    assert parse(half["updated_at"]) == sim.clock.now()

    sim.clock.advance(HOUR / 2)
    assert balance(api)["amount_minor"] == 500_000 - 698
    assert sim.billing.balance_minor("tnt-acme", sim.clock.now()) == 500_000 - 698


def test_balance_stops_falling_once_released(api: Api, sim: Simulator) -> None:
    allocation_id, _ = active_on_the_hour(api, sim)
    sim.clock.advance(HOUR)
    api.post(f"/v1/allocations/{allocation_id}/release")
    released_at = sim.clock.now()

    sim.clock.advance(5 * HOUR)

    after = balance(api)
    assert after["amount_minor"] == 500_000 - 349
    assert parse(after["updated_at"]) == released_at


# -- usage records ----------------------------------------------------------------


def test_usage_is_one_record_per_clock_hour_plus_the_partial_hour(api: Api, sim: Simulator) -> None:
    allocation_id, hour = active_on_the_hour(api, sim)

    sim.clock.advance(2.5 * HOUR)

    records = usage(api)
    assert intervals(records) == [
        (hour, hour + timedelta(hours=1)),
        (hour + timedelta(hours=1), hour + timedelta(hours=2)),
        (hour + timedelta(hours=2), hour + timedelta(hours=2.5)),
    ]
    assert [r["cost_minor"] for r in records] == [349, 349, 174]
    assert [r["gpu_hours"] for r in records] == [1.0, 1.0, 0.5]
    assert {r["allocation_id"] for r in records} == {allocation_id}
    assert records[0] | {"id": "x"} == {
        "id": "x",
        "interval_start": format_time(hour),
        "interval_end": format_time(hour + timedelta(hours=1)),
        "allocation_id": allocation_id,
        "sku": "h200-sxm-slice",
        "region_code": "us-buffalo-1",
        "gpus": 1,
        "gpu_hours": 1.0,
        "cost_minor": 349,
        "currency": "USD",
        "kind": "allocation",
        "quote_id": None,
        "reservation_id": None,
        "volume_id": None,
        "gb_hours": None,
    }
    assert len({r["id"] for r in records}) == 3


def test_records_add_up_to_what_the_balance_was_charged(api: Api, sim: Simulator) -> None:
    sim.clock.advance(1234.567)  # activation off the hour, so the first interval is partial
    api.create(gpus_total=3)
    api.create(sku="l40s-slice", gpus_total=1)
    sim.clock.advance(7 * HOUR + 17.3)

    charged = sum(r["cost_minor"] for r in usage(api))

    assert charged == 500_000 - balance(api)["amount_minor"] > 0


def test_record_ids_are_stable_as_the_partial_interval_grows(api: Api, sim: Simulator) -> None:
    active_on_the_hour(api, sim)
    sim.clock.advance(HOUR / 4)
    partial = usage(api)[0]

    sim.clock.advance(HOUR)
    closed = usage(api)

    assert closed[0]["id"] == partial["id"]
    assert closed[0]["interval_start"] == partial["interval_start"]
    assert parse(closed[0]["interval_end"]) > parse(partial["interval_end"])
    assert usage(api) == closed


def test_release_closes_the_last_interval(api: Api, sim: Simulator) -> None:
    allocation_id, hour = active_on_the_hour(api, sim)
    sim.clock.advance(1.25 * HOUR)
    api.post(f"/v1/allocations/{allocation_id}/release")

    sim.clock.advance(3 * HOUR)

    assert intervals(usage(api)) == [
        (hour, hour + timedelta(hours=1)),
        (hour + timedelta(hours=1), hour + timedelta(hours=1.25)),
    ]


@pytest.mark.sim_config(failing_skus={"l40s-slice"})
def test_an_allocation_that_never_went_active_has_no_usage(api: Api, sim: Simulator) -> None:
    api.create(sku="l40s-slice", gpus_total=1)
    sim.clock.advance(3 * HOUR)

    assert usage(api) == []
    assert balance(api)["amount_minor"] == 500_000


def test_usage_filters(api: Api, sim: Simulator) -> None:
    h200, hour = active_on_the_hour(api, sim)
    l40s = api.create(sku="l40s-slice", gpus_total=1).json()["id"]
    sim.clock.advance(3 * HOUR)
    everything = usage(api)
    starts = sorted({r["interval_start"] for r in everything})

    assert [r["allocation_id"] for r in usage(api, allocation_id=l40s)] == [l40s] * 3
    assert {r["allocation_id"] for r in usage(api, sku="h200-sxm-slice")} == {h200}
    assert usage(api, sku="no-such-sku") == []
    since, until = format_time(hour + timedelta(hours=1)), format_time(hour + timedelta(hours=2))
    window = usage(api, since=since, until=until)
    assert [r["interval_start"] for r in window] == [since, since]
    assert usage(api, since=starts[-1]) == [
        r for r in everything if r["interval_start"] == starts[-1]
    ]
    assert usage(api, until=format_time(hour)) == []
    # Offsets other than Z are the same instant.
    local = (hour + timedelta(hours=1)).astimezone(timezone(timedelta(hours=-5))).isoformat()
    assert usage(api, since=local, until=until) == window


def test_usage_is_oldest_first_and_pages_through_every_record(api: Api, sim: Simulator) -> None:
    active_on_the_hour(api, sim)
    api.create(sku="l40s-slice", gpus_total=2)
    sim.clock.advance(4 * HOUR + 30)
    everything = usage(api)
    keys = [(r["interval_start"], r["id"]) for r in everything]
    assert keys == sorted(keys) and len(keys) == 10

    walked, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = api.get("/v1/billing/usage", params=params).json()
        walked += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert walked == everything


@pytest.mark.parametrize(
    "params",
    [
        {"since": "yesterday"},
        {"since": "2026-04-01"},
        {"until": "2026-04-01T00:00:00"},  # no offset
        {"since": "2026-04-31T00:00:00Z"},
        {"since": "2026-04-02T00:00:00Z", "until": "2026-04-01T00:00:00Z"},
        {"cursor": "not-a-cursor"},
        {"limit": "0"},
    ],
)
def test_bad_usage_queries_are_invalid_requests(api: Api, params: dict[str, str]) -> None:
    response = api.get("/v1/billing/usage", params=params)

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_request"


def test_usage_recorded_events_for_each_closed_interval(api: Api, sim: Simulator) -> None:
    allocation_id, hour = active_on_the_hour(api, sim)
    sim.clock.advance(2.5 * HOUR)
    records = usage(api)

    events = sim.events.after(sim.clock.now(), where=lambda e: e["type"] == "usage.recorded")

    assert [e["usage_record_id"] for e in events] == [r["id"] for r in records[:2]]
    assert events[0] | {"id": "x"} == {
        "id": "x",
        "type": "usage.recorded",
        "occurred_at": format_time(hour + timedelta(hours=1)),
        "tenant_id": "tnt-acme",
        "usage_record_id": records[0]["id"],
        "allocation_id": allocation_id,
        "sku": "h200-sxm-slice",
        "gpu_hours": 1.0,
        "cost_minor": 349,
        "currency": "USD",
    }
    sim.clock.advance(HOUR)
    later = sim.events.after(sim.clock.now(), where=lambda e: e["type"] == "usage.recorded")
    assert [e["usage_record_id"] for e in later] == [r["id"] for r in usage(api)[:3]]
    assert later[:2] == events


# -- payment sessions ---------------------------------------------------------------


def create_session(api: Api, key: str | None = None, **body: Any) -> Any:
    headers = {"Idempotency-Key": key} if key else {}
    payload = {"amount_minor": 50_000, "currency": "USD", **body}
    return api.post("/v1/billing/payment-sessions", json=payload, headers=headers)


def test_payment_session_opens_with_a_checkout_url(api: Api, sim: Simulator) -> None:
    response = create_session(api, return_url="http://127.0.0.1:8765/billing/done")

    assert response.status_code == 201
    session = response.json()
    assert session["id"].startswith("ps-")
    assert session["status"] == "open"
    assert session["amount_minor"] == 50_000 and session["currency"] == "USD"
    assert session["checkout_url"] == f"http://testserver/checkout/{session['id']}"
    assert session["completed_at"] is None
    assert parse(session["created_at"]) == sim.clock.now()
    assert parse(session["expires_at"]) == sim.clock.now() + timedelta(hours=1)


def test_payment_session_completes_after_the_delay_and_credits_the_balance(
    api: Api, sim: Simulator
) -> None:
    session_id = create_session(api).json()["id"]

    sim.clock.advance(4.999)
    assert api.get(f"/v1/billing/payment-sessions/{session_id}").json()["status"] == "open"
    assert balance(api)["amount_minor"] == 500_000

    sim.clock.advance(0.001)
    done = api.get(f"/v1/billing/payment-sessions/{session_id}").json()
    assert done["status"] == "completed"
    assert parse(done["completed_at"]) == sim.clock.now()
    assert balance(api) | {"updated_at": done["completed_at"]} == balance(api)
    assert balance(api)["amount_minor"] == 550_000


@pytest.mark.sim_config(payment_completion_delay=None, payment_session_ttl=600)
def test_an_unpaid_session_expires_without_credit(api: Api, sim: Simulator) -> None:
    session_id = create_session(api).json()["id"]

    sim.clock.advance(600)

    session = api.get(f"/v1/billing/payment-sessions/{session_id}").json()
    assert session["status"] == "expired"
    assert session["completed_at"] is None
    assert balance(api)["amount_minor"] == 500_000


@pytest.mark.sim_config(payment_completion_delay=700, payment_session_ttl=600)
def test_a_payment_after_expiry_does_not_count(api: Api, sim: Simulator) -> None:
    session_id = create_session(api).json()["id"]
    sim.clock.advance(800)

    assert api.get(f"/v1/billing/payment-sessions/{session_id}").json()["status"] == "expired"
    assert balance(api)["amount_minor"] == 500_000


def test_payment_in_another_currency_is_refused(api: Api) -> None:
    response = create_session(api, currency="EUR")

    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


@pytest.mark.parametrize(
    "body",
    [
        {"amount_minor": 0, "currency": "USD"},
        {"amount_minor": "100", "currency": "USD"},
        {"amount_minor": 100, "currency": "usd"},
        {"amount_minor": 100},
        {"amount_minor": 100, "currency": "USD", "return_url": "not a url"},
        {"amount_minor": 100, "currency": "USD", "tip": 5},
    ],
)
def test_malformed_payment_sessions_are_validation_errors(api: Api, body: dict) -> None:
    response = api.post("/v1/billing/payment-sessions", json=body)

    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


def test_unknown_payment_session_is_not_found(api: Api) -> None:
    response = api.get("/v1/billing/payment-sessions/ps-nope")

    assert response.status_code == 404
    assert error_of(response)["code"] == "payment_session_not_found"


def test_payment_session_replay_returns_the_original(api: Api, sim: Simulator) -> None:
    first = create_session(api, key="top-up-1")
    sim.clock.advance(10)
    replay = create_session(api, key="top-up-1")
    conflict = create_session(api, key="top-up-1", amount_minor=1)

    assert replay.status_code == 201
    assert replay.json() == first.json()
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert conflict.status_code == 409
    assert error_of(conflict)["code"] == "idempotency_conflict"
    assert len(sim.billing.payment_sessions) == 1
    assert balance(api)["amount_minor"] == 550_000


def test_other_tenants_sessions_are_invisible(api: Api, sim: Simulator) -> None:
    session_id = create_session(api).json()["id"]
    other = Principal("usr-eve", "human", "eve", "tnt-other", "prj-other", (), ("prj-other",))
    sim.identity.add_user("eve", "eve-password", other)
    eve = {"Authorization": f"Bearer {login(api.client, 'eve', 'eve-password')['access_token']}"}

    response = api.client.get(f"/v1/billing/payment-sessions/{session_id}", headers=eve)

    assert response.status_code == 404
    sim.clock.advance(10)
    assert api.client.get("/v1/billing/balance", headers=eve).json()["amount_minor"] == 500_000


# -- refunds ----------------------------------------------------------------------


def charged(api: Api, sim: Simulator, hours: float = 1.0) -> dict[str, Any]:
    """The first usage record of an allocation that ran `hours` and was released."""
    allocation_id, _ = active_on_the_hour(api, sim)
    sim.clock.advance(hours * HOUR)
    api.post(f"/v1/allocations/{allocation_id}/release")
    return usage(api, allocation_id=allocation_id)[0]


def refund(api: Api, key: str | None = None, **body: Any) -> Any:
    headers = {"Idempotency-Key": key} if key else {}
    return api.post("/v1/billing/refunds", json={"reason": "Image failed", **body}, headers=headers)


def test_refund_starts_pending_then_credits_the_balance(api: Api, sim: Simulator) -> None:
    record = charged(api, sim)
    before = balance(api)["amount_minor"]

    response = refund(api, usage_record_id=record["id"], amount_minor=100)

    assert response.status_code == 201
    created = response.json()
    assert created["id"].startswith("rf-")
    assert created | {"id": "x"} == {
        "id": "x",
        "usage_record_id": record["id"],
        "amount_minor": 100,
        "currency": "USD",
        "reason": "Image failed",
        "status": "pending",
        "created_at": format_time(sim.clock.now()),
    }
    assert balance(api)["amount_minor"] == before
    sim.clock.advance(2)
    assert api.get("/v1/billing/refunds").json()["items"][0]["status"] == "succeeded"
    assert balance(api)["amount_minor"] == before + 100


def test_refund_cannot_exceed_what_is_left_of_the_charge(api: Api, sim: Simulator) -> None:
    record = charged(api, sim)
    assert record["cost_minor"] == 349
    assert refund(api, usage_record_id=record["id"], amount_minor=300).status_code == 201

    response = refund(api, usage_record_id=record["id"], amount_minor=50)

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["details"]["refundable_minor"] == 49
    assert refund(api, usage_record_id=record["id"], amount_minor=49).status_code == 201
    assert refund(api, usage_record_id=record["id"], amount_minor=1).status_code == 422


def test_refund_of_an_unknown_charge_is_not_found(api: Api) -> None:
    response = refund(api, usage_record_id="use-000000000000", amount_minor=1)

    assert response.status_code == 404
    assert error_of(response)["code"] == "charge_not_found"


def test_refund_outside_the_window_is_refused(api: Api, sim: Simulator) -> None:
    record = charged(api, sim)
    sim.clock.advance(30 * 24 * HOUR)
    assert refund(api, usage_record_id=record["id"], amount_minor=1, key="a").status_code == 201

    sim.clock.advance(1)
    response = refund(api, usage_record_id=record["id"], amount_minor=1, key="b")

    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "refund_window_exceeded"
    assert error["details"]["window_days"] == 30
    assert error["details"]["charged_at"] == record["interval_end"]


@pytest.mark.sim_config(refund_window_days=1)
def test_the_refund_window_is_configurable(api: Api, sim: Simulator) -> None:
    record = charged(api, sim)
    sim.clock.advance(24 * HOUR + 1)

    response = refund(api, usage_record_id=record["id"], amount_minor=1)

    assert response.status_code == 409
    assert error_of(response)["details"]["window_days"] == 1


def test_refunds_list_newest_first_and_by_charge(api: Api, sim: Simulator) -> None:
    record = charged(api, sim, hours=2)
    second = usage(api)[1]
    ids = []
    for target in (record, second, record):
        ids.append(refund(api, usage_record_id=target["id"], amount_minor=10).json()["id"])
        sim.clock.advance(1)

    listed = api.get("/v1/billing/refunds").json()
    of_first = api.get("/v1/billing/refunds", params={"usage_record_id": record["id"]}).json()
    first_page = api.get("/v1/billing/refunds", params={"limit": 2}).json()
    rest = api.get("/v1/billing/refunds", params={"cursor": first_page["next_cursor"]}).json()

    assert [r["id"] for r in listed["items"]] == ids[::-1]
    assert [r["id"] for r in of_first["items"]] == [ids[2], ids[0]]
    assert [r["id"] for r in first_page["items"] + rest["items"]] == ids[::-1]
    assert rest["next_cursor"] is None


def test_refund_replay_does_not_refund_twice(api: Api, sim: Simulator) -> None:
    record = charged(api, sim)
    first = refund(api, key="rf-1", usage_record_id=record["id"], amount_minor=200)
    replay = refund(api, key="rf-1", usage_record_id=record["id"], amount_minor=200)
    conflict = refund(api, key="rf-1", usage_record_id=record["id"], amount_minor=201)

    assert replay.json() == first.json()
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert error_of(conflict)["code"] == "idempotency_conflict"
    assert len(api.get("/v1/billing/refunds").json()["items"]) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"usage_record_id": "use-1", "amount_minor": 0, "reason": "x"},
        {"usage_record_id": "use-1", "amount_minor": 1, "reason": ""},
        {"usage_record_id": "", "amount_minor": 1, "reason": "x"},
        {"usage_record_id": "use-1", "amount_minor": 1},
    ],
)
def test_malformed_refunds_are_validation_errors(api: Api, body: dict) -> None:
    response = api.post("/v1/billing/refunds", json=body)

    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


def test_billing_needs_a_token(client: Any) -> None:
    for path in ("/v1/billing/balance", "/v1/billing/usage", "/v1/billing/refunds"):
        response = client.get(path)
        assert response.status_code == 401
        assert error_of(response)["code"] == "token_invalid"


@pytest.mark.sim_config(initial_balance_minor=2000)
def test_a_completed_top_up_lets_the_next_create_through(api: Api, sim: Simulator) -> None:
    refused = api.create(gpus_total=8)  # 2792 per hour
    assert error_of(refused)["details"]["balance_minor"] == 2000
    session = api.post(
        "/v1/billing/payment-sessions", json={"amount_minor": 5000, "currency": "USD"}
    )
    assert session.status_code == 201, session.text

    sim.clock.advance(5)  # the payment completes

    assert sim.balance_minor() == balance(api)["amount_minor"] == 7000
    assert api.create(gpus_total=8).status_code == 201


def test_refunds_reach_the_balance_that_refuses_creates(api: Api, sim: Simulator) -> None:
    allocation_id, _ = active_on_the_hour(api, sim, gpus_total=2)
    sim.clock.advance(3600)
    assert api.post(f"/v1/allocations/{allocation_id}/release").status_code == 200
    [record] = [r for r in usage(api) if r["allocation_id"] == allocation_id]
    before = sim.balance_minor()
    refund = api.post(
        "/v1/billing/refunds",
        json={"usage_record_id": record["id"], "amount_minor": 100, "reason": "node fault"},
    )
    assert refund.status_code == 201, refund.text

    sim.clock.advance(2)  # the refund succeeds

    assert sim.balance_minor() == balance(api)["amount_minor"] == before + 100
