"""The diary commands, run in-process through Typer's CliRunner on a SQLite diary."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.diary import count_records, list_pain_entries, list_sessions, open_diary

EXAMPLES = Path(__file__).parents[2] / "examples" / "diary"
runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    # Wide: these check what is said; wrapping at 80 columns is tested in tests/cli.
    result = runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _data_dir(cli_data_dir: Path) -> Path:
    return cli_data_dir


def test_log_session_defaults_to_today(today: dt.date, cli_data_dir: Path) -> None:
    code, out, _ = run(
        "log",
        "session",
        "--activity",
        "Running",
        "--duration",
        "45",
        "--rpe",
        "6",
        "--distance",
        "8",
        "-e",
        "squat:3x8@60",
        "-e",
        "lunge",
    )
    assert code == 0
    assert "load 270" in out
    (stored,) = list_sessions(open_diary())
    assert (stored.date, stored.activity, stored.distance_km) == (today, "running", 8)
    assert [e.name for e in stored.exercises] == ["squat", "lunge"]
    assert (cli_data_dir / "diary.sqlite3").exists()


def test_log_session_rejects_bad_values_with_exit_code_2() -> None:
    code, _, err = run(
        "log",
        "session",
        "-a",
        "running",
        "-d",
        "45",
        "-r",
        "11",
        "--date",
        "2999-01-01",
        "-e",
        "squat:3by8",
    )
    assert code == 2
    assert "squat:3by8" in err
    assert "NAME[:SETSxREPS][@LOAD_KG]" in err
    assert "Traceback" not in err
    code, _, err = run("log", "session", "-a", "running", "-d", "45", "-r", "11")
    assert code == 2
    assert "Effort (RPE) must be a number from 0 to 10" in err
    code, _, err = run("log", "session", "-a", "running", "-d", "45", "-r", "5", "--date", "soon")
    assert code == 2
    assert "Date must be a date (YYYY-MM-DD, 'today' or 'yesterday')" in err
    assert list_sessions(open_diary()) == []


def test_log_pain_uses_the_profile_knee_and_merges_the_morning() -> None:
    code, _, err = run("log", "pain", "--during", "3")
    assert code == 2
    assert "which knee?" in err
    assert run("profile", "set", "--knee", "right", "--age", "34")[0] == 0
    assert run("log", "pain", "--during", "3", "--after", "4", "--date", "yesterday")[0] == 0
    code, out, _ = run("log", "pain", "--morning", "2", "--date", "yesterday", "--swelling")
    assert code == 0
    assert out.startswith("Updated the right knee")
    (entry,) = list_pain_entries(open_diary())
    assert (entry.during, entry.after, entry.next_morning, entry.swelling) == (3, 4, 2, True)


def test_log_pain_needs_a_finding_and_valid_scores() -> None:
    code, _, err = run("log", "pain", "--knee", "left")
    assert code == 2
    assert "at least one of: pain during activity, pain after activity" in err
    assert "next_morning" not in err
    code, _, err = run("log", "pain", "--knee", "sideways", "--during", "12")
    assert code == 2
    assert "Knee must be one of left, right, both" in err
    assert "Pain during activity must be a whole number from 0 to 10; got 12" in err


def test_profile_show_and_set() -> None:
    assert run("profile", "set")[0] == 2
    code, out, _ = run(
        "profile",
        "set",
        "--sex",
        "female",
        "--sport",
        "running",
        "--sport",
        "Trail Running",
        "--height",
        "170",
    )
    assert code == 0
    assert "running, trail running" in out
    code, out, _ = run("profile")
    assert code == 0
    assert "female" in out
    code, _, err = run("profile", "set", "--height", "17")
    assert code == 2
    assert "Height must be centimetres from 100 to 230" in err
    assert "height_cm" not in err


def test_import_reports_counts_and_duplicates() -> None:
    code, out, _ = run("import", str(EXAMPLES / "diary.csv"))
    assert code == 0
    assert "7 session(s) and 7 pain entries added; 0 duplicate(s)" in out
    code, out, _ = run("import", str(EXAMPLES / "diary.csv"))
    assert "14 duplicate(s) skipped" in out


def test_import_of_a_bad_file_names_the_lines_and_saves_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,activity,duration_min,rpe\n2024-05-01,running,45,6\n2024-05-02,,30,x\n")
    code, _, err = run("import", str(bad))
    assert code == 2
    assert "line 3: activity is required" in err
    assert "line 3: rpe must be a number from 0 to 10" in err
    assert "nothing was imported" in err
    assert count_records(open_diary())["training_session"] == 0


def test_import_options_are_checked(tmp_path: Path) -> None:
    assert run("import", str(tmp_path / "none.csv"))[0] == 2
    code, _, err = run("import", str(EXAMPLES / "run.gpx"), "--format", "tcx")
    assert code == 2
    assert "--format must be one of csv, json, strava, gpx, fit" in err
    code, out, _ = run("import", str(EXAMPLES / "run.fit"), "--rpe", "5")
    assert (code, "1 session(s)" in out) == (0, True)


def test_export_json_has_everything(tmp_path: Path) -> None:
    run("import", str(EXAMPLES / "diary.csv"))
    run("profile", "set", "--age", "40")
    code, out, _ = run("export")
    assert code == 0
    document = json.loads(out)
    assert (len(document["sessions"]), len(document["pain_entries"])) == (7, 7)
    assert document["profile"]["age"] == 40
    target = tmp_path / "out.json"
    assert run("export", "--format", "json", "--out", str(target))[0] == 0
    assert json.loads(target.read_text())["format"] == "kneewise-diary"


def test_export_csv_round_trips_through_import(tmp_path: Path) -> None:
    run("import", str(EXAMPLES / "diary.csv"))
    code, out, _ = run("export", "--format", "csv", "--out", str(tmp_path / "export"))
    assert code == 0
    assert "diary.csv, profile.csv, assessments.csv, questionnaires.csv" in out
    before = (list_sessions(open_diary()), list_pain_entries(open_diary()))
    assert run("delete", "--all", "--yes")[0] == 0
    assert run("import", str(tmp_path / "export" / "diary.csv"))[0] == 0
    after = (list_sessions(open_diary()), list_pain_entries(open_diary()))
    strip = {"id", "source"}
    assert [s.model_dump(exclude=strip) for s in after[0]] == [
        s.model_dump(exclude=strip) for s in before[0]
    ]
    assert [p.model_dump(exclude={"id"}) for p in after[1]] == [
        p.model_dump(exclude={"id"}) for p in before[1]
    ]
    assert run("export", "--format", "xml")[0] == 2


def test_delete_all_asks_first() -> None:
    run("import", str(EXAMPLES / "diary.csv"))
    code, out, _ = run("delete", "--all", stdin="n\n")
    assert code == 1
    assert "Nothing was deleted" in out
    assert count_records(open_diary())["training_session"] == 7
    code, out, _ = run("delete", "--all", stdin="y\n")
    assert code == 0
    assert set(count_records(open_diary()).values()) == {0}
    assert run("delete")[0] == 2


def test_delete_single_records() -> None:
    run("log", "session", "-a", "running", "-d", "30", "-r", "4")
    assert run("delete", "--session", "1")[0] == 0
    code, _, err = run("delete", "--session", "1")
    assert code == 2
    assert "there is no session 1" in err


def test_a_bad_database_url_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNEEWISE_DATABASE_URL", "nonsense://")
    code, _, err = run("log", "session", "-a", "running", "-d", "30", "-r", "4")
    assert code == 2
    assert "nonsense" in err
    assert "Traceback" not in err


def test_status_shows_the_light_and_the_figures() -> None:
    run("profile", "set", "--knee", "right")
    for days_ago in range(30):
        run("log", "session", "-a", "running", "-d", "40", "-r", "5", "--date", f"-{days_ago}")
    run("log", "pain", "--during", "2", "--after", "2", "--date", "yesterday")
    run("log", "pain", "--during", "2", "--morning", "1")
    code, out, _ = run("status")
    assert code == 0
    assert "GREEN" in out
    assert "Acute:chronic ratio" in out
    assert "1.00" in out  # steady training: acute equals chronic


def test_status_escalates_night_pain() -> None:
    run("log", "pain", "--knee", "left", "--during", "3", "--night-pain")
    code, out, _ = run("status")
    assert code == 0
    assert "RED" in out
    assert "doctor" in out


def test_status_with_an_empty_diary() -> None:
    code, out, _ = run("status")
    assert code == 0
    assert "No sessions with an RPE yet" in out


def test_trends_draws_weekly_bars() -> None:
    for days_ago in (1, 3, 8, 10):
        run("log", "session", "-a", "running", "-d", "50", "-r", "6", "--date", f"-{days_ago}")
    run("log", "pain", "--knee", "right", "--during", "4", "--date", "-1")
    code, out, _ = run("trends", "--weeks", "4")
    assert code == 0
    assert "█" in out
    assert "Weekly load and pain" in out
    code, out, _ = run("trends", "--weeks", "0")
    assert code == 2
