"""Service-account auth: RFC 7523 jwt-bearer assertions, and signed requests.

Tokens come from a short JWT signed with the account's private key (RS256 or
ES256, PyJWT); refresh, the 60 s margin and one refresh for many callers are the
shared `RefreshingAuth` flow. A key with a signing secret also signs every API
request over the exact bytes sent, with a timestamp corrected by the clock skew
learnt from the server's `Date` header (a signature 5 minutes off is refused; a
request refused as `signature_stale` is signed again from that answer's `Date` and
resent once).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Generator
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from gpuaas_api.exceptions import InvalidGrant
from gpuaas_api.http_stack import httpx

from .._extras import missing_extra

try:
    import jwt
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
except ModuleNotFoundError as exc:
    raise missing_extra(
        exc, extra="service-account", needs="ServiceAccountAuth needs PyJWT and cryptography"
    ) from exc

from .._core.errors import error_code
from ..signing import sign_request
from .refreshing import Read, RefreshingAuth

if TYPE_CHECKING:
    from .token_store import TokenStore

__all__ = ["ServiceAccountAuth"]

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
ASSERTION_LIFETIME = 300
SKEW_WORTH_A_RETRY = 5.0
"""A refused assertion is minted again once if the learnt skew moved by more than this."""


def _algorithm_of(signing_key_pem: str) -> str:
    """RS256 for an RSA key, ES256 for a P-256 key; a clear ValueError for anything else."""
    try:
        key = serialization.load_pem_private_key(signing_key_pem.encode(), password=None)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            "signing_key_pem is not an unencrypted PEM private key (PKCS #8 or traditional)"
        ) from exc
    if isinstance(key, rsa.RSAPrivateKey):
        return "RS256"
    if isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1):
        return "ES256"
    raise ValueError("signing_key_pem must be an RSA or a P-256 EC private key")


class ServiceAccountAuth(RefreshingAuth):
    """Act as a service account: `ServiceAccountAuth(sa_id, key_id, signing_key_pem)`.

    Give `signing_secret` (returned once when a key of a signing-required account is
    created) to sign every request as the platform then requires, and `token_store`
    (with a `profile` naming the account there) to share its tokens with every worker of
    a fleet, which then refreshes once for all.
    """

    token_path = "/v1/auth/service-account/token"

    def __init__(
        self,
        sa_id: str,
        key_id: str,
        signing_key_pem: str,
        *,
        signing_secret: str | None = None,
        base_url: str | None = None,
        token_store: TokenStore | None = None,
        profile: str = "default",
    ) -> None:
        if not sa_id or not key_id:
            raise ValueError("ServiceAccountAuth needs the service account id and the key id")
        if signing_secret is not None and not signing_secret:
            raise ValueError("signing_secret must not be empty (leave it out for none)")
        super().__init__(base_url=base_url, token_store=token_store, profile=profile)
        self.sa_id = sa_id
        self.key_id = key_id
        self.algorithm = _algorithm_of(signing_key_pem)
        self._key_pem = signing_key_pem
        self._signing_secret = signing_secret
        self.clock_offset = 0.0
        """Server time minus local time, in seconds, from the latest `Date` header."""
        self._minted_offset = 0.0
        # Signing needs the whole body before the request goes out.
        self.requires_request_body = signing_secret is not None

    # --- tokens -------------------------------------------------------------------

    def _now(self) -> float:
        return time.time() + self.clock_offset

    def _assertion(self, audience: str) -> str:
        now = int(self._now())
        self._minted_offset = self.clock_offset
        claims = {
            "iss": self.sa_id,
            "sub": self.sa_id,
            "aud": audience,
            "iat": now,
            "exp": now + ASSERTION_LIFETIME,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(
            claims, self._key_pem, algorithm=self.algorithm, headers={"kid": self.key_id}
        )

    def _grant_request(self, origin: httpx.Request) -> httpx.Request:
        url = self._post(origin, self.token_path, {}).url
        headers = {k: v for k, v in origin.headers.items() if k.lower() == "user-agent"}
        return httpx.Request(
            "POST",
            url,
            data={"grant_type": JWT_BEARER, "assertion": self._assertion(str(url))},
            headers=headers,
            extensions={"timeout": origin.extensions.get("timeout", {})},
        )

    # --- clock and signatures ----------------------------------------------------------

    def _learn_clock(self, response: httpx.Response) -> None:
        date = response.headers.get("date")
        if not date:
            return
        try:
            server = parsedate_to_datetime(date).timestamp()
        except (TypeError, ValueError, IndexError):
            return
        self.clock_offset = server - time.time()

    def _sign(self, request: httpx.Request) -> None:
        if self._signing_secret is None:
            return
        target = request.url.raw_path.decode("ascii")
        request.headers.update(
            sign_request(
                request.method,
                target,
                request.content,
                self._signing_secret,
                timestamp=int(self._now()),
            )
        )

    def _resign_after(self, request: httpx.Request, response: httpx.Response) -> bool:
        """Whether a read answer refused `request`'s signature as stale: sign it again.

        `_learn_clock` has just taken the server's time from that answer's `Date`, so
        the new signature carries the corrected timestamp (a client idle past the
        5-minute window against a fast or skewed server clock is no longer refused).
        """
        if self._signing_secret is None or response.status_code not in (401, 403):
            return False
        if error_code(response) != "signature_stale":
            return False
        self._sign(request)
        return True

    def _retry_grant(self, attempt: int) -> bool:
        """After a refused assertion: mint one more if the server's clock turned out different."""
        return attempt == 0 and abs(self.clock_offset - self._minted_offset) > SKEW_WORTH_A_RETRY

    # --- flows: the shared ones, signing each API request and reading each Date ----------

    def current_header(self) -> None:
        """None: every request goes through the flow, which signs it and reads its Date."""
        return None

    def _flow(self, request: httpx.Request) -> Generator[Any, Any, None]:
        for attempt in range(2):
            flow = super()._flow(request)
            try:
                step = next(flow)
                resigned = False
                while True:
                    if not isinstance(step, httpx.Request):
                        try:  # a step's answer, or its failure, goes back to the shared flow
                            answer = yield step
                        except Exception as exc:
                            step = flow.throw(exc)
                        else:
                            step = flow.send(answer)
                        continue
                    if step is request:
                        self._sign(step)
                    response = yield step
                    self._learn_clock(response)
                    if step is request and not resigned and response.status_code in (401, 403):
                        yield Read(response)
                        if self._resign_after(request, response):
                            resigned = True  # once: a second stale refusal is the caller's
                            response = yield request
                            self._learn_clock(response)
                    step = flow.send(response)
            except StopIteration:
                return
            except InvalidGrant:
                if not self._retry_grant(attempt):
                    raise
            finally:
                flow.close()

    def __repr__(self) -> str:
        return (
            f"ServiceAccountAuth(sa_id={self.sa_id!r}, key_id={self.key_id!r}, "
            f"signing_key_pem=<redacted>, signing_secret="
            f"{'<redacted>' if self._signing_secret else None})"
        )
