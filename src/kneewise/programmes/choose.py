"""Which programme fits an assessment: a pure function of the `Assessment` and the library.

The rules, in order (docs/programmes.md):

1. Never when triage is urgent or emergency: exercise never stands in for
   being seen today or at once.
2. Never while a warning-sign rule more urgent than the level given is still
   open (`Triage.not_ruled_out()`): what was not asked is not assumed absent.
   When it was asked and the person answered "I don't know", the reason says
   so (the interview does not ask again) and a clinician must check first
   (`Offer.clinician_first`): not knowing is never taken as not having it.
3. Never while a cause that must not be missed is among the three most likely
   shown (a `must_not_miss` condition of the knowledge base, or one whose care
   starts with taking load off: a bone stress injury, Warden 2014), nor while
   a warning-sign rule that is there to catch a shown cause is still open,
   whatever its level. A programme is never offered instead of seeing someone.
4. The leading condition's own programme when the differential gives it
   `SURE_ENOUGH` (0.5) or more: from there on it is more likely than all the
   other causes together, so its programme is more likely right than wrong.
   A leading condition kneewise has no programme for gets none (its own care
   may differ; a physiotherapist should choose).
5. Otherwise the general knee programme, unless a shown condition is kept in
   the list by a warning-sign rule (a must-not-miss condition: a clinician
   should see the knee before it is loaded).

Before 4 and 5: never while the result's plan holds training back (levels.yaml
`holds_back`, unless a rule `keeps` it: engine/plan.py). The plan then says
"advice on training waits until your knee has been checked"; an exercise
programme offered beside it would say the opposite. The hold is read from the
plan itself (the card shown in its place), so the offer and the plan never
disagree.

`see_doctor` results whose plan keeps training get the programme "until you are
seen". The person can always choose another programme (`alternatives`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kneewise.assessment import SERIOUS_LEVELS, Assessment
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase
from kneewise.programmes.model import Library, Programme

#: The leading condition's probability from which its own programme is offered: more
#: likely than every other cause together (a decision threshold, not a fitted number).
SURE_ENOUGH = 0.5
GENERAL_PROGRAMME = "general_knee"
#: How many of the causes shown count as "among the most likely": the three the result and the
#: plan lead with (engine/plan.py's PLAN_TOP_CONDITIONS).
CAUSES_CHECKED = 3
#: Causes whose care starts with taking load off the bone, not with exercise: a bone stress
#: injury needs relative rest from impact until it is diagnosed and graded, or it can progress
#: to a complete fracture (Warden, Davis & Fredericson 2014, JOSPT 44(10):749-65,
#: doi:10.2519/jospt.2014.5334; Warden, Edwards & Willy 2021, Curr Osteoporos Rep 19:298-307,
#: doi:10.1007/s11914-021-00666-y). Not must-not-miss in the knowledge base (it does not cost a
#: limb or a life), but a programme must not load it before a clinician has looked. An
#: insufficiency fracture is the same injury in weakened bone (Warden 2014 names both kinds of
#: stress fracture); its first care is protected weight bearing (Prasad 2006).
UNLOAD_FIRST = frozenset({"bone_stress_injury", "insufficiency_fracture"})


@dataclass(frozen=True)
class Offer:
    """The programme offered (None when none is), why in one sentence, and the others to choose.

    `clinician_first` is True when none is offered because a doctor or physiotherapist must
    see the knee first (an urgent result, a must-not-miss cause not yet ruled out, or a
    warning sign the person could not answer): a programme started by hand then needs the
    person's word that a clinician has seen it.
    """

    programme: Programme | None
    reason: str
    alternatives: tuple[Programme, ...] = ()
    clinician_first: bool = False


def programme_for(condition_id: str, library: Library) -> Programme | None:
    """The programme written for a condition, or None."""
    for programme in library.programmes.values():
        if condition_id in programme.conditions:
            return programme
    return None


#: What the result says instead of a programme while its plan holds training back.
WAITS_FOR_CHECK = (
    "No exercise programme yet: exercises can be chosen once a doctor or physiotherapist "
    "has checked your knee."
)


def training_held(assessment: Assessment, knowledge: KnowledgeBase) -> bool:
    """True when the plan of `assessment` holds training back (engine/plan.py).

    Read from the plan: it shows the card the level names in place of a held-back
    category (levels.yaml `holds_back`) exactly when no rule `keeps` it.
    """
    level = knowledge.levels.get(assessment.triage.level)
    if level is None:
        return False
    stand_ins = set(level.holds_back.values())
    return any(item.id in stand_ins for item in assessment.advice)


def offer(
    assessment: Assessment, library: Library, knowledge: KnowledgeBase | None = None
) -> Offer:
    """The programme that fits `assessment` under the rules above, with the reason.

    `knowledge`: the knowledge base the assessment was made with (`load_knowledge()`
    when not given, for callers that do not hold it).
    """
    knowledge = knowledge if knowledge is not None else load_knowledge()
    triage = assessment.triage
    if triage.level in SERIOUS_LEVELS:
        when = "at once" if triage.level == "emergency" else "today"
        return Offer(
            None,
            f"No exercise programme now: this knee needs to be seen by a doctor {when}; "
            "exercises can wait until then.",
            clinician_first=True,
        )
    others = tuple(p for p in library.programmes.values())
    open_rules = triage.not_ruled_out()
    unasked = [rule for rule in open_rules if set(rule.fields) - set(rule.dont_know)]
    if unasked:
        return Offer(
            None,
            "No exercise programme yet: some warning signs have not been asked about "
            f"({unasked[0].title.lower()}); answer those questions first.",
        )
    if open_rules:
        # Asked, and answered "I don't know": the interview will not ask again, and not
        # knowing is never taken as not having it, so someone must check before loading.
        return Offer(
            None,
            "No exercise programme yet: you said you don't know about a warning sign "
            f"({open_rules[0].title.lower()}), and not knowing is not the same as not "
            "having it. If you can tell now, do the check again and answer it; if you "
            "cannot, have a doctor or physiotherapist check the knee before you start "
            "exercises.",
            others,
            clinician_first=True,
        )
    withheld = _see_someone_first(assessment, knowledge)
    if withheld is not None:
        return Offer(None, withheld, others, clinician_first=True)
    if training_held(assessment, knowledge):
        return Offer(None, WAITS_FOR_CHECK, others, clinician_first=True)
    until_seen = (
        " Do it until you are seen, and show this plan to the doctor or physiotherapist."
        if triage.level == "see_doctor"
        else ""
    )
    leading = assessment.conditions[0] if assessment.conditions else None
    if leading is not None and leading.probability >= SURE_ENOUGH:
        own = programme_for(leading.id, library)
        if own is None:
            return Offer(
                None,
                f"The most likely cause is {leading.name.lower()} ({leading.probability:.0%}), "
                "and kneewise has no exercise programme for it: ask a physiotherapist which "
                "exercises suit it.",
                others,
            )
        return Offer(
            own,
            f"The most likely cause is {leading.name.lower()} ({leading.probability:.0%}, "
            f"at least {SURE_ENOUGH:.0%}), so this is its own programme.{until_seen}",
            tuple(p for p in others if p.id != own.id),
        )
    kept = [c for c in assessment.conditions if c.kept_by]
    if kept:
        return Offer(
            None,
            f"No exercise programme yet: {kept[0].name.lower()} cannot be ruled out and "
            "should be checked by a doctor before the knee is loaded.",
            others,
            clinician_first=True,
        )
    general = library.programme(GENERAL_PROGRAMME)
    if general is None:  # the packaged library always has it; a test library may not
        return Offer(None, "No general programme is available.", others)
    top = f"{leading.name.lower()} at {leading.probability:.0%}" if leading else "none"
    return Offer(
        general,
        f"No cause is clear enough (the most likely is {top}, below {SURE_ENOUGH:.0%}), "
        f"so this is the general knee programme.{until_seen}",
        tuple(p for p in others if p.id != general.id),
    )


def _see_someone_first(assessment: Assessment, knowledge: KnowledgeBase) -> str | None:
    """Why no programme may be offered before a clinician has looked, or None.

    A must-not-miss (or unload-first) cause among the first `CAUSES_CHECKED` shown, or an
    open rule that suspects any shown cause, whatever the rule's level.
    """
    for condition in assessment.conditions[:CAUSES_CHECKED]:
        known = knowledge.conditions.get(condition.id)
        serious = known is not None and known.must_not_miss
        if serious or condition.id in UNLOAD_FIRST:
            why = (
                "It needs the load taken off the bone (less running, jumping and long walks), "
                "not exercise, until it is checked"
                if condition.id in UNLOAD_FIRST
                else "It must be ruled out before the knee is loaded"
            )
            # A cause kept among the first three by a warning sign may be unlikely: saying it
            # is "one of the most likely" would overstate it (a tumour at 0.2%).
            where = (
                "A warning sign you told us about means this cause needs a doctor's check first"
                if condition.kept_by
                else "One of the three most likely causes needs a doctor's check first"
            )
            return (
                f"No exercise programme yet. {where}: {condition.name}. {why}. See a doctor "
                "or physiotherapist; when they have ruled it out, you can start a programme."
            )
    rules = {rule.id: rule for rule in knowledge.rules}
    shown = {c.id: c for c in assessment.conditions}
    for open_rule in assessment.triage.undecided:
        rule = rules.get(open_rule.id)
        suspected = [shown[s] for s in rule.suspects if s in shown] if rule else []
        if suspected:
            return (
                f"No exercise programme yet: this cause has not been ruled out: "
                f"{suspected[0].name}. The questions about it ({open_rule.title.lower()}) are "
                "still open: answer them, or see a doctor first."
            )
    return None


def clinician_first(assessment: Assessment | None, library: Library) -> str | None:
    """Why starting a programme by hand needs word that a clinician has seen the knee, or None.

    Not None when the last saved `assessment` is urgent or emergency, or its offer was
    withheld until a must-not-miss cause is ruled out (`Offer.clinician_first`): choosing a
    programme by hand must not go round what the offer held back. A plain sentence; each
    caller adds how to confirm (`--cleared`, `cleared=true`, the page's tick box).
    """
    if assessment is None:
        return None
    chosen = offer(assessment, library)
    if not chosen.clinician_first:
        return None
    triage = assessment.triage
    if triage.level in SERIOUS_LEVELS:
        return (
            "Your last saved result says the knee needs to be seen by a doctor "
            f"({triage.label or triage.level}); exercises wait until then."
        )
    return chosen.reason
