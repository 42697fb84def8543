"""Diary commands: `log session`, `log pain`, `delete`.

`log list` and `log edit` live in `diary_edit`, `profile` in `profile`, imports
and exports in `diary_io`, `status` and `trends` in `diary_status`; the
package's `__init__` imports each (none of them imports it back).

No `from __future__ import annotations` here: typer reads each option from its
annotation, and as objects they are made once at import, not compiled from text
each time `log pain` or `log session` is built (issue #11, start-up).
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kneewise._errors import KneewiseError, RecordError
from kneewise.cli._app import app
from kneewise.cli._console import TerminalConsole
from kneewise.cli._errors import fail
from kneewise.cli.numbers import (
    AFTER,
    DISTANCE,
    DURATION,
    DURING,
    MORNING,
    RPE,
    STIFFNESS,
    record_id,
)
from kneewise.diary import PainEntryRecord, SessionRecord, build, parse_day, parse_exercise
from kneewise.diary.records import (
    EXERCISE_FORMAT,
    KNEES,
    LABELS,
    LOCATIONS,
    PAIN_FINDINGS,
    PLACES_CORRECTION,
    exercise_words,
    plain_problem,
)
from kneewise.diary.units import DEFAULT_DISTANCE_UNIT, distance_text, to_km
from kneewise.labels import choice_label

# SQLAlchemy loads only on the path that needs it: `log pain` and `log session` on a
# personal SQLite diary write through sqlite3 (kneewise.diary.writers, issue #11).
if TYPE_CHECKING:
    from kneewise.diary import Diary
    from kneewise.diary.writers import DiaryWriter

log_app = typer.Typer(
    help="Add to the diary (a training session or how the knee felt), list or edit entries."
)
app.add_typer(log_app, name="log")

console = TerminalConsole(highlight=False)

DateOption = Annotated[
    str, typer.Option("--date", help="today, yesterday, -N (days ago) or YYYY-MM-DD.")
]


@contextmanager
def reported(unit: str = DEFAULT_DISTANCE_UNIT) -> Iterator[None]:
    """Turn any kneewise error into a clear message and exit code 2 (distances in `unit`)."""
    try:
        yield
    except RecordError as error:
        problems = [plain_problem(p, unit) for p in error.problems]
        fail("\n".join(["this cannot be saved:", *(f"  - {p}" for p in problems)]))
    except KneewiseError as error:
        fail(error)


def open_or_fail() -> "Diary":
    """The configured diary, migrated; a clear message when it cannot be opened.

    From then on the command's days ('today', the last day a record may have)
    are the diary's: its profile's zone, as on the web (`days.count_days_in`).
    """
    from kneewise.diary import get_profile, open_diary
    from kneewise.diary.days import count_days_in

    with reported():
        diary = open_diary()
        count_days_in(get_profile(diary).time_zone)
        return diary
    raise AssertionError("unreachable")  # pragma: no cover - fail() exits


def writer_or_fail() -> "DiaryWriter":
    """The diary to log into (sqlite3's quick path or the ORM's); a clear message if not.

    Its days are the diary's, as `open_or_fail` says.
    """
    from kneewise.diary.days import count_days_in
    from kneewise.diary.writers import open_writer

    with reported():
        writer = open_writer()
        count_days_in(writer.profile_value("time_zone"))
        return writer
    raise AssertionError("unreachable")  # pragma: no cover - fail() exits


def given(**options: Any) -> dict[str, Any]:
    """The options a person actually gave (None and empty lists mean "not given")."""
    return {name: value for name, value in options.items() if value not in (None, [], ())}


@log_app.command("session")
def log_session(
    activity: Annotated[str, typer.Option("--activity", "-a", help="e.g. running, cycling.")],
    duration: Annotated[float, typer.Option("--duration", "-d", parser=DURATION, help="Minutes.")],
    rpe: Annotated[
        float | None,
        typer.Option(
            "--rpe",
            "-r",
            parser=RPE,
            help="Session effort, CR-10: 0 rest … 10 maximal. Without it the session is "
            "kept but left out of the training load (a 0-minute rest day counts as 0).",
        ),
    ] = None,
    date: DateOption = "today",
    distance: Annotated[
        float | None,
        typer.Option(
            "--distance", parser=DISTANCE, help="In your profile's unit: km unless set to mi."
        ),
    ] = None,
    exercise: Annotated[
        list[str] | None, typer.Option("--exercise", "-e", help=EXERCISE_FORMAT + "; repeatable.")
    ] = None,
    start: Annotated[str | None, typer.Option("--start", help="Start time, HH:MM.")] = None,
    notes: Annotated[str | None, typer.Option("--notes", "-n")] = None,
) -> None:
    """Log a training session; its load is duration × RPE (Foster 2001)."""
    with writer_or_fail() as diary:
        with reported():
            unit = diary.profile_value("distance_unit") or DEFAULT_DISTANCE_UNIT
        with reported(unit):
            fields = given(
                date=parse_day(date), activity=activity, duration_min=duration, rpe=rpe,
                distance_km=None if distance is None else to_km(distance, unit),
                start_time=start, notes=notes,
                exercises=[parse_exercise(text) for text in exercise or []],
            )  # fmt: skip
            saved = diary.add_session(build(SessionRecord, fields))
    console.print(describe_session(saved, unit))
    from kneewise.diary.names import dash_note

    if note := dash_note(activity, saved.activity):
        console.print(note, markup=False)


def distance_unit(diary: "Diary") -> str:
    """The distance unit chosen in the profile (km when none was chosen)."""
    from kneewise.diary import get_profile

    with reported():
        return get_profile(diary).distance_unit or DEFAULT_DISTANCE_UNIT
    raise AssertionError("unreachable")  # pragma: no cover - fail() exits


def describe_session(
    record: SessionRecord, unit: str = DEFAULT_DISTANCE_UNIT, verb: str = "Logged"
) -> str:
    """One line saying what was logged, the distance in `unit` (km or mi)."""
    from kneewise.diary.names import name_words

    text = f"{verb} {name_words(record.activity)} on {record.date}: {record.duration_min:g} min"
    if record.rpe is not None and record.load is not None:
        text += f" × RPE {record.rpe:g} = load {record.load:g}"
    elif record.load is not None:  # a rest day: 0 minutes is no load, rated or not
        text += f" = load {record.load:g}"
    if record.distance_km is not None:
        text += f", {distance_text(record.distance_km, unit)}"
    if record.exercises:  # each as it was read, so a misread is seen at once
        text += ", exercises: " + "; ".join(exercise_words(e) for e in record.exercises)
    text += f" (session {record.id})."
    if record.load is None:
        text += (
            " No effort (RPE) given, so this session is not counted in the training load;"
            f" add it with `kneewise log edit session {record.id} --rpe N`."
        )
    return text


@log_app.command("pain")
def log_pain_command(
    during: Annotated[
        int | None, typer.Option("--during", parser=DURING, help="Pain during training, 0-10.")
    ] = None,
    after: Annotated[
        int | None, typer.Option("--after", parser=AFTER, help="Pain after training, 0-10.")
    ] = None,
    morning: Annotated[
        int | None, typer.Option("--morning", parser=MORNING, help="Pain the next morning, 0-10.")
    ] = None,
    knee: Annotated[
        str | None, typer.Option("--knee", "-k", help="left, right or both (default: profile).")
    ] = None,
    date: DateOption = "today",
    location: Annotated[
        list[str] | None,
        typer.Option("--location", "-l", help="Where; repeatable: " + ", ".join(LOCATIONS)),
    ] = None,
    swelling: Annotated[bool | None, typer.Option("--swelling/--no-swelling")] = None,
    night_pain: Annotated[bool | None, typer.Option("--night-pain/--no-night-pain")] = None,
    stiffness: Annotated[
        int | None,
        typer.Option("--stiffness", parser=STIFFNESS, help="Morning stiffness in minutes."),
    ] = None,
) -> None:
    """Log knee pain; a second entry for the same day and knee fills in or corrects the first."""
    with writer_or_fail() as diary, reported():
        fields = given(
            date=parse_day(date), knee=knee or _profile_knee(diary), during=during, after=after,
            next_morning=morning, location=location, swelling=swelling, night_pain=night_pain,
            stiffness_min=stiffness,
        )  # fmt: skip
        if location and not set(fields) & set(PAIN_FINDINGS):
            saved, updated = _correct_places(diary, fields), True
        else:
            saved, updated = diary.log_pain(build(PainEntryRecord, fields))
    console.print(describe_pain(saved, updated, places_given=bool(location)))
    if saved.swelling or saved.night_pain:  # a warning sign stops a programme in progress
        from kneewise.cli.programme_text import stopped_by_sign

        if notice := stopped_by_sign(saved.id):
            console.print(notice, markup=False)


def _correct_places(diary: "DiaryWriter", fields: dict[str, Any]) -> PainEntryRecord:
    """Places alone: they correct that day's entry for that knee (the merge rule).

    With no entry to correct they are refused, as any entry without a finding is:
    a place with no score, swelling, night pain or stiffness says too little.
    """
    record = build(PainEntryRecord, fields, {PLACES_CORRECTION: True})
    saved = diary.correct_places(record)
    if saved is None:
        wanted = ", ".join(LABELS[name].lower() for name in PAIN_FINDINGS)
        raise RecordError(
            [
                f"there is no pain entry for the {record.knee} knee on {record.date} whose places "
                f"these could correct; a new entry needs at least one of: {wanted}"
            ]
        )
    return saved


def _profile_knee(diary: "DiaryWriter") -> str:
    """The knee from the profile; else ask on a terminal; else say how to give it."""
    knee = diary.profile_value("knee")
    if knee is not None:
        return knee
    if sys.stdin.isatty():
        # click's own prompt: it re-asks until the answer is one of the knees. Imported
        # here: typer carries its own click, so this one loads only when asking.
        import click

        return str(
            click.prompt(
                "Which knee? (left, right or both; set it once with "
                "`kneewise profile set --knee …`)",
                type=click.Choice(KNEES),
            )
        )
    raise RecordError(
        [
            "which knee? Pass --knee left|right|both, or set it once with "
            "`kneewise profile set --knee right` (log pain then uses it)"
        ]
    )


def describe_pain(record: PainEntryRecord, updated: bool, *, places_given: bool = False) -> str:
    """One line saying everything the pain entry now holds, in plain words.

    A stored "no" is said ("no swelling"); a finding never given is not (nothing
    claims an absence that was not asked). `places_given` on an update says the
    places given replaced any stored before, as the merge rule does.
    """
    parts = [
        f"{label} {value}"
        for label, value in (
            ("during", record.during),
            ("after", record.after),
            ("next morning", record.next_morning),
        )
        if value is not None
    ]
    if record.stiffness_min is not None:
        parts.append(f"morning stiffness {record.stiffness_min} min")
    parts += [
        flag if value else f"no {flag}"
        for flag, value in (("swelling", record.swelling), ("night pain", record.night_pain))
        if value is not None
    ]
    if record.location:
        places = ", ".join(choice_label("location", place).lower() for place in record.location)
        replaced = " (these replace any places stored before)" if updated and places_given else ""
        parts.append(f"where it hurts: {places}{replaced}")
    verb = "Updated" if updated else "Logged"
    knee = "both knees" if record.knee == "both" else f"the {record.knee} knee"
    return f"{verb} {knee} on {record.date}: {'; '.join(parts) or 'no pain'}."


@app.command("delete")
def delete(
    all_records: Annotated[
        bool, typer.Option("--all", help="Delete every diary record and the profile.")
    ] = False,
    session: Annotated[
        int | None,
        typer.Option("--session", parser=record_id("session"), help="Delete one session."),
    ] = None,
    pain: Annotated[
        int | None,
        typer.Option("--pain", parser=record_id("pain entry"), help="Delete one pain entry."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
) -> None:
    """Delete diary records for good (export first if you want a copy)."""
    if not (all_records or session is not None or pain is not None):
        fail("say what to delete: --all, --session ID or --pain ID")
    from kneewise.diary import delete_pain_entry, delete_session

    diary = open_or_fail()
    with reported():
        if session is not None:
            _deleted(delete_session(diary, session), f"session {session}")
        if pain is not None:
            _deleted(delete_pain_entry(diary, pain), f"pain entry {pain}")
        if all_records:
            _delete_all(diary, yes)


def _deleted(found: bool, what: str) -> None:
    if not found:
        fail(f"there is no {what} in the diary; nothing was deleted")
    console.print(f"Deleted {what}.")


def _delete_all(diary: "Diary", yes: bool) -> None:
    if not yes and not typer.confirm(
        f"Delete EVERYTHING in the diary at {diary.url}? This cannot be undone", default=False
    ):
        console.print("Nothing was deleted.")
        raise typer.Exit(1)
    from kneewise.accounts.audit import record_command
    from kneewise.diary import delete_everything

    deleted = delete_everything(diary)
    # The log of who saw the data stays: it says the diary was emptied, and by whom.
    record_command(
        diary, action="delete", what="every record of the diary", command="kneewise delete --all"
    )
    console.print(
        "Deleted " + ", ".join(f"{count} {table}" for table, count in deleted.items()) + "."
    )
