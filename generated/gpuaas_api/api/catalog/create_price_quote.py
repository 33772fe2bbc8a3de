from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.price_quote import PriceQuote
from ...models.price_quote_request import PriceQuoteRequest
from ...types import Response, status_of


def _get_kwargs(
    *,
    body: PriceQuoteRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/catalog/quotes",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | PriceQuote | None:
    if response.status_code == 200:
        response_200 = PriceQuote.from_dict(loads(response.content))

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
) -> Response[ErrorEnvelope | PriceQuote]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PriceQuoteRequest,
) -> Response[ErrorEnvelope | PriceQuote]:
    """Price a planned allocation of a SKU

     Computes what `gpus_total` GPUs of `sku` would cost for `hours` hours, at the
    price in force now; `total_minor` is `price_per_gpu_hour_minor × gpus_total ×
    hours` rounded to the nearest minor unit (halves up). The platform binds itself
    to the price until `valid_until`: an allocation or fleet created with the quote's
    `id` as `quote_id` (of that SKU, size and region) is charged the quoted price for
    its whole life, or refused with `quote_expired` / `quote_mismatch`. The quote
    reserves no capacity (a capacity hold does) and asking again only makes another
    quote, so it takes no `Idempotency-Key`. Without `region_code` the quote is for
    the SKU's first region with enough free GPUs, named in the answer.

    Errors: `sku_not_found` (404) for an unknown SKU; `sku_unavailable` (409) when
    the SKU has not `gpus_total` free GPUs in the region asked for (or in any region
    when none is named); `validation_error` (422) for `gpus_total` above the SKU's
    `gpus_per_node`, or a `region_code` where the SKU is not offered.

    Args:
        body (PriceQuoteRequest):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'hours':
            24, 'region_code': 'us-buffalo-1'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PriceQuote]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: PriceQuoteRequest,
) -> ErrorEnvelope | PriceQuote | None:
    """Price a planned allocation of a SKU

     Computes what `gpus_total` GPUs of `sku` would cost for `hours` hours, at the
    price in force now; `total_minor` is `price_per_gpu_hour_minor × gpus_total ×
    hours` rounded to the nearest minor unit (halves up). The platform binds itself
    to the price until `valid_until`: an allocation or fleet created with the quote's
    `id` as `quote_id` (of that SKU, size and region) is charged the quoted price for
    its whole life, or refused with `quote_expired` / `quote_mismatch`. The quote
    reserves no capacity (a capacity hold does) and asking again only makes another
    quote, so it takes no `Idempotency-Key`. Without `region_code` the quote is for
    the SKU's first region with enough free GPUs, named in the answer.

    Errors: `sku_not_found` (404) for an unknown SKU; `sku_unavailable` (409) when
    the SKU has not `gpus_total` free GPUs in the region asked for (or in any region
    when none is named); `validation_error` (422) for `gpus_total` above the SKU's
    `gpus_per_node`, or a `region_code` where the SKU is not offered.

    Args:
        body (PriceQuoteRequest):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'hours':
            24, 'region_code': 'us-buffalo-1'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PriceQuote
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PriceQuoteRequest,
) -> Response[ErrorEnvelope | PriceQuote]:
    """Price a planned allocation of a SKU

     Computes what `gpus_total` GPUs of `sku` would cost for `hours` hours, at the
    price in force now; `total_minor` is `price_per_gpu_hour_minor × gpus_total ×
    hours` rounded to the nearest minor unit (halves up). The platform binds itself
    to the price until `valid_until`: an allocation or fleet created with the quote's
    `id` as `quote_id` (of that SKU, size and region) is charged the quoted price for
    its whole life, or refused with `quote_expired` / `quote_mismatch`. The quote
    reserves no capacity (a capacity hold does) and asking again only makes another
    quote, so it takes no `Idempotency-Key`. Without `region_code` the quote is for
    the SKU's first region with enough free GPUs, named in the answer.

    Errors: `sku_not_found` (404) for an unknown SKU; `sku_unavailable` (409) when
    the SKU has not `gpus_total` free GPUs in the region asked for (or in any region
    when none is named); `validation_error` (422) for `gpus_total` above the SKU's
    `gpus_per_node`, or a `region_code` where the SKU is not offered.

    Args:
        body (PriceQuoteRequest):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'hours':
            24, 'region_code': 'us-buffalo-1'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PriceQuote]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PriceQuoteRequest,
) -> ErrorEnvelope | PriceQuote | None:
    """Price a planned allocation of a SKU

     Computes what `gpus_total` GPUs of `sku` would cost for `hours` hours, at the
    price in force now; `total_minor` is `price_per_gpu_hour_minor × gpus_total ×
    hours` rounded to the nearest minor unit (halves up). The platform binds itself
    to the price until `valid_until`: an allocation or fleet created with the quote's
    `id` as `quote_id` (of that SKU, size and region) is charged the quoted price for
    its whole life, or refused with `quote_expired` / `quote_mismatch`. The quote
    reserves no capacity (a capacity hold does) and asking again only makes another
    quote, so it takes no `Idempotency-Key`. Without `region_code` the quote is for
    the SKU's first region with enough free GPUs, named in the answer.

    Errors: `sku_not_found` (404) for an unknown SKU; `sku_unavailable` (409) when
    the SKU has not `gpus_total` free GPUs in the region asked for (or in any region
    when none is named); `validation_error` (422) for `gpus_total` above the SKU's
    `gpus_per_node`, or a `region_code` where the SKU is not offered.

    Args:
        body (PriceQuoteRequest):  Example: {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'hours':
            24, 'region_code': 'us-buffalo-1'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PriceQuote
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
