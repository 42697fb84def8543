"""The questionnaire pages in-process: fill in SANE and PSFS; score Kujala from one's own form."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from kneewise.diary.repository import list_questionnaire_answers


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def saved(client: TestClient, instrument: str) -> list[object]:
    return list(list_questionnaire_answers(client.app.state.diary, instrument))  # type: ignore[attr-defined]


def test_the_overview_separates_what_can_be_filled_in_here(client: TestClient) -> None:
    page = text_of(client.get("/questionnaires").text)
    here, own_form = page.split("With your own copy of the official form")
    assert "Single Assessment Numeric Evaluation" in here and "Patient-Specific" in here
    assert "Kujala" in own_form and "IKDC" in own_form and "VISA-P" in own_form
    assert "Kujala" not in here


def test_sane_shows_its_question_and_is_scored_and_kept(client: TestClient) -> None:
    page = client.get("/questionnaires/sane").text
    assert "how would you rate your knee today, where 100 is a completely normal knee" in page
    assert 'type="number"' in page and 'max="100"' in page
    answer = client.post("/questionnaires/sane", data={"item-1": "70"})
    assert answer.status_code == 200 and "Score: 70" in answer.text
    again = client.post("/questionnaires/sane", data={"item-1": "90"})
    assert "Up 20 points since last time (70 → 90); not judged better or worse" in again.text
    refused = client.post("/questionnaires/sane", data={"item-1": "120"})
    assert refused.status_code == 422
    assert "allowed answers are whole numbers from 0 to 100" in text_of(refused.text)
    assert [s.score for s in saved(client, "sane")] == [70, 90]  # type: ignore[attr-defined]


def test_psfs_asks_for_named_activities_and_offers_them_again_next_time(
    client: TestClient,
) -> None:
    form = {"name-1": "kneeling to garden", "item-1": "3", "name-2": "cycling to work",
            "item-2": "6"}  # fmt: skip
    answer = client.post("/questionnaires/psfs", data=form)
    assert answer.status_code == 200 and "Score: 4.5" in answer.text
    (stored,) = saved(client, "psfs")
    assert stored.answers["1-name"] == "kneeling to garden"  # type: ignore[attr-defined]
    follow_up = client.get("/questionnaires/psfs").text
    assert 'value="kneeling to garden"' in follow_up and 'value="cycling to work"' in follow_up
    unnamed = client.post("/questionnaires/psfs", data={"item-1": "5"})
    assert unnamed.status_code == 422
    assert "say which activity this rating is for" in text_of(unnamed.text)
    unrated = client.post("/questionnaires/psfs", data={"name-1": "squatting"})
    assert "rate 'squatting' from 0 to 10" in text_of(unrated.text)
    too_long = client.post("/questionnaires/psfs", data={"name-1": "x" * 61, "item-1": "2"})
    assert "at most 60 characters (it has 61)" in text_of(too_long.text)
    assert len(saved(client, "psfs")) == 1


def test_kujala_says_plainly_it_needs_the_official_form(client: TestClient) -> None:
    page = text_of(client.get("/questionnaires/kujala").text)
    assert "You need the official form for this one" in page
    assert "kneewise cannot show this questionnaire's questions" in page
    assert "Kujala et al. 1993" in page
    points = {"1": 5, "2": 3, "3": 5, "4": 5, "5": 5, "6": 3, "7": 7, "8": 6, "9": 6,
              "10": 10, "11": 10, "12": 5, "13": 5}  # fmt: skip
    answer = client.post("/questionnaires/kujala", data={f"item-{k}": v for k, v in points.items()})
    assert "Score: 75" in answer.text
    missing = client.post("/questionnaires/kujala", data={"item-1": "5"})
    assert missing.status_code == 422 and "missing 2, 3" in missing.text
