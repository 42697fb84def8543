"""kneewise against the clinical vignettes: the thresholds of issue #2.

Vignettes are written from published cases, independently of the model;
no number in the knowledge base is tuned to pass one of them.
"""

from pathlib import Path

import pytest

from kneewise import assess, load_knowledge
from kneewise.engine.triage import fired_rules, urgency
from kneewise.evaluation import Report, Vignette, evaluate, judge, load_vignettes
from kneewise.evaluation.metrics import codes_match

VIGNETTES = load_vignettes(Path(__file__).parent / "vignettes")
KB = load_knowledge()
SERIOUS = [v for v in VIGNETTES if min(urgency(lvl) for lvl in v.acceptable_triage) >= 2]


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(VIGNETTES, KB)


def test_enough_vignettes() -> None:
    assert len(VIGNETTES) >= 60
    assert len(SERIOUS) >= 15


@pytest.mark.parametrize("vignette", SERIOUS, ids=lambda v: v.id)
def test_no_under_triage_of_urgent_or_emergency(vignette: Vignette) -> None:
    case = judge(vignette, assess(vignette.intake, KB))
    assert not case.under_triaged, f"{case.level} for {vignette.acceptable_triage}"


def test_triage_accuracy(report: Report) -> None:
    assert report.triage_accuracy >= 0.90, [c.vignette.id for c in report.cases if not c.triage_ok]


def test_top3_accuracy(report: Report) -> None:
    missed = [c.vignette.id for c in report.cases if not c.within_top(3)]
    assert report.top_k(3) >= 0.85, missed


def test_every_condition_has_a_vignette() -> None:
    kb = KB
    uncovered = [
        c.id
        for c in kb.conditions.values()
        if not any(codes_match(code, a) for v in VIGNETTES for a in v.acceptable_icd10
                   for code in c.icd10)
    ]  # fmt: skip
    assert uncovered == []


def test_every_rule_fires_on_some_vignette() -> None:
    kb = KB
    fired = {r.id for v in VIGNETTES for r in fired_rules(kb, v.intake.known())}
    assert {r.id for r in kb.rules} - fired == set()
