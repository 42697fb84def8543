"""What precedes pain: next-morning pain after sessions with and without each activity/exercise.

Raw means over a handful of sessions swing wildly, so each mean is shrunk
toward the person's overall mean with an empirical-Bayes (beta-binomial
style) prior worth PRIOR_SESSIONS sessions:

    shrunk = (n × mean + k × overall) / (n + k)

With k = 5, three sessions move the estimate only 3/8 of the way from the
overall mean; twenty sessions move it 20/25 of the way.
"""

from __future__ import annotations

import polars as pl

from kneewise.analytics._frames import KEY, has_key, require_columns, require_range, with_key

#: Prior strength k, in sessions: how much evidence it takes to move away from the overall mean.
PRIOR_SESSIONS = 5

_SESSION_COLUMNS = {
    "date": "the day of the session",
    "activity": "what was done, e.g. running",
    "exercises": "list of exercise names (may be empty)",
}
_PAIN_COLUMNS = {"date": "the day the entry describes", "next_morning": "pain 0 to 10"}


def _outcomes(pain: pl.DataFrame) -> pl.DataFrame:
    """Next-morning pain per athlete and day (the worst of several entries)."""
    require_columns(pain, "pain", _PAIN_COLUMNS)
    require_range(pain, "pain", "next_morning", 0, 10)
    return (
        with_key(pain)
        .group_by(KEY, "date")
        .agg(pl.col("next_morning").max().cast(pl.Float64).alias("pain"))
        .drop_nulls("pain")
    )


def _features(sessions: pl.DataFrame) -> pl.DataFrame:
    """(athlete, day, kind, name) for every activity and exercise done that day."""
    require_columns(sessions, "sessions", _SESSION_COLUMNS)
    keyed = with_key(sessions)
    activities = keyed.select(
        KEY, "date", pl.lit("activity").alias("kind"), pl.col("activity").alias("name")
    )
    exercises = (
        keyed.select(KEY, "date", pl.col("exercises").alias("name"))
        .explode("name")
        .drop_nulls("name")
        .select(KEY, "date", pl.lit("exercise").alias("kind"), "name")
    )
    return pl.concat([activities, exercises]).unique()


def _shrink(n: pl.Expr, mean: pl.Expr) -> pl.Expr:
    k = PRIOR_SESSIONS
    return (n * mean.fill_null(0) + k * pl.col("overall_mean")) / (n + k)


def pain_triggers(sessions: pl.DataFrame, pain: pl.DataFrame) -> pl.DataFrame:
    """For each activity and exercise: next-morning pain after days with it vs without.

    Only session days with a next-morning pain figure count. Columns:
    [athlete_id], kind, name, n_with, mean_with, n_without, mean_without,
    shrunk_with, shrunk_without, difference (shrunk_with − shrunk_without),
    sorted with the largest difference first.
    """
    had_key = has_key(sessions)
    outcomes = _outcomes(pain)
    features = _features(sessions)
    days = features.select(KEY, "date").unique().join(outcomes, on=[KEY, "date"])
    totals = days.group_by(KEY).agg(
        pl.len().alias("n_days"),
        pl.col("pain").sum().alias("pain_sum"),
        pl.col("pain").mean().alias("overall_mean"),
    )
    stats = (
        features.join(days, on=[KEY, "date"])
        .group_by(KEY, "kind", "name")
        .agg(pl.len().alias("n_with"), pl.col("pain").sum().alias("sum_with"))
        .join(totals, on=KEY)
        .with_columns(
            (pl.col("n_days") - pl.col("n_with")).alias("n_without"),
            (pl.col("sum_with") / pl.col("n_with")).alias("mean_with"),
        )
        .with_columns(
            pl.when(pl.col("n_without") > 0)
            .then((pl.col("pain_sum") - pl.col("sum_with")) / pl.col("n_without"))
            .alias("mean_without")
        )
        .with_columns(
            _shrink(pl.col("n_with"), pl.col("mean_with")).alias("shrunk_with"),
            _shrink(pl.col("n_without"), pl.col("mean_without")).alias("shrunk_without"),
        )
        .with_columns((pl.col("shrunk_with") - pl.col("shrunk_without")).alias("difference"))
    )
    result = stats.select(
        KEY,
        "kind",
        "name",
        "n_with",
        "mean_with",
        "n_without",
        "mean_without",
        "shrunk_with",
        "shrunk_without",
        "difference",
    ).sort([KEY, "difference", "kind", "name"], descending=[False, True, False, False])
    return result if had_key else result.drop(KEY)
