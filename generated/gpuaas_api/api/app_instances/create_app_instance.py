from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.app_instance import AppInstance
from ...models.app_instance_create import AppInstanceCreate
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: AppInstanceCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/app-instances",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppInstance | ErrorEnvelope | None:
    if response.status_code == 201:
        response_201 = AppInstance.from_dict(loads(response.content))

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(loads(response.content))

        return response_403

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
) -> Response[AppInstance | ErrorEnvelope]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AppInstanceCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppInstance | ErrorEnvelope]:
    """Run an app on an allocation

     The target allocation becomes the instance's `head` member. The instance starts
    `pending` and moves through `starting` to `running` (or `failed` with a reason).

    Refused with `app_not_entitled` (403) when the app needs an entitlement the
    project lacks; `app_not_found`, `project_not_found` or `allocation_not_found`
    (404) for unknown ids; `allocation_not_active` (409) when the allocation is not
    `active`; `validation_error` (422) when the allocation's SKU is not in the
    manifest's `supported_skus`, it has fewer GPUs than `min_gpus`, or `config` does
    not fit the app; `idempotency_conflict` (409) for a replayed Idempotency-Key
    with another body.

    Args:
        idempotency_key (str | Unset):
        body (AppInstanceCreate):  Example: {'app_slug': 'jupyter-cuda-dev', 'project_id': 'prj-
            default', 'target_allocation_id': 'alloc-4f9c2a', 'name': 'notebook', 'config': {'python':
            '3.11'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppInstance | ErrorEnvelope]
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
    body: AppInstanceCreate,
    idempotency_key: str | Unset = UNSET,
) -> AppInstance | ErrorEnvelope | None:
    """Run an app on an allocation

     The target allocation becomes the instance's `head` member. The instance starts
    `pending` and moves through `starting` to `running` (or `failed` with a reason).

    Refused with `app_not_entitled` (403) when the app needs an entitlement the
    project lacks; `app_not_found`, `project_not_found` or `allocation_not_found`
    (404) for unknown ids; `allocation_not_active` (409) when the allocation is not
    `active`; `validation_error` (422) when the allocation's SKU is not in the
    manifest's `supported_skus`, it has fewer GPUs than `min_gpus`, or `config` does
    not fit the app; `idempotency_conflict` (409) for a replayed Idempotency-Key
    with another body.

    Args:
        idempotency_key (str | Unset):
        body (AppInstanceCreate):  Example: {'app_slug': 'jupyter-cuda-dev', 'project_id': 'prj-
            default', 'target_allocation_id': 'alloc-4f9c2a', 'name': 'notebook', 'config': {'python':
            '3.11'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppInstance | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AppInstanceCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppInstance | ErrorEnvelope]:
    """Run an app on an allocation

     The target allocation becomes the instance's `head` member. The instance starts
    `pending` and moves through `starting` to `running` (or `failed` with a reason).

    Refused with `app_not_entitled` (403) when the app needs an entitlement the
    project lacks; `app_not_found`, `project_not_found` or `allocation_not_found`
    (404) for unknown ids; `allocation_not_active` (409) when the allocation is not
    `active`; `validation_error` (422) when the allocation's SKU is not in the
    manifest's `supported_skus`, it has fewer GPUs than `min_gpus`, or `config` does
    not fit the app; `idempotency_conflict` (409) for a replayed Idempotency-Key
    with another body.

    Args:
        idempotency_key (str | Unset):
        body (AppInstanceCreate):  Example: {'app_slug': 'jupyter-cuda-dev', 'project_id': 'prj-
            default', 'target_allocation_id': 'alloc-4f9c2a', 'name': 'notebook', 'config': {'python':
            '3.11'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppInstance | ErrorEnvelope]
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
    body: AppInstanceCreate,
    idempotency_key: str | Unset = UNSET,
) -> AppInstance | ErrorEnvelope | None:
    """Run an app on an allocation

     The target allocation becomes the instance's `head` member. The instance starts
    `pending` and moves through `starting` to `running` (or `failed` with a reason).

    Refused with `app_not_entitled` (403) when the app needs an entitlement the
    project lacks; `app_not_found`, `project_not_found` or `allocation_not_found`
    (404) for unknown ids; `allocation_not_active` (409) when the allocation is not
    `active`; `validation_error` (422) when the allocation's SKU is not in the
    manifest's `supported_skus`, it has fewer GPUs than `min_gpus`, or `config` does
    not fit the app; `idempotency_conflict` (409) for a replayed Idempotency-Key
    with another body.

    Args:
        idempotency_key (str | Unset):
        body (AppInstanceCreate):  Example: {'app_slug': 'jupyter-cuda-dev', 'project_id': 'prj-
            default', 'target_allocation_id': 'alloc-4f9c2a', 'name': 'notebook', 'config': {'python':
            '3.11'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppInstance | ErrorEnvelope
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
