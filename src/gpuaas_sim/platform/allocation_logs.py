"""The boot and provisioning log of an allocation, read off its timeline.

Like its status, an allocation's log is derived, not stored: each transition writes
its lines at the moment it happens (and the SSH daemon its line when the SSH port
starts answering), so the lines up to any time never change and their numbers
(1, 2, ...) are stable ids, across restarts too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import format_time
from ..runtime.config import SimConfig
from .allocations import Allocation, Transition

__all__ = ["LogLine", "LogSettings", "log_lines", "settings_for"]

BASE_IMAGE = "ubuntu-22.04-cuda-12.4"
DRIVER = "550.54.15"


@dataclass(frozen=True)
class LogLine:
    number: int
    at: datetime
    status: str
    """The allocation's status when the line was written."""
    stream: str
    line: str

    def to_json(self, allocation_id: str) -> dict[str, Any]:
        return {
            "type": "allocation.log",
            "id": str(self.number),
            "occurred_at": format_time(self.at),
            "allocation_id": allocation_id,
            "status": self.status,
            "stream": self.stream,
            "line": self.line,
        }


@dataclass(frozen=True)
class LogSettings:
    """What the lines mention besides the allocation: its GPU model and the platform's rules."""

    gpu_model: str
    ssh_ready_delay: float
    lease_grace_seconds: float


def log_lines(allocation: Allocation, now: datetime, settings: LogSettings) -> list[LogLine]:
    """Every line written up to `now`, oldest first, numbered from 1."""
    timeline = allocation.timeline
    written: list[tuple[datetime, str, str, str]] = []
    for index, step in enumerate(timeline):
        if step.at > now:
            break
        following = timeline[index + 1] if index + 1 < len(timeline) else None
        for stream, line in _lines_of(allocation, step, settings):
            written.append((step.at, step.status, stream, line))
        if step.status == "active":
            ready = step.at + timedelta(seconds=settings.ssh_ready_delay)
            if ready <= now and (following is None or ready < following.at):
                written.append(
                    (ready, "active", "stdout", "sshd: accepting connections for ubuntu")
                )
    written.sort(key=lambda entry: entry[0])  # stable: lines of one moment keep their order
    return [LogLine(n, *entry) for n, entry in enumerate(written, start=1)]


def _lines_of(
    allocation: Allocation, step: Transition, settings: LogSettings
) -> Iterator[tuple[str, str]]:
    """The (stream, line) pairs the platform writes when the allocation enters `step`."""
    gpus, model = allocation.gpus_total, settings.gpu_model
    if step.status == "pending":
        yield (
            "stdout",
            (
                f"Accepted: {gpus} x {allocation.sku} in {allocation.region_code},"
                f" project {allocation.project_id}"
            ),
        )
        if allocation.lease_seconds is not None:
            yield (
                "stdout",
                (
                    f"Lease: {allocation.lease_seconds}s; released"
                    f" {settings.lease_grace_seconds:g}s after it runs out unless renewed"
                ),
            )
        if allocation.max_runtime_seconds is not None:
            yield "stdout", f"Max runtime: {allocation.max_runtime_seconds}s once active"
    elif step.status == "provisioning":
        yield "stdout", f"Provisioning: reserved {gpus} x {model} in {allocation.region_code}"
        yield "stdout", f"Provisioning: booting image {BASE_IMAGE}"
        keys = len(allocation.ssh_key_ids)
        yield "stdout", f"Provisioning: installing {keys} SSH key(s) for user ubuntu"
    elif step.status == "active":
        yield "stdout", f"nvidia-smi: {gpus} x {model}, driver {DRIVER}"
        yield "stdout", f"Network: private IP {allocation.endpoint.private_ip}"
        yield "stdout", "Allocation is active; billing started"
    elif step.status == "releasing":
        yield from _release_lines(allocation, step, settings)
        yield "stdout", "Billing stopped"
    elif step.status == "released":
        yield "stdout", "Released: GPUs wiped and returned to the pool"
    elif step.status == "failed":
        yield "stderr", step.failure_reason or "Provisioning failed"


def _release_lines(
    allocation: Allocation, step: Transition, settings: LogSettings
) -> Iterator[tuple[str, str]]:
    if step.release_reason == "lease_expired":
        renewed = allocation.lease_renewed_at
        yield (
            "stderr",
            (
                f"Lease expired: not renewed since {format_time(renewed) if renewed else '?'}"
                f" ({allocation.lease_seconds}s lease, {settings.lease_grace_seconds:g}s grace);"
                " releasing"
            ),
        )
    elif step.release_reason == "max_runtime_reached":
        yield "stdout", f"Max runtime of {allocation.max_runtime_seconds}s reached; releasing"
    else:
        yield "stdout", "Release requested; stopping workloads"


def settings_for(allocation: Allocation, gpu_model: str | None, config: SimConfig) -> LogSettings:
    """The settings of an allocation's log, from its SKU's GPU model and the `SimConfig`."""
    return LogSettings(
        gpu_model=gpu_model or allocation.sku,
        ssh_ready_delay=config.ssh_ready_delay,
        lease_grace_seconds=config.lease_grace_seconds,
    )
