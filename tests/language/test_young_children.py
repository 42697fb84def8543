"""Children under 5 are read and triaged, and no likely causes are invented for them.

The intake's ages run from 0 (a baby under 1) to 100. The priors' age bands start at 5, so
below that `assess` lists no causes and says why (`conditions_withheld`); the rules for young
children (`young_child_limp`, `infant_limp`) and every rule that reads any age still fire.
Cases: tests/language/young_children.yaml.
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
    (Path(__file__).parent / "young_children.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[case["text"] for case in CASES])
def test_a_young_child_is_read_triaged_and_not_given_an_adults_causes(
    case: dict[str, Any],
) -> None:
    parsed = parse(case["text"], KB)
    assert parsed.values().get("age") == case["age"]
    assessment = assess(parsed.intake(), KB)
    if "level" in case:
        assert assessment.triage.level == case["level"]
    fired = {rule.id for rule in assessment.triage.rules}
    assert set(case.get("fires", [])) <= fired
    if case["withheld"]:
        assert assessment.conditions == []
        assert f"aged {case['age']}" in (assessment.conditions_withheld or "")
    else:
        assert assessment.conditions and assessment.conditions_withheld is None
