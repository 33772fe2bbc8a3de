from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.allocation import Allocation
from ...models.allocation_create import AllocationCreate
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: AllocationCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/allocations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Allocation | ErrorEnvelope | None:
    if response.status_code == 201:
        response_201 = Allocation.from_dict(loads(response.content))

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
) -> Response[Allocation | ErrorEnvelope]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AllocationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Allocation | ErrorEnvelope]:
    """Allocate GPUs of a SKU in a region

     The allocation starts `pending` and moves to `active` once provisioned.
    With `lease_seconds`, the platform releases it unless the lease is renewed in time
    (`renewAllocationLease`); with `max_runtime_seconds`, once it has been active that long.

    Its price per GPU-hour is fixed now: the quote's with `quote_id`, else the SKU's
    price in force (`max_price_per_gpu_hour_minor` refuses a higher one). It is admitted
    only within every spend limit that applies (the caller's service-account cap, the
    project's budget, a spend grant), counting what is spent and committed; its own
    commitment is its cost up to `lease_seconds` or `max_runtime_seconds` (the shorter),
    one hour when it has neither.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) without free GPUs;
    `budget_exceeded` and `insufficient_balance` (402); `quote_not_found`,
    `hold_not_found`, `reservation_not_found`, `volume_not_found` (404);
    `quote_expired`, `quote_mismatch`, `price_cap_exceeded`, `hold_expired`,
    `hold_mismatch`, `reservation_not_active`, `reservation_mismatch`, `volume_in_use`,
    `idempotency_conflict` (409); `validation_error` (422), e.g. a volume of another
    region or a mount point used twice.

    Args:
        idempotency_key (str | Unset):
        body (AllocationCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 1,
            'region_code': 'us-buffalo-1', 'ssh_key_ids': ['key-7f2e'], 'labels': {'run':
            'nightly-42'}, 'lease_seconds': 300}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Allocation | ErrorEnvelope]
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
    body: AllocationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Allocation | ErrorEnvelope | None:
    """Allocate GPUs of a SKU in a region

     The allocation starts `pending` and moves to `active` once provisioned.
    With `lease_seconds`, the platform releases it unless the lease is renewed in time
    (`renewAllocationLease`); with `max_runtime_seconds`, once it has been active that long.

    Its price per GPU-hour is fixed now: the quote's with `quote_id`, else the SKU's
    price in force (`max_price_per_gpu_hour_minor` refuses a higher one). It is admitted
    only within every spend limit that applies (the caller's service-account cap, the
    project's budget, a spend grant), counting what is spent and committed; its own
    commitment is its cost up to `lease_seconds` or `max_runtime_seconds` (the shorter),
    one hour when it has neither.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) without free GPUs;
    `budget_exceeded` and `insufficient_balance` (402); `quote_not_found`,
    `hold_not_found`, `reservation_not_found`, `volume_not_found` (404);
    `quote_expired`, `quote_mismatch`, `price_cap_exceeded`, `hold_expired`,
    `hold_mismatch`, `reservation_not_active`, `reservation_mismatch`, `volume_in_use`,
    `idempotency_conflict` (409); `validation_error` (422), e.g. a volume of another
    region or a mount point used twice.

    Args:
        idempotency_key (str | Unset):
        body (AllocationCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 1,
            'region_code': 'us-buffalo-1', 'ssh_key_ids': ['key-7f2e'], 'labels': {'run':
            'nightly-42'}, 'lease_seconds': 300}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Allocation | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AllocationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Allocation | ErrorEnvelope]:
    """Allocate GPUs of a SKU in a region

     The allocation starts `pending` and moves to `active` once provisioned.
    With `lease_seconds`, the platform releases it unless the lease is renewed in time
    (`renewAllocationLease`); with `max_runtime_seconds`, once it has been active that long.

    Its price per GPU-hour is fixed now: the quote's with `quote_id`, else the SKU's
    price in force (`max_price_per_gpu_hour_minor` refuses a higher one). It is admitted
    only within every spend limit that applies (the caller's service-account cap, the
    project's budget, a spend grant), counting what is spent and committed; its own
    commitment is its cost up to `lease_seconds` or `max_runtime_seconds` (the shorter),
    one hour when it has neither.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) without free GPUs;
    `budget_exceeded` and `insufficient_balance` (402); `quote_not_found`,
    `hold_not_found`, `reservation_not_found`, `volume_not_found` (404);
    `quote_expired`, `quote_mismatch`, `price_cap_exceeded`, `hold_expired`,
    `hold_mismatch`, `reservation_not_active`, `reservation_mismatch`, `volume_in_use`,
    `idempotency_conflict` (409); `validation_error` (422), e.g. a volume of another
    region or a mount point used twice.

    Args:
        idempotency_key (str | Unset):
        body (AllocationCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 1,
            'region_code': 'us-buffalo-1', 'ssh_key_ids': ['key-7f2e'], 'labels': {'run':
            'nightly-42'}, 'lease_seconds': 300}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Allocation | ErrorEnvelope]
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
    body: AllocationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Allocation | ErrorEnvelope | None:
    """Allocate GPUs of a SKU in a region

     The allocation starts `pending` and moves to `active` once provisioned.
    With `lease_seconds`, the platform releases it unless the lease is renewed in time
    (`renewAllocationLease`); with `max_runtime_seconds`, once it has been active that long.

    Its price per GPU-hour is fixed now: the quote's with `quote_id`, else the SKU's
    price in force (`max_price_per_gpu_hour_minor` refuses a higher one). It is admitted
    only within every spend limit that applies (the caller's service-account cap, the
    project's budget, a spend grant), counting what is spent and committed; its own
    commitment is its cost up to `lease_seconds` or `max_runtime_seconds` (the shorter),
    one hour when it has neither.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) without free GPUs;
    `budget_exceeded` and `insufficient_balance` (402); `quote_not_found`,
    `hold_not_found`, `reservation_not_found`, `volume_not_found` (404);
    `quote_expired`, `quote_mismatch`, `price_cap_exceeded`, `hold_expired`,
    `hold_mismatch`, `reservation_not_active`, `reservation_mismatch`, `volume_in_use`,
    `idempotency_conflict` (409); `validation_error` (422), e.g. a volume of another
    region or a mount point used twice.

    Args:
        idempotency_key (str | Unset):
        body (AllocationCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 1,
            'region_code': 'us-buffalo-1', 'ssh_key_ids': ['key-7f2e'], 'labels': {'run':
            'nightly-42'}, 'lease_seconds': 300}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Allocation | ErrorEnvelope
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
