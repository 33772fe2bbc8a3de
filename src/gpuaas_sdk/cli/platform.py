"""The rest of the platform as `list` and `get`: projects, IAM, SSH keys, service
accounts, webhooks, apps, nodes, ops and audit, and `apps logs -f`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import typer

from .._sync.client import Client
from ..errors import ConfigurationError
from .billing import instant
from .output import Columns, View, show, show_item, to_data
from .session import current

Lister = Callable[[Client], Iterable[Any]]
Getter = Callable[[Client, str], Any]


def list_get(
    help: str, lister: Lister, getter: Getter | None, columns: View = None, noun: str = "ID"
) -> typer.Typer:
    """A group with `list` (every item, all pages) and, given a getter, `get ID`."""
    group = typer.Typer(help=help, no_args_is_help=True)

    def list_items(
        limit: int | None = typer.Option(None, min=1, help="At most this many."),
    ) -> None:
        items = []
        for item in lister(current().client()):
            items.append(item)
            if limit is not None and len(items) >= limit:
                break
        show(to_data(items), columns)

    list_items.__doc__ = f"List them. {help}"
    group.command("list")(list_items)
    if getter is not None:

        def get(item_id: str = typer.Argument(..., metavar=noun)) -> None:
            show(to_data(getter(current().client(), item_id)))

        get.__doc__ = "Show one, every field."
        group.command("get")(get)
    return group


def register(app: typer.Typer) -> None:
    """Add the groups of the rest of the platform to the root."""
    app.add_typer(
        list_get(
            "Projects of the tenant.",
            lambda c: c.projects.list(),
            lambda c, i: c.projects.get(i),
            Columns([("ID", "id"), ("NAME", "name"), ("DESCRIPTION", "description")]),
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
        ),
        name="service-accounts",
    )
    app.add_typer(
        list_get(
            "Webhooks: where events are delivered.",
            lambda c: c.webhooks.list(),
            lambda c, i: c.webhooks.get(i),
            Columns([("ID", "id"), ("URL", "url"), ("EVENTS", "event_types")]),
        ),
        name="webhooks",
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
        ),
        name="instances",
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
        found = []
        for event in (
            current().client().audit.list(since=instant(since), actor_id=actor, action=action)
        ):
            found.append(event)
            if limit is not None and len(found) >= limit:
                break
        show(to_data(found))

    return group
