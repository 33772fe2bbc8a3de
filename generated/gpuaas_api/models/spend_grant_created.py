from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import redacted_repr

if TYPE_CHECKING:
    from ..models.spend_grant import SpendGrant


T = TypeVar("T", bound="SpendGrantCreated")


@_attrs_define
class SpendGrantCreated:
    """
    Example:
        {'grant': {'id': 'sg-6e03b9d1', 'name': 'nightly-ci', 'status': 'active', 'amount_minor': 10000, 'currency':
            'USD', 'spent_minor': 0, 'committed_minor': 0, 'remaining_minor': 10000, 'allowed_skus': ['h200-sxm-slice',
            'l40s-slice'], 'project_id': 'prj-default', 'issued_by': 'usr-dev-user', 'created_at': '2026-04-01T12:00:00Z',
            'expires_at': '2026-04-02T12:00:00Z', 'revoked_at': None}, 'token':
            'sg_Vd2mY1q0s8Qk3xN7bL4eR6tH9uJ5wZ2cF8aG1pO0iM'}

    Attributes:
        grant (SpendGrant): Money delegated to an unattended caller (an agent, a CI job): its token, used as a
            bearer token, can create allocations, fleets and holds of `allowed_skus` in
            `project_id`, and read what they need (the catalog, their allocations, the event
            stream), and nothing else. What it creates never commits more than `amount_minor`
            in total: every create is admitted against the grant's spend plus commitments, and
            its allocations run at most until their commitment ends (one hour without a
            `max_runtime_seconds`, and never past the grant's expiry). Its spend counts against
            its issuer's spend cap and the project's budget too.
             Example: {'id': 'sg-6e03b9d1', 'name': 'nightly-ci', 'status': 'active', 'amount_minor': 10000, 'currency':
            'USD', 'spent_minor': 1745, 'committed_minor': 3490, 'remaining_minor': 4765, 'allowed_skus': ['h200-sxm-slice',
            'l40s-slice'], 'project_id': 'prj-default', 'issued_by': 'usr-dev-user', 'created_at': '2026-04-01T12:00:00Z',
            'expires_at': '2026-04-02T12:00:00Z', 'revoked_at': None}.
        token (str): The grant's bearer token. Returned only in this answer; keep it secret.
    """

    grant: SpendGrant
    token: str = _attrs_field(repr=redacted_repr)
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        grant = self.grant.to_dict()

        token = self.token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "grant": grant,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        grant = SpendGrant.from_dict(src_dict["grant"])

        token = src_dict["token"]

        # Positional, in the order of the class's fields: faster than keywords.
        spend_grant_created = cls(
            grant,
            token,
        )
        if len(src_dict) > 2:
            known = {
                "grant",
                "token",
            }
            spend_grant_created.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return spend_grant_created

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# The models this one refers to, imported once its class exists (so that models referring
# to each other import cleanly): module globals, not imports run by every from_dict call.
from ..models.spend_grant import SpendGrant  # noqa: E402
