"""A success answer read without httpx's response object, which is built only when asked for.

Building an `httpx.Response` (its `Headers`, stream wrappers and decoders) costs more than
parsing a small JSON body does. The fast lane (`fast_lane.py`) hands the parser an
`Answer` instead: the status and the body, which is all a generated operation's `parse`
reads. A raw-response view, or code reading `.headers`, gets the `httpx.Response` the
answer would have been, built on first use from what was received.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from gpuaas_api.http_stack import httpx

from .engine import response_extensions


class Answer:
    """The status, body and raw headers of a success; `http_response` builds the rest."""

    __slots__ = (
        "_elapsed",
        "_raw_headers",
        "_reason",
        "_request_of",
        "_request_spec",
        "_response",
        "content",
        "status_code",
    )

    def __init__(
        self,
        status_code: int,
        content: bytes,
        raw_headers: Sequence[tuple[bytes, bytes]],
        reason: str | None,
        elapsed: float,
        request_of: Callable[..., httpx.Request],
        *request_spec: Any,
    ) -> None:
        self.status_code = status_code
        self.content = content
        self._raw_headers = raw_headers
        self._reason = reason
        self._elapsed = elapsed
        self._request_of = request_of
        """Builds the request that was sent (from `request_spec`) when it is asked for."""
        self._request_spec = request_spec
        self._response: httpx.Response | None = None

    @property
    def http_response(self) -> httpx.Response:
        """The `httpx.Response` of this answer, its body read (built once)."""
        if self._response is None:
            request = self._request_of(*self._request_spec)
            response = unread_response(
                self.status_code, self._raw_headers, self.content, self._reason, request
            )
            response.read()
            response.elapsed = datetime.timedelta(seconds=self._elapsed)
            self._response = response
        return self._response

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def text(self) -> str:
        return self.http_response.text


def unread_response(
    status_code: int,
    raw_headers: Sequence[tuple[bytes, bytes]],
    content: bytes,
    reason: str | None,
    request: httpx.Request,
) -> httpx.Response:
    """The `httpx.Response` a transport would return for these bytes (body not yet read)."""
    return httpx.Response(
        status_code,
        headers=list(raw_headers),
        stream=httpx.ByteStream(content),
        request=request,
        extensions=response_extensions(reason),
    )


def http_response(answer: httpx.Response | Answer) -> httpx.Response:
    """The `httpx.Response` of whichever kind of answer a call got."""
    return answer if isinstance(answer, httpx.Response) else answer.http_response
