"""Request signatures and webhook verification follow the platform's HMAC scheme."""

import hashlib
import hmac

import pytest

from gpuaas_sdk import sign_request, verify_webhook
from gpuaas_sdk.signing import SignatureVerificationError

SECRET = "whsec_test"
BODY = b'{"type":"allocation.status_changed","id":"1042"}'


def test_a_signature_is_hmac_sha256_over_timestamp_method_path_and_body_digest():
    headers = sign_request("post", "/hooks/gpuaas", BODY, SECRET, timestamp=1_700_000_000)

    message = f"1700000000.POST./hooks/gpuaas.{hashlib.sha256(BODY).hexdigest()}".encode()
    expected = hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()
    assert headers == {"GPUaaS-Signature": f"v1={expected},ts=1700000000"}


def test_a_delivery_signed_with_the_secret_verifies():
    headers = sign_request("POST", "/hooks/gpuaas", BODY, SECRET, timestamp=1_700_000_000)

    verify_webhook(BODY, headers, SECRET, path="/hooks/gpuaas", now=1_700_000_100)


def test_an_altered_body_is_refused_as_invalid():
    headers = sign_request("POST", "/hooks/gpuaas", BODY, SECRET, timestamp=1_700_000_000)

    with pytest.raises(SignatureVerificationError, match="does not match") as caught:
        verify_webhook(BODY + b" ", headers, SECRET, path="/hooks/gpuaas", now=1_700_000_000)
    assert caught.value.code == "signature_invalid"


def test_a_wrong_secret_is_refused():
    headers = sign_request("POST", "/hooks/gpuaas", BODY, "other", timestamp=1_700_000_000)

    with pytest.raises(SignatureVerificationError):
        verify_webhook(BODY, headers, SECRET, path="/hooks/gpuaas", now=1_700_000_000)


def test_an_old_delivery_is_refused_as_stale():
    headers = sign_request("POST", "/hooks/gpuaas", BODY, SECRET, timestamp=1_700_000_000)

    with pytest.raises(SignatureVerificationError, match="outside the 300s tolerance") as caught:
        verify_webhook(BODY, headers, SECRET, path="/hooks/gpuaas", now=1_700_000_301)
    assert caught.value.code == "signature_stale"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"GPUaaS-Signature": "garbage"},
        {"GPUaaS-Signature": "v1=abc"},
        {"gpuaas-signature": "ts=1"},
    ],
)
def test_a_missing_or_malformed_header_is_refused(headers):
    with pytest.raises(SignatureVerificationError) as caught:
        verify_webhook(BODY, headers, SECRET, path="/hooks/gpuaas", now=1)
    assert caught.value.code == "signature_invalid"


def test_any_of_several_signatures_may_match_during_a_secret_rotation():
    old = sign_request("POST", "/h", BODY, "old", timestamp=10)["GPUaaS-Signature"]
    new = sign_request("POST", "/h", BODY, "new", timestamp=10)["GPUaaS-Signature"]
    header = f"{old.split(',')[0]},{new.split(',')[0]},ts=10"

    verify_webhook(BODY, {"GPUaaS-Signature": header}, "new", path="/h", now=10)
