"""What a clinician or coach sees of each person who shares a diary, and who needs attention first.

One `Overview` per person, read from their diary (read-only) with the same
analytics as the person's own dashboard: today's light (the pain-monitoring
model, `kneewise.analytics.pain`), recent pain, the last 7 days' session-RPE
load (Foster et al. 2001, via `daily_load`), the latest saved check and
programme adherence (`kneewise.programmes.adherence`).

`by_attention` sorts them by `ATTENTION_RULE`, which every list shows in
words. It uses only what the light already judges with cited thresholds (the
5/10 limit, settled next-morning pain, a weekly rise of 1 point: Thomeé 1997,
Silbernagel 2007, Piva 2009) and the check's triage level; it adds no number
of its own. A person with no recent entry is "not known", never "fine": they
come before the green lights.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from kneewise.accounts.sharing import Sharing
from kneewise.analytics import PainLight, daily_load, pain_light
from kneewise.analytics.pain import FLAG_DAYS, WEEKLY_RISE
from kneewise.diary import Diary, pain_frame, sessions_frame
from kneewise.diary.days import day_of, diary_zone
from kneewise.knowledge.model import TRIAGE_ORDER, KnowledgeBase
from kneewise.report.saved import latest_assessment

COLOUR_WORDS = {"red": "Red", "amber": "Amber", "none": "No light", "green": "Green"}
#: The lights from most to least in need of attention: no entry is not known, so before green.
COLOUR_ORDER = ("red", "amber", "none", "green")
PAIN_SCORES = ("during", "after", "next_morning")
ATTENTION_RULE = (
    "Who needs attention comes first: a red light (stop and see a doctor), then amber (reduce "
    "the load), then no light (nothing logged in the last 3 days, so not known), then green. "
    f"With the same light: pain rising from last week by {WEEKLY_RISE:g} point or more first, "
    "then the most urgent latest check, then the highest pain of the last 7 days, then by name."
)


@dataclass(frozen=True)
class LatestCheck:
    """The newest saved check: when, its triage level and what it said."""

    day: dt.date
    level: str
    label: str
    headline: str
    #: Serious warning signs it could not rule out (unanswered): never read as absent.
    open_signs: int


@dataclass(frozen=True)
class Adherence:
    """The programme in progress (or the last one): sessions done of those planned."""

    programme: str
    week: int
    done: float
    planned: int
    done_this_week: float
    ended: bool


@dataclass(frozen=True)
class Overview:
    """One shared person's situation today, as their clinician or coach sees it."""

    sharing: Sharing
    today: dt.date
    light: PainLight
    #: This week's mean daily pain minus last week's (None when either week has no entry).
    pain_rise: float | None
    #: The highest pain score (any of the three) in the last 7 days, and its day.
    worst_pain: tuple[int, dt.date] | None
    last_entry: dt.date | None
    load_7d: float | None
    sessions_7d: int
    unrated_7d: int
    check: LatestCheck | None
    adherence: Adherence | None

    @property
    def colour_word(self) -> str:
        """The light in a word: Red, Amber, Green or No light."""
        return COLOUR_WORDS[self.light.colour]

    @property
    def rising(self) -> bool:
        """Whether pain rose from last week by the model's weekly rise or more."""
        return self.pain_rise is not None and self.pain_rise >= WEEKLY_RISE

    def attention(self) -> tuple[int, int, int, int, str]:
        """The sort key of `ATTENTION_RULE` (smaller comes first)."""
        urgency = TRIAGE_ORDER.index(self.check.level) if self.check else -1
        worst = self.worst_pain[0] if self.worst_pain else -1
        return (
            COLOUR_ORDER.index(self.light.colour),
            0 if self.rising else 1,
            -urgency,
            -worst,
            self.sharing.person_name,
        )


def _worst(pain: pl.DataFrame, today: dt.date) -> tuple[int, dt.date] | None:
    week = pain.filter(pl.col("date") > today - dt.timedelta(days=FLAG_DAYS))
    scored = week.select("date", pl.max_horizontal(*PAIN_SCORES).alias("worst")).drop_nulls()
    if scored.height == 0:
        return None
    top = scored.sort(["worst", "date"], descending=[True, True]).row(0, named=True)
    return int(top["worst"]), top["date"]


def _last_day(pain: pl.DataFrame) -> dt.date | None:
    last = pain["date"].max() if pain.height else None
    return last if isinstance(last, dt.date) else None


def _load(sessions: pl.DataFrame, today: dt.date) -> tuple[float | None, int, int]:
    week = sessions.filter(pl.col("date") > today - dt.timedelta(days=7))
    if week.height == 0:
        return None, 0, 0
    days = daily_load(week, until=today)
    return float(days["load"].sum()), week.height, int(days["unrated"].sum())


def _check(diary: Diary, knowledge: KnowledgeBase) -> LatestCheck | None:
    saved = latest_assessment(diary)
    if saved is None:
        return None
    triage = saved.assessment.triage
    return LatestCheck(
        day=saved.day,  # the person's day (their zone), not the UTC date of the instant
        level=triage.level,
        label=triage.label or knowledge.levels[triage.level].label,
        headline=triage.headline,
        open_signs=len(triage.not_ruled_out()),
    )


def _adherence(diary: Diary, today: dt.date) -> Adherence | None:
    from kneewise.programmes import store
    from kneewise.programmes.adherence import weeks
    from kneewise.programmes.load import load_library

    enrolment = store.active(diary) or next(iter(store.enrolments(diary)), None)
    programme = load_library().programme(enrolment.programme_id) if enrolment else None
    if enrolment is None or programme is None:
        return None
    done = weeks(enrolment, programme, today)
    ended = enrolment.ended_on is not None
    # Whole weeks only: a week still running would count sessions not yet due as missed.
    whole = [w for w in done if ended or w.first_day + dt.timedelta(days=7) <= today]
    current = done[-1] if done and not ended and done[-1] not in whole else None
    return Adherence(
        programme=programme.name,
        week=len(done),
        done=sum(w.done for w in whole),
        planned=sum(w.planned for w in whole),
        done_this_week=current.done if current else 0.0,
        ended=ended,
    )


def overview(
    sharing: Sharing, diary: Diary, knowledge: KnowledgeBase, today: dt.date | None = None
) -> Overview:
    """Read one shared person's diary (read-only) and sum up where they are today."""
    # The shared person's today (their zone), not the viewer's nor the server's.
    today = today or day_of(dt.datetime.now(dt.UTC), diary_zone(diary))
    sessions = sessions_frame(diary, until=today)
    pain = pain_frame(diary, until=today)
    light = pain_light(pain, today, sessions)
    week, previous = light.figures.get("week_mean"), light.figures.get("previous_week_mean")
    load, count, unrated = _load(sessions, today)
    return Overview(
        sharing=sharing,
        today=today,
        light=light,
        pain_rise=None if week is None or previous is None else round(week - previous, 1),
        worst_pain=_worst(pain, today),
        last_entry=_last_day(pain),
        load_7d=load,
        sessions_7d=count,
        unrated_7d=unrated,
        check=_check(diary, knowledge),
        adherence=_adherence(diary, today),
    )


def by_attention(overviews: Iterable[Overview]) -> list[Overview]:
    """The overviews in `ATTENTION_RULE` order."""
    return sorted(overviews, key=Overview.attention)


def by_team(overviews: Iterable[Overview]) -> dict[str | None, list[Overview]]:
    """The overviews per team (None: not in a team), teams by name, each in attention order."""
    teams: dict[str | None, list[Overview]] = {}
    for item in by_attention(overviews):
        teams.setdefault(item.sharing.team, []).append(item)
    named = sorted((team for team in teams if team is not None), key=str.casefold)
    return {team: teams[team] for team in [*named, None] if team in teams}
