"""What `kneewise programme …` prints of the library: ids as a person types them, doses, stages.

Shared by the commands in `cli/programme.py` (which registers them); no command here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kneewise.cli._errors import fail
from kneewise.cli.diary import console, open_or_fail, reported
from kneewise.diary.days import current_today
from kneewise.programmes.citations import citations, labels
from kneewise.programmes.model import Dose, Library, Programme, Stage, programme_key, shown_id

if TYPE_CHECKING:
    from kneewise.programmes.progress import Decision
    from kneewise.programmes.store import Enrolment


def shown(entry_id: str) -> str:
    """An id as a person reads and types it: `side-lying-hip-abduction` (`model.shown_id`)."""
    return shown_id(entry_id)


def typed(text: str) -> str:
    """What a person typed, as an id: `Side lying-hip abduction` → `side_lying_hip_abduction`."""
    return programme_key(text)


def packaged_library() -> Library:
    """The packaged library; a plain message and exit 2 when it cannot be read."""
    from kneewise.programmes.load import load_library

    with reported():
        return load_library()
    raise AssertionError("unreachable")  # pragma: no cover - fail() exits


def programme_or_fail(library: Library, programme_id: str) -> Programme:
    """The programme typed in any spelling; else a message naming the programmes, exit 2."""
    programme = library.programme(typed(programme_id))
    if programme is None:
        fail(
            f"no programme {programme_id[:60]!r}; the programmes are: "
            + ", ".join(shown(p) for p in sorted(library.programmes))
        )
    return programme


def dose_line(library: Library, dose: Dose) -> str:
    """One dose: exercise, amount, how often, load and its sources' labels."""
    exercise = library.exercises[dose.exercise]
    often = "twice a day" if dose.per_week == 14 else f"{dose.per_week} days a week"
    load = f"; {dose.load}" if dose.load else ""
    cited = ", ".join(labels(citations(library, dose.cites)))
    return f"{exercise.name}: {dose.amount()}, {often}{load} [{cited}]"


def stage_lines(library: Library, number: int, stage: Stage) -> list[str]:
    """A stage as lines: its doses and what must hold before moving on."""
    lines = [
        f"Stage {number}: {stage.name} ({stage.days_per_week} days a week, about "
        f"{stage.minutes} minutes)",
        f"  {stage.goal}",
    ]
    lines += [f"  - {dose_line(library, dose)}" for dose in stage.doses]
    lines.append(
        f"  Move on after {stage.move_on.min_sessions} sessions within the pain limits"
        + (" and when:" if stage.move_on.checks else ".")
    )
    lines += [
        f"    * {check.text} (confirm: --met {shown(check.id)})" for check in stage.move_on.checks
    ]
    return lines


def stopped_by_sign(entry_id: int | None) -> str | None:
    """After pain entry `entry_id` with a warning sign: whether its sign stopped the
    programme in progress, said with how to start again (`ending.stop_notice`); None when
    no programme was in progress, it goes on, or an earlier sign had stopped it (said then)."""
    from kneewise.programmes import store
    from kneewise.programmes.ending import stop_notice

    library = packaged_library()
    with reported():
        stopped = store.stopped_by_diary(open_or_fail(), library, entry_id)
    return None if stopped is None else stop_notice(stopped, library, "cli")


def keep_sign(library: Library, day: dt.date, flags: tuple[str, ...]) -> None:
    """Store warning signs alone for `day` (before a refusal of the rest) and say what they did."""
    from kneewise.programmes import store

    with reported():
        update = store.SessionUpdate(day=day, red_flags=flags)
        enrolment, decision = store.log_session(open_or_fail(), library, update, current_today())
    say_logged(library, enrolment, decision, day, kept_sign=True)


def say_logged(
    library: Library, enrolment: Enrolment, decision: Decision, day: dt.date, *, kept_sign: bool
) -> None:
    """What a log did: kept, the rules' sentence, the stage; after a stop, how to start again."""
    from kneewise.programmes.ending import RESTART

    programme = library.programmes[enrolment.programme_id]
    if kept_sign:
        console.print(
            f"Kept the warning sign on {day:%d %b}. No session was logged that day, so the "
            "day holds the sign with no session done. " + decision.sentence
        )
    else:
        console.print(f"Logged {day:%d %b}. {decision.sentence}")
    if enrolment.status == "active":
        index = programme.stage_index(enrolment.stage_id)
        console.print(f"Now at stage {index + 1} of {len(programme.stages)}.")
    elif decision.action == "stop":
        console.print(RESTART["cli"])
