from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.app_instance_member import AppInstanceMember
from ...models.app_instance_member_create import AppInstanceMemberCreate
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    instance_id: str,
    *,
    body: AppInstanceMemberCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/app-instances/{instance_id}/members".format(
            instance_id=quote(str(instance_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppInstanceMember | ErrorEnvelope | None:
    if response.status_code == 201:
        response_201 = AppInstanceMember.from_dict(loads(response.content))

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(loads(response.content))

        return response_404

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(loads(response.content))

        return response_409

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
) -> Response[AppInstanceMember | ErrorEnvelope]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    instance_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AppInstanceMemberCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppInstanceMember | ErrorEnvelope]:
    """Add an allocation to an app instance as a head or worker

     The member starts `joining` and becomes `ready` once the app has taken it in.
    Refused with `app_instance_not_found` or `allocation_not_found` (404) for
    unknown ids; `allocation_not_active` (409) when the allocation is not `active`;
    `already_exists` (409) when the allocation is already a member or a second
    `head` is asked for; `invalid_state` (409) when the instance is `released` or
    `failed`; `validation_error` (422) when the app's manifest does not accept the
    role or the allocation belongs to another project; `idempotency_conflict` (409)
    for a replayed Idempotency-Key with another body.

    Args:
        instance_id (str):
        idempotency_key (str | Unset):
        body (AppInstanceMemberCreate):  Example: {'allocation_id': 'alloc-5d20e1', 'role':
            'worker'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppInstanceMember | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instance_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AppInstanceMemberCreate,
    idempotency_key: str | Unset = UNSET,
) -> AppInstanceMember | ErrorEnvelope | None:
    """Add an allocation to an app instance as a head or worker

     The member starts `joining` and becomes `ready` once the app has taken it in.
    Refused with `app_instance_not_found` or `allocation_not_found` (404) for
    unknown ids; `allocation_not_active` (409) when the allocation is not `active`;
    `already_exists` (409) when the allocation is already a member or a second
    `head` is asked for; `invalid_state` (409) when the instance is `released` or
    `failed`; `validation_error` (422) when the app's manifest does not accept the
    role or the allocation belongs to another project; `idempotency_conflict` (409)
    for a replayed Idempotency-Key with another body.

    Args:
        instance_id (str):
        idempotency_key (str | Unset):
        body (AppInstanceMemberCreate):  Example: {'allocation_id': 'alloc-5d20e1', 'role':
            'worker'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppInstanceMember | ErrorEnvelope
    """

    return sync_detailed(
        instance_id=instance_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AppInstanceMemberCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppInstanceMember | ErrorEnvelope]:
    """Add an allocation to an app instance as a head or worker

     The member starts `joining` and becomes `ready` once the app has taken it in.
    Refused with `app_instance_not_found` or `allocation_not_found` (404) for
    unknown ids; `allocation_not_active` (409) when the allocation is not `active`;
    `already_exists` (409) when the allocation is already a member or a second
    `head` is asked for; `invalid_state` (409) when the instance is `released` or
    `failed`; `validation_error` (422) when the app's manifest does not accept the
    role or the allocation belongs to another project; `idempotency_conflict` (409)
    for a replayed Idempotency-Key with another body.

    Args:
        instance_id (str):
        idempotency_key (str | Unset):
        body (AppInstanceMemberCreate):  Example: {'allocation_id': 'alloc-5d20e1', 'role':
            'worker'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppInstanceMember | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AppInstanceMemberCreate,
    idempotency_key: str | Unset = UNSET,
) -> AppInstanceMember | ErrorEnvelope | None:
    """Add an allocation to an app instance as a head or worker

     The member starts `joining` and becomes `ready` once the app has taken it in.
    Refused with `app_instance_not_found` or `allocation_not_found` (404) for
    unknown ids; `allocation_not_active` (409) when the allocation is not `active`;
    `already_exists` (409) when the allocation is already a member or a second
    `head` is asked for; `invalid_state` (409) when the instance is `released` or
    `failed`; `validation_error` (422) when the app's manifest does not accept the
    role or the allocation belongs to another project; `idempotency_conflict` (409)
    for a replayed Idempotency-Key with another body.

    Args:
        instance_id (str):
        idempotency_key (str | Unset):
        body (AppInstanceMemberCreate):  Example: {'allocation_id': 'alloc-5d20e1', 'role':
            'worker'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppInstanceMember | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
