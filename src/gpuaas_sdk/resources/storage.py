"""`client.storage`: files and folders, and streamed, resumable, verified transfers.

Planning (part ranges, sidecars, verification) lives in `_transfer`; the sync and
async classes below only differ in their I/O loops (a thread pool or asyncio tasks).
"""

from __future__ import annotations

import asyncio
import io
import os
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
from gpuaas_api.api.storage import (
    abort_multipart_upload,
    complete_multipart_upload,
    create_storage_folder,
    delete_storage_object,
    get_storage_usage,
    list_storage_objects,
    list_upload_parts,
    rename_storage_object,
    start_multipart_upload,
    stat_storage_object,
    upload_part,
    upload_storage_object,
)
from gpuaas_api.exceptions import ChecksumMismatch, RangeNotSatisfiable, UploadNotFound
from gpuaas_api.models import (
    CompletedUploadPart,
    MultipartUpload,
    MultipartUploadComplete,
    MultipartUploadCreate,
    MultipartUploadPart,
    MultipartUploadPartPage,
    StorageFolderCreate,
    StorageObject,
    StorageObjectPage,
    StorageRename,
    StorageUsage,
)
from gpuaas_api.streaming import download_storage_object_request
from gpuaas_api.types import File

from .._core.call import Call, unset_if_none
from .._core.http import typed_transport_errors
from .._core.pagination import AsyncPager, SyncPager
from .._transfers.plan import (
    DEFAULT_CONCURRENCY,
    DownloadState,
    PartRange,
    UploadPlan,
    download_target,
    file_body_request,
    file_sha256,
    parse_model,
    run_parallel,
)
from ..progress import ProgressOption, reports_progress, reports_progress_async
from ._base import AsyncResource, SyncResource

# -- calls shared by both twins ---------------------------------------------------------


def _list(
    cursor: str | None, prefix: str, delimiter: str | None, limit: int | None
) -> Call[StorageObjectPage]:
    return Call(
        list_storage_objects,
        {
            "cursor": unset_if_none(cursor),
            "prefix": prefix,
            "delimiter": unset_if_none(delimiter),
            "limit": unset_if_none(limit),
        },
        StorageObjectPage,
    )


def _stat(path: str) -> Call[StorageObject]:
    return Call(stat_storage_object, {"path": path}, StorageObject)


def _delete(path: str, recursive: bool) -> Call[Any]:
    return Call(delete_storage_object, {"path": path, "recursive": recursive}, type(None))


def _mkdir(path: str, idempotency_key: str | None) -> Call[StorageObject]:
    folder = path if path.endswith("/") else path + "/"
    return Call(
        create_storage_folder,
        {
            "body": StorageFolderCreate(path=folder),
            "idempotency_key": unset_if_none(idempotency_key),
        },
        StorageObject,
    )


def _rename(from_path: str, to_path: str, overwrite: bool) -> Call[StorageObject]:
    body = StorageRename(from_path=from_path, to_path=to_path, overwrite=overwrite)
    return Call(rename_storage_object, {"body": body}, StorageObject)


def _usage() -> Call[StorageUsage]:
    return Call(get_storage_usage, {}, StorageUsage)


def _start(plan: UploadPlan, sha256: str, overwrite: bool) -> Call[MultipartUpload]:
    body = MultipartUploadCreate(
        path=plan.remote_path,
        size_bytes=plan.size,
        part_size_bytes=plan.part_size,
        sha256=sha256,
        overwrite=overwrite,
    )
    return Call(start_multipart_upload, {"body": body}, MultipartUpload)


def _parts(upload_id: str, cursor: str | None) -> Call[MultipartUploadPartPage]:
    return Call(
        list_upload_parts,
        {"upload_id": upload_id, "cursor": unset_if_none(cursor), "limit": 200},
        MultipartUploadPartPage,
    )


def _complete(upload_id: str, hashes: dict[int, str]) -> Call[StorageObject]:
    body = MultipartUploadComplete(
        parts=[CompletedUploadPart(part_number=n, sha256=hashes[n]) for n in sorted(hashes)]
    )
    return Call(complete_multipart_upload, {"upload_id": upload_id, "body": body}, StorageObject)


def _abort(upload_id: str) -> Call[Any]:
    return Call(abort_multipart_upload, {"upload_id": upload_id}, type(None))


# Binary bodies stream from the file (`file_body_request`): the retry layer can resend
# them, and a part is never held in memory whole. Each part's SHA-256 is computed once.


def _simple_request(plan: UploadPlan, sha: str, overwrite: bool) -> dict[str, Any]:
    return upload_storage_object._get_kwargs(
        body=File(payload=io.BytesIO()),
        path=plan.remote_path,
        overwrite=overwrite,
        x_content_sha256=sha,
    )


def _part_request(upload_id: str, part: PartRange, sha: str) -> dict[str, Any]:
    return upload_part._get_kwargs(
        upload_id, part.number, body=File(payload=io.BytesIO()), x_content_sha256=sha
    )


def _whole(plan: UploadPlan) -> PartRange:
    return PartRange(1, 0, plan.size)


def _check_part(response: httpx.Response, sha: str) -> tuple[int, str]:
    received: MultipartUploadPart = parse_model(MultipartUploadPart, response.json())
    if received.sha256 != sha:
        raise ChecksumMismatch(
            f"part {received.part_number} was received with another SHA-256",
            code="checksum_mismatch",
            details={"part_number": received.part_number},
        )
    return received.part_number, received.sha256


def _report(progress: ProgressOption, done: int, total: int) -> None:
    """Call the callback `reports_progress` resolved `progress=` into (True became a bar)."""
    if callable(progress):
        progress(done, total)


# -- sync ---------------------------------------------------------------------------------


class StorageResource(SyncResource):
    def list(
        self, prefix: str = "/", *, delimiter: str | None = None, page_size: int | None = None
    ) -> SyncPager[StorageObject]:
        """Files and folders under `prefix` by path, fetched lazily; `delimiter="/"`: one level."""
        return SyncPager(lambda c: self._run(_list(c, prefix, delimiter, page_size)))

    def stat(self, path: str) -> StorageObject:
        return self._run(_stat(path))

    def mkdir(self, path: str, *, idempotency_key: str | None = None) -> StorageObject:
        """Create a folder and its missing parents (like `mkdir -p`)."""
        return self._run(_mkdir(path, idempotency_key))

    def rename(self, from_path: str, to_path: str, *, overwrite: bool = False) -> StorageObject:
        return self._run(_rename(from_path, to_path, overwrite))

    def delete(self, path: str, *, recursive: bool = False) -> None:
        self._run(_delete(path, recursive))

    def usage(self) -> StorageUsage:
        return self._run(_usage())

    def abort_upload(self, upload_id: str) -> None:
        self._run(_abort(upload_id))

    @reports_progress("upload")
    def upload(
        self,
        local_path: str | os.PathLike[str],
        remote_path: str,
        *,
        overwrite: bool = False,
        part_size: int | None = None,
        multipart_threshold: int | None = None,
        max_concurrency: int = DEFAULT_CONCURRENCY,
        upload_id: str | None = None,
        progress: ProgressOption = None,
    ) -> StorageObject:
        """Upload a file with bounded memory, verified by SHA-256 end to end.

        Files above `multipart_threshold` go in parts, `max_concurrency` at a time;
        an interrupted upload resumes from `<local_path>.gpuaas-upload` (or
        `upload_id`, started with the same `part_size`), sending only missing parts;
        the note of a failure's exception says whether it can. `progress`: a callback
        `(done, total)` in bytes, or True for a bar on stderr when it is a terminal
        (see `gpuaas_sdk.progress`).
        """
        plan = UploadPlan.of(
            local_path, remote_path, part_size, multipart_threshold, max_concurrency
        )
        try:
            return self._upload(plan, overwrite, max_concurrency, upload_id, progress)
        except BaseException as exc:
            exc.add_note(plan.abandoned())
            raise

    def _upload(
        self,
        plan: UploadPlan,
        overwrite: bool,
        max_concurrency: int,
        upload_id: str | None,
        progress: ProgressOption,
    ) -> StorageObject:
        http = self._raw.get_httpx_client()
        if not plan.multipart:
            sha = file_sha256(plan.local_path)
            body = _simple_request(plan, sha, overwrite)
            response = http.send(file_body_request(http, body, plan.local_path, _whole(plan)))
            _report(progress, plan.size, plan.size)
            result: StorageObject = parse_model(StorageObject, response.json())
            return result
        sha = file_sha256(plan.local_path)
        upload_id = self._resume_or_start(plan, sha, overwrite, upload_id)
        missing, hashes = plan.to_send(self._received(upload_id))
        done = plan.size - sum(p.size for p in missing)
        _report(progress, done, plan.size)

        def send(part: PartRange) -> tuple[int, str, int]:
            sha = part.sha256(plan.local_path)
            body = _part_request(upload_id, part, sha)
            response = http.send(file_body_request(http, body, plan.local_path, part))
            number, digest = _check_part(response, sha)
            return number, digest, part.size

        with closing(run_parallel(send, missing, max_concurrency)) as sent:
            for number, digest, size in sent:
                hashes[number] = digest
                done += size
                _report(progress, done, plan.size)
        stored = self._run(_complete(upload_id, hashes))
        plan.forget()
        return stored

    def _resume_or_start(
        self, plan: UploadPlan, sha: str, overwrite: bool, upload_id: str | None
    ) -> str:
        found = upload_id or plan.resumable(sha)
        if found is not None:
            try:
                self._run(_parts(found, None))
                plan.remember(found, sha)
                return found
            except UploadNotFound:
                if upload_id is not None:
                    raise
                plan.forget()
        started = self._run(_start(plan, sha, overwrite))
        plan.remember(started.id, sha)
        return started.id

    def _received(self, upload_id: str) -> dict[int, str]:
        pager = SyncPager(lambda c: self._run(_parts(upload_id, c)))
        return {part.part_number: part.sha256 for part in pager}

    @reports_progress("download")
    def download(
        self,
        remote_path: str,
        local_path: str | os.PathLike[str],
        *,
        resume: bool = True,
        progress: ProgressOption = None,
    ) -> Path:
        """Stream a file to `local_path`, verified; resumes an interrupted download.

        A `local_path` that is a directory (or ends with `/`) receives the file under
        its remote name, as `cp` does; the path written is returned. The bytes go to
        `<file>.gpuaas-partial` until verified; when the download fails or is
        interrupted, that file stays only if the next call can resume from it, and the
        exception's note says what was kept. `progress`: a callback `(done, total)` in
        bytes, or True for a terminal bar.
        """
        state = DownloadState(download_target(remote_path, local_path), resume)
        http = self._raw.get_httpx_client()
        try:
            while True:
                request = download_storage_object_request(remote_path, range_=state.range_header)
                try:
                    with http.stream(**request) as response:
                        if not state.begin(response.status_code, response.headers):
                            state.restart()  # the content changed since the partial download
                            continue
                        try:
                            _report(progress, state.offset, state.total)
                            with typed_transport_errors(response.request):
                                for chunk in response.iter_bytes():  # as they come: no re-chunking
                                    state.write(chunk)
                                    _report(progress, state.offset, state.total)
                        finally:
                            state.close()
                    return state.finish()
                except RangeNotSatisfiable:
                    if not state.offset:
                        raise
                    state.restart()
        except BaseException as exc:
            exc.add_note(state.abandon())
            raise


# -- async --------------------------------------------------------------------------------


class AsyncStorageResource(AsyncResource):
    def list(
        self, prefix: str = "/", *, delimiter: str | None = None, page_size: int | None = None
    ) -> AsyncPager[StorageObject]:
        """Files and folders under `prefix` by path, fetched lazily; `delimiter="/"`: one level."""
        return AsyncPager(lambda c: self._run(_list(c, prefix, delimiter, page_size)))

    async def stat(self, path: str) -> StorageObject:
        return await self._run(_stat(path))

    async def mkdir(self, path: str, *, idempotency_key: str | None = None) -> StorageObject:
        """Create a folder and its missing parents (like `mkdir -p`)."""
        return await self._run(_mkdir(path, idempotency_key))

    async def rename(
        self, from_path: str, to_path: str, *, overwrite: bool = False
    ) -> StorageObject:
        return await self._run(_rename(from_path, to_path, overwrite))

    async def delete(self, path: str, *, recursive: bool = False) -> None:
        await self._run(_delete(path, recursive))

    async def usage(self) -> StorageUsage:
        return await self._run(_usage())

    async def abort_upload(self, upload_id: str) -> None:
        await self._run(_abort(upload_id))

    @reports_progress_async("upload")
    async def upload(
        self,
        local_path: str | os.PathLike[str],
        remote_path: str,
        *,
        overwrite: bool = False,
        part_size: int | None = None,
        multipart_threshold: int | None = None,
        max_concurrency: int = DEFAULT_CONCURRENCY,
        upload_id: str | None = None,
        progress: ProgressOption = None,
    ) -> StorageObject:
        """Upload a file with bounded memory, verified by SHA-256 end to end.

        Files above `multipart_threshold` go in parts, `max_concurrency` at a time;
        an interrupted upload resumes from `<local_path>.gpuaas-upload` (or
        `upload_id`, started with the same `part_size`), sending only missing parts;
        the note of a failure's exception says whether it can. `progress`: a callback
        `(done, total)` in bytes, or True for a bar on stderr when it is a terminal
        (see `gpuaas_sdk.progress`).
        """
        plan = UploadPlan.of(
            local_path, remote_path, part_size, multipart_threshold, max_concurrency
        )
        try:
            return await self._upload(plan, overwrite, max_concurrency, upload_id, progress)
        except BaseException as exc:
            exc.add_note(plan.abandoned())
            raise

    async def _upload(
        self,
        plan: UploadPlan,
        overwrite: bool,
        max_concurrency: int,
        upload_id: str | None,
        progress: ProgressOption,
    ) -> StorageObject:
        http = self._raw.get_async_httpx_client()
        if not plan.multipart:
            sha = await asyncio.to_thread(file_sha256, plan.local_path)
            body = _simple_request(plan, sha, overwrite)
            response = await http.send(file_body_request(http, body, plan.local_path, _whole(plan)))
            _report(progress, plan.size, plan.size)
            result: StorageObject = parse_model(StorageObject, response.json())
            return result
        sha = await asyncio.to_thread(file_sha256, plan.local_path)
        upload_id = await self._resume_or_start(plan, sha, overwrite, upload_id)
        received = await self._received(upload_id)
        missing, hashes = await asyncio.to_thread(plan.to_send, received)
        done = plan.size - sum(p.size for p in missing)
        _report(progress, done, plan.size)
        slots = asyncio.Semaphore(max_concurrency)  # at most this many parts in memory

        async def send(part: PartRange) -> None:
            nonlocal done
            async with slots:
                sha = await asyncio.to_thread(part.sha256, plan.local_path)
                body = _part_request(upload_id, part, sha)
                request = file_body_request(http, body, plan.local_path, part)
                number, digest = _check_part(await http.send(request), sha)
            hashes[number] = digest
            done += part.size
            _report(progress, done, plan.size)

        tasks = [asyncio.create_task(send(part)) for part in missing]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        stored = await self._run(_complete(upload_id, hashes))
        plan.forget()
        return stored

    async def _resume_or_start(
        self, plan: UploadPlan, sha: str, overwrite: bool, upload_id: str | None
    ) -> str:
        found = upload_id or plan.resumable(sha)
        if found is not None:
            try:
                await self._run(_parts(found, None))
                plan.remember(found, sha)
                return found
            except UploadNotFound:
                if upload_id is not None:
                    raise
                plan.forget()
        started = await self._run(_start(plan, sha, overwrite))
        plan.remember(started.id, sha)
        return started.id

    async def _received(self, upload_id: str) -> dict[int, str]:
        pager = AsyncPager(lambda c: self._run(_parts(upload_id, c)))
        return {part.part_number: part.sha256 async for part in pager}

    @reports_progress_async("download")
    async def download(
        self,
        remote_path: str,
        local_path: str | os.PathLike[str],
        *,
        resume: bool = True,
        progress: ProgressOption = None,
    ) -> Path:
        """Stream a file to `local_path`, verified; resumes an interrupted download.

        A `local_path` that is a directory (or ends with `/`) receives the file under
        its remote name, as `cp` does; the path written is returned. The bytes go to
        `<file>.gpuaas-partial` until verified; when the download fails or is
        interrupted, that file stays only if the next call can resume from it, and the
        exception's note says what was kept. `progress`: a callback `(done, total)` in
        bytes, or True for a terminal bar.
        """
        state = DownloadState(download_target(remote_path, local_path), resume)
        http = self._raw.get_async_httpx_client()
        try:
            while True:
                request = download_storage_object_request(remote_path, range_=state.range_header)
                try:
                    async with http.stream(**request) as response:
                        if not state.begin(response.status_code, response.headers):
                            state.restart()  # the content changed since the partial download
                            continue
                        try:
                            _report(progress, state.offset, state.total)
                            with typed_transport_errors(response.request):
                                async for chunk in response.aiter_bytes():
                                    state.write(chunk)
                                    _report(progress, state.offset, state.total)
                        finally:
                            state.close()
                    return await asyncio.to_thread(state.finish)
                except RangeNotSatisfiable:
                    if not state.offset:
                        raise
                    state.restart()
        except BaseException as exc:
            exc.add_note(state.abandon())
            raise
