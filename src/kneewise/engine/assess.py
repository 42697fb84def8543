"""assess(intake, knowledge) -> Assessment: triage, differential and plan in one pure call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any

from kneewise.assessment import Assessment
from kneewise.engine.differential import Posterior, explained, posterior
from kneewise.engine.plan import PLAN_MIN_PROBABILITY, PLAN_TOP_CONDITIONS, plan_for
from kneewise.engine.shortlist import kept_reason, shortlist_order
from kneewise.engine.triage import triage
from kneewise.intake import Intake
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import KnowledgeBase

CONDITIONS_SHOWN = 10


@dataclass(frozen=True, eq=False)
class PosteriorOf:
    """A `Posterior` with the answers it was computed from (`posterior_of`).

    Lets a caller that already ranked the conditions for these answers (the
    interview, before it stops) hand the ranking to `assess` instead of having
    it computed twice; `assess` checks the answers and knowledge are the same.
    """

    answers: dict[str, Any]  # a copy: the caller's mapping may change afterwards
    posterior: Posterior


def posterior_of(kb: KnowledgeBase, answers: Mapping[str, Any]) -> PosteriorOf:
    """`posterior(kb, answers)` kept with a copy of `answers`, for `assess(..., differential=)`."""
    return PosteriorOf(dict(answers), posterior(kb, answers))


def assess(
    intake: Intake, knowledge: KnowledgeBase, *, differential: PosteriorOf | None = None
) -> Assessment:
    """The assessment of one intake by this knowledge. Deterministic: same intake, same answer.

    `knowledge` is required (load it once at the edge: `load_knowledge()`); the
    assessment records its `content_hash` as `knowledge_hash`. Only the
    `CONDITIONS_SHOWN` conditions shown are explained; below the youngest age the
    priors cover none is listed and `conditions_withheld` says why. `differential`: the posterior
    the caller already has for exactly this intake's answers and this knowledge
    (`posterior_of`); the result is the same as without it. Raises ValueError
    when `differential` was made from other answers or other knowledge.
    """
    kb = knowledge
    answers = intake.known()
    compiled_kb = compiled(kb)
    codes = compiled_kb.evaluate(answers)  # every test of the knowledge, once
    found = triage(kb, answers, intake.dont_know, codes)
    if differential is None:
        belief = posterior(kb, answers, codes)
    elif differential.posterior.compiled is not compiled_kb or differential.answers != answers:
        # A posterior is a pure function of (knowledge, answers): any other pair is a bug.
        raise ValueError(
            "assess(differential=...) was given a posterior of other answers or knowledge"
        )
    else:
        belief = differential.posterior
    suspects = compiled_kb.rule_suspects
    withheld = causes_withheld(kb, answers)
    if withheld is not None:  # no prior is known at this age: no cause is ranked
        conditions = []
    elif any(suspects[rule.id] for rule in found.rules):
        index = compiled_kb.condition_index
        shown = shortlist_order(kb, belief.ranked(), found.rules, CONDITIONS_SHOWN)
        conditions = explained(belief, [index[c] for c, _ in shown], answers)
        for condition, (_, rules) in zip(conditions, shown, strict=True):
            if rules:  # a warning sign keeps it shown: its reasons first (shortlist.kept)
                condition["for"] = [*(kept_reason(rule) for rule in rules), *condition["for"]]
                condition["kept_by"] = [rule.id for rule in rules]
    else:  # no fired rule suspects a condition: the most probable, as ranked (shortlist_order)
        conditions = explained(belief, belief.order[:CONDITIONS_SHOWN], answers)
    # The plan reads the probabilities as shown (rounded), as `likely_conditions` does.
    likely = [c["id"] for c in conditions[:PLAN_TOP_CONDITIONS]
              if c["probability"] >= PLAN_MIN_PROBABILITY]  # fmt: skip
    advice = plan_for(kb, found.level, likely, answers, codes)
    # The sources in the order cited, each once: the rules', the first causes', the cards'.
    cited = dict.fromkeys(chain(
        chain.from_iterable(r.sources for r in found.rules),
        chain.from_iterable(c["sources"] for c in conditions[:3]),
        chain.from_iterable(a.sources for a in advice),
    ))  # fmt: skip
    refs, asked = compiled_kb.source_refs, compiled_kb.question_short
    # One validation of the whole tree (pydantic-core, in Rust): the conditions are checked
    # and built there; the triage, the cards and the sources are already validated.
    return Assessment.model_validate({
        "triage": found, "conditions": conditions, "advice": advice,
        "sources": [refs[source] for source in cited], "answered": len(answers),
        "not_known": [{"field": f, "question": asked.get(f, f)} for f in intake.dont_know],
        "knowledge_hash": compiled_kb.content_hash, "conditions_withheld": withheld,
    })  # fmt: skip


def causes_withheld(kb: KnowledgeBase, answers: Mapping[str, Any]) -> str | None:
    """Why no likely causes are listed for the age these answers tell, or None when they are.

    Public so that what is said around a result (why the interview stopped, a question
    screen's promise of what is likely) claims nothing of causes that are not listed.
    """
    return _withheld(compiled(kb).youngest_age, answers.get("age"))


def _withheld(youngest: int, age: int | None) -> str | None:
    """Why no likely causes are listed for this age, or None when they are.

    Below the youngest age band of the priors no condition's frequency is known (a
    missing band multiplies by 1, which would rank an adult's wear and tear first for a
    toddler), and the causes of a limp under 5 (a hip that did not form well, a toddler's
    fracture) are not in the knowledge (Kingston Hospital, atraumatic limp in children).
    """
    if age is None or age >= youngest:
        return None
    return (
        f"kneewise lists likely causes from the age of {youngest}, so it lists none for a"
        f" child aged {age}: at this age a doctor's examination finds the cause."
    )
