"""The terminal's conversation asks of the one whose knee it is (round 17e).

"My son ... he's been limping": the answers are his, so "How old are they?", not "How old are
you?". The real CLI, parser and knowledge.
"""

from __future__ import annotations

from typer.testing import CliRunner

from kneewise.cli import app

runner = CliRunner()


def _asked(words: str) -> str:
    replies = [""] + ["?"] * 60  # accept what was read, then "don't know" to every question
    result = runner.invoke(app, ["assess"], input="\n".join([words, *replies]) + "\n")
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def test_a_sons_knee_is_asked_of_him() -> None:
    asked = _asked("my son has a sore knee, he's been limping since Sunday")
    assert "How old are they?" in asked and "How old are you?" not in asked
    assert "Do they have sickle cell disease?" in asked
    assert "Do you have sickle cell disease?" not in asked


def test_ones_own_knee_is_asked_of_oneself() -> None:
    asked = _asked("my knee has been sore since Sunday")
    assert "How old are you?" in asked


def test_an_answer_in_the_first_person_is_said_of_them() -> None:
    asked = _asked("my son has a sore knee, he's been limping since Sunday")
    assert "They have never had an operation on this knee" in asked
    assert "I have never had an operation" not in asked
    own = _asked("my knee has been sore since Sunday")
    assert "I have never had an operation on this knee" in own
