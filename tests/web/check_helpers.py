"""Reading the web check's pages in tests: what their forms send, and the state kept for them.

A check page carries only its draft's key and its own number (post/redirect/get,
kneewise.diary.drafts); the state the next form is taken from is read here from
the real storage, by the address the browser landed on, never from the page.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from fastapi.testclient import TestClient

from kneewise.diary import open_diary
from kneewise.diary.drafts import read_page
from kneewise.diary.models import PERSONAL_ACCOUNT_ID
from kneewise.settings import Settings


def hidden(page_html: str, name: str) -> str | None:
    """The value of the page's first hidden input of that name, or None."""
    found = re.search(rf'name="{name}" value="([^"]*)"', page_html)
    return html.unescape(found.group(1)) if found else None


def page_form(page_html: str) -> dict[str, str]:
    """The draft and page number a check page's forms send."""
    key, number = hidden(page_html, "draft"), hidden(page_html, "at")
    assert key and number is not None, "the page names no draft"
    return {"draft": key, "at": number}


def stored_state(
    client: TestClient, response: httpx.Response, account_id: int = PERSONAL_ACCOUNT_ID
) -> str:
    """The state kept for the page `response` landed on (its address names draft and page)."""
    key, number = response.url.params["draft"], int(response.url.params["at"])
    stored = read_page(client.app.state.diary, account_id, key, number)  # type: ignore[attr-defined]
    assert stored is not None, "the page's draft is not kept"
    return str(stored.page["state"])


def stored_answers(client: TestClient, response: httpx.Response) -> dict[str, Any]:
    """The answers kept for the page `response` landed on."""
    answers: dict[str, Any] = json.loads(stored_state(client, response))["answers"]
    return answers


def live_state(address: str, basetemp: Path) -> dict[str, Any]:
    """The state the live server (tests/conftest.py `live_server`) keeps for a tab's address.

    `basetemp` is the session's `tmp_path_factory.getbasetemp()`, which holds its diary.
    """
    query = parse_qs(urlsplit(address).query)
    folder = next(basetemp.glob("live-diary*"))
    diary = open_diary(Settings(data_dir=folder).diary_url(), migrate=False, owner_id=None)
    try:
        stored = read_page(diary, PERSONAL_ACCOUNT_ID, query["draft"][0], int(query["at"][0]))
    finally:
        diary.close()
    assert stored is not None, f"no kept page for {address}"
    data: dict[str, Any] = json.loads(stored.page["state"])
    return data


def result_after_dont_know(client: TestClient, words: str) -> str:
    """The result page after the words and "don't know" to every question."""
    page = client.post("/check/understood", data={"text": words})
    assert page.status_code == 200
    keep = re.findall(r'name="keep" value="([^"]+)"[^>]*checked', page.text)
    page = client.post("/check/step", data={**page_form(page.text), "action": "start",
                                            "keep": keep})  # fmt: skip
    for _ in range(80):
        screen = re.search(r'name="screen" value="([^"]+)"', page.text)
        if screen is None:
            return page.text
        kind = re.search(r'name="type" value="([^"]+)"', page.text)
        page = client.post("/check/step", data={**page_form(page.text), "action": "unknown",
                                                "screen": screen.group(1),
                                                "type": kind.group(1) if kind else ""})  # fmt: skip
        assert page.status_code == 200, page.text
    raise AssertionError("the result never came")
