"""Editing, listing, units and an optional effort on the command line, on a fresh SQLite diary."""

from __future__ import annotations

import os
import re
import select
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.diary import get_profile, list_pain_entries, list_sessions, open_diary

README = Path(__file__).parents[2] / "README.md"
runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    # Wide: these check what is said; wrapping at 80 columns is tested in tests/cli.
    result = runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _data_dir(cli_data_dir: Path) -> Path:
    return cli_data_dir


def readme_diary_commands() -> list[list[str]]:
    """The README's `kneewise log|profile …` lines, in order, as argument lists."""
    commands = []
    for line in README.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*(?:\$ )?\.venv/bin/kneewise ((?:log|profile) .*?)(?:\s+#.*)?$", line)
        if match:
            commands.append(shlex.split(match.group(1)))
    return commands


def test_the_readme_diary_commands_work_as_written_on_a_fresh_diary() -> None:
    commands = readme_diary_commands()
    assert ["log", "pain", "--during", "3", "--after", "4", "--morning", "2"] in commands
    for command in commands:
        code, out, err = run(*command)
        assert code == 0, f"`kneewise {' '.join(command)}` failed: {out}{err}"
    (entry,) = list_pain_entries(open_diary())
    assert (entry.during, entry.after, entry.next_morning) == (3, 4, 2)


def test_log_pain_without_a_knee_and_no_terminal_says_how_to_set_one() -> None:
    code, _, err = run("log", "pain", "--after", "2")
    assert code == 2
    assert "--knee left|right|both" in err and "kneewise profile set --knee" in err
    assert list_pain_entries(open_diary()) == []


def test_a_session_without_effort_is_kept_and_said_to_be_out_of_the_load() -> None:
    code, out, _ = run("log", "session", "-a", "cycling", "-d", "60")
    assert code == 0
    assert "not counted in the training load" in out
    (stored,) = list_sessions(open_diary())
    assert stored.rpe is None and stored.load is None


def test_edit_a_session_changes_only_what_is_given_and_can_clear() -> None:
    run("log", "session", "-a", "running", "-d", "40", "--distance", "8", "-n", "intervals")
    (first,) = list_sessions(open_diary())
    code, out, _ = run("log", "edit", "session", str(first.id), "--rpe", "7", "--clear", "notes")
    assert code == 0 and "load 280" in out
    (edited,) = list_sessions(open_diary())
    assert (edited.rpe, edited.notes, edited.distance_km, edited.duration_min) == (7, None, 8, 40)
    code, _, err = run("log", "edit", "session", str(first.id), "--duration", "-3")
    assert code == 2 and "Duration must be minutes" in err and "duration_min" not in err
    code, _, err = run("log", "edit", "session", "999", "--rpe", "3")
    assert code == 2 and "no session 999" in err
    code, _, err = run("log", "edit", "session", str(first.id), "--clear", "colour")
    assert code == 2 and "it can clear rpe, distance, notes" in err
    assert list_sessions(open_diary()) == [edited]


def test_edit_pain_refuses_to_land_on_another_entry_of_that_day_and_knee() -> None:
    run("log", "pain", "--knee", "left", "--during", "2", "--date", "yesterday")
    run("log", "pain", "--knee", "right", "--during", "5", "--date", "yesterday")
    left, right = sorted(list_pain_entries(open_diary()), key=lambda e: e.knee)
    code, _, err = run("log", "edit", "pain", str(left.id), "--knee", "right")
    assert code == 2 and f"pain entry {right.id} already holds" in err
    code, out, _ = run("log", "edit", "pain", str(left.id), "--after", "4", "--clear", "during")
    assert code == 0 and "after 4" in out and "during" not in out
    code, _, err = run("log", "edit", "pain", str(left.id), "--clear", "after")
    assert code == 2 and "at least one of" in err


def test_log_list_shows_the_ids_edit_needs() -> None:
    run("log", "session", "-a", "Trail Running", "-d", "50", "-r", "5", "-n", "muddy")
    code, out, _ = run("log", "list")
    (stored,) = list_sessions(open_diary())
    assert code == 0 and f"session {stored.id}:" in out and "trail running" in out
    assert "muddy" in out


def test_miles_from_the_profile_are_read_and_shown_but_stored_as_km() -> None:
    code, out, _ = run("profile", "set", "--distance-unit", "miles", "--temperature-unit", "°F")
    assert code == 0 and "miles" in out and "degrees Fahrenheit" in out
    profile = get_profile(open_diary())
    assert (profile.distance_unit, profile.temperature_unit) == ("mi", "F")
    code, out, _ = run("log", "session", "-a", "running", "-d", "30", "-r", "4", "--distance", "5")
    assert code == 0 and "5 mi" in out
    (stored,) = list_sessions(open_diary())
    assert stored.distance_km == pytest.approx(8.047, abs=0.001)
    code, _, err = run("log", "session", "-a", "running", "-d", "30", "--distance", "700")
    assert code == 2 and "Distance must be miles, from 0 to 621.37" in err
    code, _, err = run("profile", "set", "--distance-unit", "yards")
    assert code == 2 and "Distance unit must be km (kilometres) or mi (miles)" in err


def test_long_notes_are_refused_by_their_length_not_echoed() -> None:
    code, _, err = run("log", "session", "-a", "running", "-d", "30", "-n", "x" * 2001)
    assert code == 2
    assert "Notes must be text of at most 2000 characters; got a text of 2001 characters" in err
    assert "x" * 100 not in err
    code, _, err = run("log", "session", "-a", "a" * 41, "-d", "30")
    assert code == 2 and "Activity must be a name of 1-40 letters" in err


def test_log_pain_without_a_knee_asks_on_a_terminal(cli_data_dir: Path) -> None:
    """The real command on a pseudo-terminal: it asks which knee, and saves the answer."""
    kneewise = Path(sys.executable).parent / "kneewise"
    env = {**os.environ, "KNEEWISE_DATA_DIR": str(cli_data_dir), "COLUMNS": "200"}
    env.pop("KNEEWISE_DATABASE_URL", None)
    leader, follower = os.openpty()
    process = subprocess.Popen(
        [str(kneewise), "log", "pain", "--during", "2"],
        stdin=follower, stdout=follower, stderr=follower, env=env,
    )  # fmt: skip
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + 60
    while b"Which knee?" not in shown and time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1)
        if ready:
            shown += os.read(leader, 4096)
    os.write(leader, b"sideways\nleft\n")  # a wrong answer is asked again
    try:
        while True:  # read until the command ends (EIO on Linux once it has)
            ready, _, _ = select.select([leader], [], [], 1)
            if ready:
                shown += os.read(leader, 4096)
            elif process.poll() is not None:
                break
    except OSError:
        pass
    finally:
        os.close(leader)
    assert process.wait(timeout=30) == 0, shown.decode(errors="replace")
    assert b"Logged the left knee" in shown
    assert shown.count(b"Which knee?") == 2 and b"Traceback" not in shown
    (entry,) = list_pain_entries(open_diary())
    assert (entry.knee, entry.during) == ("left", 2)
