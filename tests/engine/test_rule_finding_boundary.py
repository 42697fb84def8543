"""A rule and its finding in words agree on each side of a boundary (boundary_cases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import load_knowledge
from kneewise.engine.logic import holds
from kneewise.intake import parse_intake

KB = load_knowledge()
RULES = {rule.id: rule for rule in KB.rules}
FINDINGS = KB.findings
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "boundary_cases.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[case["why"] for case in CASES])
def test_rule_and_finding_agree(case: dict[str, Any]) -> None:
    answers = parse_intake(case["intake"]).known()
    rule = holds(RULES[case["rule"]].when, answers)
    finding = holds(FINDINGS[case["finding"]].when, answers)
    assert (rule, finding) == (case["holds"], case["holds"]), case["why"]
