"""Walk a person through the intake questions in the terminal, red flags first."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.prompt import Prompt

from kneewise._errors import IntakeError
from kneewise.intake import INTAKE_FIELDS, FieldSpec, Intake, parse_intake
from kneewise.knowledge.model import KnowledgeBase, Question

UNKNOWN = {"", "?", "dk", "don't know", "dont know", "not sure", "unknown"}
FINISH = {"done", "stop", "finish"}
YES = {"y", "yes", "true"}
NO = {"n", "no", "false"}


class Finished(Exception):
    """The person asked to stop answering and see the result now."""


def _hint(spec: FieldSpec) -> str:
    if spec.kind == "bool":
        return "y / n"
    if spec.kind == "choice":
        return " / ".join(spec.choices)
    if spec.kind == "choices":
        return "any of: " + ", ".join(spec.choices) + " (comma-separated)"
    return spec.allowed()


def _convert(spec: FieldSpec, reply: str) -> Any:
    if spec.kind == "bool":
        if reply in YES | NO:
            return reply in YES
        return reply  # left for validation to name the problem
    if spec.kind == "choices":
        return [item.strip() for item in reply.split(",") if item.strip()]
    if spec.kind in ("int", "number"):
        try:
            number = float(reply)
        except ValueError:
            return reply
        return int(number) if spec.kind == "int" and number.is_integer() else number
    return reply


def ask(question: Question, console: Console) -> Any:
    """One answer, re-asked until valid; None for "don't know"."""
    spec = INTAKE_FIELDS[question.field]
    while True:
        console.print(f"\n[bold]{question.text}[/]")
        if question.help:
            console.print(f"[dim]{question.help}[/]")
        reply = Prompt.ask(f"[cyan]{_hint(spec)}[/] (Enter = don't know)", default="",
                           show_default=False, console=console).strip().lower()  # fmt: skip
        if reply in FINISH:
            raise Finished
        if reply in UNKNOWN:
            return None
        value = _convert(spec, reply)
        try:
            parse_intake({question.field: value})
        except IntakeError as error:
            console.print(f"[red]{error.problems[0].message}[/]")
            continue
        return value


def interview(kb: KnowledgeBase, console: Console) -> Intake:
    """Ask every question in knowledge-base order; 'done' ends early."""
    console.print(
        '[bold]kneewise[/] will ask about your knee. Press Enter for "don\'t know"; '
        "type [bold]done[/] to see the result with what you have answered so far."
    )
    answers: dict[str, Any] = {}
    for question in sorted(kb.questions, key=lambda q: not q.red_flag):
        try:
            value = ask(question, console)
        except Finished:
            break
        if value is not None:
            answers[question.field] = value
    return parse_intake(answers)
