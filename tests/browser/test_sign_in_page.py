"""The sign-in page as a person sees it in Chromium: named, labelled, self-contained, readable.

The page is the simulator's dev identity provider, opened with the parameters the
SDK's browser sign-in sends. Nothing here completes a sign-in (see
`test_browser_sign_in.py`); the redirect URI is never followed.
"""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import Console

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

CONTRAST = """([text, background]) => {
    const parse = (color) => color.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const luminance = (rgb) => {
        const [r, g, b] = rgb.map((c) => {
            const s = c / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const color = (selector, property) =>
        parse(getComputedStyle(document.querySelector(selector))[property]);
    const [a, b] = [luminance(color(text, "color")), luminance(color(...background))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""
"""WCAG 2 contrast ratio of a text's colour against a background colour."""


def authorize_url(base_url: str) -> str:
    verifier = "v" * 43
    digest = hashlib.sha256(verifier.encode()).digest()
    query = {
        "response_type": "code",
        "client_id": "gpuaas-sdk",
        "redirect_uri": "http://127.0.0.1:9/callback",
        "code_challenge": base64.urlsafe_b64encode(digest).rstrip(b"=").decode(),
        "code_challenge_method": "S256",
        "state": "page-test",
    }
    return f"{base_url}/v1/auth/oidc/authorize?{urlencode(query)}"


def test_the_page_names_the_product_and_labels_its_fields(page: Page, base_url) -> None:
    page.goto(authorize_url(base_url))

    expect(page).to_have_title("Sign in · GPUaaS")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to GPUaaS")
    username, password = page.get_by_label("Username"), page.get_by_label("Password")
    expect(username).to_have_attribute("autocomplete", "username")
    expect(username).to_be_focused()
    expect(password).to_have_attribute("autocomplete", "current-password")
    expect(password).to_have_attribute("type", "password")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel")).to_be_visible()


def test_the_favicon_is_an_image_the_browser_can_draw(page: Page, base_url) -> None:
    page.goto(authorize_url(base_url))
    size = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const image = new Image();
            image.onload = () => resolve([image.naturalWidth, image.naturalHeight]);
            image.onerror = () => reject(new Error("the favicon does not decode"));
            image.src = document.querySelector('link[rel="icon"]').href;
        })"""
    )
    assert size[0] > 0 and size[1] > 0


def test_nothing_is_fetched_but_the_page_itself(page: Page, console: Console, base_url) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    url = authorize_url(base_url)
    page.goto(url, wait_until="load")

    origin = urlsplit(base_url).netloc
    elsewhere = [u for u in fetched if not u.startswith("data:") and urlsplit(u).netloc != origin]
    assert elsewhere == []
    assert [u for u in fetched if not u.startswith("data:")] == [url]  # no CSS, font, icon files
    assert console.errors == []  # the style and icon pass the page's Content-Security-Policy


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_card_is_centred_and_fits_the_screen(page: Page, base_url, viewport) -> None:
    page.set_viewport_size(viewport)
    page.goto(authorize_url(base_url))

    card = page.locator("main").bounding_box()
    assert card is not None
    left, right = card["x"], viewport["width"] - (card["x"] + card["width"])
    top, bottom = card["y"], viewport["height"] - (card["y"] + card["height"])
    assert left >= 0 and right >= 0 and top >= 0 and bottom >= 0  # all of it on screen
    assert abs(left - right) <= 1 and abs(top - bottom) <= 1  # in the middle
    assert card["width"] <= 24 * 16 + 1  # a card, not a page-wide form
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for field in (page.get_by_label("Username"), page.get_by_label("Password")):
        box = field.bounding_box()
        assert box is not None and box["width"] >= card["width"] * 0.8
        assert box["height"] >= 40  # a target a thumb can hit


def test_the_text_is_readable(page: Page, base_url) -> None:
    page.set_viewport_size(PHONE)
    page.goto(authorize_url(base_url))

    for selector in ("body", "label", "#username", "#password", "button"):
        size = page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 16, selector  # also keeps phones from zooming into the fields
    card = ("main", "backgroundColor")
    for text, background in [
        ("h1", card),
        ("label", card),
        (".lead", card),
        (".note", card),
        (".secondary", card),
        (".primary", (".primary", "backgroundColor")),
    ]:
        ratio = page.evaluate(CONTRAST, [text, list(background)])
        assert ratio >= 4.5, (text, ratio)  # WCAG AA for body text
