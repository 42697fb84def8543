"""Training load: daily session-RPE load and its acute and chronic summaries.

Sources (see docs/training-load.md for the full references):

- Session-RPE load = duration (min) × session RPE on the CR-10 scale
  (Foster et al. 2001, J Strength Cond Res 15(1):109–115).
- Exponentially weighted moving averages with λ = 2 / (N + 1), N = 7 days
  (acute) and 28 days (chronic) (Williams et al. 2017,
  doi:10.1136/bjsports-2016-096589).
- Coupled and uncoupled acute:chronic ratios: the uncoupled chronic load
  leaves the acute week out (Lolli et al. 2019, doi:10.1136/bjsports-2017-098110).
- Monotony = mean / SD of daily load over 7 days; strain = weekly load ×
  monotony (Foster 1998, Med Sci Sports Exerc 30(7):1164–1168).

The ratio cannot tell anyone whether they will be injured (Impellizzeri et
al. 2020); kneewise shows it as a description of recent training only.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from kneewise._errors import AnalyticsError
from kneewise.analytics._frames import (
    KEY,
    has_key,
    require_columns,
    require_range,
    restore_key,
    with_key,
)

ACUTE_DAYS = 7
CHRONIC_DAYS = 28
#: Williams et al. 2017: λ = 2 / (N + 1).
ACUTE_LAMBDA = 2 / (ACUTE_DAYS + 1)
CHRONIC_LAMBDA = 2 / (CHRONIC_DAYS + 1)
#: Fewest logged days in the 28-day chronic window for a ratio to be shown.
#: Unlogged days count as zero load, so gaps shrink the chronic load and
#: inflate the ratio; below three weeks in four the zeros dominate. This
#: cut-off is kneewise's choice, not a published standard.
MIN_COVERAGE_DAYS = 21

SESSION_COLUMNS = {
    "date": "the day of the session",
    "duration_min": "minutes, 0 or more",
    "rpe": "session RPE on the CR-10 scale, 0 to 10",
}
DAILY_COLUMNS = {
    "date": "one row per calendar day",
    "load": "session-RPE load, 0 or more",
    "logged": "whether the day was recorded",
}


def _check_sessions(sessions: pl.DataFrame) -> None:
    require_columns(sessions, "sessions", SESSION_COLUMNS)
    require_range(sessions, "sessions", "duration_min", 0, None)
    require_range(sessions, "sessions", "rpe", 0, 10)
    nulls = sessions.filter(pl.col("duration_min").is_null() | pl.col("rpe").is_null())
    if nulls.height:
        raise AnalyticsError(
            f"sessions frame: {nulls.height} row(s) without duration_min or rpe; "
            "both are needed for session-RPE load"
        )


def _logged_days(sessions: pl.DataFrame, diary_days: pl.DataFrame | None) -> pl.DataFrame:
    days = sessions.select(KEY, "date")
    if diary_days is not None:
        require_columns(diary_days, "diary_days", {"date": "a day with any diary entry"})
        days = pl.concat([days, with_key(diary_days).select(KEY, "date")])
    return days.unique().with_columns(pl.lit(True).alias("logged"))


def _calendar(per_day: pl.DataFrame, until: date | None) -> pl.DataFrame:
    last = pl.col("date").max() if until is None else pl.max_horizontal(pl.col("date").max(), until)
    bounds = per_day.group_by(KEY).agg(pl.col("date").min().alias("first"), last.alias("last"))
    return bounds.select(KEY, pl.date_ranges("first", "last", interval="1d").alias("date")).explode(
        "date"
    )


def daily_load(
    sessions: pl.DataFrame,
    diary_days: pl.DataFrame | None = None,
    until: date | None = None,
) -> pl.DataFrame:
    """Session-RPE load per day, every day from the first session to the last (or `until`).

    Days without a session get load 0. `logged` is true for days with a
    session row (a rest day logged as duration 0 counts) or a row in
    `diary_days` (e.g. the pain entries), so coverage can be judged.
    Columns: [athlete_id], date, load, logged.
    """
    _check_sessions(sessions)
    had_key = has_key(sessions)
    keyed = with_key(sessions)
    if keyed.height == 0:
        empty = pl.DataFrame(
            schema={KEY: pl.String, "date": pl.Date, "load": pl.Float64, "logged": pl.Boolean}
        )
        return restore_key(empty, had_key)
    per_day = keyed.group_by(KEY, "date").agg(
        (pl.col("duration_min").cast(pl.Float64) * pl.col("rpe").cast(pl.Float64))
        .sum()
        .alias("load")
    )
    daily = (
        _calendar(per_day, until)
        .join(per_day, on=[KEY, "date"], how="left")
        .join(_logged_days(keyed, diary_days), on=[KEY, "date"], how="left")
        .with_columns(pl.col("load").fill_null(0.0), pl.col("logged").fill_null(False))
        .sort(KEY, "date")
    )
    return restore_key(daily, had_key)


def _check_daily(daily: pl.DataFrame) -> pl.DataFrame:
    require_columns(daily, "daily", DAILY_COLUMNS)
    require_range(daily, "daily", "load", 0, None)
    keyed = with_key(daily).sort(KEY, "date")
    gaps = keyed.filter(pl.col("date").diff().over(KEY) != pl.duration(days=1))
    if gaps.height:
        raise AnalyticsError(
            f"daily frame: {gaps.height} day(s) missing or repeated (first before "
            f"{gaps['date'][0]}); build it with daily_load(), which fills every day"
        )
    return keyed


def _sums() -> list[pl.Expr]:
    load = pl.col("load")
    acute = load.rolling_sum(ACUTE_DAYS).over(KEY).clip(lower_bound=0.0)
    chronic = load.rolling_sum(CHRONIC_DAYS).over(KEY).clip(lower_bound=0.0)
    return [
        acute.alias("acute_sum"),
        chronic.alias("chronic_sum"),
        (chronic / 4).alias("chronic_weekly"),
        # Lolli et al. 2019: the three weeks before the acute week, as a weekly mean.
        ((chronic - acute).clip(lower_bound=0.0) / 3).alias("chronic_weekly_uncoupled"),
        pl.col("logged").cast(pl.Int32).rolling_sum(CHRONIC_DAYS).over(KEY).alias("coverage"),
    ]


def _ewmas() -> list[pl.Expr]:
    load = pl.col("load")
    return [
        load.ewm_mean(alpha=ACUTE_LAMBDA, adjust=False).over(KEY).alias("acute_ewma"),
        load.ewm_mean(alpha=CHRONIC_LAMBDA, adjust=False).over(KEY).alias("chronic_ewma"),
    ]


def _lagged() -> list[pl.Expr]:
    # The chronic EWMA a week ago holds nothing of the acute week: uncoupled.
    return [pl.col("chronic_ewma").shift(ACUTE_DAYS).over(KEY).alias("chronic_ewma_uncoupled")]


def _ratio(acute: str, chronic: str) -> pl.Expr:
    enough = pl.col("coverage") >= MIN_COVERAGE_DAYS
    return pl.when(enough & (pl.col(chronic) > 0)).then(pl.col(acute) / pl.col(chronic))


def _ratios() -> list[pl.Expr]:
    return [
        _ratio("acute_ewma", "chronic_ewma").alias("acwr_ewma"),
        _ratio("acute_ewma", "chronic_ewma_uncoupled").alias("acwr_ewma_uncoupled"),
        _ratio("acute_sum", "chronic_weekly").alias("acwr_coupled"),
        _ratio("acute_sum", "chronic_weekly_uncoupled").alias("acwr_uncoupled"),
    ]


def _week_figures() -> list[pl.Expr]:
    load = pl.col("load")
    previous = pl.col("acute_sum").shift(ACUTE_DAYS).over(KEY)
    mean = load.rolling_mean(ACUTE_DAYS).over(KEY)
    sd = load.rolling_std(ACUTE_DAYS).over(KEY)
    monotony = pl.when(sd > 0).then(mean / sd)
    return [
        pl.when(previous > 0)
        .then((pl.col("acute_sum") - previous) / previous * 100)
        .alias("week_change_pct"),
        monotony.alias("monotony"),
        (pl.col("acute_sum") * monotony).alias("strain"),
    ]


def load_series(daily: pl.DataFrame) -> pl.DataFrame:
    """Acute and chronic load, acute:chronic ratios, coverage, weekly change, monotony, strain.

    `daily` is the output of daily_load(): one row per day per athlete.
    Rolling figures are null until their window is full; every ratio is
    null when fewer than MIN_COVERAGE_DAYS of the last 28 days were logged.
    """
    had_key = has_key(daily)
    keyed = _check_daily(daily)
    result = (
        keyed.with_columns(_sums() + _ewmas())
        .with_columns(_lagged())
        .with_columns(_ratios() + _week_figures())
        .drop("chronic_ewma_uncoupled")
    )
    return restore_key(result, had_key)
