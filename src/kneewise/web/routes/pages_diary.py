"""The diary on a phone: log a session or today's pain in a few taps; see, edit and delete entries.

Distances are typed and shown in the profile's unit (km or mi) and stored in
km; every message names fields by their label (`Duration`, never the stored
name). A session without an effort rating is kept but is not part of the
training load (the load is minutes × effort, Foster 2001), and the page says so.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import RecordError
from kneewise.diary.entries import (
    get_pain_entry,
    get_session,
    page_pain_entries,
    page_sessions,
    pain_entry_id,
    replace_pain_entry,
    replace_session,
)
from kneewise.diary.names import dash_note
from kneewise.diary.records import (
    KNEES,
    LOCATIONS,
    PainEntryRecord,
    SessionRecord,
    build,
    plain_problem,
)
from kneewise.diary.repository import (
    add_session,
    delete_pain_entry,
    delete_session,
    get_profile,
    log_pain,
)
from kneewise.diary.storage import Diary
from kneewise.diary.units import (
    DEFAULT_DISTANCE_UNIT,
    DISTANCE_WORDS,
    distance_text,
    from_km,
    to_km,
)
from kneewise.programmes.ending import last_stop_notice
from kneewise.programmes.load import load_library
from kneewise.programmes.store import stopped_by_diary
from kneewise.web.deps import DiaryDep
from kneewise.web.inputs import RecordId
from kneewise.web.person_day import LAST_DAY, keep_browser_zone, person_day
from kneewise.web.problems import not_found
from kneewise.web.templating import page

router = APIRouter()
RECENT = 5
#: Entries of each kind per page of /diary/entries.
PAGE_SIZE = 20
ACTIVITIES = (
    "running", "cycling", "football", "basketball", "tennis", "weightlifting", "hiking",
    "swimming", "skiing", "dance", "crossfit", "volleyball",
)  # fmt: skip
RPE_WORDS = {
    0: "rest", 1: "very easy", 2: "easy", 3: "moderate", 4: "somewhat hard", 5: "hard",
    7: "very hard", 10: "maximal",
}  # fmt: skip
PAIN_SCORES = ("during", "after", "next_morning")
SESSION_FORM = ("date", "activity", "duration_min", "rpe", "notes")
MESSAGES = {
    "session": "Session saved.",
    # A dash in the activity's name is a space between words (kneewise.diary.names).
    "session-dash": "Session saved. A dash in a name is read as a space between words.",
    "pain": "Pain saved.",
    "pain-merged": "Pain added to that day's entry.",
    "changed": "Changes saved.",
    "deleted": "Deleted.",
}
#: Tri-state answers on the edit form: not said stays "not said", never "no".
YES_NO = {"yes": True, "no": False}


def _unit(diary: Diary) -> str:
    return get_profile(diary).distance_unit or DEFAULT_DISTANCE_UNIT


def _shared(request: Request, diary: Diary) -> dict[str, Any]:
    unit = _unit(diary)
    day = person_day(request, get_profile(diary))  # the person's today, not the server's
    return {
        "today": day.today.isoformat(),
        "latest": day.latest.isoformat(),
        "zone_known": day.zone_known,
        "activities": ACTIVITIES,
        "rpe_words": RPE_WORDS,
        "unit": unit,
        "unit_words": DISTANCE_WORDS[unit],
        "show_distance": lambda km: distance_text(km, unit),
        "knees": KNEES,
        "locations": LOCATIONS,
    }


def _diary_page(
    request: Request,
    diary: Diary,
    *,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, Any] | None = None,
    saved: str | None = None,
    status: int = 200,
    programme: str | None = None,
) -> HTMLResponse:
    sessions, session_total = page_sessions(diary, RECENT, 0)
    pain, pain_total = page_pain_entries(diary, RECENT, 0)
    return page(
        request,
        "diary.html",
        {
            **_shared(request, diary),
            "sessions": sessions,
            "pain": pain,
            "session_total": session_total,
            "pain_total": pain_total,
            "errors": errors or {},
            "values": values or {},
            "message": MESSAGES.get(saved or ""),
            # The programme a warning sign in the entry just saved stopped (kneewise.programmes).
            "programme_stopped": (
                last_stop_notice(diary, load_library(), "page") if programme == "stopped" else None
            ),
            # No knee is guessed: without one in the profile the person picks it.
            "knee": get_profile(diary).knee,
        },
        status_code=status,
    )


@router.get("/diary", response_class=HTMLResponse)
def diary_page(
    request: Request, diary: DiaryDep, saved: str | None = None, programme: str | None = None
) -> HTMLResponse:
    """The two quick forms and the latest entries (and, after an entry with a warning sign,
    that it stopped the exercise programme: `programme=stopped`)."""
    return _diary_page(request, diary, saved=saved, programme=programme)


def _stopped(diary: Diary, record: PainEntryRecord, entry_id: int | None) -> str:
    """`&programme=stopped` when this entry's warning sign has stopped the programme (said
    once: not again for a further sign while it is stopped)."""
    if not (record.swelling or record.night_pain):
        return ""
    stopped = stopped_by_diary(diary, load_library(), entry_id)
    return "&programme=stopped" if stopped is not None else ""


@router.get("/diary/entries", response_class=HTMLResponse)
def all_entries(
    request: Request,
    diary: DiaryDep,
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Every session and pain entry, newest first, a page at a time, each with Edit."""
    offset = (page_number - 1) * PAGE_SIZE
    sessions, session_total = page_sessions(diary, PAGE_SIZE, offset)
    pain, pain_total = page_pain_entries(diary, PAGE_SIZE, offset)
    pages = max(1, -(-max(session_total, pain_total) // PAGE_SIZE))
    return page(
        request,
        "diary_entries.html",
        {
            **_shared(request, diary),
            "sessions": sessions,
            "pain": pain,
            "session_total": session_total,
            "pain_total": pain_total,
            "page_number": page_number,
            "pages": pages,
        },
    )


def _filled(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    # Text is kept as typed (not stripped of inner spaces) so nothing said is lost.
    return {name: str(form.get(name)).strip() for name in names if form.get(name) not in (None, "")}


def _session_fields(form: Any, unit: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(what the form shows back, what is validated): distance typed in `unit`, stored in km."""
    shown = _filled(form, (*SESSION_FORM, "distance"))
    fields = {name: value for name, value in shown.items() if name != "distance"}
    if "distance" in shown:
        try:
            fields["distance_km"] = to_km(float(shown["distance"]), unit)
        except ValueError:
            fields["distance_km"] = shown["distance"]  # refused by the record, with its rule
    return shown, fields


def _plain(error: RecordError, unit: str) -> list[str]:
    return [plain_problem(problem, unit) for problem in error.problems]


@router.post("/diary/session", dependencies=LAST_DAY, response_class=HTMLResponse)
async def log_session(request: Request, diary: DiaryDep) -> Response:
    """Save a session; on a mistake, the form comes back with the values and what to fix."""
    form = await request.form()
    keep_browser_zone(form, diary)  # the first form tells the person's zone
    unit = _unit(diary)
    shown, fields = _session_fields(form, unit)
    try:
        saved = add_session(diary, build(SessionRecord, fields))
    except RecordError as error:
        return _diary_page(
            request,
            diary,
            errors={"session": _plain(error, unit)},
            values={"session": shown},
            status=422,
        )
    said = "session-dash" if dash_note(str(form.get("activity", "")), saved.activity) else "session"
    return RedirectResponse(f"/diary?saved={said}", status_code=303)


def _flag_answers(form: Any, shown: dict[str, Any], fields: dict[str, Any]) -> None:
    """Swelling and night pain as answered: yes, no, or not noted (left out: None).

    "Not noted" is stored as nothing, never as "no": nothing may claim an absence
    that was not asked.
    """
    for flag in ("swelling", "night_pain"):
        answer = str(form.get(flag) or "")
        shown[flag] = answer
        if answer in YES_NO:
            fields[flag] = YES_NO[answer]
        elif answer:
            fields[flag] = answer  # refused by the record, naming what is allowed


@router.post("/diary/pain", dependencies=LAST_DAY, response_class=HTMLResponse)
async def log_pain_entry(request: Request, diary: DiaryDep) -> Response:
    """Save pain for a day and knee (merged into that day's entry when there is one)."""
    form = await request.form()
    keep_browser_zone(form, diary)  # the first form tells the person's zone
    fields = _filled(form, ("date", "knee", *PAIN_SCORES))
    shown = dict(fields)
    _flag_answers(form, shown, fields)
    try:
        saved, merged = log_pain(diary, build(PainEntryRecord, fields))
    except RecordError as error:
        return _diary_page(
            request,
            diary,
            errors={"pain": _plain(error, _unit(diary))},
            values={"pain": shown},
            status=422,
        )
    said = "pain-merged" if merged else "pain"
    return RedirectResponse(
        f"/diary?saved={said}{_stopped(diary, saved, saved.id)}", status_code=303
    )


# Editing


def _edit_page(
    request: Request,
    diary: Diary,
    kind: str,
    entry_id: int,
    values: dict[str, Any],
    errors: list[str] | None = None,
) -> HTMLResponse:
    context = {**_shared(request, diary), "kind": kind, "entry_id": entry_id, "values": values}
    return page(
        request,
        "diary_edit.html",
        {**context, "errors": errors or []},
        status_code=422 if errors else 200,
    )


def _session_values(record: SessionRecord, unit: str) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in SESSION_FORM}
    values["distance"] = None if record.distance_km is None else from_km(record.distance_km, unit)
    values["duration_min"] = f"{record.duration_min:g}"
    values["rpe"] = None if record.rpe is None else f"{record.rpe:g}"
    return {name: "" if value is None else str(value) for name, value in values.items()}


@router.get("/diary/sessions/{session_id}/edit", response_class=HTMLResponse)
def edit_session_page(session_id: RecordId, request: Request, diary: DiaryDep) -> HTMLResponse:
    """A logged session in a form, to change any of it."""
    record = get_session(diary, session_id)
    if record is None:
        raise not_found(f"training session {session_id}")
    return _edit_page(request, diary, "session", session_id, _session_values(record, _unit(diary)))


@router.post("/diary/sessions/{session_id}", dependencies=LAST_DAY, response_class=HTMLResponse)
async def edit_session(session_id: RecordId, request: Request, diary: DiaryDep) -> Response:
    """Save the changed session; its exercises (logged on the command line) are kept."""
    current = get_session(diary, session_id)
    if current is None:
        raise not_found(f"training session {session_id}")
    unit = _unit(diary)
    shown, fields = _session_fields(await request.form(), unit)
    fields |= {"source": current.source, "start_time": current.start_time}
    fields["exercises"] = current.exercises
    try:
        record = build(SessionRecord, {k: v for k, v in fields.items() if v is not None})
    except RecordError as error:
        return _edit_page(request, diary, "session", session_id, shown, _plain(error, unit))
    if replace_session(diary, session_id, record) is None:
        raise not_found(f"training session {session_id}")
    return RedirectResponse("/diary?saved=changed", status_code=303)


def _pain_values(record: PainEntryRecord) -> dict[str, Any]:
    values: dict[str, Any] = {"date": record.date.isoformat(), "knee": record.knee}
    for name in (*PAIN_SCORES, "stiffness_min"):
        value = getattr(record, name)
        values[name] = "" if value is None else str(value)
    for name in ("swelling", "night_pain"):
        value = getattr(record, name)
        values[name] = "" if value is None else ("yes" if value else "no")
    values["location"] = list(record.location)
    return values


@router.get("/diary/pain/{entry_id}/edit", response_class=HTMLResponse)
def edit_pain_page(entry_id: RecordId, request: Request, diary: DiaryDep) -> HTMLResponse:
    """A logged pain entry in a form, to change any of it."""
    record = get_pain_entry(diary, entry_id)
    if record is None:
        raise not_found(f"pain entry {entry_id}")
    return _edit_page(request, diary, "pain", entry_id, _pain_values(record))


@router.post("/diary/pain/{entry_id}", dependencies=LAST_DAY, response_class=HTMLResponse)
async def edit_pain(entry_id: RecordId, request: Request, diary: DiaryDep) -> Response:
    """Save the changed pain entry; it cannot take over another entry's day and knee."""
    if get_pain_entry(diary, entry_id) is None:
        raise not_found(f"pain entry {entry_id}")
    form = await request.form()
    shown: dict[str, Any] = _filled(form, ("date", "knee", *PAIN_SCORES, "stiffness_min"))
    shown["location"] = [str(place) for place in form.getlist("location")]
    fields = {name: value for name, value in shown.items() if name != "location"}
    fields["location"] = shown["location"]
    _flag_answers(form, shown, fields)
    try:
        record = build(PainEntryRecord, fields)
        other = pain_entry_id(diary, record.date, record.knee)
        if other is not None and other != entry_id:
            raise RecordError(
                [
                    f"there is already a pain entry for the {record.knee} knee on {record.date}; "
                    "change that one, or delete it first"
                ]
            )
    except RecordError as error:
        return _edit_page(request, diary, "pain", entry_id, shown, _plain(error, _unit(diary)))
    if replace_pain_entry(diary, entry_id, record) is None:
        raise not_found(f"pain entry {entry_id}")
    return RedirectResponse(
        f"/diary?saved=changed{_stopped(diary, record, entry_id)}", status_code=303
    )


# Deleting


@router.post("/diary/sessions/{session_id}/delete")
def remove_session(session_id: RecordId, diary: DiaryDep) -> RedirectResponse:
    """Delete one session; 404 when this diary has none with this id (as the API)."""
    if not delete_session(diary, session_id):
        raise not_found(f"training session {session_id}")
    return RedirectResponse("/diary?saved=deleted", status_code=303)


@router.post("/diary/pain/{entry_id}/delete")
def remove_pain(entry_id: RecordId, diary: DiaryDep) -> RedirectResponse:
    """Delete one pain entry; 404 when this diary has none with this id (as the API)."""
    if not delete_pain_entry(diary, entry_id):
        raise not_found(f"pain entry {entry_id}")
    return RedirectResponse("/diary?saved=deleted", status_code=303)
