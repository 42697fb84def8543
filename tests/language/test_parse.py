"""parse(text, knowledge): the API, context rules and bad input."""

from __future__ import annotations

from typing import Any

import pytest

from kneewise import load_knowledge
from kneewise.language import ParsedIntake, parse
from kneewise.language.model import CONFIDENT

KB = load_knowledge()


def test_the_issue_example_reads_every_field_with_its_span() -> None:
    text = "30M, twisted my knee playing basketball, popped, swelled up within an hour, no fever"
    parsed = parse(text, KB)
    assert parsed.values() == {
        "age": 30,
        "sex": "male",
        "activities": ["basketball"],
        "mechanism": "twist",
        "onset": "sudden",
        "pop": True,
        "swelling": "within_2h",
        "fever": False,
    }
    assert parsed.fields["mechanism"].text == "twisted"
    assert parsed.fields["fever"].text == "fever"
    start, end = parsed.fields["pop"].span
    assert text[start:end] == "popped"


def test_a_hedged_finding_is_kept_with_low_confidence_but_left_out_of_the_intake() -> None:
    parsed = parse("maybe a bit warm", KB)
    # unsure: marked and asked, with no yes/no for any reader of `fields` (trial 21:50, fault 2)
    assert parsed.fields["warm"].value is None
    assert parsed.fields["warm"].unsure
    assert parsed.fields["warm"].confidence < CONFIDENT
    assert parsed.intake().warm is None
    assert any("unsure" in note for note in parsed.notes)


def test_gout_in_the_past_is_history_not_a_current_attack() -> None:
    known = parse("had gout attacks in my big toe before, now the knee hurts", KB).intake().known()
    assert known["gout_history"] is True
    assert "other_joints" not in known


def test_a_relatives_illness_is_not_the_patients() -> None:
    known = (
        parse("My dad had a DVT and a swollen calf. I'm 40 and my knee aches.", KB).intake().known()
    )
    assert known == {"age": 40}


def test_a_parent_writing_about_a_child_describes_the_child() -> None:
    known = parse("my daughter (14) twisted her knee at netball", KB).intake().known()
    assert known["age"] == 14
    assert known["sex"] == "female"
    assert known["mechanism"] == "twist"


def test_a_verb_negation_does_not_reach_far_along_the_sentence() -> None:
    known = parse("can't bend it, fever 39 and shaking", KB).intake().known()
    assert known["can_bend_90"] is False
    assert known["fever"] is True
    assert known["unwell"] is True


def test_unread_clauses_are_listed_for_the_person_to_see() -> None:
    parsed = parse("twisted it. my physio is on holiday this week", KB)
    assert parsed.unparsed == ["my physio is on holiday this week"]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "🦵😭", "7/10" * 3000, "no", "?!?", "\x00\x01", "knee " * 2000, "١٢٣"],
)
def test_odd_text_never_raises_and_gives_a_valid_intake(text: str) -> None:
    parsed = parse(text, KB)
    assert isinstance(parsed, ParsedIntake)
    parsed.intake()


@pytest.mark.parametrize("value", [None, 42, b"knee", ["knee"]])
def test_a_non_string_reads_as_nothing(value: Any) -> None:
    assert parse(value, KB).fields == {}
