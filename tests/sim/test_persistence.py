"""Persistence: a new simulator on the same data folder takes up where the last one was."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.runtime.persistence import STATE_FILE, PersistenceError
from gpuaas_sim.runtime.stores import MAIN_WORLD, SqliteStore

from .conftest import Api, login
from .test_events import events_of, stream

SSH_KEY = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINT3XvvfDdZA1PwxErlt4hq2ZuRLMYbCefu+k+vBL580 dev@laptop"
)
CONTENT = "/v1/storage/object/content"


class Platform:
    """One simulator on a data folder, with dev-user's and admin-user's sides of it."""

    def __init__(self, data_dir: Path, **config: Any) -> None:
        settings = {"clock_speed": 0, "access_token_ttl": 30 * 24 * 3600, **config}
        self.sim = Simulator(SimConfig(data_dir=data_dir, **settings))
        self.client = TestClient(self.sim.app)

    def as_user(self, username: str = "dev-user", password: str = "dev123") -> Api:
        token = login(self.client, username, password)["access_token"]
        return Api(self.client, {"Authorization": f"Bearer {token}"})

    def snapshots(self) -> dict[str, Any]:
        """Every persisted book's snapshot, by name."""
        assert self.sim.persistence is not None
        return {name: snap() for name, (snap, _) in self.sim.persistence.books().items()}

    def close(self) -> None:
        self.client.close()
        self.sim.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "sim-data"


@pytest.fixture
def platforms(data_dir: Path) -> Iterator[list[Platform]]:
    """Every platform a test starts; closed at the end even when the test fails."""
    started: list[Platform] = []
    yield started
    for platform in started:
        platform.close()


def start(platforms: list[Platform], data_dir: Path, **config: Any) -> Platform:
    platform = Platform(data_dir, **config)
    platforms.append(platform)
    return platform


def restart(platforms: list[Platform], data_dir: Path, **config: Any) -> Platform:
    platforms[-1].close()
    return start(platforms, data_dir, **config)


def saved_books(data_dir: Path) -> dict[str, Any]:
    """Each book as the state file holds it, read through a connection of its own."""
    store = SqliteStore(data_dir / STATE_FILE)
    try:
        rows = store.books(MAIN_WORLD, store.book_versions(MAIN_WORLD))
    finally:
        store.close()
    return {name: json.loads(data) for name, (_, data) in rows.items()}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def put_file(api: Api, path: str, data: bytes) -> None:
    response = api.client.put(
        CONTENT,
        params={"path": path},
        content=data,
        headers={**api.auth, "X-Content-SHA256": sha(data)},
    )
    assert response.status_code in (200, 201), response.text


def ok(response: Any, *codes: int) -> dict[str, Any]:
    assert response.status_code in (codes or (200, 201)), response.text
    body: dict[str, Any] = response.json()
    return body


def build_everything(platform: Platform) -> dict[str, str]:
    """Touch every book through the HTTP API; the ids the reads below need."""
    sim, dev, admin = platform.sim, platform.as_user(), platform.as_user("admin-user", "admin123")
    ids: dict[str, str] = {}
    # iam: a project with a member
    project = ok(admin.post("/v1/projects", json={"name": "research", "description": "r"}))
    ids["project"] = project["id"]
    ok(
        admin.post(
            f"/v1/projects/{project['id']}/memberships",
            json={"principal_id": "usr-dev-user", "role": "project_member"},
        )
    )
    # service accounts and keys
    account = ok(
        admin.post("/v1/service-accounts", json={"name": "ci-bot", "principal_kind": "agent"})
    )
    ids["account"] = account["id"]
    ok(admin.post(f"/v1/service-accounts/{account['id']}/keys", json={"algorithm": "ES256"}))
    # ssh keys
    ok(dev.post("/v1/ssh-keys", json={"name": "laptop", "public_key": SSH_KEY}))
    # allocations (one released), with an idempotency key
    first = ok(dev.create(key="first-allocation"))
    ids["allocation"] = first["id"]
    second = ok(dev.create())
    sim.clock.advance(3)
    ok(dev.post(f"/v1/allocations/{second['id']}/release"))
    ok(dev.post(f"/v1/allocations/{first['id']}/terminal-token"))
    # billing: an hour of usage, a payment session and a refund
    sim.clock.advance(3600)
    ids["session"] = ok(
        dev.post("/v1/billing/payment-sessions", json={"amount_minor": 50_000, "currency": "USD"})
    )["id"]
    charge = ok(dev.get("/v1/billing/usage"))["items"][0]
    ok(
        dev.post(
            "/v1/billing/refunds",
            json={"usage_record_id": charge["id"], "amount_minor": 1, "reason": "Image failed"},
        )
    )
    # storage: a file, a folder and a multipart upload in progress
    put_file(dev, "/data/train.csv", b"a,b\n1,2\n")
    ok(dev.post("/v1/storage/folders", json={"path": "/empty/"}))
    upload = ok(
        dev.post(
            "/v1/storage/uploads",
            json={"path": "/big.bin", "size_bytes": 10, "part_size_bytes": 5 * 1024 * 1024},
        )
    )
    ids["upload"] = upload["id"]
    # apps: an entitlement and an instance on the first allocation
    ok(admin.post("/v1/apps/triton-inference/entitlements", json={"project_id": "prj-default"}))
    instance = ok(
        dev.post(
            "/v1/app-instances",
            json={
                "app_slug": "jupyter-cuda-dev",
                "project_id": "prj-default",
                "target_allocation_id": first["id"],
            },
        )
    )
    ids["instance"] = instance["id"]
    sim.clock.advance(5)
    # webhooks: an endpoint (remote https: registered, never called) and a test delivery
    webhook = ok(
        dev.post("/v1/webhooks", json={"url": "https://hooks.example.com/g", "event_types": ["*"]})
    )
    ids["webhook"] = webhook["webhook"]["id"]
    ok(dev.post(f"/v1/webhooks/{ids['webhook']}/test"), 200, 201, 202)
    # admin: a drained node (and the audit records admin actions leave)
    node = ok(admin.get("/v1/admin/nodes"))["items"][-1]
    ok(admin.post(f"/v1/admin/nodes/{node['id']}/drain", json={"reason": "maintenance"}))
    return ids


def reads(platform: Platform, ids: dict[str, str]) -> dict[str, Any]:
    """What dev-user and admin-user see of every book, through the API."""
    dev, admin = platform.as_user(), platform.as_user("admin-user", "admin123")
    dev_paths = [
        "/v1/projects",
        f"/v1/projects/{ids['project']}/memberships",
        "/v1/ssh-keys",
        "/v1/allocations",
        "/v1/billing/balance",
        "/v1/billing/usage",
        "/v1/billing/refunds",
        f"/v1/billing/payment-sessions/{ids['session']}",
        "/v1/storage/objects",
        "/v1/storage/usage",
        f"/v1/storage/uploads/{ids['upload']}/parts",
        "/v1/app-instances",
        f"/v1/app-instances/{ids['instance']}/members",
        "/v1/apps/triton-inference/entitlements",
        "/v1/apps/jupyter-cuda-dev/artifacts",
        "/v1/webhooks",
        f"/v1/webhooks/{ids['webhook']}/deliveries",
    ]
    admin_paths = [
        "/v1/service-accounts",
        f"/v1/service-accounts/{ids['account']}/keys",
        "/v1/tenants/tnt-acme/memberships",
        "/v1/admin/nodes",
        "/v1/admin/audit-events",
    ]
    seen = {}
    for api, paths in ((dev, dev_paths), (admin, admin_paths)):
        for path in paths:
            response = api.get(path)
            assert response.status_code == 200, (path, response.text)
            seen[path] = _without_ssh_ports(response.json())
    return seen


def _without_ssh_ports(value: Any) -> Any:
    """SSH listeners are real sockets: a new process opens them on new free ports."""
    if isinstance(value, dict):
        return {k: _without_ssh_ports(v) for k, v in value.items() if k != "ssh_port"}
    if isinstance(value, list):
        return [_without_ssh_ports(v) for v in value]
    return value


def test_a_fresh_data_folder_starts_from_the_seed_and_is_written_at_once(
    platforms: list[Platform], data_dir: Path
) -> None:
    platform = start(platforms, data_dir)

    assert platform.sim.restored is False
    assert (data_dir / STATE_FILE).is_file()
    assert set(saved_books(data_dir)) == set(platform.snapshots())


def test_every_book_survives_a_restart(platforms: list[Platform], data_dir: Path) -> None:
    before = start(platforms, data_dir)
    ids = build_everything(before)
    seen_before = reads(before, ids)
    books_before = before.snapshots()
    now_before = before.sim.clock.now()

    after = restart(platforms, data_dir)

    assert after.sim.restored is True
    assert after.sim.clock.now() == now_before  # a frozen clock resumes exactly where it was
    books_after = after.snapshots()
    for name in books_before:
        assert _without_ssh_ports(books_after[name]) == _without_ssh_ports(books_before[name]), name
    # reading logs in again (new tokens, new audit records), so compare the API after that
    assert _drop_new_logins(reads(after, ids)) == _drop_new_logins(seen_before)


def _drop_new_logins(seen: dict[str, Any]) -> dict[str, Any]:
    return {path: body for path, body in seen.items() if path != "/v1/admin/audit-events"}


def test_audit_records_survive_a_restart(platforms: list[Platform], data_dir: Path) -> None:
    before = start(platforms, data_dir)
    admin = before.as_user("admin-user", "admin123")
    node = ok(admin.get("/v1/admin/nodes"))["items"][0]
    ok(admin.post(f"/v1/admin/nodes/{node['id']}/drain", json={"reason": "maintenance"}))
    events_before = ok(admin.get("/v1/admin/audit-events"))["items"]

    after = restart(platforms, data_dir)
    events_after = ok(after.as_user("admin-user", "admin123").get("/v1/admin/audit-events"))[
        "items"
    ]

    assert events_before
    assert all(event in events_after for event in events_before)


def test_tokens_issued_before_a_restart_still_work(
    platforms: list[Platform], data_dir: Path
) -> None:
    before = start(platforms, data_dir)
    tokens = login(before.client)
    rotated = ok(
        before.client.post(
            "/v1/auth/token/refresh", json={"refresh_token": tokens["refresh_token"]}
        )
    )

    after = restart(platforms, data_dir)
    whoami = after.client.get(
        "/v1/auth/whoami", headers={"Authorization": f"Bearer {rotated['access_token']}"}
    )
    refreshed = after.client.post(
        "/v1/auth/token/refresh", json={"refresh_token": rotated["refresh_token"]}
    )
    replayed = after.client.post(
        "/v1/auth/token/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    revoked = after.client.get(
        "/v1/auth/whoami", headers={"Authorization": f"Bearer {refreshed.json()['access_token']}"}
    )

    assert whoami.status_code == 200 and whoami.json()["principal_id"] == "usr-dev-user"
    assert refreshed.status_code == 200
    assert replayed.status_code == 401  # the spent token is still known as spent ...
    assert revoked.status_code == 401  # ... and its reuse still revokes the whole login


def test_a_service_account_token_from_before_a_restart_ends_with_its_key(
    platforms: list[Platform], data_dir: Path
) -> None:
    from .test_sa_token import assertion, exchange, new_account

    before = start(platforms, data_dir)
    dev = before.as_user()
    account = new_account(before.client, dev.auth)
    grant = exchange(before.client, assertion(account)).json()
    bearer = {"Authorization": f"Bearer {grant['access_token']}"}

    after = restart(platforms, data_dir)
    dev = after.as_user()
    kept = after.client.get("/v1/auth/whoami", headers=bearer)
    key_path = f"/v1/service-accounts/{account['sa_id']}/keys/{account['key_id']}"
    revoked = dev.client.delete(key_path, headers=dev.auth)
    ended = after.client.get("/v1/auth/whoami", headers=bearer)

    assert (kept.status_code, revoked.status_code) == (200, 204)
    assert ended.status_code == 401  # the token still knows which key bought it


def test_a_logout_stays_done_after_a_restart(platforms: list[Platform], data_dir: Path) -> None:
    before = start(platforms, data_dir)
    gone, kept = login(before.client), login(before.client)
    bye = before.client.post(
        "/v1/auth/logout", headers={"Authorization": f"Bearer {gone['access_token']}"}
    )
    assert bye.status_code == 204

    after = restart(platforms, data_dir)

    def whoami(tokens: dict[str, Any]) -> int:
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        return after.client.get("/v1/auth/whoami", headers=headers).status_code

    refused = after.client.post(
        "/v1/auth/token/refresh", json={"refresh_token": gone["refresh_token"]}
    )
    assert (whoami(gone), whoami(kept)) == (401, 200)
    assert refused.status_code == 401


def test_event_ids_keep_increasing_and_nothing_is_published_twice(
    platforms: list[Platform], data_dir: Path
) -> None:
    before = start(platforms, data_dir)
    api = before.as_user()
    first = ok(api.create())["id"]
    before.sim.clock.advance(3)
    old = before.sim.events.after(before.sim.clock.now())
    old_ids = [int(event["id"]) for event in old]

    after = restart(platforms, data_dir)
    after.sim.clock.advance(1)
    second = ok(after.as_user().create())["id"]
    after.sim.clock.advance(3)
    events = after.sim.events.after(after.sim.clock.now())

    assert events[: len(old)] == old
    new_ids = [int(event["id"]) for event in events[len(old) :]]
    assert new_ids and min(new_ids) == max(old_ids) + 1
    assert new_ids == sorted(new_ids)
    about_first = [e for e in events[len(old) :] if e.get("allocation_id") == first]
    assert about_first == []  # its transitions were published before the restart
    assert any(e.get("allocation_id") == second for e in events[len(old) :])


def test_a_resumed_event_stream_goes_on_after_a_restart(
    platforms: list[Platform], data_dir: Path
) -> None:
    before = start(platforms, data_dir)
    api = before.as_user()
    first = ok(api.create())["id"]
    before.sim.clock.advance(3)  # pending, provisioning, active: three events
    before.sim.stream_cut_after = 3
    seen = events_of(stream(api, **{"Last-Event-ID": "0"}))

    after = restart(platforms, data_dir)
    api = after.as_user()
    second = ok(api.create())["id"]
    after.sim.stream_cut_after = 1
    resumed = events_of(stream(api, **{"Last-Event-ID": seen[-1].id or ""}))

    assert [f.id for f in seen] == ["1", "2", "3"]
    assert {f.payload()["allocation_id"] for f in seen} == {first}
    assert [f.id for f in resumed] == ["4"]
    assert resumed[0].payload()["allocation_id"] == second


def test_an_allocation_goes_on_with_its_lifecycle_after_a_restart(
    platforms: list[Platform], data_dir: Path
) -> None:
    before = start(platforms, data_dir)
    allocation_id = ok(before.as_user().create())["id"]
    assert before.as_user().allocation(allocation_id)["status"] == "pending"

    after = restart(platforms, data_dir)
    api = after.as_user()
    assert api.allocation(allocation_id)["status"] == "pending"
    after.sim.clock.advance(3)

    assert api.allocation(allocation_id)["status"] == "active"
    assert ok(api.post(f"/v1/allocations/{allocation_id}/release"))["status"] == "releasing"


def test_simulated_time_never_goes_back_across_a_restart(
    platforms: list[Platform], data_dir: Path
) -> None:
    before = start(platforms, data_dir)
    before.sim.clock.advance(30 * 24 * 3600)  # a month ahead of the wall clock
    ok(before.as_user().create())
    ahead = before.sim.clock.now()

    after = restart(platforms, data_dir, clock_speed=1.0)

    assert after.sim.clock.now() >= ahead


def test_ids_do_not_repeat_after_a_restart(platforms: list[Platform], data_dir: Path) -> None:
    before = start(platforms, data_dir)
    first = ok(before.as_user().create())["id"]

    after = restart(platforms, data_dir)
    second = ok(after.as_user().create())["id"]

    assert second != first
    assert {a["id"] for a in ok(after.as_user().get("/v1/allocations"))["items"]} == {first, second}


def test_an_idempotent_replay_after_a_restart_gets_the_first_answer(
    platforms: list[Platform], data_dir: Path
) -> None:
    before = start(platforms, data_dir)
    created = ok(before.as_user().create(key="k-1"))

    after = restart(platforms, data_dir)
    replayed = ok(after.as_user().create(key="k-1"))

    assert replayed == created
    assert len(after.sim.allocations) == 1


def test_stored_bytes_and_entries_agree_after_a_restart(
    platforms: list[Platform], data_dir: Path
) -> None:
    before = start(platforms, data_dir)
    api = before.as_user()
    put_file(api, "/keep.txt", b"kept bytes")
    put_file(api, "/lost.txt", b"bytes that vanish")
    objects = before.sim.storage.listing("tnt-acme", "/", one_level=False)
    blobs = {o.path: o.blob for o in objects if o.blob is not None}
    orphan = before.sim.storage.root / "blob-left-by-a-crash"
    orphan.write_bytes(b"no entry refers to this")
    before.close()
    blobs["/lost.txt"].unlink()  # as if the process died between deleting and saving

    after = start(platforms, data_dir)
    api = after.as_user()
    kept = api.get(CONTENT, params={"path": "/keep.txt"})
    listed = [o["path"] for o in ok(api.get("/v1/storage/objects"))["items"]]

    assert kept.status_code == 200 and kept.content == b"kept bytes"
    assert listed == ["/keep.txt"]
    assert not orphan.exists()
    remaining = sorted(p.name for p in after.sim.storage.root.iterdir())
    assert remaining == [blobs["/keep.txt"].name]


def test_the_state_is_on_disk_before_the_response_arrives(
    platforms: list[Platform], data_dir: Path
) -> None:
    platform = start(platforms, data_dir)
    allocation_id = ok(platform.as_user().create())["id"]

    saved = saved_books(data_dir)  # another connection, as a new process

    assert [a["id"] for a in saved["allocations"]["allocations"].values()] == [allocation_id]


def test_reset_clears_the_saved_state_too(platforms: list[Platform], data_dir: Path) -> None:
    before = start(platforms, data_dir)
    api = before.as_user()
    ok(api.create())
    put_file(api, "/f.txt", b"x")
    before.sim.reset()

    after = restart(platforms, data_dir)

    assert after.sim.allocations == {}
    assert ok(after.as_user().get("/v1/storage/objects"))["items"] == []
    assert list(after.sim.storage.root.iterdir()) == []


def test_a_failed_save_leaves_the_previous_state_whole(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / STATE_FILE)
    store.ensure_world(MAIN_WORLD, 0)

    def save(audit: str) -> None:
        store.begin(MAIN_WORLD)
        try:
            store.put_books(MAIN_WORLD, {"audit": (1, audit)})
            store.add_events(MAIN_WORLD, [(1, '{"id": "1"}')])
            store.commit()
        except BaseException:
            store.rollback()
            raise

    save('{"events": []}')
    with pytest.raises(sqlite3.IntegrityError):  # event 1 exists: the transaction rolls back
        save('{"events": ["half"]}')

    assert store.books(MAIN_WORLD, ["audit"]) == {"audit": (1, '{"events": []}')}
    assert store.events_after(MAIN_WORLD, 0) == [(1, '{"id": "1"}')]


def test_a_file_that_is_not_a_state_file_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / STATE_FILE).write_bytes(b"this is not sqlite" * 100)

    with pytest.raises(PersistenceError, match="Delete the data folder") as raised:
        Simulator(SimConfig(data_dir=data_dir))
    assert str(data_dir / STATE_FILE) in str(raised.value)


def test_state_of_another_schema_version_is_refused(
    platforms: list[Platform], data_dir: Path
) -> None:
    start(platforms, data_dir).close()
    with sqlite3.connect(data_dir / STATE_FILE) as db:
        db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")

    with pytest.raises(PersistenceError, match=r"schema version 999.*another --data-dir"):
        Simulator(SimConfig(data_dir=data_dir))


def test_a_damaged_book_is_refused_with_its_name(platforms: list[Platform], data_dir: Path) -> None:
    platform = start(platforms, data_dir)
    ok(platform.as_user().create())
    platform.close()
    with sqlite3.connect(data_dir / STATE_FILE) as db:
        db.execute(
            "UPDATE books SET data = ? WHERE name = 'allocations'",
            (json.dumps({"allocations": {"alloc-1": {"id": "alloc-1"}}}),),
        )

    with pytest.raises(PersistenceError, match="saved allocations state cannot be read"):
        Simulator(SimConfig(data_dir=data_dir))


def test_without_a_data_folder_nothing_is_written(tmp_path: Path) -> None:
    sim = Simulator(SimConfig(clock_speed=0))
    try:
        assert sim.persistence is None and sim.restored is False
    finally:
        sim.close()


def test_one_simulator_per_data_folder(platforms: list[Platform], data_dir: Path) -> None:
    first = start(platforms, data_dir)

    with pytest.raises(PersistenceError, match="in use by another simulator"):
        Simulator(SimConfig(data_dir=data_dir))
    first.close()
    second = start(platforms, data_dir)  # free again once the first one closed

    assert second.sim.restored is True


def test_a_data_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")

    with pytest.raises(PersistenceError, match=r"cannot use .*taken as a data folder"):
        Simulator(SimConfig(data_dir=tmp_path / "taken"))


def test_a_refused_folder_is_left_untouched_and_free(data_dir: Path) -> None:
    data_dir.mkdir()
    garbage = b"this is not sqlite" * 100
    (data_dir / STATE_FILE).write_bytes(garbage)

    for _ in range(2):  # the second attempt is refused for the same reason, not "in use"
        with pytest.raises(PersistenceError, match="not a readable simulator state file"):
            Simulator(SimConfig(data_dir=data_dir))
    assert (data_dir / STATE_FILE).read_bytes() == garbage


def test_a_lease_and_labels_survive_a_restart(platforms: list[Platform], data_dir: Path) -> None:
    before = start(platforms, data_dir)
    dev = before.as_user()
    leased = ok(dev.create(lease_seconds=60, labels={"run": "n42"}), 201)["id"]
    before.sim.clock.advance(30)
    ok(dev.post(f"/v1/allocations/{leased}/lease/renew"))  # expires at 90 s
    logged = ok(dev.get(f"/v1/allocations/{leased}/logs"))["items"]

    after = restart(platforms, data_dir)
    dev = after.as_user()
    listed = ok(dev.get("/v1/allocations", params={"label": "run=n42"}))["items"]
    assert [a["id"] for a in listed] == [leased]
    assert ok(dev.get(f"/v1/allocations/{leased}/logs"))["items"][: len(logged)] == logged
    after.sim.clock.advance(60 + 30 - 0.001)  # the renewed lease, and its grace, nearly over
    assert dev.allocation(leased)["status"] == "active"
    after.sim.clock.advance(0.001)
    assert dev.allocation(leased)["release_reason"] == "lease_expired"


def test_state_of_the_previous_schema_is_taken_over(tmp_path: Path) -> None:
    """Version 1 kept one world and the simulated time: they become the main world's."""
    seeded = Simulator(SimConfig(clock_speed=0))
    with TestClient(seeded.app) as client:
        api = Api(client, {"Authorization": f"Bearer {login(client)['access_token']}"})
        ok(api.post("/v1/ssh-keys", json={"name": "laptop", "public_key": SSH_KEY}))
    keys = seeded.ssh_keys.snapshot()
    seeded.close()
    data_dir = tmp_path / "v1"
    data_dir.mkdir()
    with sqlite3.connect(data_dir / STATE_FILE) as db:
        db.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE books (name TEXT PRIMARY KEY, version INTEGER NOT NULL,"
            " data TEXT NOT NULL);"
            "CREATE TABLE events (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
            "INSERT INTO meta VALUES ('schema_version', '1');"
            "INSERT INTO meta VALUES ('clock', '2030-01-01T00:00:00+00:00');"
        )
        db.execute("INSERT INTO books VALUES ('ssh_keys', 3, ?)", (json.dumps(keys),))
        db.execute("INSERT INTO events VALUES (1, ?)", (json.dumps({"id": "1", "type": "x"}),))

    platform = Platform(data_dir)
    try:
        listed = ok(platform.as_user().get("/v1/ssh-keys"))["items"]

        assert platform.sim.restored is True
        assert platform.sim.clock.now().year >= 2030
        assert [key["name"] for key in listed] == ["laptop"]
        assert len(platform.sim.events) == 1
    finally:
        platform.close()


def test_capacity_and_money_survive_a_restart(platforms: list[Platform], data_dir: Path) -> None:
    before = start(platforms, data_dir)
    dev, sim = before.as_user(), before.sim
    sim.pricing.set_price("l40s-slice", 120)
    soon = (sim.clock.now() + timedelta(hours=2)).isoformat().replace("+00:00", "Z")
    ids = {
        "quote": ok(dev.post("/v1/catalog/quotes", json={
            "sku": "h200-sxm-slice", "gpus_total": 1, "hours": 1}))["id"],
        "hold": ok(dev.post("/v1/catalog/holds", json={
            "sku": "h200-sxm-slice", "gpus_total": 8, "region_code": "us-buffalo-1",
            "seconds": 600}))["id"],
        "reservation": ok(dev.post("/v1/reservations", json={
            "sku": "h100-sxm-slice", "gpus_total": 8, "region_code": "us-buffalo-1",
            "start": soon, "duration_hours": 1}))["id"],
        "watch": ok(dev.post("/v1/catalog/capacity-watches", json={
            "sku": "a100-pcie-slice", "gpus_total": 4}))["id"],
        "fleet": ok(dev.post("/v1/fleets", json={
            "sku": "l40s-slice", "gpus_total": 1, "count": 2}))["id"],
        "volume": ok(dev.post("/v1/volumes", json={
            "name": "data", "size_gb": 10, "region_code": "us-buffalo-1"}))["id"],
    }  # fmt: skip
    grant = ok(dev.post("/v1/spend-grants", json={
        "name": "ci", "amount_minor": 1000, "currency": "USD", "allowed_skus": ["l40s-slice"],
        "expires_at": soon}))  # fmt: skip
    ok(dev.client.put("/v1/projects/prj-default/budget", headers=dev.auth,
                      json={"monthly_budget_minor": 100000, "currency": "USD"}))  # fmt: skip
    paths = {
        "quote": "/v1/catalog/quotes/{}", "hold": "/v1/catalog/holds/{}",
        "reservation": "/v1/reservations/{}", "watch": "/v1/catalog/capacity-watches/{}",
        "fleet": "/v1/fleets/{}", "volume": "/v1/volumes/{}",
    }  # fmt: skip
    seen = {name: ok(dev.get(paths[name].format(i))) for name, i in ids.items()}
    books = before.snapshots()

    after = restart(platforms, data_dir)
    dev = after.as_user()
    agent = Api(after.client, {"Authorization": f"Bearer {grant['token']}"})

    mine = ("pricing", "quotes", "holds", "reservations", "capacity_watches", "fleets",
            "fleet_events", "spend_grants", "project_budgets", "volumes")  # fmt: skip
    assert {n: after.snapshots()[n] for n in mine} == {n: books[n] for n in mine}
    assert {name: ok(dev.get(paths[name].format(i))) for name, i in ids.items()} == seen
    assert ok(dev.get("/v1/catalog/skus/l40s-slice"))["price_per_gpu_hour_minor"] == 120
    assert ok(dev.get("/v1/projects/prj-default/budget"))["monthly_budget_minor"] == 100000
    assert ok(agent.create(sku="l40s-slice", gpus_total=1))["created_at"]  # the token works
