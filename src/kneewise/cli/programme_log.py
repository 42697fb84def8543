"""`kneewise programme done`: log a programme session, or add the next morning's pain to it.

Registered by `kneewise.cli.programme` in its place among the programme commands. What
makes a session, which day `--morning` alone adds to, and that a warning sign alone is
kept on its day (never refused) are decided here; the rules that follow are
`programmes.progress` (Silbernagel 2007's pain-monitoring model), applied by
`programmes.store.log_session`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from kneewise.cli._errors import fail
from kneewise.cli.diary import open_or_fail, reported
from kneewise.cli.programme_text import keep_sign, packaged_library, say_logged, shown, typed
from kneewise.diary.days import current_today

if TYPE_CHECKING:
    from kneewise.programmes.model import Library
    from kneewise.programmes.store import Enrolment

FLAG_WORDS = ("swelling", "locking", "night-pain", "fever")
FLAG_HELP = "A warning sign since the last session: " + ", ".join(FLAG_WORDS) + "."


def done(
    status: Annotated[
        str | None,
        typer.Option("--status", help="done, partly or skipped (for a new day; done if not said)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="today, yesterday, -N (days ago) or YYYY-MM-DD; today if not said, or with "
            "--morning alone the last session waiting for its next-morning pain.",
        ),
    ] = None,
    during: Annotated[int | None, typer.Option("--during", min=0, max=10)] = None,
    after: Annotated[int | None, typer.Option("--after", min=0, max=10)] = None,
    morning: Annotated[
        int | None,
        typer.Option("--morning", min=0, max=10, help="Pain the next morning (log it then)."),
    ] = None,
    flag: Annotated[list[str] | None, typer.Option("--flag", help=FLAG_HELP)] = None,
    minutes: Annotated[float | None, typer.Option("--minutes", help="How long it took.")] = None,
    rpe: Annotated[
        float | None, typer.Option("--rpe", help="Effort, CR-10: 0 rest … 10 maximal.")
    ] = None,
    met: Annotated[
        list[str] | None, typer.Option("--met", help="A stage check you now meet (its id).")
    ] = None,
) -> None:
    """Log a session (or add the next morning's pain to it) and say what comes next."""
    from kneewise.diary import parse_day
    from kneewise.programmes import store

    library = packaged_library()
    diary = open_or_fail()
    with reported():
        current = store.active(diary, library)
        # A programme a warning sign stopped still takes what belongs to the days before.
        last = current or next(iter(store.enrolments(diary, library)), None)
        flags = tuple(typed(f) for f in flag or ())
        for name in flags:
            if name not in ("swelling", "locking", "night_pain", "fever"):
                fail(f"--flag must be one of {', '.join(FLAG_WORDS)}; got {name[:20]!r}")
        # What makes a session: a status, its pains, minutes, effort or checks met. The next
        # morning's pain and a warning sign only add to a session already logged.
        makes_session = bool(
            status or during is not None or after is not None or minutes or rpe or met
        )
        if morning is not None and date is None and makes_session:
            fail(
                "--morning adds the next morning's pain to a session already logged, so it "
                "is not given with a new session's details unless you name its day: give "
                "--date, or log the session now and --morning N tomorrow"
            )
        day = (
            _morning_day(last, library, flags)
            if date is None and morning is not None
            else parse_day(date or "today")
        )
        exists = last is not None and any(s.day == day for s in last.sessions)
        # Bare `done` is a done session; a warning sign alone on a day without one is kept
        # on that day with no session done (`session_log.sign_only`), never refused.
        sign_alone = bool(flags) and not makes_session and morning is None
        if morning is not None and not makes_session and last is not None and not exists:
            if flags:  # the sign is kept even though the morning's pain has no session
                keep_sign(library, day, flags)
                fail(f"the next morning's pain was not added: no session is logged on {day:%d %b}")
            fail(
                f"no session is logged on {day:%d %b} to add the next morning's pain to; log "
                "the session first (kneewise programme done --date ... --status done, partly "
                "or skipped)"
            )
        if met and current is not None:
            programme = library.programmes[current.programme_id]
            checks = programme.stages[programme.stage_index(current.stage_id)].move_on.checks
            allowed = {c.id for c in checks}
            for check in met:
                if typed(check) not in allowed:
                    choices = ", ".join(shown(c) for c in sorted(allowed)) or "none at this stage"
                    fail(f"--met must be one of {choices}; got {check[:40]!r}")
            store.confirm_checks(diary, library, [typed(check) for check in met])
        update = store.SessionUpdate(
            day=day,
            status=status.strip().lower() if status else None if exists or sign_alone else "done",
            pain_during=during,
            pain_after=after,
            pain_next_morning=morning,
            red_flags=flags,
            minutes=minutes,
            rpe=rpe,
        )
        enrolment, decision = store.log_session(diary, library, update, current_today())
    say_logged(library, enrolment, decision, day, kept_sign=sign_alone and not exists)


def _morning_day(last: Enrolment | None, library: Library, flags: tuple[str, ...]) -> dt.date:
    """The session `--morning` alone adds to: the page's rule (`waiting_for_morning`).

    With none waiting, warning signs given with it are kept on today before the refusal."""
    from kneewise.programmes.session_log import waiting_for_morning

    if last is None:
        fail("no programme started yet; see kneewise programme list")
    day = waiting_for_morning(last.sessions, current_today())
    if day is None and flags:
        keep_sign(library, current_today(), flags)
        fail("the next morning's pain was not added: no session is waiting for it")
    if day is None:
        fail(
            "no session before today is waiting for its next-morning pain; to add it to a "
            "particular session, give its day with --date"
        )
    return day
