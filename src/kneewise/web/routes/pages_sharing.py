"""Sharing pages: "Who can see my diary" for the person, "Shared with me" for a clinician or coach.

The person makes a one-time sharing code (shown once, on the answer to the
form, never in an address), sees who can read their diary and stops sharing
with one button. A clinician or coach enters the code, then sees the people
who share with them in tables (one per team), those needing attention first
(`shared_overview.ATTENTION_RULE`), and each person's read-only dashboard and
PDF report. Every viewer page goes through `SharedDep` (`AllSharedDep` for
the list), which checks the share on each request, so a stopped share is
refused at once (404).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import AccountError
from kneewise.accounts.sharing import (
    INVITATION_DAYS,
    ROLES,
    TEAM_MAX,
    leave_share,
    make_invitation,
    pending_invitations,
    redeem_invitation,
    share_between,
    shares_given,
    stop_sharing,
    withdraw_invitation,
)
from kneewise.diary.records import EARLIEST_DATE
from kneewise.diary.storage import Diary
from kneewise.programmes.chart import diary_chart
from kneewise.programmes.ending import diary_ending
from kneewise.programmes.load import load_library
from kneewise.report import doctor_report
from kneewise.web.dashboard import build_dashboard
from kneewise.web.deps import CallerDep, KnowledgeDep, SettingsDep
from kneewise.web.inputs import RecordId
from kneewise.web.person_day import diary_today
from kneewise.web.problems import ProblemError
from kneewise.web.routes.pages_dashboard import RATIO_CAVEAT
from kneewise.web.shared import (
    AccountsOnDep,
    AllSharedDep,
    SharedDep,
    SharedDiary,
    get_all_shared,
    require_accounts,
    require_session,
)
from kneewise.web.shared_overview import ATTENTION_RULE, by_team, overview
from kneewise.web.templating import page

router = APIRouter()
ROLE_WORDS = {"clinician": "a clinician (doctor, physiotherapist)", "coach": "a coach"}
REPORT_WEEKS = 12


def _base(request: Request) -> Diary:
    base: Diary = request.app.state.diary
    return base


def _sharing_page(
    request: Request, caller: CallerDep, status_code: int = 200, **extra: Any
) -> HTMLResponse:
    base, me = _base(request), caller.person.id
    context = {
        "shares": shares_given(base, me),
        "codes": pending_invitations(base, me),
        "roles": ROLES,
        "role_words": ROLE_WORDS,
        "days": INVITATION_DAYS,
        "team_max": TEAM_MAX,
        "made": None,
        "error": None,
        "stopped": None,
        "values": {"role": "clinician", "team": ""},
        **extra,
    }
    return page(request, "sharing.html", context, status_code=status_code)


@router.get("/sharing", response_class=HTMLResponse)
def sharing_page(
    request: Request, caller: CallerDep, _on: AccountsOnDep, stopped: str | None = None
) -> HTMLResponse:
    """Who can see my diary: the shares and codes not used yet, and a form to make a code."""
    return _sharing_page(request, caller, stopped=stopped)


@router.post("/sharing/codes", response_class=HTMLResponse)
async def make_code(request: Request, caller: CallerDep, _on: AccountsOnDep) -> HTMLResponse:
    """Make a one-time sharing code and show it once, on this answer only."""
    require_session(caller)
    form = await request.form()
    values = {name: str(form.get(name) or "").strip() for name in ("role", "team")}
    try:
        # The team as typed: the check trims spaces, and names a control character
        # even at either end, as the API does.
        made, code = make_invitation(
            _base(request), caller.person.id, values["role"], str(form.get("team") or "")
        )
    except AccountError as error:
        return _sharing_page(request, caller, 422, error=str(error), values=values)
    return _sharing_page(request, caller, made=(made, code))


@router.post("/sharing/codes/{code_id}/withdraw")
def withdraw_code(
    request: Request, caller: CallerDep, _on: AccountsOnDep, code_id: RecordId
) -> Response:
    """Make a code not used yet unusable."""
    if not withdraw_invitation(_base(request), caller.person.id, code_id):
        raise ProblemError(404, "not-found", "Not found", "you have no unused sharing code like it")
    return RedirectResponse("/sharing?stopped=code", status_code=303)


@router.post("/sharing/{share_id}/stop")
def stop(request: Request, caller: CallerDep, _on: AccountsOnDep, share_id: RecordId) -> Response:
    """Stop sharing with one clinician or coach, at once."""
    if not stop_sharing(_base(request), caller.person.id, share_id):
        raise ProblemError(
            404, "not-found", "Not found", "you share your diary with no one like it"
        )
    return RedirectResponse("/sharing?stopped=share", status_code=303)


def _shared_page(
    request: Request,
    everyone: list[SharedDiary],
    knowledge: KnowledgeDep,
    status_code: int = 200,
    **extra: Any,
) -> HTMLResponse:
    people = [overview(s.sharing, s.diary, knowledge) for s in everyone]
    context = {"teams": by_team(people), "rule": ATTENTION_RULE, "error": None, "code": ""}
    return page(request, "shared.html", {**context, **extra}, status_code=status_code)


@router.get("/shared", response_class=HTMLResponse)
def shared_page(request: Request, everyone: AllSharedDep, knowledge: KnowledgeDep) -> HTMLResponse:
    """Shared with me: a table per team of the people who share their diary, attention first."""
    return _shared_page(request, everyone, knowledge)


@router.post("/shared", response_class=HTMLResponse)
async def enter_code(
    request: Request, caller: CallerDep, knowledge: KnowledgeDep, settings: SettingsDep
) -> Response:
    """Enter a sharing code a person gave: their diary is then on this list."""
    require_accounts(settings)
    require_session(caller)
    form = await request.form()
    code = str(form.get("code") or "")[:100]
    try:
        sharing = redeem_invitation(_base(request), caller.person.id, code)
    except AccountError as error:
        everyone = get_all_shared(request, caller, settings)
        return _shared_page(request, everyone, knowledge, 422, error=str(error), code=code.strip())
    return RedirectResponse(f"/shared/{sharing.person_id}", status_code=303)


@router.get("/shared/{person_id}", response_class=HTMLResponse)
def shared_person(
    request: Request,
    shared: SharedDep,
    knowledge: KnowledgeDep,
    weeks: Annotated[int, Query(ge=2, le=52)] = 12,
) -> HTMLResponse:
    """One person's dashboard, read-only: light, load, pain, latest check, programme."""
    today = diary_today(shared.diary)  # the shared person's today, not the viewer's
    return page(
        request,
        "shared_person.html",
        {
            "s": shared.sharing,
            "o": overview(shared.sharing, shared.diary, knowledge, today),
            "d": build_dashboard(shared.diary, weeks, today),
            "weeks": weeks,
            "caveat": RATIO_CAVEAT,
            "programme_chart": diary_chart(shared.diary, today),
            # The sentence under the owner's chart, of "the person" (as in the PDF).
            "programme_ending": diary_ending(shared.diary, load_library(), "the person"),
        },
    )


@router.get("/shared/{person_id}/report.pdf")
def shared_report(
    shared: SharedDep,
    knowledge: KnowledgeDep,
    start: Annotated[dt.date | None, Query(description="first day (default: 12 weeks ago)")] = None,
    end: Annotated[dt.date | None, Query(description="last day (default: today)")] = None,
) -> Response:
    """The person's report for the doctor, as the person would print it."""
    end = end or diary_today(shared.diary)
    start = start or end - dt.timedelta(weeks=REPORT_WEEKS) + dt.timedelta(days=1)
    if start < EARLIEST_DATE:
        raise ProblemError(
            400, "invalid-request", "Bad request", f"start must be {EARLIEST_DATE} or later"
        )
    name = f"kneewise-report-{start.isoformat()}-{end.isoformat()}.pdf"
    return Response(
        doctor_report(shared.diary, start, end, knowledge),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post("/shared/{person_id}/leave")
def leave(request: Request, caller: CallerDep, _on: AccountsOnDep, person_id: RecordId) -> Response:
    """Take a person off my list (the share ends; they can give a new code).

    It changes the share only, never the person's diary, so it does not open
    the diary (`SharedDep`) at all.
    """
    sharing = share_between(_base(request), caller.person.id, person_id)
    if sharing is None or not leave_share(_base(request), caller.person.id, sharing.id):
        raise ProblemError(
            404, "not-found", "Not found", f"no one with number {person_id} shares a diary with you"
        )
    return RedirectResponse("/shared", status_code=303)
