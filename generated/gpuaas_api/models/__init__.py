"""Contains all the data models used in inputs/outputs

Models load on first use (PEP 562), so importing one endpoint module does not
import every model of the contract.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .allocation import Allocation
    from .allocation_create import AllocationCreate
    from .allocation_page import AllocationPage
    from .allocation_status import AllocationStatus
    from .connection import Connection
    from .dev_login_request import DevLoginRequest
    from .error_body import ErrorBody
    from .error_body_details import ErrorBodyDetails
    from .error_code import ErrorCode
    from .error_envelope import ErrorEnvelope
    from .health import Health
    from .health_status import HealthStatus
    from .principal import Principal
    from .principal_kind import PrincipalKind
    from .refresh_request import RefreshRequest
    from .region import Region
    from .region_availability import RegionAvailability
    from .region_page import RegionPage
    from .sku import Sku
    from .sku_page import SkuPage
    from .terminal_token import TerminalToken
    from .token_grant import TokenGrant

_MODULE_OF: dict[str, str] = {
    "Allocation": ".allocation",
    "AllocationCreate": ".allocation_create",
    "AllocationPage": ".allocation_page",
    "AllocationStatus": ".allocation_status",
    "Connection": ".connection",
    "DevLoginRequest": ".dev_login_request",
    "ErrorBody": ".error_body",
    "ErrorBodyDetails": ".error_body_details",
    "ErrorCode": ".error_code",
    "ErrorEnvelope": ".error_envelope",
    "Health": ".health",
    "HealthStatus": ".health_status",
    "Principal": ".principal",
    "PrincipalKind": ".principal_kind",
    "RefreshRequest": ".refresh_request",
    "Region": ".region",
    "RegionAvailability": ".region_availability",
    "RegionPage": ".region_page",
    "Sku": ".sku",
    "SkuPage": ".sku_page",
    "TerminalToken": ".terminal_token",
    "TokenGrant": ".token_grant",
}


def __getattr__(name: str) -> Any:
    try:
        module = _MODULE_OF[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = (
    "Allocation",
    "AllocationCreate",
    "AllocationPage",
    "AllocationStatus",
    "Connection",
    "DevLoginRequest",
    "ErrorBody",
    "ErrorBodyDetails",
    "ErrorCode",
    "ErrorEnvelope",
    "Health",
    "HealthStatus",
    "Principal",
    "PrincipalKind",
    "RefreshRequest",
    "Region",
    "RegionAvailability",
    "RegionPage",
    "Sku",
    "SkuPage",
    "TerminalToken",
    "TokenGrant",
)
