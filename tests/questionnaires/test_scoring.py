"""Questionnaire scoring and change, from worked examples in data/*.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from kneewise._errors import QuestionnaireError
from kneewise.questionnaires import INSTRUMENTS, Instrument, compare, load, score

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
    [
        ("kujala", 13, 100),
        ("visa-p", 10, 100),
        ("ikdc", 18, 87),
        ("nrs", 1, 10),
        ("sane", 1, 100),
    ],
)
def test_instrument_shape(instrument: str, items: int, maximum: int) -> None:
    loaded = load(instrument)
    assert len(loaded.items) == items
    ungrouped = sum(i.max_points for i in loaded.items if i.group is None)
    best_part = max((i.max_points for i in loaded.items if i.group), default=0)
    assert ungrouped + best_part == maximum


def test_every_instrument_cites_its_mid_or_says_why_it_has_none() -> None:
    for instrument in INSTRUMENTS.values():
        loaded = load(instrument)
        if loaded.mid is None:
            assert "no smallest important change" in loaded.mid_source
        else:
            assert loaded.mid > 0 and ("19" in loaded.mid_source or "20" in loaded.mid_source)


def test_without_a_verified_mid_a_change_is_given_in_points_and_not_judged() -> None:
    change = compare(load("sane"), 60, 85)
    assert change.verdict == "not judged"
    assert "Up 25 points" in change.text and "better" not in change.text.split(";")[0]


def test_shipped_wording_is_complete_and_licensed_wording_is_absent() -> None:
    for instrument in INSTRUMENTS.values():
        loaded = load(instrument)
        texts = [item.text for item in loaded.items]
        if loaded.wording_shipped:
            assert all(texts) and all(item.low and item.high for item in loaded.items)
        else:
            assert not any(texts) and loaded.instructions is None
            assert loaded.official_form, f"{instrument}: where to get the form"


def _definition(**changes: Any) -> dict[str, Any]:
    item = {"number": "1", "topic": "Knee", "answers": [0, 1]}
    return {
        "id": "made-up", "name": "Made up", "source": "nowhere", "terms": "none",
        "higher_is_better": True, "scoring": "sum", "mid": 1, "mid_source": "x 2000",
        "items": [item], **changes,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"official_form": None}, "say where to get the official form"),
        (
            {"official_form": "a shop", "items": [{"number": "1", "topic": "Knee",
              "answers": [0, 1], "text": "Copied question?"}]},
            "terms do not allow it",
        ),
        ({"wording_shipped": True}, "needs the text of every item"),
    ],
)  # fmt: skip
def test_instrument_data_cannot_ship_wording_its_terms_do_not_allow(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Instrument.model_validate(_definition(**changes))


def test_no_koos_material_is_shipped() -> None:
    package = Path(__file__).parents[2] / "src" / "kneewise" / "questionnaires"
    shipped = [p.name.lower() for p in package.rglob("*")]
    assert not [name for name in shipped if "koos" in name]
