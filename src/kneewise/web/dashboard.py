"""What the dashboard shows, read from the diary and worked out by `kneewise.analytics`.

Pure apart from reading the diary: frames in, plain figures and SVG charts out.
Each chart comes twice: `wide` for the chosen weeks, and `phone`, the most
recent weeks only on a narrow plot, so a phone shows the latest weeks first
at a readable size without scrolling sideways (the page shows one of the two).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from kneewise.analytics import (
    MIN_COVERAGE_DAYS,
    LoadFigure,
    PainLight,
    RatioCheck,
    daily_load,
    load_series,
    load_summary,
    load_unknown,
    pain_light,
    pain_triggers,
)
from kneewise.diary import Diary, pain_frame, sessions_frame
from kneewise.diary.days import diary_today
from kneewise.report import load_chart, pain_chart, weekly_load
from kneewise.report.charts import PHONE_LOAD_PLOT, PHONE_PAIN_PLOT
from kneewise.web import charts

SCORES = {"during": "During activity", "after": "After activity", "next_morning": "Next morning"}
TRIGGERS_SHOWN = 5
#: What a phone's charts cover: weeks of load, days of pain, weeks of the calendar.
PHONE_LOAD_WEEKS = 8
PHONE_PAIN_DAYS = 28
PHONE_CALENDAR_WEEKS = 12


@dataclass(frozen=True)
class Chart:
    """One chart as SVG for a wide screen and for a phone."""

    wide: str
    phone: str


@dataclass(frozen=True)
class LoadFigures:
    """The latest acute and chronic load, the ratio and how much of 28 days was logged."""

    acute: float | None = None
    chronic_weekly: float | None = None
    ratio: float | None = None
    coverage: int | None = None
    unrated: int = 0
    needed: int = MIN_COVERAGE_DAYS
    #: Each figure named with its method, or withheld with its reason (load_summary).
    rows: tuple[LoadFigure, ...] = ()
    #: The ratio-vs-acute-load check and data-quality warnings on this diary.
    check: RatioCheck | None = None


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard page draws."""

    today: dt.date
    since: dt.date
    light: PainLight
    load: LoadFigures
    load_chart: Chart
    pain_chart: Chart
    calendar: Chart
    triggers: list[dict[str, Any]] = field(default_factory=list)
    sessions: int = 0
    pain_entries: int = 0


def _latest(since: dt.date, until: dt.date, days: int) -> dt.date:
    """The later of `since` and the first of the last `days` days to `until`."""
    return max(since, until - dt.timedelta(days=days - 1))


def load_svg(
    sessions: pl.DataFrame, diary_days: pl.DataFrame, since: dt.date, until: dt.date
) -> Chart:
    """The report's load chart (weekly load and ratio) for `since`..`until`, fit to the page;
    on a phone the last `PHONE_LOAD_WEEKS` weeks (their ratios from the whole diary)."""
    weekly = weekly_load(sessions, since, until, diary_days)
    recent = weekly.tail(PHONE_LOAD_WEEKS)
    shown = len(recent)
    wide = load_chart(
        weekly["week"].to_list(),
        weekly["load"].to_list(),
        weekly["acwr"].to_list(),
        chart_id="load-svg",
    )
    phone = load_chart(
        recent["week"].to_list(),
        recent["load"].to_list(),
        recent["acwr"].to_list(),
        # No rated week in the range: the chart's own title, never "last 0 weeks".
        title=f"Training load, last {shown} week{'' if shown == 1 else 's'}"
        if shown
        else "Training load per week",
        chart_id="load-svg-phone",
        plot=PHONE_LOAD_PLOT,
    )
    return Chart(charts.fluid(wide), charts.fluid(phone))


def _pain(pain: pl.DataFrame, since: dt.date, until: dt.date, **drawing: Any) -> str:
    days = pain.filter(pl.col("date").is_between(since, until))
    chart = pain_chart(
        days["date"].to_list(),
        days["during"].to_list(),
        days["after"].to_list(),
        days["next_morning"].to_list(),
        start=since,
        end=until,
        **drawing,
    )
    return charts.fluid(chart)


def pain_svg(pain: pl.DataFrame, since: dt.date, until: dt.date) -> Chart:
    """The report's pain chart (during, after, next morning) from `since` to `until`, fitted;
    on a phone the last `PHONE_PAIN_DAYS` days."""
    first = _latest(since, until, PHONE_PAIN_DAYS)
    title = f"Knee pain (0–10), last {(until - first).days + 1} days"
    return Chart(
        _pain(pain, since, until, chart_id="pain-svg"),
        _pain(pain, first, until, chart_id="pain-svg-phone", title=title, plot=PHONE_PAIN_PLOT),
    )


def calendar_svg(pain: pl.DataFrame, since: dt.date, until: dt.date) -> Chart:
    """The pain days from `since` to `until`; on a phone the last `PHONE_CALENDAR_WEEKS`."""
    worst = worst_pain_by_day(pain.filter(pl.col("date") >= since))
    first = _latest(since, until, 7 * PHONE_CALENDAR_WEEKS)
    return Chart(
        charts.calendar(worst, start=since, end=until, title="Pain days"),
        charts.calendar(
            worst, start=first, end=until, title="Pain days", chart_id="pain-calendar-phone"
        ),
    )


def worst_pain_by_day(pain: pl.DataFrame) -> dict[dt.date, int | None]:
    """Each logged day's highest pain score (None when only flags were logged)."""
    worst = pain.select("date", pl.max_horizontal(*SCORES).alias("worst"))
    return {row["date"]: row["worst"] for row in worst.iter_rows(named=True)}


def _load(sessions: pl.DataFrame, diary_days: pl.DataFrame, today: dt.date) -> LoadFigures:
    rated = sessions.filter(~load_unknown())
    unrated = sessions.height - rated.height
    if rated.height == 0:
        return LoadFigures(unrated=unrated)
    # Unrated sessions go in too: their days' load is unknown, not zero (load_summary says so).
    summary = load_summary(
        load_series(daily_load(sessions, diary_days=diary_days, until=today)), today, unrated
    )
    series = load_series(daily_load(rated, diary_days=diary_days, until=today))
    latest = series.row(-1, named=True)
    # The rolling 7-day sum waits for a full window; the last 7 days' load is known sooner.
    week = series.filter(pl.col("date") > today - dt.timedelta(days=7))["load"].sum()
    return LoadFigures(
        acute=latest["acute_sum"] if latest["acute_sum"] is not None else float(week),
        chronic_weekly=latest["chronic_weekly"],
        ratio=latest["acwr_coupled"],
        coverage=latest["coverage"],
        unrated=unrated,
        rows=summary.figures,
        check=summary.check,
    )


def _triggers(sessions: pl.DataFrame, pain: pl.DataFrame) -> list[dict[str, Any]]:
    if sessions.height == 0 or pain.drop_nulls("next_morning").height == 0:
        return []
    found = pain_triggers(sessions, pain).head(TRIGGERS_SHOWN)
    return list(found.iter_rows(named=True))


def build_dashboard(diary: Diary, weeks: int, today: dt.date | None = None) -> Dashboard:
    """Read the diary and work out the dashboard for the last `weeks` weeks.

    `today` defaults to the person's (`days.diary_today`: their profile's zone),
    so an entry the command line dated in that zone is on it.
    """
    today = today or diary_today(diary)
    since = today - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)
    sessions = sessions_frame(diary, until=today)
    pain = pain_frame(diary, until=today)
    diary_days = pl.concat([sessions.select("date"), pain.select("date")])
    return Dashboard(
        today=today,
        since=since,
        light=pain_light(pain, today, sessions),
        load=_load(sessions, diary_days, today),
        load_chart=load_svg(sessions, diary_days, since, today),
        pain_chart=pain_svg(pain, since, today),
        calendar=calendar_svg(pain, since, today),
        triggers=_triggers(sessions, pain),
        sessions=sessions.height,
        pain_entries=pain.height,
    )
