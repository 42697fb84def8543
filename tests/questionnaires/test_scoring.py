"""Questionnaire scoring and change, from worked examples in data/*.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise._errors import QuestionnaireError
from kneewise.questionnaires import INSTRUMENTS, compare, load, score

DATA = Path(__file__).parent / "data"


def _cases(name: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text())
    return loaded


SCORING = _cases("scoring_examples.yaml")
INVALID = _cases("invalid_answers.yaml")
CHANGES = _cases("change_examples.yaml")


@pytest.mark.parametrize("case", SCORING, ids=[f"{c['instrument']}: {c['name']}" for c in SCORING])
def test_worked_example(case: dict[str, Any]) -> None:
    assert score(load(case["instrument"]), case["answers"]) == case["expected"]


@pytest.mark.parametrize("case", INVALID, ids=[f"{c['instrument']}: {c['name']}" for c in INVALID])
def test_bad_answers_are_named(case: dict[str, Any]) -> None:
    with pytest.raises(QuestionnaireError, match=case["message"]):
        score(load(case["instrument"]), case["answers"])


@pytest.mark.parametrize(
    "case", CHANGES, ids=[f"{c['instrument']} {c['previous']}->{c['current']}" for c in CHANGES]
)
def test_change_against_the_mid(case: dict[str, Any]) -> None:
    change = compare(load(case["instrument"]), case["previous"], case["current"])
    assert change.verdict == case["verdict"]
    assert change.verdict in change.text


@pytest.mark.parametrize(
    ("instrument", "items", "maximum"),
    [("kujala", 13, 100), ("visa-p", 10, 100), ("ikdc", 18, 87), ("nrs", 1, 10)],
)
def test_instrument_shape(instrument: str, items: int, maximum: int) -> None:
    loaded = load(instrument)
    assert len(loaded.items) == items
    ungrouped = sum(i.max_points for i in loaded.items if i.group is None)
    best_part = max((i.max_points for i in loaded.items if i.group), default=0)
    assert ungrouped + best_part == maximum


def test_every_instrument_cites_its_mid() -> None:
    for instrument in INSTRUMENTS.values():
        loaded = load(instrument)
        assert loaded.mid > 0 and "20" in loaded.mid_source


def test_no_koos_material_is_shipped() -> None:
    package = Path(__file__).parents[2] / "src" / "kneewise" / "questionnaires"
    shipped = [p.name.lower() for p in package.rglob("*")]
    assert not [name for name in shipped if "koos" in name]
