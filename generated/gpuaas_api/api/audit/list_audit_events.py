import datetime
from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.audit_event_page import AuditEventPage
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    params["actor_id"] = actor_id

    params["action"] = action

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/admin/audit-events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuditEventPage | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AuditEventPage.from_dict(loads(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(loads(response.content))

        return response_403

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(loads(response.content))

        return response_422

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(loads(response.content))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuditEventPage | ErrorEnvelope]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
) -> Response[AuditEventPage | ErrorEnvelope]:
    """Export audit events, oldest first (admin)

     Every security-relevant action on the platform (creates, deletes, state changes,
    logins, permission denials), across all tenants, oldest first so that an export
    can page through a time window and resume from its cursor. `since` is inclusive
    and `until` exclusive; filters combine. Audit events are immutable and kept for
    at least one year.

    Needs the platform admin role (`platform_admin`). Errors: `validation_error`
    (422) when `until` is not after `since`; `invalid_request` (400) for a bad
    cursor; `insufficient_permissions` (403).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        actor_id (str | Unset):
        action (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEventPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        since=since,
        until=until,
        actor_id=actor_id,
        action=action,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
) -> AuditEventPage | ErrorEnvelope | None:
    """Export audit events, oldest first (admin)

     Every security-relevant action on the platform (creates, deletes, state changes,
    logins, permission denials), across all tenants, oldest first so that an export
    can page through a time window and resume from its cursor. `since` is inclusive
    and `until` exclusive; filters combine. Audit events are immutable and kept for
    at least one year.

    Needs the platform admin role (`platform_admin`). Errors: `validation_error`
    (422) when `until` is not after `since`; `invalid_request` (400) for a bad
    cursor; `insufficient_permissions` (403).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        actor_id (str | Unset):
        action (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEventPage | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        since=since,
        until=until,
        actor_id=actor_id,
        action=action,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
) -> Response[AuditEventPage | ErrorEnvelope]:
    """Export audit events, oldest first (admin)

     Every security-relevant action on the platform (creates, deletes, state changes,
    logins, permission denials), across all tenants, oldest first so that an export
    can page through a time window and resume from its cursor. `since` is inclusive
    and `until` exclusive; filters combine. Audit events are immutable and kept for
    at least one year.

    Needs the platform admin role (`platform_admin`). Errors: `validation_error`
    (422) when `until` is not after `since`; `invalid_request` (400) for a bad
    cursor; `insufficient_permissions` (403).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        actor_id (str | Unset):
        action (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEventPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        since=since,
        until=until,
        actor_id=actor_id,
        action=action,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
) -> AuditEventPage | ErrorEnvelope | None:
    """Export audit events, oldest first (admin)

     Every security-relevant action on the platform (creates, deletes, state changes,
    logins, permission denials), across all tenants, oldest first so that an export
    can page through a time window and resume from its cursor. `since` is inclusive
    and `until` exclusive; filters combine. Audit events are immutable and kept for
    at least one year.

    Needs the platform admin role (`platform_admin`). Errors: `validation_error`
    (422) when `until` is not after `since`; `invalid_request` (400) for a bad
    cursor; `insufficient_permissions` (403).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        actor_id (str | Unset):
        action (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEventPage | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            since=since,
            until=until,
            actor_id=actor_id,
            action=action,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
