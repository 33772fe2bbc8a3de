from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.node import Node
from ...models.node_drain_request import NodeDrainRequest
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    node_id: str,
    *,
    body: NodeDrainRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/admin/nodes/{node_id}/drain".format(
            node_id=quote(str(node_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | Node | None:
    if response.status_code == 200:
        response_200 = Node.from_dict(loads(response.content))

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
) -> Response[ErrorEnvelope | Node]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    node_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: NodeDrainRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | Node]:
    """Drain a GPU node so that no new allocation lands on it (admin)

     The node moves to `draining`: the scheduler places no new allocation on it, and
    the allocations already there keep running until their owners release them.
    Once the last one is released the node becomes `drained` (at once when it has
    none). Works on `ready` and `offline` nodes. Recorded in the audit log as
    `node.drain` with the reason.

    Needs the platform admin role (`platform_admin`). Errors: `node_not_found` (404);
    `invalid_state` (409) when the node is already `draining` or `drained`
    (`details.state` gives which); `idempotency_conflict` (409); `validation_error`
    (422) for an empty or too long reason; `insufficient_permissions` (403).

    Args:
        node_id (str):
        idempotency_key (str | Unset):
        body (NodeDrainRequest):  Example: {'reason': 'Replace NVLink switch board (ticket
            OPS-1182)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Node]
    """

    kwargs = _get_kwargs(
        node_id=node_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    node_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: NodeDrainRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | Node | None:
    """Drain a GPU node so that no new allocation lands on it (admin)

     The node moves to `draining`: the scheduler places no new allocation on it, and
    the allocations already there keep running until their owners release them.
    Once the last one is released the node becomes `drained` (at once when it has
    none). Works on `ready` and `offline` nodes. Recorded in the audit log as
    `node.drain` with the reason.

    Needs the platform admin role (`platform_admin`). Errors: `node_not_found` (404);
    `invalid_state` (409) when the node is already `draining` or `drained`
    (`details.state` gives which); `idempotency_conflict` (409); `validation_error`
    (422) for an empty or too long reason; `insufficient_permissions` (403).

    Args:
        node_id (str):
        idempotency_key (str | Unset):
        body (NodeDrainRequest):  Example: {'reason': 'Replace NVLink switch board (ticket
            OPS-1182)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Node
    """

    return sync_detailed(
        node_id=node_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    node_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: NodeDrainRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | Node]:
    """Drain a GPU node so that no new allocation lands on it (admin)

     The node moves to `draining`: the scheduler places no new allocation on it, and
    the allocations already there keep running until their owners release them.
    Once the last one is released the node becomes `drained` (at once when it has
    none). Works on `ready` and `offline` nodes. Recorded in the audit log as
    `node.drain` with the reason.

    Needs the platform admin role (`platform_admin`). Errors: `node_not_found` (404);
    `invalid_state` (409) when the node is already `draining` or `drained`
    (`details.state` gives which); `idempotency_conflict` (409); `validation_error`
    (422) for an empty or too long reason; `insufficient_permissions` (403).

    Args:
        node_id (str):
        idempotency_key (str | Unset):
        body (NodeDrainRequest):  Example: {'reason': 'Replace NVLink switch board (ticket
            OPS-1182)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Node]
    """

    kwargs = _get_kwargs(
        node_id=node_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    node_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: NodeDrainRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | Node | None:
    """Drain a GPU node so that no new allocation lands on it (admin)

     The node moves to `draining`: the scheduler places no new allocation on it, and
    the allocations already there keep running until their owners release them.
    Once the last one is released the node becomes `drained` (at once when it has
    none). Works on `ready` and `offline` nodes. Recorded in the audit log as
    `node.drain` with the reason.

    Needs the platform admin role (`platform_admin`). Errors: `node_not_found` (404);
    `invalid_state` (409) when the node is already `draining` or `drained`
    (`details.state` gives which); `idempotency_conflict` (409); `validation_error`
    (422) for an empty or too long reason; `insufficient_permissions` (403).

    Args:
        node_id (str):
        idempotency_key (str | Unset):
        body (NodeDrainRequest):  Example: {'reason': 'Replace NVLink switch board (ticket
            OPS-1182)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Node
    """

    return (
        await asyncio_detailed(
            node_id=node_id,
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
