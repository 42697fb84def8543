"""The check's pages in-process: no dead ends, nothing said is lost, focus on the answers.

Issue 14 items 5, 9 and 12: every question screen puts the focus on its
first answer; opening a step's address without its form is a page that can
go back to the same screen (never "Method not allowed"); "Write it again"
keeps the story; words over the limit come back in the box with the limit.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.web.check_helpers import hidden, page_form, stored_state

from kneewise.web.routes.pages_check import MAX_TEXT

STORIES = [
    "I'm 34 and twisted my knee playing football yesterday; it swelled up within an hour",
    "my kneecap aches going down stairs after running, for three weeks now, I am 17",
    "70 year old, knee stiff in the morning for ten minutes, worse after long walks",
]


def textarea(page: str) -> str:
    """What the story box holds."""
    found = re.search(r"<textarea\b[^>]*>(.*?)</textarea>", page, flags=re.S)
    assert found, "no story box on the page"
    return html.unescape(found.group(1))


def answer_inputs(page: str) -> list[str]:
    """The answer inputs of a question screen (radios, boxes, number), in order."""
    fieldset = re.search(r"<fieldset.*?</fieldset>", page, flags=re.S)
    assert fieldset, "no question on the page"
    return re.findall(r"<input\b[^>]*>", fieldset.group(0))


def unknown(client: TestClient, page: str) -> str:
    return unknown_answer(client, page).text


def unknown_answer(client: TestClient, page: str) -> httpx.Response:
    data = {**page_form(page), "action": "unknown", "screen": hidden(page, "screen")}
    answer = client.post("/check/step", data=data)
    assert answer.status_code == 200, answer.text
    return answer


def test_every_question_screen_focuses_its_first_answer(client: TestClient) -> None:
    page = client.post("/check/understood", data={"text": ""}).text
    screens = 0
    while hidden(page, "screen") is not None:
        inputs = answer_inputs(page)
        focused = [i for i, tag in enumerate(inputs) if re.search(r"\sautofocus\b", tag)]
        assert focused == [0], f"{hidden(page, 'screen')}: autofocus on inputs {focused}"
        assert page.count(" autofocus") == 1
        page = unknown(client, page)
        screens += 1
    assert screens >= 10


@pytest.mark.parametrize("path", ["/check/step", "/check/understood", "/check/save"])
@pytest.mark.parametrize("query", ["", "?draft=nothing&at=0", "?draft=x&at=-1", "?at=%FF"])
def test_a_step_opened_without_its_draft_says_it_expired(
    client: TestClient, path: str, query: str
) -> None:
    answer = client.get(path + query)
    assert answer.status_code == 410
    assert "Method Not Allowed" not in answer.text
    assert "This check has expired" in answer.text
    assert 'href="/check"' in answer.text


@pytest.mark.parametrize("story", STORIES)
def test_reload_shows_the_same_screen_with_everything_said(client: TestClient, story: str) -> None:
    understood = client.post("/check/understood", data={"text": story})
    keep = re.findall(r'name="keep" value="([^"]*)"', understood.text)
    data = {**page_form(understood.text), "action": "start", "keep": keep}
    question = unknown_answer(client, client.post("/check/step", data=data).text)
    again = client.get(str(question.url))
    assert again.status_code == 200
    assert again.text == question.text  # the same page, drawn again from the same draft
    assert hidden(again.text, "screen") == hidden(question.text, "screen")
    assert json.loads(stored_state(client, again))["story"] == story
    assert client.get(str(understood.url)).text == understood.text


@pytest.mark.parametrize("story", STORIES)
def test_write_it_again_gives_the_story_back(client: TestClient, story: str) -> None:
    understood = client.post("/check/understood", data={"text": story}).text
    back = client.post("/check/step", data={**page_form(understood), "action": "back"})
    assert back.status_code == 200
    assert textarea(back.text) == story


@pytest.mark.parametrize("length", [MAX_TEXT + 1, 10_000, 200_000])
def test_words_over_the_limit_come_back_with_the_limit(client: TestClient, length: int) -> None:
    story = ("knee hurts on stairs " * (length // 21 + 1))[:length]
    answer = client.post("/check/understood", data={"text": story})
    assert answer.status_code == 422
    assert f"at most {MAX_TEXT:,}" in answer.text
    assert f"{length:,} characters" in answer.text
    assert textarea(answer.text) == story, "the words were not given back"
    assert 'role="alert"' in answer.text


def test_a_long_emergency_number_is_refused_with_its_limit(client: TestClient) -> None:
    answer = client.post("/settings/emergency-number", data={"number": "1" * 10_000})
    assert answer.status_code == 422
    assert "at most 40 characters" in answer.text
    assert "this one has 10,000" in answer.text


def _visible(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_expired_page_says_what_is_kept(client: TestClient) -> None:
    text: Any = _visible(client.get("/check/step").text)
    assert "A result you saved to your diary is still there." in text
    assert "Start the check again" in text
