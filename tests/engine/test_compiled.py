"""The compiled knowledge computes what the plain model says, on every vignette and on
generated intakes: the vectorised differential against a straightforward reference
(one condition and one finding at a time, through the model's accessors and `holds`),
compiled tests against `holds`, table priors against `Prior.weight`.
"""

from __future__ import annotations

import itertools
import math
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneewise import Intake, IntakeError, load_knowledge, parse_intake
from kneewise.assessment import Assessment
from kneewise.engine.assess import assess
from kneewise.engine.differential import NOTABLE_WEIGHT, differential, posterior
from kneewise.engine.logic import could_hold, deciding_fields, holds, predicate_fields, told_fields
from kneewise.engine.plan import CARDS_PER_CATEGORY, likely_conditions
from kneewise.engine.shortlist import shortlist_order
from kneewise.evaluation import load_vignettes
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2
from kneewise.knowledge.compiled import compiled, content_hash
from kneewise.knowledge.load import DATA_DIR, load_from
from kneewise.knowledge.model import ADVICE_ORDER, KnowledgeBase

KB = load_knowledge()
VIGNETTES = load_vignettes(Path(__file__).parents[1] / "vignettes")


def reference_log_scores(kb: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, float]:
    """log prior + Σ log P(state | c) over decided findings, one number at a time."""
    decided = {f.id: s for f in kb.findings.values() if (s := holds(f.when, answers)) is not None}
    states = kb.counted_once(decided)
    scores = {}
    for condition in kb.conditions.values():
        if condition.requires is not None and holds(condition.requires, answers) is False:
            scores[condition.id] = -math.inf
            continue
        prior = condition.prior.weight(
            answers.get("age"), answers.get("sex"), answers.get("activities") or []
        )
        score = math.log(prior)
        for finding_id, present in states.items():
            listed = condition.p_present(finding_id)
            p = listed if listed is not None else kb.findings[finding_id].unlisted_rate
            score += math.log(p if present else 1 - p)
        scores[condition.id] = score
    return scores


def reference_probabilities(kb: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, float]:
    scores = reference_log_scores(kb, answers)
    top = max(scores.values())
    weights = {c: math.exp(s - top) for c, s in scores.items()}
    total = sum(weights.values())
    return {c: w / total for c, w in weights.items()}


def reference_weight(kb: KnowledgeBase, condition_id: str, finding_id: str, present: bool) -> float:
    listed = kb.conditions[condition_id].p_present(finding_id)
    p = listed if listed is not None else kb.findings[finding_id].unlisted_rate
    q = kb.findings[finding_id].overall_rate
    return math.log(p / q) if present else math.log((1 - p) / (1 - q))


def assert_same_as_reference(kb: KnowledgeBase, intake: Intake) -> None:
    answers = intake.known()
    expected = reference_probabilities(kb, answers)
    found = posterior(kb, answers)
    got = dict(found.ranked())
    assert got.keys() == expected.keys()
    for condition, probability in expected.items():
        assert got[condition] == pytest.approx(probability, abs=1e-9), condition
    # Same ranking, apart from conditions whose probabilities differ only by rounding.
    order = [c for c, _ in found.ranked()]
    for higher, lower in itertools.pairwise(order):
        assert expected[higher] >= expected[lower] - 1e-12, (higher, lower)
    for ranked in differential(kb, answers)[:10]:
        for item in ranked.evidence:
            weight = reference_weight(kb, ranked.id, item.finding, item.present)
            assert abs(weight) >= NOTABLE_WEIGHT - 1e-9
            assert item.weight == pytest.approx(weight, abs=6e-4)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_the_differential_equals_the_reference_on_every_vignette(vignette: Any) -> None:
    assert_same_as_reference(KB, vignette.intake)


def _value(kind: str, name: str) -> st.SearchStrategy[Any]:
    spec = INTAKE_FIELDS[name]
    if kind == "bool":
        return st.booleans()
    if kind == "choice":
        return st.sampled_from(spec.choices)
    if kind == "choices":
        return st.lists(st.sampled_from(spec.choices), unique=True, max_size=3)
    low = spec.minimum if spec.minimum is not None else 0
    high = spec.maximum if spec.maximum is not None else low + 200
    if kind == "int":
        return st.integers(int(low), int(high))
    return st.floats(low, high, allow_nan=False).map(lambda v: round(v, 1))


@st.composite
def intakes(draw: st.DrawFn) -> Intake:
    """A valid v2 intake: random fields and values; a field that contradicts another is left out."""
    names = draw(st.lists(st.sampled_from(sorted(INTAKE_FIELDS)), unique=True, max_size=30))
    answers = {name: draw(_value(INTAKE_FIELDS[name].kind, name), label=name) for name in names}
    lists = [n for n in names if INTAKE_FIELDS[n].kind == "choices"]
    mentioned = draw(st.lists(st.sampled_from(lists), unique=True)) if lists else []
    for _ in range(len(answers) + 1):
        try:
            return parse_intake(
                {"schema": INTAKE_V2, **answers, "mentioned_only": mentioned}, schema=INTAKE_V2
            )
        except IntakeError as error:
            wrong = {p.field for p in error.problems} & set(answers)
            if not wrong:
                break
            for name in wrong:
                answers.pop(name)
            mentioned = [n for n in mentioned if n in answers]
    return parse_intake({"schema": INTAKE_V2}, schema=INTAKE_V2)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(intake=intakes())
def test_the_differential_equals_the_reference_on_generated_intakes(intake: Intake) -> None:
    assert_same_as_reference(KB, intake)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(intake=intakes())
def test_compiled_tests_and_priors_equal_the_model(intake: Intake) -> None:
    answers = intake.known()
    known = compiled(KB)
    for finding, check in zip(KB.findings.values(), known.finding_checks, strict=True):
        assert check(answers) == holds(finding.when, answers), finding.id
    for rule in KB.rules:
        assert known.rule_checks[rule.id](answers) == holds(rule.when, answers), rule.id
        deciding = deciding_fields(rule.when, answers)
        assert known.rule_deciding[rule.id](answers) == deciding, rule.id
        for open_fields in (set(), set(INTAKE_FIELDS) - set(answers), {"age", "fever"}):
            possible = known.rule_possible[rule.id](answers, open_fields)[0]
            assert possible == could_hold(rule.when, answers, open_fields), rule.id
    decided = known.decided(answers)
    assert known.counted_once(decided) == KB.counted_once(decided)
    # Only what reads an answered field is tested again: the same as testing everything.
    every = [(f.id, s) for f in KB.findings.values() if (s := holds(f.when, answers)) is not None]
    assert list(decided.items()) == every
    truths = known.rule_truths(answers)
    assert list(truths.items()) == [(rule.id, holds(rule.when, answers)) for rule in KB.rules]
    for rule in KB.rules:
        expected = tuple(sorted(deciding_fields(rule.when, answers)))
        assert known.deciding(rule.id, answers) == expected, rule.id
    priors = known.log_priors(answers)
    for index, condition in enumerate(KB.conditions.values()):
        weight = condition.prior.weight(
            answers.get("age"), answers.get("sex"), answers.get("activities") or []
        )
        ruled_out = condition.requires is not None and holds(condition.requires, answers) is False
        expected = -math.inf if ruled_out else math.log(weight)
        assert priors[index] == pytest.approx(expected, abs=1e-12), condition.id


def test_only_the_conditions_shown_are_explained_and_they_match_the_full_list() -> None:
    for vignette in VIGNETTES[::5]:
        shown = assess(vignette.intake, KB).conditions
        every = {c.id: c for c in differential(KB, vignette.intake.known())}
        for condition in shown:
            assert condition.evidence == every[condition.id].evidence
            assert condition.probability == every[condition.id].probability


def test_the_compiled_knowledge_is_read_only() -> None:
    known = compiled(KB)
    with pytest.raises(ValueError, match="read-only"):
        known.log_present[0, 0] = 0.0
    with pytest.raises(TypeError):
        known.rule_checks["x"] = known.rule_checks[KB.rules[0].id]  # type: ignore[index]
    with pytest.raises(AttributeError):
        known.content_hash = "0"  # type: ignore[misc]


def test_a_changed_copy_is_compiled_on_its_own() -> None:
    first = next(iter(KB.conditions.values()))
    prior = first.prior.model_copy(update={"base": first.prior.base})
    copy = KB.model_copy(update={"conditions": {**KB.conditions, first.id: first.model_copy(
        update={"prior": prior, "name": "another name"})}})  # fmt: skip
    assert compiled(copy) is not compiled(KB)
    assert compiled(copy).content_hash != compiled(KB).content_hash
    assert compiled(KB) is compiled(KB)


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_the_content_hash_ignores_yaml_layout_but_not_a_number(tmp_path: Path) -> None:
    assert content_hash(load_from(DATA_DIR)) == compiled(KB).content_hash  # stable across loads
    assert re.fullmatch(r"[0-9a-f]{64}", compiled(KB).content_hash)
    data = _copy_data(tmp_path)
    rules = data / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text("# a comment a clinician added\n\n" + text.replace("\n", "  \n", 3),
                     encoding="utf-8")  # fmt: skip
    assert compiled(load_from(data)).content_hash == compiled(KB).content_hash
    number = re.search(r"\b(gte|lte|gt|lt): (\d+)\b", text)
    assert number is not None
    changed = text[: number.start(2)] + str(int(number.group(2)) + 1) + text[number.end(2) :]
    rules.write_text(changed, encoding="utf-8")
    assert compiled(load_from(data)).content_hash != compiled(KB).content_hash


def test_every_assessment_records_the_knowledge_it_came_from() -> None:
    answer = assess(VIGNETTES[0].intake, KB)
    assert answer.knowledge_hash == compiled(KB).content_hash
    assert answer.to_json_dict()["knowledge_hash"] == compiled(KB).content_hash


def test_levels_are_read_from_levels_yaml_in_their_order() -> None:
    known = compiled(KB)
    assert known.levels_most_urgent_first == tuple(KB.levels)
    ranks = [known.urgency(level) for level in KB.levels]
    assert ranks == sorted(ranks, reverse=True) == list(range(len(ranks) - 1, -1, -1))


def test_levels_out_of_order_are_refused(tmp_path: Path) -> None:
    from kneewise import KnowledgeError

    data = _copy_data(tmp_path)
    levels = data / "levels.yaml"
    entries = levels.read_text(encoding="utf-8").split("\n- ")
    levels.write_text("\n- ".join([entries[0], *reversed(entries[1:])]) + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="most urgent first"):
        load_from(data)


def test_a_ruled_out_condition_keeps_a_log_prior_of_minus_infinity() -> None:
    requiring = [c for c in KB.conditions.values() if c.requires is not None]
    assert requiring
    for condition in requiring:
        answers = {"had_knee_surgery": False}
        if holds(condition.requires, answers) is not False:  # type: ignore[arg-type]
            continue
        index = compiled(KB).condition_ids.index(condition.id)
        assert np.isneginf(compiled(KB).log_priors(answers)[index])
        assert dict(posterior(KB, answers).ranked())[condition.id] == 0.0


# The fast paths of `assess` against straightforward references: the plan from the cards'
# own fields and `holds`, open rules from `deciding_fields`, explanations one weight at a time.


def reference_plan(kb: KnowledgeBase, level: str, likely: list[str], answers: Any) -> list[str]:
    fitting = []
    for i, card in enumerate(kb.advice):
        if level not in card.levels:
            continue
        if card.only_if is not None and holds(card.only_if, answers) is False:
            continue  # advice for a situation the answers rule out
        if card.when is not None and holds(card.when, answers) is True:
            fit: int | None = 0
        elif ranks := [likely.index(c) for c in card.conditions if c in likely]:
            fit = 1 + min(ranks)
        else:
            fit = 1 + len(likely) if card.always else None
        if fit is not None:
            fitting.append((fit, i, card))
    chosen = []
    held = dict(kb.levels[level].holds_back)  # a held-back category: the card said instead
    first = {  # ... unless no rule that would hold it fired or is open (rules.yaml `keeps`)
        category: card
        for category, card in kb.levels[level].when_kept.items()
        if category in held
        and all(
            holds(rule.when, answers) is False
            for rule in kb.rules
            if category in kb.levels[rule.level].holds_back
            and (rule.keeps is None or category not in rule.keeps.advice)
        )
    }
    for category in first:
        del held[category]
    for category in ADVICE_ORDER:
        if category in held:
            chosen.append(held[category])
            continue
        ordered = sorted(
            (f, i, c.id)
            for f, i, c in fitting
            if c.category == category and c.waits_with not in held  # waits with its category
        )
        said_first = [first[category]] if category in first else []
        chosen += said_first
        chosen += [
            card_id for _, _, card_id in ordered[: CARDS_PER_CATEGORY[category] - len(said_first)]
        ]
    return chosen


def reference_open_rules(kb: KnowledgeBase, answers: Any, level: str) -> list[tuple[str, ...]]:
    rank = {name: len(kb.levels) - 1 - i for i, name in enumerate(kb.levels)}
    found = [
        (rule.id, *sorted(deciding_fields(rule.when, answers)))
        for rule in kb.rules
        if rank[rule.level] > rank[level] and holds(rule.when, answers) is None
    ]
    rules = {rule.id: rule for rule in kb.rules}
    # Most urgent first; within a level, the rules the answers told most of (file order).
    return sorted(
        found,
        key=lambda item: (
            -rank[rules[item[0]].level],
            -len(told_fields(rules[item[0]].when, answers)),
        ),
    )


def assert_fast_paths_match(kb: KnowledgeBase, intake: Intake) -> None:
    answers = intake.known()
    assessment = assess(intake, kb)
    # Outputs built without validation are exactly what validation would build.
    assert Assessment.model_validate(assessment.to_json_dict()) == assessment
    level = assessment.triage.level
    fired = [r.id for r in kb.rules if holds(r.when, answers) is True]
    assert sorted(r.id for r in assessment.triage.rules) == sorted(fired)
    opened = [(u.id, *u.fields) for u in assessment.triage.undecided]
    assert opened == reference_open_rules(kb, answers, level)
    for rule in assessment.triage.undecided:
        assert rule.dont_know == [f for f in rule.fields if f in intake.dont_know]
    likely = likely_conditions(assessment.conditions)
    assert [a.id for a in assessment.advice] == reference_plan(kb, level, likely, answers)
    states = kb.counted_once(
        {f.id: s for f in kb.findings.values() if (s := holds(f.when, answers)) is not None}
    )
    # The posterior read from the forest's codes (as `assess` reads it) counts the same findings.
    from_codes = posterior(kb, answers, compiled(kb).evaluate(answers))
    from_answers = posterior(kb, answers)
    assert from_codes.states == from_answers.states == states
    assert from_codes.decided == from_answers.decided
    assert from_codes.state_rows.tolist() == from_answers.state_rows.tolist()
    for condition in assessment.conditions:
        for item in condition.evidence:  # "you said no" only for a plain no to what it reads
            said = [answers[f] for f in predicate_fields(kb.findings[item.finding].when)
                    if f in answers]  # fmt: skip
            expected = (
                not item.present and bool(said) and all(v in (False, "none", []) for v in said)
            )
            assert item.said_no == expected, (condition.id, item.finding)
        weights = {(f, p): reference_weight(kb, condition.id, f, p) for f, p in states.items()}
        clear = {k for k, w in weights.items() if abs(w) >= NOTABLE_WEIGHT + 1e-9}
        near = {k for k, w in weights.items() if abs(w) >= NOTABLE_WEIGHT - 1e-9}
        shown = [(e.finding, e.present) for e in condition.evidence]
        assert len(shown) == len(set(shown))
        assert clear <= set(shown) <= near  # the notable ones, apart from rounding at the bar
        strengths = [abs(weights[k]) for k in shown]  # strongest first
        assert all(a >= b - 1e-9 for a, b in itertools.pairwise(strengths))
        for item in condition.evidence:
            expected = weights[item.finding, item.present]
            assert item.weight == pytest.approx(expected, abs=6e-4), item.finding


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_the_fast_paths_equal_the_references_on_every_vignette(vignette: Any) -> None:
    assert_fast_paths_match(KB, vignette.intake)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(intake=intakes())
def test_the_fast_paths_equal_the_references_on_generated_intakes(intake: Intake) -> None:
    assert_fast_paths_match(KB, intake)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_the_shortlist_cut_to_the_conditions_shown_is_its_start(vignette: Any) -> None:
    answers = vignette.intake.known()
    belief = posterior(KB, answers)
    fired = [r for r in assess(vignette.intake, KB).triage.rules]
    whole = shortlist_order(KB, belief.ranked(), fired)
    for shown in (0, 1, 2, 3, 5, 10, len(whole), len(whole) + 3):
        assert shortlist_order(KB, belief.ranked(), fired, shown) == whole[:shown]
