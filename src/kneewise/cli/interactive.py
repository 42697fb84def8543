"""The terminal conversation: own words first, then only the questions that matter.

The person describes the knee, sees what kneewise understood and can correct
it; the adaptive interview (`kneewise.interview.next_step`) then asks what is
still missing, red flags first. "back" undoes the last answer.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.prompt import Prompt
from rich.table import Table

from kneewise._errors import IntakeError
from kneewise.intake import INTAKE_FIELDS, FieldSpec, parse_intake
from kneewise.interview import Evidence, Question, Result, next_step
from kneewise.knowledge.model import KnowledgeBase
from kneewise.language import ParsedIntake, parse

UNKNOWN = {"?", "dk", "don't know", "dont know", "not sure", "unknown"}
BACK = {"back", "b"}
YES = {"y", "yes", "true"}
NO = {"n", "no", "false"}


class GoBack(Exception):
    """The person wants to change the previous answer."""


def _hint(spec: FieldSpec) -> str:
    if spec.kind == "bool":
        return "y / n"
    if spec.kind == "choice":
        return " / ".join(spec.choices)
    if spec.kind == "choices":
        return "any of: " + ", ".join(spec.choices) + " (comma-separated)"
    return spec.allowed()


def convert(spec: FieldSpec, reply: str) -> Any:
    """A typed reply as the intake wants it; left as text when it does not fit."""
    if spec.kind == "bool":
        return (reply in YES) if reply in YES | NO else reply
    if spec.kind == "choices":
        return [item.strip() for item in reply.split(",") if item.strip()]
    if spec.kind in ("int", "number"):
        try:
            number = float(reply)
        except ValueError:
            return reply
        return int(number) if spec.kind == "int" and number.is_integer() else number
    return reply


def _prompt(console: Console, hint: str) -> str:
    reply = Prompt.ask(f"[cyan]{hint}[/] (? = don't know, back = previous)", default="?",
                       show_default=False, console=console)  # fmt: skip
    reply = reply.strip().lower()
    if reply in BACK:
        raise GoBack
    return reply


def _ask_field(question: Question, console: Console) -> dict[str, Any]:
    spec = INTAKE_FIELDS[question.fields[0]]
    while True:
        reply = _prompt(console, _hint(spec))
        if reply in UNKNOWN:
            return {}
        value = convert(spec, reply)
        try:
            parse_intake({spec.name: value})
        except IntakeError as error:
            console.print(f"[red]{error.problems[0].message}[/]")
            continue
        return {spec.name: value}


def _ask_group(question: Question, kb: KnowledgeBase, console: Console) -> dict[str, Any]:
    labels = {q.field: q.text for q in kb.questions}
    for number, field in enumerate(question.fields, start=1):
        console.print(f"  {number}. {labels.get(field, field)}")
    while True:
        reply = _prompt(console, "numbers that apply, e.g. 1,3 — or none")
        if reply in UNKNOWN:
            return {}
        ticked = {part.strip() for part in reply.replace(" ", ",").split(",") if part.strip()}
        if ticked <= {"none", "0"}:
            ticked = set()
        allowed = {str(n) for n in range(1, len(question.fields) + 1)}
        if ticked - allowed:
            console.print(f"[red]type numbers from 1 to {len(question.fields)}, or none[/]")
            continue
        return {f: str(n) in ticked for n, f in enumerate(question.fields, start=1)}


def ask(question: Question, kb: KnowledgeBase, console: Console) -> dict[str, Any]:
    """One screen; the answers it gave (an empty dict for "don't know")."""
    marker = "[bold red]![/] " if question.red_flag else ""
    console.print(f"\n{marker}[bold]{question.text}[/]")
    if question.help:
        console.print(f"[dim]{question.help}[/]")
    if question.type == "tick_any":
        return _ask_group(question, kb, console)
    return _ask_field(question, console)


def show_understood(parsed: ParsedIntake, console: Console) -> None:
    """What the parser read, with the words it read it from."""
    values = parsed.values()
    if not values:
        console.print("[dim]kneewise did not pick out any details; it will ask instead.[/]")
        return
    table = Table("what kneewise understood", "value", "from your words", title_justify="left")
    for name, value in values.items():
        table.add_row(name, str(value), f"“{parsed.fields[name].text}”")
    console.print(table)
    for note in parsed.notes:
        console.print(f"[dim]{note}[/]")


def correct(answers: dict[str, Any], console: Console) -> dict[str, Any]:
    """Let the person fix what was read: `field=value`, or `drop field`."""
    while True:
        reply = Prompt.ask("Enter if this is right, or fix it (e.g. fever=no, drop pop)",
                           default="", show_default=False, console=console).strip()  # fmt: skip
        if not reply:
            return answers
        name, _, raw = reply.removeprefix("drop ").partition("=")
        name = name.strip()
        if name not in INTAKE_FIELDS:
            console.print(f"[red]no field {name!r}; the fields are listed in docs/intake-v1.md[/]")
            continue
        if reply.startswith("drop "):
            answers = {k: v for k, v in answers.items() if k != name}
            continue
        value = convert(INTAKE_FIELDS[name], raw.strip().lower())
        try:
            parse_intake({name: value})
        except IntakeError as error:
            console.print(f"[red]{error.problems[0].message}[/]")
            continue
        answers = {**answers, name: value}


def conversation(kb: KnowledgeBase, console: Console, text: str | None = None) -> Result:
    """From the person's own words to a result, asking only what is missing."""
    if text is None:
        console.print("[bold]Tell kneewise about your knee in your own words[/] "
                      "(what you did, where it hurts, swelling, anything else).")  # fmt: skip
        text = Prompt.ask("Your words", default="", show_default=False, console=console)
    parsed = parse(text)
    show_understood(parsed, console)
    answers = correct(parsed.values(), console) if parsed.values() else {}
    history: list[tuple[dict[str, Any], list[str]]] = []
    unknown: list[str] = []
    while True:
        step = next_step(Evidence(answers=answers, unknown=unknown), kb)
        if isinstance(step, Result):
            return step
        try:
            given = ask(step, kb, console)
        except GoBack:
            if history:
                answers, unknown = history.pop()
            continue
        history.append((answers, unknown))
        answers = {**answers, **given}
        unknown = [*unknown, *(f for f in step.fields if f not in given)]
