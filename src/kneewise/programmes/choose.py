"""Which programme fits an assessment: a pure function of the `Assessment` and the library.

The rules, in order (docs/programmes.md):

1. Never when triage is urgent or emergency: exercise never stands in for
   being seen today or at once.
2. Never while a warning-sign rule more urgent than the level given is still
   open (`Triage.not_ruled_out()`): what was not asked is not assumed absent.
3. The leading condition's own programme when the differential gives it
   `SURE_ENOUGH` (0.5) or more: from there on it is more likely than all the
   other causes together, so its programme is more likely right than wrong.
   A leading condition kneewise has no programme for gets none (its own care
   may differ; a physiotherapist should choose).
4. Otherwise the general knee programme, unless a shown condition is kept in
   the list by a warning-sign rule (a must-not-miss condition: a clinician
   should see the knee before it is loaded).

`see_doctor` results get the programme "until you are seen". The person can
always choose another programme (`alternatives`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kneewise.assessment import SERIOUS_LEVELS, Assessment
from kneewise.programmes.model import Library, Programme

#: The leading condition's probability from which its own programme is offered: more
#: likely than every other cause together (a decision threshold, not a fitted number).
SURE_ENOUGH = 0.5
GENERAL_PROGRAMME = "general_knee"


@dataclass(frozen=True)
class Offer:
    """The programme offered (None when none is), why in one sentence, and the others to choose."""

    programme: Programme | None
    reason: str
    alternatives: tuple[Programme, ...] = ()


def programme_for(condition_id: str, library: Library) -> Programme | None:
    """The programme written for a condition, or None."""
    for programme in library.programmes.values():
        if condition_id in programme.conditions:
            return programme
    return None


def offer(assessment: Assessment, library: Library) -> Offer:
    """The programme that fits `assessment` under the rules above, with the reason."""
    triage = assessment.triage
    if triage.level in SERIOUS_LEVELS:
        when = "at once" if triage.level == "emergency" else "today"
        return Offer(
            None,
            f"No exercise programme now: this knee needs to be seen by a doctor {when}; "
            "exercises can wait until then.",
        )
    open_rules = triage.not_ruled_out()
    if open_rules:
        return Offer(
            None,
            "No exercise programme yet: some warning signs have not been asked about "
            f"({open_rules[0].title.lower()}); answer those questions first.",
        )
    others = tuple(p for p in library.programmes.values())
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
