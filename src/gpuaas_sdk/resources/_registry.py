"""Every resource of the facade, once: where it lives and which contract tags it serves.

The clients' lazy attributes, the testing fakes (`mock_client.<path>.fake_*`) and the
coverage table are derived from this list. A resource's classes are
`resources/_async/<module>.py:Async<class_name>` (hand-written) and
`resources/_sync/<module>.py:<class_name>` (generated).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResourceEntry:
    path: str
    """Its attribute path on a client: `allocations`, `apps.instances`."""
    module: str
    class_name: str
    """The sync class; the async one is `Async` + this."""
    tags: tuple[str, ...] = ()
    """The contract tags whose operations it wraps (and whose fakes it holds)."""

    @property
    def attribute(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def top_level(self) -> bool:
        return "." not in self.path


RESOURCES = (
    ResourceEntry("health", "health", "HealthResource", ("health",)),
    ResourceEntry("auth", "auth", "AuthResource", ("auth",)),
    ResourceEntry("catalog", "catalog", "CatalogResource", ("catalog",)),
    ResourceEntry("allocations", "allocations", "AllocationsResource", ("allocations",)),
    ResourceEntry("fleets", "fleets", "FleetsResource", ("fleets",)),
    ResourceEntry("reservations", "reservations", "ReservationsResource", ("reservations",)),
    ResourceEntry("volumes", "volumes", "VolumesResource", ("volumes",)),
    ResourceEntry("spend_grants", "spend_grants", "SpendGrantsResource", ("spend-grants",)),
    ResourceEntry("ssh_keys", "ssh_keys", "SshKeysResource"),
    ResourceEntry("billing", "billing", "BillingResource", ("billing",)),
    ResourceEntry("billing.payment_sessions", "billing", "PaymentSessionsResource"),
    ResourceEntry("billing.refunds", "billing", "RefundsResource"),
    ResourceEntry("storage", "storage", "StorageResource", ("storage",)),
    ResourceEntry("apps", "apps", "AppsResource"),
    ResourceEntry("apps.catalog", "apps", "AppCatalogResource", ("apps-catalog",)),
    ResourceEntry("apps.instances", "apps", "AppInstancesResource", ("app-instances",)),
    ResourceEntry("apps.instances.members", "apps", "AppInstanceMembersResource"),
    ResourceEntry("apps.artifacts", "apps", "AppArtifactsResource", ("app-artifacts",)),
    ResourceEntry("apps.entitlements", "apps", "AppEntitlementsResource", ("app-entitlements",)),
    ResourceEntry("events", "events", "EventsResource", ("events",)),
    ResourceEntry("iam", "iam", "IamResource", ("iam",)),
    ResourceEntry("projects", "projects", "ProjectsResource", ("projects",)),
    ResourceEntry("projects.memberships", "projects", "ProjectMembershipsResource"),
    ResourceEntry(
        "service_accounts", "service_accounts", "ServiceAccountsResource", ("service-accounts",)
    ),
    ResourceEntry("service_accounts.keys", "service_accounts", "ServiceAccountKeysResource"),
    ResourceEntry("webhooks", "webhooks", "WebhooksResource", ("webhooks",)),
    ResourceEntry("nodes", "admin", "NodesResource", ("nodes",)),
    ResourceEntry("ops", "admin", "OpsResource", ("ops",)),
    ResourceEntry("audit", "admin", "AuditResource", ("audit",)),
)

BY_PATH = {entry.path: entry for entry in RESOURCES}


def resource_of_tag() -> dict[str, str]:
    """Contract tag -> the attribute path of the resource that wraps its operations."""
    return {tag: entry.path for entry in RESOURCES for tag in entry.tags}
