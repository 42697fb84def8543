"""Training load against hand-computed examples (data/load_examples.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml

from kneewise._errors import AnalyticsError
from kneewise.analytics import daily_load, load_series

LOAD_CASES = yaml.safe_load((Path(__file__).parent / "data" / "load_examples.yaml").read_text())
Sessions = Callable[[list[dict[str, Any]]], pl.DataFrame]
Day = Callable[[int], date]


def _series(case: dict[str, Any], sessions_frame: Sessions, day: Day) -> pl.DataFrame:
    diary = case.get("diary_days")
    diary_days = pl.DataFrame({"date": [day(n) for n in diary]}) if diary else None
    return load_series(daily_load(sessions_frame(case["sessions"]), diary_days=diary_days))


@pytest.mark.parametrize("case", LOAD_CASES, ids=[c["name"] for c in LOAD_CASES])
def test_load_series_matches_hand_computation(
    case: dict[str, Any], sessions_frame: Sessions, day: Day
) -> None:
    check = dict(case["check"])
    row = (
        _series(case, sessions_frame, day)
        .filter(pl.col("date") == day(check.pop("day")))
        .row(0, named=True)
    )
    for column, expected in check.items():
        if expected is None:
            assert row[column] is None, column
        else:
            assert row[column] == pytest.approx(expected, rel=1e-9), column


def test_missing_days_are_filled_with_zero_and_not_logged(sessions_frame: Sessions) -> None:
    sessions = sessions_frame(
        [
            {"from": 1, "to": 1, "duration_min": 30, "rpe": 4},
            {"from": 4, "to": 4, "duration_min": 45, "rpe": 6},
        ]
    )
    daily = daily_load(sessions)
    assert daily["load"].to_list() == [120.0, 0.0, 0.0, 270.0]
    assert daily["logged"].to_list() == [True, False, False, True]


def test_two_sessions_on_one_day_add_up(sessions_frame: Sessions) -> None:
    sessions = sessions_frame([{"from": 1, "to": 1, "duration_min": 30, "rpe": 4}] * 2)
    assert daily_load(sessions)["load"].to_list() == [240.0]


def test_until_extends_the_calendar_to_today(sessions_frame: Sessions, day: Day) -> None:
    sessions = sessions_frame([{"from": 1, "to": 1, "duration_min": 30, "rpe": 4}])
    daily = daily_load(sessions, until=day(3))
    assert daily["date"].to_list() == [day(1), day(2), day(3)]


def test_each_athlete_is_computed_alone(sessions_frame: Sessions) -> None:
    one = sessions_frame([{"from": 1, "to": 30, "duration_min": 60, "rpe": 5}])
    two = sessions_frame([{"from": 5, "to": 40, "duration_min": 30, "rpe": 8}])
    club = pl.concat(
        [one.with_columns(athlete_id=pl.lit("a")), two.with_columns(athlete_id=pl.lit("b"))]
    )
    together = load_series(daily_load(club))
    alone = load_series(daily_load(two))
    assert together.filter(pl.col("athlete_id") == "b").drop("athlete_id").equals(alone)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rpe": 11.0}, "rpe outside 0 to 10"),
        ({"duration_min": -5.0}, "duration_min outside 0 or more"),
    ],
)
def test_out_of_range_values_are_named(
    change: dict[str, float], message: str, sessions_frame: Sessions
) -> None:
    sessions = sessions_frame([{"from": 1, "to": 2, "duration_min": 30, "rpe": 4}])
    with pytest.raises(AnalyticsError, match=message):
        daily_load(sessions.with_columns(**{k: pl.lit(v) for k, v in change.items()}))


def test_missing_column_is_named_with_what_it_holds() -> None:
    with pytest.raises(AnalyticsError, match=r"lacks column\(s\): rpe \(session RPE"):
        daily_load(pl.DataFrame({"date": [date(2024, 1, 1)], "duration_min": [30.0]}))


def test_daily_frame_with_gaps_is_refused(day: Day) -> None:
    gappy = pl.DataFrame({"date": [day(1), day(3)], "load": [1.0, 2.0], "logged": [True, True]})
    with pytest.raises(AnalyticsError, match="missing or repeated"):
        load_series(gappy)


def test_no_sessions_gives_an_empty_frame(sessions_frame: Sessions) -> None:
    empty = sessions_frame([])
    assert daily_load(empty).height == 0


def test_float_noise_in_last_weeks_load_is_no_load(day: Day) -> None:
    # A rolling sum over a week of zeros can leave a residue of ~1e-13 after large loads;
    # as the week before it must read "no load", not a change of ~10^17 %.
    loads = [300.0] * 21 + [1e-13] + [0.0] * 6 + [300.0] * 7
    daily = pl.DataFrame(
        {"date": [day(n) for n in range(1, 36)], "load": loads, "logged": [True] * 35}
    )
    row = load_series(daily).row(-1, named=True)
    assert row["week_change_pct"] is None
    assert row["acute_sum"] == 2100.0
