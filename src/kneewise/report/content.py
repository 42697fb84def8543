"""Everything the doctor's report shows, gathered from the diary for one date range.

`report_content` reads the diary once and returns a `ReportContent` that the
template renders; the web app can show the same content as a page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from kneewise._errors import ReportError
from kneewise.analytics import PainLight, load_unknown, pain_light
from kneewise.assessment import Assessment, RankedCondition, UndecidedRule
from kneewise.diary import (
    Diary,
    get_profile,
    list_questionnaire_answers,
    pain_frame,
    sessions_frame,
)
from kneewise.diary.days import person_today
from kneewise.engine.triage import NOT_RULED_OUT
from kneewise.knowledge.model import KnowledgeBase
from kneewise.programmes.chart import PDF_TEXT, diary_chart
from kneewise.programmes.ending import diary_ending
from kneewise.programmes.load import load_library
from kneewise.report.charts import load_chart, pain_chart
from kneewise.report.figures import ScoreHistory, score_histories, weekly_load
from kneewise.report.questions import VisitContext, visit_questions
from kneewise.report.saved import SavedAssessment, latest_assessment
from kneewise.report.story import complaint, who
from kneewise.report.svg import long_day

#: The longest range one report covers (two years keeps the charts readable).
MAX_RANGE_DAYS = 731
#: Conditions listed with their ICD-10 codes: at most this many, each at least this likely.
CONDITIONS_SHOWN = 5
CONDITION_FLOOR = 0.02
#: Characters of the knowledge content hash printed: enough to tell versions apart by eye.
KNOWLEDGE_HASH_SHOWN = 12
KNOWLEDGE_NOT_RECORDED = "not recorded (saved by an earlier version of kneewise)"


@dataclass(frozen=True)
class DiarySummary:
    """The range in numbers: sessions, minutes and the worst pain figures."""

    sessions: int
    minutes: float
    unrated: int
    pain_days: int
    worst: dict[str, tuple[int, dt.date] | None]


@dataclass(frozen=True)
class ReportContent:
    """What one report holds; dates are inclusive."""

    start: dt.date
    end: dt.date
    today: dt.date
    who: str
    story: list[str]
    saved: SavedAssessment | None
    level_label: str
    summary: DiarySummary
    load_svg: str
    pain_svg: str
    scores: list[ScoreHistory]
    light: PainLight
    light_date: dt.date
    questions: list[str]
    #: The exercise programme's chart (kneewise.programmes.chart), None when none was started.
    programme_svg: str | None = None
    #: When and why that programme ended, of "the person" (kneewise.programmes.ending).
    programme_ending: str | None = None

    @property
    def assessment(self) -> Assessment | None:
        return self.saved.assessment if self.saved else None

    @property
    def conditions(self) -> list[RankedCondition]:
        """The likely causes worth listing (always at least the first), and every cause a
        warning sign keeps however unlikely: its first reason says why it is there."""
        ranked = self.assessment.conditions if self.assessment else []
        shown = [c for c in ranked[:CONDITIONS_SHOWN]
                 if c.probability >= CONDITION_FLOOR or c.kept_by]  # fmt: skip
        return shown or ranked[:1]

    @property
    def not_ruled_out(self) -> list[UndecidedRule]:
        """Urgent and emergency warning signs the answers left open."""
        return self.assessment.triage.not_ruled_out() if self.assessment else []

    @property
    def why(self) -> list[str]:
        """The triage reasons, less the "could not rule out" one the report lists in full."""
        if self.assessment is None:
            return []
        reasons = self.assessment.triage.reasons
        return (
            [r for r in reasons if not r.startswith(NOT_RULED_OUT)]
            if self.not_ruled_out
            else reasons
        )

    @property
    def knowledge_version(self) -> str:
        """Which knowledge the assessment came from: the start of its content hash.

        An assessment saved before the hash was recorded says so; none is guessed.
        """
        if self.assessment is None:
            return ""
        found = self.assessment.knowledge_hash
        return found[:KNOWLEDGE_HASH_SHOWN] if found else KNOWLEDGE_NOT_RECORDED

    @property
    def period(self) -> str:
        return f"{long_day(self.start)} – {long_day(self.end)}"


def check_range(start: dt.date, end: dt.date, today: dt.date) -> None:
    """Raise ReportError for a range that ends before it starts, lies ahead, or is too long."""
    if end < start:
        raise ReportError(f"the range ends ({end}) before it starts ({start}); swap the dates")
    if start > today:
        raise ReportError(f"the range starts in the future ({start}); today is {today}")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise ReportError(
            f"the range {start} to {end} is {(end - start).days + 1} days; "
            f"a report covers at most {MAX_RANGE_DAYS} days"
        )


def report_content(
    diary: Diary,
    start: dt.date,
    end: dt.date,
    knowledge: KnowledgeBase,
    *,
    today: dt.date | None = None,
) -> ReportContent:
    """Gather the report for `start`..`end`; ReportError for a bad range or an empty diary.

    `knowledge` names the triage levels (for an assessment saved without its label).
    """
    today = today or person_today(get_profile(diary))  # the person's day, not the server's
    check_range(start, end, today)
    light_date = min(end, today)
    sessions = sessions_frame(diary, until=end)
    pain = pain_frame(diary, until=end)
    saved = latest_assessment(diary, until=end)
    scores = score_histories(list_questionnaire_answers(diary), end)
    in_range = _summary(sessions, pain, start, end)
    if not (in_range.sessions or in_range.pain_days or saved or scores):
        raise ReportError(
            f"nothing to report from {start} to {end}: the diary has no sessions or pain "
            "entries in that range, and no saved assessment or questionnaire; log some first "
            "or choose another range"
        )
    diary_days = pl.concat([sessions.select("date"), pain.select("date")])
    weekly = weekly_load(sessions, start, end, diary_days)
    light = pain_light(
        pain.filter(pl.col("date") <= light_date),
        light_date,
        sessions.filter(pl.col("date") <= light_date),
    )
    profile = get_profile(diary)
    intake = saved.intake if saved else {}
    questions = visit_questions(
        VisitContext(
            saved.assessment if saved else None,
            light,
            weekly,
            scores,
            list(profile.sports) or list(intake.get("activities") or []),
        )
    )
    return ReportContent(
        start=start,
        end=end,
        today=today,
        who=who(profile, intake),
        story=complaint(intake),
        saved=saved,
        level_label=_level_label(saved, knowledge),
        summary=in_range,
        load_svg=_load_svg(weekly),
        pain_svg=_pain_svg(pain, start, end),
        scores=scores,
        light=light,
        light_date=light_date,
        questions=questions,
        programme_svg=diary_chart(diary, light_date, text_size=PDF_TEXT),
        programme_ending=diary_ending(diary, load_library(), "the person"),
    )


def _level_label(saved: SavedAssessment | None, knowledge: KnowledgeBase) -> str:
    if saved is None:
        return ""
    triage = saved.assessment.triage
    return triage.label or knowledge.levels[triage.level].label


def _summary(
    sessions: pl.DataFrame, pain: pl.DataFrame, start: dt.date, end: dt.date
) -> DiarySummary:
    chosen = sessions.filter(pl.col("date").is_between(start, end))
    days = pain.filter(pl.col("date").is_between(start, end))
    worst: dict[str, tuple[int, dt.date] | None] = {}
    for column in ("during", "after", "next_morning"):
        known = days.drop_nulls(column).sort([column, "date"], descending=[True, False])
        worst[column] = (known[column][0], known["date"][0]) if known.height else None
    return DiarySummary(
        sessions=chosen.height,
        minutes=float(chosen["duration_min"].sum() or 0.0),
        unrated=chosen.filter(load_unknown()).height,
        pain_days=days.height,
        worst=worst,
    )


def _load_svg(weekly: pl.DataFrame) -> str:
    return load_chart(weekly["week"].to_list(), weekly["load"].to_list(), weekly["acwr"].to_list())


def _pain_svg(pain: pl.DataFrame, start: dt.date, end: dt.date) -> str:
    days = pain.filter(pl.col("date").is_between(start, end))
    return pain_chart(
        days["date"].to_list(),
        days["during"].to_list(),
        days["after"].to_list(),
        days["next_morning"].to_list(),
        start=start,
        end=end,
    )
