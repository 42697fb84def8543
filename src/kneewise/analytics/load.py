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

import math
from datetime import date

import numpy as np
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
#: The same three-in-four share of the acute week: at least 6 of its 7 days logged
#: (7 × 21/28 = 5.25, rounded up). Without it, all 7 unlogged days could sit in the
#: acute week and the ratio would read 0 on no data.
MIN_ACUTE_DAYS = math.ceil(ACUTE_DAYS * MIN_COVERAGE_DAYS / CHRONIC_DAYS)
#: The same share of each EWMA's weight: an EWMA ratio is shown only when logged days
#: carry at least 3/4 of both EWMAs. An EWMA weighs recent days most (today is λ = 1/4
#: of the 7-day EWMA) and remembers days older than its window, so unlogged days can
#: weigh more in it than the day counts of the rolling rules allow.
MIN_EWMA_COVERAGE = MIN_COVERAGE_DAYS / CHRONIC_DAYS
#: Loads are minutes × RPE, at most two decimals; rolling sums are rounded to this
#: many so that floating-point residue after a week of zeros (≈1e-13) is zero.
_DECIMALS = 6
_EPOCH = date(1970, 1, 1)
_RUN = "_athlete_run"  # an integer per athlete inside load_series (windows hash it fast)


def load_unknown() -> pl.Expr:
    """True for a session whose load is not known: minutes but no RPE.

    Session load is minutes × RPE (Foster 2001), so a 0-minute session (a rest
    day, the only one the diary takes at 0 minutes) is a known load of 0 AU
    whatever its RPE, rated or not. Every output that counts sessions "left out
    of the load" uses this one rule, over a frame with `duration_min` and `rpe`.
    """
    return pl.col("rpe").is_null() & (pl.col("duration_min") > 0)


SESSION_COLUMNS = {
    "date": "the day of the session",
    "duration_min": "minutes, 0 or more",
    "rpe": "session RPE on the CR-10 scale, 0 to 10, or null when not rated",
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
    nulls = sessions.filter(pl.col("duration_min").is_null())
    if nulls.height:
        raise AnalyticsError(
            f"sessions frame: {nulls.height} row(s) without duration_min; "
            "a session's minutes are needed for its load"
        )


def _entries(keyed: pl.DataFrame, diary_days: pl.DataFrame | None) -> pl.DataFrame:
    """One row per session (its load, whether it lacks an RPE) and per other diary entry."""
    sessions = keyed.select(
        KEY,
        "date",
        (pl.col("duration_min").cast(pl.Float64) * pl.col("rpe").cast(pl.Float64))
        .fill_null(0.0)
        .alias("load"),
        load_unknown().cast(pl.UInt32).alias("unrated"),
    )
    if diary_days is None:
        return sessions
    require_columns(diary_days, "diary_days", {"date": "a day with any diary entry"})
    other = with_key(diary_days).select(
        KEY, "date", pl.lit(0.0).alias("load"), pl.lit(0, dtype=pl.UInt32).alias("unrated")
    )
    return pl.concat([sessions, other])


def _fill_calendar(days: pl.DataFrame, until: date | None) -> pl.DataFrame:
    """Every day from each athlete's first diary day to the last (or `until`), summed.

    Each entry is added into its day by day number rather than grouped and
    joined onto a calendar, and athletes are told apart by a hashed code rather
    than sorted by name: the same rows, in time linear in the number of entries.
    A day with an entry is logged unless a session on it lacks an RPE; days
    without one get load 0 and are not logged.
    Rows come grouped by athlete (in order of athlete_id), dates ascending.
    """
    codes = days[KEY].cast(pl.Categorical).to_physical().to_numpy()
    _, first_row, group = np.unique(codes, return_index=True, return_inverse=True)
    names = days[KEY].gather(first_row)
    # Athletes in order of their id, so the result does not depend on hashing.
    order = np.argsort(names.to_numpy(), kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    group, names = rank[group], names.gather(order)
    day = days["date"].cast(pl.Int32).to_numpy().astype(np.int64)
    first = np.full(len(names), np.iinfo(np.int64).max)
    last = np.full(len(names), np.iinfo(np.int64).min)
    np.minimum.at(first, group, day)
    np.maximum.at(last, group, day)
    if until is not None:
        last = np.maximum(last, (until - _EPOCH).days)
    lengths = last - first + 1
    offsets = np.cumsum(lengths) - lengths
    position = offsets[group] + day - first[group]
    owner = np.repeat(np.arange(len(lengths)), lengths)
    total = int(lengths.sum())
    load = np.zeros(total)
    np.add.at(load, position, days["load"].to_numpy())
    unrated = np.zeros(total, dtype=np.uint32)
    np.add.at(unrated, position, days["unrated"].to_numpy())
    logged = np.zeros(total, dtype=bool)
    logged[position] = True
    return pl.DataFrame(
        {
            KEY: names.gather(owner),
            "date": pl.Series(np.arange(total) - offsets[owner] + first[owner]).cast(pl.Date),
            "load": load,
            "logged": logged & (unrated == 0),
            "unrated": unrated,
        }
    )


def daily_load(
    sessions: pl.DataFrame,
    diary_days: pl.DataFrame | None = None,
    until: date | None = None,
) -> pl.DataFrame:
    """Session-RPE load per day, from the first diary day to the last (or `until`).

    The calendar starts at the first session, rated or not, or the first day in
    `diary_days`, whichever is earlier. Days without a session get load 0.
    A session with minutes but no RPE (`rpe` null, `load_unknown`) leaves its
    day's load unknown: the day's rated load is kept, `unrated` counts those
    sessions, and the day is not `logged`. A 0-minute session (a rest day) is a
    known load of 0 with or without an RPE. `logged` is true for other days
    with a session row or a row in `diary_days` (e.g. the pain entries), so
    coverage can be judged; a day with no entry at all is not logged.
    Columns: [athlete_id], date, load, logged, unrated.
    """
    _check_sessions(sessions)
    had_key = has_key(sessions)
    keyed = with_key(sessions)
    if keyed.height == 0:
        empty = pl.DataFrame(
            schema={
                KEY: pl.String, "date": pl.Date, "load": pl.Float64, "logged": pl.Boolean,
                "unrated": pl.UInt32,
            }
        )  # fmt: skip
        return restore_key(empty, had_key)
    daily = _fill_calendar(_entries(keyed, diary_days), until)
    return restore_key(daily, had_key)


def _grouped_in_order(frame: pl.DataFrame) -> bool:
    """Whether each athlete's rows are together and by date (as daily_load gives them).

    Checked in one pass so the usual case skips sorting a million rows by name.
    """
    if frame.height == 0:
        return True
    new_athlete = pl.col(KEY) != pl.col(KEY).shift(1)
    checks = frame.select(
        runs=new_athlete.fill_null(True).sum(),
        athletes=pl.col(KEY).n_unique(),
        ascending=((pl.col("date").diff() > pl.duration(days=0)) | new_athlete).all(),
    ).row(0, named=True)
    return bool(checks["runs"] == checks["athletes"] and checks["ascending"])


def _check_daily(daily: pl.DataFrame) -> pl.DataFrame:
    require_columns(daily, "daily", DAILY_COLUMNS)
    require_range(daily, "daily", "load", 0, None)
    keyed = with_key(daily)
    if not _grouped_in_order(keyed):
        keyed = keyed.sort(KEY, "date")
    if "unrated" not in keyed.columns:
        keyed = keyed.with_columns(pl.lit(0, dtype=pl.UInt32).alias("unrated"))
    # Each athlete's rows are together: a run id is a cheap integer key for windows.
    keyed = keyed.with_columns(pl.col(KEY).rle_id().alias(_RUN))
    gaps = keyed.filter(pl.col("date").diff().over(_RUN) != pl.duration(days=1))
    if gaps.height:
        raise AnalyticsError(
            f"daily frame: {gaps.height} day(s) missing or repeated (first before "
            f"{gaps['date'][0]}); build it with daily_load(), which fills every day"
        )
    return keyed


def _rolling_sum(column: str, days: int, partial: bool = False) -> pl.Expr:
    """A rolling sum per athlete, rounded so float residue is not read as load."""
    summed = pl.col(column).cast(pl.Float64).rolling_sum(days, min_samples=1 if partial else days)
    return summed.over(_RUN).round(_DECIMALS).clip(lower_bound=0.0)


def _sums() -> list[pl.Expr]:
    # The acute sum of a diary younger than a week is the load so far (the
    # 3-day load of a 3-day-old diary); `diary_days` says how many days it holds.
    acute = _rolling_sum("load", ACUTE_DAYS, partial=True)
    chronic = _rolling_sum("load", CHRONIC_DAYS)
    full_acute = _rolling_sum("load", ACUTE_DAYS)
    logged = pl.col("logged").cast(pl.Int32)
    return [
        acute.alias("acute_sum"),
        chronic.alias("chronic_sum"),
        (chronic / 4).alias("chronic_weekly"),
        # Lolli et al. 2019: the three weeks before the acute week, as a weekly mean.
        ((chronic - full_acute).clip(lower_bound=0.0) / 3).alias("chronic_weekly_uncoupled"),
        logged.rolling_sum(CHRONIC_DAYS).over(_RUN).alias("coverage"),
        logged.rolling_sum(ACUTE_DAYS, min_samples=1).over(_RUN).alias("acute_coverage"),
        pl.int_range(1, pl.len() + 1).over(_RUN).alias("diary_days"),
        _rolling_sum("unrated", CHRONIC_DAYS, partial=True).cast(pl.Int64).alias("unrated_28"),
        _rolling_sum("unrated", ACUTE_DAYS, partial=True).cast(pl.Int64).alias("unrated_7"),
    ]


def _ewmas() -> list[pl.Expr]:
    load = pl.col("load")
    logged = pl.col("logged").cast(pl.Float64)
    return [
        load.ewm_mean(alpha=ACUTE_LAMBDA, adjust=False).over(_RUN).alias("acute_ewma"),
        load.ewm_mean(alpha=CHRONIC_LAMBDA, adjust=False).over(_RUN).alias("chronic_ewma"),
        # The share of each EWMA's weight that lies on logged days.
        logged.ewm_mean(alpha=ACUTE_LAMBDA, adjust=False).over(_RUN).alias("acute_ewma_coverage"),
        logged.ewm_mean(alpha=CHRONIC_LAMBDA, adjust=False)
        .over(_RUN)
        .alias("chronic_ewma_coverage"),
    ]


def _lagged() -> list[pl.Expr]:
    # The chronic EWMA a week ago holds nothing of the acute week: uncoupled.
    return [pl.col("chronic_ewma").shift(ACUTE_DAYS).over(_RUN).alias("chronic_ewma_uncoupled")]


def _covered() -> pl.Expr:
    """Enough logged days for a ratio: 21 of the last 28 and 6 of the last 7."""
    return (pl.col("coverage") >= MIN_COVERAGE_DAYS) & (pl.col("acute_coverage") >= MIN_ACUTE_DAYS)


def _ewma_covered() -> pl.Expr:
    return (pl.col("acute_ewma_coverage") >= MIN_EWMA_COVERAGE) & (
        pl.col("chronic_ewma_coverage") >= MIN_EWMA_COVERAGE
    )


def _ratio(acute: str, chronic: str, enough: pl.Expr) -> pl.Expr:
    return pl.when(enough & (pl.col(chronic) > 0)).then(pl.col(acute) / pl.col(chronic))


def _ratios() -> list[pl.Expr]:
    ewma = _covered() & _ewma_covered()
    return [
        _ratio("acute_ewma", "chronic_ewma", ewma).alias("acwr_ewma"),
        _ratio("acute_ewma", "chronic_ewma_uncoupled", ewma).alias("acwr_ewma_uncoupled"),
        _ratio("acute_sum", "chronic_weekly", _covered()).alias("acwr_coupled"),
        _ratio("acute_sum", "chronic_weekly_uncoupled", _covered()).alias("acwr_uncoupled"),
    ]


def _week_figures() -> list[pl.Expr]:
    load = pl.col("load")
    week_known = (pl.col("acute_coverage") >= MIN_ACUTE_DAYS) & (pl.col("diary_days") >= ACUTE_DAYS)
    previous = pl.col("acute_sum").shift(ACUTE_DAYS).over(_RUN)
    previous_known = week_known.shift(ACUTE_DAYS).over(_RUN).fill_null(False)
    mean = load.rolling_mean(ACUTE_DAYS).over(_RUN)
    sd = load.rolling_std(ACUTE_DAYS).over(_RUN)
    # Equal loads give an SD of 0 up to float noise (~1e-13), which would read as a
    # monotony of 10^15: anything below a millionth of the mean is no spread.
    flat = sd <= mean.abs() * 1e-6
    monotony = pl.when(week_known & ~flat).then(mean / sd)
    return [
        pl.when(week_known & previous_known & (previous > 0))
        .then((pl.col("acute_sum") - previous) / previous * 100)
        .alias("week_change_pct"),
        monotony.alias("monotony"),
        (pl.col("acute_sum") * monotony).alias("strain"),
        # Foster's monotony is undefined, not missing, when every day's load was the
        # same: maximal monotony. Said apart from "not enough data".
        (week_known & flat).alias("same_load_every_day"),
    ]


def load_series(daily: pl.DataFrame) -> pl.DataFrame:
    """Acute and chronic load, acute:chronic ratios, coverage, weekly change, monotony, strain.

    `daily` is the output of daily_load(): one row per day per athlete.
    `acute_sum` is the last 7 days' load (fewer while the diary is younger than
    a week: `diary_days`); other rolling figures are null until their window is
    full. Every ratio is null unless MIN_COVERAGE_DAYS of the last 28 and
    MIN_ACUTE_DAYS of the last 7 days were logged; the EWMA ratios also need
    logged days to carry MIN_EWMA_COVERAGE of each EWMA's weight. Week change,
    monotony and strain need MIN_ACUTE_DAYS logged in their week(s);
    `same_load_every_day` marks a week whose monotony is undefined because
    every day had the same load.
    Extra columns: acute_coverage, diary_days, unrated_7 and unrated_28 (sessions
    without an RPE in the last 7 and 28 days), acute_ewma_coverage,
    chronic_ewma_coverage.
    """
    had_key = has_key(daily)
    keyed = _check_daily(daily)
    result = (
        keyed.with_columns(_sums() + _ewmas())
        .with_columns(_lagged())
        .with_columns(_ratios() + _week_figures())
        .drop("chronic_ewma_uncoupled", _RUN)
    )
    return restore_key(result, had_key)
