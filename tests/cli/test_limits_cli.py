"""Too-long input in the terminal is refused with its limit: never a traceback, never cut."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.cli.assess import MAX_INTAKE_BYTES
from kneewise.cli.interactive import ask
from kneewise.cli.replies import MAX_REPLY, MAX_WORDS
from kneewise.interview import Question
from kneewise.knowledge.load import load_knowledge

runner = CliRunner()
STORY = "my knee hurts at the front after running, worse going down stairs. "


def test_the_terminal_reads_as_many_words_as_the_web_check() -> None:
    from kneewise.web.routes.pages_check import MAX_TEXT

    assert MAX_WORDS == MAX_TEXT


def test_long_words_on_the_command_line_are_refused_with_the_limit() -> None:
    words = (STORY * 100)[: MAX_WORDS + 1]
    for extra in ([], ["--json"]):
        result = runner.invoke(app, ["assess", "--text", words, *extra])
        assert result.exit_code == 2
        assert "Your words are 5,001 characters long; kneewise reads at most 5,000" in (
            result.stderr
        )
        assert "Traceback" not in result.output


def test_long_words_typed_are_asked_again() -> None:
    long_story = (STORY * 80).strip()
    typed = [long_story, "my knee hurts", ""] + ["?"] * 40
    result = runner.invoke(app, ["assess"], input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    shown = " ".join(result.stdout.split())
    assert f"Your words are {len(long_story):,} characters long; kneewise reads at most" in shown
    assert "What is probably going on" in result.stdout


@pytest.mark.parametrize("where", ["stdin", "file"])
def test_a_huge_intake_is_refused_with_the_limit(where: str, tmp_path: Path) -> None:
    big = '{"age": 30, "x": "' + "a" * MAX_INTAKE_BYTES + '"}'
    if where == "file":
        path = tmp_path / "big.json"
        path.write_text(big)
        result = runner.invoke(app, ["assess", "-i", str(path)])
    else:
        result = runner.invoke(app, ["assess", "-i", "-"], input=big)
    assert result.exit_code == 2
    assert "the intake is larger than 1 MiB (1,048,576 bytes)" in result.stderr
    assert "Traceback" not in result.output


def test_a_long_reply_is_refused_and_asked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    question = Question.model_validate(
        {"id": "age", "fields": ["age"], "text": "How old are you?", "help": "",
         "rationale": "", "type": "number", "red_flag": False, "asked_so_far": 0,
         "most_remaining": 3, "level_so_far": "self_care"}
    )  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO("4" * (MAX_REPLY + 1) + "\n34\n"))
    out = io.StringIO()
    given = ask(question, load_knowledge(), Console(file=out, width=100), {})
    assert given == ({"age": 34}, [])
    shown = " ".join(out.getvalue().split())
    assert f"That answer is {MAX_REPLY + 1} characters long; kneewise reads at most 200" in shown
