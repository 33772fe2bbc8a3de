"""Contains all the data models used in inputs/outputs

Models load on first use (PEP 562), so importing one endpoint module does not
import every model of the contract.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .allocation import Allocation
    from .allocation_create import AllocationCreate
    from .allocation_log_line import AllocationLogLine
    from .allocation_log_page import AllocationLogPage
    from .allocation_log_stream import AllocationLogStream
    from .allocation_page import AllocationPage
    from .allocation_release_reason import AllocationReleaseReason
    from .allocation_status import AllocationStatus
    from .allocation_status_changed import AllocationStatusChanged
    from .app_artifact import AppArtifact
    from .app_artifact_page import AppArtifactPage
    from .app_artifact_promotion import AppArtifactPromotion
    from .app_channel import AppChannel
    from .app_endpoint import AppEndpoint
    from .app_entitlement import AppEntitlement
    from .app_entitlement_create import AppEntitlementCreate
    from .app_entitlement_page import AppEntitlementPage
    from .app_event_emitted import AppEventEmitted
    from .app_event_emitted_payload import AppEventEmittedPayload
    from .app_instance import AppInstance
    from .app_instance_create import AppInstanceCreate
    from .app_instance_create_config import AppInstanceCreateConfig
    from .app_instance_event_type import AppInstanceEventType
    from .app_instance_member import AppInstanceMember
    from .app_instance_member_create import AppInstanceMemberCreate
    from .app_instance_member_page import AppInstanceMemberPage
    from .app_instance_member_status import AppInstanceMemberStatus
    from .app_instance_page import AppInstancePage
    from .app_instance_status import AppInstanceStatus
    from .app_instance_status_changed import AppInstanceStatusChanged
    from .app_log_line import AppLogLine
    from .app_log_line_stream import AppLogLineStream
    from .app_manifest import AppManifest
    from .app_manifest_create import AppManifestCreate
    from .app_manifest_page import AppManifestPage
    from .app_member_role import AppMemberRole
    from .app_port import AppPort
    from .app_port_protocol import AppPortProtocol
    from .app_port_spec import AppPortSpec
    from .audit_actor_kind import AuditActorKind
    from .audit_event import AuditEvent
    from .audit_event_page import AuditEventPage
    from .audit_outcome import AuditOutcome
    from .balance import Balance
    from .budget_exceeded import BudgetExceeded
    from .budget_exceeded_reason import BudgetExceededReason
    from .budget_threshold_reached import BudgetThresholdReached
    from .capacity_available import CapacityAvailable
    from .capacity_hold import CapacityHold
    from .capacity_hold_create import CapacityHoldCreate
    from .capacity_hold_page import CapacityHoldPage
    from .capacity_hold_status import CapacityHoldStatus
    from .capacity_watch import CapacityWatch
    from .capacity_watch_create import CapacityWatchCreate
    from .capacity_watch_page import CapacityWatchPage
    from .capacity_watch_status import CapacityWatchStatus
    from .completed_upload_part import CompletedUploadPart
    from .connection import Connection
    from .dev_login_request import DevLoginRequest
    from .error_body import ErrorBody
    from .error_body_details import ErrorBodyDetails
    from .error_code import ErrorCode
    from .error_envelope import ErrorEnvelope
    from .event_page import EventPage
    from .fleet import Fleet
    from .fleet_create import FleetCreate
    from .fleet_page import FleetPage
    from .fleet_status import FleetStatus
    from .fleet_status_changed import FleetStatusChanged
    from .health import Health
    from .health_status import HealthStatus
    from .iam_role import IamRole
    from .iam_role_page import IamRolePage
    from .iam_role_scope import IamRoleScope
    from .labels import Labels
    from .logout_request import LogoutRequest
    from .multipart_upload import MultipartUpload
    from .multipart_upload_complete import MultipartUploadComplete
    from .multipart_upload_create import MultipartUploadCreate
    from .multipart_upload_part import MultipartUploadPart
    from .multipart_upload_part_page import MultipartUploadPartPage
    from .node import Node
    from .node_drain_request import NodeDrainRequest
    from .node_page import NodePage
    from .node_status import NodeStatus
    from .oidc_authorization_form import OidcAuthorizationForm
    from .oidc_authorization_form_action import OidcAuthorizationFormAction
    from .oidc_authorization_result import OidcAuthorizationResult
    from .oidc_authorization_result_error import OidcAuthorizationResultError
    from .oidc_token_request import OidcTokenRequest
    from .ops_allocation_counts import OpsAllocationCounts
    from .ops_node_counts import OpsNodeCounts
    from .ops_overview import OpsOverview
    from .payment_session import PaymentSession
    from .payment_session_create import PaymentSessionCreate
    from .payment_session_status import PaymentSessionStatus
    from .pkce_code_challenge_method import PkceCodeChallengeMethod
    from .price_quote import PriceQuote
    from .price_quote_request import PriceQuoteRequest
    from .principal import Principal
    from .principal_kind import PrincipalKind
    from .project import Project
    from .project_budget import ProjectBudget
    from .project_budget_update import ProjectBudgetUpdate
    from .project_create import ProjectCreate
    from .project_membership import ProjectMembership
    from .project_membership_create import ProjectMembershipCreate
    from .project_membership_page import ProjectMembershipPage
    from .project_page import ProjectPage
    from .project_update import ProjectUpdate
    from .refresh_request import RefreshRequest
    from .refund import Refund
    from .refund_create import RefundCreate
    from .refund_page import RefundPage
    from .refund_status import RefundStatus
    from .region import Region
    from .region_availability import RegionAvailability
    from .region_page import RegionPage
    from .reservation import Reservation
    from .reservation_availability import ReservationAvailability
    from .reservation_create import ReservationCreate
    from .reservation_page import ReservationPage
    from .reservation_slot import ReservationSlot
    from .reservation_status import ReservationStatus
    from .server_sent_event import ServerSentEvent
    from .service_account import ServiceAccount
    from .service_account_create import ServiceAccountCreate
    from .service_account_key import ServiceAccountKey
    from .service_account_key_algorithm import ServiceAccountKeyAlgorithm
    from .service_account_key_create import ServiceAccountKeyCreate
    from .service_account_key_created import ServiceAccountKeyCreated
    from .service_account_key_page import ServiceAccountKeyPage
    from .service_account_key_rotate import ServiceAccountKeyRotate
    from .service_account_key_status import ServiceAccountKeyStatus
    from .service_account_page import ServiceAccountPage
    from .service_account_revocation import ServiceAccountRevocation
    from .service_account_token_request import ServiceAccountTokenRequest
    from .sku import Sku
    from .sku_page import SkuPage
    from .spend_grant import SpendGrant
    from .spend_grant_create import SpendGrantCreate
    from .spend_grant_created import SpendGrantCreated
    from .spend_grant_page import SpendGrantPage
    from .spend_grant_status import SpendGrantStatus
    from .ssh_key import SshKey
    from .ssh_key_create import SshKeyCreate
    from .ssh_key_page import SshKeyPage
    from .storage_folder_create import StorageFolderCreate
    from .storage_object import StorageObject
    from .storage_object_kind import StorageObjectKind
    from .storage_object_page import StorageObjectPage
    from .storage_rename import StorageRename
    from .storage_usage import StorageUsage
    from .tenant import Tenant
    from .tenant_membership import TenantMembership
    from .tenant_membership_create import TenantMembershipCreate
    from .tenant_membership_page import TenantMembershipPage
    from .tenant_page import TenantPage
    from .tenant_quotas import TenantQuotas
    from .terminal_exit import TerminalExit
    from .terminal_resize import TerminalResize
    from .terminal_stderr import TerminalStderr
    from .terminal_stdin import TerminalStdin
    from .terminal_stdout import TerminalStdout
    from .terminal_token import TerminalToken
    from .token_grant import TokenGrant
    from .usage_kind import UsageKind
    from .usage_record import UsageRecord
    from .usage_record_page import UsageRecordPage
    from .usage_recorded import UsageRecorded
    from .volume import Volume
    from .volume_attachment import VolumeAttachment
    from .volume_create import VolumeCreate
    from .volume_mount import VolumeMount
    from .volume_page import VolumePage
    from .volume_status import VolumeStatus
    from .webhook import Webhook
    from .webhook_create import WebhookCreate
    from .webhook_created import WebhookCreated
    from .webhook_delivery import WebhookDelivery
    from .webhook_delivery_page import WebhookDeliveryPage
    from .webhook_event_type import WebhookEventType
    from .webhook_page import WebhookPage

_MODULE_OF: dict[str, str] = {
    "Allocation": ".allocation",
    "AllocationCreate": ".allocation_create",
    "AllocationLogLine": ".allocation_log_line",
    "AllocationLogPage": ".allocation_log_page",
    "AllocationLogStream": ".allocation_log_stream",
    "AllocationPage": ".allocation_page",
    "AllocationReleaseReason": ".allocation_release_reason",
    "AllocationStatus": ".allocation_status",
    "AllocationStatusChanged": ".allocation_status_changed",
    "AppArtifact": ".app_artifact",
    "AppArtifactPage": ".app_artifact_page",
    "AppArtifactPromotion": ".app_artifact_promotion",
    "AppChannel": ".app_channel",
    "AppEndpoint": ".app_endpoint",
    "AppEntitlement": ".app_entitlement",
    "AppEntitlementCreate": ".app_entitlement_create",
    "AppEntitlementPage": ".app_entitlement_page",
    "AppEventEmitted": ".app_event_emitted",
    "AppEventEmittedPayload": ".app_event_emitted_payload",
    "AppInstance": ".app_instance",
    "AppInstanceCreate": ".app_instance_create",
    "AppInstanceCreateConfig": ".app_instance_create_config",
    "AppInstanceEventType": ".app_instance_event_type",
    "AppInstanceMember": ".app_instance_member",
    "AppInstanceMemberCreate": ".app_instance_member_create",
    "AppInstanceMemberPage": ".app_instance_member_page",
    "AppInstanceMemberStatus": ".app_instance_member_status",
    "AppInstancePage": ".app_instance_page",
    "AppInstanceStatus": ".app_instance_status",
    "AppInstanceStatusChanged": ".app_instance_status_changed",
    "AppLogLine": ".app_log_line",
    "AppLogLineStream": ".app_log_line_stream",
    "AppManifest": ".app_manifest",
    "AppManifestCreate": ".app_manifest_create",
    "AppManifestPage": ".app_manifest_page",
    "AppMemberRole": ".app_member_role",
    "AppPort": ".app_port",
    "AppPortProtocol": ".app_port_protocol",
    "AppPortSpec": ".app_port_spec",
    "AuditActorKind": ".audit_actor_kind",
    "AuditEvent": ".audit_event",
    "AuditEventPage": ".audit_event_page",
    "AuditOutcome": ".audit_outcome",
    "Balance": ".balance",
    "BudgetExceeded": ".budget_exceeded",
    "BudgetExceededReason": ".budget_exceeded_reason",
    "BudgetThresholdReached": ".budget_threshold_reached",
    "CapacityAvailable": ".capacity_available",
    "CapacityHold": ".capacity_hold",
    "CapacityHoldCreate": ".capacity_hold_create",
    "CapacityHoldPage": ".capacity_hold_page",
    "CapacityHoldStatus": ".capacity_hold_status",
    "CapacityWatch": ".capacity_watch",
    "CapacityWatchCreate": ".capacity_watch_create",
    "CapacityWatchPage": ".capacity_watch_page",
    "CapacityWatchStatus": ".capacity_watch_status",
    "CompletedUploadPart": ".completed_upload_part",
    "Connection": ".connection",
    "DevLoginRequest": ".dev_login_request",
    "ErrorBody": ".error_body",
    "ErrorBodyDetails": ".error_body_details",
    "ErrorCode": ".error_code",
    "ErrorEnvelope": ".error_envelope",
    "EventPage": ".event_page",
    "Fleet": ".fleet",
    "FleetCreate": ".fleet_create",
    "FleetPage": ".fleet_page",
    "FleetStatus": ".fleet_status",
    "FleetStatusChanged": ".fleet_status_changed",
    "Health": ".health",
    "HealthStatus": ".health_status",
    "IamRole": ".iam_role",
    "IamRolePage": ".iam_role_page",
    "IamRoleScope": ".iam_role_scope",
    "Labels": ".labels",
    "LogoutRequest": ".logout_request",
    "MultipartUpload": ".multipart_upload",
    "MultipartUploadComplete": ".multipart_upload_complete",
    "MultipartUploadCreate": ".multipart_upload_create",
    "MultipartUploadPart": ".multipart_upload_part",
    "MultipartUploadPartPage": ".multipart_upload_part_page",
    "Node": ".node",
    "NodeDrainRequest": ".node_drain_request",
    "NodePage": ".node_page",
    "NodeStatus": ".node_status",
    "OidcAuthorizationForm": ".oidc_authorization_form",
    "OidcAuthorizationFormAction": ".oidc_authorization_form_action",
    "OidcAuthorizationResult": ".oidc_authorization_result",
    "OidcAuthorizationResultError": ".oidc_authorization_result_error",
    "OidcTokenRequest": ".oidc_token_request",
    "OpsAllocationCounts": ".ops_allocation_counts",
    "OpsNodeCounts": ".ops_node_counts",
    "OpsOverview": ".ops_overview",
    "PaymentSession": ".payment_session",
    "PaymentSessionCreate": ".payment_session_create",
    "PaymentSessionStatus": ".payment_session_status",
    "PkceCodeChallengeMethod": ".pkce_code_challenge_method",
    "PriceQuote": ".price_quote",
    "PriceQuoteRequest": ".price_quote_request",
    "Principal": ".principal",
    "PrincipalKind": ".principal_kind",
    "Project": ".project",
    "ProjectBudget": ".project_budget",
    "ProjectBudgetUpdate": ".project_budget_update",
    "ProjectCreate": ".project_create",
    "ProjectMembership": ".project_membership",
    "ProjectMembershipCreate": ".project_membership_create",
    "ProjectMembershipPage": ".project_membership_page",
    "ProjectPage": ".project_page",
    "ProjectUpdate": ".project_update",
    "RefreshRequest": ".refresh_request",
    "Refund": ".refund",
    "RefundCreate": ".refund_create",
    "RefundPage": ".refund_page",
    "RefundStatus": ".refund_status",
    "Region": ".region",
    "RegionAvailability": ".region_availability",
    "RegionPage": ".region_page",
    "Reservation": ".reservation",
    "ReservationAvailability": ".reservation_availability",
    "ReservationCreate": ".reservation_create",
    "ReservationPage": ".reservation_page",
    "ReservationSlot": ".reservation_slot",
    "ReservationStatus": ".reservation_status",
    "ServerSentEvent": ".server_sent_event",
    "ServiceAccount": ".service_account",
    "ServiceAccountCreate": ".service_account_create",
    "ServiceAccountKey": ".service_account_key",
    "ServiceAccountKeyAlgorithm": ".service_account_key_algorithm",
    "ServiceAccountKeyCreate": ".service_account_key_create",
    "ServiceAccountKeyCreated": ".service_account_key_created",
    "ServiceAccountKeyPage": ".service_account_key_page",
    "ServiceAccountKeyRotate": ".service_account_key_rotate",
    "ServiceAccountKeyStatus": ".service_account_key_status",
    "ServiceAccountPage": ".service_account_page",
    "ServiceAccountRevocation": ".service_account_revocation",
    "ServiceAccountTokenRequest": ".service_account_token_request",
    "Sku": ".sku",
    "SkuPage": ".sku_page",
    "SpendGrant": ".spend_grant",
    "SpendGrantCreate": ".spend_grant_create",
    "SpendGrantCreated": ".spend_grant_created",
    "SpendGrantPage": ".spend_grant_page",
    "SpendGrantStatus": ".spend_grant_status",
    "SshKey": ".ssh_key",
    "SshKeyCreate": ".ssh_key_create",
    "SshKeyPage": ".ssh_key_page",
    "StorageFolderCreate": ".storage_folder_create",
    "StorageObject": ".storage_object",
    "StorageObjectKind": ".storage_object_kind",
    "StorageObjectPage": ".storage_object_page",
    "StorageRename": ".storage_rename",
    "StorageUsage": ".storage_usage",
    "Tenant": ".tenant",
    "TenantMembership": ".tenant_membership",
    "TenantMembershipCreate": ".tenant_membership_create",
    "TenantMembershipPage": ".tenant_membership_page",
    "TenantPage": ".tenant_page",
    "TenantQuotas": ".tenant_quotas",
    "TerminalExit": ".terminal_exit",
    "TerminalResize": ".terminal_resize",
    "TerminalStderr": ".terminal_stderr",
    "TerminalStdin": ".terminal_stdin",
    "TerminalStdout": ".terminal_stdout",
    "TerminalToken": ".terminal_token",
    "TokenGrant": ".token_grant",
    "UsageKind": ".usage_kind",
    "UsageRecord": ".usage_record",
    "UsageRecordPage": ".usage_record_page",
    "UsageRecorded": ".usage_recorded",
    "Volume": ".volume",
    "VolumeAttachment": ".volume_attachment",
    "VolumeCreate": ".volume_create",
    "VolumeMount": ".volume_mount",
    "VolumePage": ".volume_page",
    "VolumeStatus": ".volume_status",
    "Webhook": ".webhook",
    "WebhookCreate": ".webhook_create",
    "WebhookCreated": ".webhook_created",
    "WebhookDelivery": ".webhook_delivery",
    "WebhookDeliveryPage": ".webhook_delivery_page",
    "WebhookEventType": ".webhook_event_type",
    "WebhookPage": ".webhook_page",
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
    "AllocationLogLine",
    "AllocationLogPage",
    "AllocationLogStream",
    "AllocationPage",
    "AllocationReleaseReason",
    "AllocationStatus",
    "AllocationStatusChanged",
    "AppArtifact",
    "AppArtifactPage",
    "AppArtifactPromotion",
    "AppChannel",
    "AppEndpoint",
    "AppEntitlement",
    "AppEntitlementCreate",
    "AppEntitlementPage",
    "AppEventEmitted",
    "AppEventEmittedPayload",
    "AppInstance",
    "AppInstanceCreate",
    "AppInstanceCreateConfig",
    "AppInstanceEventType",
    "AppInstanceMember",
    "AppInstanceMemberCreate",
    "AppInstanceMemberPage",
    "AppInstanceMemberStatus",
    "AppInstancePage",
    "AppInstanceStatus",
    "AppInstanceStatusChanged",
    "AppLogLine",
    "AppLogLineStream",
    "AppManifest",
    "AppManifestCreate",
    "AppManifestPage",
    "AppMemberRole",
    "AppPort",
    "AppPortProtocol",
    "AppPortSpec",
    "AuditActorKind",
    "AuditEvent",
    "AuditEventPage",
    "AuditOutcome",
    "Balance",
    "BudgetExceeded",
    "BudgetExceededReason",
    "BudgetThresholdReached",
    "CapacityAvailable",
    "CapacityHold",
    "CapacityHoldCreate",
    "CapacityHoldPage",
    "CapacityHoldStatus",
    "CapacityWatch",
    "CapacityWatchCreate",
    "CapacityWatchPage",
    "CapacityWatchStatus",
    "CompletedUploadPart",
    "Connection",
    "DevLoginRequest",
    "ErrorBody",
    "ErrorBodyDetails",
    "ErrorCode",
    "ErrorEnvelope",
    "EventPage",
    "Fleet",
    "FleetCreate",
    "FleetPage",
    "FleetStatus",
    "FleetStatusChanged",
    "Health",
    "HealthStatus",
    "IamRole",
    "IamRolePage",
    "IamRoleScope",
    "Labels",
    "LogoutRequest",
    "MultipartUpload",
    "MultipartUploadComplete",
    "MultipartUploadCreate",
    "MultipartUploadPart",
    "MultipartUploadPartPage",
    "Node",
    "NodeDrainRequest",
    "NodePage",
    "NodeStatus",
    "OidcAuthorizationForm",
    "OidcAuthorizationFormAction",
    "OidcAuthorizationResult",
    "OidcAuthorizationResultError",
    "OidcTokenRequest",
    "OpsAllocationCounts",
    "OpsNodeCounts",
    "OpsOverview",
    "PaymentSession",
    "PaymentSessionCreate",
    "PaymentSessionStatus",
    "PkceCodeChallengeMethod",
    "PriceQuote",
    "PriceQuoteRequest",
    "Principal",
    "PrincipalKind",
    "Project",
    "ProjectBudget",
    "ProjectBudgetUpdate",
    "ProjectCreate",
    "ProjectMembership",
    "ProjectMembershipCreate",
    "ProjectMembershipPage",
    "ProjectPage",
    "ProjectUpdate",
    "RefreshRequest",
    "Refund",
    "RefundCreate",
    "RefundPage",
    "RefundStatus",
    "Region",
    "RegionAvailability",
    "RegionPage",
    "Reservation",
    "ReservationAvailability",
    "ReservationCreate",
    "ReservationPage",
    "ReservationSlot",
    "ReservationStatus",
    "ServerSentEvent",
    "ServiceAccount",
    "ServiceAccountCreate",
    "ServiceAccountKey",
    "ServiceAccountKeyAlgorithm",
    "ServiceAccountKeyCreate",
    "ServiceAccountKeyCreated",
    "ServiceAccountKeyPage",
    "ServiceAccountKeyRotate",
    "ServiceAccountKeyStatus",
    "ServiceAccountPage",
    "ServiceAccountRevocation",
    "ServiceAccountTokenRequest",
    "Sku",
    "SkuPage",
    "SpendGrant",
    "SpendGrantCreate",
    "SpendGrantCreated",
    "SpendGrantPage",
    "SpendGrantStatus",
    "SshKey",
    "SshKeyCreate",
    "SshKeyPage",
    "StorageFolderCreate",
    "StorageObject",
    "StorageObjectKind",
    "StorageObjectPage",
    "StorageRename",
    "StorageUsage",
    "Tenant",
    "TenantMembership",
    "TenantMembershipCreate",
    "TenantMembershipPage",
    "TenantPage",
    "TenantQuotas",
    "TerminalExit",
    "TerminalResize",
    "TerminalStderr",
    "TerminalStdin",
    "TerminalStdout",
    "TerminalToken",
    "TokenGrant",
    "UsageKind",
    "UsageRecord",
    "UsageRecorded",
    "UsageRecordPage",
    "Volume",
    "VolumeAttachment",
    "VolumeCreate",
    "VolumeMount",
    "VolumePage",
    "VolumeStatus",
    "Webhook",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookDelivery",
    "WebhookDeliveryPage",
    "WebhookEventType",
    "WebhookPage",
)
