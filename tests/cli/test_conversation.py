"""The terminal conversation as a person meets it: screens, replies and what is sent.

`ask` is driven with typed replies on stdin; the whole conversation through
`kneewise assess --text`, as a person would type it.
"""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kneewise.cli import app, interactive
from kneewise.cli.interactive import ask, progress
from kneewise.interview import AnsweredItem, Evidence, Question
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import OtherAnswer

HOT_KNEE = "my knee is hot, red and swollen since yesterday and I have a temperature of 39"
runner = CliRunner()


def screen(**fields: Any) -> Question:
    base: dict[str, Any] = {
        "id": "screen", "fields": ["unwell", "wound"], "text": "Right now, is any of these true?",
        "help": "", "rationale": "", "type": "tick_any", "red_flag": True, "asked_so_far": 3,
        "most_remaining": 5, "level_so_far": "self_care",
    }  # fmt: skip
    return Question.model_validate({**base, **fields})


FEVER = AnsweredItem(field="fever", label="Do you have a fever?", value=True, words="39")


def reply(
    question: Question, typed: str, monkeypatch: pytest.MonkeyPatch, answers: Any = None
) -> tuple[Any, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=False)
    given = ask(question, load_knowledge(), console, answers or {})
    return given, out.getvalue()


def test_a_group_shows_what_was_said_and_an_empty_reply_is_not_no(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given, shown = reply(screen(answered=[FEVER]), "\n\nnone\n", monkeypatch)
    assert given == ({"unwell": False, "wound": False}, [])
    assert "Do you have a fever? (you said: “39”)" in shown
    assert "1. Do you feel generally ill" in shown
    assert "fever" not in shown.split("1.")[1]  # not offered again as a box to tick
    assert shown.count("Please type the numbers that apply, “none” if none of these") == 2
    assert "Any number you leave out counts as “no”; put ? before one you do not know" in shown
    assert "Question 4, at most 4 more" in shown


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1\n", ({"unwell": True, "wound": False}, [])),
        ("1,2\n", ({"unwell": True, "wound": True}, [])),
        ("?\n", ({}, ["unwell", "wound"])),
        ("7\nnone\n", ({"unwell": False, "wound": False}, [])),
        # one box not known stays unknown, never the "no" a box left out is (newcomer 18)
        ("1, ?2\n", ({"unwell": True}, ["wound"])),
        ("?1\n", ({"wound": False}, ["unwell"])),
        ("2?\n", ({"unwell": False}, ["wound"])),
        ("1 ?1\n??2\n?2\n", ({"unwell": False}, ["wound"])),
    ],
)
def test_group_replies(typed: str, expected: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert reply(screen(), typed, monkeypatch)[0] == expected


def test_a_single_question_needs_an_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    question = screen(id="fever", fields=["fever"], type="yes_no", text="Fever?")
    given, shown = reply(question, "\ny\n", monkeypatch)
    assert given == ({"fever": True}, [])
    assert "Please type an answer, or ? if you don't know." in shown
    assert reply(question, "?\n", monkeypatch)[0] == ({}, ["fever"])


def test_other_answers_are_extra_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    never = OtherAnswer(id="never_operated", label="I have never had an operation on this knee",
                        answers={"had_knee_surgery": False})  # fmt: skip
    question = screen(id="weeks_since_surgery", fields=["weeks_since_surgery"], type="number",
                      text="How many weeks ago?", other_answers=[never])  # fmt: skip
    given, shown = reply(question, "a\n", monkeypatch)
    assert "a) I have never had an operation on this knee" in shown
    assert given == ({"had_knee_surgery": False}, [])
    assert reply(question, "6\n", monkeypatch)[0] == ({"weeks_since_surgery": 6.0}, [])


def test_swollen_but_not_sure_when(monkeypatch: pytest.MonkeyPatch) -> None:
    unsure = OtherAnswer(id="swollen_time_unknown", answers={"swollen": True},
                         label="It is swollen, but I am not sure when it started",
                         dont_know=["swelling"])  # fmt: skip
    question = screen(id="swelling", fields=["swelling"], type="one_of", text="When?",
                      other_answers=[unsure])  # fmt: skip
    assert reply(question, "a\n", monkeypatch)[0] == ({"swollen": True}, ["swelling"])
    # A choice by its number; one that contradicts an earlier answer is refused, not stored.
    assert reply(question, "2\n", monkeypatch)[0] == ({"swelling": "within_2h"}, [])
    given, shown = reply(question, "1\n?\n", monkeypatch, {"swollen": True})
    assert given == ({}, ["swelling"])
    assert "That does not fit an earlier answer" in shown


def test_progress_counts_screens_answered_and_the_most_to_come() -> None:
    assert progress(screen(asked_so_far=0, most_remaining=12)) == "Question 1, at most 11 more"
    assert progress(screen(asked_so_far=6, most_remaining=1)) == "Question 7, the last one"


def record_evidence(monkeypatch: pytest.MonkeyPatch) -> list[Evidence]:
    sent: list[Evidence] = []
    real = interactive.next_step

    def spy(evidence: Evidence, kb: Any = None) -> Any:
        sent.append(evidence)
        return real(evidence, kb)

    monkeypatch.setattr(interactive, "next_step", spy)
    return sent


def test_an_emergency_is_shown_at_once_and_more_questions_are_optional(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent = record_evidence(monkeypatch)
    result = runner.invoke(app, ["assess", "--text", HOT_KNEE], input="\nn\n",
                           env={"COLUMNS": "100"})  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    # Said first, before what was understood is checked (as the web's understood page does),
    # then with the result; not again after "no".
    assert (
        out.index("EMERGENCY")
        < out.index("what kneewise understood")
        < out.index("Press Enter if this is right")
    )
    assert (
        out.index("Press Enter")
        < out.rindex("EMERGENCY")
        < out.index("Answer a few more questions to help the doctor?")
    )
    assert "Question 1," not in out  # no question came before the result
    assert out.count("EMERGENCY") == 2
    assert sent[0].words == {"duration_days": "since yesterday", "swelling": "swollen",
                             "warm": "hot", "red": "red", "fever": "39"}  # fmt: skip


def test_answering_more_keeps_what_was_said(monkeypatch: pytest.MonkeyPatch) -> None:
    sent = record_evidence(monkeypatch)
    replies = ["", "y", *["?"] * 60]
    result = runner.invoke(app, ["assess", "--text", HOT_KNEE], input="\n".join(replies) + "\n",
                           env={"COLUMNS": "100"})  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "(optional: your answer helps the doctor; the advice stands)" in out
    assert "(you said: “39”)" in out
    assert "question screens; stopped because" in out
    assert "You said you don't know:" in out
    last = sent[-1]
    assert last.optional
    assert last.answers["fever"] is True and last.answers["red"] is True
    assert last.screens and len(last.screens) == len(set(last.screens))
    assert f"Question {len(last.screens)}," in out
    assert f"Question {len(last.screens) + 1}," not in out
    assert set(last.unknown) >= {f for e in sent for f in e.unknown}


@pytest.mark.parametrize(
    "words",
    [
        "I'm 72, the knee is red and hot and swollen, and I've had a fever of 38.9",
        "fever 102 F since this morning and my knee is boiling hot, puffy and red",
    ],
)
def test_an_emergency_in_the_words_is_said_even_when_the_person_stops_at_once(words: str) -> None:
    result = runner.invoke(app, ["assess", "--text", words], input="", env={"COLUMNS": "100"})
    assert result.exit_code == 2  # nothing was assessed: the input ended
    assert "EMERGENCY" in result.stdout and "Call 112 now." in result.stdout
    assert "the conversation ended before it was finished" in result.stderr


def test_no_emergency_banner_without_an_emergency() -> None:
    result = runner.invoke(app, ["assess", "--text", "my knee hurts after running"], input="")
    assert "EMERGENCY" not in result.stdout


def test_input_ending_early_is_a_clear_error() -> None:
    result = runner.invoke(app, ["assess", "--text", "my knee hurts"], input="\n")
    assert result.exit_code == 2
    assert "the conversation ended before it was finished" in result.stderr
    assert "Traceback" not in result.output


def test_choices_are_offered_and_taken_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    question = screen(id="swelling", fields=["swelling"], type="one_of",
                      text="When did the swelling start?")  # fmt: skip
    given, shown = reply(question, "within a day, after more than 2 hours\n", monkeypatch)
    assert given == ({"swelling": "within_24h"}, [])
    assert "2. Within 2 hours" in shown
    assert "a number from 1 to 5" in shown
    for code in ("within_2h", "within 2h", "within_24h"):
        assert code not in shown
    wrong, said = reply(question, "9\n5\n", monkeypatch)
    assert wrong == ({"swelling": "recurrent"}, [])
    assert "That is not an answer to this question: type a number from 1 to 5." in said
