"""List calls return lazy pagers that walk every page by cursor."""

import asyncio

import httpx
import respx

from gpuaas_sdk import AsyncClient

from .conftest import BASE, allocation_json


def pages(api: respx.MockRouter) -> respx.Route:
    def page(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        number = {None: 0, "c1": 1, "c2": 2}[cursor]
        items = [allocation_json(f"alloc-{number}-{i}") for i in range(2)]
        return httpx.Response(
            200,
            json={
                "items": items,
                "next_cursor": [None, "c1", "c2"][(number + 1) % 3] if number < 2 else None,
            },
        )

    return api.get("/v1/allocations").mock(side_effect=page)


def test_a_list_fetches_nothing_until_iterated_then_walks_every_page(api, client):
    route = pages(api)

    pager = client.allocations.list()
    assert route.call_count == 0

    ids = [a.id for a in pager]

    assert ids == ["alloc-0-0", "alloc-0-1", "alloc-1-0", "alloc-1-1", "alloc-2-0", "alloc-2-1"]
    assert [c.request.url.params.get("cursor") for c in route.calls] == [None, "c1", "c2"]


def test_iteration_stops_fetching_when_the_caller_stops(api, client):
    route = pages(api)

    first = next(iter(client.allocations.list()))

    assert first.id == "alloc-0-0" and route.call_count == 1


def test_filters_and_page_size_reach_the_server(api, client):
    route = pages(api)

    list(client.allocations.list(status="active", page_size=2))

    assert route.calls[0].request.url.params["status"] == "active"
    assert route.calls[0].request.url.params["limit"] == "2"


def test_awaiting_an_async_list_gives_the_first_page_and_async_for_gives_all():
    async def scenario() -> tuple[list[str], bool, list[str]]:
        with respx.mock(base_url=BASE) as api:
            pages(api)
            async with AsyncClient(BASE, auth="tok") as client:
                first = await client.allocations.list()
                everything = [a.id async for a in client.allocations.list()]
        return [a.id for a in first], first.has_next_page, everything

    first, more, everything = asyncio.run(scenario())

    assert first == ["alloc-0-0", "alloc-0-1"] and more
    assert len(everything) == 6
