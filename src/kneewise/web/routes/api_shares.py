"""Sharing over the API: a person's shares and codes, a viewer's list of who shares with them.

`/shares` and `/sharing-codes` are the person's; `/shared` is the viewer's.

A sharing code is made (`POST /sharing-codes`) and entered (`POST /shared`)
by a signed-in person only, never with an access token: a share outlives the
token. Everything else takes a token too; changes need its write scope. A
viewer reads a shared person only through `SharedDep` (a 404 without an
unstopped share) and only with GET. With accounts off every route is a 404
that says how to switch sharing on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, Field

from kneewise._errors import AccountError
from kneewise.accounts.sharing import (
    CODE_RULE,
    TEAM_MAX,
    Sharing,
    SharingCode,
    make_invitation,
    pending_invitations,
    redeem_invitation,
    shares_given,
    stop_sharing,
    withdraw_invitation,
)
from kneewise.diary.storage import Diary
from kneewise.interop.fhir import patient_id
from kneewise.web.deps import SAFE_METHODS, Caller, CallerDep, KnowledgeDep
from kneewise.web.inputs import RecordId
from kneewise.web.json_body import JsonRoute
from kneewise.web.problems import FieldProblem, ProblemError, not_found
from kneewise.web.schemas import Strict
from kneewise.web.shared import AccountsOnDep, AllSharedDep, SharedDep, require_session
from kneewise.web.shared_overview import ATTENTION_RULE, Overview, by_attention, overview

router = APIRouter(tags=["sharing"], route_class=JsonRoute)
Responses = dict[int | str, dict[str, Any]]
MISSING_SHARE: Responses = {404: {"description": "No such share of yours, or accounts are off"}}
MISSING_CODE: Responses = {404: {"description": "No unused code of yours with this id"}}
NOT_SHARED: Responses = {404: {"description": "This person shares no diary with you"}}
SESSION_ONLY: Responses = {
    403: {"description": "Only a signed-in person (not an access token) makes or enters codes"}
}
ACCOUNTS: Responses = {404: {"description": "Accounts are off: sharing needs a server"}}


class SharingCodeBase(BaseModel):
    """Who a sharing code is for."""

    role: Literal["clinician", "coach"] = Field(description="who will see the diary")
    team: str | None = Field(
        default=None, max_length=TEAM_MAX, description="a team name, for a coach only"
    )


class SharingCodeCreate(SharingCodeBase, Strict):
    """A new sharing code to make."""


class SharingCodePublic(SharingCodeBase):
    """A sharing code not used yet (the code itself is never kept, so never shown again)."""

    id: int
    created_at: dt.datetime
    expires_at: dt.datetime

    @classmethod
    def of(cls, made: SharingCode) -> SharingCodePublic:
        return cls(
            id=made.id,
            role=made.role,
            team=made.team,
            created_at=made.created_at,
            expires_at=made.expires_at,
        )


class SharingCodeMade(SharingCodePublic):
    """A sharing code just made: `code` is shown in this answer only."""

    code: str = Field(description="give it to the clinician or coach; it works once")


class CodeEntered(Strict):
    """A sharing code someone gave, as typed."""

    code: str = Field(min_length=1, max_length=40, description=CODE_RULE)


class SharePublic(BaseModel):
    """A person's diary shared read-only with a clinician or coach."""

    id: int
    person_id: int
    person_name: str
    viewer_id: int
    viewer_name: str
    role: Literal["clinician", "coach"]
    team: str | None
    since: dt.datetime

    @classmethod
    def of(cls, sharing: Sharing) -> SharePublic:
        return cls(**sharing.__dict__)


class LatestCheckPublic(BaseModel):
    """The person's newest saved check."""

    date: dt.date
    level: str
    label: str
    headline: str
    open_signs: int = Field(description="serious warning signs not ruled out (not answered)")


class AdherencePublic(BaseModel):
    """The programme in progress (or the last one)."""

    programme: str
    week: int
    done: float = Field(description="sessions done in the whole weeks so far (partly = 0.5)")
    planned: int = Field(description="sessions planned in those weeks")
    done_this_week: float
    ended: bool


class SharedPersonPublic(BaseModel):
    """One person who shares their diary with the caller, as of today."""

    share: SharePublic
    fhir_patient_id: str = Field(
        description="the person's FHIR Patient.id, as in their FHIR export: the "
        "context.patientId of a CDS Hooks request for their cards"
    )
    light: Literal["red", "amber", "none", "green"]
    light_reasons: list[str]
    pain_rise: float | None = Field(description="this week's mean pain minus last week's")
    worst_pain: int | None = Field(description="highest score of the last 7 days, 0-10")
    worst_pain_date: dt.date | None
    last_entry: dt.date | None
    load_7d: float | None = Field(description="session-RPE load of the last 7 days (AU)")
    sessions_7d: int
    unrated_7d: int
    latest_check: LatestCheckPublic | None
    adherence: AdherencePublic | None

    @classmethod
    def of(cls, item: Overview) -> SharedPersonPublic:
        check, adherence = item.check, item.adherence
        return cls(
            share=SharePublic.of(item.sharing),
            fhir_patient_id=patient_id(item.sharing.person_id),
            light=item.light.colour,
            light_reasons=list(item.light.reasons),
            pain_rise=item.pain_rise,
            worst_pain=item.worst_pain[0] if item.worst_pain else None,
            worst_pain_date=item.worst_pain[1] if item.worst_pain else None,
            last_entry=item.last_entry,
            load_7d=item.load_7d,
            sessions_7d=item.sessions_7d,
            unrated_7d=item.unrated_7d,
            latest_check=None
            if check is None
            else LatestCheckPublic(
                date=check.day,
                level=check.level,
                label=check.label,
                headline=check.headline,
                open_signs=check.open_signs,
            ),
            adherence=None if adherence is None else AdherencePublic(**adherence.__dict__),
        )


def _base(request: Request) -> Diary:
    base: Diary = request.app.state.diary
    return base


def _refused(field: str, error: AccountError, allowed: str) -> ProblemError:
    detail = str(error)
    problem = FieldProblem(field=field, message=detail, allowed=allowed)
    return ProblemError(422, "invalid-request", "Invalid request", detail, [problem])


def _may_change(request: Request, caller: Caller) -> None:
    if request.method not in SAFE_METHODS and "write" not in caller.scopes:
        raise ProblemError(
            403,
            "read-only-token",
            "This token may only read",
            "the access token has the read scope only; stopping a share needs the write scope",
        )


@router.get("/shares", response_model=list[SharePublic], responses=ACCOUNTS)
def list_shares(request: Request, caller: CallerDep, _on: AccountsOnDep) -> list[SharePublic]:
    """Who can see my diary now (shares not stopped), oldest first."""
    return [SharePublic.of(s) for s in shares_given(_base(request), caller.person.id)]


@router.delete(
    "/shares/{share_id}", status_code=status.HTTP_204_NO_CONTENT, responses=MISSING_SHARE
)
def stop_share(
    request: Request, caller: CallerDep, _on: AccountsOnDep, share_id: RecordId
) -> Response:
    """Stop sharing with this clinician or coach, at once."""
    _may_change(request, caller)
    if not stop_sharing(_base(request), caller.person.id, share_id):
        raise not_found(f"share {share_id} of yours")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/sharing-codes", response_model=list[SharingCodePublic], responses=ACCOUNTS)
def list_codes(request: Request, caller: CallerDep, _on: AccountsOnDep) -> list[SharingCodePublic]:
    """My sharing codes not used, cancelled or expired yet, newest first."""
    codes = pending_invitations(_base(request), caller.person.id)
    return [SharingCodePublic.of(c) for c in codes]


@router.post(
    "/sharing-codes",
    response_model=SharingCodeMade,
    status_code=status.HTTP_201_CREATED,
    responses={**ACCOUNTS, **SESSION_ONLY},
)
def make_code(
    body: SharingCodeCreate, request: Request, caller: CallerDep, _on: AccountsOnDep
) -> SharingCodeMade:
    """Make a one-time sharing code (7 days); the code is in this answer only."""
    require_session(caller)
    try:
        made, code = make_invitation(_base(request), caller.person.id, body.role, body.team)
    except AccountError as error:
        raise _refused(
            "team",
            error,
            f"for a coach only: 1 to {TEAM_MAX} characters on one line, no control characters",
        ) from None
    return SharingCodeMade(**SharingCodePublic.of(made).model_dump(), code=code)


@router.delete(
    "/sharing-codes/{code_id}", status_code=status.HTTP_204_NO_CONTENT, responses=MISSING_CODE
)
def cancel_code(
    request: Request, caller: CallerDep, _on: AccountsOnDep, code_id: RecordId
) -> Response:
    """Cancel a sharing code not used yet."""
    _may_change(request, caller)
    if not withdraw_invitation(_base(request), caller.person.id, code_id):
        raise not_found(f"unused sharing code {code_id} of yours")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/shared",
    response_model=SharePublic,
    status_code=status.HTTP_201_CREATED,
    responses={**ACCOUNTS, **SESSION_ONLY},
)
def enter_code(
    body: CodeEntered, request: Request, caller: CallerDep, _on: AccountsOnDep
) -> SharePublic:
    """Enter a sharing code someone gave: their diary is shared with me from now on."""
    require_session(caller)
    try:
        sharing = redeem_invitation(_base(request), caller.person.id, body.code)
    except AccountError as error:
        raise _refused("code", error, CODE_RULE) from None
    return SharePublic.of(sharing)


@router.get(
    "/shared",
    response_model=list[SharedPersonPublic],
    responses=ACCOUNTS,
    description=f"The people who share their diary with me. {ATTENTION_RULE}",
)
def list_shared(everyone: AllSharedDep, knowledge: KnowledgeDep) -> list[SharedPersonPublic]:
    """The people who share their diary with me, who needs attention first."""
    people = [overview(s.sharing, s.diary, knowledge) for s in everyone]
    return [SharedPersonPublic.of(item) for item in by_attention(people)]


@router.get("/shared/{person_id}", response_model=SharedPersonPublic, responses=NOT_SHARED)
def read_shared(shared: SharedDep, knowledge: KnowledgeDep) -> SharedPersonPublic:
    """One person who shares their diary with me: light, pain, load, check, programme."""
    return SharedPersonPublic.of(overview(shared.sharing, shared.diary, knowledge))
