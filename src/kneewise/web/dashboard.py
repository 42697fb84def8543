"""What the dashboard shows, read from the diary and worked out by `kneewise.analytics`.

Pure apart from reading the diary: frames in, plain figures and SVG charts out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from kneewise.analytics import (
    MIN_COVERAGE_DAYS,
    PainLight,
    daily_load,
    load_series,
    pain_light,
    pain_triggers,
)
from kneewise.diary import Diary, pain_frame, sessions_frame
from kneewise.report import load_chart, pain_chart, weekly_load
from kneewise.web import charts

SCORES = {"during": "During activity", "after": "After activity", "next_morning": "Next morning"}
TRIGGERS_SHOWN = 5


@dataclass(frozen=True)
class LoadFigures:
    """The latest acute and chronic load, the ratio and how much of 28 days was logged."""

    acute: float | None = None
    chronic_weekly: float | None = None
    ratio: float | None = None
    coverage: int | None = None
    unrated: int = 0
    needed: int = MIN_COVERAGE_DAYS


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard page draws."""

    today: dt.date
    since: dt.date
    light: PainLight
    load: LoadFigures
    load_chart: str
    pain_chart: str
    calendar: str
    triggers: list[dict[str, Any]] = field(default_factory=list)
    sessions: int = 0
    pain_entries: int = 0


def load_svg(
    sessions: pl.DataFrame, diary_days: pl.DataFrame, since: dt.date, until: dt.date
) -> str:
    """The report's load chart (weekly load and ratio) for `since`..`until`, fit to the page."""
    weekly = weekly_load(sessions, since, until, diary_days)
    chart = load_chart(
        weekly["week"].to_list(),
        weekly["load"].to_list(),
        weekly["acwr"].to_list(),
        chart_id="load-svg",
    )
    return charts.fluid(chart)


def pain_svg(pain: pl.DataFrame, since: dt.date, until: dt.date) -> str:
    """The report's pain chart (during, after, next morning) from `since` to `until`, fitted."""
    days = pain.filter(pl.col("date").is_between(since, until))
    chart = pain_chart(
        days["date"].to_list(),
        days["during"].to_list(),
        days["after"].to_list(),
        days["next_morning"].to_list(),
        start=since,
        end=until,
        chart_id="pain-svg",
    )
    return charts.fluid(chart)


def worst_pain_by_day(pain: pl.DataFrame) -> dict[dt.date, int | None]:
    """Each logged day's highest pain score (None when only flags were logged)."""
    worst = pain.select("date", pl.max_horizontal(*SCORES).alias("worst"))
    return {row["date"]: row["worst"] for row in worst.iter_rows(named=True)}


def _load(sessions: pl.DataFrame, diary_days: pl.DataFrame, today: dt.date) -> LoadFigures:
    rated = sessions.filter(pl.col("rpe").is_not_null())
    unrated = sessions.height - rated.height
    if rated.height == 0:
        return LoadFigures(unrated=unrated)
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
    )


def _triggers(sessions: pl.DataFrame, pain: pl.DataFrame) -> list[dict[str, Any]]:
    if sessions.height == 0 or pain.drop_nulls("next_morning").height == 0:
        return []
    found = pain_triggers(sessions, pain).head(TRIGGERS_SHOWN)
    return list(found.iter_rows(named=True))


def build_dashboard(diary: Diary, weeks: int, today: dt.date | None = None) -> Dashboard:
    """Read the diary and work out the dashboard for the last `weeks` weeks."""
    today = today or dt.date.today()
    since = today - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)
    sessions = sessions_frame(diary, until=today)
    pain = pain_frame(diary, until=today)
    diary_days = pl.concat([sessions.select("date"), pain.select("date")])
    shown_pain = pain.filter(pl.col("date") >= since)
    return Dashboard(
        today=today,
        since=since,
        light=pain_light(pain, today, sessions),
        load=_load(sessions, diary_days, today),
        load_chart=load_svg(sessions, diary_days, since, today),
        pain_chart=pain_svg(pain, since, today),
        calendar=charts.calendar(
            worst_pain_by_day(shown_pain), start=since, end=today, title="Pain days"
        ),
        triggers=_triggers(sessions, pain),
        sessions=sessions.height,
        pain_entries=pain.height,
    )
