"""GET /calendar/{token}.ics: a person's programme feed at their secret address.

A phone's calendar fetches a subscribed feed without signing in, so with
accounts on the address itself is the secret (`kneewise.accounts.calendar_feed`).
The route is public (`auth.PUBLIC_PATHS`' one pattern); it finds the account
by the token's SHA-256, then answers exactly what `/api/v1/programme/feed.ics`
answers that person, through their own diary (`Diary.for_owner`). An unknown,
replaced or malformed token is a plain 404 that says nothing of why. Each
answer is written to the person's audit log as a read (via `token`), and is
never kept by a cache (`Cache-Control: no-store`): the address is the secret.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from kneewise.accounts.calendar_feed import owner_of_feed
from kneewise.diary.storage import Diary
from kneewise.web.audit import note_access
from kneewise.web.routes.api_programmes import CalendarTime, CalendarZone, programme_feed

router = APIRouter()
#: The route's template; `auth.is_public` matches it as a pattern (one path segment).
FEED_PATH = "/calendar/{token}.ics"
#: The address is the secret: no cache (a proxy's or the phone's) keeps the answer.
NO_STORE = {"Cache-Control": "no-store"}


@router.get(FEED_PATH, name="subscribed_feed", response_class=Response)
async def subscribed_feed(
    request: Request,
    token: str,
    time: CalendarTime = "18:00",
    time_zone_name: CalendarZone = None,
) -> Response:
    """The planned sessions of the address's owner, as `programme/feed.ics` gives them.

    Answers 404 (no hint) for a token that is not a current calendar address.
    """
    base: Diary = request.app.state.diary
    owner = await run_in_threadpool(owner_of_feed, base, token)
    if owner is None:
        return PlainTextResponse(
            "Not found", status_code=404, headers={"Cache-Control": "no-store"}
        )
    note_access(request, owner_id=owner, actor_id=owner, token=True)
    answer = await run_in_threadpool(
        programme_feed, request, base.for_owner(owner), time, time_zone_name
    )
    answer.headers.update(NO_STORE)
    return answer
