"""The parser against >=100 narratives: precision, recall and red-flag safety."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kneewise import load_knowledge
from kneewise.intake import Intake
from kneewise.language import parse
from kneewise.language.evaluate import (
    SAFETY_FIELDS,
    Narrative,
    field_scores,
    load_narratives,
    safety_misses,
)

KB = load_knowledge()


ALL = load_narratives(Path(__file__).parents[1] / "narratives")


@cache
def scores() -> dict[str, tuple[float, float]]:
    return {name: (s.precision, s.recall) for name, s in field_scores(ALL, KB).items()}


def test_there_are_at_least_100_narratives_in_varied_styles() -> None:
    assert len(ALL) >= 100
    assert len({n.id for n in ALL}) == len(ALL)
    assert len({n.style for n in ALL}) >= 10


def test_overall_precision_and_recall_meet_the_targets() -> None:
    precision, recall = scores()["overall"]
    assert precision >= 0.9
    assert recall >= 0.85


def test_no_negated_or_unsaid_red_flag_is_read_as_present() -> None:
    assert safety_misses(ALL, KB) == []


@pytest.mark.parametrize("narrative", ALL, ids=lambda n: n.id)
def test_each_narrative_gives_a_valid_intake_and_honours_its_denials(narrative: Narrative) -> None:
    parsed = parse(narrative.text, KB)
    intake = parsed.intake()
    assert isinstance(intake, Intake)
    for name in SAFETY_FIELDS & set(narrative.expect):
        if narrative.expect[name] is False:
            assert getattr(intake, name) is not True, name
    for name, field in parsed.fields.items():
        assert narrative.text[field.span[0] : field.span[1]] == field.text, name
