"""GET /api/v1/audit: the log of who read, exported, changed or deleted the caller's data.

Only a person's own log: it is read through their own diary (`DiaryDep`), so
the scoping by owner applies to it like to every record. Newest first, in
pages: `before` is the `next_before` of the previous page.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from kneewise.accounts.audit import PAGE_MAX, Action, Via, list_events
from kneewise.web.deps import DiaryDep
from kneewise.web.inputs import RecordId
from kneewise.web.json_body import JsonRoute

router = APIRouter(tags=["audit"], route_class=JsonRoute)


class AuditEventPublic(BaseModel):
    """One event of the log: who did what with which of the person's records, and how."""

    id: int
    at: dt.datetime = Field(description="when, in UTC")
    actor: str | None = Field(
        description="the account that acted; null for an account since deleted (or, in a "
        "personal app without accounts, the person themselves)"
    )
    actor_is_you: bool = Field(description="true when the person acted themselves")
    actor_role: str | None = Field(
        description="clinician, coach or administrator when someone else acted; null if unknown"
    )
    action: Action
    what: str = Field(description="the kind of record in plain words, with its number if one")
    route: str = Field(description="the method and route template it was reached through")
    via: Via = Field(description="page, api, token (a personal access token) or cli")


class AuditPage(BaseModel):
    """A page of the log, newest first; `next_before` asks for the next (older) page."""

    events: list[AuditEventPublic]
    next_before: int | None = Field(description="pass as `before` for older events; null: none")


@router.get("/audit", response_model=AuditPage)
def read_audit_log(
    diary: DiaryDep,
    limit: Annotated[int, Query(ge=1, le=PAGE_MAX, description="events per page")] = 100,
    before: Annotated[RecordId | None, Query(description="only events older than this id")] = None,
    others_only: Annotated[
        bool, Query(description="leave out what the person did themselves")
    ] = False,
) -> AuditPage:
    """The caller's own audit log, newest first (never anyone else's)."""
    events = list_events(diary, limit=limit, before=before, others_only=others_only)
    return AuditPage(
        events=[
            AuditEventPublic(
                id=e.id,
                at=e.at,
                actor=e.actor,
                actor_is_you=e.actor_is_owner,
                actor_role=e.actor_role,
                action=e.action,
                what=e.what,
                route=e.route,
                via=e.via,
            )
            for e in events
        ],
        next_before=events[-1].id if len(events) == limit else None,
    )
