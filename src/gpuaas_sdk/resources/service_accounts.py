"""`client.service_accounts`: accounts for agents and services, and (`.keys`) their keys.

A key created or rotated without `public_key_pem` comes back with its private
half in `private_key_pem`, and with `signing_secret` when the account is
`signing_required`: shown once, so store them at once (an automatic
Idempotency-Key lets a retried create recover them after a lost response).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from gpuaas_api.api.service_accounts import (
    create_service_account,
    create_service_account_key,
    delete_service_account,
    get_service_account,
    list_service_account_keys,
    list_service_accounts,
    revoke_service_account_key,
    rotate_service_account_key,
)
from gpuaas_api.models import (
    PrincipalKind,
    ServiceAccount,
    ServiceAccountCreate,
    ServiceAccountKey,
    ServiceAccountKeyAlgorithm,
    ServiceAccountKeyCreate,
    ServiceAccountKeyCreated,
    ServiceAccountKeyPage,
    ServiceAccountKeyRotate,
    ServiceAccountKeyStatus,
    ServiceAccountPage,
)

from .._core.call import Call, unset_if_none
from .._core.pagination import AsyncPager, SyncPager
from ._base import AsyncResource, SyncResource

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

__all__ = [
    "AsyncServiceAccountKeysResource",
    "AsyncServiceAccountsResource",
    "ServiceAccountKeysResource",
    "ServiceAccountsResource",
]


def _list(
    cursor: str | None, project_id: str | None, limit: int | None
) -> Call[ServiceAccountPage]:
    return Call(
        list_service_accounts,
        {
            "cursor": unset_if_none(cursor),
            "project_id": unset_if_none(project_id),
            "limit": unset_if_none(limit),
        },
        ServiceAccountPage,
    )


def _create(
    name: str,
    principal_kind: str,
    project_id: str | None,
    monthly_spend_cap_minor: int | None,
    currency: str | None,
    signing_required: bool,
    roles: Collection[str] | None,
    idempotency_key: str | None,
) -> Call[ServiceAccount]:
    body = ServiceAccountCreate(
        name=name,
        principal_kind=PrincipalKind(principal_kind),
        project_id=unset_if_none(project_id),
        monthly_spend_cap_minor=unset_if_none(monthly_spend_cap_minor),
        currency=unset_if_none(currency),
        signing_required=signing_required,
        roles=unset_if_none(list(roles) if roles is not None else None),
    )
    return Call(
        create_service_account,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        ServiceAccount,
    )


def _get(account_id: str) -> Call[ServiceAccount]:
    return Call(get_service_account, {"service_account_id": account_id}, ServiceAccount)


def _delete(account_id: str) -> Call[None]:
    return Call(delete_service_account, {"service_account_id": account_id}, type(None))


def _algorithm(algorithm: str | None) -> ServiceAccountKeyAlgorithm | None:
    return ServiceAccountKeyAlgorithm(algorithm) if algorithm else None


def _list_keys(
    account_id: str, cursor: str | None, status: str | None, limit: int | None
) -> Call[ServiceAccountKeyPage]:
    return Call(
        list_service_account_keys,
        {
            "service_account_id": account_id,
            "cursor": unset_if_none(cursor),
            "status": unset_if_none(ServiceAccountKeyStatus(status) if status else None),
            "limit": unset_if_none(limit),
        },
        ServiceAccountKeyPage,
    )


def _create_key(
    account_id: str,
    public_key_pem: str | None,
    algorithm: str | None,
    idempotency_key: str | None,
) -> Call[ServiceAccountKeyCreated]:
    body = ServiceAccountKeyCreate(
        public_key_pem=unset_if_none(public_key_pem), algorithm=unset_if_none(_algorithm(algorithm))
    )
    return Call(
        create_service_account_key,
        {
            "service_account_id": account_id,
            "body": body,
            "idempotency_key": unset_if_none(idempotency_key),
        },
        ServiceAccountKeyCreated,
    )


def _rotate_key(
    account_id: str,
    key_id: str,
    public_key_pem: str | None,
    algorithm: str | None,
    grace_seconds: int,
    idempotency_key: str | None,
) -> Call[ServiceAccountKeyCreated]:
    body = ServiceAccountKeyRotate(
        public_key_pem=unset_if_none(public_key_pem),
        algorithm=unset_if_none(_algorithm(algorithm)),
        previous_key_grace_seconds=grace_seconds,
    )
    return Call(
        rotate_service_account_key,
        {
            "service_account_id": account_id,
            "key_id": key_id,
            "body": body,
            "idempotency_key": unset_if_none(idempotency_key),
        },
        ServiceAccountKeyCreated,
    )


def _revoke_key(account_id: str, key_id: str) -> Call[None]:
    return Call(
        revoke_service_account_key,
        {"service_account_id": account_id, "key_id": key_id},
        type(None),
    )


class ServiceAccountKeysResource(SyncResource):
    def list(
        self, service_account_id: str, *, status: str | None = None, page_size: int | None = None
    ) -> SyncPager[ServiceAccountKey]:
        """The account's keys (public halves), newest first."""
        return SyncPager(lambda c: self._run(_list_keys(service_account_id, c, status, page_size)))

    def create(
        self,
        service_account_id: str,
        *,
        public_key_pem: str | None = None,
        algorithm: str | None = None,
        idempotency_key: str | None = None,
    ) -> ServiceAccountKeyCreated:
        """Register your public key, or (none given) get a generated pair's private half once."""
        return self._run(
            _create_key(service_account_id, public_key_pem, algorithm, idempotency_key)
        )

    def rotate(
        self,
        service_account_id: str,
        key_id: str,
        *,
        public_key_pem: str | None = None,
        algorithm: str | None = None,
        previous_key_grace_seconds: int = 86400,
        idempotency_key: str | None = None,
    ) -> ServiceAccountKeyCreated:
        """A new key; the rotated one keeps working for `previous_key_grace_seconds`."""
        return self._run(
            _rotate_key(
                service_account_id,
                key_id,
                public_key_pem,
                algorithm,
                previous_key_grace_seconds,
                idempotency_key,
            )
        )

    def revoke(self, service_account_id: str, key_id: str) -> None:
        """Revoke the key at once (revoking it again changes nothing)."""
        self._run(_revoke_key(service_account_id, key_id))


class AsyncServiceAccountKeysResource(AsyncResource):
    def list(
        self, service_account_id: str, *, status: str | None = None, page_size: int | None = None
    ) -> AsyncPager[ServiceAccountKey]:
        """The account's keys (public halves), newest first."""
        return AsyncPager(lambda c: self._run(_list_keys(service_account_id, c, status, page_size)))

    async def create(
        self,
        service_account_id: str,
        *,
        public_key_pem: str | None = None,
        algorithm: str | None = None,
        idempotency_key: str | None = None,
    ) -> ServiceAccountKeyCreated:
        """Register your public key, or (none given) get a generated pair's private half once."""
        return await self._run(
            _create_key(service_account_id, public_key_pem, algorithm, idempotency_key)
        )

    async def rotate(
        self,
        service_account_id: str,
        key_id: str,
        *,
        public_key_pem: str | None = None,
        algorithm: str | None = None,
        previous_key_grace_seconds: int = 86400,
        idempotency_key: str | None = None,
    ) -> ServiceAccountKeyCreated:
        """A new key; the rotated one keeps working for `previous_key_grace_seconds`."""
        return await self._run(
            _rotate_key(
                service_account_id,
                key_id,
                public_key_pem,
                algorithm,
                previous_key_grace_seconds,
                idempotency_key,
            )
        )

    async def revoke(self, service_account_id: str, key_id: str) -> None:
        """Revoke the key at once (revoking it again changes nothing)."""
        await self._run(_revoke_key(service_account_id, key_id))


class ServiceAccountsResource(SyncResource):
    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.keys = ServiceAccountKeysResource(raw)

    def list(
        self, *, project_id: str | None = None, page_size: int | None = None
    ) -> SyncPager[ServiceAccount]:
        """The tenant's service accounts (optionally one project's), oldest first."""
        return SyncPager(lambda c: self._run(_list(c, project_id, page_size)))

    def create(
        self,
        *,
        name: str,
        principal_kind: str,
        project_id: str | None = None,
        monthly_spend_cap_minor: int | None = None,
        currency: str | None = None,
        signing_required: bool = False,
        roles: Collection[str] | None = None,
        idempotency_key: str | None = None,
    ) -> ServiceAccount:
        """A service account (`agent`, `service` or `human` kind) in a project; no key yet."""
        return self._run(
            _create(
                name,
                principal_kind,
                project_id,
                monthly_spend_cap_minor,
                currency,
                signing_required,
                roles,
                idempotency_key,
            )
        )

    def get(self, service_account_id: str) -> ServiceAccount:
        """One account, with what it spent this month."""
        return self._run(_get(service_account_id))

    def delete(self, service_account_id: str) -> None:
        """Delete the account, revoking its keys and tokens."""
        self._run(_delete(service_account_id))


class AsyncServiceAccountsResource(AsyncResource):
    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.keys = AsyncServiceAccountKeysResource(raw)

    def list(
        self, *, project_id: str | None = None, page_size: int | None = None
    ) -> AsyncPager[ServiceAccount]:
        """The tenant's service accounts (optionally one project's), oldest first."""
        return AsyncPager(lambda c: self._run(_list(c, project_id, page_size)))

    async def create(
        self,
        *,
        name: str,
        principal_kind: str,
        project_id: str | None = None,
        monthly_spend_cap_minor: int | None = None,
        currency: str | None = None,
        signing_required: bool = False,
        roles: Collection[str] | None = None,
        idempotency_key: str | None = None,
    ) -> ServiceAccount:
        """A service account (`agent`, `service` or `human` kind) in a project; no key yet."""
        return await self._run(
            _create(
                name,
                principal_kind,
                project_id,
                monthly_spend_cap_minor,
                currency,
                signing_required,
                roles,
                idempotency_key,
            )
        )

    async def get(self, service_account_id: str) -> ServiceAccount:
        """One account, with what it spent this month."""
        return await self._run(_get(service_account_id))

    async def delete(self, service_account_id: str) -> None:
        """Delete the account, revoking its keys and tokens."""
        await self._run(_delete(service_account_id))
