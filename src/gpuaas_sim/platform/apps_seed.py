"""The seed app catalog: manifests, their build artifacts, and where the channels point.

`jupyter-cuda-dev` needs no entitlement; `slurm-cluster` (head + workers) and
`triton-inference` need one. Each seed app accepts a few `config` keys.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["SEED_APPS", "SeedApp", "SeedArtifact"]


@dataclass(frozen=True)
class SeedArtifact:
    version: str
    size_bytes: int
    channels: tuple[str, ...]

    def digest(self, slug: str) -> str:
        return "sha256:" + hashlib.sha256(f"{slug}:{self.version}".encode()).hexdigest()


@dataclass(frozen=True)
class SeedApp:
    manifest: Mapping[str, Any]
    config_keys: Mapping[str, type]
    """The `config` keys a create may set and the JSON type of each."""
    startup_event: tuple[str, Mapping[str, Any]]
    startup_log: str
    artifacts: tuple[SeedArtifact, ...]
    """Oldest first."""


_REGISTRY = "registry.gpuaas.example.com/apps"

SEED_APPS: tuple[SeedApp, ...] = (
    SeedApp(
        manifest={
            "slug": "jupyter-cuda-dev",
            "name": "Jupyter (CUDA dev)",
            "description": "JupyterLab with CUDA 12, PyTorch and the NVIDIA tools preinstalled; "
            "worker allocations join as distributed-training ranks.",
            "version": "1.4.0",
            "category": "notebooks",
            "image": f"{_REGISTRY}/jupyter-cuda-dev:1.4.0",
            "ports": [{"name": "jupyter", "port": 8888, "protocol": "http"}],
            "min_gpus": 1,
            "supported_skus": [],
            "roles": ["head", "worker"],
            "entitlement_required": False,
        },
        config_keys={"python": str, "idle_timeout_minutes": int},
        startup_event=("kernel.started", {"kernel": "python3"}),
        startup_log="Jupyter Server 2.14 is running at http://127.0.0.1:8888/",
        artifacts=(
            SeedArtifact("1.3.2", 4_612_734_976, ()),
            SeedArtifact("1.4.0", 4_831_838_208, ("stable",)),
            SeedArtifact("1.5.0-rc1", 4_902_113_280, ("beta", "dev")),
        ),
    ),
    SeedApp(
        manifest={
            "slug": "slurm-cluster",
            "name": "Slurm cluster",
            "description": "A Slurm controller on the head allocation; workers join as compute "
            "nodes.",
            "version": "23.11.4",
            "category": "hpc",
            "image": f"{_REGISTRY}/slurm-cluster:23.11.4",
            "ports": [{"name": "slurmctld", "port": 6817, "protocol": "tcp"}],
            "min_gpus": 1,
            "supported_skus": ["h200-sxm-slice", "h100-sxm-slice"],
            "roles": ["head", "worker"],
            "entitlement_required": False,
        },
        config_keys={"partition": str},
        startup_event=("slurmctld.ready", {"partition": "gpu"}),
        startup_log="slurmctld: slurmctld version 23.11.4 started on cluster gpuaas",
        artifacts=(
            SeedArtifact("23.11.1", 1_288_490_188, ()),
            SeedArtifact("23.11.4", 1_302_331_392, ("stable", "beta")),
            SeedArtifact("24.05.0", 1_340_080_128, ("dev",)),
        ),
    ),
    SeedApp(
        manifest={
            "slug": "triton-inference",
            "name": "Triton Inference Server",
            "description": "NVIDIA Triton serving models from platform storage.",
            "version": "24.08",
            "category": "inference",
            "image": f"{_REGISTRY}/triton-inference:24.08",
            "ports": [
                {"name": "http", "port": 8000, "protocol": "http"},
                {"name": "grpc", "port": 8001, "protocol": "tcp"},
            ],
            "min_gpus": 1,
            "supported_skus": ["h200-sxm-slice", "h100-sxm-slice", "l40s-slice"],
            "roles": ["head"],
            "entitlement_required": True,
        },
        config_keys={"model_repository": str},
        startup_event=("models.loaded", {"models": 0}),
        startup_log="Started HTTPService at 0.0.0.0:8000",
        artifacts=(
            SeedArtifact("24.07", 9_126_805_504, ()),
            SeedArtifact("24.08", 9_212_030_976, ("stable", "beta", "dev")),
        ),
    ),
)
