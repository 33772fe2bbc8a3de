"""IAM through the facade, sync and async, over real HTTP: `client.iam`, `client.projects`,
`client.service_accounts`, `client.ssh_keys`, `client.catalog.quote` and
`client.allocations.connection`."""

import asyncio
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import (
    AllocationNotActive,
    AlreadyExists,
    ArgumentError,
    InsufficientPermissions,
    InvalidState,
    ProjectNotEmpty,
    ProjectNotFound,
    ServiceAccountNotFound,
    SSHKeyNotFound,
    TenantNotFound,
    ValidationError,
)
from gpuaas_sim.platform.identity import Principal

ED25519 = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINT3XvvfDdZA1PwxErlt4hq2ZuRLMYbCefu+k+vBL580 dev@laptop"
)


def ecdsa_line() -> str:
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    return key.public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    ).decode()


@pytest.fixture
def admin(base_url: str) -> Iterator[Client]:
    with Client(base_url, auth=DevPasswordAuth("admin-user", "admin123")) as c:
        yield c


def admin_async(base_url: str) -> AsyncClient:
    return AsyncClient(base_url, auth=DevPasswordAuth("admin-user", "admin123"))


def dev_async(base_url: str) -> AsyncClient:
    return AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123"))


# -- client.iam ------------------------------------------------------------------------


def test_tenants_memberships_and_roles(client: Client, admin: Client) -> None:
    tenant = client.iam.get_tenant(client.context.tenant_id)
    assert [t.id for t in client.iam.list_tenants()] == [tenant.id] == ["tnt-acme"]
    assert tenant.quotas.max_projects == 20
    with pytest.raises(TenantNotFound):
        client.iam.get_tenant("tnt-globex")
    assert [r.name for r in client.iam.list_roles(scope="tenant")] == [
        "tenant_admin",
        "tenant_member",
    ]

    with pytest.raises(InsufficientPermissions):
        client.iam.add_membership("tnt-acme", principal_id="usr-jane", role="tenant_member")
    jane = admin.iam.add_membership("tnt-acme", principal_id="usr-jane", role="tenant_member")
    with pytest.raises(AlreadyExists):
        admin.iam.add_membership("tnt-acme", principal_id="usr-jane", role="tenant_member")

    members = [m.principal_id for m in client.iam.list_memberships("tnt-acme", page_size=1)]
    assert members == ["usr-admin-user", "usr-dev-user", "usr-jane"]
    assert jane.display_name == "jane" and str(jane.principal_kind) == "human"
    admin.iam.remove_membership("tnt-acme", "usr-jane")
    assert [m.principal_id for m in admin.iam.list_memberships("tnt-acme")] == [
        "usr-admin-user",
        "usr-dev-user",
    ]
    with pytest.raises(InvalidState) as last_admin:
        admin.iam.remove_membership("tnt-acme", "usr-admin-user")
    assert last_admin.value.details["state"] == "last_tenant_admin"


def test_iam_async(base_url: str) -> None:
    async def scenario() -> tuple[list[str], list[str], str]:
        async with dev_async(base_url) as dev, admin_async(base_url) as admin:
            tenants = [t.id async for t in dev.iam.list_tenants()]
            roles = [r.name async for r in dev.iam.list_roles(scope="project")]
            added = await admin.iam.add_membership(
                "tnt-acme", principal_id="usr-jane", role="tenant_member"
            )
            with pytest.raises(AlreadyExists):
                await admin.iam.add_membership(
                    "tnt-acme", principal_id="usr-jane", role="tenant_member"
                )
            await admin.iam.remove_membership("tnt-acme", "usr-jane")
            with pytest.raises(TenantNotFound):
                await dev.iam.get_tenant("tnt-globex")
            return tenants, roles, added.role

    tenants, roles, role = asyncio.run(scenario())

    assert tenants == ["tnt-acme"]
    assert roles == ["project_admin", "project_member", "project_viewer"]
    assert role == "tenant_member"


# -- client.projects ---------------------------------------------------------------------


def test_project_lifecycle(client: Client, admin: Client, sim) -> None:
    project = admin.projects.create(name="llm-finetune", description="Fine-tuning runs.")
    with pytest.raises(AlreadyExists):
        admin.projects.create(name="llm-finetune")
    with pytest.raises(InsufficientPermissions):
        client.projects.create(name="mine")

    renamed = admin.projects.update(project.id, name="llm-train")
    cleared = admin.projects.update(project.id, description=None)
    with pytest.raises(ArgumentError):
        admin.projects.update(project.id)

    assert renamed.name == "llm-train" and renamed.description == "Fine-tuning runs."
    assert cleared.name == "llm-train" and cleared.description is None
    assert [p.id for p in client.projects.list()] == ["prj-default"]
    admin.projects.memberships.add(project.id, principal_id="usr-dev-user", role="project_member")
    assert [p.id for p in client.projects.list(page_size=1)] == ["prj-default", project.id]
    assert [(m.principal_id, m.role) for m in client.projects.memberships.list(project.id)] == [
        ("usr-admin-user", "project_admin"),
        ("usr-dev-user", "project_member"),
    ]
    admin.projects.memberships.remove(project.id, "usr-dev-user")
    with pytest.raises(ProjectNotFound):
        client.projects.get(project.id)


def test_a_project_with_a_live_allocation_is_not_deleted(admin: Client, sim) -> None:
    project = admin.projects.create(name="busy")
    member = Principal(
        "usr-admin-user", "human", "admin-user", "tnt-acme", project.id, (), (project.id,)
    )
    allocation = sim.launcher.create_allocation(member, sku_id="h200-sxm-slice", gpus_total=1)

    with pytest.raises(ProjectNotEmpty) as busy:
        admin.projects.delete(project.id)
    assert busy.value.details["allocations"] == 1
    with pytest.raises(InvalidState):
        admin.projects.delete("prj-default")

    sim.allocation_book.release(member, allocation.id)
    sim.clock.advance(10)
    admin.projects.delete(project.id)
    with pytest.raises(ProjectNotFound):
        admin.projects.get(project.id)


def test_projects_async(base_url: str) -> None:
    async def scenario() -> tuple[str, str | None, list[str]]:
        async with admin_async(base_url) as admin:
            project = await admin.projects.create(name="async-proj", description="d")
            with pytest.raises(AlreadyExists):
                await admin.projects.create(name="async-proj")
            updated = await admin.projects.update(project.id, name="async-renamed")
            await admin.projects.memberships.add(
                project.id, principal_id="usr-dev-user", role="project_viewer"
            )
            members = [m.principal_id async for m in admin.projects.memberships.list(project.id)]
            await admin.projects.memberships.remove(project.id, "usr-dev-user")
            await admin.projects.delete(project.id)
            with pytest.raises(ProjectNotFound):
                await admin.projects.get(project.id)
            return updated.name, updated.description, members

    name, description, members = asyncio.run(scenario())

    assert (name, description) == ("async-renamed", "d")
    assert members == ["usr-admin-user", "usr-dev-user"]


# -- client.service_accounts -------------------------------------------------------------


def test_service_account_and_key_lifecycle(client: Client, sim) -> None:
    account = client.service_accounts.create(
        name="training-agent",
        principal_kind="agent",
        monthly_spend_cap_minor=50000,
        signing_required=True,
    )
    with pytest.raises(AlreadyExists):
        client.service_accounts.create(name="training-agent", principal_kind="agent")

    created = client.service_accounts.keys.create(account.id)
    private = serialization.load_pem_private_key(str(created.private_key_pem).encode(), None)
    rotated = client.service_accounts.keys.rotate(
        account.id, created.key.id, algorithm="ES256", previous_key_grace_seconds=60
    )
    active = [k.id for k in client.service_accounts.keys.list(account.id, status="active")]
    client.service_accounts.keys.revoke(account.id, rotated.key.id)
    revoked = [k.id for k in client.service_accounts.keys.list(account.id, status="revoked")]

    assert account.roles == ["tenant_member", "project_member"]
    assert client.service_accounts.get(account.id).monthly_spend_cap_minor == 50000
    assert [a.id for a in client.service_accounts.list(project_id="prj-default")] == [account.id]
    assert (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
        == created.key.public_key_pem
    )
    assert str(created.signing_secret).startswith("sgs_")
    assert str(rotated.key.algorithm) == "ES256" and rotated.previous_key_expires_at is not None
    assert active == [rotated.key.id, created.key.id]
    assert revoked == [rotated.key.id]
    assert sim.service_accounts.verification_key(account.id, created.key.id) is not None
    with pytest.raises(InvalidState):
        client.service_accounts.keys.rotate(account.id, created.key.id)

    client.service_accounts.delete(account.id)
    with pytest.raises(ServiceAccountNotFound):
        client.service_accounts.get(account.id)


def test_a_registered_public_key_has_no_private_half(client: Client) -> None:
    account = client.service_accounts.create(name="svc", principal_kind="service")
    pem = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )

    created = client.service_accounts.keys.create(account.id, public_key_pem=pem)

    assert created.private_key_pem is None and created.signing_secret is None
    with pytest.raises(AlreadyExists):
        client.service_accounts.keys.create(account.id, public_key_pem=pem)
    with pytest.raises(ValidationError):
        client.service_accounts.keys.create(account.id, public_key_pem=pem, algorithm="RS256")


def test_service_accounts_async(base_url: str) -> None:
    async def scenario() -> tuple[str, list[str], bool]:
        async with dev_async(base_url) as dev:
            account = await dev.service_accounts.create(name="bot", principal_kind="agent")
            created = await dev.service_accounts.keys.create(account.id, algorithm="ES256")
            rotated = await dev.service_accounts.keys.rotate(account.id, created.key.id)
            await dev.service_accounts.keys.revoke(account.id, created.key.id)
            keys = [str(k.status) async for k in dev.service_accounts.keys.list(account.id)]
            listed = [a.id async for a in dev.service_accounts.list()]
            await dev.service_accounts.delete(account.id)
            with pytest.raises(ServiceAccountNotFound):
                await dev.service_accounts.get(account.id)
            return str(rotated.key.algorithm), keys, listed == [account.id]

    algorithm, statuses, listed = asyncio.run(scenario())

    assert algorithm == "ES256"  # a generated rotation keeps the rotated key's algorithm
    assert statuses == ["active", "revoked"]
    assert listed


# -- client.ssh_keys ------------------------------------------------------------------------


def test_ssh_keys(client: Client) -> None:
    laptop = client.ssh_keys.add(name="laptop", public_key=ED25519)
    desktop = client.ssh_keys.add(name="desktop", public_key=ecdsa_line())
    with pytest.raises(AlreadyExists) as duplicate:
        client.ssh_keys.add(name="again", public_key=ED25519)
    with pytest.raises(ValidationError):
        client.ssh_keys.add(name="bad", public_key="ssh-ed25519 not-a-key")

    assert laptop.fingerprint == "SHA256:RfZxnd8QvnlF11GchvLSODXRNDYfx9SiAbb/Trapikg"
    assert duplicate.value.details["ssh_key_id"] == laptop.id
    assert [k.id for k in client.ssh_keys.list(page_size=1)] == [desktop.id, laptop.id]
    assert client.ssh_keys.get(laptop.id).name == "laptop"

    client.ssh_keys.delete(laptop.id)
    with pytest.raises(SSHKeyNotFound):
        client.ssh_keys.get(laptop.id)
    with pytest.raises(SSHKeyNotFound):
        client.ssh_keys.delete(laptop.id)


def test_ssh_keys_async(base_url: str) -> None:
    async def scenario() -> tuple[list[str], str]:
        async with dev_async(base_url) as dev:
            key = await dev.ssh_keys.add(name="laptop", public_key=ED25519)
            with pytest.raises(AlreadyExists):
                await dev.ssh_keys.add(name="laptop-2", public_key=ED25519)
            listed = [k.id async for k in dev.ssh_keys.list()]
            fetched = await dev.ssh_keys.get(key.id)
            await dev.ssh_keys.delete(key.id)
            with pytest.raises(SSHKeyNotFound):
                await dev.ssh_keys.delete(key.id)
            assert listed == [key.id]
            return listed, fetched.fingerprint

    listed, fingerprint = asyncio.run(scenario())

    assert len(listed) == 1 and fingerprint.startswith("SHA256:")


# -- client.catalog.quote and client.allocations.connection ---------------------------------


def test_quote_and_connection(client: Client) -> None:
    quote = client.catalog.quote(sku="h200-sxm-slice", gpus_total=8, hours=24)
    alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
    with pytest.raises(AllocationNotActive):
        client.allocations.connection(alloc.id)
    active = client.allocations.wait_for(alloc.id, timeout=30)

    assert quote.total_minor == 67008 and quote.region_code == "us-buffalo-1"
    assert client.allocations.connection(alloc.id) == active.connection


def test_quote_and_connection_async(base_url: str) -> None:
    async def scenario() -> tuple[int, bool]:
        async with dev_async(base_url) as dev:
            quote = await dev.catalog.quote(sku="h200-sxm-slice", gpus_total=1, hours=0.5)
            with pytest.raises(ValidationError):
                await dev.catalog.quote(sku="h200-sxm-slice", gpus_total=9, hours=1)
            alloc = await dev.allocations.create(sku="h200-sxm-slice", gpus_total=1)
            active = await dev.allocations.wait_for(alloc.id, timeout=30)
            connection = await dev.allocations.connection(alloc.id)
            return quote.total_minor, connection == active.connection

    total, same = asyncio.run(scenario())

    assert total == 175  # 349 x 0.5 = 174.5, halves up
    assert same


# -- memberships reach tokens already issued ----------------------------------------------


def test_a_project_membership_reaches_a_logged_in_client(client: Client, admin: Client) -> None:
    client.auth.whoami()  # logged in before the project exists
    project = admin.projects.create(name="reach")
    with pytest.raises(ProjectNotFound):
        client.projects.get(project.id)

    admin.projects.memberships.add(project.id, principal_id="usr-dev-user", role="project_member")
    allocation = client.allocations.create(sku="l40s-slice", gpus_total=1, project_id=project.id)
    admin.projects.memberships.remove(project.id, "usr-dev-user")

    assert allocation.project_id == project.id
    with pytest.raises(ProjectNotFound):
        client.projects.get(project.id)


def test_a_project_membership_reaches_a_logged_in_client_async(base_url: str) -> None:
    async def scenario() -> tuple[str, bool]:
        async with dev_async(base_url) as dev, admin_async(base_url) as admin:
            await dev.auth.whoami()
            project = await admin.projects.create(name="reach-async")
            await admin.projects.memberships.add(
                project.id, principal_id="usr-dev-user", role="project_viewer"
            )
            seen = (await dev.projects.get(project.id)).id
            await admin.projects.memberships.remove(project.id, "usr-dev-user")
            try:
                await dev.projects.get(project.id)
            except ProjectNotFound:
                return seen, True
            return seen, False

    project_id, refused_after = asyncio.run(scenario())

    assert project_id.startswith("prj-")
    assert refused_after
