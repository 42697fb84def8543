"""`kneewise log list` and `kneewise log edit session|pain ID`: list entries, fix them.

An edit changes only the options given; `--clear NAME` empties an optional
field (e.g. a wrongly typed effort). The whole entry is checked again before
it is saved, so an edit can never store what `log` would refuse.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from kneewise._errors import RecordError
from kneewise.cli._errors import fail
from kneewise.cli.diary import (
    console,
    describe_pain,
    describe_session,
    distance_unit,
    given,
    log_app,
    open_or_fail,
    reported,
)
from kneewise.cli.numbers import (
    AFTER,
    DISTANCE,
    DURATION,
    DURING,
    MORNING,
    RPE,
    STIFFNESS,
    record_id,
    whole_number,
)
from kneewise.diary import PainEntryRecord, SessionRecord, build, parse_day, parse_exercise
from kneewise.diary.names import name_words
from kneewise.diary.records import EXERCISE_FORMAT, LOCATIONS
from kneewise.diary.units import distance_text, to_km

# kneewise.diary.entries (SQLAlchemy) is imported in each command: these modules load
# with every `kneewise log …`, and `log pain` itself needs no SQLAlchemy (issue #11).

edit_app = typer.Typer(help="Change a logged session or pain entry (ids from `kneewise log list`).")
log_app.add_typer(edit_app, name="edit")

#: What `--clear` accepts → the field it empties.
SESSION_CLEARABLE = {
    "rpe": "rpe", "distance": "distance_km", "notes": "notes", "start": "start_time",
    "exercises": "exercises",
}  # fmt: skip
PAIN_CLEARABLE = {
    "during": "during", "after": "after", "morning": "next_morning", "location": "location",
    "swelling": "swelling", "night-pain": "night_pain", "stiffness": "stiffness_min",
}  # fmt: skip


COUNT = whole_number("--count", "a whole number from 1 to 100", (1, 100))


@log_app.command("list")
def log_list(
    count: Annotated[int, typer.Option("--count", "-c", parser=COUNT, help="How many.")] = 10,
) -> None:
    """The latest sessions and pain entries, newest first, with the ids `log edit` needs."""
    from kneewise.diary.entries import page_pain_entries, page_sessions

    diary = open_or_fail()
    unit = distance_unit(diary)
    with reported():
        sessions, session_total = page_sessions(diary, count, 0)
        pain, pain_total = page_pain_entries(diary, count, 0)
    console.print(f"Sessions ({len(sessions)} of {session_total}):")
    for s in sessions:
        effort = f"effort {s.rpe:g}" if s.rpe is not None else "no effort given"
        distance = f", {distance_text(s.distance_km, unit)}" if s.distance_km is not None else ""
        notes = f" — {_visible(s.notes)}" if s.notes else ""
        console.print(
            f"  session {s.id}: {s.date} {name_words(s.activity)}, "
            f"{s.duration_min:g} min, {effort}{distance}{notes}",
            markup=False,
        )
    console.print(f"Pain ({len(pain)} of {pain_total}):")
    for e in pain:
        console.print(f"  pain {e.id}: " + describe_pain(e, False).removeprefix("Logged "))


#: Unicode's explicit direction controls (UAX #9: embeddings, overrides, isolates). A note
#: keeps them as written, but raw on a terminal an unclosed one (U+202E) reorders the
#: rest of the line ("Trojan Source", CVE-2021-42574), so the list shows each by its code.
_DIRECTION_CONTROLS = {
    code: f"<U+{code:04X}>" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def _visible(text: str) -> str:
    """`text` for one terminal line: direction controls shown by code, lines and tabs as spaces."""
    return text.translate(_DIRECTION_CONTROLS).replace("\n", " / ").replace("\t", " ")


def _cleared(names: list[str] | None, clearable: dict[str, str]) -> set[str]:
    unknown = sorted(set(names or ()) - set(clearable))
    if unknown:
        fail(f"--clear does not know {', '.join(unknown)}; it can clear {', '.join(clearable)}")
    return {clearable[name] for name in names or ()}


def _merged(current: dict[str, Any], changes: dict[str, Any], cleared: set[str]) -> dict[str, Any]:
    both = set(changes) & cleared
    if both:
        fail(f"{', '.join(sorted(both))} is both given and cleared; choose one")
    fields = {**current, **changes}
    return {name: value for name, value in fields.items() if name not in cleared}


@edit_app.command("session")
def edit_session(
    session_id: Annotated[
        int, typer.Argument(parser=record_id("session"), help="The session's id.")
    ],
    activity: Annotated[str | None, typer.Option("--activity", "-a", help="e.g. running.")] = None,
    duration: Annotated[
        float | None, typer.Option("--duration", "-d", parser=DURATION, help="Minutes.")
    ] = None,
    rpe: Annotated[
        float | None, typer.Option("--rpe", "-r", parser=RPE, help="Effort, 0-10.")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="today, yesterday, -N or YYYY-MM-DD.")
    ] = None,
    distance: Annotated[
        float | None,
        typer.Option("--distance", parser=DISTANCE, help="In your profile's unit (km or mi)."),
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option("--exercise", "-e", help=EXERCISE_FORMAT + "; replaces the list."),
    ] = None,
    start: Annotated[str | None, typer.Option("--start", help="HH:MM.")] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", "-n", help="Replaces the notes (2000 characters).")
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option("--clear", help="Empty a field: " + ", ".join(SESSION_CLEARABLE) + "."),
    ] = None,
) -> None:
    """Change a logged training session; options not given keep their values."""
    from kneewise.diary.entries import get_session, replace_session

    cleared = _cleared(clear, SESSION_CLEARABLE)
    diary = open_or_fail()
    unit = distance_unit(diary)
    with reported(unit):
        current = get_session(diary, session_id)
        if current is None:
            fail(f"there is no session {session_id}; `kneewise log list` shows the ids")
        changes = given(
            activity=activity, duration_min=duration, rpe=rpe,
            date=None if date is None else parse_day(date),
            distance_km=None if distance is None else to_km(distance, unit),
            exercises=None if exercise is None else [parse_exercise(e) for e in exercise],
            start_time=start, notes=notes,
        )  # fmt: skip
        if not changes and not cleared:
            fail("nothing to change; give an option such as --rpe 6 or --clear distance")
        stored = current.model_dump(exclude={"id"})
        record = build(SessionRecord, _merged(stored, changes, cleared))
        saved = replace_session(diary, session_id, record)
    if saved is None:  # deleted meanwhile
        fail(f"there is no session {session_id} any more; nothing was changed")
    console.print(describe_session(saved, unit, verb="Changed"), markup=False)


@edit_app.command("pain")
def edit_pain(
    entry_id: Annotated[
        int, typer.Argument(parser=record_id("pain entry"), help="The pain entry's id.")
    ],
    during: Annotated[int | None, typer.Option("--during", parser=DURING, help="0-10.")] = None,
    after: Annotated[int | None, typer.Option("--after", parser=AFTER, help="0-10.")] = None,
    morning: Annotated[int | None, typer.Option("--morning", parser=MORNING, help="0-10.")] = None,
    knee: Annotated[str | None, typer.Option("--knee", "-k", help="left, right or both.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="today, yesterday, -N or YYYY-MM-DD.")
    ] = None,
    location: Annotated[
        list[str] | None,
        typer.Option("--location", "-l", help="Replaces the list: " + ", ".join(LOCATIONS)),
    ] = None,
    swelling: Annotated[bool | None, typer.Option("--swelling/--no-swelling")] = None,
    night_pain: Annotated[bool | None, typer.Option("--night-pain/--no-night-pain")] = None,
    stiffness: Annotated[
        int | None, typer.Option("--stiffness", parser=STIFFNESS, help="Minutes.")
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option("--clear", help="Empty a field: " + ", ".join(PAIN_CLEARABLE) + "."),
    ] = None,
) -> None:
    """Change a logged pain entry; options not given keep their values."""
    from kneewise.diary.entries import get_pain_entry, pain_entry_id, replace_pain_entry

    cleared = _cleared(clear, PAIN_CLEARABLE)
    diary = open_or_fail()
    with reported():
        current = get_pain_entry(diary, entry_id)
        if current is None:
            fail(f"there is no pain entry {entry_id}; `kneewise log list` shows the ids")
        changes = given(
            during=during, after=after, next_morning=morning, knee=knee,
            date=None if date is None else parse_day(date), location=location,
            swelling=swelling, night_pain=night_pain, stiffness_min=stiffness,
        )  # fmt: skip
        if not changes and not cleared:
            fail("nothing to change; give an option such as --after 3 or --clear morning")
        record = build(
            PainEntryRecord, _merged(current.model_dump(exclude={"id"}), changes, cleared)
        )
        other = pain_entry_id(diary, record.date, record.knee)
        if other is not None and other != entry_id:
            raise RecordError(
                [
                    f"pain entry {other} already holds {record.date} for the {record.knee} "
                    f"knee; change that one (`kneewise log edit pain {other} …`) or delete it"
                ]
            )
        saved = replace_pain_entry(diary, entry_id, record)
    if saved is None:
        fail(f"there is no pain entry {entry_id} any more; nothing was changed")
    console.print(describe_pain(saved, True), markup=False)
    if saved.swelling or saved.night_pain:  # a warning sign stops a programme in progress
        from kneewise.cli.programme_text import stopped_by_sign

        if notice := stopped_by_sign(saved.id):
            console.print(notice, markup=False)
