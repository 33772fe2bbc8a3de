from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AllocationCreate")


@_attrs_define
class AllocationCreate:
    """
    Example:
        {'sku': 'h200-sxm-slice', 'gpus_total': 1, 'region_code': 'us-buffalo-1', 'ssh_key_ids': ['key-7f2e']}

    Attributes:
        sku (str):
        gpus_total (int):
        region_code (str | Unset): Region to place the allocation in; the SKU's first region with capacity when omitted.
        project_id (str | Unset): Project to bill; the caller's default project when omitted.
        ssh_key_ids (list[str] | Unset):
    """

    sku: str
    gpus_total: int
    region_code: str | Unset = UNSET
    project_id: str | Unset = UNSET
    ssh_key_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sku = self.sku

        gpus_total = self.gpus_total

        region_code = self.region_code

        project_id = self.project_id

        ssh_key_ids: list[str] | Unset = UNSET
        if not isinstance(self.ssh_key_ids, Unset):
            ssh_key_ids = self.ssh_key_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sku": sku,
                "gpus_total": gpus_total,
            }
        )
        if region_code is not UNSET:
            field_dict["region_code"] = region_code
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if ssh_key_ids is not UNSET:
            field_dict["ssh_key_ids"] = ssh_key_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sku = d.pop("sku")

        gpus_total = d.pop("gpus_total")

        region_code = d.pop("region_code", UNSET)

        project_id = d.pop("project_id", UNSET)

        ssh_key_ids = cast(list[str], d.pop("ssh_key_ids", UNSET))

        allocation_create = cls(
            sku=sku,
            gpus_total=gpus_total,
            region_code=region_code,
            project_id=project_id,
            ssh_key_ids=ssh_key_ids,
        )

        return allocation_create
