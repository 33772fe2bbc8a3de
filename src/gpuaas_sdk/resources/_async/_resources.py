"""The resources of a client, each built on first access (from `resources/_registry.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import Lazy

if TYPE_CHECKING:
    from .admin import AsyncAuditResource, AsyncNodesResource, AsyncOpsResource
    from .allocations import AsyncAllocationsResource
    from .apps import AsyncAppsResource
    from .auth import AsyncAuthResource
    from .billing import AsyncBillingResource
    from .catalog import AsyncCatalogResource
    from .events import AsyncEventsResource
    from .fleets import AsyncFleetsResource
    from .health import AsyncHealthResource
    from .iam import AsyncIamResource
    from .projects import AsyncProjectsResource
    from .reservations import AsyncReservationsResource
    from .service_accounts import AsyncServiceAccountsResource
    from .spend_grants import AsyncSpendGrantsResource
    from .ssh_keys import AsyncSshKeysResource
    from .storage import AsyncStorageResource
    from .volumes import AsyncVolumesResource
    from .webhooks import AsyncWebhooksResource


class AsyncResources:
    """Every area of the platform, as attributes of the client."""

    health: Lazy[AsyncHealthResource] = Lazy(__package__)
    auth: Lazy[AsyncAuthResource] = Lazy(__package__)
    catalog: Lazy[AsyncCatalogResource] = Lazy(__package__)
    allocations: Lazy[AsyncAllocationsResource] = Lazy(__package__)
    fleets: Lazy[AsyncFleetsResource] = Lazy(__package__)
    reservations: Lazy[AsyncReservationsResource] = Lazy(__package__)
    volumes: Lazy[AsyncVolumesResource] = Lazy(__package__)
    spend_grants: Lazy[AsyncSpendGrantsResource] = Lazy(__package__)
    ssh_keys: Lazy[AsyncSshKeysResource] = Lazy(__package__)
    billing: Lazy[AsyncBillingResource] = Lazy(__package__)
    storage: Lazy[AsyncStorageResource] = Lazy(__package__)
    apps: Lazy[AsyncAppsResource] = Lazy(__package__)
    events: Lazy[AsyncEventsResource] = Lazy(__package__)
    iam: Lazy[AsyncIamResource] = Lazy(__package__)
    projects: Lazy[AsyncProjectsResource] = Lazy(__package__)
    service_accounts: Lazy[AsyncServiceAccountsResource] = Lazy(__package__)
    webhooks: Lazy[AsyncWebhooksResource] = Lazy(__package__)
    nodes: Lazy[AsyncNodesResource] = Lazy(__package__)
    ops: Lazy[AsyncOpsResource] = Lazy(__package__)
    audit: Lazy[AsyncAuditResource] = Lazy(__package__)
