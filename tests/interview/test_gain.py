"""The vectorised information gain equals a straightforward reference: for each possible
answer, every finding tested again, nested groups counted once, one condition at a time."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneewise import load_knowledge
from kneewise.engine.logic import holds, predicate_fields
from kneewise.evaluation import Vignette, load_vignettes
from kneewise.interview import Evidence
from kneewise.interview.gain import Belief, information_gain, information_gains
from kneewise.interview.units import possible_answers, units
from kneewise.knowledge.model import KnowledgeBase

KB = load_knowledge()
VIGNETTES = load_vignettes(Path(__file__).parents[1] / "vignettes")


def _log_scores(kb: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, float]:
    decided = {f.id: s for f in kb.findings.values() if (s := holds(f.when, answers)) is not None}
    states = kb.counted_once(decided)
    age, sex = answers.get("age"), answers.get("sex")
    scores = {}
    for condition in kb.conditions.values():
        if condition.requires is not None and holds(condition.requires, answers) is False:
            scores[condition.id] = -math.inf
            continue
        score = math.log(condition.prior.weight(age, sex, answers.get("activities") or []))
        for finding_id, present in states.items():
            listed = condition.p_present(finding_id)
            p = listed if listed is not None else kb.findings[finding_id].unlisted_rate
            score += math.log(p if present else 1 - p)
        scores[condition.id] = score
    return scores


def _entropy(probabilities: Mapping[str, float]) -> float:
    return -sum(p * math.log2(p) for p in probabilities.values() if p > 0)


def _serious(kb: KnowledgeBase, probabilities: Mapping[str, float]) -> float:
    total = 0.0
    for condition in (c.id for c in kb.conditions.values() if c.must_not_miss):
        p = min(max(probabilities[condition], 1e-12), 1 - 1e-12)
        total -= p * math.log2(p) + (1 - p) * math.log2(1 - p)
    return total


def reference_gain(
    kb: KnowledgeBase, answers: dict[str, Any], options: list[dict[str, Any]]
) -> float:
    conditions = list(kb.conditions)
    before = _log_scores(kb, answers)
    top = max(before.values())
    total = sum(math.exp(v - top) for v in before.values())
    prior = {c: math.exp(v - top) / total for c, v in before.items()}
    deltas = []
    for option in options:
        after = _log_scores(kb, {**answers, **option})
        # A condition already ruled out stays out; its score no longer matters.
        deltas.append({c: 0.0 if before[c] == -math.inf else after[c] - before[c]
                       for c in conditions})  # fmt: skip
    norm = {c: math.log(max(sum(math.exp(d[c]) for d in deltas), 1e-300)) for c in conditions}
    expected = 0.0
    for delta in deltas:
        joint = {c: prior[c] * math.exp(delta[c] - norm[c]) for c in conditions}
        p_answer = sum(joint.values())
        if p_answer > 0:
            posterior = {c: j / p_answer for c, j in joint.items()}
            expected += p_answer * (_entropy(posterior) + _serious(kb, posterior))
    return _entropy(prior) + _serious(kb, prior) - expected


def _check_every_screen(answers: dict[str, Any], unknown: list[str]) -> None:
    evidence = Evidence(answers=answers, unknown=unknown)
    known = evidence.intake().known()
    settled = evidence.settled()
    belief = Belief.of(KB, known)
    for unit in units(KB):
        if not set(unit.fields) - settled:
            continue
        options = possible_answers(KB, unit, settled)
        expected = reference_gain(KB, known, options)
        got = information_gain(KB, belief, known, unit, settled)
        assert got == pytest.approx(expected, abs=1e-9), unit.id
    # Every screen's answers stacked in one pass give each screen's gain on its own.
    open_units = [u for u in units(KB) if set(u.fields) - settled]
    together = information_gains(KB, belief, known, open_units, settled)
    alone = [information_gain(KB, belief, known, u, settled) for u in open_units]
    assert together == pytest.approx(alone, abs=1e-12)


@pytest.mark.parametrize("vignette", VIGNETTES[::10], ids=lambda v: v.id)
def test_the_gain_equals_the_reference_halfway_through_a_vignette(vignette: Vignette) -> None:
    truth = vignette.intake.known()
    half = dict(list(truth.items())[: len(truth) // 2])
    _check_every_screen(half, [])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_gain_equals_the_reference_for_random_parts_of_a_story(data: st.DataObject) -> None:
    vignette = data.draw(st.sampled_from(VIGNETTES))
    truth = vignette.intake.known()
    said = {k: v for k, v in truth.items() if data.draw(st.booleans(), label=k)}
    try:
        Evidence(answers=said)
    except ValueError:  # a part of a story can contradict itself only through an omission
        return
    silent = sorted(set(truth) - set(said))
    unknown = (
        data.draw(st.lists(st.sampled_from(silent), unique=True, max_size=4)) if silent else []
    )
    _check_every_screen(said, unknown)


@pytest.mark.parametrize("vignette", VIGNETTES[::6], ids=lambda v: v.id)
def test_the_early_check_for_more_questions_agrees_with_the_full_ranking(
    vignette: Vignette,
) -> None:
    from kneewise.assessment import SERIOUS_LEVELS
    from kneewise.interview import _rank, _would_ask
    from kneewise.interview.choose import open_rules, rule_weights

    truth = vignette.intake.known()
    for share in (0.25, 0.5, 0.75):
        told = dict(list(truth.items())[: int(len(truth) * share)])
        evidence = Evidence(answers=told)
        answers, settled = evidence.intake().known(), evidence.settled()
        candidates = [u for u in units(KB) if set(u.fields) - settled]
        referrals = [r for r in open_rules(KB, answers, settled) if r.level not in SERIOUS_LEVELS]
        weights = rule_weights(KB, candidates, referrals, settled)
        referring = any(weights)
        for asked in (0, 19, 20):
            # Past the budget the ranking stops, yet a screen that could fire an open
            # see-a-doctor rule is still asked (next_step asks it before ranking).
            full = referring or _rank(KB, answers, candidates, weights, settled, asked).asks
            assert _would_ask(KB, answers, candidates, referring, settled, asked) == full


def _dependency_cases() -> list[tuple[str, dict[str, Any]]]:
    """(screen, one answer) for each answer a screen's kept likelihoods depend on: a field
    another screen reads with it (a nested partner, a finding reading both), or one that
    rules a condition out (for the screens that change the prior)."""
    from kneewise.interview.screen_tables import screen_tables
    from kneewise.knowledge.compiled import compiled

    known = compiled(KB)
    tables = screen_tables(KB, known).screens
    ruling_out = {
        f for c in KB.conditions.values() if c.requires for f in predicate_fields(c.requires)
    }
    screen_of = {name: unit for unit in units(KB) for name in unit.fields}
    cases: dict[str, tuple[str, dict[str, Any]]] = {}
    for table in tables.values():
        fields = set(table.depends_on) | (ruling_out if table.reads_prior else set())
        for name in sorted(fields - set(table.unit.fields)):
            for option in possible_answers(KB, screen_of[name], set()):
                told = {name: option[name]}
                # Only an answer that leaves the screen to ask (one may imply its field).
                if not set(table.unit.fields) - Evidence(answers=told).settled():
                    continue
                cases.setdefault(f"{table.unit.id}-{told}", (table.unit.id, told))
    return list(cases.values())


@pytest.mark.parametrize(("screen", "told"), _dependency_cases(), ids=str)
def test_the_gain_equals_the_reference_when_an_answer_reaches_what_a_screen_rests_on(
    screen: str, told: dict[str, Any]
) -> None:
    evidence = Evidence(answers=told)
    known, settled = evidence.intake().known(), evidence.settled()
    unit = next(u for u in units(KB) if u.id == screen)
    expected = reference_gain(KB, known, possible_answers(KB, unit, settled))
    got = information_gain(KB, Belief.of(KB, known), known, unit, settled)
    assert got == pytest.approx(expected, abs=1e-9)
