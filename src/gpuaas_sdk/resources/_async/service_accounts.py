"""`client.service_accounts`: accounts for agents and services, and (`.keys`) their keys."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import (
    ServiceAccount,
    ServiceAccountKey,
    ServiceAccountKeyCreated,
    ServiceAccountRevocation,
)

from ..._core._async.pager import AsyncPager
from .._lazy import RawResponses
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

    from .._raw import (
        AsyncServiceAccountKeysResourceWithRawResponse,
        AsyncServiceAccountsResourceWithRawResponse,
    )
from ..._core.call import RequestOptions
from ..service_accounts import (
    _create,
    _create_key,
    _delete,
    _get,
    _list,
    _list_keys,
    _revoke,
    _revoke_key,
    _rotate,
    _rotate_key,
)


class AsyncServiceAccountKeysResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncServiceAccountKeysResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self,
        service_account_id: str,
        *,
        status: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[ServiceAccountKey]:
        """The account's keys (public halves), newest first."""
        return AsyncPager(
            lambda c: self._run(_list_keys(service_account_id, c, status, page_size), options)
        )

    async def create(
        self,
        service_account_id: str,
        *,
        public_key_pem: str | None = None,
        algorithm: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ServiceAccountKeyCreated:
        """Register your public key, or (none given) get a generated pair's private half once."""
        return await self._run(
            _create_key(service_account_id, public_key_pem, algorithm, idempotency_key), options
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
        **options: Unpack[RequestOptions],
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
            ),
            options,
        )

    async def revoke(
        self, service_account_id: str, key_id: str, **options: Unpack[RequestOptions]
    ) -> None:
        """Revoke the key at once (revoking it again changes nothing)."""
        await self._run(_revoke_key(service_account_id, key_id), options)


class AsyncServiceAccountsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncServiceAccountsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.keys = AsyncServiceAccountKeysResource(raw)

    def list(
        self,
        *,
        project_id: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[ServiceAccount]:
        """The tenant's service accounts (optionally one project's), oldest first."""
        return AsyncPager(lambda c: self._run(_list(c, project_id, page_size), options))

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
        **options: Unpack[RequestOptions],
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
            ),
            options,
        )

    async def get(
        self, service_account_id: str, **options: Unpack[RequestOptions]
    ) -> ServiceAccount:
        """One account, with what it spent this month."""
        return await self._run(_get(service_account_id), options)

    async def delete(self, service_account_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete the account, revoking its keys and tokens."""
        await self._run(_delete(service_account_id), options)

    async def rotate(
        self,
        service_account_id: str,
        *,
        public_key_pem: str | None = None,
        algorithm: str | None = None,
        previous_key_grace_seconds: int = 86400,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ServiceAccountKeyCreated:
        """Rotate the account's credentials: a new key, the current ones expire after a grace.

        Every key of the account that is active and not already expiring keeps working
        for `previous_key_grace_seconds` (0: it stops at once), so running clients can
        switch to the new key; `previous_key_expires_at` says until when (None when the
        account had no key). Without `public_key_pem` the platform generates the pair
        and returns its private half once, in `private_key_pem` (and `signing_secret`
        for a `signing_required` account): store them now. A retried call (automatic
        Idempotency-Key) returns the same key and secrets. To rotate one key by id, use
        `service_accounts.keys.rotate`.

        Args:
            service_account_id: The account whose credentials to rotate.
            public_key_pem: The public half of a key pair you made (PEM
                SubjectPublicKeyInfo); None to have the platform generate one.
            algorithm: `RS256` or `ES256`; by default taken from `public_key_pem`, or
                the newest active key's for a generated pair.
            previous_key_grace_seconds: How long the current keys stay valid.
            idempotency_key: Your own key for the create; one is made when None.

        Raises:
            ServiceAccountNotFound: No such account in the caller's tenant.
            InsufficientPermissions: The caller is not an admin of its project.
            ValidationError: The PEM is not a public key, or is too weak.
        """
        return await self._run(
            _rotate(
                service_account_id,
                public_key_pem,
                algorithm,
                previous_key_grace_seconds,
                idempotency_key,
            ),
            options,
        )

    async def revoke(
        self,
        service_account_id: str,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ServiceAccountRevocation:
        """Revoke every key and token of the account at once (a leaked credential).

        Keys that still work (including rotated ones in their grace period) are
        revoked and listed in `revoked_key_ids`; every access and refresh token the
        account holds is refused from now on (`TokenInvalid`). The account stays, with
        its roles, cap and spend: give it a new key (`rotate` or `keys.create`) to use
        it again. Revoking again revokes nothing more. To revoke one key, use
        `service_accounts.keys.revoke`.

        Raises:
            ServiceAccountNotFound: No such account in the caller's tenant.
            InsufficientPermissions: The caller is not an admin of its project.
        """
        return await self._run(_revoke(service_account_id, idempotency_key), options)
