from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.sku_page import SkuPage
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    region_code: str | Unset = UNSET,
    gpu_model: str | Unset = UNSET,
    min_gpu_memory_gb: int | Unset = UNSET,
    max_price_per_gpu_hour_minor: int | Unset = UNSET,
    available_only: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["region_code"] = region_code

    params["gpu_model"] = gpu_model

    params["min_gpu_memory_gb"] = min_gpu_memory_gb

    params["max_price_per_gpu_hour_minor"] = max_price_per_gpu_hour_minor

    params["available_only"] = available_only

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/catalog/skus",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | SkuPage | None:
    if response.status_code == 200:
        response_200 = SkuPage.from_dict(loads(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(loads(response.content))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | SkuPage]:
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
    region_code: str | Unset = UNSET,
    gpu_model: str | Unset = UNSET,
    min_gpu_memory_gb: int | Unset = UNSET,
    max_price_per_gpu_hour_minor: int | Unset = UNSET,
    available_only: bool | Unset = UNSET,
) -> Response[ErrorEnvelope | SkuPage]:
    """List GPU SKUs with their prices and per-region availability

     Filters combine (all must hold). A `region_code` no region has, or a
    `gpu_model` no SKU has, gives an empty page rather than an error.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        region_code (str | Unset):
        gpu_model (str | Unset):
        min_gpu_memory_gb (int | Unset):
        max_price_per_gpu_hour_minor (int | Unset):
        available_only (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SkuPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        region_code=region_code,
        gpu_model=gpu_model,
        min_gpu_memory_gb=min_gpu_memory_gb,
        max_price_per_gpu_hour_minor=max_price_per_gpu_hour_minor,
        available_only=available_only,
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
    region_code: str | Unset = UNSET,
    gpu_model: str | Unset = UNSET,
    min_gpu_memory_gb: int | Unset = UNSET,
    max_price_per_gpu_hour_minor: int | Unset = UNSET,
    available_only: bool | Unset = UNSET,
) -> ErrorEnvelope | SkuPage | None:
    """List GPU SKUs with their prices and per-region availability

     Filters combine (all must hold). A `region_code` no region has, or a
    `gpu_model` no SKU has, gives an empty page rather than an error.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        region_code (str | Unset):
        gpu_model (str | Unset):
        min_gpu_memory_gb (int | Unset):
        max_price_per_gpu_hour_minor (int | Unset):
        available_only (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SkuPage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        region_code=region_code,
        gpu_model=gpu_model,
        min_gpu_memory_gb=min_gpu_memory_gb,
        max_price_per_gpu_hour_minor=max_price_per_gpu_hour_minor,
        available_only=available_only,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    region_code: str | Unset = UNSET,
    gpu_model: str | Unset = UNSET,
    min_gpu_memory_gb: int | Unset = UNSET,
    max_price_per_gpu_hour_minor: int | Unset = UNSET,
    available_only: bool | Unset = UNSET,
) -> Response[ErrorEnvelope | SkuPage]:
    """List GPU SKUs with their prices and per-region availability

     Filters combine (all must hold). A `region_code` no region has, or a
    `gpu_model` no SKU has, gives an empty page rather than an error.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        region_code (str | Unset):
        gpu_model (str | Unset):
        min_gpu_memory_gb (int | Unset):
        max_price_per_gpu_hour_minor (int | Unset):
        available_only (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SkuPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        region_code=region_code,
        gpu_model=gpu_model,
        min_gpu_memory_gb=min_gpu_memory_gb,
        max_price_per_gpu_hour_minor=max_price_per_gpu_hour_minor,
        available_only=available_only,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    region_code: str | Unset = UNSET,
    gpu_model: str | Unset = UNSET,
    min_gpu_memory_gb: int | Unset = UNSET,
    max_price_per_gpu_hour_minor: int | Unset = UNSET,
    available_only: bool | Unset = UNSET,
) -> ErrorEnvelope | SkuPage | None:
    """List GPU SKUs with their prices and per-region availability

     Filters combine (all must hold). A `region_code` no region has, or a
    `gpu_model` no SKU has, gives an empty page rather than an error.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        region_code (str | Unset):
        gpu_model (str | Unset):
        min_gpu_memory_gb (int | Unset):
        max_price_per_gpu_hour_minor (int | Unset):
        available_only (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SkuPage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            region_code=region_code,
            gpu_model=gpu_model,
            min_gpu_memory_gb=min_gpu_memory_gb,
            max_price_per_gpu_hour_minor=max_price_per_gpu_hour_minor,
            available_only=available_only,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
