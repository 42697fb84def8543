"""Figures that say how they were made (issue 15 kinds 5, 7, 8), from a real SQLite diary.

Each shared case in `data/` (see `data/CASES.md`) is imported and read back
the way `kneewise status` reads it; our own diary of the same kind sits beside
it. The last test runs `kneewise status` itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from kneewise.analytics import LoadSummary, daily_load, load_series, load_summary
from kneewise.cli import app
from kneewise.diary import (
    Diary,
    add_session,
    import_file,
    pain_frame,
    sessions_frame,
)
from kneewise.diary.records import SessionRecord

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 11, 30)  # the shared files were made for this day


def summary_of(diary: Diary, today: dt.date = TODAY) -> LoadSummary:
    """What `kneewise status --date today` computes."""
    sessions = sessions_frame(diary, until=today)
    pain = pain_frame(diary, until=today)
    unrated = sessions.filter(pl.col("rpe").is_null()).height
    daily = daily_load(sessions, diary_days=pain.select("date"), until=today)
    return load_summary(load_series(daily), today, unrated)


def texts(summary: LoadSummary) -> dict[str, str]:
    return {figure.label: figure.text for figure in summary.figures}


def log(diary: Diary, day: dt.date, minutes: float, rpe: float | None) -> None:
    # 0 minutes is a logged rest day, which the diary takes only as one (records.py).
    activity = "rest" if minutes == 0 else "running"
    add_session(diary, SessionRecord(date=day, activity=activity, duration_min=minutes, rpe=rpe))


# Kind 5: monotony of equal loads is undefined, not a gap.


def test_shared_identical_loads_say_undefined(diary: Diary) -> None:
    import_file(diary, DATA / "identical-daily-loads.csv")
    shown = texts(summary_of(diary))
    assert shown["Monotony (daily mean ÷ SD, 7 days)"].startswith(
        "undefined: the same load every day"
    )
    assert "-" not in shown.values()


def test_own_equal_cycling_week_and_an_all_rest_week(diary: Diary) -> None:
    start = dt.date(2025, 3, 3)
    for n in range(7):
        log(diary, start + dt.timedelta(days=n), 40, 6)
    for n in range(7, 14):
        log(diary, start + dt.timedelta(days=n), 0, 0)  # a logged rest week
    week_one = texts(summary_of(diary, start + dt.timedelta(days=6)))
    week_two = texts(summary_of(diary, start + dt.timedelta(days=13)))
    assert week_one["Strain (weekly load × monotony)"].startswith("undefined: the same load")
    assert week_two["Monotony (daily mean ÷ SD, 7 days)"] == "undefined: no load all week"
    # After a week of zeros the change is not a huge percentage of float residue.
    assert week_two["Change from last week"] == "-100%"


# Kinds 5 and 7: sparse logging withholds every figure built on it, with the reason.


def test_shared_ten_of_28_days(diary: Diary) -> None:
    import_file(diary, DATA / "ten-of-28-days.csv")
    shown = texts(summary_of(diary))
    for label, text in shown.items():
        if label.startswith(("Acute:chronic", "Change", "Monotony", "Strain")):
            assert text.startswith("not shown: only"), label
    assert "(10 of 28 days logged" in shown["Usual week (28-day weekly mean)"]


def test_own_unlogged_week_at_the_end_of_a_full_month(diary: Diary) -> None:
    # 21 logged days, then 7 days with nothing: 21 of 28 passes, but the acute week is empty.
    start = dt.date(2025, 9, 1)
    for n in range(21):
        log(diary, start + dt.timedelta(days=n), 50, 5)
    today = start + dt.timedelta(days=27)
    summary = summary_of(diary, today)
    shown = texts(summary)
    ratio = shown["Acute:chronic ratio, rolling 7 days ÷ 28-day weekly mean (coupled)"]
    assert ratio == "not shown: only 0 of the last 7 days logged; needs 6"
    assert shown["Change from last week"].startswith("not shown: only 0 of the last 7 days")
    assert any("break of 7 days" in warning for warning in summary.check.warnings)


def test_sessions_without_rpe_are_named_as_the_reason(diary: Diary) -> None:
    start = dt.date(2025, 9, 1)
    for n in range(28):
        log(diary, start + dt.timedelta(days=n), 50, None if n >= 20 else 5)
    summary = summary_of(diary, start + dt.timedelta(days=27))
    shown = texts(summary)
    assert summary.unrated == 8
    assert (
        "8 session(s) without an RPE leave their days unknown"
        in shown["Acute:chronic ratio, EWMA 7 days ÷ EWMA 28 days (coupled)"]
    )
    assert shown["Last 7 days (minutes × RPE)"].startswith("at least 0: 7 session(s)")


def test_no_chronic_load_after_a_break_is_the_reason(diary: Diary) -> None:
    start = dt.date(2025, 1, 1)
    for n in range(60):
        minutes = 45 if n >= 53 else 0  # eight weeks of logged rest, then a week of running
        log(diary, start + dt.timedelta(days=n), minutes, 5 if minutes else 0)
    shown = texts(summary_of(diary, start + dt.timedelta(days=59)))
    assert shown[
        "Acute:chronic ratio, rolling 7 days ÷ weekly mean of the 21 days before (uncoupled)"
    ] == ("not shown: no training load in the weeks before (a break), nothing to compare")


def test_ewma_ratio_waits_while_unlogged_days_weigh_too_much_in_it(diary: Diary) -> None:
    start = dt.date(2025, 1, 1)
    for n in range(69):
        if n not in (61, 62):
            log(diary, start + dt.timedelta(days=n), 45, 5)
    # Today (day 69) is not logged yet: 6 of 7 and 25 of 28 days pass the rolling rules,
    # but today alone is a quarter (λ = 2/8) of the 7-day EWMA, and two more days add to it.
    shown = texts(summary_of(diary, start + dt.timedelta(days=69)))
    assert shown["Acute:chronic ratio, rolling 7 days ÷ 28-day weekly mean (coupled)"] == "0.96"
    assert shown["Acute:chronic ratio, EWMA 7 days ÷ EWMA 28 days (coupled)"] == (
        "not shown: days not logged still make up more than a quarter of the weighted "
        "averages (EWMA)"
    )


# Kind 5: every ratio names its method.


def test_shared_steady_then_double_names_each_method(diary: Diary) -> None:
    import_file(diary, DATA / "steady-then-double.csv")
    shown = texts(summary_of(diary))
    assert shown["Acute:chronic ratio, rolling 7 days ÷ 28-day weekly mean (coupled)"] == "1.60"
    ratio = "Acute:chronic ratio, rolling 7 days ÷ weekly mean of the 21 days before (uncoupled)"
    assert shown[ratio] == "2.00"


# Kind 5: a young diary shows what it has.


def test_shared_three_day_old_diary_shows_its_load(diary: Diary) -> None:
    import_file(diary, DATA / "diary-3-days-old.csv")
    summary = summary_of(diary)
    shown = texts(summary)
    assert shown["Last 7 days (minutes × RPE)"] == "900 (the diary is 3 days old)"
    assert (
        shown["Usual week (28-day weekly mean)"] == "not shown: the diary is 3 days old; needs 28"
    )
    assert summary.check.warnings == ("The diary holds 3 days; the 4-week figures need 28.",)


def test_own_calendar_starts_at_the_first_session_rated_or_not(diary: Diary) -> None:
    start = dt.date(2025, 6, 2)
    log(diary, start, 30, None)  # the first session has no RPE
    log(diary, start + dt.timedelta(days=4), 30, 4)
    shown = texts(summary_of(diary, start + dt.timedelta(days=4)))
    assert shown["Days logged of the last 28"] == "1 (the diary is 5 days old)"


# Kind 8: the critics' check on the person's own data.


def test_the_ratio_check_on_steady_training(diary: Diary) -> None:
    start = dt.date(2025, 1, 6)
    for n in range(120):
        minutes = (40, 60, 0, 50, 45, 90, 0)[n % 7] * (1.5 if n // 7 % 5 == 4 else 1)
        log(diary, start + dt.timedelta(days=n), minutes, 6 if minutes else 0)
    check = summary_of(diary, start + dt.timedelta(days=119)).check
    assert check.days == 120 - 27
    assert check.spearman is not None and check.spearman > 0.8
    assert check.warnings == ()


def test_an_outlier_day_is_named(diary: Diary) -> None:
    start = dt.date(2025, 1, 6)
    for n in range(60):
        log(diary, start + dt.timedelta(days=n), 45 if n != 55 else 600, 5)
    check = summary_of(diary, start + dt.timedelta(days=59)).check
    (warning,) = check.warnings
    assert (
        "1 day(s) in the last 4 weeks" in warning and str(start + dt.timedelta(days=55)) in warning
    )


@pytest.mark.usefixtures("cli_data_dir")
def test_status_prints_the_methods_reasons_and_check() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(DATA / "ten-of-28-days.csv")]).exit_code == 0
    result = runner.invoke(app, ["status", "--date", "2026-11-30"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "(coupled)" in result.stdout and "(uncoupled)" in result.stdout
    assert "not shown: only 10 of the last 28 days logged; needs 21" in result.stdout
    assert "Does the ratio add anything?" in result.stdout


def test_the_dashboard_shows_the_same_named_rows(diary: Diary) -> None:
    from kneewise.web.dashboard import build_dashboard

    import_file(diary, DATA / "steady-then-double.csv")
    load = build_dashboard(diary, weeks=8, today=TODAY).load
    shown = {row.label: row.text for row in load.rows}
    assert shown == texts(summary_of(diary))
    assert load.check is not None and load.check.why_not is not None


def test_own_halved_week_names_all_four_methods(diary: Diary) -> None:
    start = dt.date(2025, 2, 3)
    for n in range(35):
        log(diary, start + dt.timedelta(days=n), 60 if n < 28 else 30, 6)
    shown = texts(summary_of(diary, start + dt.timedelta(days=34)))
    ratios = {label: text for label, text in shown.items() if label.startswith("Acute:chronic")}
    assert len(ratios) == 4
    assert {label.rsplit("(", 1)[1] for label in ratios} == {"coupled)", "uncoupled)"}
    assert sum("EWMA" in label for label in ratios) == 2
    # Rolling: 1260 / ((28 - 7) x 360 + 7 x 180) / 4) and 1260 / (21 x 360 / 3).
    assert ratios["Acute:chronic ratio, rolling 7 days ÷ 28-day weekly mean (coupled)"] == "0.57"
    uncoupled = (
        "Acute:chronic ratio, rolling 7 days ÷ weekly mean of the 21 days before (uncoupled)"
    )
    assert ratios[uncoupled] == "0.50"


@pytest.mark.usefixtures("cli_data_dir")
def test_status_names_the_sessions_left_out_for_lack_of_an_rpe() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(DATA / "run-2330-local-utc+3.fit")]).exit_code == 0
    result = runner.invoke(app, ["status", "--date", "2026-11-30"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Left out of the load (no RPE)" in result.stdout
    assert "1 session(s): 2026-11-20 running; add the RPE to count them" in result.stdout
