import datetime
from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.reservation_availability import ReservationAvailability
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    sku: str,
    gpus_total: int,
    duration_hours: int,
    region_code: str | Unset = UNSET,
    earliest_start: datetime.datetime | Unset = UNSET,
    latest_end: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["sku"] = sku

    params["gpus_total"] = gpus_total

    params["duration_hours"] = duration_hours

    params["region_code"] = region_code

    json_earliest_start: str | Unset = UNSET
    if not isinstance(earliest_start, Unset):
        json_earliest_start = earliest_start.isoformat()
    params["earliest_start"] = json_earliest_start

    json_latest_end: str | Unset = UNSET
    if not isinstance(latest_end, Unset):
        json_latest_end = latest_end.isoformat()
    params["latest_end"] = json_latest_end

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reservations/availability",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ReservationAvailability | None:
    if response.status_code == 200:
        response_200 = ReservationAvailability.from_dict(loads(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(loads(response.content))

        return response_404

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
) -> Response[ErrorEnvelope | ReservationAvailability]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    sku: str,
    gpus_total: int,
    duration_hours: int,
    region_code: str | Unset = UNSET,
    earliest_start: datetime.datetime | Unset = UNSET,
    latest_end: datetime.datetime | Unset = UNSET,
) -> Response[ErrorEnvelope | ReservationAvailability]:
    """Find the windows in which GPUs of a SKU can be reserved

     Windows of `duration_hours` that start on the hour between `earliest_start` (now
    when omitted) and `latest_end` (7 days later when omitted), in which `gpus_total`
    GPUs of `sku` are free for reservation the whole time: the region's GPUs, less those
    live on-demand allocations and open holds use now, less those other reservations
    promise for any moment of the window. At most 168 slots per region, earliest first.

    Errors: `sku_not_found` (404); `invalid_request` (400) for `latest_end` not after
    `earliest_start`; `validation_error` (422) for a region where the SKU is not offered.

    Args:
        sku (str):
        gpus_total (int):
        duration_hours (int):
        region_code (str | Unset):
        earliest_start (datetime.datetime | Unset):
        latest_end (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ReservationAvailability]
    """

    kwargs = _get_kwargs(
        sku=sku,
        gpus_total=gpus_total,
        duration_hours=duration_hours,
        region_code=region_code,
        earliest_start=earliest_start,
        latest_end=latest_end,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    sku: str,
    gpus_total: int,
    duration_hours: int,
    region_code: str | Unset = UNSET,
    earliest_start: datetime.datetime | Unset = UNSET,
    latest_end: datetime.datetime | Unset = UNSET,
) -> ErrorEnvelope | ReservationAvailability | None:
    """Find the windows in which GPUs of a SKU can be reserved

     Windows of `duration_hours` that start on the hour between `earliest_start` (now
    when omitted) and `latest_end` (7 days later when omitted), in which `gpus_total`
    GPUs of `sku` are free for reservation the whole time: the region's GPUs, less those
    live on-demand allocations and open holds use now, less those other reservations
    promise for any moment of the window. At most 168 slots per region, earliest first.

    Errors: `sku_not_found` (404); `invalid_request` (400) for `latest_end` not after
    `earliest_start`; `validation_error` (422) for a region where the SKU is not offered.

    Args:
        sku (str):
        gpus_total (int):
        duration_hours (int):
        region_code (str | Unset):
        earliest_start (datetime.datetime | Unset):
        latest_end (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ReservationAvailability
    """

    return sync_detailed(
        client=client,
        sku=sku,
        gpus_total=gpus_total,
        duration_hours=duration_hours,
        region_code=region_code,
        earliest_start=earliest_start,
        latest_end=latest_end,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    sku: str,
    gpus_total: int,
    duration_hours: int,
    region_code: str | Unset = UNSET,
    earliest_start: datetime.datetime | Unset = UNSET,
    latest_end: datetime.datetime | Unset = UNSET,
) -> Response[ErrorEnvelope | ReservationAvailability]:
    """Find the windows in which GPUs of a SKU can be reserved

     Windows of `duration_hours` that start on the hour between `earliest_start` (now
    when omitted) and `latest_end` (7 days later when omitted), in which `gpus_total`
    GPUs of `sku` are free for reservation the whole time: the region's GPUs, less those
    live on-demand allocations and open holds use now, less those other reservations
    promise for any moment of the window. At most 168 slots per region, earliest first.

    Errors: `sku_not_found` (404); `invalid_request` (400) for `latest_end` not after
    `earliest_start`; `validation_error` (422) for a region where the SKU is not offered.

    Args:
        sku (str):
        gpus_total (int):
        duration_hours (int):
        region_code (str | Unset):
        earliest_start (datetime.datetime | Unset):
        latest_end (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ReservationAvailability]
    """

    kwargs = _get_kwargs(
        sku=sku,
        gpus_total=gpus_total,
        duration_hours=duration_hours,
        region_code=region_code,
        earliest_start=earliest_start,
        latest_end=latest_end,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    sku: str,
    gpus_total: int,
    duration_hours: int,
    region_code: str | Unset = UNSET,
    earliest_start: datetime.datetime | Unset = UNSET,
    latest_end: datetime.datetime | Unset = UNSET,
) -> ErrorEnvelope | ReservationAvailability | None:
    """Find the windows in which GPUs of a SKU can be reserved

     Windows of `duration_hours` that start on the hour between `earliest_start` (now
    when omitted) and `latest_end` (7 days later when omitted), in which `gpus_total`
    GPUs of `sku` are free for reservation the whole time: the region's GPUs, less those
    live on-demand allocations and open holds use now, less those other reservations
    promise for any moment of the window. At most 168 slots per region, earliest first.

    Errors: `sku_not_found` (404); `invalid_request` (400) for `latest_end` not after
    `earliest_start`; `validation_error` (422) for a region where the SKU is not offered.

    Args:
        sku (str):
        gpus_total (int):
        duration_hours (int):
        region_code (str | Unset):
        earliest_start (datetime.datetime | Unset):
        latest_end (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ReservationAvailability
    """

    return (
        await asyncio_detailed(
            client=client,
            sku=sku,
            gpus_total=gpus_total,
            duration_hours=duration_hours,
            region_code=region_code,
            earliest_start=earliest_start,
            latest_end=latest_end,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
