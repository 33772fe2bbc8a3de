"""IAM: tenants, projects, memberships, roles, service accounts and their keys, SSH keys,
price quotes and connection details, as the simulator enforces them."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from starlette.testclient import TestClient

from gpuaas_sim import Simulator
from gpuaas_sim.platform.identity import Principal

from .conftest import error_of, login

# The contract's example key and the fingerprint `ssh-keygen -l` prints for it.
ED25519 = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINT3XvvfDdZA1PwxErlt4hq2ZuRLMYbCefu+k+vBL580 dev@laptop"
)
ED25519_FINGERPRINT = "SHA256:RfZxnd8QvnlF11GchvLSODXRNDYfx9SiAbb/Trapikg"


class As:
    """One principal's side of the simulator: every request carries its bearer token."""

    def __init__(self, client: TestClient, username: str, password: str) -> None:
        self.client = client
        self.headers = {
            "Authorization": f"Bearer {login(client, username, password)['access_token']}"
        }

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.request(method, path, headers=headers, **kwargs)

    def ok(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        response = self.call(method, path, **kwargs)
        assert response.status_code == status, response.text
        return response.json() if response.content else None

    def error(self, method: str, path: str, status: int, **kwargs: Any) -> dict[str, Any]:
        response = self.call(method, path, **kwargs)
        assert response.status_code == status, response.text
        return error_of(response)


@pytest.fixture
def dev(client: TestClient) -> As:
    return As(client, "dev-user", "dev123")


@pytest.fixture
def admin(client: TestClient) -> As:
    return As(client, "admin-user", "admin123")


def new_project(admin: As, name: str = "llm-finetune", **body: Any) -> dict[str, Any]:
    return admin.ok("POST", "/v1/projects", 201, json={"name": name, **body})


def items(caller: As, path: str, **params: Any) -> list[dict[str, Any]]:
    page = caller.ok("GET", path, params=params)
    assert page["next_cursor"] is None
    return list(page["items"])


# -- tenants and roles ---------------------------------------------------------------


def test_caller_sees_only_its_own_tenant(dev: As) -> None:
    tenants = items(dev, "/v1/tenants")

    assert [t["id"] for t in tenants] == ["tnt-acme"]
    assert tenants[0]["default_project_id"] == "prj-default"
    assert tenants[0]["quotas"]["max_projects"] == 20
    assert dev.ok("GET", "/v1/tenants/tnt-acme") == tenants[0]
    assert dev.error("GET", "/v1/tenants/tnt-globex", 404)["code"] == "tenant_not_found"


def test_roles_list_by_scope(dev: As) -> None:
    project_roles = items(dev, "/v1/roles", scope="project")

    assert [r["name"] for r in project_roles] == [
        "project_admin",
        "project_member",
        "project_viewer",
    ]
    assert {r["scope"] for r in project_roles} == {"project"}
    assert "allocations:write" in project_roles[1]["permissions"]
    assert {r["name"] for r in items(dev, "/v1/roles")} >= {"tenant_admin", "tenant_member"}


def test_seed_memberships_and_kind_filter(dev: As, admin: As) -> None:
    members = items(dev, "/v1/tenants/tnt-acme/memberships")

    assert [(m["principal_id"], m["role"]) for m in members] == [
        ("usr-admin-user", "tenant_admin"),
        ("usr-dev-user", "tenant_member"),
    ]
    admin.ok("POST", "/v1/service-accounts", 201, json={"name": "bot", "principal_kind": "agent"})
    agents = items(dev, "/v1/tenants/tnt-acme/memberships", principal_kind="agent")
    assert [(a["display_name"], a["principal_kind"]) for a in agents] == [("bot", "agent")]


def test_adding_tenant_members_needs_tenant_admin(dev: As, admin: As) -> None:
    path = "/v1/tenants/tnt-acme/memberships"
    body = {"principal_id": "usr-jane", "role": "tenant_member"}

    assert dev.error("POST", path, 403, json=body)["code"] == "insufficient_permissions"
    added = admin.ok("POST", path, 201, json=body, headers={"Idempotency-Key": "jane-1"})
    assert added["display_name"] == "jane" and added["role"] == "tenant_member"
    replay = admin.call("POST", path, json=body, headers={"Idempotency-Key": "jane-1"})
    assert replay.status_code == 201 and replay.json() == added
    assert admin.error("POST", path, 409, json=body)["code"] == "already_exists"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"principal_id": "usr-nobody", "role": "tenant_member"}, 404, "not_found"),
        ({"principal_id": "usr-jane", "role": "tenant_owner"}, 404, "role_not_found"),
        ({"principal_id": "usr-jane", "role": "project_member"}, 422, "validation_error"),
    ],
)
def test_tenant_membership_refusals(
    admin: As, body: dict[str, str], status: int, code: str
) -> None:
    error = admin.error("POST", "/v1/tenants/tnt-acme/memberships", status, json=body)
    assert error["code"] == code


def test_removed_member_loses_projects_and_access(dev: As, admin: As) -> None:
    project = new_project(admin)
    admin.ok(
        "POST",
        f"/v1/projects/{project['id']}/memberships",
        201,
        json={"principal_id": "usr-dev-user", "role": "project_member"},
    )

    admin.ok("DELETE", "/v1/tenants/tnt-acme/memberships/usr-dev-user", 204)

    assert [
        m["principal_id"] for m in items(admin, f"/v1/projects/{project['id']}/memberships")
    ] == ["usr-admin-user"]
    assert dev.error("GET", "/v1/projects", 401)["code"] == "token_invalid"
    error = admin.error("DELETE", "/v1/tenants/tnt-acme/memberships/usr-dev-user", 404)
    assert error["code"] == "membership_not_found"


def test_last_tenant_admin_cannot_be_removed(admin: As) -> None:
    error = admin.error("DELETE", "/v1/tenants/tnt-acme/memberships/usr-admin-user", 409)

    assert error["code"] == "invalid_state"


# -- projects ------------------------------------------------------------------------


def test_create_project_makes_the_creator_its_admin(admin: As, dev: As) -> None:
    assert dev.error("POST", "/v1/projects", 403, json={"name": "x"})["code"] == (
        "insufficient_permissions"
    )
    project = new_project(admin, description="Fine-tuning runs.")

    assert project["id"].startswith("prj-") and project["tenant_id"] == "tnt-acme"
    assert project["description"] == "Fine-tuning runs."
    assert admin.ok("GET", f"/v1/projects/{project['id']}") == project
    members = items(admin, f"/v1/projects/{project['id']}/memberships")
    assert [(m["principal_id"], m["role"]) for m in members] == [
        ("usr-admin-user", "project_admin")
    ]
    error = admin.error("POST", "/v1/projects", 409, json={"name": "llm-finetune"})
    assert error["code"] == "already_exists"


@pytest.mark.sim_config(max_projects=2)
def test_project_quota(admin: As) -> None:
    new_project(admin, "second")

    error = admin.error("POST", "/v1/projects", 403, json={"name": "third"})

    assert error["code"] == "quota_exceeded"
    assert error["details"] == {"quota": "max_projects", "limit": 2}


def test_members_see_only_their_projects(admin: As, dev: As) -> None:
    project = new_project(admin)
    assert [p["id"] for p in items(dev, "/v1/projects")] == ["prj-default"]
    assert dev.error("GET", f"/v1/projects/{project['id']}", 404)["code"] == "project_not_found"
    assert [p["id"] for p in items(admin, "/v1/projects")] == ["prj-default", project["id"]]

    admin.ok(
        "POST",
        f"/v1/projects/{project['id']}/memberships",
        201,
        json={"principal_id": "usr-dev-user", "role": "project_viewer"},
    )

    assert [p["id"] for p in items(dev, "/v1/projects")] == ["prj-default", project["id"]]


def test_update_project(admin: As, dev: As, sim: Simulator) -> None:
    project = new_project(admin, description="old")
    other = new_project(admin, "other")
    path = f"/v1/projects/{project['id']}"
    sim.clock.advance(5)

    renamed = admin.ok("PATCH", path, json={"name": "renamed"})
    assert renamed["name"] == "renamed" and renamed["description"] == "old"
    assert renamed["updated_at"] != project["updated_at"]
    cleared = admin.ok("PATCH", path, json={"description": None})
    assert cleared["name"] == "renamed" and cleared["description"] is None
    assert admin.error("PATCH", path, 409, json={"name": other["name"]})["code"] == "already_exists"
    assert admin.error("PATCH", path, 422, json={})["code"] == "validation_error"
    admin.ok(
        "POST",
        f"{path}/memberships",
        201,
        json={"principal_id": "usr-dev-user", "role": "project_viewer"},
    )
    assert (
        dev.error("PATCH", path, 403, json={"name": "mine"})["code"] == "insufficient_permissions"
    )


def test_delete_refuses_default_and_busy_projects(admin: As, sim: Simulator) -> None:
    assert admin.error("DELETE", "/v1/projects/prj-default", 409)["code"] == "invalid_state"
    project = new_project(admin)
    member = Principal(
        "usr-admin-user", "human", "admin-user", "tnt-acme", project["id"], (), (project["id"],)
    )
    allocation = sim.launcher.create_allocation(member, sku_id="h200-sxm-slice", gpus_total=1)

    error = admin.error("DELETE", f"/v1/projects/{project['id']}", 409)
    assert error["code"] == "project_not_empty"
    assert error["details"] == {"project_id": project["id"], "allocations": 1}

    sim.allocation_book.release(member, allocation.id)
    sim.clock.advance(10)
    admin.ok("DELETE", f"/v1/projects/{project['id']}", 204)
    assert admin.error("GET", f"/v1/projects/{project['id']}", 404)["code"] == "project_not_found"


def test_project_with_a_service_account_is_not_empty(admin: As) -> None:
    project = new_project(admin)
    account = admin.ok(
        "POST",
        "/v1/service-accounts",
        201,
        json={"name": "bot", "principal_kind": "service", "project_id": project["id"]},
    )

    error = admin.error("DELETE", f"/v1/projects/{project['id']}", 409)
    assert error["details"]["service_accounts"] == 1

    admin.ok("DELETE", f"/v1/service-accounts/{account['id']}", 204)
    admin.ok("DELETE", f"/v1/projects/{project['id']}", 204)


def test_project_membership_rules(admin: As) -> None:
    project = new_project(admin)
    path = f"/v1/projects/{project['id']}/memberships"

    jane = {"principal_id": "usr-jane", "role": "project_member"}
    assert admin.error("POST", path, 422, json=jane)["code"] == "validation_error"
    wrong_scope = {"principal_id": "usr-dev-user", "role": "tenant_admin"}
    assert admin.error("POST", path, 422, json=wrong_scope)["code"] == "validation_error"
    dev = {"principal_id": "usr-dev-user", "role": "project_member"}
    admin.ok("POST", path, 201, json=dev)
    assert admin.error("POST", path, 409, json=dev)["code"] == "already_exists"

    admin.ok("DELETE", f"{path}/usr-dev-user", 204)
    assert admin.error("DELETE", f"{path}/usr-dev-user", 404)["code"] == "membership_not_found"
    tenant_members = items(admin, "/v1/tenants/tnt-acme/memberships")
    assert "usr-dev-user" in [m["principal_id"] for m in tenant_members]


# -- service accounts -------------------------------------------------------------------


def create_account(caller: As, **body: Any) -> dict[str, Any]:
    payload = {"name": "training-agent", "principal_kind": "agent", **body}
    return caller.ok("POST", "/v1/service-accounts", 201, json=payload)


def test_service_account_defaults_and_memberships(dev: As) -> None:
    account = create_account(dev, monthly_spend_cap_minor=50000, signing_required=True)

    assert account["id"].startswith("sa-")
    assert account["project_id"] == "prj-default" and account["tenant_id"] == "tnt-acme"
    assert account["roles"] == ["tenant_member", "project_member"]
    assert account["monthly_spend_cap_minor"] == 50000 and account["currency"] == "USD"
    assert account["spent_this_month_minor"] == 0 and account["signing_required"] is True
    assert dev.ok("GET", f"/v1/service-accounts/{account['id']}") == account
    assert items(dev, "/v1/service-accounts") == [account]
    assert items(dev, "/v1/service-accounts", project_id="prj-other") == []
    project_members = items(dev, "/v1/projects/prj-default/memberships", principal_kind="agent")
    assert [(m["principal_id"], m["role"]) for m in project_members] == [
        (account["id"], "project_member")
    ]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"roles": ["tenant_admin"]}, 403, "insufficient_permissions"),
        ({"roles": ["tenant_member", "tenant_admin"]}, 422, "validation_error"),
        ({"roles": ["owner"]}, 404, "role_not_found"),
        ({"currency": "EUR"}, 422, "validation_error"),
        ({"project_id": "prj-globex-default"}, 404, "project_not_found"),
        ({"principal_kind": "robot"}, 422, "validation_error"),
    ],
)
def test_service_account_refusals(dev: As, body: dict[str, Any], status: int, code: str) -> None:
    payload = {"name": "bot", "principal_kind": "agent", **body}
    assert dev.error("POST", "/v1/service-accounts", status, json=payload)["code"] == code


def test_an_account_granted_only_a_project_role_still_joins_the_tenant(dev: As) -> None:
    account = create_account(dev, roles=["project_viewer"])

    assert account["roles"] == ["tenant_member", "project_viewer"]
    members = items(dev, "/v1/tenants/tnt-acme/memberships", principal_kind="agent")
    assert [(m["principal_id"], m["role"]) for m in members] == [(account["id"], "tenant_member")]


def test_service_account_names_are_unique(dev: As) -> None:
    create_account(dev)
    error = dev.error(
        "POST",
        "/v1/service-accounts",
        409,
        json={"name": "training-agent", "principal_kind": "agent"},
    )
    assert error["code"] == "already_exists"


def test_deleting_an_account_revokes_keys_and_memberships(dev: As, sim: Simulator) -> None:
    account = create_account(dev)
    key = dev.ok("POST", f"/v1/service-accounts/{account['id']}/keys", 201)["key"]

    dev.ok("DELETE", f"/v1/service-accounts/{account['id']}", 204)

    assert sim.service_accounts.keys[key["id"]].status_at(sim.clock.now()) == "revoked"
    assert sim.service_accounts.verification_key(account["id"], key["id"]) is None
    assert sim.service_accounts.principal_of(account["id"]) is None
    members = items(dev, "/v1/tenants/tnt-acme/memberships")
    assert account["id"] not in [m["principal_id"] for m in members]
    error = dev.error("GET", f"/v1/service-accounts/{account['id']}", 404)
    assert error["code"] == "service_account_not_found"


# -- service-account keys -------------------------------------------------------------------


def public_pem(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def test_generated_key_returns_its_private_half_once(dev: As) -> None:
    account = create_account(dev, signing_required=True)
    path = f"/v1/service-accounts/{account['id']}/keys"

    created = dev.ok("POST", path, 201, headers={"Idempotency-Key": "k1"})
    private = serialization.load_pem_private_key(created["private_key_pem"].encode(), None)

    assert created["key"]["algorithm"] == "RS256" and created["key"]["status"] == "active"
    assert public_pem(private) == created["key"]["public_key_pem"]  # type: ignore[arg-type]
    assert created["signing_secret"].startswith("sgs_")
    assert created["previous_key_expires_at"] is None
    replay = dev.call("POST", path, headers={"Idempotency-Key": "k1"})
    assert replay.json() == created and replay.headers["Idempotent-Replayed"] == "true"
    assert items(dev, path) == [created["key"]]
    assert "private_key_pem" not in str(items(dev, path))


def test_registered_public_key(dev: As) -> None:
    account = create_account(dev)
    path = f"/v1/service-accounts/{account['id']}/keys"
    pem = public_pem(ec.generate_private_key(ec.SECP256R1()))

    created = dev.ok("POST", path, 201, json={"public_key_pem": pem})

    assert created["key"]["algorithm"] == "ES256" and created["key"]["public_key_pem"] == pem
    assert created["private_key_pem"] is None and created["signing_secret"] is None
    assert dev.error("POST", path, 409, json={"public_key_pem": pem})["code"] == "already_exists"


@pytest.mark.parametrize(
    "body",
    [
        {
            "public_key_pem": public_pem(ec.generate_private_key(ec.SECP256R1())),
            "algorithm": "RS256",
        },
        {"public_key_pem": public_pem(rsa.generate_private_key(65537, 1024))},
        {"public_key_pem": public_pem(ec.generate_private_key(ec.SECP384R1()))},
        {"public_key_pem": "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n"},
    ],
    ids=["algorithm-mismatch", "weak-rsa", "p384", "garbage"],
)
def test_unacceptable_public_keys(dev: As, body: dict[str, str]) -> None:
    account = create_account(dev)
    error = dev.error("POST", f"/v1/service-accounts/{account['id']}/keys", 422, json=body)
    assert error["code"] == "validation_error"


def test_rotation_keeps_the_old_key_for_the_grace(dev: As, sim: Simulator) -> None:
    account = create_account(dev)
    keys = f"/v1/service-accounts/{account['id']}/keys"
    old = dev.ok("POST", keys, 201, json={"algorithm": "ES256"})["key"]

    rotated = dev.ok("POST", f"{keys}/{old['id']}/rotate", json={"previous_key_grace_seconds": 600})

    new = rotated["key"]
    assert new["id"] != old["id"] and new["algorithm"] == "ES256"
    assert rotated["private_key_pem"].startswith("-----BEGIN PRIVATE KEY-----")
    expires = datetime.fromisoformat(rotated["previous_key_expires_at"])
    assert expires - datetime.fromisoformat(old["created_at"]) == timedelta(minutes=10)
    assert [(k["id"], k["status"]) for k in items(dev, keys)] == [
        (new["id"], "active"),
        (old["id"], "active"),
    ]
    assert sim.service_accounts.verification_key(account["id"], old["id"]) is not None
    again = dev.error("POST", f"{keys}/{old['id']}/rotate", 409)
    assert again["code"] == "invalid_state"

    sim.clock.advance(600)  # within the access token's 900 s

    assert [k["id"] for k in items(dev, keys, status="expired")] == [old["id"]]
    assert sim.service_accounts.verification_key(account["id"], old["id"]) is None


def test_revocation(dev: As, sim: Simulator) -> None:
    account = create_account(dev)
    keys = f"/v1/service-accounts/{account['id']}/keys"
    key = dev.ok("POST", keys, 201, json={"algorithm": "ES256"})["key"]

    dev.ok("DELETE", f"{keys}/{key['id']}", 204)
    dev.ok("DELETE", f"{keys}/{key['id']}", 204)

    listed = items(dev, keys, status="revoked")
    assert [k["id"] for k in listed] == [key["id"]] and listed[0]["revoked_at"] is not None
    assert dev.error("POST", f"{keys}/{key['id']}/rotate", 409)["code"] == "invalid_state"
    assert dev.error("DELETE", f"{keys}/sak-nope", 404)["code"] == "key_not_found"
    assert sim.service_accounts.verification_key(account["id"], key["id"]) is None


def test_keys_need_project_admin(admin: As, client: TestClient) -> None:
    project = new_project(admin)
    account = create_account(admin, project_id=project["id"])
    dev = As(client, "dev-user", "dev123")

    error = dev.error("POST", f"/v1/service-accounts/{account['id']}/keys", 403)

    assert error["code"] == "insufficient_permissions"


# -- SSH keys ----------------------------------------------------------------------------


def openssh(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
    )


def fingerprint(line: str) -> str:
    blob = base64.b64decode(line.split()[1])
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def test_ssh_key_fingerprint_matches_ssh_keygen(dev: As) -> None:
    key = dev.ok("POST", "/v1/ssh-keys", 201, json={"name": "laptop", "public_key": ED25519})

    assert key["id"].startswith("key-")
    assert key["fingerprint"] == ED25519_FINGERPRINT
    assert key["public_key"] == ED25519
    assert dev.ok("GET", f"/v1/ssh-keys/{key['id']}") == key


@pytest.mark.parametrize(
    "private",
    [rsa.generate_private_key(65537, 2048), ec.generate_private_key(ec.SECP384R1())],
    ids=["rsa", "ecdsa"],
)
def test_rsa_and_ecdsa_keys(dev: As, private: Any) -> None:
    line = openssh(private) + " me@box"
    key = dev.ok("POST", "/v1/ssh-keys", 201, json={"name": "box", "public_key": line})
    assert key["fingerprint"] == fingerprint(line)


@pytest.mark.parametrize(
    "public_key",
    [
        "not a key",
        "ssh-ed25519 !!!notbase64",
        "ssh-ed25519 " + base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519").decode(),
        "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
        openssh(rsa.generate_private_key(65537, 1024)),
        # An RSA blob declared as ed25519.
        "ssh-ed25519 " + openssh(rsa.generate_private_key(65537, 2048)).split()[1],
    ],
    ids=["no-type", "bad-base64", "truncated", "dss", "weak-rsa", "type-mismatch"],
)
def test_unparseable_ssh_keys_are_refused(dev: As, public_key: str) -> None:
    error = dev.error("POST", "/v1/ssh-keys", 422, json={"name": "bad", "public_key": public_key})
    assert error["code"] == "validation_error"


def test_duplicate_fingerprint_names_the_existing_key(dev: As, admin: As) -> None:
    first = dev.ok("POST", "/v1/ssh-keys", 201, json={"name": "laptop", "public_key": ED25519})
    same_key = ED25519.rsplit(" ", 1)[0] + " other-comment"

    error = dev.error("POST", "/v1/ssh-keys", 409, json={"name": "again", "public_key": same_key})

    assert error["code"] == "already_exists" and error["details"]["ssh_key_id"] == first["id"]
    # Another principal may add the same key: keys belong to their owner.
    admin.ok("POST", "/v1/ssh-keys", 201, json={"name": "laptop", "public_key": ED25519})


def test_ssh_keys_are_private_and_listed_newest_first(dev: As, admin: As) -> None:
    first = dev.ok("POST", "/v1/ssh-keys", 201, json={"name": "a", "public_key": ED25519})
    second_line = openssh(ec.generate_private_key(ec.SECP256R1()))
    second = dev.ok("POST", "/v1/ssh-keys", 201, json={"name": "b", "public_key": second_line})

    assert [k["id"] for k in items(dev, "/v1/ssh-keys")] == [second["id"], first["id"]]
    assert items(admin, "/v1/ssh-keys") == []
    assert admin.error("GET", f"/v1/ssh-keys/{first['id']}", 404)["code"] == "ssh_key_not_found"

    dev.ok("DELETE", f"/v1/ssh-keys/{first['id']}", 204)
    assert dev.error("DELETE", f"/v1/ssh-keys/{first['id']}", 404)["code"] == "ssh_key_not_found"
    assert [k["id"] for k in items(dev, "/v1/ssh-keys")] == [second["id"]]


# -- price quotes ------------------------------------------------------------------------


def quote(caller: As, status: int = 200, **body: Any) -> dict[str, Any]:
    payload = {"sku": "h200-sxm-slice", "gpus_total": 8, "hours": 24, **body}
    if status != 200:
        return caller.error("POST", "/v1/catalog/quotes", status, json=payload)
    return dict(caller.ok("POST", "/v1/catalog/quotes", json=payload))


def test_quote_prices_the_contract_example(dev: As, sim: Simulator) -> None:
    answer = quote(dev, region_code="us-buffalo-1")

    assert answer["total_minor"] == 349 * 8 * 24 == 67008
    assert answer["price_per_gpu_hour_minor"] == 349 and answer["currency"] == "USD"
    assert answer["region_code"] == "us-buffalo-1" and answer["hours"] == 24
    valid_until = datetime.fromisoformat(answer["valid_until"])
    assert valid_until - sim.clock.now() == timedelta(minutes=15)


def test_quote_rounds_halves_up(dev: As) -> None:
    assert quote(dev, gpus_total=1, hours=0.5)["total_minor"] == 175  # 174.5
    assert quote(dev, gpus_total=3, hours=0.1)["total_minor"] == 105  # 104.7


def test_quote_picks_the_first_region_with_room(dev: As, sim: Simulator) -> None:
    for _ in range(4):  # all 32 H100s of us-buffalo-1
        response = dev.call(
            "POST",
            "/v1/allocations",
            json={"sku": "h100-sxm-slice", "gpus_total": 8, "region_code": "us-buffalo-1"},
        )
        assert response.status_code == 201, response.text

    assert quote(dev, sku="h100-sxm-slice")["region_code"] == "eu-helsinki-1"
    error = quote(dev, 409, sku="h100-sxm-slice", region_code="us-buffalo-1")
    assert error["code"] == "sku_unavailable"
    assert error["details"]["available_gpus"] == {"us-buffalo-1": 0}


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"sku": "tpu-v9"}, 404, "sku_not_found"),
        ({"gpus_total": 9}, 422, "validation_error"),
        ({"region_code": "eu-helsinki-1"}, 422, "validation_error"),
        ({"hours": 0}, 422, "validation_error"),
        ({"hours": True}, 422, "validation_error"),
    ],
)
def test_quote_refusals(dev: As, body: dict[str, Any], status: int, code: str) -> None:
    assert quote(dev, status, **body)["code"] == code


# -- connection details ---------------------------------------------------------------------


def test_connection_only_while_active(dev: As, sim: Simulator) -> None:
    allocation = dev.ok(
        "POST", "/v1/allocations", 201, json={"sku": "h200-sxm-slice", "gpus_total": 1}
    )
    path = f"/v1/allocations/{allocation['id']}/connection"

    pending = dev.error("GET", path, 409)
    assert pending["code"] == "allocation_not_active"
    assert pending["details"] == {"allocation_id": allocation["id"], "status": "pending"}

    sim.clock.advance(3)
    assert dev.ok("GET", path) == dev.ok("GET", f"/v1/allocations/{allocation['id']}")["connection"]

    dev.ok("POST", f"/v1/allocations/{allocation['id']}/release")
    assert dev.error("GET", path, 409)["details"]["status"] == "releasing"
    error = dev.error("GET", "/v1/allocations/alloc-nope/connection", 404)
    assert error["code"] == "allocation_not_found"


# -- memberships reach tokens issued before them ------------------------------------------


def test_a_project_membership_change_reaches_an_existing_token(dev: As, admin: As) -> None:
    project = new_project(admin)
    path = f"/v1/projects/{project['id']}"
    allocation = {"sku": "l40s-slice", "gpus_total": 1, "project_id": project["id"]}
    assert dev.error("GET", path, 404)["code"] == "project_not_found"
    assert dev.error("POST", "/v1/allocations", 404, json=allocation)["code"] == "not_found"

    member = {"principal_id": "usr-dev-user", "role": "project_member"}
    admin.ok("POST", f"{path}/memberships", 201, json=member)

    assert dev.ok("GET", path)["id"] == project["id"]
    assert dev.ok("POST", "/v1/allocations", 201, json=allocation)["project_id"] == project["id"]

    admin.ok("DELETE", f"{path}/memberships/usr-dev-user", 204)

    assert dev.error("GET", path, 404)["code"] == "project_not_found"
    assert dev.error("POST", "/v1/allocations", 404, json=allocation)["code"] == "not_found"


def test_a_tenant_admin_may_use_projects_created_after_its_login(admin: As) -> None:
    project = new_project(admin, name="later")
    body = {"sku": "l40s-slice", "gpus_total": 1, "project_id": project["id"]}

    assert admin.ok("POST", "/v1/allocations", 201, json=body)["project_id"] == project["id"]


def test_whoami_roles_follow_the_memberships(dev: As, admin: As, sim: Simulator) -> None:
    assert dev.ok("GET", "/v1/auth/whoami")["roles"] == ["tenant_member"]
    sim.iam.tenant_members[("tnt-acme", "usr-dev-user")] = replace(
        sim.iam.tenant_members[("tnt-acme", "usr-dev-user")], role="tenant_admin"
    )  # no operation changes a tenant role yet; the book is where it would land

    assert dev.ok("GET", "/v1/auth/whoami")["roles"] == ["tenant_admin"]
    assert admin.ok("GET", "/v1/auth/whoami")["roles"] == ["tenant_admin", "platform_admin"]


def test_an_unknown_principal_cannot_join_a_project(admin: As) -> None:
    project = new_project(admin)
    body = {"principal_id": "usr-nobody", "role": "project_member"}

    error = admin.error("POST", f"/v1/projects/{project['id']}/memberships", 404, json=body)

    assert error["code"] == "not_found"
    assert error["details"] == {"principal_id": "usr-nobody"}


def test_membership_changes_are_audited(admin: As, sim: Simulator) -> None:
    project = new_project(admin)
    member = {"principal_id": "usr-jane", "role": "tenant_member"}
    admin.ok("POST", "/v1/tenants/tnt-acme/memberships", 201, json=member)
    admin.ok(
        "POST",
        f"/v1/projects/{project['id']}/memberships",
        201,
        json={"principal_id": "usr-jane", "role": "project_viewer"},
    )
    admin.ok("DELETE", "/v1/tenants/tnt-acme/memberships/usr-jane", 204)
    admin.call("DELETE", "/v1/tenants/tnt-acme/memberships/usr-jane")  # gone: failed

    events = [(e.action, e.resource_id, e.outcome) for e in sim.audit.query()]

    assert events == [
        ("project.create", project["id"], "success"),
        ("tenant_membership.create", "usr-jane", "success"),
        ("project_membership.create", "usr-jane", "success"),
        ("tenant_membership.delete", "usr-jane", "success"),
        ("tenant_membership.delete", "usr-jane", "failed"),
    ]
