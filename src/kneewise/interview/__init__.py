"""The adaptive interview: `next_step(evidence) -> Question | Result`.

Stateless: the caller sends every answer so far and gets the next question,
or the assessment when asking more would not change it enough. Red flags
that could still raise the triage level to urgent or emergency are always
screened before anything else, and without a question limit.
"""

from __future__ import annotations

from kneewise.engine.assess import assess
from kneewise.interview.choose import (
    Belief,
    information_gain,
    open_rules,
    rule_weight,
)
from kneewise.interview.model import Evidence, Question, Result
from kneewise.interview.units import Unit, units
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase

MAX_QUESTIONS = 20
CLEAR_LEAD = 0.6  # the leading condition is "clear enough" above this probability
MIN_GAIN_BITS = 0.05  # below this, one more answer would hardly move the ranking
# A question that settles a see-a-doctor rule is worth this many bits of ranking.
REFERRAL_BITS = 0.25

__all__ = ["Evidence", "Question", "Result", "next_step"]


def questions_asked(kb: KnowledgeBase, evidence: Evidence) -> int:
    """Screens whose fields have been answered (or declared unknown)."""
    settled = evidence.settled()
    return sum(1 for unit in units(kb) if set(unit.fields) & settled)


def _result(
    kb: KnowledgeBase, evidence: Evidence, why: str, best: Unit | None, asked: int
) -> Result:
    assessment = assess(evidence.intake(), kb)
    lead = assessment.conditions[0].probability if assessment.conditions else 0.0
    change = f'The answer most likely to change this: "{best.text}"' if best is not None else None
    return Result(assessment=assessment, questions_asked=asked, confidence=lead,
                  stopped_because=why, next_question_would_change=change)  # fmt: skip


def next_step(evidence: Evidence, knowledge: KnowledgeBase | None = None) -> Question | Result:
    """The next question to ask, or the result when the interview can stop."""
    kb = knowledge or load_knowledge()
    answers = evidence.intake().known()
    settled = evidence.settled()
    asked = questions_asked(kb, evidence)
    candidates = [u for u in units(kb) if set(u.fields) - settled]
    rules = open_rules(kb, answers, settled)
    serious = [r for r in rules if r.level in ("urgent", "emergency")]
    if serious and candidates:
        unit = max(candidates, key=lambda u: rule_weight(u, serious, settled))
        if rule_weight(unit, serious, settled) > 0:
            return unit.question(asked)
    referrals = [r for r in rules if r.level == "see_doctor"]
    belief = Belief.of(kb, answers)
    scored = [
        (information_gain(kb, belief, answers, u, settled)
         + REFERRAL_BITS * min(1.0, rule_weight(u, referrals, settled)), u)
        for u in candidates
    ]  # fmt: skip
    gain, best = max(scored, key=lambda s: s[0], default=(0.0, None))
    lead = max(belief.probabilities().values())
    if asked >= MAX_QUESTIONS or best is None:
        return _result(kb, evidence, "asked the most questions kneewise asks", best, asked)
    if not referrals and (lead >= CLEAR_LEAD or gain < MIN_GAIN_BITS):
        why = "the leading cause is clear" if lead >= CLEAR_LEAD else "more answers change little"
        return _result(kb, evidence, why, best, asked)
    return best.question(asked)
