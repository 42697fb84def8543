"""`kneewise status` never turns a yes/no that was not given into a "no" (safety rule)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(autouse=True)
def _data_dir(cli_data_dir: Path) -> Path:
    return cli_data_dir


def _row(out: str, label: str) -> str:
    found = re.search(rf"{label}\s*│\s*(.+?)\s*│", out)
    assert found, out
    return found.group(1)


def test_an_entry_without_night_pain_or_swelling_says_not_recorded() -> None:
    run("log", "pain", "--knee", "left", "--during", "2", "--after", "2", "--morning", "1",
        "--date", "-1")  # fmt: skip
    out = run("status")
    assert _row(out, "Night pain recently") == "not recorded"
    assert _row(out, "New swelling") == "not recorded"


def test_a_said_no_is_shown_as_no_and_a_yes_as_yes() -> None:
    run("log", "pain", "--knee", "right", "--during", "3", "--no-night-pain", "--swelling",
        "--date", "-2")  # fmt: skip
    out = run("status")
    assert _row(out, "Night pain recently") == "no"
    assert _row(out, "New swelling") == "yes"
    assert "RED" in out


def test_a_later_entry_that_did_not_say_keeps_the_week_unrecorded() -> None:
    run("log", "pain", "--knee", "left", "--during", "3", "--no-night-pain", "--no-swelling",
        "--date", "-3")  # fmt: skip
    run("log", "pain", "--knee", "left", "--during", "2", "--date", "-1")
    out = run("status")
    assert _row(out, "Night pain recently") == "not recorded"
