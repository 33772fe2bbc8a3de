"""A browser for the `BROWSER` variable, as `gpuaas` finds one through `webbrowser`.

`python cli_browser.py SEEN_FILE URL` writes the URL it was given to SEEN_FILE (one per
line) and, given the platform's sign-in page, signs in as the dev user the way a person
would: loads the page, posts its form, follows the redirect back to the command's
loopback listener. Its exit status tells `webbrowser` whether it opened the URL.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx

SIGN_IN_PATH = "/v1/auth/oidc/authorize"


def sign_in(url: str) -> None:
    page = httpx.get(url)
    assert page.status_code == 200 and "<form" in page.text, page.text
    parts = urlsplit(url)
    form = dict(parse_qsl(parts.query))
    typed = {"username": "dev-user", "password": "dev123", "action": "sign_in"}
    answer = httpx.post(f"{parts.scheme}://{parts.netloc}{parts.path}", data={**form, **typed})
    assert answer.status_code == 303, answer.text
    httpx.get(answer.headers["location"]).raise_for_status()  # the command's listener


def main(seen_file: str, url: str) -> int:
    with Path(seen_file).open("a", encoding="utf-8") as seen:
        seen.write(url + "\n")
    if urlsplit(url).path == SIGN_IN_PATH:
        sign_in(url)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
