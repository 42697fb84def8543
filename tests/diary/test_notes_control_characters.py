"""Notes on the command line: control characters refused by name, direction controls kept.

Break-it trial: NUL and U+202E (right-to-left override) were stored in a note
and printed raw by `kneewise log list`, where the override reordered the line.
A note now refuses control characters but new line and tab (the one rule of the
records, for every way in); a direction control is kept as written and the list
shows it by its code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app as cli_app
from kneewise.diary import list_sessions, open_diary


def _log(runner: CliRunner, notes: str) -> tuple[int, str]:
    said = runner.invoke(cli_app, ["log", "session", "-a", "running", "-d", "30", "-n", notes])
    return said.exit_code, said.output


@pytest.mark.parametrize(
    ("notes", "named"),
    [("felt ok\x00", "U+0000"), ("\x1b]0;title\x07", "U+001B"), ("tab ok, \x08 no", "U+0008")],
)
def test_a_control_character_is_refused_on_the_command_line(
    cli_data_dir: Path, notes: str, named: str
) -> None:
    runner = CliRunner()
    code, output = _log(runner, notes)  # no diary yet: the SQLAlchemy path
    assert code == 2, output
    assert named in output and "new lines and tabs" in output
    assert _log(runner, "a good note")[0] == 0
    code, output = _log(runner, notes)  # a diary at its revision: the direct sqlite3 path
    assert code == 2 and named in output, output
    assert [s.notes for s in list_sessions(open_diary())] == ["a good note"]


@pytest.mark.parametrize(
    ("notes", "shown"),
    [
        ("evil \u202eexe.txt", "evil <U+202E>exe.txt"),
        ("\u2067عربي\u2069 then knee", "<U+2067>عربي<U+2069> then knee"),
        ("first line\nsecond\tline", "first line / second line"),
    ],
)
def test_log_list_shows_direction_controls_by_code_and_keeps_the_note(
    cli_data_dir: Path, notes: str, shown: str
) -> None:
    runner = CliRunner()
    code, output = _log(runner, notes)
    assert code == 0, output
    (stored,) = list_sessions(open_diary())
    assert stored.notes == notes  # what the person wrote, kept
    listed = runner.invoke(cli_app, ["log", "list"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0
    assert shown in listed.output
    assert "\u202e" not in listed.output and "\u2067" not in listed.output
