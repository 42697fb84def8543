"""The check keeps what was said when the input is odd, forged or repeated (issue 8).

Each test is a kind of fault a tester found: a number the words give past its
range, a screen that would change an earlier answer, an empty or repeated save,
a state nested too deeply, going back from the first step.
"""

from __future__ import annotations

import html
import json
from typing import Any

from fastapi.testclient import TestClient
from tests.web.check_helpers import hidden, page_form, stored_state

from kneewise.diary import list_assessments, open_diary
from kneewise.settings import load_settings


def test_a_number_past_its_range_in_the_words_is_left_for_the_questions(
    client: TestClient,
) -> None:
    for text in ("I weigh 300 kg and twisted my knee, it swelled up within an hour",
                 "I'm 2.5 m tall, twisted my knee and it swelled up within an hour"):  # fmt: skip
        understood = client.post("/check/understood", data={"text": text})
        assert understood.status_code == 200
        state = json.loads(stored_state(client, understood))
        assert "weight_kg" not in state["answers"] and "height_cm" not in state["answers"]
        assert state["answers"]["swelling"] == "within_2h"  # what was said is kept
        keep = list(state["answers"])
        data = {**page_form(understood.text), "action": "start", "keep": keep}
        assert client.post("/check/step", data=data).status_code == 200


def _state_json(answers: dict[str, Any], **extra: Any) -> str:
    base = {"answers": answers, "unknown": [], "screens": [], "words": {}, "history": []}
    return json.dumps({**base, **extra})


def test_a_screen_cannot_change_an_earlier_answer(client: TestClient) -> None:
    said = {"age": 30, "had_knee_surgery": True, "unwell": True}  # the date decides an emergency
    page = client.post("/check/step", data={"state": _state_json(said), "action": "skip"})
    for _ in range(60):  # "don't know" until the operation's date is asked
        if 'name="screen" value="weeks_since_surgery"' in page.text:
            break
        assert 'name="screen"' in page.text, "the date of the operation was never asked"
        page = client.post(
            "/check/step",
            data={**page_form(page.text), "action": "unknown",
                  "screen": hidden(page.text, "screen")},
        )  # fmt: skip
    assert "other:never_operated" not in page.text  # it would contradict the yes
    forged = {**page_form(page.text), "action": "answer", "screen": "weeks_since_surgery",
              "type": "number", "other": "other:never_operated"}  # fmt: skip
    refused = client.post("/check/step", data=forged)
    assert refused.status_code == 422
    assert json.loads(stored_state(client, refused))["answers"]["had_knee_surgery"] is True


def test_an_empty_save_is_refused_and_a_second_click_saves_nothing_new(
    client: TestClient,
) -> None:
    assert client.post("/check/save", data={}).status_code == 410  # names no check: expired
    assert client.post("/check/save", data={"state": _state_json({})}).status_code == 400
    state = _state_json({"dark_urine": True}, unknown=["fever"])
    for _ in range(2):
        saved = client.post("/check/save", data={"state": state}, follow_redirects=False)
        assert saved.status_code == 303
    diary = open_diary(load_settings().database_url)
    try:
        stored = list_assessments(diary)
    finally:
        diary.close()
    assert len(stored) == 1
    assert stored[0].intake["dont_know"] == ["fever"]  # the don't-know is kept too
    assert stored[0].answer["triage"]["level"] == "emergency"


def test_a_state_nested_too_deeply_is_a_clear_400(client: TestClient) -> None:
    deep = "[" * 50_000 + "]" * 50_000
    for path in ("/check/step", "/check/save"):
        response = client.post(path, data={"state": deep})
        assert response.status_code == 400
        assert "damaged" in response.text


def test_optional_must_be_true_or_false(client: TestClient) -> None:
    forged = _state_json({"age": 30}, optional="false")
    assert client.post("/check/step", data={"state": forged, "action": "skip"}).status_code == 400


def test_back_from_the_first_step_gives_the_story_back(client: TestClient) -> None:
    story = "my knee aches at the front when I run downhill"
    understood = client.post("/check/understood", data={"text": story})
    again = client.post("/check/step", data={**page_form(understood.text), "action": "back"})
    assert again.status_code == 200
    assert story in html.unescape(again.text)
    keep = list(json.loads(stored_state(client, understood))["answers"])
    first = client.post(
        "/check/step", data={**page_form(understood.text), "action": "start", "keep": keep}
    )
    back = client.post("/check/step", data={**page_form(first.text), "action": "back"})
    assert story in html.unescape(back.text)


def test_the_parsed_intake_is_ready_for_assess(client: TestClient) -> None:
    for text in ("my knee is swollen", "it hurts at the front on stairs", "I weigh 300 kg"):
        parsed = client.post("/api/v1/parse", json={"text": text})
        assert parsed.status_code == 200
        assessed = client.post("/api/v1/assess", json=parsed.json()["intake"])
        assert assessed.status_code == 200, assessed.text
