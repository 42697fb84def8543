"""When starting a programme needs the person's word that a clinician has seen the knee.

One rule for the CLI (`--cleared`), the API (`cleared=true`) and the page (the tick
box); each caller adds how to give that word. Asked, in this order, when:

1. the last programme was stopped by a warning sign (swelling, locking, night
   pain, fever: NICE CKS): it said to start again only when a doctor or
   physiotherapist says so, so a restart of any programme waits for that word;
2. the pain diary says to see a doctor or physiotherapist: today's pain light is
   red (`analytics.pain_light`, the very function `kneewise status`, the dashboard
   and the report use, so a start is never allowed while they say stop), or a
   warning sign logged on or after the start day would stop the new programme at
   once (`warning_signs.diary_flags`);
3. the last saved assessment was urgent or emergency, or its offer was held back
   until a clinician has seen the knee (`choose.clinician_first`);
4. the programme is only for a knee a clinician has diagnosed
   (`Programme.diagnosis_first`, cited: an ACL tear).
"""

from __future__ import annotations

import datetime as dt

from kneewise.analytics import pain_light
from kneewise.assessment import Assessment
from kneewise.diary.days import person_today
from kneewise.diary.frames import pain_frame, sessions_frame
from kneewise.diary.repository import get_profile, list_assessments
from kneewise.diary.storage import Diary
from kneewise.programmes import store
from kneewise.programmes.choose import clinician_first
from kneewise.programmes.model import Library, Programme
from kneewise.programmes.warning_signs import diary_flags, stopped_by_warning


def last_assessment(diary: Diary) -> Assessment | None:
    """The last assessment saved in the diary, or None."""
    saved = list_assessments(diary)
    return Assessment.model_validate(saved[-1].answer) if saved else None


def after_warning_stop(diary: Diary, library: Library) -> str | None:
    """Why a restart needs word from a clinician when the last programme stopped for a
    warning sign (one plain sentence), or None."""
    last = next(iter(store.enrolments(diary, library)), None)
    if last is None or last.status != "stopped" or stopped_by_warning(last.stage_changes) is None:
        return None
    known = library.programmes.get(last.programme_id)
    name = known.name if known is not None else "your last programme"
    ended = f" on {last.ended_on:%d %b %Y}" if last.ended_on is not None else ""
    return (
        f"Your last programme ({name}) was stopped{ended} because of a warning sign: the "
        "knee needs to be checked by a doctor or physiotherapist before it is exercised again."
    )


SIGN_WORDS = {"swelling": "swelling", "night_pain": "night pain"}


def diary_warning(diary: Diary, day: dt.date | None = None) -> str | None:
    """Why the pain diary's warning signs need a clinician's word first (plain), or None.

    Asked of today's pain light (`analytics.pain_light`, as `kneewise status` shows it:
    night pain or new swelling in the last 7 days, lingering pain) and of the signs
    logged on or after `day` (the start day; the person's today when None), which would stop a
    programme started then.
    """
    today = person_today(get_profile(diary))  # the person's day, as their pages show it
    light = pain_light(pain_frame(diary, until=today), today, sessions_frame(diary, until=today))
    see = " The knee needs to be checked by a doctor or physiotherapist before it is exercised."
    if light.escalation.needed:
        return (
            "Your pain diary says to see a doctor or physiotherapist: "
            + " ".join(light.escalation.reasons)
            + see
        )
    with diary.reading() as session:
        later = diary_flags(session, day or today)
    if not later:
        return None
    signs = ", ".join(f"{SIGN_WORDS[flag]} on {when:%d %b %Y}" for when, flag in later)
    return f"Your pain diary has a warning sign: {signs}." + see


def needed(
    diary: Diary,
    library: Library,
    programme: Programme | None,
    assessment: Assessment | None = None,
    *,
    day: dt.date | None = None,
) -> str | None:
    """Why starting `programme` on `day` needs word that a clinician has seen the knee, or None.

    `assessment` is the last saved one (read from the diary when not given); `programme`
    None when it is not chosen yet (only rules 1 to 3 are asked then); `day` the start
    day (today when None).
    """
    stopped = after_warning_stop(diary, library)
    if stopped is not None:
        return stopped
    in_diary = diary_warning(diary, day)
    if in_diary is not None:
        return in_diary
    see_first = clinician_first(assessment or last_assessment(diary), library)
    if see_first is not None:
        return see_first
    if programme is not None and programme.diagnosis_first is not None:
        return programme.diagnosis_first.why
    return None
