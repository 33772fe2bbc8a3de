"""The audit record of an operation, as its `x-audit` in the contract describes it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from starlette.requests import Request

from ..platform.admin import AuditEvent
from ..platform.identity import Principal
from .contract import AuditSpec
from .responses import correlation_id

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["record_audit", "resource_id_of"]


def _pointer(document: Any, pointer: str) -> Any:
    for part in pointer.lstrip("/").split("/"):
        if not isinstance(document, Mapping):
            return None
        document = document.get(part.replace("~1", "/").replace("~0", "~"))
    return document


def resource_id_of(
    spec: AuditSpec, path: Mapping[str, Any], body: Any, response: Any
) -> str | None:
    """The id `spec.resource_id` (an OpenAPI runtime expression) names, None if unknown
    (a refused create has none)."""
    expression = spec.resource_id
    if expression is None:
        return None
    if expression.startswith("$request.path."):
        found = path.get(expression.removeprefix("$request.path."))
    elif expression.startswith("$request.body#"):
        found = _pointer(body, expression.removeprefix("$request.body#"))
    elif expression.startswith("$response.body#"):
        found = _pointer(response, expression.removeprefix("$response.body#"))
    else:
        raise ValueError(f"x-audit resource_id {expression!r} is not a runtime expression")
    return None if found is None else str(found)


def record_audit(
    sim: Simulator,
    request: Request,
    principal: Principal,
    spec: AuditSpec,
    resource_id: str | None,
    outcome: str,
) -> AuditEvent:
    """Who, what, on what, from where, and how it went (`success`, `denied`, `failed`)."""
    client = request.client
    return sim.audit.record(
        principal,
        spec.action,
        resource_type=spec.resource_type,
        resource_id=resource_id,
        tenant_id=principal.tenant_id if spec.tenant_scoped else None,
        correlation_id=correlation_id(request),
        ip=client.host if client else None,
        outcome=outcome,
    )
