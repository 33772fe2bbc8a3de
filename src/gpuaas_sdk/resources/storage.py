"""`client.storage`: the calls its classes make; transfers are in `_transfers/`."""

from __future__ import annotations

from typing import Any

from gpuaas_api.api.storage import (
    abort_multipart_upload,
    create_storage_folder,
    delete_storage_object,
    get_storage_usage,
    list_storage_objects,
    rename_storage_object,
    stat_storage_object,
)
from gpuaas_api.models import (
    StorageFolderCreate,
    StorageObject,
    StorageObjectPage,
    StorageRename,
    StorageUsage,
)

from .._core.call import Call, unset_if_none


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


def _abort(upload_id: str) -> Call[Any]:
    return Call(abort_multipart_upload, {"upload_id": upload_id}, type(None))
