from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.reservation import Reservation
from ...models.reservation_create import ReservationCreate
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: ReservationCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/reservations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | Reservation | None:
    if response.status_code == 201:
        response_201 = Reservation.from_dict(loads(response.content))

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
) -> Response[ErrorEnvelope | Reservation]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ReservationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | Reservation]:
    """Reserve GPUs of a SKU in a region for a time window

     Promises `gpus_total` GPUs for `[start, start + duration_hours)` at the price in force
    now. Billed by the platform's rules: every hour of the window that has begun is
    billed in full, used or not. Spend limits count the whole window as committed; the
    balance must cover its first hour.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) when the window cannot be
    reserved (see `getReservationAvailability`); `budget_exceeded`,
    `insufficient_balance` (402); `idempotency_conflict` (409); `validation_error` (422)
    for a start in the past or a region where the SKU is not offered.

    Args:
        idempotency_key (str | Unset):
        body (ReservationCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8,
            'region_code': 'us-buffalo-1', 'start': '2026-04-02T09:00:00Z', 'duration_hours': 8,
            'auto_renew': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Reservation]
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
    body: ReservationCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | Reservation | None:
    """Reserve GPUs of a SKU in a region for a time window

     Promises `gpus_total` GPUs for `[start, start + duration_hours)` at the price in force
    now. Billed by the platform's rules: every hour of the window that has begun is
    billed in full, used or not. Spend limits count the whole window as committed; the
    balance must cover its first hour.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) when the window cannot be
    reserved (see `getReservationAvailability`); `budget_exceeded`,
    `insufficient_balance` (402); `idempotency_conflict` (409); `validation_error` (422)
    for a start in the past or a region where the SKU is not offered.

    Args:
        idempotency_key (str | Unset):
        body (ReservationCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8,
            'region_code': 'us-buffalo-1', 'start': '2026-04-02T09:00:00Z', 'duration_hours': 8,
            'auto_renew': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Reservation
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ReservationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | Reservation]:
    """Reserve GPUs of a SKU in a region for a time window

     Promises `gpus_total` GPUs for `[start, start + duration_hours)` at the price in force
    now. Billed by the platform's rules: every hour of the window that has begun is
    billed in full, used or not. Spend limits count the whole window as committed; the
    balance must cover its first hour.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) when the window cannot be
    reserved (see `getReservationAvailability`); `budget_exceeded`,
    `insufficient_balance` (402); `idempotency_conflict` (409); `validation_error` (422)
    for a start in the past or a region where the SKU is not offered.

    Args:
        idempotency_key (str | Unset):
        body (ReservationCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8,
            'region_code': 'us-buffalo-1', 'start': '2026-04-02T09:00:00Z', 'duration_hours': 8,
            'auto_renew': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Reservation]
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
    body: ReservationCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | Reservation | None:
    """Reserve GPUs of a SKU in a region for a time window

     Promises `gpus_total` GPUs for `[start, start + duration_hours)` at the price in force
    now. Billed by the platform's rules: every hour of the window that has begun is
    billed in full, used or not. Spend limits count the whole window as committed; the
    balance must cover its first hour.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) when the window cannot be
    reserved (see `getReservationAvailability`); `budget_exceeded`,
    `insufficient_balance` (402); `idempotency_conflict` (409); `validation_error` (422)
    for a start in the past or a region where the SKU is not offered.

    Args:
        idempotency_key (str | Unset):
        body (ReservationCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8,
            'region_code': 'us-buffalo-1', 'start': '2026-04-02T09:00:00Z', 'duration_hours': 8,
            'auto_renew': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Reservation
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
