"""The command line keeps each sport and each pain place once, in the order given."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kneewise.cli import app as cli_app
from kneewise.diary import list_pain_entries, open_diary


def test_the_command_line_keeps_each_sport_and_place_once(cli_data_dir: Path) -> None:
    runner = CliRunner()
    said = runner.invoke(
        cli_app, ["profile", "set", "--sport", "run", "--sport", "Run", "--sport", " run"]
    )
    assert said.exit_code == 0, said.stderr
    logged = runner.invoke(
        cli_app,
        ["log", "pain", "--knee", "right", "--during", "4", "-l", "outer", "-l", "outer"],
    )
    assert logged.exit_code == 0, logged.stderr
    (entry,) = list_pain_entries(open_diary())
    assert entry.location == ("outer",)
    shown = runner.invoke(cli_app, ["profile"])
    assert shown.stdout.count("run") == 1
