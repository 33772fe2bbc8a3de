"""Apps: the catalog of manifests, artifacts and channels, entitlements, and app instances.

Instances live on the simulated clock like allocations: each records a timeline of
transitions and its status is read off it at the current time. An instance whose
head allocation stops being `active` (released, failed) fails at that moment; that
failure is derived from the allocation's own timeline when read, so nothing runs in
the background. `due_events` is the event-log source that turns every transition,
plus the app's startup event and log line and each member's `member.ready`, into
events at the time they happened.
"""

from __future__ import annotations

import copy
import random
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.config import SimConfig
from ..runtime.state_codec import PersistedFields, from_plain, to_plain
from .allocations import Allocation, AllocationBook
from .apps_seed import SEED_APPS, SeedApp
from .errors import ApiError
from .identity import Principal
from .ids import fresh_id

__all__ = ["AppBook", "Artifact", "Entitlement", "Instance", "Manifest", "Member", "Step"]

CHANNELS = ("stable", "beta", "dev")
_GONE = frozenset({"released", "failed"})
ProjectCheck = Callable[[Principal, str], object]
"""Raises `project_not_found` unless the caller may see the project."""


@dataclass(frozen=True)
class Manifest:
    slug: str
    seq: int
    body: Mapping[str, Any]
    created_at: datetime
    config_keys: Mapping[str, type] | None = None
    """None: the app takes any `config` (registered apps declare no settings)."""
    startup_event: tuple[str, Mapping[str, Any]] = ("app.started", {})
    startup_log: str = "app started"

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.body["roles"])

    @property
    def entitlement_required(self) -> bool:
        return bool(self.body["entitlement_required"])

    def to_json(self) -> dict[str, Any]:
        return {**self.body, "slug": self.slug, "created_at": format_time(self.created_at)}


@dataclass
class Artifact:
    id: str
    seq: int
    app_slug: str
    version: str
    digest: str
    size_bytes: int
    created_at: datetime
    promoted_at: datetime | None = None

    def to_json(self, channels: Iterable[str]) -> dict[str, Any]:
        return {
            "id": self.id,
            "app_slug": self.app_slug,
            "version": self.version,
            "digest": self.digest,
            "size_bytes": self.size_bytes,
            "channels": list(channels),
            "created_at": format_time(self.created_at),
            "promoted_at": format_time(self.promoted_at) if self.promoted_at else None,
        }


@dataclass(frozen=True)
class Entitlement:
    id: str
    seq: int
    app_slug: str
    tenant_id: str
    project_id: str
    granted_by: str
    created_at: datetime
    expires_at: datetime | None

    def live_at(self, now: datetime) -> bool:
        return self.expires_at is None or now < self.expires_at

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "app_slug": self.app_slug,
            "project_id": self.project_id,
            "granted_by": self.granted_by,
            "created_at": format_time(self.created_at),
            "expires_at": format_time(self.expires_at) if self.expires_at else None,
        }


@dataclass(frozen=True)
class Step:
    at: datetime
    status: str
    failure_reason: str | None = None


@dataclass
class Member:
    allocation_id: str
    seq: int
    role: str
    joined_at: datetime
    ready_at: datetime
    leaving_at: datetime | None = None
    gone_at: datetime | None = None

    def present_at(self, now: datetime) -> bool:
        return self.gone_at is None or now < self.gone_at

    def status_at(self, now: datetime) -> str:
        if self.leaving_at is not None and now >= self.leaving_at:
            return "leaving"
        return "ready" if now >= self.ready_at else "joining"

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "allocation_id": self.allocation_id,
            "role": self.role,
            "status": self.status_at(now),
            "joined_at": format_time(self.joined_at),
        }


@dataclass
class Instance:
    id: str
    seq: int
    tenant_id: str
    project_id: str
    manifest: Manifest
    name: str
    head: Allocation
    created_at: datetime
    timeline: list[Step]
    members: list[Member] = field(default_factory=list)
    emitted: set[tuple[str, int]] = field(default_factory=set)

    def steps_at(self, now: datetime) -> list[Step]:
        """The timeline as of `now`, with the failure the head allocation's loss causes."""
        lost = self._head_lost_at()
        if lost is None or lost > now:
            return self.timeline
        kept = [s for s in self.timeline if s.at <= lost]
        if any(s.status in _GONE for s in kept):
            return self.timeline  # gone before, or the failure is already settled
        reason = f"The head allocation {self.head.id} is no longer active."
        return [*kept, Step(lost, "failed", reason)]

    def _head_lost_at(self) -> datetime | None:
        timeline = self.head.timeline
        # The transition in effect when the instance was created is the `active` one.
        start = max(i for i, t in enumerate(timeline) if t.at <= self.created_at)
        for transition in timeline[start + 1 :]:
            if transition.status != "active":
                return transition.at
        return None

    def step_at(self, now: datetime) -> Step:
        current = self.timeline[0]
        for step in self.steps_at(now):
            if step.at > now:
                break
            current = step
        return current

    def settle(self, now: datetime) -> Step:
        """Fix the timeline as of `now` (future steps dropped) before changing it."""
        self.timeline = [s for s in self.steps_at(now) if s.at <= now]
        return self.timeline[-1]

    def members_at(self, now: datetime) -> list[Member]:
        return [m for m in self.members if m.present_at(now)]

    def to_json(self, now: datetime) -> dict[str, Any]:
        step = self.step_at(now)
        return {
            "id": self.id,
            "app_slug": self.manifest.slug,
            "project_id": self.project_id,
            "name": self.name,
            "status": step.status,
            "failure_reason": step.failure_reason,
            "head_allocation_id": self.head.id,
            "endpoints": self._endpoints() if step.status == "running" else [],
            "created_at": format_time(self.created_at),
            "updated_at": format_time(step.at),
        }

    def _endpoints(self) -> list[dict[str, str]]:
        host = f"{self.id}.apps.{self.head.region_code}.gpuaas.example.com"
        return [
            {
                "name": port["name"],
                "url": f"https://{host}/{port['name']}/"
                if port["protocol"] == "http"
                else f"tcp://{host}:{port['port']}",
            }
            for port in self.manifest.body["ports"]
        ]

    def events_until(self, now: datetime) -> Iterator[tuple[tuple[str, int], dict[str, Any]]]:
        """Every event of the instance up to `now`, each with a key that never changes."""
        base = {"tenant_id": self.tenant_id, "instance_id": self.id}
        previous: str | None = None
        for index, step in enumerate(self.steps_at(now)):
            if step.at > now:
                break
            at = format_time(step.at)
            yield (
                ("status", index),
                {
                    **base,
                    "type": "app_instance.status_changed",
                    "occurred_at": at,
                    "status": step.status,
                    "previous_status": previous,
                    "failure_reason": step.failure_reason,
                },
            )
            previous = step.status
            for offset, event in enumerate(self._step_extras(step)):
                yield ("extra", index * 10 + offset), {**base, "occurred_at": at, **event}
        for member in self.members:
            if member.ready_at <= now and (
                member.gone_at is None or member.ready_at < member.gone_at
            ):
                yield (
                    ("member", member.seq),
                    {
                        **base,
                        "type": "app.event",
                        "occurred_at": format_time(member.ready_at),
                        "event_type": "member.ready",
                        "payload": {"allocation_id": member.allocation_id, "role": member.role},
                    },
                )

    def _step_extras(self, step: Step) -> list[dict[str, Any]]:
        """The app's own events and log lines that go with a status change."""
        image = self.manifest.body["image"]
        if step.status == "starting":
            return [{"type": "app.log", "stream": "stdout", "line": f"Pulling image {image}"}]
        if step.status == "running":
            event_type, payload = self.manifest.startup_event
            return [
                {"type": "app.event", "event_type": event_type, "payload": dict(payload)},
                {"type": "app.log", "stream": "stdout", "line": self.manifest.startup_log},
            ]
        if step.status == "stopping":
            return [{"type": "app.log", "stream": "stdout", "line": "Received SIGTERM, stopping"}]
        if step.status == "failed":
            return [{"type": "app.log", "stream": "stderr", "line": step.failure_reason or ""}]
        return []


MANIFEST_DEFAULTS: Mapping[str, Any] = {
    "description": "",
    "ports": [],
    "min_gpus": 1,
    "supported_skus": [],
    "roles": ["head"],
    "entitlement_required": False,
}
"""What a registered manifest holds for the optional fields left out."""


class AppBook(PersistedFields):
    """The app catalog and every app instance, with the rules of the contract."""

    def __init__(
        self,
        config: SimConfig,
        clock: SimClock,
        allocation_book: AllocationBook,
        check_project: ProjectCheck,
        is_admin: Callable[[Principal], bool],
    ) -> None:
        self.config = config
        self.clock = clock
        self.allocation_book = allocation_book
        self.check_project = check_project
        self.is_admin = is_admin
        self.manifests: dict[str, Manifest] = {}
        self.artifacts: dict[str, Artifact] = {}
        self.channels: dict[tuple[str, str], str] = {}
        """(app slug, channel) -> artifact id."""
        self.entitlements: dict[str, Entitlement] = {}
        self.instances: dict[str, Instance] = {}
        self._rng = random.Random(f"apps-{config.seed}")
        self._seq = 0
        self._lock = threading.RLock()
        self._seed()

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def _new_id(self, prefix: str, taken: Mapping[str, object]) -> str:
        return fresh_id(self._rng, prefix, taken)

    def _seed(self) -> None:
        now = self.clock.now()
        for app in SEED_APPS:
            self._add_manifest(app.manifest, now, app)
            for artifact in app.artifacts:
                made = self._add_artifact(
                    app.manifest["slug"],
                    artifact.version,
                    artifact.digest(app.manifest["slug"]),
                    artifact.size_bytes,
                    now,
                )
                for channel in artifact.channels:
                    self.channels[(made.app_slug, channel)] = made.id
                    made.promoted_at = now

    def _add_manifest(
        self, body: Mapping[str, Any], now: datetime, seed: SeedApp | None = None
    ) -> Manifest:
        manifest = Manifest(slug=body["slug"], seq=self._next(), body=dict(body), created_at=now)
        if seed is not None:
            manifest = Manifest(
                manifest.slug,
                manifest.seq,
                manifest.body,
                now,
                config_keys=seed.config_keys,
                startup_event=seed.startup_event,
                startup_log=seed.startup_log,
            )
        self.manifests[manifest.slug] = manifest
        return manifest

    def _add_artifact(
        self, slug: str, version: str, digest: str, size_bytes: int, now: datetime
    ) -> Artifact:
        artifact = Artifact(
            self._new_id("art", self.artifacts),
            self._next(),
            slug,
            version,
            digest,
            size_bytes,
            now,
        )
        self.artifacts[artifact.id] = artifact
        return artifact

    # -- catalog -----------------------------------------------------------------

    def manifest(self, slug: str) -> Manifest:
        manifest = self.manifests.get(slug)
        if manifest is None:
            raise ApiError(
                "app_not_found", f"No app {slug!r} in the catalog.", details={"app_slug": slug}
            )
        return manifest

    def list_manifests(self, category: str | None, search: str | None) -> list[Manifest]:
        needle = search.lower() if search else None
        found = [
            m
            for m in sorted(self.manifests.values(), key=lambda m: m.slug)
            if category in (None, m.body["category"])
            and (
                needle is None
                or any(needle in str(m.body[k]).lower() for k in ("slug", "name", "description"))
            )
        ]
        return found

    def register(self, caller: Principal, body: Mapping[str, Any]) -> Manifest:
        """A new manifest (admin or publisher); its version becomes its first artifact."""
        body = {**copy.deepcopy(dict(MANIFEST_DEFAULTS)), **body}
        with self._lock:
            self._require_publisher(caller, "Registering an app")
            slug = body["slug"]
            if slug in self.manifests:
                raise ApiError(
                    "already_exists",
                    f"An app {slug!r} is already registered.",
                    details={"app_slug": slug},
                )
            now = self.clock.now()
            manifest = self._add_manifest(body, now)
            digest = "sha256:" + f"{self._rng.getrandbits(256):064x}"
            self._add_artifact(slug, body["version"], digest, 0, now)
            return manifest

    def _require_publisher(self, caller: Principal, action: str) -> None:
        if not (self.is_admin(caller) or "publisher" in caller.roles):
            raise ApiError(
                "insufficient_permissions",
                f"{action} needs the admin or publisher role.",
                details={"required_role": "publisher"},
            )

    # -- artifacts ---------------------------------------------------------------

    def channels_of(self, artifact: Artifact) -> list[str]:
        return [c for c in CHANNELS if self.channels.get((artifact.app_slug, c)) == artifact.id]

    def list_artifacts(self, slug: str, channel: str | None) -> list[Artifact]:
        """Newest first; with `channel`, only the artifact it points at."""
        self.manifest(slug)
        found = [a for a in self.artifacts.values() if a.app_slug == slug]
        if channel is not None:
            found = [a for a in found if channel in self.channels_of(a)]
        return sorted(found, key=lambda a: a.seq, reverse=True)

    def promote(self, caller: Principal, slug: str, artifact_id: str, channel: str) -> Artifact:
        with self._lock:
            self.manifest(slug)
            artifact = self.artifacts.get(artifact_id)
            if artifact is None or artifact.app_slug != slug:
                raise ApiError(
                    "artifact_not_found",
                    f"No artifact {artifact_id!r} of app {slug!r}.",
                    details={"app_slug": slug, "artifact_id": artifact_id},
                )
            self._require_publisher(caller, "Promoting an artifact")
            if self.channels.get((slug, channel)) != artifact.id:
                self.channels[(slug, channel)] = artifact.id
                artifact.promoted_at = self.clock.now()
            return artifact

    # -- entitlements ------------------------------------------------------------

    def list_entitlements(
        self, caller: Principal, slug: str, project_id: str | None
    ) -> list[Entitlement]:
        self.manifest(slug)
        now = self.clock.now()
        found = [
            e
            for e in self.entitlements.values()
            if e.app_slug == slug
            and e.tenant_id == caller.tenant_id
            and e.live_at(now)
            and project_id in (None, e.project_id)
        ]
        return sorted(found, key=lambda e: e.seq)

    def grant(
        self, caller: Principal, slug: str, project_id: str, expires_at: datetime | None
    ) -> Entitlement:
        with self._lock:
            self.manifest(slug)
            self.check_project(caller, project_id)
            if not self.is_admin(caller):
                raise ApiError(
                    "insufficient_permissions",
                    "Granting an entitlement needs the admin role.",
                    details={"required_role": "tenant_admin"},
                )
            now = self.clock.now()
            if expires_at is not None and expires_at <= now:
                raise ApiError(
                    "validation_error",
                    "The body failed validation.",
                    details={
                        "errors": [{"field": "expires_at", "reason": "must be in the future"}]
                    },
                )
            if self._entitled(caller.tenant_id, slug, project_id, now) is not None:
                raise ApiError(
                    "already_exists",
                    f"Project {project_id} is already entitled to {slug}.",
                    details={"app_slug": slug, "project_id": project_id},
                )
            entitlement = Entitlement(
                self._new_id("ent", self.entitlements),
                self._next(),
                slug,
                caller.tenant_id,
                project_id,
                caller.principal_id,
                now,
                expires_at,
            )
            self.entitlements[entitlement.id] = entitlement
            return entitlement

    def revoke(self, caller: Principal, slug: str, entitlement_id: str) -> None:
        with self._lock:
            self.manifest(slug)
            entitlement = self.entitlements.get(entitlement_id)
            if (
                entitlement is None
                or entitlement.app_slug != slug
                or entitlement.tenant_id != caller.tenant_id
            ):
                raise ApiError(
                    "entitlement_not_found",
                    f"No entitlement {entitlement_id!r} to {slug!r}.",
                    details={"app_slug": slug, "entitlement_id": entitlement_id},
                )
            if not self.is_admin(caller):
                raise ApiError(
                    "insufficient_permissions",
                    "Revoking an entitlement needs the admin role.",
                    details={"required_role": "tenant_admin"},
                )
            del self.entitlements[entitlement_id]

    def _entitled(
        self, tenant_id: str, slug: str, project_id: str, now: datetime
    ) -> Entitlement | None:
        for entitlement in self.entitlements.values():
            if (entitlement.tenant_id, entitlement.app_slug, entitlement.project_id) == (
                tenant_id,
                slug,
                project_id,
            ) and entitlement.live_at(now):
                return entitlement
        return None

    # -- instances ---------------------------------------------------------------

    def visible_to(self, caller: Principal) -> list[Instance]:
        """The caller's tenant's instances, newest first."""
        mine = [i for i in self.instances.values() if i.tenant_id == caller.tenant_id]
        return sorted(mine, key=lambda i: i.seq, reverse=True)

    def instance(self, caller: Principal, instance_id: str) -> Instance:
        instance = self.instances.get(instance_id)
        if instance is None or instance.tenant_id != caller.tenant_id:
            raise ApiError(
                "app_instance_not_found",
                f"No app instance {instance_id!r} is visible to the caller.",
                details={"instance_id": instance_id},
            )
        return instance

    def create(
        self,
        caller: Principal,
        *,
        app_slug: str,
        project_id: str,
        target_allocation_id: str,
        name: str | None,
        config: Mapping[str, Any] | None,
    ) -> Instance:
        with self._lock:
            now = self.clock.now()
            manifest = self.manifest(app_slug)
            self.check_project(caller, project_id)
            head = self.allocation_book.get(caller, target_allocation_id)
            if manifest.entitlement_required and (
                self._entitled(caller.tenant_id, app_slug, project_id, now) is None
            ):
                raise ApiError(
                    "app_not_entitled",
                    f"Project {project_id} is not entitled to run {app_slug}.",
                    details={"app_slug": app_slug, "project_id": project_id},
                )
            self._require_active(head, now)
            self._check_fit(manifest, head, project_id, config or {})
            instance_id = self._new_id("inst", self.instances)
            instance = Instance(
                id=instance_id,
                seq=self._next(),
                tenant_id=caller.tenant_id,
                project_id=project_id,
                manifest=manifest,
                name=name or f"{app_slug}-{instance_id.removeprefix('inst-')[:4]}",
                head=head,
                created_at=now,
                timeline=[Step(now, "pending"), *self._startup(manifest, now)],
            )
            instance.members.append(self._member(head.id, "head", now))
            self.instances[instance.id] = instance
            return instance

    def _startup(self, manifest: Manifest, now: datetime) -> list[Step]:
        starting = now + timedelta(seconds=self.config.app_start_delay)
        ready = starting + timedelta(seconds=self.config.app_ready_delay)
        if manifest.slug in self.config.failing_apps:
            reason = f"{manifest.slug} exited during startup (exit code 1)."
            return [Step(starting, "starting"), Step(ready, "failed", reason)]
        return [Step(starting, "starting"), Step(ready, "running")]

    def _member(self, allocation_id: str, role: str, now: datetime) -> Member:
        ready = now + timedelta(seconds=self.config.app_member_join_delay)
        return Member(allocation_id, self._next(), role, now, ready)

    @staticmethod
    def _require_active(allocation: Allocation, now: datetime) -> None:
        status = allocation.status_at(now)
        if status != "active":
            raise ApiError(
                "allocation_not_active",
                f"Allocation {allocation.id} is {status}, not active.",
                details={"allocation_id": allocation.id, "status": status},
            )

    @staticmethod
    def _check_fit(
        manifest: Manifest, head: Allocation, project_id: str, config: Mapping[str, Any]
    ) -> None:
        errors: list[dict[str, str]] = []
        if head.project_id != project_id:
            errors.append({"field": "target_allocation_id", "reason": "belongs to another project"})
        skus = manifest.body["supported_skus"]
        if skus and head.sku not in skus:
            errors.append(
                {"field": "target_allocation_id", "reason": f"SKU {head.sku} is not supported"}
            )
        if head.gpus_total < manifest.body["min_gpus"]:
            errors.append(
                {
                    "field": "target_allocation_id",
                    "reason": f"needs {manifest.body['min_gpus']} GPUs",
                }
            )
        if manifest.config_keys is not None:
            for key, value in config.items():
                wanted = manifest.config_keys.get(key)
                if wanted is None:
                    errors.append({"field": f"config.{key}", "reason": "not a setting of this app"})
                elif not isinstance(value, wanted) or isinstance(value, bool):
                    errors.append(
                        {"field": f"config.{key}", "reason": f"must be {wanted.__name__}"}
                    )
        if errors:
            raise ApiError(
                "validation_error",
                f"The instance does not fit app {manifest.slug}.",
                details={"errors": errors},
            )

    def _invalid_state(self, instance: Instance, status: str, action: str) -> ApiError:
        return ApiError(
            "invalid_state",
            f"App instance {instance.id} is {status}; it cannot be {action}.",
            details={"instance_id": instance.id, "status": status},
        )

    def start(self, caller: Principal, instance_id: str) -> Instance:
        with self._lock:
            instance = self.instance(caller, instance_id)
            now = self.clock.now()
            status = instance.step_at(now).status
            if status in {"starting", "running"}:
                return instance
            if status != "stopped":
                raise self._invalid_state(instance, status, "started")
            instance.settle(now)
            ready = now + timedelta(seconds=self.config.app_ready_delay)
            instance.timeline += [Step(now, "starting"), Step(ready, "running")]
            return instance

    def stop(self, caller: Principal, instance_id: str) -> Instance:
        with self._lock:
            instance = self.instance(caller, instance_id)
            now = self.clock.now()
            status = instance.step_at(now).status
            if status in {"stopping", "stopped"}:
                return instance
            if status not in {"starting", "running"}:
                raise self._invalid_state(instance, status, "stopped")
            instance.settle(now)
            stopped = now + timedelta(seconds=self.config.app_stop_delay)
            instance.timeline += [Step(now, "stopping"), Step(stopped, "stopped")]
            return instance

    def release(self, caller: Principal, instance_id: str) -> Instance:
        with self._lock:
            instance = self.instance(caller, instance_id)
            now = self.clock.now()
            status = instance.step_at(now).status
            if status == "released":
                return instance
            if status == "stopping":
                raise self._invalid_state(instance, status, "released until it is stopped")
            instance.settle(now)
            instance.timeline.append(Step(now, "released"))
            for member in instance.members_at(now):
                member.leaving_at = member.leaving_at or now
                member.gone_at = now
            return instance

    # -- members -----------------------------------------------------------------

    def add_member(
        self, caller: Principal, instance_id: str, allocation_id: str, role: str
    ) -> Member:
        with self._lock:
            instance = self.instance(caller, instance_id)
            allocation = self.allocation_book.get(caller, allocation_id)
            now = self.clock.now()
            status = instance.step_at(now).status
            if status in _GONE:
                raise self._invalid_state(instance, status, "given members")
            self._require_active(allocation, now)
            present = instance.members_at(now)
            if any(m.allocation_id == allocation_id for m in present) or role == "head":
                raise ApiError(
                    "already_exists",
                    f"Allocation {allocation_id} is already a member of {instance.id}"
                    if role != "head"
                    else f"App instance {instance.id} already has its head.",
                    details={"instance_id": instance.id, "allocation_id": allocation_id},
                )
            errors = []
            if role not in instance.manifest.roles:
                errors.append(
                    {"field": "role", "reason": f"{instance.manifest.slug} takes no {role}"}
                )
            if allocation.project_id != instance.project_id:
                errors.append({"field": "allocation_id", "reason": "belongs to another project"})
            if errors:
                raise ApiError(
                    "validation_error",
                    "The member does not fit the instance.",
                    details={"errors": errors},
                )
            member = self._member(allocation_id, role, now)
            instance.members.append(member)
            return member

    def remove_member(self, caller: Principal, instance_id: str, allocation_id: str) -> None:
        with self._lock:
            instance = self.instance(caller, instance_id)
            now = self.clock.now()
            member = next(
                (m for m in instance.members_at(now) if m.allocation_id == allocation_id), None
            )
            if member is None:
                raise ApiError(
                    "member_not_found",
                    f"Allocation {allocation_id} is not a member of {instance.id}.",
                    details={"instance_id": instance.id, "allocation_id": allocation_id},
                )
            if member.role == "head":
                raise self._invalid_state(instance, "using it as its head", "left by its head")
            if member.leaving_at is None:
                member.leaving_at = now
                member.gone_at = now + timedelta(seconds=self.config.app_member_leave_delay)

    # -- events ------------------------------------------------------------------

    def due_events(self, now: datetime) -> list[dict[str, Any]]:
        """The event-log source: each instance event once, when its time has come."""
        with self._lock:
            due: list[dict[str, Any]] = []
            for instance in sorted(self.instances.values(), key=lambda i: i.seq):
                for key, event in instance.events_until(now):
                    if key not in instance.emitted:
                        instance.emitted.add(key)
                        due.append(event)
            return due

    # -- persistence -------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Registered apps, artifacts, channels, entitlements and instances, as plain data.

        Seed manifests come back from the seed itself (they carry code, not data),
        and an instance names its manifest and head allocation by id.
        """
        with self._lock:
            data = super().snapshot()
            data["manifests"] = [
                to_plain(m, skip=("config_keys",)) for m in self.manifests.values()
            ]
            data["instances"] = [
                {
                    **to_plain(i, skip=("manifest", "head")),
                    "manifest": i.manifest.slug,
                    "head": i.head.id,
                }
                for i in self.instances.values()
            ]
            return data

    def restore(self, data: Mapping[str, Any]) -> None:
        """Load a `snapshot()`; head allocations must already be back in the allocation book."""
        with self._lock:
            super().restore(data)
            for plain in data.get("manifests", []):
                seeded = self.manifests.get(plain["slug"])
                config_keys = seeded.config_keys if seeded is not None else None
                self.manifests[plain["slug"]] = from_plain(Manifest, plain, config_keys=config_keys)
            self.instances.clear()
            allocations = self.allocation_book.allocations
            for plain in data.get("instances", []):
                instance = from_plain(
                    Instance,
                    plain,
                    manifest=self.manifests[plain["manifest"]],
                    head=allocations[plain["head"]],
                )
                self.instances[instance.id] = instance

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {
            "artifacts": dict[str, Artifact],
            "channels": dict[tuple[str, str], str],
            "entitlements": dict[str, Entitlement],
            "_seq": int,
            "_rng": random.Random,
        }
