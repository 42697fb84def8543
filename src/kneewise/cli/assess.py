"""`kneewise assess`: triage, likely causes and a plan for one knee."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kneewise._errors import KneewiseError
from kneewise.assessment import Assessment
from kneewise.cli._app import app
from kneewise.cli._errors import fail
from kneewise.cli.interactive import conversation
from kneewise.cli.render import in_temperature_unit, render, render_full
from kneewise.cli.replies import MAX_WORDS, too_long
from kneewise.diary.units import TemperatureUnit
from kneewise.engine.assess import assess as assess_intake
from kneewise.intake import Intake, parse_intake_json
from kneewise.interview import Result
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase
from kneewise.settings import DEFAULT_MAX_BODY_BYTES

# An intake is a small JSON object; the web API refuses bodies above the same size.
MAX_INTAKE_BYTES = DEFAULT_MAX_BODY_BYTES
TOO_BIG = (
    f"the intake is larger than {MAX_INTAKE_BYTES // 1024 // 1024} MiB "
    f"({MAX_INTAKE_BYTES:,} bytes), the most kneewise reads; an intake is a short JSON "
    "object (docs/intake-v2.md)"
)


def _read_intake(source: str) -> Intake:
    if source == "-":
        text = sys.stdin.read(MAX_INTAKE_BYTES + 1)
        if len(text.encode("utf-8")) > MAX_INTAKE_BYTES:
            fail(TOO_BIG)
        return parse_intake_json(text.removeprefix("\ufeff"))
    path = Path(source)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_INTAKE_BYTES + 1)
        if len(data) > MAX_INTAKE_BYTES:
            fail(TOO_BIG)
        # utf-8-sig: a byte-order mark that some editors write first is no error
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(
            f"cannot read intake file {source}: it is not text (UTF-8); an intake is a short "
            "JSON object (docs/intake-v2.md)"
        )
    except OSError as error:
        fail(f"cannot read intake file {source}: {_why(error)}")
    return parse_intake_json(text)


def _why(error: OSError) -> str:
    """Why a file could not be read, in words (never "[Errno 2]")."""
    if isinstance(error, FileNotFoundError):
        return "there is no such file"
    if isinstance(error, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(error, PermissionError):
        return "you are not allowed to read it"
    return error.strerror or str(error)


def show_result(
    assessment: Assessment,
    kb: KnowledgeBase,
    console: Console,
    *,
    full: bool = False,
    temperature_unit: str = "C",
) -> None:
    """The short view, or with `full` everything, through a pager on a terminal.

    Temperatures are shown in `temperature_unit` (C or F; the knowledge says °C).
    """
    assessment = in_temperature_unit(assessment, temperature_unit)
    if not full:
        render(assessment, kb, console)
    elif console.is_terminal:
        # less shows colours only with -R; a PAGER or LESS the person set wins.
        os.environ.setdefault("LESS", "-R")
        with console.pager(styles=True):
            render_full(assessment, kb, console)
    else:
        render_full(assessment, kb, console)


@app.command()
def assess(
    intake: Annotated[
        str | None,
        typer.Option(
            "--intake",
            "-i",
            help="Intake JSON file (docs/intake-v2.md; v1 files too); - reads stdin.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the kneewise.assessment/1 JSON.")
    ] = False,
    text: Annotated[
        str | None, typer.Option("--text", help="Describe your knee in your own words.")
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Show everything: each reason, all likely causes with why, the plan and "
            "the sources (in a pager on a terminal).",
        ),
    ] = False,
    save: Annotated[
        bool,
        typer.Option(
            "--save", help="Keep the assessment in your diary (for trends and the doctor's report)."
        ),
    ] = False,
    temperature_unit: Annotated[
        TemperatureUnit | None,
        typer.Option(
            "--temperature-unit",
            help="Show temperatures in C (°C) or F (°F); without it, your diary profile's unit "
            "when --save is given, else °C.",
        ),
    ] = None,
) -> None:
    """Assess a knee: how urgent, what is probably going on, and what to do.

    With --intake, answers from the file. With --text, reads your words; with
    --json it answers from them alone, otherwise it asks what is missing. With
    neither, asks for your words and then the questions that matter. The result
    is a short view that fits one screen; --full shows everything.
    """
    console = Console()
    shown = False
    unit: str = temperature_unit or "C"
    if intake is not None and text is not None:
        fail("give either --intake or --text, not both")
    if text is not None and len(text) > MAX_WORDS:
        fail(too_long(text))
    try:
        unit = temperature_unit or _profile_unit(save)
        kb = load_knowledge()
        if intake is not None or (text is not None and as_json):
            from kneewise.language import parse  # spaCy loads only when words are read

            if intake is not None:
                person = _read_intake(intake)
            else:
                parsed = parse(text or "", kb)
                for line in parsed.set_aside():  # stdout carries the JSON document alone
                    typer.echo(line, err=True)
                person = parsed.intake()
            answers = person.known()
            assessment = assess_intake(person, kb)
        elif as_json:
            fail("--json needs --intake FILE (or - for stdin) or --text")
        else:
            result, shown = conversation(
                kb, console, text, show=lambda r: _show(r, kb, console, full, unit), unit=unit
            )
            answers, assessment = result.answers, result.assessment
            if not shown:
                console.print(
                    f"\n[dim]{result.questions_asked} question screens; stopped because "
                    f"{result.stopped_because}.[/]"
                )
        if save:
            from kneewise.diary import open_diary, save_assessment

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
        show_result(assessment, kb, console, full=full, temperature_unit=unit)


def _profile_unit(save: bool) -> str:
    """The diary profile's temperature unit when the diary is involved (--save), else C."""
    if not save:
        return "C"
    from kneewise.diary import get_profile, open_diary

    return get_profile(open_diary()).temperature_unit or "C"


def _show(result: Result, kb: KnowledgeBase, console: Console, full: bool, unit: str) -> None:
    """An urgent or emergency result, shown the moment it is certain."""
    asked = result.questions_asked
    after = f" [dim](after {asked} question screens)[/]" if asked else ""
    console.print(f"\n[bold]{result.stopped_because.capitalize()}.[/]{after}", highlight=False)
    show_result(result.assessment, kb, console, full=full, temperature_unit=unit)
