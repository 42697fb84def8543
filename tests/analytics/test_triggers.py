"""What precedes pain: counts, means and shrinkage, computed by hand."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from kneewise.analytics import PRIOR_SESSIONS, pain_triggers

DAYS = [date(2024, 1, d) for d in range(1, 7)]
SESSIONS = pl.DataFrame(
    {
        "date": DAYS,
        "activity": ["run", "run", "bike", "run", "bike", "bike"],
        "duration_min": 60.0,
        "rpe": 5.0,
        "exercises": [["squat"], [], ["squat", "lunge"], [], [], ["lunge"]],
    }
)
PAIN = pl.DataFrame({"date": DAYS, "next_morning": [4, 3, 2, 5, 1, 0]})


def _row(kind: str, name: str) -> dict[str, object]:
    table = pain_triggers(SESSIONS, PAIN)
    return table.filter((pl.col("kind") == kind) & (pl.col("name") == name)).row(0, named=True)


def test_prior_strength_is_five_sessions() -> None:
    assert PRIOR_SESSIONS == 5


def test_running_means_and_shrinkage() -> None:
    run = _row("activity", "run")
    # With running: 4, 3, 5 (mean 4); without: 2, 1, 0 (mean 1); overall mean 2.5.
    assert (run["n_with"], run["mean_with"], run["n_without"], run["mean_without"]) == (
        3,
        4.0,
        3,
        1.0,
    )
    assert run["shrunk_with"] == pytest.approx((3 * 4 + 5 * 2.5) / 8)  # 3.0625
    assert run["shrunk_without"] == pytest.approx((3 * 1 + 5 * 2.5) / 8)  # 1.9375
    assert run["difference"] == pytest.approx(1.125)


def test_exercise_in_two_sessions_is_pulled_toward_the_mean() -> None:
    squat = _row("exercise", "squat")
    # Days 1 and 3: 4 and 2 (mean 3); raw difference 3 - 2.25 = 0.75 shrinks to 0.254.
    assert squat["mean_with"] == 3.0 and squat["mean_without"] == 2.25
    assert squat["difference"] == pytest.approx((2 * 3 + 12.5) / 7 - (4 * 2.25 + 12.5) / 9)


def test_largest_difference_comes_first() -> None:
    table = pain_triggers(SESSIONS, PAIN)
    assert table["name"].to_list() == ["run", "squat", "lunge", "bike"]


def test_days_without_a_morning_figure_are_left_out() -> None:
    pain = PAIN.with_columns(
        pl.when(pl.col("date") == DAYS[0])
        .then(None)
        .otherwise(pl.col("next_morning"))
        .alias("next_morning")
    )
    run = pain_triggers(SESSIONS, pain).filter(pl.col("name") == "run").row(0, named=True)
    assert run["n_with"] == 2 and run["mean_with"] == 4.0
