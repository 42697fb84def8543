"""The diary on a phone: log a session or today's pain in a few taps, see and delete recent ones."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import RecordError
from kneewise.diary.entries import page_pain_entries, page_sessions
from kneewise.diary.records import PainEntryRecord, SessionRecord, build
from kneewise.diary.repository import (
    add_session,
    delete_pain_entry,
    delete_session,
    get_profile,
    log_pain,
)
from kneewise.diary.storage import Diary
from kneewise.web.deps import DiaryDep
from kneewise.web.templating import page

router = APIRouter()
RECENT = 5
#: A record id as the database can hold it; a larger number is a clear 422, not a crash.
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the record's id")]
ACTIVITIES = (
    "running",
    "cycling",
    "football",
    "basketball",
    "tennis",
    "weightlifting",
    "hiking",
    "swimming",
    "skiing",
    "dance",
    "crossfit",
    "volleyball",
)
RPE_WORDS = {
    0: "rest",
    1: "very easy",
    2: "easy",
    3: "moderate",
    4: "somewhat hard",
    5: "hard",
    7: "very hard",
    10: "maximal",
}
PAIN_SCORES = ("during", "after", "next_morning")
MESSAGES = {
    "session": "Session saved.",
    "pain": "Pain saved.",
    "pain-merged": "Pain added to that day's entry.",
    "deleted": "Deleted.",
}


def _diary_page(
    request: Request,
    diary: Diary,
    *,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, Any] | None = None,
    saved: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    sessions, session_total = page_sessions(diary, RECENT, 0)
    pain, pain_total = page_pain_entries(diary, RECENT, 0)
    return page(
        request,
        "diary.html",
        {
            "today": dt.date.today().isoformat(),
            "activities": ACTIVITIES,
            "rpe_words": RPE_WORDS,
            "sessions": sessions,
            "pain": pain,
            "session_total": session_total,
            "pain_total": pain_total,
            "errors": errors or {},
            "values": values or {},
            "message": MESSAGES.get(saved or ""),
            "knee": get_profile(diary).knee or "right",
        },
        status_code=status,
    )


@router.get("/diary", response_class=HTMLResponse)
def diary_page(request: Request, diary: DiaryDep, saved: str | None = None) -> HTMLResponse:
    """The two quick forms and the latest entries."""
    return _diary_page(request, diary, saved=saved)


def _filled(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: str(form.get(name)).strip() for name in names if form.get(name) not in (None, "")}


@router.post("/diary/session", response_class=HTMLResponse)
async def log_session(request: Request, diary: DiaryDep) -> Response:
    """Save a session; on a mistake, the form comes back with the values and what to fix."""
    form = await request.form()
    fields = _filled(form, ("date", "activity", "duration_min", "rpe", "distance_km", "notes"))
    try:
        add_session(diary, build(SessionRecord, fields))
    except RecordError as error:
        return _diary_page(
            request,
            diary,
            errors={"session": error.problems},
            values={"session": fields},
            status=422,
        )
    return RedirectResponse("/diary?saved=session", status_code=303)


@router.post("/diary/pain", response_class=HTMLResponse)
async def log_pain_entry(request: Request, diary: DiaryDep) -> Response:
    """Save pain for a day and knee (merged into that day's entry when there is one)."""
    form = await request.form()
    fields = _filled(form, ("date", "knee", *PAIN_SCORES))
    for flag in ("swelling", "night_pain"):
        if form.get(flag):
            fields[flag] = True
    try:
        _, merged = log_pain(diary, build(PainEntryRecord, fields))
    except RecordError as error:
        return _diary_page(
            request, diary, errors={"pain": error.problems}, values={"pain": fields}, status=422
        )
    return RedirectResponse(f"/diary?saved={'pain-merged' if merged else 'pain'}", status_code=303)


@router.post("/diary/sessions/{session_id}/delete")
def remove_session(session_id: RecordId, diary: DiaryDep) -> RedirectResponse:
    """Delete one session."""
    delete_session(diary, session_id)
    return RedirectResponse("/diary?saved=deleted", status_code=303)


@router.post("/diary/pain/{entry_id}/delete")
def remove_pain(entry_id: RecordId, diary: DiaryDep) -> RedirectResponse:
    """Delete one pain entry."""
    delete_pain_entry(diary, entry_id)
    return RedirectResponse("/diary?saved=deleted", status_code=303)
