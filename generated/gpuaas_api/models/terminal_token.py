from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import redacted_repr

T = TypeVar("T", bound="TerminalToken")


@_attrs_define
class TerminalToken:
    """
    Example:
        {'token': 'tt_9b74c9897bac770ffc029102a200c5de', 'ws_url':
            'ws://127.0.0.1:8080/v1/allocations/alloc-4f9c2a/terminal?token=tt_9b74c9897bac770ffc029102a200c5de',
            'page_url': 'http://127.0.0.1:8080/terminal/alloc-4f9c2a#token=tt_9b74c9897bac770ffc029102a200c5de',
            'expires_in': 60, 'expires_at': '2026-04-01T12:01:00Z'}

    Attributes:
        token (str): Single-use token for the terminal WebSocket.
        ws_url (str): WebSocket URL of the terminal, with the token in its query.
        page_url (str): The platform's browser terminal page for the allocation, with the token in its
            fragment (`#token=...`), which a browser never sends to a server: open it in a
            browser to get a terminal on the allocation. Like `ws_url`, it works once, until
            `expires_at`; the page shows a clear message when the token is expired or used.
        expires_in (int):
        expires_at (datetime.datetime):
    """

    token: str = _attrs_field(repr=redacted_repr)
    ws_url: str = _attrs_field(repr=redacted_repr)
    page_url: str = _attrs_field(repr=redacted_repr)
    expires_in: int
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        ws_url = self.ws_url

        page_url = self.page_url

        expires_in = self.expires_in

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token": token,
                "ws_url": ws_url,
                "page_url": page_url,
                "expires_in": expires_in,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        token = src_dict["token"]

        ws_url = src_dict["ws_url"]

        page_url = src_dict["page_url"]

        expires_in = src_dict["expires_in"]

        expires_at = datetime.datetime.fromisoformat(src_dict["expires_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        terminal_token = cls(
            token,
            ws_url,
            page_url,
            expires_in,
            expires_at,
        )
        if len(src_dict) > 5:
            known = {
                "token",
                "ws_url",
                "page_url",
                "expires_in",
                "expires_at",
            }
            terminal_token.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return terminal_token

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
