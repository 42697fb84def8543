"""A dip by the kneecap and a kneecap sitting high: read from words, and they move the ruptures.

Cases in extensor_sign_cases.yaml (stories in words other than any vignette's). A sign read
must raise the tendon rupture it is the sign of, against the same story with that sign
unknown; words that only look like it ('a dip in form', 'dips on the bench') are not read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.language import parse

KB = load_knowledge()
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "extensor_sign_cases.yaml").read_text(encoding="utf-8")
)


def _probability(intake: Any, condition: str) -> float:
    ranked = assess(intake, KB).conditions
    return next((c.probability for c in ranked if c.id == condition), 0.0)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_the_sign_is_read_as_said(case: dict[str, Any]) -> None:
    told = parse(f"{case['story']} {case['sign']}", KB).intake()
    assert getattr(told, case["field"]) is case["reads"]


@pytest.mark.parametrize(
    "case", [c for c in CASES if c["reads"] is True], ids=lambda case: case["id"]
)
def test_a_sign_read_raises_its_rupture(case: dict[str, Any]) -> None:
    told = parse(f"{case['story']} {case['sign']}", KB).intake()
    without = told.model_copy(update={case["field"]: None})
    assert _probability(told, case["raises"]) > _probability(without, case["raises"])
