"""The terminal conversation in the person's temperature unit, and its lists fitted to the width.

Issue 14: the fever question said "38 °C (100.4 °F)" to a person whose unit
is °F; long choices wrapped to column 0 instead of under their own text.
"""

from __future__ import annotations

import itertools
import re

import pytest
from typer.testing import CliRunner

from kneewise.cli import app

#: A knee that may be infected, in other words each time: the fever question is asked.
HOT_KNEE_WORDS = [
    "my knee is hot, red and swollen since yesterday",
    "the knee swelled up and feels warm to touch, it is red",
    "swollen red knee that is warm, I feel unwell",
]
DONT_KNOW_TO_ALL = "\n" + "?\n" * 40
CHOICE = re.compile(r"  (\d+)\. \S")


@pytest.mark.parametrize("words", HOT_KNEE_WORDS)
def test_the_fever_question_says_fahrenheit_first_for_a_fahrenheit_person(words: str) -> None:
    runner = CliRunner()
    env = {"COLUMNS": "200"}
    args = ["assess", "--text", words]
    fahrenheit = runner.invoke(
        app, [*args, "--temperature-unit", "F"], input=DONT_KNOW_TO_ALL, env=env
    )
    celsius = runner.invoke(
        app, [*args, "--temperature-unit", "C"], input=DONT_KNOW_TO_ALL, env=env
    )
    assert fahrenheit.exit_code == celsius.exit_code == 0, fahrenheit.output
    assert "fever of 38 °C (100.4 °F)" in celsius.output
    assert "fever of 100.4 °F (38 °C)" in fahrenheit.output
    assert "38 °C (100.4 °F)" not in fahrenheit.output


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_choices_wrap_under_their_own_text(columns: int) -> None:
    result = CliRunner().invoke(
        app,
        ["assess", "--text", HOT_KNEE_WORDS[0]],
        input=DONT_KNOW_TO_ALL,
        env={"COLUMNS": str(columns)},
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    numbered = {i: int(m[1]) for i, line in enumerate(lines) if (m := CHOICE.match(line))}
    following = [(a, b) for a, b in itertools.pairwise(numbered) if numbered[b] == numbered[a] + 1]
    assert following, result.output
    for first, second in following:
        # Lines between a choice and the next continue it: under its text, never at column 0.
        for line in lines[first + 1 : second]:
            assert line.startswith("     "), f"{lines[first]!r} then {line!r}"
