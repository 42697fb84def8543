"""The terminal conversation: own words first, then only the questions that matter.

The person describes the knee, sees what kneewise understood and can correct
it; the adaptive interview (`kneewise.interview.next_step`) then asks what is
still open, red flags first. Nothing is asked twice: a grouped screen shows
what was already said as answered. An empty reply is never taken as "no":
the person types an answer, "none" on a list, or ? for "don't know". When
the answers make an urgent or emergency level certain, that result is shown
at once and more questions are offered, only to help the doctor. "back"
undoes the last answer. Every field, choice and answer is shown in plain
words (`kneewise.labels`), and too-long words or replies are refused with
their limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.prompt import Confirm, Prompt
from rich.table import Table

from kneewise._errors import IntakeError, SettingsError
from kneewise.cli._console import hanging
from kneewise.cli.replies import (
    BACK,
    MAX_REPLY,
    MAX_WORDS,
    NONE,
    OTHER_KEYS,
    SAY_UNSURE,
    UNKNOWN,
    convert,
    hint_for,
    too_long,
)
from kneewise.cli.ticks import read_ticks
from kneewise.diary.units import temperatures_in
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2, parse_intake
from kneewise.interview import Evidence, Question, Result, next_step
from kneewise.interview.wording import texts_of_someone_else, worded_of_someone_else
from kneewise.knowledge.model import KnowledgeBase, OtherAnswer
from kneewise.labels import answer_words, choice_label, field_label

if TYPE_CHECKING:  # the parser (spaCy) loads only when words are read
    from kneewise.language import ParsedIntake

Given = tuple[dict[str, Any], list[str]]  # answers, and fields answered "don't know"


class GoBack(Exception):
    """The person wants to change the previous answer."""


def _prompt(console: Console, hint: str) -> str:
    while True:
        reply = Prompt.ask(f"[cyan]{hint}[/] ({SAY_UNSURE}, back = previous)", default="",
                           show_default=False, console=console).strip().lower()  # fmt: skip
        if len(reply) <= MAX_REPLY:
            break
        console.print(f"[red]{too_long(reply, MAX_REPLY, 'That answer is')}[/]", highlight=False)
    if reply in BACK:
        raise GoBack
    return reply


def _named(message: str) -> list[str]:
    """The intake fields a problem message names, as plain labels."""
    return [field_label(n) for n in INTAKE_FIELDS if re.search(rf"\b{n}\b", message)]


def _fits(given: dict[str, Any], answers: dict[str, Any], console: Console) -> bool:
    """Whether the new answers are valid and agree with the earlier ones (says why not)."""
    try:
        parse_intake(given, schema=INTAKE_V2)
    except IntakeError as error:
        name = error.problems[0].field
        spec = INTAKE_FIELDS.get(name)
        hint = hint_for(spec) if spec else "an answer from the list"
        console.print(f"[red]That is not an answer to this question: type {hint}.[/]",
                      highlight=False)  # fmt: skip
        return False
    try:
        parse_intake({**answers, **given}, schema=INTAKE_V2)
    except IntakeError as error:
        earlier = [n for n in _named(error.problems[0].message)
                   if n not in {field_label(g) for g in given}]  # fmt: skip
        about = f" about “{'”, “'.join(earlier)}”" if earlier else ""
        console.print(f"[red]That does not fit an earlier answer{about}; "
                      "type back to change that one.[/]", highlight=False)  # fmt: skip
        return False
    return True


def _ask_field(question: Question, answers: dict[str, Any], console: Console) -> Given:
    return _ask_one(question.fields[0], question.other_answers, answers, console)


def _ask_one(
    name: str, other_answers: list[OtherAnswer], answers: dict[str, Any], console: Console
) -> Given:
    spec = INTAKE_FIELDS[name]
    for number, choice in enumerate(spec.choices, start=1):
        console.print(hanging(f"{number}. ", choice_label(name, choice)))
    others = dict(zip(OTHER_KEYS, other_answers, strict=False))
    for key, other in others.items():
        console.print(hanging(f"{key}) ", other.label))
    hint = hint_for(spec) + (f", or {' / '.join(others)}" if others else "")
    while True:
        reply = _prompt(console, hint)
        if not reply:
            console.print(f"[yellow]Please type an answer, {SAY_UNSURE}.[/]")
            continue
        if reply in UNKNOWN:
            return {}, [name]
        if reply in others:
            other = others[reply]
            if _fits(dict(other.answers), answers, console):
                return dict(other.answers), list(other.dont_know)
            continue
        given = {name: convert(spec, reply)}
        if _fits(given, answers, console):
            return given, []


def _ask_group(
    question: Question, kb: KnowledgeBase, console: Console, unit: str, theirs: bool
) -> Given:
    texts = texts_of_someone_else(kb) if theirs else {q.field: q.text for q in kb.questions}
    labels = {q.field: temperatures_in(texts[q.field], unit) for q in kb.questions}
    for item in question.answered:
        said = f"“{item.words}”" if item.words else answer_words(item.field, item.value)
        mark = "[green]✓[/]" if item.value is True else "[dim]–[/]"
        console.print(f"  {mark} {item.label} [dim](you said: {said})[/]", highlight=False)
    fields = question.fields
    for number, name in enumerate(fields, start=1):
        console.print(hanging(f"{number}. ", labels.get(name) or field_label(name, kb)))
    console.print("[dim]Any number you leave out counts as “no”; put ? before one you do not "
                  "know, e.g. 1, ?3.[/]")  # fmt: skip
    while True:
        reply = _prompt(console, "the numbers that apply, e.g. 1,3 — or none")
        if not reply:
            console.print(f"[yellow]Please type the numbers that apply, “none” if none of "
                          f"these is true, {SAY_UNSURE}.[/]")  # fmt: skip
            continue
        if reply in UNKNOWN:
            return {}, list(fields)
        if reply in NONE:
            return {f: False for f in fields}, []
        read = read_ticks(reply, len(fields))
        if read is None:
            console.print(f"[red]type numbers from 1 to {len(fields)} (? before one you do not "
                          "know), or none[/]")  # fmt: skip
            continue
        ticked, unsure = read
        given = {f: n in ticked for n, f in enumerate(fields, start=1) if n not in unsure}
        return given, [f for n, f in enumerate(fields, start=1) if n in unsure]


def progress(question: Question) -> str:
    """ "Question N, at most M more": screens answered and the most still to come."""
    number = question.asked_so_far + 1
    more = question.most_remaining - 1
    return f"Question {number}, " + (f"at most {more} more" if more > 0 else "the last one")


def ask(
    question: Question,
    kb: KnowledgeBase,
    console: Console,
    answers: dict[str, Any] | None = None,
    unit: str = "C",
    someone_else: bool = False,
) -> Given:
    """One screen: the answers it gave and the fields answered "don't know".

    Temperatures in the question are said in `unit` (C or F: °F first, the
    °C kept in brackets); the person's own words are quoted as written.
    `someone_else`: the answers are another's, so it is asked of them ("How old are they?").
    """
    question = worded_of_someone_else(question, kb) if someone_else else question
    console.print(f"\n[dim]{progress(question)}[/]", highlight=False)
    if question.optional:
        console.print("[dim](optional: your answer helps the doctor; the advice stands)[/]")
    marker = "[bold red]![/] " if question.red_flag else ""
    console.print(f"{marker}[bold]{temperatures_in(question.text, unit)}[/]")
    if question.help:
        console.print(f"[dim]{temperatures_in(question.help, unit)}[/]")
    if question.type == "tick_any":
        return _ask_group(question, kb, console, unit, someone_else)
    return _ask_field(question, answers or {}, console)


def show_understood(parsed: ParsedIntake, kb: KnowledgeBase, console: Console) -> None:
    """What the parser read, numbered, in plain words, with the words it read it from."""
    values = parsed.values()
    if not values:
        console.print("[dim]kneewise did not pick out any details; it will ask instead.[/]")
        for line in parsed.set_aside():  # what was not used is still said
            console.print(f"[dim]{line}[/]", highlight=False)
        return
    table = Table("", "what kneewise understood", "answer", "from your words",
                  title_justify="left")  # fmt: skip
    for number, (name, value) in enumerate(values.items(), start=1):
        table.add_row(str(number), field_label(name, kb), answer_words(name, value),
                      f"“{parsed.fields[name].text}”")  # fmt: skip
    console.print(table)
    for line in parsed.set_aside():
        console.print(f"[dim]{line}[/]", highlight=False)


def emergency_first(
    answers: dict[str, Any], words: dict[str, str], kb: KnowledgeBase, console: Console
) -> bool:
    """Say an emergency the words alone make certain before anything is asked or checked.

    As the web check's "what kneewise understood" page does: a person who stops at
    the next prompt has still been told to call. Returns whether it was said.
    """
    from pydantic import ValidationError

    from kneewise.settings import load_settings

    try:
        first = next_step(Evidence(answers=answers, words=words), kb)
    except (ValidationError, IntakeError):  # contradicting words: the questions sort them out
        return False
    if not (isinstance(first, Result) and first.assessment.triage.level == "emergency"):
        return False
    triage = first.assessment.triage
    try:
        call = f"Call {load_settings().emergency_number} now."
    except SettingsError:  # a mistyped setting must not stop an emergency being said
        call = "Call your local emergency number now."
    console.print(f"[bold white on red] EMERGENCY [/] [bold]{triage.headline}[/]", highlight=False)
    console.print(f"[bold]{call}[/]", highlight=False)
    for rule in triage.rules:
        if rule.level == "emergency":
            console.print(f"  • {rule.title}", highlight=False)
    console.print("[dim]This comes from what you wrote. Check the details below.[/]")
    return True


def correct(
    answers: dict[str, Any], kb: KnowledgeBase, console: Console, unit: str = "C"
) -> tuple[dict[str, Any], list[str]]:
    """Let the person change a line of what was read, by its number, with its question.

    Returns the answers and the fields changed to "don't know". A line changed
    to "don't know" is dropped from the answers, never taken as "no".
    """
    lines = list(answers)
    unknown: list[str] = []
    while True:
        reply = Prompt.ask("Press Enter if this is right, or type a line's number to change it",
                           default="", show_default=False, console=console).strip()  # fmt: skip
        if not reply:
            return answers, unknown
        if not (reply.isdigit() and 1 <= int(reply) <= len(lines)):
            console.print(f"[red]Type a number from 1 to {len(lines)}, or press Enter.[/]")
            continue
        name = lines[int(reply) - 1]
        question = next(q for q in kb.questions if q.field == name)
        console.print(f"[bold]{temperatures_in(question.text, unit)}[/]")
        rest = {k: v for k, v in answers.items() if k != name}
        try:
            given, dont_know = _ask_one(name, question.other_answers, rest, console)
        except GoBack:
            continue
        answers = {**rest, **given}
        unknown = [*(f for f in unknown if f not in given), *dont_know]
        now = answer_words(name, answers.get(name)) if name not in dont_know else "don't know"
        console.print(f"[green]Now:[/] {field_label(name, kb)}: {now}", highlight=False)


@dataclass
class Conversation:
    """Where the conversation stands; `history` holds earlier states for "back"."""

    answers: dict[str, Any]
    words: dict[str, str]
    unknown: list[str] = field(default_factory=list)
    screens: list[str] = field(default_factory=list)
    optional: bool = False
    history: list[tuple[dict[str, Any], list[str], list[str]]] = field(default_factory=list)

    def evidence(self) -> Evidence:
        words = {k: v for k, v in self.words.items() if k in self.answers}
        return Evidence(answers=self.answers, unknown=self.unknown, screens=self.screens,
                        words=words, optional=self.optional)  # fmt: skip

    def answer(self, question: Question, given: Given) -> None:
        self.history.append((self.answers, self.unknown, self.screens))
        answers, unknown = given
        self.answers = {**self.answers, **answers}
        self.unknown = [*self.unknown, *(f for f in unknown if f not in self.unknown)]
        self.screens = [*self.screens, question.id]

    def back(self) -> None:
        if self.history:
            self.answers, self.unknown, self.screens = self.history.pop()


def _more_questions(console: Console) -> bool:
    try:
        return Confirm.ask("Answer a few more questions to help the doctor?", default=False,
                           console=console)  # fmt: skip
    except EOFError:
        return False


def conversation(
    kb: KnowledgeBase,
    console: Console,
    text: str | None = None,
    show: Callable[[Result], None] | None = None,
    unit: str = "C",
) -> tuple[Result, bool]:
    """From the person's own words to a result, asking only what is still open.

    The questions say temperatures in `unit` (C or F), as the result does.

    Returns the result and whether `show` already showed it (an urgent or
    emergency result is shown the moment it is certain, before any optional
    question).
    """
    if text is None:
        console.print("[bold]Tell kneewise about your knee in your own words[/] "
                      "(what you did, where it hurts, swelling, anything else).")  # fmt: skip
    while text is None or len(text) > MAX_WORDS:
        if text is not None:
            console.print(f"[red]{too_long(text)}[/]", highlight=False)
        text = Prompt.ask("Your words", default="", show_default=False, console=console)
    from kneewise.language import parse  # spaCy loads only when words are read

    parsed = parse(text, kb)
    read = parsed.values()
    emergency_first(read, {name: parsed.fields[name].text for name in read}, kb, console)
    show_understood(parsed, kb, console)
    answers, unknown = correct(read, kb, console, unit) if read else ({}, [])
    words = {name: parsed.fields[name].text for name in read if answers.get(name) == read[name]}
    state = Conversation(answers=answers, words=words, unknown=unknown)
    while True:
        step = next_step(state.evidence(), kb)
        if isinstance(step, Result):
            if not (step.more_questions and show is not None):
                return step, False
            show(step)
            if not _more_questions(console):
                return step, True
            state.optional = True
            continue
        try:
            given = ask(step, kb, console, state.answers, unit, parsed.someone_else)
        except GoBack:
            state.back()
            continue
        state.answer(step, given)
