"""A result whose plan holds training back offers no programme to start (issue: trial 02:00).

"Advice on training waits until your knee has been checked" beside "Exercises: … do it until
you are seen" said two opposite things. The cases (training_hold_cases.yaml) are real
assessments of people in other words: a pop, giving way, catching, a kneecap that slipped
out, and pain for two months, where a rule keeps training and a programme may be offered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.programmes.test_vignette_offers import ABSENT

from kneewise import assess, load_knowledge, parse_intake
from kneewise.assessment import Assessment
from kneewise.programmes.choose import WAITS_FOR_CHECK, clinician_first, offer, training_held
from kneewise.programmes.load import load_library

KB = load_knowledge()
LIBRARY = load_library()
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "training_hold_cases.yaml").read_text(encoding="utf-8")
)


def _assessed(answers: dict[str, Any]) -> Assessment:
    # A base person without other warning signs; "slipped out this time" only with a slip.
    base = {k: v for k, v in ABSENT.items() if k != "kneecap_slipped_out_this_time"}
    return assess(parse_intake({"schema": "kneewise.intake/2", **base, **answers}), KB)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_no_programme_is_offered_while_the_plan_holds_training(case: dict[str, Any]) -> None:
    assessment = _assessed(case["answers"])
    stand_ins = set(KB.levels[assessment.triage.level].holds_back.values())
    shown = {item.id for item in assessment.advice}
    assert training_held(assessment, KB) is case["held"] is bool(stand_ins & shown)
    chosen = offer(assessment, LIBRARY, KB)
    if case["held"]:
        assert chosen.programme is None and chosen.clinician_first
        assert chosen.reason == WAITS_FOR_CHECK
        # Starting one by hand then needs the person's word that the knee was checked.
        assert clinician_first(assessment, LIBRARY) == WAITS_FOR_CHECK
    else:
        assert chosen.reason != WAITS_FOR_CHECK
        assert chosen.programme is not None  # training kept: the plan and the offer agree
