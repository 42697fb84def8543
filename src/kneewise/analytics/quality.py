"""What the ratio's critics asked for, on the person's own data: does it add anything?

For steady training the acute:chronic ratio mostly re-ranks days by the acute
load alone, because the chronic load changes slowly; the ratio then carries no
information the acute load did not (Impellizzeri et al. 2020, Int J Sports
Physiol Perform 15(6):907–913). `ratio_check` measures that on the diary: the
Spearman rank correlation between the coupled rolling ratio and the 7-day load
over every day both are shown, and the data-quality warnings that change what
the figures mean (after `acwr.check_load`, the PyPI package `acwr` 0.1.1,
whose checks come from real training logs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from kneewise.analytics.load import ACUTE_DAYS, CHRONIC_DAYS

#: Fewest days with both a ratio and a 7-day load before a rank correlation is
#: given: four weeks, one chronic window (kneewise's choice).
MIN_CHECK_DAYS = CHRONIC_DAYS
#: A run of days without load this long is a break: a whole acute window with
#: nothing in it, so this week's load is zero and the usual week is mostly the
#: time before the break (kneewise's choice; `acwr.check_load` uses 10 days).
BREAK_DAYS = ACUTE_DAYS
#: A day is an outlier when its load exceeds 3 × the 95th percentile of training
#: days (`acwr.check_load`: training load is right-skewed, so a rule against the
#: median would flag every long run; a watch left running sat near 4 ×).
OUTLIER_FACTOR = 3.0
#: Training days needed before a 95th percentile means anything (kneewise's choice).
MIN_TRAINING_DAYS = 20


@dataclass(frozen=True)
class RatioCheck:
    """The ratio against the acute load on the person's own days, and warnings.

    `spearman` is the rank correlation (-1 to 1) of the coupled rolling ratio
    with the 7-day load over `days` days, or None (with `why_not`) when fewer
    than MIN_CHECK_DAYS days have both. `warnings` are plain sentences.
    """

    spearman: float | None
    days: int
    why_not: str | None
    warnings: tuple[str, ...]


def ratio_check(series: pl.DataFrame, today: date) -> RatioCheck:
    """Check the ratio on one person's `load_series` output (no athlete_id) up to `today`."""
    known = series.filter(pl.col("date") <= today).sort("date")
    both = known.filter(pl.col("acwr_coupled").is_not_null() & pl.col("acute_sum").is_not_null())
    spearman, why_not = None, None
    if both.height < MIN_CHECK_DAYS:
        why_not = f"{both.height} of the {MIN_CHECK_DAYS} days with a ratio it needs so far"
    else:
        value = both.select(pl.corr("acwr_coupled", "acute_sum", method="spearman")).item()
        if value is None or math.isnan(value):
            why_not = "the ratio or the 7-day load did not change at all"
        else:
            spearman = float(value)
    return RatioCheck(spearman, both.height, why_not, tuple(_warnings(known, today)))


def _warnings(known: pl.DataFrame, today: date) -> list[str]:
    if known.height == 0:
        return []
    warnings = []
    age = known.height
    if age < CHRONIC_DAYS:
        days = "1 day" if age == 1 else f"{age} days"
        warnings.append(f"The diary holds {days}; the 4-week figures need {CHRONIC_DAYS}.")
    window = known.filter(pl.col("date") > today - timedelta(days=CHRONIC_DAYS))
    loads = window["load"].to_list()
    longest, ended = _longest_zero_run(window)
    if longest >= BREAK_DAYS and ended is not None:
        began = ended - timedelta(days=longest - 1)
        warnings.append(
            f"A break of {longest} days without training load ({began} to {ended}) lies in "
            "the last 4 weeks: the usual week includes it, so this week looks high against it."
        )
    if len(loads) == CHRONIC_DAYS and max(loads) > 0 and max(loads) - min(loads) <= 1e-9:
        warnings.append(
            "The same load every day for 4 weeks: the ratio is 1 by construction and "
            "monotony is undefined."
        )
    warnings.extend(_outliers(known, window))
    return warnings


def _longest_zero_run(window: pl.DataFrame) -> tuple[int, date | None]:
    longest, run, ended = 0, 0, None
    for day, load in window.select("date", "load").iter_rows():
        run = run + 1 if load <= 0 else 0
        if run > longest:
            longest, ended = run, day
    return longest, ended


def _outliers(known: pl.DataFrame, window: pl.DataFrame) -> list[str]:
    training = known.filter(pl.col("load") > 0)["load"]
    if training.len() < MIN_TRAINING_DAYS:
        return []
    top = training.quantile(0.95, interpolation="linear")
    if top is None:
        return []
    limit = OUTLIER_FACTOR * float(top)
    days = window.filter(pl.col("load") > limit)["date"].to_list()
    if not days:
        return []
    shown = ", ".join(str(day) for day in days[:3])
    return [
        f"{len(days)} day(s) in the last 4 weeks with more than {OUTLIER_FACTOR:g} times your "
        f"usual hardest days' load ({shown}): check the minutes and RPE (a watch left "
        "running?), as one such day moves every figure."
    ]
