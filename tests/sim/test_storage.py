"""The simulator's storage: paths, folders, ranged downloads, simple and multipart uploads."""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

import pytest

from gpuaas_sim import SimConfig, Simulator

from .conftest import Api, error_of

MiB = 1024 * 1024
CONTENT = "/v1/storage/object/content"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def crc(data: bytes) -> str:
    return f"{zlib.crc32(data):08x}"


def put(api: Api, path: str, data: bytes, **headers: str):  # type: ignore[no-untyped-def]
    return api.client.put(
        CONTENT,
        params={"path": path},
        content=data,
        headers={**api.auth, "X-Content-SHA256": sha(data), **headers},
    )


def test_upload_creates_parents_and_lists_by_prefix(api: Api) -> None:
    assert put(api, "/d/sub/a.csv", b"a,b\n").status_code == 201
    items = api.get("/v1/storage/objects", params={"prefix": "/d/"}).json()["items"]
    assert [(o["path"], o["kind"]) for o in items] == [
        ("/d/sub/", "folder"),
        ("/d/sub/a.csv", "file"),
    ]
    one_level = api.get("/v1/storage/objects", params={"prefix": "/", "delimiter": "/"}).json()
    assert [o["path"] for o in one_level["items"]] == ["/d/"]


def test_listing_pages_follow_the_cursor(api: Api) -> None:
    for name in "abc":
        put(api, f"/{name}", b"x")
    first = api.get("/v1/storage/objects", params={"limit": 2}).json()
    second = api.get(
        "/v1/storage/objects", params={"limit": 2, "cursor": first["next_cursor"]}
    ).json()
    assert [o["path"] for o in first["items"] + second["items"]] == ["/a", "/b", "/c"]
    assert second["next_cursor"] is None


def test_checksum_mismatch_stores_nothing(api: Api) -> None:
    response = put(api, "/f", b"data", **{"X-Content-SHA256": "0" * 64})
    assert response.status_code == 422 and error_of(response)["code"] == "checksum_mismatch"
    assert api.get("/v1/storage/object", params={"path": "/f"}).status_code == 404


def test_too_large_body_is_413(api: Api) -> None:
    response = api.client.put(
        CONTENT,
        params={"path": "/big"},
        content=b"x",
        headers={**api.auth, "X-Content-SHA256": "0" * 64, "Content-Length": str(64 * MiB + 1)},
    )
    assert response.status_code == 413 and error_of(response)["code"] == "payload_too_large"


def test_existing_file_needs_overwrite(api: Api) -> None:
    put(api, "/f", b"one")
    assert error_of(put(api, "/f", b"two"))["code"] == "already_exists"
    again = api.client.put(
        CONTENT,
        params={"path": "/f", "overwrite": "true"},
        content=b"two",
        headers={**api.auth, "X-Content-SHA256": sha(b"two")},
    )
    assert again.status_code == 201 and again.json()["size_bytes"] == 3


def test_ranged_download(api: Api) -> None:
    data = bytes(range(256)) * 10
    put(api, "/r", data)
    whole = api.get(CONTENT, params={"path": "/r"})
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["X-Content-SHA256"] == sha(data)
    assert whole.headers["X-Content-CRC32"] == crc(data)
    part = api.get(CONTENT, params={"path": "/r"}, headers={"Range": "bytes=10-19"})
    assert part.status_code == 206 and part.content == data[10:20]
    assert part.headers["Content-Range"] == f"bytes 10-19/{len(data)}"
    # The checksums are the whole content's, whatever the range.
    assert part.headers["X-Content-SHA256"] == sha(data)
    assert part.headers["X-Content-CRC32"] == crc(data)
    tail = api.get(CONTENT, params={"path": "/r"}, headers={"Range": "bytes=-5"})
    assert tail.content == data[-5:]
    past = api.get(CONTENT, params={"path": "/r"}, headers={"Range": f"bytes={len(data)}-"})
    assert past.status_code == 416 and past.headers["Content-Range"] == f"bytes */{len(data)}"
    bad = api.get(CONTENT, params={"path": "/r"}, headers={"Range": "bytes=9-3"})
    assert bad.status_code == 400


def test_a_file_kept_from_state_without_its_crc32_gets_one_when_downloaded(
    api: Api, sim: Simulator
) -> None:
    data = b"stored before the platform kept CRC-32s"
    put(api, "/old", data)
    sim.storage.file("tnt-acme", "/old").crc32 = None  # as restored from such a state
    answer = api.get(CONTENT, params={"path": "/old"})
    assert answer.content == data and answer.headers["X-Content-CRC32"] == crc(data)


def test_mkdir_is_mkdir_p_and_conflicts_with_files(api: Api) -> None:
    assert api.post("/v1/storage/folders", json={"path": "/a/b/c/"}).status_code == 201
    assert api.post("/v1/storage/folders", json={"path": "/a/b/c/"}).status_code == 201
    paths = [o["path"] for o in api.get("/v1/storage/objects").json()["items"]]
    assert paths == ["/a/", "/a/b/", "/a/b/c/"]
    put(api, "/file", b"x")
    response = api.post("/v1/storage/folders", json={"path": "/file/"})
    assert response.status_code == 409 and error_of(response)["code"] == "already_exists"


def test_delete_folder_needs_recursive(api: Api) -> None:
    put(api, "/d/a", b"x")
    refused = api.client.delete("/v1/storage/object", params={"path": "/d/"}, headers=api.auth)
    assert refused.status_code == 409 and error_of(refused)["details"]["state"] == "not_empty"
    gone = api.client.delete(
        "/v1/storage/object", params={"path": "/d/", "recursive": "true"}, headers=api.auth
    )
    assert gone.status_code == 204
    assert api.get("/v1/storage/usage").json()["object_count"] == 0


def test_rename_moves_a_folder_with_its_content(api: Api) -> None:
    put(api, "/src/x/a", b"abc")
    moved = api.post("/v1/storage/rename", json={"from_path": "/src/", "to_path": "/dst/"})
    assert moved.status_code == 200
    assert api.get(CONTENT, params={"path": "/dst/x/a"}).content == b"abc"
    inside = api.post("/v1/storage/rename", json={"from_path": "/dst/", "to_path": "/dst/in/"})
    assert inside.status_code == 422


def _start(api: Api, size: int, **extra: object) -> dict:  # type: ignore[type-arg]
    body = {"path": "/mp.bin", "size_bytes": size, "part_size_bytes": MiB, **extra}
    response = api.post("/v1/storage/uploads", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _part(api: Api, upload_id: str, number: int, data: bytes):  # type: ignore[no-untyped-def]
    return api.client.put(
        f"/v1/storage/uploads/{upload_id}/parts/{number}",
        content=data,
        headers={**api.auth, "X-Content-SHA256": sha(data)},
    )


def test_multipart_upload_lists_parts_and_completes_in_order(api: Api, sim: Simulator) -> None:
    data = bytes(range(256)) * (MiB // 256) * 2 + b"tail"
    upload = _start(api, len(data), sha256=sha(data))
    assert upload["part_count"] == 3
    chunks = [data[:MiB], data[MiB : 2 * MiB], data[2 * MiB :]]
    assert _part(api, upload["id"], 3, chunks[2]).status_code == 200
    assert _part(api, upload["id"], 1, chunks[0]).status_code == 200
    listed = api.get(f"/v1/storage/uploads/{upload['id']}/parts").json()["items"]
    assert [p["part_number"] for p in listed] == [1, 3]
    parts = [{"part_number": n, "sha256": sha(c)} for n, c in enumerate(chunks, 1)]
    incomplete = api.post(f"/v1/storage/uploads/{upload['id']}/complete", json={"parts": parts})
    assert incomplete.status_code == 409
    assert error_of(incomplete)["details"]["missing_parts"] == [2]
    wrong_size = _part(api, upload["id"], 2, b"short")
    assert wrong_size.status_code == 422
    assert _part(api, upload["id"], 2, chunks[1]).status_code == 200
    done = api.post(f"/v1/storage/uploads/{upload['id']}/complete", json={"parts": parts})
    assert done.status_code == 201 and done.json()["sha256"] == sha(data)
    assembled = api.get(CONTENT, params={"path": "/mp.bin"})
    assert assembled.content == data and assembled.headers["X-Content-CRC32"] == crc(data)
    assert api.get(f"/v1/storage/uploads/{upload['id']}/parts").status_code == 404


def test_multipart_whole_file_checksum_is_verified(api: Api) -> None:
    upload = _start(api, 10, sha256="0" * 64)
    _part(api, upload["id"], 1, b"0123456789")
    parts = [{"part_number": 1, "sha256": sha(b"0123456789")}]
    response = api.post(f"/v1/storage/uploads/{upload['id']}/complete", json={"parts": parts})
    assert response.status_code == 422 and error_of(response)["code"] == "checksum_mismatch"


def test_abort_discards_parts(api: Api, sim: Simulator) -> None:
    upload = _start(api, 10)
    _part(api, upload["id"], 1, b"0123456789")
    blobs_before = len(list(sim.storage.root.iterdir()))
    assert (
        api.client.delete(f"/v1/storage/uploads/{upload['id']}", headers=api.auth).status_code
        == 204
    )
    assert len(list(sim.storage.root.iterdir())) == blobs_before - 1
    assert _part(api, upload["id"], 1, b"0123456789").status_code == 404


@pytest.mark.sim_config(storage_quota_bytes=5)
def test_quota_is_enforced(api: Api) -> None:
    response = put(api, "/f", b"123456")
    assert response.status_code == 403 and error_of(response)["code"] == "quota_exceeded"
    assert api.get("/v1/storage/usage").json()["quota_bytes"] == 5


def test_bytes_live_under_the_data_dir_and_reset_clears_them(tmp_path: Path) -> None:
    sim = Simulator(SimConfig(data_dir=tmp_path))
    assert sim.storage.root == tmp_path / "storage"
    temporary = Simulator(SimConfig()).storage
    root = temporary.root
    assert root.is_dir()
    temporary.close()
    assert not root.exists()


def test_upload_replay_with_the_same_key_returns_the_original(api: Api) -> None:
    first = put(api, "/k", b"one", **{"Idempotency-Key": "k-1"})
    replay = put(api, "/k", b"one", **{"Idempotency-Key": "k-1"})
    assert replay.status_code == 201 and replay.json() == first.json()
    assert replay.headers["Idempotent-Replayed"] == "true"
    conflict = put(api, "/k", b"two", **{"Idempotency-Key": "k-1"})
    assert conflict.status_code == 409 and error_of(conflict)["code"] == "idempotency_conflict"


def test_start_refuses_a_null_sha256_and_too_many_parts(api: Api) -> None:
    body = {"path": "/n", "size_bytes": 10, "part_size_bytes": MiB, "sha256": None}
    assert api.post("/v1/storage/uploads", json=body).status_code == 422
    huge = {"path": "/n", "size_bytes": 10_001 * MiB, "part_size_bytes": MiB}
    assert api.post("/v1/storage/uploads", json=huge).status_code == 422
