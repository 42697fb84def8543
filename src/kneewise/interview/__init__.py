"""The adaptive interview: `next_step(evidence, knowledge) -> Question | Result`.

Stateless: the caller sends every answer so far and gets the next question,
or the assessment when asking more would not change it enough. Red flags
that could still raise the triage level to urgent or emergency are always
screened before anything else, and without a question limit. The question
budget (`MAX_QUESTIONS`) bounds only the questions asked for the differential:
once it is used, the screens that could still fire an open see-a-doctor rule
are asked (most urgent first) before the result, so the budget never leaves a
more urgent level unasked (under-triage is the worst fault). Likewise, when advice
the fired rules keep (training beside overload pain over six weeks) is held back
only by rules still undecided, the screens that decide them are asked before the
result (`choose.holds_to_decide`). A serious level
is shown the moment the answers make it certain: at `emergency` at once, at
`urgent` after the questions that could still make it `emergency` and, within
the budget, those that would still settle the causes it shows (the three
leading hold less than CLEAR_LEAD and a question gains CLEAR_LEAD_GAIN_BITS);
further questions are then optional (`Evidence.optional`). A question never
asks again what is answered: its `fields` are the open ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kneewise.assessment import SERIOUS_LEVELS
from kneewise.engine.assess import PosteriorOf, assess, posterior_of
from kneewise.engine.logic import Truth, defaulted_fields, holds, predicate_fields
from kneewise.engine.triage import fired_rules, rule_truths, told_counts, triage_level
from kneewise.interview.choose import (
    holds_to_decide,
    only_ruled_out,
    open_rules,
    rule_weights,
    unconfirmed_fields,
)
from kneewise.interview.gain import Belief, information_gains
from kneewise.interview.model import AnsweredItem, Evidence, Question, Result
from kneewise.interview.units import Progress, Unit, ask
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import KnowledgeBase, TriageLevel

BASICS = ("age",)
MAX_QUESTIONS = 20
BUDGET_USED = "kneewise has asked as many questions as it asks"
# The picture is "clear enough" when the leading three causes, the ones a result
# shows, hold this much of the probability between them.
LEADING = 3
CLEAR_LEAD = 0.7
MIN_GAIN_BITS = 0.03  # below this, one more answer would hardly move the ranking
# With a clear picture, only a question this informative is still worth asking.
CLEAR_LEAD_GAIN_BITS = 0.1
# A question that settles a see-a-doctor rule is worth this many bits of ranking.
REFERRAL_BITS = 0.25
# Below the youngest age of the priors no cause is listed (`Assessment.conditions_withheld`):
# the ranking's own reason to stop ("the likely causes are clear") would then speak of
# causes the result does not show, so the result says this instead.
NO_CAUSES_LISTED = "no question left would change its advice"
SERIOUS_FIRST = {
    "emergency": "a warning sign you told us about needs emergency care now",
    "urgent": "a warning sign you told us about needs a doctor today",
}

__all__ = ["AnsweredItem", "Evidence", "Question", "Result", "next_step"]


def questions_asked(screens: list[Unit], evidence: Evidence) -> int:
    """Screens the person answered; estimated from the answers when the caller does not say."""
    if evidence.screens is not None:
        return len(evidence.screens)
    settled = evidence.settled()
    return sum(1 for unit in screens if set(unit.fields) & settled)


def _result(
    kb: KnowledgeBase,
    evidence: Evidence,
    why: str,
    best: Unit | None,
    asked: int,
    more: bool = False,
    differential: PosteriorOf | None = None,
) -> Result:
    # The ranking's posterior of these same answers, when it was computed: not twice.
    assessment = assess(evidence.intake(), kb, differential=differential)
    lead = assessment.conditions[0].probability if assessment.conditions else 0.0
    change = f'The answer most likely to change this: "{best.text}"' if best is not None else None
    if assessment.conditions_withheld is not None:
        # "Change this" would be the ranking of causes not shown; a serious level's reason
        # and the budget's speak of no cause and stand.
        change = None
        why = why if why in (*SERIOUS_FIRST.values(), BUDGET_USED) else NO_CAUSES_LISTED
    return Result(assessment=assessment, answers=evidence.answers, questions_asked=asked,
                  confidence=lead, stopped_because=why, next_question_would_change=change,
                  more_questions=more)  # fmt: skip


def certain_level(
    kb: KnowledgeBase, answers: dict[str, object], truths: Mapping[str, Truth] | None = None
) -> TriageLevel:
    """The level the answers alone give, with no rule resting on an `if_unknown` default."""
    by_id = {rule.id: rule for rule in kb.rules}
    fired = [r for r in fired_rules(kb, answers, truths)
             if holds(by_id[r.id].when, answers, defaults=False) is True]  # fmt: skip
    return triage_level(kb, fired)


def next_step(evidence: Evidence, knowledge: KnowledgeBase) -> Question | Result:
    """The next question to ask, or the result when the interview can stop.

    `knowledge` is required: load it once at the edge (`load_knowledge()`).
    Raises nothing for valid evidence; `Evidence` itself refuses bad answers.
    """
    kb = knowledge
    known = compiled(kb)
    answers = evidence.intake().known()
    screens = known.screens
    asked = questions_asked(list(screens), evidence)
    # Questions that do not apply (skip logic) count as settled: nobody will answer them.
    skipped = {f for u in screens if u.ask_if and holds(u.ask_if, answers) is False
               for f in u.fields}  # fmt: skip
    settled = evidence.settled() | skipped
    candidates = [u for u in screens if set(u.fields) - settled]
    truths = rule_truths(kb, answers)  # each rule's test once per step
    level = triage_level(kb, fired_rules(kb, answers, truths))
    certain = certain_level(kb, answers, truths)
    rules = open_rules(kb, answers, settled, truths)
    early = certain in SERIOUS_LEVELS and not evidence.optional
    # A serious level already certain is shown first: before it, only what could raise it.
    # A sign the answers could only rule out (its test rests on a "don't know") waits for
    # the optional questions; until then the result names it as not ruled out.
    later = only_ruled_out(kb, answers, settled, rules) if early else set()
    serious = [r for r in rules if r.level in SERIOUS_LEVELS and r.id not in later]
    unconfirmed = unconfirmed_fields(kb, answers, settled)
    confirming = [u for u in candidates if unconfirmed & set(u.fields)]
    weights = dict(zip([u.id for u in candidates], rule_weights(kb, candidates, serious, settled),
                       strict=True))  # fmt: skip
    raising = [u for u in candidates if weights[u.id] > 0]
    # See-a-doctor rules that answers still to come could fire: their screens outlast the budget.
    referrals = [r for r in rules if r.level not in SERIOUS_LEVELS]
    referral_weights = rule_weights(kb, candidates, referrals, settled)
    referring = [(w, u) for w, u in zip(referral_weights, candidates, strict=True) if w > 0]
    # Rules left open that alone hold back advice the fired rules keep (training beside
    # overload pain over six weeks): asked before the result, so an answer decides the hold.
    holding = holds_to_decide(kb, level, answers, settled, truths)
    holding_weights = rule_weights(kb, candidates, holding, settled)
    deciding = [(w, u) for w, u in zip(holding_weights, candidates, strict=True) if w > 0]

    def question(unit: Unit) -> Question:
        unit = _follow_up_last(unit, candidates, settled)
        # Honest progress: red-flag and confirming screens come first and have no limit;
        # after them the ranking asks up to MAX_QUESTIONS screens in all, and then what
        # it left of the screens that could fire a see-a-doctor rule (so they count twice
        # at worst, never not at all).
        first = {u.id for u in [*raising, *confirming]}
        referral_screens = {u.id for _, u in [*referring, *deciding]}
        if confirming and certain != level:
            # A confirming answer may lift the rule that holds the level by its default;
            # the see-a-doctor rules it hides would then open, and their screens be asked.
            hidden = [r for r in open_rules(kb, answers, settled, truths, above=certain)
                      if r.level not in SERIOUS_LEVELS]  # fmt: skip
            found = rule_weights(kb, candidates, hidden, settled)
            referral_screens |= {u.id for w, u in zip(found, candidates, strict=True) if w > 0}
        # A follow-up an answer may still open (its ask_if undecided) holding a field a rule
        # reads by its unknown default is asked to confirm that rule when it opens, past
        # the budget too: counted, so "at most" stays true ("did it slip out this time?"
        # after "it slipped out", stop 23).
        defaulted = set().union(*(defaulted_fields(r.when) for r in kb.rules))
        opening = {u.id for u in candidates if u.ask_if and holds(u.ask_if, answers) is None
                   and not defaulted.isdisjoint(u.fields)}  # fmt: skip
        after = len((referral_screens | opening) - first)
        # At a certain urgent level the ranking may still ask, within the budget, while the
        # causes to show are unsettled: the same bound holds.
        limit = max(len(first), MAX_QUESTIONS - asked) + after
        most = max(1, min(len(candidates), limit))
        optional = evidence.optional and certain in SERIOUS_LEVELS
        progress = Progress(asked, most, level, optional=optional)
        return ask(unit, settled, answers, evidence.words, known.question_text, progress)

    def ranking() -> _Ranking:
        return _rank(kb, answers, candidates, referral_weights, settled, asked)

    def early_result(level: TriageLevel) -> Result:
        # "Help the doctor" is offered only when it would really ask something: with
        # optional=true the next step asks a red-flag or confirming screen if there is
        # one, else what the ranking would ask.
        # The result needs the posterior anyway: computed once, for both.
        differential = posterior_of(kb, answers)
        asks_later = bool(referring or deciding)
        more = bool(raising or confirming or later) or _would_ask(
            kb, answers, candidates, asks_later, settled, asked, differential=differential
        )
        return _result(kb, evidence, SERIOUS_FIRST[level], None, asked, more, differential)

    if certain == known.levels_most_urgent_first[0] and early:
        return early_result("emergency")
    basics = [u for u in candidates if u.id in BASICS]
    if basics and certain not in SERIOUS_LEVELS:
        # Age decides which red flags apply (children, Ottawa's 55), so it comes first.
        return question(basics[0])
    if raising:
        # A warning sign the person told part of (a fever, a swollen calf) is what they may
        # have come worried about: the screens deciding it come first among the red-flag
        # ones, most urgent first, so one who stops early has been asked those. A sign told,
        # never context alone (an age, a fall): the signs the headline names (triage.py).
        serious_ids = {r.id for r in serious}
        places = [i for i, r in enumerate(kb.rules) if r.id in serious_ids]
        paths = known.evaluate(answers)[known.shown.rule_leaf_columns]
        told = [kb.rules[i] for i in sorted(told_counts(known, paths, places)[1])]
        told_weights = rule_weights(kb, raising, told, settled)
        told_weight = {u.id: w for u, w in zip(raising, told_weights, strict=True)}
        return question(max(raising, key=lambda u: (told_weight[u.id], weights[u.id])))
    if confirming:
        return question(confirming[0])
    if early:
        # The level is certain, but the causes it would show may not be: while the three
        # leading hold less than CLEAR_LEAD and a question would still move them by
        # CLEAR_LEAD_GAIN_BITS (the ranking's own test of a question worth asking), the
        # ranking asks it first, within the budget; the level rides on every screen
        # (`level_so_far`). Emergency never waits (above).
        found = ranking()
        if found.asks and found.lead < CLEAR_LEAD and found.gain >= CLEAR_LEAD_GAIN_BITS:
            return question(found.best)  # type: ignore[arg-type]
        return early_result("urgent")
    if asked >= MAX_QUESTIONS and referring:
        # The budget is used, yet a see-a-doctor rule could still fire: ask what could fire
        # it, the screen deciding the most urgent rules first (ties: screen order).
        return question(max(referring, key=lambda found: found[0])[1])
    found = ranking()
    if (found.best is None or not found.asks) and deciding:
        # Past the ranking and the budget alike: a hold resting on an unasked question is
        # decided by asking it (the screen deciding the most urgent rules first).
        return question(max(deciding, key=lambda found: found[0])[1])
    if found.best is None or not found.asks:
        return _result(kb, evidence, found.why, found.best, asked, differential=found.differential)
    return question(found.best)


def _follow_up_last(unit: Unit, candidates: list[Unit], settled: set[str]) -> Unit:
    """The screen to ask before `unit`: the one its `ask_if` follows up, while that is open.

    A follow-up asked while the question it follows up is unanswered reads as nonsense
    ("Where is the swelling?" before "Is the knee swollen?", round 17e): it is open then only
    by its unknown default. So the question it follows up comes first; its answer may close
    the follow-up, or it is asked next.
    """
    seen = {unit.id}
    while unit.ask_if is not None:
        waiting = predicate_fields(unit.ask_if) - settled
        before = next((u for u in candidates if u.id not in seen and waiting & set(u.fields)), None)
        if before is None:
            return unit
        unit = before
        seen.add(unit.id)
    return unit


def _would_ask(
    kb: KnowledgeBase,
    answers: dict[str, object],
    candidates: list[Unit],
    referring: bool,
    settled: set[str],
    asked: int,
    *,
    differential: PosteriorOf | None = None,
) -> bool:
    """Whether `next_step` would ask a screen after its red-flag and confirming ones.

    `referring`: whether a screen could fire an open see-a-doctor rule (or decide a
    rule that alone holds back kept advice, `choose.holds_to_decide`); then it
    asks, within the question budget or after it. Otherwise it gives the same
    answer as `_rank(...).asks`: within the budget, the ranking asks when some
    screen gains at least MIN_GAIN_BITS (CLEAR_LEAD_GAIN_BITS with a clear
    lead). `differential`: the posterior of these answers (`posterior_of`),
    when the caller has it.
    """
    if referring:
        return True
    if asked >= MAX_QUESTIONS or not candidates:
        return False
    if differential is None:
        differential = posterior_of(kb, answers)
    belief = Belief(differential.posterior)
    lead = sum(sorted(belief.probabilities().values(), reverse=True)[:LEADING])
    needed = CLEAR_LEAD_GAIN_BITS if lead >= CLEAR_LEAD else MIN_GAIN_BITS
    # Every screen at once: one matrix product costs less than stopping early in batches.
    gains = information_gains(kb, belief, answers, candidates, settled)
    return any(round(gain, 9) >= needed for gain in gains)


@dataclass(frozen=True)
class _Ranking:
    """The most informative screen left, and whether the interview should ask it."""

    best: Unit | None
    asks: bool
    why: str
    differential: PosteriorOf  # the posterior it ranked by, for the result's assessment
    lead: float = 0.0  # what the three leading causes hold between them
    gain: float = 0.0  # what asking `best` would gain (bits, a referral's share included)


def _rank(
    kb: KnowledgeBase,
    answers: dict[str, object],
    candidates: list[Unit],
    referral_weights: list[float],
    settled: set[str],
    asked: int,
) -> _Ranking:
    """`referral_weights`: each candidate's `rule_weights` for the open see-a-doctor rules."""
    differential = posterior_of(kb, answers)
    belief = Belief(differential.posterior)
    gains = information_gains(kb, belief, answers, candidates, settled)
    scored = [
        # Rounded: gains equal to a billionth of a bit are ties, and the first screen wins.
        (round(gain + REFERRAL_BITS * min(1.0, weight), 9), u)
        for gain, weight, u in zip(gains, referral_weights, candidates, strict=True)
    ]
    gain, best = max(scored, key=lambda s: s[0], default=(0.0, None))
    ranked = sorted(belief.probabilities().values(), reverse=True)
    lead = sum(ranked[:LEADING])
    if asked >= MAX_QUESTIONS or best is None:
        why = BUDGET_USED
        return _Ranking(best, False, why, differential, lead, gain)
    settled_lead = lead >= CLEAR_LEAD and gain < CLEAR_LEAD_GAIN_BITS
    if not any(referral_weights) and (settled_lead or gain < MIN_GAIN_BITS):
        why = "the likely causes are clear" if lead >= CLEAR_LEAD else "more answers change little"
        return _Ranking(best, False, why, differential, lead, gain)
    return _Ranking(best, True, "", differential, lead, gain)
