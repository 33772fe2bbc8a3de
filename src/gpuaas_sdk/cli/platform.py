"""The rest of the platform as `list` and `get`: projects, IAM, SSH keys, service
accounts, webhooks, apps, nodes, ops and audit, and `apps logs -f`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import typer

from .._sync.client import Client
from ..errors import ConfigurationError
from .billing import instant
from .output import Columns, View, money, show, show_item, size, to_data
from .session import current

Lister = Callable[[Client], Iterable[Any]]
Getter = Callable[[Client, str], Any]
ChildLister = Callable[[Client, str], Iterable[Any]]


@dataclass(frozen=True)
class Child:
    """A collection under one item: `gpuaas projects members PROJECT_ID`."""

    name: str
    help: str
    lister: ChildLister
    columns: View = None
    parent: str = "ID"


LIMIT = typer.Option(None, "--limit", min=1, help="At most this many.")


def list_get(
    help: str,
    lister: Lister,
    getter: Getter | None,
    columns: View = None,
    noun: str = "ID",
    children: Sequence[Child] = (),
) -> typer.Typer:
    """A group with `list` (every item, all pages), `get ID` given a getter, and children."""
    group = typer.Typer(help=help, no_args_is_help=True)

    def list_items(limit: int | None = LIMIT) -> None:
        show(to_data(list(islice(lister(current().client()), limit))), columns)

    list_items.__doc__ = f"List them. {help}"
    group.command("list")(list_items)
    if getter is not None:

        def get(item_id: str = typer.Argument(..., metavar=noun)) -> None:
            show(to_data(getter(current().client(), item_id)))

        get.__doc__ = "Show one, every field."
        group.command("get")(get)
    for child in children:
        group.command(child.name)(_child_command(child))
    return group


def _child_command(child: Child) -> Callable[..., None]:
    def list_children(
        parent_id: str = typer.Argument(..., metavar=child.parent), limit: int | None = LIMIT
    ) -> None:
        items = child.lister(current().client(), parent_id)
        show(to_data(list(islice(items, limit))), child.columns)

    list_children.__doc__ = child.help
    return list_children


def register(app: typer.Typer) -> None:
    """Add the groups of the rest of the platform to the root."""
    app.add_typer(
        list_get(
            "Projects of the tenant.",
            lambda c: c.projects.list(),
            lambda c, i: c.projects.get(i),
            Columns([("ID", "id"), ("NAME", "name"), ("DESCRIPTION", "description")]),
            children=[
                Child(
                    "members",
                    "The project's members and their roles.",
                    lambda c, i: c.projects.memberships.list(i),
                    Columns(
                        [
                            ("PRINCIPAL", "principal_id"),
                            ("NAME", "display_name"),
                            ("KIND", "principal_kind"),
                            ("ROLE", "role"),
                        ]
                    ),
                    parent="PROJECT_ID",
                )
            ],
        ),
        name="projects",
    )
    app.add_typer(
        list_get(
            "Your SSH keys.",
            lambda c: c.ssh_keys.list(),
            lambda c, i: c.ssh_keys.get(i),
            Columns([("ID", "id"), ("NAME", "name"), ("FINGERPRINT", "fingerprint")]),
        ),
        name="ssh-keys",
    )
    app.add_typer(
        list_get(
            "Service accounts (machine identities) and their spend.",
            lambda c: c.service_accounts.list(),
            lambda c, i: c.service_accounts.get(i),
            Columns(
                [
                    ("ID", "id"),
                    ("NAME", "name"),
                    ("KIND", "principal_kind"),
                    ("PROJECT", "project_id"),
                    ("SPENT", "spent_this_month_minor"),
                    ("CAP", "monthly_spend_cap_minor"),
                ]
            ),
            children=[
                Child(
                    "keys",
                    "The account's keys (public halves), newest first.",
                    lambda c, i: c.service_accounts.keys.list(i),
                    Columns([("ID", "id"), ("STATUS", "status"), ("EXPIRES", "expires_at")]),
                    parent="SERVICE_ACCOUNT_ID",
                )
            ],
        ),
        name="service-accounts",
    )
    app.add_typer(
        list_get(
            "Webhooks: where events are delivered.",
            lambda c: c.webhooks.list(),
            lambda c, i: c.webhooks.get(i),
            Columns([("ID", "id"), ("URL", "url"), ("EVENTS", "event_types")]),
            children=[
                Child(
                    "deliveries",
                    "The webhook's deliveries, newest first.",
                    lambda c, i: c.webhooks.deliveries(i),
                    Columns(
                        [
                            ("ID", "id"),
                            ("EVENT", "event.type"),
                            ("ATTEMPT", "attempt"),
                            ("STATUS", "status_code"),
                            ("OK", "success"),
                            ("AT", "delivered_at"),
                        ]
                    ),
                    parent="WEBHOOK_ID",
                )
            ],
        ),
        name="webhooks",
    )
    for name, help, attribute, columns in _COMMITMENTS:
        app.add_typer(
            list_get(
                help,
                _lister(attribute),
                _getter(attribute),
                columns,
            ),
            name=name,
        )
    app.add_typer(_iam(), name="iam")
    app.add_typer(_apps(), name="apps")
    app.add_typer(
        list_get(
            "GPU nodes of the platform (platform admins).",
            lambda c: c.nodes.list(),
            lambda c, i: c.nodes.get(i),
            Columns(
                [
                    ("ID", "id"),
                    ("REGION", "region_code"),
                    ("GPU", "gpu_model"),
                    ("GPUS", "gpus_total"),
                    ("ALLOCATED", "gpus_allocated"),
                    ("STATUS", "status"),
                ]
            ),
        ),
        name="nodes",
    )
    app.add_typer(_ops(), name="ops")
    app.add_typer(_audit(), name="audit")
    app.command("health")(health)


_COMMITMENTS: tuple[tuple[str, str, str, View], ...] = (
    (
        "fleets",
        "Fleets: many allocations made all or nothing.",
        "fleets",
        Columns(
            [
                ("ID", "id"),
                ("STATUS", "status"),
                ("SKU", "sku"),
                ("COUNT", "count"),
                ("ACTIVE", "active_count"),
                ("REGION", "region_code"),
                ("CREATED", "created_at"),
            ]
        ),
    ),
    (
        "reservations",
        "Reservations: GPUs held for a period at a fixed price.",
        "reservations",
        Columns(
            [
                ("ID", "id"),
                ("STATUS", "status"),
                ("SKU", "sku"),
                ("GPUS", "gpus_total"),
                ("START", "start"),
                ("END", "end"),
                ("TOTAL", lambda r: money(r.get("total_minor"), r.get("currency"))),
            ]
        ),
    ),
    (
        "volumes",
        "Volumes: block storage attached to allocations.",
        "volumes",
        Columns(
            [
                ("ID", "id"),
                ("NAME", "name"),
                ("SIZE", lambda v: f"{v['size_gb']} GB"),
                ("REGION", "region_code"),
                ("STATUS", "status"),
                ("ATTACHED TO", "attachment.allocation_id"),
            ]
        ),
    ),
    (
        "spend-grants",
        "Spend grants: money set aside for a project, with what is left.",
        "spend_grants",
        Columns(
            [
                ("ID", "id"),
                ("NAME", "name"),
                ("STATUS", "status"),
                ("AMOUNT", lambda g: money(g.get("amount_minor"), g.get("currency"))),
                ("REMAINING", lambda g: money(g.get("remaining_minor"), g.get("currency"))),
                ("EXPIRES", "expires_at"),
            ]
        ),
    ),
)
"""Areas listed and shown alike: (command, help, client attribute, table columns)."""


def _lister(attribute: str) -> Lister:
    return lambda client: getattr(client, attribute).list()


def _getter(attribute: str) -> Getter:
    return lambda client, item_id: getattr(client, attribute).get(item_id)


def health() -> None:
    """Whether the platform answers, and its version (needs no credentials)."""
    session = current()
    try:
        client = session.client()
    except ConfigurationError:  # no credentials: the health check needs only the URL
        client = session.anonymous_client()
    show(to_data(client.health.check()))


def _iam() -> typer.Typer:
    group = typer.Typer(help="Tenants, their memberships and the roles.", no_args_is_help=True)
    group.add_typer(
        list_get(
            "Tenants you can see.",
            lambda c: c.iam.list_tenants(),
            lambda c, i: c.iam.get_tenant(i),
            Columns([("ID", "id"), ("NAME", "name"), ("PROJECT", "default_project_id")]),
        ),
        name="tenants",
    )
    group.add_typer(
        list_get("Roles that can be granted.", lambda c: c.iam.list_roles(), None),
        name="roles",
    )
    return group


APP_INSTANCES = Columns(
    [
        ("ID", "id"),
        ("APP", "app_slug"),
        ("NAME", "name"),
        ("STATUS", "status"),
        ("HEAD", "head_allocation_id"),
        ("PROJECT", "project_id"),
    ]
)


def _apps() -> typer.Typer:
    group = typer.Typer(help="Apps: the catalog, running instances, their logs.")
    group.add_typer(
        list_get(
            "Apps that can be launched.",
            lambda c: c.apps.catalog.list(),
            lambda c, i: c.apps.catalog.get(i),
            Columns(
                [
                    ("SLUG", "slug"),
                    ("NAME", "name"),
                    ("VERSION", "version"),
                    ("CATEGORY", "category"),
                    ("MIN GPUS", "min_gpus"),
                ]
            ),
            noun="SLUG",
        ),
        name="catalog",
    )
    group.add_typer(
        list_get(
            "Running app instances.",
            lambda c: c.apps.instances.list(),
            lambda c, i: c.apps.instances.get(i),
            APP_INSTANCES,
            children=[
                Child(
                    "members",
                    "The instance's allocations: the head first, then workers.",
                    lambda c, i: c.apps.instances.members.list(i),
                    Columns(
                        [
                            ("ALLOCATION", "allocation_id"),
                            ("ROLE", "role"),
                            ("STATUS", "status"),
                            ("JOINED", "joined_at"),
                        ]
                    ),
                    parent="INSTANCE_ID",
                )
            ],
        ),
        name="instances",
    )
    group.command("artifacts")(
        _child_command(
            Child(
                "artifacts",
                "The app's build artifacts, newest first.",
                lambda c, slug: c.apps.artifacts.list(slug),
                Columns(
                    [
                        ("ID", "id"),
                        ("VERSION", "version"),
                        ("CHANNELS", "channels"),
                        ("SIZE", lambda a: size(a.get("size_bytes"))),
                        ("CREATED", "created_at"),
                    ]
                ),
                parent="SLUG",
            )
        )
    )
    group.command("entitlements")(
        _child_command(
            Child(
                "entitlements",
                "The projects entitled to run the app.",
                lambda c, slug: c.apps.entitlements.list(slug),
                Columns(
                    [
                        ("ID", "id"),
                        ("PROJECT", "project_id"),
                        ("GRANTED BY", "granted_by"),
                        ("EXPIRES", "expires_at"),
                    ]
                ),
                parent="SLUG",
            )
        )
    )
    group.command("logs")(app_logs)
    return group


def app_logs(
    instance_id: str = typer.Argument(..., metavar="INSTANCE_ID"),
    follow: bool = typer.Option(False, "--follow", "-f", help="Go on with new lines."),
    since: str | None = typer.Option(None, help="Only lines since then (RFC 3339, or 10m)."),
) -> None:
    """An app instance's log lines; -f follows them until the instance is released."""
    lines = current().client().apps.instances.logs(instance_id, follow=follow, since=instant(since))
    for line in lines:
        show_item(to_data(line), lambda d: str(d.get("line", "")))


def _ops() -> typer.Typer:
    group = typer.Typer(help="The platform's operations overview (platform admins).")

    @group.command()
    def overview() -> None:
        """Capacity, allocations and nodes at a glance."""
        show(to_data(current().client().ops.overview()))

    return group


def _audit() -> typer.Typer:
    group = typer.Typer(help="The audit log: who did what, when.")

    @group.command("list")
    def list_events(
        since: str | None = typer.Option(None, help="From then (RFC 3339, or 24h, 7d)."),
        actor: str | None = typer.Option(None, help="Only this principal's actions."),
        action: str | None = typer.Option(None, help="Only this action, e.g. allocation.create."),
        limit: int | None = typer.Option(None, min=1, help="At most this many."),
    ) -> None:
        """Audit events, oldest first."""
        events = current().client().audit.list(since=instant(since), actor_id=actor, action=action)
        show(to_data(list(islice(events, limit))))

    return group
