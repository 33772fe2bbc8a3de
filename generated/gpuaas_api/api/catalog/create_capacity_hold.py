from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.capacity_hold import CapacityHold
from ...models.capacity_hold_create import CapacityHoldCreate
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: CapacityHoldCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/catalog/holds",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CapacityHold | ErrorEnvelope | None:
    if response.status_code == 201:
        response_201 = CapacityHold.from_dict(loads(response.content))

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
) -> Response[CapacityHold | ErrorEnvelope]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CapacityHoldCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[CapacityHold | ErrorEnvelope]:
    """Keep GPUs of a SKU aside in a region for a few minutes

     Takes `gpus_total` free GPUs of `sku` in `region_code` out of what anyone else can
    use, for `seconds` seconds. Allocations (and fleets) created with `hold_id`, of the
    hold's SKU, region and project, draw their GPUs from it and always find them; when
    it expires or is released, the GPUs it still keeps go back by themselves. A hold
    costs nothing, but spend limits count one hour of its remaining GPUs as committed,
    and it needs the balance to cover that hour.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) without enough free GPUs;
    `budget_exceeded` (402); `insufficient_balance` (402); `validation_error` (422) for
    a region where the SKU is not offered; `idempotency_conflict` (409).

    Args:
        idempotency_key (str | Unset):
        body (CapacityHoldCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 16,
            'region_code': 'us-buffalo-1', 'seconds': 300}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CapacityHold | ErrorEnvelope]
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
    body: CapacityHoldCreate,
    idempotency_key: str | Unset = UNSET,
) -> CapacityHold | ErrorEnvelope | None:
    """Keep GPUs of a SKU aside in a region for a few minutes

     Takes `gpus_total` free GPUs of `sku` in `region_code` out of what anyone else can
    use, for `seconds` seconds. Allocations (and fleets) created with `hold_id`, of the
    hold's SKU, region and project, draw their GPUs from it and always find them; when
    it expires or is released, the GPUs it still keeps go back by themselves. A hold
    costs nothing, but spend limits count one hour of its remaining GPUs as committed,
    and it needs the balance to cover that hour.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) without enough free GPUs;
    `budget_exceeded` (402); `insufficient_balance` (402); `validation_error` (422) for
    a region where the SKU is not offered; `idempotency_conflict` (409).

    Args:
        idempotency_key (str | Unset):
        body (CapacityHoldCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 16,
            'region_code': 'us-buffalo-1', 'seconds': 300}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CapacityHold | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CapacityHoldCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[CapacityHold | ErrorEnvelope]:
    """Keep GPUs of a SKU aside in a region for a few minutes

     Takes `gpus_total` free GPUs of `sku` in `region_code` out of what anyone else can
    use, for `seconds` seconds. Allocations (and fleets) created with `hold_id`, of the
    hold's SKU, region and project, draw their GPUs from it and always find them; when
    it expires or is released, the GPUs it still keeps go back by themselves. A hold
    costs nothing, but spend limits count one hour of its remaining GPUs as committed,
    and it needs the balance to cover that hour.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) without enough free GPUs;
    `budget_exceeded` (402); `insufficient_balance` (402); `validation_error` (422) for
    a region where the SKU is not offered; `idempotency_conflict` (409).

    Args:
        idempotency_key (str | Unset):
        body (CapacityHoldCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 16,
            'region_code': 'us-buffalo-1', 'seconds': 300}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CapacityHold | ErrorEnvelope]
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
    body: CapacityHoldCreate,
    idempotency_key: str | Unset = UNSET,
) -> CapacityHold | ErrorEnvelope | None:
    """Keep GPUs of a SKU aside in a region for a few minutes

     Takes `gpus_total` free GPUs of `sku` in `region_code` out of what anyone else can
    use, for `seconds` seconds. Allocations (and fleets) created with `hold_id`, of the
    hold's SKU, region and project, draw their GPUs from it and always find them; when
    it expires or is released, the GPUs it still keeps go back by themselves. A hold
    costs nothing, but spend limits count one hour of its remaining GPUs as committed,
    and it needs the balance to cover that hour.

    Errors: `sku_not_found` (404); `sku_unavailable` (409) without enough free GPUs;
    `budget_exceeded` (402); `insufficient_balance` (402); `validation_error` (422) for
    a region where the SKU is not offered; `idempotency_conflict` (409).

    Args:
        idempotency_key (str | Unset):
        body (CapacityHoldCreate):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 16,
            'region_code': 'us-buffalo-1', 'seconds': 300}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CapacityHold | ErrorEnvelope
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
