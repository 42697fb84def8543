"""The training diary's sessions: create, read (page by page), replace, change, delete."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response, status

from kneewise._errors import RecordError
from kneewise.diary.entries import get_session, page_sessions, replace_session
from kneewise.diary.records import ALLOWED, SessionRecord, build
from kneewise.diary.repository import add_session, delete_session
from kneewise.web.deps import DiaryDep
from kneewise.web.inputs import RecordId
from kneewise.web.json_body import JsonRoute
from kneewise.web.patch_schemas import SessionPatch
from kneewise.web.person_day import LAST_DAY
from kneewise.web.problems import not_found
from kneewise.web.query_params import only_declared_query
from kneewise.web.schemas import Page, SessionIn, SessionOut

router = APIRouter(
    prefix="/sessions",
    tags=["diary"],
    route_class=JsonRoute,
    dependencies=[Depends(only_declared_query)],
)

Limit = Annotated[int, Query(ge=1, le=100, description="how many per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="how many to skip")]
MISSING: dict[int | str, dict[str, Any]] = {404: {"description": "No such session"}}


def _record(body: SessionIn) -> SessionRecord:
    return build(SessionRecord, body.model_dump(exclude_none=True))


@router.get("", response_model=Page[SessionOut])
def list_sessions(diary: DiaryDep, limit: Limit = 20, offset: Offset = 0) -> Page[SessionOut]:
    """Training sessions, newest first."""
    records, total = page_sessions(diary, limit, offset)
    items = [SessionOut.of(r) for r in records]
    return Page[SessionOut](items=items, total=total, limit=limit, offset=offset)


@router.post(
    "", dependencies=LAST_DAY, response_model=SessionOut, status_code=status.HTTP_201_CREATED
)
def create_session(body: SessionIn, diary: DiaryDep, response: Response) -> SessionOut:
    """Save a training session; `Location` names the new one."""
    saved = add_session(diary, _record(body))
    response.headers["Location"] = f"/api/v1/sessions/{saved.id}"
    return SessionOut.of(saved)


@router.get("/{session_id}", response_model=SessionOut, responses=MISSING)
def read_session(session_id: RecordId, diary: DiaryDep) -> SessionOut:
    """One training session."""
    record = get_session(diary, session_id)
    if record is None:
        raise not_found(f"training session {session_id}")
    return SessionOut.of(record)


@router.put("/{session_id}", dependencies=LAST_DAY, response_model=SessionOut, responses=MISSING)
def update_session(session_id: RecordId, body: SessionIn, diary: DiaryDep) -> SessionOut:
    """Replace a training session (every field; leave one out to clear it)."""
    record = replace_session(diary, session_id, _record(body))
    if record is None:
        raise not_found(f"training session {session_id}")
    return SessionOut.of(record)


@router.patch("/{session_id}", dependencies=LAST_DAY, response_model=SessionOut, responses=MISSING)
def change_session(
    session_id: RecordId,
    body: SessionPatch,
    diary: DiaryDep,
) -> SessionOut:
    """Change only the fields sent (null clears an optional one); the others are kept.

    `rpe: null` clears the effort rating, as the diary allows for a session whose
    effort is unknown: the session then leaves the training load, and the answer
    says so in `load_note` (send an rpe again to count it).

    The changed session must still be a valid session: only a rest day (activity
    `rest`, `rest day` or `day off`) lasts 0 minutes, so a rest day changed to
    another activity needs `duration_min` (more than 0) in the same PATCH. A 422
    names each rule the kept fields break and which of them to send.
    """
    current = get_session(diary, session_id)
    if current is None:
        raise not_found(f"training session {session_id}")
    sent = body.model_dump(exclude_unset=True)
    fields = {**current.model_dump(exclude={"id"}), **sent}
    try:
        record = build(SessionRecord, {k: v for k, v in fields.items() if v is not None})
    except RecordError as error:
        raise RecordError([_kept(problem, current, sent) for problem in error.problems]) from None
    saved = replace_session(diary, session_id, record)
    if saved is None:
        raise not_found(f"training session {session_id}")
    return SessionOut.of(saved)


_LEADING_FIELD = re.compile(r"^([a-z_]+) (?:must|is required)")


def _kept(problem: str, current: SessionRecord, sent: dict[str, Any]) -> str:
    """`problem`, saying so when the field it names was kept from the stored session."""
    match = _LEADING_FIELD.match(problem)
    field = match.group(1) if match else None
    if field is None or field in sent or field not in ALLOWED:
        return problem
    value = getattr(current, field, None)
    stored = f"{value:g}" if isinstance(value, float | int) else repr(value)
    return (
        f"{problem}; this PATCH did not send {field}, so the stored {stored} was kept: "
        f"send {field} with the change ({ALLOWED[field]})"
    )


@router.delete("/{session_id}", status_code=status.HTTP_204_NO_CONTENT, responses=MISSING)
def remove_session(session_id: RecordId, diary: DiaryDep) -> Response:
    """Delete a training session and its exercises."""
    if not delete_session(diary, session_id):
        raise not_found(f"training session {session_id}")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
