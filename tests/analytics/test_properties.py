"""Hypothesis properties of the load series: non-negative, bounded EWMA, ratios need coverage."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from kneewise.analytics import MIN_COVERAGE_DAYS, daily_load, load_series

START = date(2024, 1, 1)
session = st.tuples(
    st.integers(0, 70), st.floats(0, 240, allow_nan=False), st.floats(0, 10, allow_nan=False)
)


def _series(rows: list[tuple[int, float, float]]) -> pl.DataFrame:
    frame = pl.DataFrame(
        {
            "date": [START + timedelta(days=d) for d, _, _ in rows],
            "duration_min": [m for _, m, _ in rows],
            "rpe": [r for _, _, r in rows],
        },
        schema={"date": pl.Date, "duration_min": pl.Float64, "rpe": pl.Float64},
    )
    return load_series(daily_load(frame))


@settings(max_examples=60, deadline=None)
@given(st.lists(session, min_size=1, max_size=60))
def test_loads_are_never_negative(rows: list[tuple[int, float, float]]) -> None:
    series = _series(rows)
    for column in (
        "load",
        "acute_sum",
        "chronic_sum",
        "chronic_weekly_uncoupled",
        "acute_ewma",
        "chronic_ewma",
        "strain",
    ):
        assert (series[column].drop_nulls() >= 0).all(), column


@settings(max_examples=60, deadline=None)
@given(st.lists(session, min_size=1, max_size=60))
def test_ewma_stays_within_the_extremes_of_the_input(rows: list[tuple[int, float, float]]) -> None:
    series = _series(rows)
    low, high = series["load"].min(), series["load"].max()
    assert isinstance(low, float) and isinstance(high, float)
    tolerance = 1e-9 * max(1.0, high)
    for column in ("acute_ewma", "chronic_ewma"):
        assert series[column].min() >= low - tolerance  # type: ignore[operator]
        assert series[column].max() <= high + tolerance  # type: ignore[operator]


@settings(max_examples=60, deadline=None)
@given(st.lists(session, min_size=1, max_size=60))
def test_ratios_are_undefined_below_coverage(rows: list[tuple[int, float, float]]) -> None:
    series = _series(rows)
    thin = series.filter(pl.col("coverage").is_null() | (pl.col("coverage") < MIN_COVERAGE_DAYS))
    for column in ("acwr_ewma", "acwr_ewma_uncoupled", "acwr_coupled", "acwr_uncoupled"):
        assert thin[column].null_count() == thin.height, column
