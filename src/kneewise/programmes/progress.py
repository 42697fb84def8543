"""The progression decision: the pain-monitoring model applied to logged sessions.

`decide(...)` is pure. Its rules, checked in this order (docs/programmes.md):

1. **Red flag → stop.** New swelling, locking, night pain or fever logged
   since the programme started stops it: the knee should be re-assessed
   (NICE CKS knee pain assessment).
2. **Above the limits → step back one stage** (or ease off within the first
   stage). A session of this stage whose pain during exercise was above the
   programme's limit (5/10 in Silbernagel 2007's model unless the programme
   sets a lower one), or whose pain had not settled by the next morning.
   "Settled" means the next morning's pain is no higher than the morning
   before the session (the previous session's next-morning pain); with no
   earlier morning logged, no higher than the limit.
3. **Rising week on week → stay.** Mean pain during exercise, or mean
   next-morning pain, higher over the last 7 days than over the 7 before
   (Silbernagel 2007: pain is not allowed to increase from week to week).
4. **Criteria met → move on** (or finish after the last stage): the stage's
   sessions done and judged within the limits (a session whose pain during or
   next morning is not logged is not judged: not knowing is not "fine"), and
   every check the stage lists confirmed by the person.
5. Otherwise **stay**, saying what is still missing.

Each decision is one plain sentence with its rule and source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import mean
from typing import Literal

from kneewise.programmes.model import Library, Programme

Status = Literal["done", "partly", "skipped"]
RedFlag = Literal["swelling", "locking", "night_pain", "fever"]
Action = Literal["stop", "step_back", "ease_off", "stay", "move_on", "finish"]
RED_FLAG_WORDS: dict[str, str] = {
    "swelling": "new swelling",
    "locking": "the knee locking",
    "night_pain": "pain at night",
    "fever": "a fever",
}
PAIN_MODEL = "silbernagel2007_pain_monitoring"
RED_FLAG_SOURCE = "nice_cks_knee_pain_assessment"
WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class LoggedSession:
    """One programme session as logged: pain on the 0-10 scale, None when not given."""

    day: dt.date
    status: Status
    pain_during: int | None = None
    pain_after: int | None = None
    pain_next_morning: int | None = None
    red_flags: frozenset[RedFlag] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Decision:
    """What to do next: the action, the stage it leaves the person at, and why."""

    action: Action
    stage_index: int
    sentence: str
    rule: str
    sources: tuple[str, ...]

    def __post_init__(self) -> None:
        # A source cited by two parts of a rule (the pain model, and a pain limit that cites
        # it too) is listed once, in the order first cited.
        object.__setattr__(self, "sources", tuple(dict.fromkeys(self.sources)))


def _cite(library: Library, ids: Iterable[str]) -> str:
    names = [library.sources[s].short() for s in dict.fromkeys(ids) if s in library.sources]
    return ", ".join(names)


def _judged(session: LoggedSession) -> bool:
    return session.status != "skipped"


def _settled(session: LoggedSession, morning_before: int | None, limit: int) -> bool | None:
    """True/False when the next morning is known; None when it is not logged yet."""
    if session.pain_next_morning is None:
        return None
    baseline = limit if morning_before is None else morning_before
    return session.pain_next_morning <= baseline


def _week_means(sessions: Sequence[LoggedSession], today: dt.date, attr: str) -> list[float]:
    weeks: list[float] = []
    for start in (today - WEEK, today - 2 * WEEK):
        values = [
            getattr(s, attr)
            for s in sessions
            if start < s.day <= start + WEEK and _judged(s) and getattr(s, attr) is not None
        ]
        if not values:
            return []
        weeks.append(mean(values))
    return weeks


def _red_flag_sentence(what: str, day: dt.date, cite: str, carried_out: bool) -> str:
    """What a red flag means: the stop (done, or to do) and who should check the knee."""
    why = (
        f"you logged {what} on {day:%d %b}, a warning sign that the knee needs checking "
        f"before it is exercised again ({cite})"
    )
    if carried_out:
        return (
            f"Your programme has been stopped: {why}. See a doctor or physiotherapist soon "
            "and tell them about it; start exercising the knee again only when they say so."
        )
    return (
        f"Stop the programme and have the knee checked: {why}. See a doctor or "
        "physiotherapist soon and tell them about it."
    )


def latest_red_flag(
    sessions: Iterable[LoggedSession], diary_flags: Iterable[tuple[dt.date, RedFlag]] = ()
) -> tuple[dt.date, RedFlag] | None:
    """The latest warning sign logged with a session or in the diary's pain entries, or None."""
    flags = sorted(
        [(s.day, f) for s in sessions for f in sorted(s.red_flags)] + list(diary_flags),
        key=lambda item: item[0],
    )
    return flags[-1] if flags else None


def signs_on(
    day: dt.date,
    sessions: Iterable[LoggedSession],
    diary_flags: Iterable[tuple[dt.date, RedFlag]] = (),
) -> list[RedFlag]:
    """Every warning sign logged on `day` (with a session or in the diary), each once."""
    found = {f for s in sessions if s.day == day for f in s.red_flags}
    found |= {f for when, f in diary_flags if when == day}
    return [f for f in RED_FLAG_WORDS if f in found]


def red_flag_stop(
    library: Library,
    stage_index: int,
    flag: tuple[dt.date, RedFlag],
    *,
    carried_out: bool,
    also: Iterable[RedFlag] = (),
) -> Decision:
    """Rule 1: a warning sign stops the programme; the knee should be checked (NICE CKS).

    `also`: the other signs logged the same day, named with it (nothing said is left out).
    """
    day, what = flag
    sources = (RED_FLAG_SOURCE,)
    named = {what, *also}
    words = " and ".join(w for sign, w in RED_FLAG_WORDS.items() if sign in named)
    return Decision(
        "stop",
        stage_index,
        _red_flag_sentence(words, day, _cite(library, sources), carried_out),
        "red_flag",
        sources,
    )


def decide(
    programme: Programme,
    library: Library,
    stage_index: int,
    stage_started: dt.date,
    sessions: Sequence[LoggedSession],
    confirmed: frozenset[str] | set[str],
    today: dt.date,
    diary_flags: Sequence[tuple[dt.date, RedFlag]] = (),
    *,
    carried_out: bool = False,
) -> Decision:
    """The next step for a person at `stage_index`, from every session of the enrolment.

    `sessions` are the enrolment's logged sessions (any order); `diary_flags`
    red flags from the diary's pain entries since the programme started.
    `carried_out` is True when the caller applies the decision at once (a stop
    then says the programme has been stopped, not to stop it).
    """
    history = sorted(sessions, key=lambda s: s.day)
    stage = programme.stages[stage_index]
    limit = programme.pain_limit.during
    pain_sources = (PAIN_MODEL, *programme.pain_limit.sources)
    flag = latest_red_flag(history, diary_flags)
    if flag is not None:
        also = signs_on(flag[0], history, diary_flags)
        return red_flag_stop(library, stage_index, flag, carried_out=carried_out, also=also)
    in_stage = [s for s in history if s.day >= stage_started and _judged(s)]
    mornings = {s.day: s.pain_next_morning for s in history if _judged(s)}
    for session in in_stage:
        earlier = [d for d in mornings if d < session.day and mornings[d] is not None]
        before = mornings[max(earlier)] if earlier else None
        above = session.pain_during is not None and session.pain_during > limit
        unsettled = _settled(session, before, limit) is False
        if not (above or unsettled):
            continue
        what = (
            f"pain during the session on {session.day:%d %b} was {session.pain_during}/10, "
            f"above this programme's limit of {limit}/10"
            if above
            else f"pain the morning after {session.day:%d %b} was {session.pain_next_morning}/10 "
            f"and had not settled back to {before if before is not None else limit}/10"
        )
        cite = _cite(library, pain_sources)
        if stage_index == 0:
            return Decision(
                "ease_off",
                0,
                f"Ease off within this first stage (fewer sets, smaller range): {what} ({cite}).",
                "above_limit",
                pain_sources,
            )
        back = programme.stages[stage_index - 1]
        return Decision(
            "step_back",
            stage_index - 1,
            f"Step back to '{back.name}': {what} ({cite}).",
            "above_limit",
            pain_sources,
        )
    for attr, words in (("pain_during", "during exercise"), ("pain_next_morning", "next morning")):
        weeks = _week_means(history, today, attr)
        if weeks and weeks[0] > weeks[1]:
            return Decision(
                "stay",
                stage_index,
                f"Stay at '{stage.name}': average pain {words} rose from {weeks[1]:.1f} to "
                f"{weeks[0]:.1f} out of 10 week on week, and it should not rise "
                f"({_cite(library, (PAIN_MODEL,))}).",
                "rising",
                (PAIN_MODEL,),
            )
    counted = [
        s
        for s in in_stage
        if s.status == "done" and s.pain_during is not None and s.pain_next_morning is not None
    ]
    missing = [check for check in stage.move_on.checks if check.id not in confirmed]
    criteria_sources = (PAIN_MODEL, *stage.move_on.sources)
    cite = _cite(library, criteria_sources)
    if len(counted) >= stage.move_on.min_sessions and not missing:
        last = stage_index == len(programme.stages) - 1
        return Decision(
            "finish" if last else "move_on",
            stage_index if last else stage_index + 1,
            (
                f"Programme complete: '{stage.name}' done within the pain limits ({cite})."
                if last
                else f"Move on to '{programme.stages[stage_index + 1].name}': "
                f"{len(counted)} sessions done within the pain limits and this stage's "
                f"checks met ({cite})."
            ),
            "criteria_met",
            criteria_sources,
        )
    unjudged = [s for s in in_stage if s.pain_during is None or s.pain_next_morning is None]
    if len(counted) < stage.move_on.min_sessions:
        needs = (
            f"{len(counted)} of {stage.move_on.min_sessions} sessions done with pain logged "
            "during and the next morning"
        )
        if unjudged:
            needs += f" ({len(unjudged)} still need their pain logged)"
    else:
        needs = f"still to confirm: {missing[0].text}"
    return Decision(
        "stay",
        stage_index,
        f"Stay at '{stage.name}': {needs} ({cite}).",
        "criteria_not_met",
        criteria_sources,
    )
