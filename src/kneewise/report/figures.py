"""The figures behind the charts and tables, as plain frames and dataclasses.

Pure functions over the diary frames (`sessions_frame`, `pain_frame`); the
web dashboard can call them with the same frames and hand the columns to
`kneewise.report.charts`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from kneewise._errors import QuestionnaireError
from kneewise.analytics import daily_load, load_series, load_unknown
from kneewise.diary import StoredQuestionnaire
from kneewise.questionnaires import compare, load

WEEKLY_SCHEMA = pl.Schema({"week": pl.Date(), "load": pl.Float64(), "acwr": pl.Float64()})


def monday(day: dt.date) -> dt.date:
    """The Monday that starts `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def weekly_load(
    sessions: pl.DataFrame,
    start: dt.date,
    end: dt.date,
    diary_days: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Load per week from `start` to `end` and the acute:chronic ratio at each week's end.

    Columns: week (its Monday), load (sum of duration × RPE within the range),
    acwr (coupled 7:28-day ratio on the week's last day in range; null when
    the diary is too thin). Sessions before `start` feed the chronic load.
    Sessions without an RPE are left out (a 0-minute rest day is a known 0).
    Every week of the range has a row, with load 0 when nothing was logged; no
    rated session at all gives an empty frame.
    """
    rated = sessions.filter(~load_unknown() & (pl.col("date") <= end))
    if rated.filter(pl.col("date") >= start).height == 0:
        return pl.DataFrame(schema=WEEKLY_SCHEMA)
    days = diary_days.filter(pl.col("date") <= end) if diary_days is not None else None
    series = load_series(daily_load(rated.select("date", "duration_min", "rpe"), days, until=end))
    in_range = series.filter(pl.col("date").is_between(start, end)).with_columns(
        pl.col("date").dt.truncate("1w").alias("week")
    )
    per_week = (
        in_range.sort("date")
        .group_by("week")
        .agg(pl.col("load").sum(), pl.col("acwr_coupled").last().alias("acwr"))
    )
    weeks = pl.DataFrame(
        {"week": pl.date_range(monday(start), end, interval="1w", eager=True)},
        schema={"week": pl.Date()},
    )
    return (
        weeks.join(per_week, on="week", how="left")
        .with_columns(pl.col("load").fill_null(0.0))
        .select(WEEKLY_SCHEMA.names())
        .cast(WEEKLY_SCHEMA)
        .sort("week")
    )


@dataclass(frozen=True)
class ScoreRow:
    """One completed questionnaire in the report's table."""

    date: dt.date
    score: float | None
    change: str


@dataclass(frozen=True)
class ScoreHistory:
    """All completed questionnaires of one instrument, oldest first."""

    instrument: str
    name: str
    better: str
    rows: tuple[ScoreRow, ...]

    @property
    def last_change(self) -> str:
        return self.rows[-1].change if len(self.rows) > 1 else ""


def score_histories(saved: list[StoredQuestionnaire], until: dt.date) -> list[ScoreHistory]:
    """Scores over time per instrument (up to `until`), each judged against the one before."""
    by_instrument: dict[str, list[StoredQuestionnaire]] = {}
    for answer in saved:
        if answer.date <= until:
            by_instrument.setdefault(answer.instrument, []).append(answer)
    return [_history(name, answers) for name, answers in sorted(by_instrument.items())]


def _history(instrument_id: str, answers: list[StoredQuestionnaire]) -> ScoreHistory:
    try:
        instrument = load(instrument_id)
    except QuestionnaireError:
        plain = tuple(ScoreRow(a.date, a.score, "") for a in answers)
        return ScoreHistory(instrument_id, instrument_id, "", plain)
    rows: list[ScoreRow] = []
    previous: float | None = None
    for answer in answers:
        change = ""
        if previous is not None and answer.score is not None:
            judged = compare(instrument, previous, answer.score)
            change = f"{judged.delta:+g}: {judged.verdict}"
        rows.append(ScoreRow(answer.date, answer.score, change))
        previous = answer.score if answer.score is not None else previous
    better = "higher is better" if instrument.higher_is_better else "lower is better"
    return ScoreHistory(instrument_id, instrument.name, better, tuple(rows))
