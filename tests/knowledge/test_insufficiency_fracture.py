"""Insufficiency fractures of the knee among the causes (insufficiency_fracture_cases.yaml).

Sudden pain on standing and walking after no or a small injury, later in life, puts the
fracture among the first three causes and the plan tells the person to have it checked;
stories of another kind do not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.intake import parse_intake

KB = load_knowledge()
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "insufficiency_fracture_cases.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_among_the_first_three_only_for_its_kind(case: dict[str, Any]) -> None:
    assessment = assess(parse_intake(case["intake"], schema="kneewise.intake/2"), KB)
    first_three = [c.id for c in assessment.conditions[:3]]
    assert ("insufficiency_fracture" in first_three) is case["top3"], first_three
    card_shown = "dr_insufficiency_fracture" in [card.id for card in assessment.advice]
    assert card_shown is case["top3"]
