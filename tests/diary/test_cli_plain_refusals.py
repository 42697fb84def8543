"""Bad numbers, ids and dates on the diary's command line: a plain message, a short echo.

Never Typer's boxed pydantic text ("Input should be a valid integer"), never a
309-digit echo, never "cannot be saved" from a command that saves nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _data_dir(cli_data_dir: Path) -> Path:
    return cli_data_dir


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["log", "pain", "-k", "left", "--during", "nan"],
            "--during must be a whole number from 0 to 10; got 'nan'",
        ),
        (
            ["log", "pain", "-k", "left", "--after", "2.5"],
            "--after must be a whole number from 0 to 10; got '2.5'",
        ),
        (["log", "pain", "-k", "left", "--stiffness", "٣"], "--stiffness must be whole minutes"),
        (["log", "session", "-a", "run", "-d", "inf"], "--duration must be minutes"),
        (
            ["log", "session", "-a", "run", "-d", "45", "-r", "hard"],
            "--rpe must be a number from 0 to 10",
        ),
        (
            ["log", "session", "-a", "run", "-d", "45", "--distance", "ten"],
            "--distance must be a distance in your profile's unit",
        ),
        (["log", "edit", "session", "abc"], "a session id is a whole number from 1"),
        (["log", "edit", "pain", "0"], "a pain entry id is a whole number from 1"),
        (["log", "edit", "session", "9" * 30], "a session id is a whole number from 1"),
        (["delete", "--session", "one"], "a session id is a whole number from 1"),
        (["trends", "--weeks", "0"], "--weeks must be a whole number of weeks from 1 to 104"),
        (
            ["status", "--date", "2026-13-01"],
            "--date '2026-13-01' is not a real date; give YYYY-MM-DD",
        ),
        (["status", "--date", "31/12/2025"], "is not a real date"),
        (["profile", "set", "--age", "forty"], "--age must be whole years from 5 to 100"),
        (["profile", "set", "--height", "1,80"], "--height must be centimetres from 100 to 230"),
        (["log", "list", "--count", "many"], "--count must be a whole number from 1 to 100"),
        (["log", "list", "--count", "500"], "--count must be a whole number from 1 to 100"),
        (["import", "x.csv", "--rpe", "hard"], "--rpe must be a number from 0 to 10"),
    ],
)
def test_a_bad_value_gets_a_plain_message(args: list[str], said: str) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    text = " ".join(result.output.split())
    assert result.exit_code == 2, text
    assert said in text
    assert "Input should be" not in text and "╭" not in text
    assert "cannot be saved" not in text or args[0] == "log"


@pytest.mark.parametrize("huge", ["1e308", "99999999999999999999999", "1.5e20"])
def test_a_huge_number_is_echoed_short(huge: str) -> None:
    result = runner.invoke(app, ["log", "session", "-a", "run", "-d", huge],
                           env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 2
    assert "Duration must be minutes" in result.output
    assert not re.search(r"[0-9]{16}", result.output), result.output


def test_a_long_bad_value_is_named_by_its_length() -> None:
    result = runner.invoke(app, ["log", "pain", "-k", "left", "--during", "x" * 500])
    text = " ".join(result.output.split())
    assert result.exit_code == 2
    assert "(500 characters)" in text and "x" * 30 not in text


@pytest.mark.parametrize("args", [["log", "list"], ["trends"], ["log", "list", "-c", "3"]])
def test_the_defaults_and_good_values_still_run(args: list[str]) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
