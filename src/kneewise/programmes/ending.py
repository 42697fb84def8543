"""How a programme ended, in plain words: the notice when a warning sign stops it, the line
under its chart.

A warning sign logged with pain (`kneewise log pain --swelling`, the diary page, the API's
pain entries) stops the programme in progress (`warning_signs`). Whoever saved it is told at
once (`stop_notice`): that the programme has been stopped, for which sign and day, to see a
doctor or physiotherapist, and how to start again once they have (`RESTART`, the way each
place gives that word: `--cleared`, the page's tick box, `cleared=true`; `clearance`). The
dashboard and the PDF say under the chart when and why it ended (`ending_words`), to the
person ("you") or, in the PDF a clinician reads, of "the person".
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from kneewise.diary.storage import Diary
from kneewise.programmes import store
from kneewise.programmes.model import Library
from kneewise.programmes.progress import RED_FLAG_WORDS
from kneewise.programmes.store import Enrolment
from kneewise.programmes.warning_signs import stopped_by_warning

Reader = Literal["you", "the person"]
#: How each place takes the person's word that a clinician has seen the knee (`clearance`).
RESTART = {
    "cli": "Once a doctor or physiotherapist says the knee can be exercised, start a programme "
    "again with: kneewise programme start --cleared",
    "page": "Once a doctor or physiotherapist says the knee can be exercised, start a programme "
    "again on the exercise programme page and tick the box that says they have checked it.",
    "api": "Once a doctor or physiotherapist says the knee can be exercised, start a programme "
    "again with cleared=true.",
}
#: The reason `store.stop` keeps when the person gave none.
STOPPED_BY_PERSON = "stopped by you"


def stop_notice(enrolment: Enrolment, library: Library, place: str) -> str:
    """What to tell the person whose entry just stopped `enrolment` (one paragraph).

    `place` is a key of `RESTART` (cli, page, api). The stop's own sentence says the sign,
    its day, its source and to see a doctor or physiotherapist (`progress.red_flag_stop`).
    """
    known = library.programmes.get(enrolment.programme_id)
    name = known.name if known is not None else "your exercise programme"
    sentence = enrolment.reason or "Your programme has been stopped because of a warning sign."
    return f"Exercise programme ({name}): {sentence} {RESTART[place]}"


def ending_words(enrolment: Enrolment, reader: Reader = "you") -> str | None:
    """When and why `enrolment` ended, in one or two plain sentences; None while it runs.

    A warning-sign stop names the sign and the day it was logged (kept with the stop since
    1 December 2026; an older stop says only that it was a warning sign).
    """
    if enrolment.status == "active" or enrolment.ended_on is None:
        return None
    on = f"{enrolment.ended_on:%d %b %Y}"
    if enrolment.status == "finished":
        return f"Finished on {on}: the last stage's checks were met."
    if stopped_by_warning(enrolment.stage_changes) is not None:
        last = enrolment.stage_changes[-1]
        named = {str(sign) for sign in last.get("signs", ())}
        signs = " and ".join(words for sign, words in RED_FLAG_WORDS.items() if sign in named)
        logged = (
            f": {signs}, logged on {dt.date.fromisoformat(last['sign_date']):%d %b %Y}"
            if signs and last.get("sign_date")
            else ""
        )
        return (
            f"Stopped on {on} because of a warning sign{logged}. The knee needs to be checked "
            "by a doctor or physiotherapist before it is exercised again."
        )
    who = "you" if reader == "you" else "the person"
    reason = (enrolment.reason or "").strip()
    given = reason and reason != STOPPED_BY_PERSON
    said = f" (reason given: \u201c{reason}\u201d)" if given else ""
    return f"Stopped on {on} by {who}{said}."


def diary_ending(diary: Diary, library: Library, reader: Reader = "you") -> str | None:
    """`ending_words` for the programme the diary's chart shows (`chart.diary_chart`)."""
    if store.active(diary, library) is not None:
        return None
    last = next(iter(store.enrolments(diary, library)), None)
    return None if last is None else ending_words(last, reader)


def last_stop_notice(diary: Diary, library: Library, place: str) -> str | None:
    """`stop_notice` for the newest programme when a warning sign stopped it, else None.

    For a page shown after the entry that stopped it (the diary page's `programme=stopped`).
    """
    last = next(iter(store.enrolments(diary, library)), None)
    if last is None or stopped_by_warning(last.stage_changes) is None:
        return None
    return stop_notice(last, library, place)
