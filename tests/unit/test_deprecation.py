"""Deprecations (docs/versioning.md): the `deprecated` decorator, the client's deprecated
forms, and the helpers that make the SDK's own deprecated calls fail a suite."""

from __future__ import annotations

import asyncio
import warnings

import pytest

from gpuaas_sdk import AsyncClient, Client, GpuaasDeprecationWarning
from gpuaas_sdk._deprecation import DEPRECATIONS, deprecated
from gpuaas_sdk.testing import sdk_deprecations_as_errors

from .conftest import BASE

OTHER = "https://api-b.test"


def test_several_urls_in_base_url_warn_at_the_callers_line_and_still_work() -> None:
    with pytest.warns(GpuaasDeprecationWarning) as caught:
        client = Client([BASE, OTHER], auth="tok")
    client.close()

    [warning] = caught.list
    assert warning.filename == __file__  # the caller's line, not the SDK's
    message = str(warning.message)
    assert "Client(base_url=[...several URLs...]) is deprecated since gpuaas-sdk 0.2.0" in message
    assert "may be removed in 0.3.0" in message
    assert "use base_urls=[...]" in message
    assert client._settings.fallback_urls == (OTHER,)  # it still does what it did


def test_the_async_client_warns_too_and_the_new_spellings_do_not() -> None:
    async def build() -> None:
        async with AsyncClient([BASE, OTHER], auth="tok"):
            pass

    with pytest.warns(GpuaasDeprecationWarning, match=r"AsyncClient\(base_url=\[") as caught:
        asyncio.run(build())
    assert caught.list[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Client(base_urls=[BASE, OTHER], auth="tok").close()
        Client(BASE, auth="tok").close()
        Client(base_url=BASE, auth="tok").close()


def test_our_own_suite_fails_on_the_sdks_deprecated_calls() -> None:
    """pyproject.toml sets `gpuaas_sdk_deprecations = "error"`: the plugin's setting."""
    with pytest.raises(GpuaasDeprecationWarning):
        Client([BASE, OTHER], auth="tok")


def test_the_decorator_marks_functions_coroutines_and_one_form_of_an_argument() -> None:
    @deprecated(since="1.4.0", instead="new()")
    def old() -> str:
        return "done"

    @deprecated(since="1.4.2", instead="anew()", removal="2.0.0")
    async def aold() -> str:
        return "done"

    @deprecated(since="0.9.0", instead="size=int", argument="size", when=lambda v: v == "big")
    def sized(size: object = 1) -> object:
        return size

    with pytest.warns(GpuaasDeprecationWarning, match=r"old\(\) is deprecated since") as a:
        assert old() == "done"

    async def caller() -> str:
        return await aold()  # the warning points here, where the coroutine is awaited

    with pytest.warns(GpuaasDeprecationWarning, match="may be removed in 2.0.0") as b:
        assert asyncio.run(caller()) == "done"
    with pytest.warns(GpuaasDeprecationWarning, match=r"sized\(size=...\)"):
        assert sized("big") == "big"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sized(2) == 2
        assert sized() == 1
    assert "may be removed in 1.5.0" in str(a.list[0].message)  # the next minor by default
    assert old.__deprecated__ == str(a.list[0].message)  # type: ignore[attr-defined]
    assert aold.__name__ == "aold" and asyncio.iscoroutinefunction(aold)
    assert b.list[0].filename == __file__
    whats = [d.what for d in DEPRECATIONS]
    assert "Client(base_url=[...several URLs...])" in whats
    assert "AsyncClient(base_url=[...several URLs...])" in whats
    with pytest.raises(TypeError, match="argument"):
        deprecated(since="1.0.0", instead="x", when=bool)


def test_the_helper_raises_only_the_sdks_deprecations() -> None:
    with sdk_deprecations_as_errors(), warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always", UserWarning)  # (ours stays in force)
        warnings.warn("another library's", DeprecationWarning, stacklevel=1)  # only warns
    assert [str(w.message) for w in seen] == ["another library's"]
    with sdk_deprecations_as_errors(), pytest.raises(GpuaasDeprecationWarning):
        warnings.warn("ours", GpuaasDeprecationWarning, stacklevel=1)
