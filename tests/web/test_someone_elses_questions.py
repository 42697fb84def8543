"""A story of someone else's knee: the questions are asked of them (newcomer's trial, 17e).

"My son ... he fell": the answers are theirs, yet the check asked "How old are you?" and "Do
you have sickle cell disease?". The real app in-process and the real knowledge.
"""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from tests.web.check_helpers import page_form

from kneewise.interview.wording import of_someone_else
from kneewise.knowledge.load import load_knowledge

SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


def _headings_and_boxes(client: TestClient, words: str) -> list[str]:
    """Every question's heading and tick box shown, answering "don't know" to all."""
    page = client.post("/check/understood", data={"text": words})
    keep = re.findall(r'name="keep" value="([^"]+)"[^>]*checked', page.text)
    page = client.post("/check/step", data={**page_form(page.text), "action": "start",
                                            "keep": keep})  # fmt: skip
    shown: list[str] = []
    for _ in range(80):
        screen = re.search(r'name="screen" value="([^"]+)"', page.text)
        if screen is None:
            return shown
        shown += [html.unescape(t) for t in re.findall(r"<h1>(.*?)</h1>", page.text)]
        shown += [html.unescape(t) for t in re.findall(r'<label for="tick-[^"]+">(.*?)</label>',
                                                       page.text)]  # fmt: skip
        kind = re.search(r'name="type" value="([^"]+)"', page.text)
        page = client.post("/check/step", data={**page_form(page.text), "action": "unknown",
                                                "screen": screen.group(1),
                                                "type": kind.group(1) if kind else ""})  # fmt: skip
    raise AssertionError("the result never came")


def test_a_childs_questions_ask_of_the_child(client: TestClient) -> None:
    kb = load_knowledge()
    kept = {q.of_someone_else for q in kb.questions if q.of_someone_else}
    shown = _headings_and_boxes(client, "my son has a sore knee, he's been limping since Sunday")
    assert "How old are they?" in shown or "Do they have sickle cell disease?" in shown
    addressed = [t for t in shown if SECOND_PERSON.search(t) and t not in kept]
    assert not addressed, addressed


def test_ones_own_story_is_asked_of_oneself(client: TestClient) -> None:
    shown = _headings_and_boxes(client, "my knee hurts after a run")
    assert "How old are you?" in shown or "Do you have sickle cell disease?" in shown


def test_the_rewording_reads_well() -> None:
    assert of_someone_else("How old are you?") == "How old are they?"
    assert of_someone_else("Is your knee swollen?") == "Is their knee swollen?"
    assert of_someone_else("Does the knee pain wake you at night?") == (
        "Does the knee pain wake them at night?"
    )
    assert of_someone_else("Has a doctor ever told you that you have arthritis?") == (
        "Has a doctor ever told them that they have arthritis?"
    )
