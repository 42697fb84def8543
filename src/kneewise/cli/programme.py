"""`kneewise programme list|show|start|today|done|status|stop|calendar`: exercise programmes.

Programmes and exercises come from `kneewise.programmes` (data with sources);
the progression rules are `programmes.progress` (Silbernagel 2007's
pain-monitoring model). Enrolments and logs live in the diary; a done
session also counts in the training load.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from kneewise.cli._app import app
from kneewise.cli._errors import fail
from kneewise.cli.diary import DateOption, console, open_or_fail, reported
from kneewise.cli.programme_log import done
from kneewise.cli.programme_text import (
    dose_line,
    packaged_library,
    programme_or_fail,
    shown,
    stage_lines,
    typed,
)
from kneewise.diary.days import current_today
from kneewise.programmes.citations import citations, labels, programme_refs

if TYPE_CHECKING:
    from kneewise.diary.storage import Diary
    from kneewise.programmes.model import Library

programme_app = typer.Typer(
    help="Exercise programmes that progress with the knee: list, show, start, log, status."
)
app.add_typer(programme_app, name="programme")

PainOption = Annotated[int | None, typer.Option(min=0, max=10, help="0 none … 10 worst.")]
STATUS_WORDS = {"active": "in progress", "stopped": "stopped", "finished": "finished"}


@programme_app.command("list")
def list_programmes() -> None:
    """Every programme: its id (to start or show it) and what it is for."""
    library = packaged_library()
    for programme in sorted(library.programmes.values(), key=lambda p: p.name):
        count = len(programme.stages)
        stages = f"{count} stage{'s' if count > 1 else ''}"
        console.print(f"{shown(programme.id):<28} {programme.name} ({stages})")


@programme_app.command("show")
def show(
    entry_id: Annotated[str, typer.Argument(help="A programme id or an exercise id.")],
) -> None:
    """A programme's stages, doses, criteria and sources; or how to do one exercise."""
    library = packaged_library()
    key = typed(entry_id)
    exercise = library.exercises.get(key)
    if exercise is not None:
        console.print(f"{exercise.name}", style="bold")
        console.print("How to do it:")
        for number, step in enumerate(exercise.steps, 1):
            console.print(f"  {number}. {step}")
        console.print("Common mistakes:")
        for mistake in exercise.mistakes:
            console.print(f"  - {mistake}")
        console.print(f"You need: {', '.join(exercise.equipment) or 'nothing'}")
        for word, variant in (("Easier", exercise.easier), ("Harder", exercise.harder)):
            if variant:
                console.print(f"{word}: {library.exercises[variant].name} ({shown(variant)})")
        return
    programme = programme_or_fail(library, key)
    console.print(programme.name, style="bold")
    console.print(programme.summary)
    limit = programme.pain_limit
    cited = ", ".join(labels(citations(library, limit.cites)))
    console.print(f"Pain during the exercises: up to {limit.during} out of 10 [{cited}]")
    for number, stage in enumerate(programme.stages, 1):
        for line in stage_lines(library, number, stage):
            console.print(line)
    for note in programme.notes:
        console.print(f"Note: {note}")
    console.print("Where each number is in its source:")
    for citation in citations(library, programme_refs(programme)):
        console.print(f"  - {citation.line()}")
    console.print("Sources:")
    cited_ids = {s for st in programme.stages for d in st.doses for s in d.sources}
    moving_on = {s for st in programme.stages for s in st.move_on.sources}
    first = programme.diagnosis_first
    diagnosis = {ref.split("/")[0] for ref in first.cites} if first is not None else set()
    for source_id in sorted(
        {*programme.sources, *limit.sources, *cited_ids, *moving_on, *diagnosis}
    ):
        console.print(f"  - {library.sources[source_id].citation()}")


@programme_app.command("start")
def start(
    programme_id: Annotated[
        str | None,
        typer.Argument(help="A programme id; without it, the one your last saved assessment fits."),
    ] = None,
    date: DateOption = "today",
    cleared: Annotated[
        bool,
        typer.Option(
            "--cleared",
            help="A doctor or physiotherapist has seen the knee since a result that said to "
            "see one first.",
        ),
    ] = False,
) -> None:
    """Start a programme; its sessions go into the diary's calendar (see `programme calendar`).

    After a programme stopped for a warning sign, after a result that said to see a doctor
    first, and for a programme only for a diagnosed knee, it needs --cleared.
    """
    from kneewise.diary import parse_day
    from kneewise.programmes import store
    from kneewise.programmes.choose import offer
    from kneewise.programmes.clearance import last_assessment, needed

    library = packaged_library()
    diary = open_or_fail()
    how = " Once a doctor or physiotherapist has seen the knee, start with --cleared."
    with reported():
        day = parse_day(date)
        latest = last_assessment(diary)
        why = needed(diary, library, None, latest, day=day)
        if why is not None and not cleared:
            fail(why + how)
        if programme_id is None:
            if latest is None:
                fail(
                    "no saved assessment to choose from: give a programme id "
                    "(kneewise programme list) or save one with kneewise assess --save"
                )
            chosen = offer(latest, library)
            if chosen.programme is None:
                fail(chosen.reason)
            programme, reason = chosen.programme, chosen.reason
        else:
            programme, reason = programme_or_fail(library, programme_id), "chosen by you"
        why = needed(diary, library, programme, latest, day=day)
        if why is not None and not cleared:
            fail(why + how)
        asked = why is not None
        enrolment = store.start(diary, programme, day, reason, cleared=asked, library=library)
    console.print(f"Started {programme.name} on {enrolment.started_on:%d %b %Y}.")
    if reason != "chosen by you":
        console.print(reason)
    for line in stage_lines(library, 1, programme.stages[0]):
        console.print(line)


@programme_app.command("today")
def today() -> None:
    """Today's exercises in the current stage, with how to do them."""
    from kneewise.programmes import store
    from kneewise.programmes.schedule import planned_days

    library = packaged_library()
    diary = open_or_fail()
    with reported():
        enrolment = store.active(diary, library)
    if enrolment is None:
        _no_programme(diary, library)
    programme = library.programmes[enrolment.programme_id]
    index = programme.stage_index(enrolment.stage_id)
    stage = programme.stages[index]
    day = current_today()
    planned = day in planned_days(stage, enrolment.stage_started_on) or any(
        s.day == day for s in enrolment.sessions
    )
    when = "Today is a planned day." if planned else "Today is a rest day; the plan continues."
    console.print(f"{programme.name}: stage {index + 1} of {len(programme.stages)}. {when}")
    for number, dose in enumerate(stage.doses, 1):
        exercise = library.exercises[dose.exercise]
        console.print(f"{number}. {dose_line(library, dose)}")
        console.print(f"   {exercise.steps[0]} (kneewise programme show {shown(exercise.id)})")
    limit = programme.pain_limit.during
    console.print(
        f"Keep pain during the exercises at {limit} out of 10 or less. Log it with: "
        "kneewise programme done --during N --after N (and --morning N tomorrow)"
    )


def _no_programme(diary: Diary, library: Library) -> NoReturn:
    """Exit 2 saying none is in progress, and why when a warning sign stopped the last one."""
    from kneewise.programmes.clearance import after_warning_stop

    stopped = after_warning_stop(diary, library)
    fail(
        f"no programme is in progress. {stopped} Once they have, start one with: kneewise "
        "programme start --cleared"
        if stopped
        else "no programme is in progress; start one with: kneewise programme start"
    )


# Logging a session is its own module (cli/programme_log.py); it is registered here, in
# its place among the commands, so `--help` and docs/cli.md keep their order.
programme_app.command("done")(done)


@programme_app.command("status")
def status() -> None:
    """Stage, adherence per week (done / planned), pain, and what the rules say now."""
    from kneewise.programmes import store
    from kneewise.programmes.adherence import weeks

    library = packaged_library()
    diary = open_or_fail()
    with reported():
        enrolment = store.active(diary) or next(iter(store.enrolments(diary)), None)
        decision = store.current_decision(diary, library, current_today())
    if enrolment is None:
        fail("no programme started yet; see kneewise programme list")
    programme = library.programmes[enrolment.programme_id]
    index = programme.stage_index(enrolment.stage_id)
    console.print(
        f"{programme.name}: {STATUS_WORDS.get(enrolment.status, enrolment.status)}, "
        f"stage {index + 1} of {len(programme.stages)} ({programme.stages[index].name})."
    )
    for week in weeks(enrolment, programme, current_today()):
        pain = "no pain logged" if week.pain_during is None else f"pain {week.pain_during:.1f}/10"
        console.print(
            f"  Week {week.number} ({week.first_day:%d %b}): {week.done:g} of {week.planned} "
            f"sessions, {pain}"
        )
    shown_changes = [change["sentence"] for change in enrolment.stage_changes[1:]]
    for change in enrolment.stage_changes[1:]:
        console.print(f"  {dt.date.fromisoformat(change['date']):%d %b}: {change['sentence']}")
    if decision is not None:
        console.print(decision.sentence)
    elif enrolment.reason and enrolment.reason not in shown_changes:
        console.print(enrolment.reason)


@programme_app.command("stop")
def stop(
    reason: Annotated[str, typer.Option("--reason", help="Why, in your words.")] = "stopped by you",
) -> None:
    """Stop the programme in progress (its log stays in the diary)."""
    from kneewise.programmes import store

    with reported():
        enrolment = store.stop(open_or_fail(), current_today(), reason[:300])
    name = packaged_library().programmes[enrolment.programme_id].name
    console.print(f"Stopped {name} on {enrolment.ended_on:%d %b %Y}.")


@programme_app.command("calendar")
def calendar(
    out: Annotated[Path, typer.Option("--out", "-o", help="The .ics file to write.")],
    time: Annotated[
        str, typer.Option("--time", help="Start time of each session, HH:MM.")
    ] = "18:00",
    zone: Annotated[
        str | None,
        typer.Option(
            "--time-zone",
            help="Your time zone, e.g. Europe/Oslo; without it, sessions are at --time on "
            "the clock wherever your calendar is.",
        ),
    ] = None,
) -> None:
    """Write the current stage's planned sessions as an iCalendar (.ics) file for any calendar."""
    from kneewise.programmes import store
    from kneewise.programmes.schedule import calendar as ics
    from kneewise.programmes.schedule import time_zone

    library = packaged_library()
    try:
        at = dt.datetime.strptime(time.strip(), "%H:%M").time()
    except ValueError:
        fail(f"time must be HH:MM (e.g. 18:00); got {time[:20]!r}")
    with reported():
        tz = time_zone(zone.strip()) if zone is not None else None
        diary = open_or_fail()
        enrolment = store.active(diary, library)
        if enrolment is None:
            _no_programme(diary, library)
        programme = library.programmes[enrolment.programme_id]
        document = ics(
            programme, library, programme.stage_index(enrolment.stage_id),
            enrolment.stage_started_on, at=at, zone=tz, enrolment_id=enrolment.id,
            stamp=dt.datetime.now(dt.UTC),
        )  # fmt: skip
    try:
        out.write_bytes(document)
    except OSError as error:
        fail(f"cannot write {out}: {error.strerror or error}")
    console.print(f"Wrote the planned sessions to {out}; import it into your phone's calendar.")
