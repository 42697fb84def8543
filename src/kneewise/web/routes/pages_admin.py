"""Administration: the accounts, one-time password-reset codes, and sign-up invitations.

Only for an administrator signed in with a password, on a server with
accounts; anyone else finds nothing here (404, as for any address they may
not see), and an access token is refused (403). An administrator sees names,
roles and dates, never anyone's diary. A code is shown once, when made, and
kept only as its SHA-256 (`kneewise.accounts.admin`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import AccountError
from kneewise.accounts.admin import (
    RESET_HOURS,
    SIGNUP_DAYS,
    create_reset_code,
    create_signup_code,
    list_accounts,
    pending_signup_codes,
    withdraw_signup_code,
)
from kneewise.diary.storage import Diary
from kneewise.web.deps import Caller
from kneewise.web.inputs import RecordId
from kneewise.web.problems import ProblemError, not_found
from kneewise.web.routes.pages_tokens import browser_caller
from kneewise.web.templating import page

router = APIRouter()


def admin_caller(caller: Annotated[Caller, Depends(browser_caller)]) -> Caller:
    """The caller when it is an administrator signed in with a password; 404 for anyone else."""
    if not caller.person.is_admin:
        raise ProblemError(404, "not-found", "Not found", "there is nothing at this address")
    return caller


AdminCaller = Annotated[Caller, Depends(admin_caller)]


def _diary(request: Request) -> Diary:
    diary: Diary = request.app.state.diary
    return diary


def _admin_page(request: Request, status_code: int = 200, **extra: object) -> HTMLResponse:
    diary = _diary(request)
    context = {
        "accounts": list_accounts(diary),
        "signup": request.app.state.settings.signup,
        "pending": pending_signup_codes(diary),
        "reset_hours": RESET_HOURS,
        "signup_days": SIGNUP_DAYS,
        **extra,
    }
    return page(request, "admin.html", context, status_code=status_code)


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, _: AdminCaller, withdrawn: str | None = None) -> Response:
    """Every account, the reset-code buttons and, with invitations, the sign-up codes."""
    return _admin_page(request, withdrawn=withdrawn is not None)


@router.post("/admin/accounts/{account_id}/reset-code", response_class=HTMLResponse)
def make_reset_code(account_id: RecordId, request: Request, caller: AdminCaller) -> Response:
    """A one-time code for this account to choose a new password; shown this once."""
    try:
        code = create_reset_code(_diary(request), account_id, created_by=caller.person.id)
    except AccountError as error:
        raise not_found(f"account {account_id}") from error
    name = next((a.username for a in list_accounts(_diary(request)) if a.id == account_id), "")
    return _admin_page(request, 201, reset={"username": name, "code": code})


@router.post("/admin/signup-codes", response_class=HTMLResponse)
def make_signup_code(request: Request, caller: AdminCaller) -> Response:
    """A one-time sign-up code for one new person; only when sign-up is by invitation."""
    signup = request.app.state.settings.signup
    if signup != "invite":
        how = {
            "open": "anyone who reaches this site can make an account without a code",
            "closed": "accounts are made only on the command line (kneewise accounts add NAME)",
        }[signup]
        return _admin_page(
            request, 409, signup_error=f"No code was made: sign-up is {signup} here, so {how}."
        )
    made = create_signup_code(_diary(request), created_by=caller.person.id)
    return _admin_page(request, 201, invitation=made)


@router.post("/admin/signup-codes/{code_id}/withdraw", response_class=HTMLResponse)
def withdraw_code(code_id: RecordId, request: Request, _: AdminCaller) -> Response:
    """Make an unused sign-up code stop working at once."""
    if not withdraw_signup_code(_diary(request), code_id):
        raise not_found(f"unused sign-up code {code_id}")
    return RedirectResponse("/admin?withdrawn=1#signup", status_code=303)
