"""The adaptive interview: `next_step(evidence) -> Question | Result`.

Stateless: the caller sends every answer so far and gets the next question,
or the assessment when asking more would not change it enough. Red flags
that could still raise the triage level to urgent or emergency are always
screened before anything else, and without a question limit.
"""

from __future__ import annotations

from kneewise.engine.assess import assess
from kneewise.engine.logic import holds
from kneewise.interview.choose import (
    Belief,
    information_gain,
    open_rules,
    rule_weight,
    unconfirmed_fields,
)
from kneewise.interview.model import Evidence, Question, Result
from kneewise.interview.units import Unit, units
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase

BASICS = ("age",)
MAX_QUESTIONS = 20
# The picture is "clear enough" when the leading three causes, the ones a result
# shows, hold this much of the probability between them.
LEADING = 3
CLEAR_LEAD = 0.7
MIN_GAIN_BITS = 0.03  # below this, one more answer would hardly move the ranking
# With a clear picture, only a question this informative is still worth asking.
CLEAR_LEAD_GAIN_BITS = 0.1
# A question that settles a see-a-doctor rule is worth this many bits of ranking.
REFERRAL_BITS = 0.25

__all__ = ["Evidence", "Question", "Result", "next_step"]


def questions_asked(screens: list[Unit], evidence: Evidence) -> int:
    """Screens whose fields have been answered (or declared unknown)."""
    settled = evidence.settled()
    return sum(1 for unit in screens if set(unit.fields) & settled)


def _result(
    kb: KnowledgeBase, evidence: Evidence, why: str, best: Unit | None, asked: int
) -> Result:
    assessment = assess(evidence.intake(), kb)
    lead = assessment.conditions[0].probability if assessment.conditions else 0.0
    change = f'The answer most likely to change this: "{best.text}"' if best is not None else None
    return Result(assessment=assessment, answers=evidence.answers, questions_asked=asked,
                  confidence=lead,
                  stopped_because=why, next_question_would_change=change)  # fmt: skip


def next_step(evidence: Evidence, knowledge: KnowledgeBase | None = None) -> Question | Result:
    """The next question to ask, or the result when the interview can stop."""
    kb = knowledge or load_knowledge()
    answers = evidence.intake().known()
    screens = units(kb)
    asked = questions_asked(screens, evidence)
    # Questions that do not apply (skip logic) count as settled: nobody will answer them.
    skipped = {f for u in screens if u.ask_if and holds(u.ask_if, answers) is False
               for f in u.fields}  # fmt: skip
    settled = evidence.settled() | skipped
    candidates = [u for u in screens if set(u.fields) - settled]
    rules = open_rules(kb, answers, settled)
    serious = [r for r in rules if r.level in ("urgent", "emergency")]
    basics = [u for u in candidates if u.id in BASICS]
    if basics:
        # Age decides which red flags apply (children, Ottawa's 55), so it comes first.
        return basics[0].question(asked)
    if serious and candidates:
        unit = max(candidates, key=lambda u: rule_weight(u, serious, settled))
        if rule_weight(unit, serious, settled) > 0:
            return unit.question(asked)
    unconfirmed = unconfirmed_fields(kb, answers, settled)
    confirming = [u for u in candidates if unconfirmed & set(u.fields)]
    if confirming:
        return confirming[0].question(asked)
    referrals = [r for r in rules if r.level == "see_doctor"]
    belief = Belief.of(kb, answers)
    scored = [
        (information_gain(kb, belief, answers, u, settled)
         + REFERRAL_BITS * min(1.0, rule_weight(u, referrals, settled)), u)
        for u in candidates
    ]  # fmt: skip
    gain, best = max(scored, key=lambda s: s[0], default=(0.0, None))
    ranked = sorted(belief.probabilities().values(), reverse=True)
    lead = sum(ranked[:LEADING])
    if asked >= MAX_QUESTIONS or best is None:
        return _result(kb, evidence, "asked the most questions kneewise asks", best, asked)
    settled_lead = lead >= CLEAR_LEAD and gain < CLEAR_LEAD_GAIN_BITS
    if not referrals and (settled_lead or gain < MIN_GAIN_BITS):
        why = "the likely causes are clear" if lead >= CLEAR_LEAD else "more answers change little"
        return _result(kb, evidence, why, best, asked)
    return best.question(asked)
