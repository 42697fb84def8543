"""`kneewise assess`: triage, likely causes and a plan for one knee."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kneewise._errors import KneewiseError
from kneewise.cli._app import app
from kneewise.cli._errors import fail
from kneewise.cli.interactive import conversation
from kneewise.cli.render import render
from kneewise.diary import open_diary, save_assessment
from kneewise.engine.assess import assess as assess_intake
from kneewise.intake import Intake, parse_intake_json
from kneewise.interview import Result
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase
from kneewise.language import parse


def _read_intake(source: str) -> Intake:
    if source == "-":
        return parse_intake_json(sys.stdin.read())
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot read intake file {source}: {error}")
    return parse_intake_json(text)


@app.command()
def assess(
    intake: Annotated[
        str | None,
        typer.Option("--intake", "-i", help="Intake JSON file (docs/intake-v1.md); - reads stdin."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the kneewise.assessment/1 JSON.")
    ] = False,
    text: Annotated[
        str | None, typer.Option("--text", help="Describe your knee in your own words.")
    ] = None,
    save: Annotated[
        bool,
        typer.Option(
            "--save", help="Keep the assessment in your diary (for trends and the doctor's report)."
        ),
    ] = False,
) -> None:
    """Assess a knee: how urgent, what is probably going on, and what to do.

    With --intake, answers from the file. With --text, reads your words; with
    --json it answers from them alone, otherwise it asks what is missing. With
    neither, asks for your words and then the questions that matter.
    """
    console = Console()
    shown = False
    if intake is not None and text is not None:
        fail("give either --intake or --text, not both")
    try:
        kb = load_knowledge()
        if intake is not None or (text is not None and as_json):
            person = _read_intake(intake) if intake is not None else parse(text or "").intake()
            answers = person.known()
            assessment = assess_intake(person, kb)
        elif as_json:
            fail("--json needs --intake FILE (or - for stdin) or --text")
        else:
            result, shown = conversation(kb, console, text, show=lambda r: _show(r, kb, console))
            answers, assessment = result.answers, result.assessment
            if not shown:
                console.print(
                    f"\n[dim]{result.questions_asked} question screens; stopped because "
                    f"{result.stopped_because}.[/]"
                )
        if save:
            diary = open_diary()
            saved = save_assessment(diary, answers, assessment.to_json_dict())
            message = f"Saved in your diary as assessment {saved}."
            if as_json:  # stdout carries the JSON document and nothing else
                typer.echo(message, err=True)
            else:
                console.print(f"[dim]{message}[/]", highlight=False)
    except KneewiseError as error:
        fail(error)
    except EOFError:
        fail("the conversation ended before it was finished; nothing was assessed")
    if as_json:
        typer.echo(json.dumps(assessment.to_json_dict(), indent=2, ensure_ascii=False))
    elif not shown:
        render(assessment, kb, console)


def _show(result: Result, kb: KnowledgeBase, console: Console) -> None:
    """An urgent or emergency result, shown the moment it is certain."""
    asked = result.questions_asked
    after = f" [dim](after {asked} question screens)[/]" if asked else ""
    console.print(f"\n[bold]{result.stopped_because.capitalize()}.[/]{after}", highlight=False)
    render(result.assessment, kb, console)
