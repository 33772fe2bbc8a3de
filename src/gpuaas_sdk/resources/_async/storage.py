"""`client.storage`: files and folders, and streamed, resumable, verified transfers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import StorageObject, StorageUsage

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions
from ..._transfers._async import transfer
from ..._transfers.checksums import Checksum, checked_checksum
from ..._transfers.plan import DEFAULT_CONCURRENCY, DownloadState, UploadPlan, download_target
from ...progress import ProgressOption, progress_reporter
from .._lazy import RawResponses
from ..storage import _abort, _delete, _list, _mkdir, _rename, _stat, _usage
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncStorageResourceWithRawResponse


class AsyncStorageResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncStorageResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self,
        prefix: str = "/",
        *,
        delimiter: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[StorageObject]:
        """Files and folders under `prefix` by path, fetched lazily; `delimiter="/"`: one level."""
        return AsyncPager(lambda c: self._run(_list(c, prefix, delimiter, page_size), options))

    async def stat(self, path: str, **options: Unpack[RequestOptions]) -> StorageObject:
        """What is at `path`: a file's size, SHA-256 and time, or a folder; `ObjectNotFound`."""
        return await self._run(_stat(path), options)

    async def mkdir(
        self, path: str, *, idempotency_key: str | None = None, **options: Unpack[RequestOptions]
    ) -> StorageObject:
        """Create a folder and its missing parents (like `mkdir -p`)."""
        return await self._run(_mkdir(path, idempotency_key), options)

    async def rename(
        self,
        from_path: str,
        to_path: str,
        *,
        overwrite: bool = False,
        **options: Unpack[RequestOptions],
    ) -> StorageObject:
        """Move a file or folder; refused if `to_path` exists, unless `overwrite`."""
        return await self._run(_rename(from_path, to_path, overwrite), options)

    async def delete(
        self, path: str, *, recursive: bool = False, **options: Unpack[RequestOptions]
    ) -> None:
        """Delete a file, or a folder with everything in it when `recursive`."""
        await self._run(_delete(path, recursive), options)

    async def usage(self, **options: Unpack[RequestOptions]) -> StorageUsage:
        """Bytes and objects stored by the tenant, and its quota."""
        return await self._run(_usage(), options)

    async def abort_upload(self, upload_id: str, **options: Unpack[RequestOptions]) -> None:
        """Give up a multipart upload; the parts already sent are discarded."""
        await self._run(_abort(upload_id), options)

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
        **options: Unpack[RequestOptions],
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
        with progress_reporter(progress, "upload") as report:
            return await transfer.upload(
                self._raw,
                plan,
                overwrite=overwrite,
                max_concurrency=max_concurrency,
                upload_id=upload_id,
                progress=report,
                options=options,
            )

    async def download(
        self,
        remote_path: str,
        local_path: str | os.PathLike[str],
        *,
        resume: bool = True,
        progress: ProgressOption = None,
        checksum: Checksum = "crc32",
        **options: Unpack[RequestOptions],
    ) -> Path:
        """Stream a file to `local_path`, verified; resumes an interrupted download.

        A `local_path` that is a directory (or ends with `/`) receives the file under
        its remote name, as `cp` does; the path written is returned. The bytes go to
        `<file>.gpuaas-partial` until verified; when the download fails or is
        interrupted, that file stays only if the next call can resume from it, and the
        exception's note says what was kept. `progress`: a callback `(done, total)` in
        bytes, or True for a terminal bar. `checksum`: what the content is verified
        against, the platform's CRC-32 (cheap; it catches corruption as SHA-256 does) or
        its SHA-256 (`"sha256"`, about twice the CPU); a mismatch is `ChecksumMismatch`.
        """
        verified = checked_checksum(checksum)
        state = DownloadState(download_target(remote_path, local_path), resume, verified)
        with progress_reporter(progress, "download") as report:
            return await transfer.download(
                self._raw, remote_path, state, progress=report, options=options
            )
