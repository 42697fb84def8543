"""The page "Who saw my data": the person's own audit log, in plain words.

At the top, everyone other than the person who reached their data (a
clinician or coach they shared with, an administrator), how often and when
last; below, every event newest first, a page at a time. Read through the
person's own diary, so no one sees another person's log.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kneewise.accounts.audit import AccessEvent, Onlooker, list_events, onlookers
from kneewise.web.deps import DiaryDep, SettingsDep
from kneewise.web.inputs import RecordId
from kneewise.web.templating import page

router = APIRouter()
#: Events a page of the log shows.
PAGE_SIZE = 50
#: What each action is called on the page (a person saw, downloaded, changed, deleted).
ACTION_WORDS = {
    "read": "looked at",
    "export": "downloaded",
    "change": "added or changed",
    "delete": "deleted",
}
VIA_WORDS = {
    "page": "on the website",
    "api": "through the API",
    "token": "with an access token (a program)",
    "cli": "on the command line",
}


def who(event: AccessEvent | Onlooker, *, accounts: bool) -> str:
    """Who acted, in words: "You", "dr.lee (your clinician)", "an account since deleted"."""
    if isinstance(event, AccessEvent) and event.actor_is_owner:
        return "You"
    if event.actor is None:
        return "an account since deleted" if accounts else "You"
    role = event.actor_role if isinstance(event, AccessEvent) else event.role
    if role in ("clinician", "coach"):
        return f"{event.actor} (your {role})"
    if role == "administrator":
        return f"{event.actor} (an administrator of this server)"
    return event.actor


def when(moment: dt.datetime) -> str:
    """A UTC moment as the page says it: "30 Nov 2026, 14:05 UTC"."""
    return moment.astimezone(dt.UTC).strftime("%-d %b %Y, %H:%M UTC")


@router.get("/privacy", response_class=HTMLResponse)
def privacy_page(
    request: Request,
    diary: DiaryDep,
    settings: SettingsDep,
    before: Annotated[RecordId | None, Query()] = None,
    others: Annotated[bool, Query()] = False,
) -> HTMLResponse:
    """Who saw the person's data: others first, then the whole log (`others` only theirs)."""
    events = list_events(diary, limit=PAGE_SIZE, before=before, others_only=others)
    return page(
        request,
        "privacy.html",
        {
            "accounts": settings.accounts,
            "onlookers": onlookers(diary) if before is None else [],
            "events": events,
            "others": others,
            "older": events[-1].id if len(events) == PAGE_SIZE else None,
            "first_page": before is None,
            "actor_words": lambda e: who(e, accounts=settings.accounts),
            "moment": when,
            "action_words": ACTION_WORDS,
            "via_words": VIA_WORDS,
        },
    )
