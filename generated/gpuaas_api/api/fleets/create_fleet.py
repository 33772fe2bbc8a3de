from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.fleet import Fleet
from ...models.fleet_create import FleetCreate
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: FleetCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/fleets",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | Fleet | None:
    if response.status_code == 201:
        response_201 = Fleet.from_dict(loads(response.content))

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

    if response.status_code == 402:
        response_402 = ErrorEnvelope.from_dict(loads(response.content))

        return response_402

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
) -> Response[ErrorEnvelope | Fleet]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FleetCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | Fleet]:
    """Launch several allocations together, all or nothing

     Places `count` allocations of `gpus_total` GPUs of `sku` in one region (as many as
    fit, at least `min_count`) and starts them together. When a placement fails, the
    fleet waits for the others: if at least `min_count` members come up the fleet is
    `active` (failed members hold nothing and cost nothing); otherwise it is `failed`
    and every member is released before any becomes active, so nothing is billed (the
    platform bills from `active` on: its minimum for a failed fleet is zero). One
    `Idempotency-Key` covers the whole fleet: a retried create returns the same fleet.

    The whole fleet is admitted at once against the spend limits (each member's
    commitment, as for `createAllocation`), so concurrent launches cannot together pass
    a limit. Errors: as `createAllocation`; `sku_unavailable` (409) when fewer than
    `min_count` members fit; `validation_error` (422) for `min_count` above `count`.

    Args:
        idempotency_key (str | Unset):
        body (FleetCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'count': 4,
            'min_count': 4, 'region_code': 'us-buffalo-1', 'quote_id': 'qt-3b1f9a07'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Fleet]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: FleetCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | Fleet | None:
    """Launch several allocations together, all or nothing

     Places `count` allocations of `gpus_total` GPUs of `sku` in one region (as many as
    fit, at least `min_count`) and starts them together. When a placement fails, the
    fleet waits for the others: if at least `min_count` members come up the fleet is
    `active` (failed members hold nothing and cost nothing); otherwise it is `failed`
    and every member is released before any becomes active, so nothing is billed (the
    platform bills from `active` on: its minimum for a failed fleet is zero). One
    `Idempotency-Key` covers the whole fleet: a retried create returns the same fleet.

    The whole fleet is admitted at once against the spend limits (each member's
    commitment, as for `createAllocation`), so concurrent launches cannot together pass
    a limit. Errors: as `createAllocation`; `sku_unavailable` (409) when fewer than
    `min_count` members fit; `validation_error` (422) for `min_count` above `count`.

    Args:
        idempotency_key (str | Unset):
        body (FleetCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'count': 4,
            'min_count': 4, 'region_code': 'us-buffalo-1', 'quote_id': 'qt-3b1f9a07'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Fleet
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FleetCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | Fleet]:
    """Launch several allocations together, all or nothing

     Places `count` allocations of `gpus_total` GPUs of `sku` in one region (as many as
    fit, at least `min_count`) and starts them together. When a placement fails, the
    fleet waits for the others: if at least `min_count` members come up the fleet is
    `active` (failed members hold nothing and cost nothing); otherwise it is `failed`
    and every member is released before any becomes active, so nothing is billed (the
    platform bills from `active` on: its minimum for a failed fleet is zero). One
    `Idempotency-Key` covers the whole fleet: a retried create returns the same fleet.

    The whole fleet is admitted at once against the spend limits (each member's
    commitment, as for `createAllocation`), so concurrent launches cannot together pass
    a limit. Errors: as `createAllocation`; `sku_unavailable` (409) when fewer than
    `min_count` members fit; `validation_error` (422) for `min_count` above `count`.

    Args:
        idempotency_key (str | Unset):
        body (FleetCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'count': 4,
            'min_count': 4, 'region_code': 'us-buffalo-1', 'quote_id': 'qt-3b1f9a07'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Fleet]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FleetCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | Fleet | None:
    """Launch several allocations together, all or nothing

     Places `count` allocations of `gpus_total` GPUs of `sku` in one region (as many as
    fit, at least `min_count`) and starts them together. When a placement fails, the
    fleet waits for the others: if at least `min_count` members come up the fleet is
    `active` (failed members hold nothing and cost nothing); otherwise it is `failed`
    and every member is released before any becomes active, so nothing is billed (the
    platform bills from `active` on: its minimum for a failed fleet is zero). One
    `Idempotency-Key` covers the whole fleet: a retried create returns the same fleet.

    The whole fleet is admitted at once against the spend limits (each member's
    commitment, as for `createAllocation`), so concurrent launches cannot together pass
    a limit. Errors: as `createAllocation`; `sku_unavailable` (409) when fewer than
    `min_count` members fit; `validation_error` (422) for `min_count` above `count`.

    Args:
        idempotency_key (str | Unset):
        body (FleetCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'count': 4,
            'min_count': 4, 'region_code': 'us-buffalo-1', 'quote_id': 'qt-3b1f9a07'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Fleet
    """

    return (
        await asyncio_detailed(
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
