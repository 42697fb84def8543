"""My account: who is signed in, a new password, and signing out everywhere.

Only with accounts on (a personal app answers 404). Changing the password
needs the current one (counted like a sign-in attempt: `auth.AttemptLimit`),
ends every session of the account (`store.set_password`) and starts a new one
in this browser, so the person stays signed in here and nowhere else.
"Sign out everywhere" ends every session, this one too; access tokens are
kept (they are revoked one by one on their own page).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import AccountError
from kneewise.accounts.store import authenticate, end_all_sessions, set_password
from kneewise.diary.storage import Diary
from kneewise.web.auth import attempt_limit, client_address
from kneewise.web.deps import CallerDep
from kneewise.web.problems import ProblemError
from kneewise.web.routes.pages_signin import (
    FIELD_MAX,
    SAME_TWICE,
    _too_many,
    accounts_only,
    sentence,
    sign_in_here,
)
from kneewise.web.session_cookie import clear_session_cookie
from kneewise.web.templating import page

router = APIRouter()
Typed = Annotated[str, Form(max_length=FIELD_MAX)]
WRONG_CURRENT = (
    "Your current password is not right, so the password was not changed. Type the password "
    "you signed in with."
)


def in_browser(request: Request, caller: CallerDep) -> None:
    """Account pages are for a signed-in browser: 404 in a personal app, 403 for a token."""
    accounts_only(request)
    if caller.via == "token":
        raise ProblemError(
            403,
            "token-not-allowed",
            "Not with an access token",
            "access tokens are for the API; sign in on the site to change your account",
        )


def _account_page(
    request: Request, caller: CallerDep, status: int = 200, **extra: object
) -> HTMLResponse:
    return page(
        request,
        "account.html",
        {"person": caller.person, "done": None, **extra},
        status_code=status,
    )


@router.get("/account", response_class=HTMLResponse)
def account_page(
    request: Request,
    caller: CallerDep,
    password: Annotated[Literal["changed", "reset"] | None, Query()] = None,
) -> HTMLResponse:
    """Who is signed in; forms to change the password and to sign out everywhere."""
    in_browser(request, caller)
    return _account_page(request, caller, done=password)


@router.post("/account/password", response_class=HTMLResponse)
def change_password(
    request: Request,
    caller: CallerDep,
    current: Typed = "",
    password: Typed = "",
    password_again: Typed = "",
) -> Response:
    """A new password: 422 naming what is wrong, 429 after too many wrong current passwords."""
    in_browser(request, caller)
    person = caller.person
    diary: Diary = request.app.state.diary
    limit = attempt_limit(request)
    address = client_address(request)
    name = person.username or str(person.id)
    refused = limit.begin("signin", address, name)
    if refused is not None:
        response = _account_page(request, caller, 429, error=_too_many(refused.retry_after))
        response.headers["Retry-After"] = str(refused.retry_after)
        return response
    if password != password_again:
        return _account_page(request, caller, 422, error=SAME_TWICE)
    if person.username is None or authenticate(diary, person.username, current) is None:
        limit.failed("signin", address, name)
        return _account_page(request, caller, 422, error=WRONG_CURRENT)
    try:
        set_password(diary, person.id, password)
    except AccountError as error:
        return _account_page(request, caller, 422, error=sentence(str(error)))
    limit.succeeded("signin", person.username)
    return sign_in_here(request, person, "/account?password=changed")


@router.post("/account/sign-out-everywhere")
def sign_out_everywhere(request: Request, caller: CallerDep) -> RedirectResponse:
    """End every session of the account, in every browser, and go to the sign-in page."""
    in_browser(request, caller)
    end_all_sessions(request.app.state.diary, caller.person.id)
    response = RedirectResponse("/login?signed_out=everywhere", status_code=303)
    clear_session_cookie(request, response)
    return response
