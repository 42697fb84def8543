"""The pain diary (one entry per day and knee): create, list, read, replace, change, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response, status

from kneewise.diary.entries import (
    get_pain_entry,
    page_pain_entries,
    pain_entry_id,
    replace_pain_entry,
)
from kneewise.diary.records import PainEntryRecord, build
from kneewise.diary.repository import delete_pain_entry, log_pain
from kneewise.diary.storage import Diary
from kneewise.programmes.ending import RESTART, stop_notice
from kneewise.programmes.load import load_library
from kneewise.programmes.store import stopped_by_diary
from kneewise.web.deps import DiaryDep
from kneewise.web.inputs import RecordId
from kneewise.web.json_body import JsonRoute
from kneewise.web.patch_schemas import PainPatch
from kneewise.web.person_day import LAST_DAY
from kneewise.web.problems import ProblemError, not_found
from kneewise.web.programme_schemas import ProgrammeStopOut
from kneewise.web.query_params import only_declared_query
from kneewise.web.schemas import Page, PainIn, PainOut

router = APIRouter(
    prefix="/pain",
    tags=["diary"],
    route_class=JsonRoute,
    dependencies=[Depends(only_declared_query)],
)

Limit = Annotated[int, Query(ge=1, le=100, description="how many per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="how many to skip")]
MISSING: dict[int | str, dict[str, Any]] = {404: {"description": "No such pain entry"}}


def _record(body: PainIn) -> PainEntryRecord:
    return build(PainEntryRecord, body.model_dump(exclude_none=True))


class PainSavedOut(PainOut):
    """A pain entry as saved and, when its warning sign stopped the programme in progress,
    that programme and what to do (`programme_stopped`; null otherwise)."""

    programme_stopped: ProgrammeStopOut | None = None


def _saved(diary: Diary, record: PainEntryRecord) -> PainSavedOut:
    """The saved entry; swelling or night pain stops a programme in progress, said here
    for the entry whose sign stopped it (once: not again for a further sign)."""
    out = PainSavedOut(**PainOut.of(record).model_dump())
    if not (record.swelling or record.night_pain):
        return out
    library = load_library()
    stopped = stopped_by_diary(diary, library, record.id)  # said for the sign that stopped it
    if stopped is None or stopped.ended_on is None:
        return out
    out.programme_stopped = ProgrammeStopOut(
        programme_id=stopped.programme_id,
        programme_name=library.programmes[stopped.programme_id].name,
        stopped_on=stopped.ended_on,
        reason=stopped.reason or "",
        restart=RESTART["api"],
        message=stop_notice(stopped, library, "api"),
    )
    return out


@router.get("", response_model=Page[PainOut])
def list_pain(diary: DiaryDep, limit: Limit = 20, offset: Offset = 0) -> Page[PainOut]:
    """Pain entries, newest first."""
    records, total = page_pain_entries(diary, limit, offset)
    return Page[PainOut](
        items=[PainOut.of(r) for r in records], total=total, limit=limit, offset=offset
    )


@router.post(
    "",
    dependencies=LAST_DAY,
    response_model=PainSavedOut,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": PainSavedOut, "description": "Merged"}},
)
def create_pain(body: PainIn, diary: DiaryDep, response: Response) -> PainSavedOut:
    """Log pain: 201 for a new entry; 200 when it was merged into that day's entry for the knee.

    Merging keeps the findings not given, so the next morning's pain can be added later.
    Swelling or night pain stops a programme in progress: `programme_stopped` says so.
    """
    saved, merged = log_pain(diary, _record(body))
    response.status_code = status.HTTP_200_OK if merged else status.HTTP_201_CREATED
    response.headers["Location"] = f"/api/v1/pain/{saved.id}"
    return _saved(diary, saved)


@router.get("/{entry_id}", response_model=PainOut, responses=MISSING)
def read_pain(entry_id: RecordId, diary: DiaryDep) -> PainOut:
    """One pain entry."""
    record = get_pain_entry(diary, entry_id)
    if record is None:
        raise not_found(f"pain entry {entry_id}")
    return PainOut.of(record)


@router.put(
    "/{entry_id}",
    dependencies=LAST_DAY,
    response_model=PainSavedOut,
    responses={**MISSING, 409: {"description": "Another entry already holds that day and knee"}},
)
def update_pain(entry_id: RecordId, body: PainIn, diary: DiaryDep) -> PainSavedOut:
    """Replace a pain entry (every field; leave one out to clear it)."""
    return _replace(entry_id, _record(body), diary)


def _replace(entry_id: int, record: PainEntryRecord, diary: Diary) -> PainSavedOut:
    """Store `record` as entry `entry_id`: 409 when another entry holds its day and knee."""
    other = pain_entry_id(diary, record.date, record.knee)
    if other is not None and other != entry_id:
        raise ProblemError(
            409,
            "conflict",
            "Conflict",
            f"pain entry {other} already holds {record.date} for the "
            f"{record.knee} knee; change that one instead",
        )
    saved = replace_pain_entry(diary, entry_id, record)
    if saved is None:
        raise not_found(f"pain entry {entry_id}")
    return _saved(diary, saved)


@router.patch(
    "/{entry_id}",
    dependencies=LAST_DAY,
    response_model=PainSavedOut,
    responses={**MISSING, 409: {"description": "Another entry already holds that day and knee"}},
)
def change_pain(
    entry_id: RecordId,
    body: PainPatch,
    diary: DiaryDep,
) -> PainSavedOut:
    """Change only the findings sent (null clears one); the others are kept."""
    current = get_pain_entry(diary, entry_id)
    if current is None:
        raise not_found(f"pain entry {entry_id}")
    fields = {**current.model_dump(exclude={"id"}), **body.model_dump(exclude_unset=True)}
    record = build(PainEntryRecord, {k: v for k, v in fields.items() if v is not None})
    return _replace(entry_id, record, diary)


@router.delete("/{entry_id}", status_code=status.HTTP_204_NO_CONTENT, responses=MISSING)
def remove_pain(entry_id: RecordId, diary: DiaryDep) -> Response:
    """Delete a pain entry."""
    if not delete_pain_entry(diary, entry_id):
        raise not_found(f"pain entry {entry_id}")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
