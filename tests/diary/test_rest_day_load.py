"""A rest day is a known zero load in every output; a day with no entry stays unrecorded.

Session load is minutes × RPE (Foster 2001): 0 minutes is 0 AU whatever the
effort, so a rest day logged without an effort rating is counted, as zero. A
session with minutes but no rating is still left out, and a day without any
entry is still not a logged day. The CLI (real Typer app), the API and the
diary page (real app in-process), the dashboard and the PDF report's content
(real SQLite diary) must all say the same.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.diary import Diary, SessionRecord, add_session, open_diary
from kneewise.knowledge.load import load_knowledge
from kneewise.report.content import report_content
from kneewise.web.dashboard import build_dashboard

runner = CliRunner()
START = dt.date(2025, 3, 3)
#: The day judged: three weeks of rated cycling, then a week of rest days, no effort given.
JUDGED = START + dt.timedelta(days=27)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _row(out: str, label: str) -> str:
    found = re.search(rf"{re.escape(label)}\s*│\s*(.+?)\s*│", out)
    assert found, out
    return found.group(1)


def _fill(diary: Diary, rest_activity: str = "rest") -> None:
    for n in range(21):
        day = START + dt.timedelta(days=n)
        add_session(diary, SessionRecord(date=day, activity="cycling", duration_min=50, rpe=6))
    for n in range(21, 28):
        day = START + dt.timedelta(days=n)
        add_session(diary, SessionRecord(date=day, activity=rest_activity, duration_min=0))


@pytest.fixture
def filled(tmp_path: Path) -> Diary:
    diary = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    _fill(diary)
    return diary


def test_a_rest_day_record_has_a_load_of_zero_and_minutes_without_effort_none() -> None:
    rest = SessionRecord(date=START, activity="day off", duration_min=0)
    assert rest.load == 0
    assert SessionRecord(date=START, activity="rest", duration_min=0, rpe=3).load == 0
    assert SessionRecord(date=START, activity="swimming", duration_min=30).load is None


def test_cli_logs_a_rest_day_without_effort_as_load_zero(cli_data_dir: Path) -> None:
    line = run("log", "session", "-a", "rest day", "-d", "0", "--date", START.isoformat())
    assert "= load 0" in line
    assert "not counted" not in line
    unrated = run("log", "session", "-a", "yoga", "-d", "30", "--date", START.isoformat())
    assert "not counted in the training load" in unrated


def test_cli_status_counts_a_week_of_unrated_rest_days(cli_data_dir: Path) -> None:
    diary = open_diary()  # the one the command line uses (KNEEWISE_DATA_DIR)
    try:
        _fill(diary, rest_activity="day_off")
    finally:
        diary.close()
    out = run("status", "--date", JUDGED.isoformat())
    assert "Left out of the load" not in out
    assert "without an RPE" not in out
    # 0 over the week after three of 300 a day: the ratio is shown, the week is known.
    assert _row(
        out, "Acute:chronic ratio, rolling 7 days ÷ 28-day weekly mean (coupled)"
    ).startswith("0.00")


def test_cli_status_still_leaves_out_minutes_without_effort(cli_data_dir: Path) -> None:
    run("log", "session", "-a", "rest", "-d", "0", "--date", START.isoformat())
    run(
        "log",
        "session",
        "-a",
        "hiking",
        "-d",
        "90",
        "--date",
        (START + dt.timedelta(1)).isoformat(),
    )
    out = run("status", "--date", (START + dt.timedelta(2)).isoformat())
    left_out = _row(out, "Left out of the load (no RPE)")
    assert left_out.startswith("1 session(s):") and "hiking" in left_out
    assert "rest" not in left_out


def test_dashboard_shows_the_ratio_and_leaves_nothing_out(filled: Diary) -> None:
    board = build_dashboard(filled, weeks=4, today=JUDGED)
    assert board.load.unrated == 0
    assert board.load.acute == 0
    assert board.load.coverage == 28
    assert board.load.ratio == pytest.approx(0.0)


def test_dashboard_counts_an_unrated_run_but_not_an_unrated_rest_day(tmp_path: Path) -> None:
    diary = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    add_session(diary, SessionRecord(date=START, activity="rest", duration_min=0))
    add_session(diary, SessionRecord(date=START, activity="tennis", duration_min=60))
    board = build_dashboard(diary, weeks=4, today=START)
    assert board.load.unrated == 1


def test_the_report_counts_no_rest_day_as_unrated(filled: Diary) -> None:
    knowledge = load_knowledge()
    content = report_content(filled, START, JUDGED, knowledge, today=JUDGED + dt.timedelta(1))
    assert content.summary.sessions == 28
    assert content.summary.unrated == 0


def test_api_says_a_rest_day_without_effort_has_load_zero(client: TestClient) -> None:
    rest = {"date": START.isoformat(), "activity": "rest", "duration_min": 0}
    saved = client.post("/api/v1/sessions", json=rest)
    assert saved.status_code == 201, saved.text
    assert (saved.json()["load"], saved.json()["load_note"]) == (0, None)
    walk = {"date": START.isoformat(), "activity": "walking", "duration_min": 40}
    unrated = client.post("/api/v1/sessions", json=walk).json()
    assert unrated["load"] is None and "left out of the training load" in unrated["load_note"]


def test_the_diary_page_lists_a_rest_day_with_load_zero(client: TestClient) -> None:
    client.post(
        "/api/v1/sessions",
        json={"date": START.isoformat(), "activity": "day off", "duration_min": 0},
    )
    page = client.get("/diary").text
    entry = re.search(r"<li><span>" + START.isoformat() + r" · day off · 0 min([^<]*)", page)
    assert entry, page
    assert "load 0" in entry.group(1)
    assert "not in the load" not in entry.group(1)


def test_rest_days_after_a_run_do_not_hide_lingering_pain_anywhere(
    cli_data_dir: Path,
) -> None:
    """Rest days are no session for the pain light: the CLI, dashboard and report say red."""
    day = JUDGED.isoformat()

    def ago(days: int) -> str:
        return (JUDGED - dt.timedelta(days=days)).isoformat()

    # A run without an effort rating is still the session the pain follows.
    run("log", "session", "-a", "running", "-d", "45", "--date", ago(6))
    for n in range(1, 6):
        run("log", "session", "-a", "rest", "-d", "0", "--date", ago(n))
    for n, score in ((9, "0"), (5, "3"), (2, "3")):
        run("log", "pain", "--knee", "left", "--morning", score, "--date", ago(n))
    assert "RED" in run("status", "--date", day)
    diary = open_diary()
    try:
        assert build_dashboard(diary, weeks=4, today=JUDGED).light.colour == "red"
        content = report_content(
            diary, JUDGED - dt.timedelta(10), JUDGED, load_knowledge(), today=JUDGED
        )
        assert content.light.colour == "red"
    finally:
        diary.close()
