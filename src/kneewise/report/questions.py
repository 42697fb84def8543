"""Questions to ask at the visit, chosen from the assessment and the diary.

Each question is written for the person to read out, in plain words, and
appears only when something in their own data makes it worth asking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from kneewise.analytics import PainLight
from kneewise.assessment import Assessment
from kneewise.report.figures import ScoreHistory
from kneewise.report.svg import long_day

#: A weekly ratio above this is "training rose quickly" in the question's words.
RATIO_HIGH = 1.5
#: Injury-like conditions (knowledge ids) for which imaging is a natural question.
STRUCTURAL = (
    "tear", "sprain", "dislocation", "fracture", "bone_stress", "osteochondritis", "bone_tumour",
)  # fmt: skip


@dataclass(frozen=True)
class VisitContext:
    """What the questions are chosen from; any part may be missing."""

    assessment: Assessment | None
    light: PainLight | None
    weekly: pl.DataFrame | None
    scores: Sequence[ScoreHistory]
    sports: Sequence[str]


def visit_questions(context: VisitContext) -> list[str]:
    """The questions, most important first; always at least the general ones."""
    questions: list[str] = []
    if context.assessment is not None:
        questions += _about_assessment(context.assessment)
    if context.light is not None:
        questions += _about_light(context.light)
    questions += _about_load(context.weekly)
    questions += _about_scores(context.scores)
    questions += _general(context.sports)
    return questions


def _about_assessment(assessment: Assessment) -> list[str]:
    questions = [
        f"kneewise flagged “{rule.title}”. What does this warning sign mean for my knee, and "
        "what should make me come back straight away?"
        for rule in assessment.triage.rules
    ]
    if assessment.triage.not_ruled_out():
        questions.append(
            "kneewise could not rule out some warning signs, because I did not answer its "
            "questions about them (listed in the assessment). Could you check them?"
        )
    if assessment.conditions:
        top = assessment.conditions[0]
        others = ", ".join(c.name for c in assessment.conditions[1:3])
        also = f" kneewise also listed {others}." if others else ""
        questions.append(
            f"kneewise thought “{top.name}” was most likely.{also} Do you agree, and what "
            "would tell these apart?"
        )
        questions.append(_imaging(assessment))
    return questions


def _imaging(assessment: Assessment) -> str:
    ids = " ".join(c.id for c in assessment.conditions[:3])
    if any(word in ids for word in STRUCTURAL):
        return (
            "Do I need an X-ray or an MRI scan to check for an injury inside the knee, "
            "and what would change if it showed one?"
        )
    return (
        "Would a scan (X-ray, ultrasound or MRI) change what we do now? If not, when would "
        "it become worth doing?"
    )


def _about_light(light: PainLight) -> list[str]:
    if light.colour == "red":
        reasons = " ".join(light.escalation.reasons)
        return [f"My diary showed: {reasons} What could be causing this, and is it safe to train?"]
    if light.colour == "amber":
        return [
            f"My pain was over the usual limit ({' '.join(light.reasons)}) How much should I "
            "cut back, and for how long?"
        ]
    return []


def _about_load(weekly: pl.DataFrame | None) -> list[str]:
    if weekly is None or weekly.height == 0:
        return []
    ratios = weekly.drop_nulls("acwr")
    if ratios.height and ratios["acwr"].max() > RATIO_HIGH:  # type: ignore[operator]
        peak = ratios.sort("acwr").row(-1, named=True)
        return [
            f"My training rose quickly in the week of {long_day(peak['week'])} (acute:chronic "
            f"ratio {peak['acwr']:.1f}, rolling 7 days ÷ 28-day weekly mean, coupled). How "
            "should I build up from here without flaring it?"
        ]
    return []


def _about_scores(scores: Sequence[ScoreHistory]) -> list[str]:
    """A question for each score judged worse; the activities the person named (PSFS)
    that got harder are said in their own words."""
    questions = []
    for history in scores:
        if not history.last_change.endswith("worse"):
            continue
        harder = history.harder_now
        named = f"; harder now: {', '.join(harder)}" if harder else ""
        questions.append(
            f"My {history.name} score changed ({history.last_change}{named}). What does that "
            "mean for my recovery?"
        )
    return questions


def _general(sports: Sequence[str]) -> list[str]:
    sport = " and ".join(s.replace("_", " ") for s in sports) or "my sport"
    return [
        f"When and how can I go back to {sport}? How much pain is acceptable while I build up?",
        "Which exercises should I start with, and should I see a physiotherapist?",
        "Which pain relief is safe for me to use, and for how long?",
        "What signs mean I should stop and come back sooner than planned?",
    ]
