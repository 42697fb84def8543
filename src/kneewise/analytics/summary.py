"""Today's load figures in words: each named with its method, or withheld with the true reason.

`load_summary` turns one person's `load_series` into rows a worried
16-year-old or a 70-year-old can read: every ratio says how it was made
(rolling or EWMA, coupled or uncoupled; Williams 2017, Lolli 2019), and a
figure that cannot be given says why: the diary is too young, too few days
were logged, sessions have no RPE, there was no load before (a break), or
every day had the same load (monotony undefined, Foster 1998). The command
line and the web page show the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import polars as pl

from kneewise.analytics.load import (
    ACUTE_DAYS,
    CHRONIC_DAYS,
    MIN_ACUTE_DAYS,
    MIN_COVERAGE_DAYS,
    MIN_EWMA_COVERAGE,
)
from kneewise.analytics.quality import RatioCheck, ratio_check

RATIO_METHODS = {
    "acwr_coupled": "rolling 7 days ÷ 28-day weekly mean (coupled)",
    "acwr_uncoupled": "rolling 7 days ÷ weekly mean of the 21 days before (uncoupled)",
    "acwr_ewma": "EWMA 7 days ÷ EWMA 28 days (coupled)",
    "acwr_ewma_uncoupled": "EWMA 7 days ÷ 28-day EWMA of a week ago (uncoupled)",
}


@dataclass(frozen=True)
class LoadFigure:
    """One row: a plain label, the number (None when withheld) and the text to show."""

    label: str
    value: float | None
    text: str


@dataclass(frozen=True)
class LoadSummary:
    """Today's load figures, the ratio check, and sessions left out for lack of an RPE."""

    figures: tuple[LoadFigure, ...]
    check: RatioCheck
    unrated: int


def load_summary(series: pl.DataFrame, today: date, unrated: int = 0) -> LoadSummary:
    """The rows for `today` from one person's `load_series` output (no athlete_id).

    `unrated` is the number of sessions without an RPE (left out of the load).
    Raises nothing: a day missing from `series` gives the reason for each row.
    """
    rows = series.filter(pl.col("date") <= today).sort("date")
    latest = rows.row(-1, named=True) if rows.height else {}
    week_before = _row_on(rows, today - timedelta(days=ACUTE_DAYS))
    figures = [
        _acute(latest),
        _usual_week(latest),
        *(_ratio(latest, column, method) for column, method in RATIO_METHODS.items()),
        _figure(
            "Change from last week", latest, "week_change_pct", _change_reason(latest, week_before)
        ),
        _figure("Monotony (daily mean ÷ SD, 7 days)", latest, "monotony", _monotony_reason(latest)),
        _figure("Strain (weekly load × monotony)", latest, "strain", _monotony_reason(latest)),
        LoadFigure(
            "Days logged of the last 28",
            latest.get("coverage"),
            _days_logged(latest),
        ),
    ]
    return LoadSummary(tuple(figures), ratio_check(rows, today), unrated)


def _row_on(rows: pl.DataFrame, day: date) -> dict[str, Any]:
    found = rows.filter(pl.col("date") == day)
    return found.row(0, named=True) if found.height else {}


def _number(value: float, unit: str = "") -> str:
    return f"{value:.2f}{unit}" if abs(value) < 10 else f"{value:,.0f}{unit}"


def _load(value: float) -> str:
    return f"{value:,.0f}"  # minutes × RPE: whole units are precise enough


def _figure(label: str, row: dict[str, Any], column: str, reason: str | None) -> LoadFigure:
    value = row.get(column)
    if value is not None:
        return LoadFigure(label, value, _number(value, "%" if column.endswith("_pct") else ""))
    return LoadFigure(label, None, reason or "not shown: not enough data yet")


def _acute(row: dict[str, Any]) -> LoadFigure:
    value = row.get("acute_sum")
    label = "Last 7 days (minutes × RPE)"
    if value is None:
        return LoadFigure(label, None, "nothing logged yet")
    days, logged = row.get("diary_days") or 0, row.get("acute_coverage") or 0
    unrated = row.get("unrated_7") or 0
    if unrated:
        return LoadFigure(
            label,
            value,
            f"at least {_load(value)}: {unrated} session(s) without an RPE are not counted",
        )
    if days < ACUTE_DAYS:
        return LoadFigure(label, value, f"{_load(value)} (the diary is {_days(days)} old)")
    if logged < ACUTE_DAYS:
        return LoadFigure(label, value, f"{_load(value)} ({logged} of 7 days logged)")
    return LoadFigure(label, value, _load(value))


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _usual_week(row: dict[str, Any]) -> LoadFigure:
    figure = _figure("Usual week (28-day weekly mean)", row, "chronic_weekly", _young(row))
    coverage = row.get("coverage") or 0
    if figure.value is not None and coverage < CHRONIC_DAYS:
        # Unlogged days count as zero, so a sparse month understates the usual week.
        text = f"{figure.text} ({coverage} of 28 days logged: unlogged days count as 0)"
        return LoadFigure(figure.label, figure.value, text)
    return figure


def _young(row: dict[str, Any]) -> str | None:
    days = row.get("diary_days") or 0
    if days < CHRONIC_DAYS:
        return f"not shown: the diary is {_days(days)} old; needs {CHRONIC_DAYS}"
    return None


def _coverage_reason(row: dict[str, Any]) -> str | None:
    young = _young(row)
    if young:
        return young
    coverage, acute = row.get("coverage") or 0, row.get("acute_coverage") or 0
    unrated = row.get("unrated_28") or 0
    left_out = (
        f"; {unrated} session(s) without an RPE leave their days unknown: add the RPE"
        if unrated
        else ""
    )
    if coverage < MIN_COVERAGE_DAYS:
        return (
            f"not shown: only {coverage} of the last 28 days logged; needs {MIN_COVERAGE_DAYS}"
            + left_out
        )
    if acute < MIN_ACUTE_DAYS:
        return (
            f"not shown: only {acute} of the last 7 days logged; needs {MIN_ACUTE_DAYS}" + left_out
        )
    return None


def _ratio(row: dict[str, Any], column: str, method: str) -> LoadFigure:
    label = f"Acute:chronic ratio, {method}"
    reason = _coverage_reason(row)
    if reason is None:
        chronic = {
            "acwr_coupled": "chronic_weekly",
            "acwr_uncoupled": "chronic_weekly_uncoupled",
        }.get(column, "chronic_ewma")
        if not row.get(chronic):
            reason = "not shown: no training load in the weeks before (a break), nothing to compare"
        elif (
            "ewma" in column
            and min(row.get("acute_ewma_coverage") or 0, row.get("chronic_ewma_coverage") or 0)
            < MIN_EWMA_COVERAGE
        ):
            reason = (
                "not shown: days not logged still make up more than a quarter of the "
                "weighted averages (EWMA)"
            )
    return _figure(label, row, column, reason)


def _change_reason(row: dict[str, Any], before: dict[str, Any]) -> str | None:
    days = row.get("diary_days") or 0
    if days < 2 * ACUTE_DAYS:
        return f"not shown: the diary is {_days(days)} old; needs {2 * ACUTE_DAYS}"
    for when, week in (("of the last 7 days", row), ("of the 7 days before", before)):
        logged = week.get("acute_coverage") or 0
        if logged < MIN_ACUTE_DAYS:
            return f"not shown: only {logged} {when} logged; needs {MIN_ACUTE_DAYS}"
    if not before.get("acute_sum"):
        return "not shown: no load the week before, so no percentage of it"
    return None


def _monotony_reason(row: dict[str, Any]) -> str | None:
    if row.get("same_load_every_day"):
        if not row.get("acute_sum"):
            return "undefined: no load all week"
        return "undefined: the same load every day (as monotonous as training gets)"
    days, logged = row.get("diary_days") or 0, row.get("acute_coverage") or 0
    if days < ACUTE_DAYS:
        return f"not shown: the diary is {_days(days)} old; needs {ACUTE_DAYS}"
    if logged < MIN_ACUTE_DAYS:
        return f"not shown: only {logged} of the last 7 days logged; needs {MIN_ACUTE_DAYS}"
    return None


def _days_logged(row: dict[str, Any]) -> str:
    coverage = row.get("coverage")
    if coverage is not None:
        return str(coverage)
    days = row.get("diary_days") or 0
    logged = row.get("acute_coverage") or 0
    return f"{logged} (the diary is {_days(days)} old)"
