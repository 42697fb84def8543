"""An unsure finding carries no yes/no anywhere it is read (trial 21:50, fault 2).

`/api/v1/parse` clients read `fields`: a finding told unsure ("not sure if", "no idea
whether", "might have") has value null there, `unsure: true`, and stays out of the intake;
no note claims the person said it. Phrasings written fresh for this test.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kneewise import assess, load_knowledge
from kneewise.language import parse

KB = load_knowledge()

UNSURE = [
    ("not sure if I have a fever", "fever"),
    ("can't tell whether my calf is puffy", "calf_swelling"),
    ("I might have heard a crack", "pop"),
    ("no idea if my toes went numb", "foot_numb_or_cold"),
    ("maybe it gives way on stairs", "giving_way"),
]


@pytest.mark.parametrize(("text", "field"), UNSURE)
def test_the_api_gives_no_value_for_an_unsure_finding(
    client: TestClient, text: str, field: str
) -> None:
    body = client.post("/api/v1/parse", json={"text": text}).json()
    read = body["fields"].get(field)
    assert read is None or (read["value"] is None and read["unsure"] is True)
    assert field not in body["intake"]
    assert any("unsure" in note for note in body["notes"])
    if read is not None:  # told unsure is the person's "I don't know", ready for /assess
        assert field in body["intake"]["dont_know"]
        assert body["intake"]["schema"] == "kneewise.intake/2"


#: Told unsure in words other than the table's, each assessed from the words alone.
UNSURE_ASSESSED = [
    ("footy injury, knee swelled up, unsure if it feels warm", "warm"),
    ("hurt it skiing and I don't know if I have a temperature", "fever"),
    ("fell off my bike, perhaps I heard a snap, it hurts", "pop"),
]


@pytest.mark.parametrize(("text", "field"), UNSURE_ASSESSED)
def test_an_assessment_from_words_alone_lists_an_unsure_finding_as_not_known(
    text: str, field: str
) -> None:
    # `assess --text --json` asks nothing: the unsure words are its "you don't know"
    assessment = assess(parse(text, KB).intake(), KB)
    assert field in {item.field for item in assessment.not_known}
    assert field not in parse(text, KB).intake().known()


@pytest.mark.parametrize(
    "text",
    [
        "I have no idea whether it swelled",
        "not sure if it has swollen up at all",
        "it may have swelled a bit, hard to say",
    ],
)
def test_no_note_says_an_unsure_swelling_was_told(text: str) -> None:
    parsed = parse(text, KB)
    assert not any("You said" in note for note in parsed.notes)
    assert all(f.value is None for f in parsed.fields.values() if f.unsure)


def test_a_swelling_told_plainly_is_still_said_back_once() -> None:
    parsed = parse("The knee is swollen. It is really swollen.", KB)
    said = [note for note in parsed.notes if note.startswith("You said")]
    assert len(said) == 1


def test_an_unsure_blow_does_not_hide_when_the_knee_swelled() -> None:
    # "might have bumped it" is no known injury: "since this morning" times the swelling
    parsed = parse("I might have bumped it, it has been swollen since this morning", KB)
    assert parsed.values().get("swelling") == "within_24h"
    assert "mechanism" not in parsed.values()
