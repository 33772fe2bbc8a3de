"""The seed catalog: SKUs with live availability, regions, filters and pages."""

from __future__ import annotations

from gpuaas_sim import Simulator

from .conftest import Api, error_of


def availability(api: Api, sku: str) -> dict[str, int]:
    body = api.get(f"/v1/catalog/skus/{sku}").json()
    return {entry["region_code"]: entry["available_gpus"] for entry in body["availability"]}


def test_h200_slice_matches_the_reference_documents(api: Api) -> None:
    response = api.get("/v1/catalog/skus/h200-sxm-slice")

    assert response.status_code == 200
    assert response.json() == {
        "id": "h200-sxm-slice",
        "gpu_model": "NVIDIA H200 SXM",
        "gpu_memory_gb": 141,
        "gpus_per_node": 8,
        "price_per_gpu_hour_minor": 349,
        "currency": "USD",
        "availability": [{"region_code": "us-buffalo-1", "available_gpus": 64}],
    }


def test_skus_span_two_regions(api: Api) -> None:
    page = api.get("/v1/catalog/skus").json()

    assert page["next_cursor"] is None
    ids = [sku["id"] for sku in page["items"]]
    assert ids[0] == "h200-sxm-slice"
    assert len(ids) >= 3
    regions = {a["region_code"] for sku in page["items"] for a in sku["availability"]}
    assert regions == {"us-buffalo-1", "eu-helsinki-1"}


def test_region_filter_keeps_skus_offered_there(api: Api) -> None:
    items = api.get("/v1/catalog/skus", params={"region_code": "eu-helsinki-1"}).json()["items"]

    assert items
    assert "h200-sxm-slice" not in [sku["id"] for sku in items]
    for sku in items:
        assert "eu-helsinki-1" in [a["region_code"] for a in sku["availability"]]
    assert api.get("/v1/catalog/skus", params={"region_code": "mars-1"}).json()["items"] == []


def test_unknown_sku_is_sku_not_found(api: Api) -> None:
    response = api.get("/v1/catalog/skus/tpu-v9")

    assert response.status_code == 404
    assert error_of(response)["code"] == "sku_not_found"


def test_regions_list_buffalo_first(api: Api) -> None:
    page = api.get("/v1/catalog/regions").json()

    assert page["items"][0] == {
        "code": "us-buffalo-1",
        "name": "Buffalo, New York",
        "country": "US",
    }
    assert len(page["items"]) == 2


def test_catalog_pages_walk_every_item_once(api: Api) -> None:
    everything = [sku["id"] for sku in api.get("/v1/catalog/skus").json()["items"]]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = api.get("/v1/catalog/skus", params=params).json()
        seen += [sku["id"] for sku in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == everything


def test_available_gpus_drop_while_held_and_return_on_release(api: Api, sim: Simulator) -> None:
    allocation = api.create(gpus_total=8).json()
    assert availability(api, "h200-sxm-slice") == {"us-buffalo-1": 56}

    api.post(f"/v1/allocations/{allocation['id']}/release")
    assert availability(api, "h200-sxm-slice") == {"us-buffalo-1": 56}  # still releasing

    sim.clock.advance(2)
    assert availability(api, "h200-sxm-slice") == {"us-buffalo-1": 64}


def test_catalog_needs_a_token(api: Api) -> None:
    response = api.client.get("/v1/catalog/skus")

    assert response.status_code == 401
    assert error_of(response)["code"] == "token_invalid"
