"""The whole upload and download algorithms; `resources/storage` only checks arguments.

Uploads: small files in one request; larger ones in parts, `max_concurrency` at a
time, each part's SHA-256 checked by the server and again on its answer, resumable
from the sidecar beside the file. Downloads: streamed into a partial file (resumed
with a `Range` from its end), verified, then moved under their name. Every request
goes through the one call runner, so per-call options, auth, retries, typed errors
and raw responses apply; bodies stream from the file, never held whole in memory.
When a transfer fails or is interrupted, its exception's note says what was kept.
"""

from __future__ import annotations

from contextlib import aclosing
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from gpuaas_api.exceptions import RangeNotSatisfiable, UploadNotFound
from gpuaas_api.http_stack import httpx
from gpuaas_api.models import MultipartUploadPartPage, StorageObject
from gpuaas_api.streaming import download_storage_object_request

from ..._core._async.pager import AsyncPager
from ..._core.call import Call, RequestOptions, arun, with_options
from ..._core.concurrency import async_offload, async_run_parallel
from ..._core.http import typed_transport_errors
from .. import requests
from ..plan import (
    DownloadState,
    PartRange,
    Progress,
    UploadPlan,
    file_sha256,
    report,
    with_file_body,
)

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

T = TypeVar("T")


async def upload(
    raw: GeneratedClient,
    plan: UploadPlan,
    *,
    overwrite: bool,
    max_concurrency: int,
    upload_id: str | None,
    progress: Progress | None,
    options: RequestOptions,
) -> StorageObject:
    """Upload `plan`'s file; the note of a failure says whether the next run can resume."""
    try:
        return await _Upload(raw, plan, progress, options).run(
            overwrite, max_concurrency, upload_id
        )
    except BaseException as exc:
        exc.add_note(plan.abandoned())
        raise


class _Upload:
    def __init__(
        self,
        raw: GeneratedClient,
        plan: UploadPlan,
        progress: Progress | None,
        options: RequestOptions,
    ) -> None:
        self._raw = raw
        self._http = raw.get_async_httpx_client()
        self._plan = plan
        self._progress = progress
        self._options = options

    async def run(
        self, overwrite: bool, max_concurrency: int, upload_id: str | None
    ) -> StorageObject:
        plan = self._plan
        sha = await async_offload(file_sha256, plan.local_path)
        if not plan.multipart:
            stored = await self._send_file(
                requests.simple_upload(plan, sha, overwrite), plan.whole()
            )
            report(self._progress, plan.size, plan.size)
            return stored
        upload_id = await self._resume_or_start(sha, overwrite, upload_id)
        missing, hashes = await async_offload(plan.to_send, await self._received(upload_id))
        done = plan.size - sum(p.size for p in missing)
        report(self._progress, done, plan.size)

        async def send(part: PartRange) -> tuple[tuple[int, str], int]:
            sha = await async_offload(part.sha256, plan.local_path)
            received = await self._send_file(requests.part(upload_id, part, sha), part)
            return requests.checked_part(received, sha), part.size

        async with aclosing(async_run_parallel(send, missing, max_concurrency)) as sent:
            async for (number, digest), size in sent:
                hashes[number] = digest
                done += size
                report(self._progress, done, plan.size)
        stored = await self._run(requests.complete(upload_id, hashes))
        plan.forget()
        return stored

    async def _run(self, call: Call[T]) -> T:
        return (await arun(self._raw, call, self._options)).parse()

    async def _send_file(self, call: Call[T], part: PartRange) -> T:
        request = call.request(self._http, self._options)
        request = with_file_body(self._http, request, self._plan.local_path, part)
        return call.answer(self._raw, await self._http.send(request)).parse()

    async def _resume_or_start(self, sha: str, overwrite: bool, upload_id: str | None) -> str:
        plan = self._plan
        found = upload_id or plan.resumable(sha)
        if found is not None:
            try:
                await self._run(requests.parts(found, None))
                plan.remember(found, sha)
                return found
            except UploadNotFound:
                if upload_id is not None:
                    raise
                plan.forget()
        started = await self._run(requests.start(plan, sha, overwrite))
        plan.remember(started.id, sha)
        return started.id

    async def _received(self, upload_id: str) -> dict[int, str]:
        async def page(cursor: str | None) -> MultipartUploadPartPage:
            return await self._run(requests.parts(upload_id, cursor))

        return {part.part_number: part.sha256 async for part in AsyncPager(page)}


async def download(
    raw: GeneratedClient,
    remote_path: str,
    state: DownloadState,
    *,
    progress: Progress | None,
    options: RequestOptions,
) -> Path:
    """Download into `state`'s file; the note of a failure says what was kept."""
    http = raw.get_async_httpx_client()
    try:
        while True:
            try:
                done = await _download_once(http, remote_path, state, progress, options)
            except RangeNotSatisfiable:
                if not state.offset:
                    raise
                state.restart()  # the partial file is no prefix of the content any more
                continue
            if done is not None:
                return done
    except BaseException as exc:
        exc.add_note(state.abandon())
        raise


async def _download_once(
    http: httpx.AsyncClient,
    remote_path: str,
    state: DownloadState,
    progress: Progress | None,
    options: RequestOptions,
) -> Path | None:
    """One request for the rest of the file after the partial one (or all of it).

    None when the content changed since the partial download: start over.
    """
    request = download_storage_object_request(remote_path, range_=state.range_header)
    async with http.stream(**with_options(request, options)) as response:
        if not state.begin(response.status_code, response.headers):
            state.restart()
            return None
        try:
            report(progress, state.offset, state.total)
            with typed_transport_errors(response.request):
                async for chunk in response.aiter_bytes():  # as they come: no re-chunking
                    state.write(chunk)
                    report(progress, state.offset, state.total)
        finally:
            state.close()
    return await async_offload(state.finish)
