"""Kneeling a lot is a habit, not an injury: "no injury" denies only the injury part.

Cases in tests/engine/kneeling_cases.yaml. The finding is looked at where the engine
reads it (`finding_states`) and where a person reads it (every condition's reasons).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.engine.differential import finding_states
from kneewise.intake import parse_intake

KB = load_knowledge()
FINDING = "mech_kneeling"
LABEL = KB.findings[FINDING].label
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "kneeling_cases.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_kneeling_a_lot_is_claimed_only_as_told(case: dict[str, Any]) -> None:
    intake = parse_intake(case["intake"], schema="kneewise.intake/2")
    state = finding_states(KB, intake.known()).get(FINDING)
    expected = {"present": True, "absent": False, "absent_said_no": False, "unknown": None}
    assert state is expected[case["state"]]
    reasons = [
        text
        for condition in assess(intake, KB).conditions
        for text in [*condition.for_, *condition.against]
        if LABEL in text
    ]
    if case["state"] == "unknown":
        assert reasons == [], "an absence nobody was asked about is claimed"
        return
    said = {
        "absent_said_no": f"you said no: {LABEL}",
        "absent": f"ruled out by your other answers: {LABEL}",
        "present": LABEL,
    }[case["state"]]
    assert reasons
    assert all(text == said for text in reasons)


def test_no_injury_with_kneeling_hurting_no_longer_lowers_the_bursitis() -> None:
    """The re-trial's intake: the bursa over the kneecap is not lowered by a no nobody said."""
    told = {"mechanism": "none", "worse_with": ["kneeling"]}
    denied = {**told, "kneels_a_lot": False}

    def bursitis(answers: dict[str, Any]) -> float:
        result = assess(parse_intake(answers, schema="kneewise.intake/2"), KB)
        return next(c.probability for c in result.conditions if c.id == "prepatellar_bursitis")

    assert bursitis(told) > bursitis(denied)
    payload = json.dumps(
        assess(parse_intake(told, schema="kneewise.intake/2"), KB).model_dump(by_alias=True)
    )
    assert f"you said no: {LABEL}" not in payload
