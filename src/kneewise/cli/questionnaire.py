"""`kneewise questionnaire sane|psfs|nrs|kujala|visa-p|ikdc`: ask, score, compare, save.

SANE, PSFS and the 0-10 pain rating are asked in full words. Item wording of
Kujala, VISA-P and IKDC is not shipped (docs/questionnaires.md): each item is
asked by number and topic, and the person enters the answer from their own
copy of the official form, which the command says where to get.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.prompt import IntPrompt, Prompt

from kneewise._errors import KneewiseError
from kneewise.cli._app import app
from kneewise.cli._console import TerminalConsole
from kneewise.cli._errors import fail
from kneewise.questionnaires import INSTRUMENTS, Instrument, Item, compare, load, score
from kneewise.questionnaires._model import allowed_text
from kneewise.questionnaires.psfs import activity_key

#: Longest activity name kept for a named item (PSFS).
MOST_NAME_CHARACTERS = 60

questionnaire_app = typer.Typer(
    help="Fill in a knee questionnaire: score, change since last time, saved in the diary."
)
app.add_typer(questionnaire_app, name="questionnaire")

_console = TerminalConsole(highlight=False)
NoSave = Annotated[bool, typer.Option("--no-save", help="Score only; keep nothing.")]
Previous = Annotated[
    float | None,
    typer.Option("--previous", help="Compare with this score instead of the last saved one."),
]


def _ask_item(item: Item) -> int:
    if item.text:
        anchors = f" ({item.low} … {item.high})" if item.low and item.high else ""
        _console.print(f"{item.text}{anchors}", markup=False)
    label = f"[bold]{item.number}[/] {item.topic}"
    if len(item.answers) <= 11:
        choices = [str(a) for a in item.answers]
        return IntPrompt.ask(label, choices=choices, console=_console)
    while True:  # a long range: ask for a number, not a list of 101 choices
        answer = IntPrompt.ask(f"{label} ({allowed_text(item.answers)})", console=_console)
        if answer in item.answers:
            return answer
        _console.print(f"Please enter one of the allowed answers: {allowed_text(item.answers)}.")


def _ask_group(items: list[Item]) -> dict[str, int]:
    numbers = [item.number for item in items]
    labels = "; ".join(f"{item.number} = {item.topic}" for item in items)
    _console.print(f"Item {items[0].group}: which part applies? {labels}")
    chosen = Prompt.ask("Part", choices=numbers, console=_console)
    item = next(i for i in items if i.number == chosen)
    return {chosen: _ask_item(item)}


def _ask_name(item: Item, optional: bool) -> str:
    hint = " (leave empty when you have no more)" if optional else ""
    while True:
        name = Prompt.ask(
            f"{item.topic}: which activity?{hint}", default="", show_default=False, console=_console
        )
        name = " ".join(name.split())
        if len(name) <= MOST_NAME_CHARACTERS and (name or optional):
            return name
        _console.print(f"Please name the activity in 1 to {MOST_NAME_CHARACTERS} characters.")


def _ask_all(instrument: Instrument) -> tuple[dict[str, int], dict[str, str]]:
    """(answers keyed by item number, names of the named items keyed by their storage key)."""
    _console.print(f"[bold]{instrument.name}[/] — {instrument.source}")
    _console.print(f"[dim]{instrument.terms}[/]")
    if not instrument.wording_shipped:
        _console.print(
            "kneewise cannot show this questionnaire's questions. Fill it in on the official "
            f"form — get it from {instrument.official_form} — and enter here the number "
            "printed next to each answer you ticked."
        )
    if instrument.instructions:
        _console.print(instrument.instructions)
    answers: dict[str, int] = {}
    names: dict[str, str] = {}
    groups: dict[str, list[Item]] = {}
    for item in instrument.items:
        if item.group:
            groups.setdefault(item.group, []).append(item)
            continue
        if item.named:
            name = _ask_name(item, optional=len(answers) >= (instrument.min_answered or 0))
            if not name:
                break
            names[activity_key(item.number)] = name
        answers[item.number] = _ask_item(item)
    for items in groups.values():
        answers.update(_ask_group(items))
    return answers, names


def _last_saved(instrument_id: str) -> tuple[float | None, str]:
    """The last saved score, or None with the reason the diary could not give one."""
    try:
        from kneewise.diary.repository import list_questionnaire_answers
        from kneewise.diary.storage import open_diary

        saved = list_questionnaire_answers(open_diary(), instrument_id)
    except KneewiseError as error:
        return None, f"the diary could not be read ({error})"
    scores = [s.score for s in saved if s.score is not None]
    return (scores[-1], "") if scores else (None, "nothing saved yet")


def _save(instrument_id: str, answers: dict[str, int | str], result: float) -> None:
    from kneewise.diary.days import diary_today
    from kneewise.diary.repository import add_questionnaire_answer
    from kneewise.diary.storage import open_diary

    diary = open_diary()  # dated on the diary's today (its profile's zone), as on the web
    add_questionnaire_answer(diary, instrument_id, diary_today(diary), answers, result)
    _console.print("Saved in the diary.")


def _run(command: str, no_save: bool, previous: float | None) -> None:
    instrument_id = INSTRUMENTS[command]
    try:
        instrument = load(instrument_id)
        answers, names = _ask_all(instrument)
        result = score(instrument, answers)
    except KneewiseError as error:
        fail(error)
    best = "higher is better" if instrument.higher_is_better else "lower is better"
    _console.print(f"\n[bold]Score: {result:g}[/] ({best})")
    why = ""
    if previous is None and not no_save:
        previous, why = _last_saved(instrument_id)
    if previous is None:
        _console.print(f"No earlier score to compare with{f': {why}' if why else ''}.")
    else:
        _console.print(compare(instrument, previous, result).text)
    if not no_save:
        try:
            _save(instrument_id, {**answers, **names}, result)
        except KneewiseError as error:
            fail(error)


@questionnaire_app.command("sane")
def sane(no_save: NoSave = False, previous: Previous = None) -> None:
    """SANE: your knee today as a percentage of normal (0–100, higher is better)."""
    _run("sane", no_save, previous)


@questionnaire_app.command("psfs")
def psfs(no_save: NoSave = False, previous: Previous = None) -> None:
    """PSFS: up to five activities you name, each rated 0–10; the average (higher is better)."""
    _run("psfs", no_save, previous)


@questionnaire_app.command("kujala")
def kujala(no_save: NoSave = False, previous: Previous = None) -> None:
    """Kujala anterior knee pain scale (13 items, 0–100, higher is better); from your own form."""
    _run("kujala", no_save, previous)


@questionnaire_app.command("visa-p")
def visa_p(no_save: NoSave = False, previous: Previous = None) -> None:
    """VISA-P for the patellar tendon (8 items, 0–100, higher is better); from your own form."""
    _run("visa-p", no_save, previous)


@questionnaire_app.command("ikdc")
def ikdc(no_save: NoSave = False, previous: Previous = None) -> None:
    """IKDC subjective knee form (18 scored items, 0–100, higher is better); from your own form."""
    _run("ikdc", no_save, previous)


@questionnaire_app.command("nrs")
def nrs(no_save: NoSave = False, previous: Previous = None) -> None:
    """Knee pain now on a 0–10 scale (lower is better)."""
    _run("nrs", no_save, previous)
