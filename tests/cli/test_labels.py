"""Every intake field and every choice has plain words; answers read as a person says them."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kneewise.intake import INTAKE_FIELDS
from kneewise.knowledge.load import load_knowledge
from kneewise.labels import CHOICE_LABELS, FIELD_LABELS, answer_words, choice_label, field_label

CODE = re.compile(r"[a-z]+_[a-z0-9_]+|\[|\]|'")  # a stored name or a Python repr


@pytest.mark.parametrize("name", list(INTAKE_FIELDS))
def test_every_field_has_a_plain_label(name: str) -> None:
    label = field_label(name, load_knowledge())
    assert label and not CODE.search(label), label
    assert name in FIELD_LABELS, f"no short label for {name}"


@pytest.mark.parametrize(
    ("name", "choice"),
    [(n, c) for n, spec in INTAKE_FIELDS.items() for c in spec.choices],
)
def test_every_choice_has_plain_words(name: str, choice: str) -> None:
    assert choice in CHOICE_LABELS.get(name, {}), f"no words for {name}={choice}"
    assert not CODE.search(choice_label(name, choice))


def test_the_knowledge_base_short_phrase_wins() -> None:
    kb = load_knowledge()
    short = next(q for q in kb.questions if q.short)
    assert field_label(short.field, kb) == short.short


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("activities", ["running", "football"], "Running, Football"),
        ("worse_with", ["stairs_down", "kneeling"], "Going down stairs, Kneeling"),
        ("location", [], "none of these"),
        ("duration_days", 1.0, "1 day"),
        ("duration_days", 21, "21 days"),
        ("weeks_since_surgery", 3, "3 weeks"),
        ("pain_now", 7, "7 out of 10"),
        ("load_change_pct", 40.0, "40% more"),
        ("load_change_pct", -25, "25% less"),
        ("swelling", "within_2h", "Within 2 hours"),
        ("fever", False, "no"),
        ("fever", None, "not known"),
    ],
)  # fmt: skip
def test_answers_in_words(name: str, value: Any, words: str) -> None:
    assert answer_words(name, value) == words


def test_no_word_is_written_twice() -> None:
    """The web pages and the diary take their words from kneewise.labels, not a copy."""
    from kneewise.diary import records
    from kneewise.labels import DIARY_LABELS
    from kneewise.web import wording

    assert records.LABELS is DIARY_LABELS
    assert not hasattr(wording, "FIELD_LABELS") and not hasattr(wording, "CHOICE_LABELS")
    shared = set(DIARY_LABELS) & set(FIELD_LABELS) - {"swelling"}
    assert shared and all(DIARY_LABELS[name] == FIELD_LABELS[name] for name in shared)


@pytest.mark.parametrize(
    ("name", "value", "page_words"),
    [
        ("fever", True, "Yes"),
        ("fever", None, "Not known"),
        ("giving_way", False, "No"),
        ("load_change_pct", 30, "30% more"),
        ("other_joints", ["big_toe", "hands"], "Big toe, Hands"),
        ("other_joints", [], "None of these"),
        ("limp_from", "unsure", "Not sure"),
    ],
)  # fmt: skip
def test_the_web_pages_say_answers_with_these_words(name: str, value: Any, page_words: str) -> None:
    from kneewise.web import wording

    assert wording.answer(name, value) == page_words
