"""Signing in and out, making an account, and a new password with a reset code.

These pages exist only with accounts on (a personal app answers 404: there is
no one to sign in). They answer without a signed-in person (`auth.PUBLIC_PATHS`).
A wrong name or password gets one message for both, so the page does not
tell which names have accounts; attempts are limited (`auth.AttemptLimit`).
Signing in starts a new session token (any old one in this browser is ended),
so a session cannot be fixed in advance.

Sign-up follows `KNEEWISE_SIGNUP`: `open` (anyone), `invite` (with a one-time
code an administrator made: `kneewise.accounts.admin`), `closed` (only an
administrator makes accounts, on the command line).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import AccountError
from kneewise.accounts.store import (
    USERNAME_MAX,
    Person,
    authenticate,
    begin_session,
    create_account,
    end_session,
    fold_username,
)
from kneewise.diary.storage import Diary
from kneewise.web.auth import attempt_limit, client_address, safe_next, signed_in_caller
from kneewise.web.problems import ProblemError
from kneewise.web.session_cookie import (
    clear_session_cookie,
    read_session_cookie,
    set_session_cookie,
)
from kneewise.web.templating import page

router = APIRouter()
#: Longer than any allowed username or password, so a longer one is refused by its rule.
FIELD_MAX = 1024
NO_ACCOUNTS = (
    "this kneewise is a personal app on this computer: it has no accounts, so there is "
    "nothing to sign in to"
)
WRONG = (
    "The username or the password is not right. Check both (capital letters count in the "
    "password) and try again. If you forgot your password, ask whoever runs this kneewise "
    "for a reset code."
)

Typed = Annotated[str, Form(max_length=FIELD_MAX)]


def accounts_only(request: Request) -> None:
    """A 404 in a personal app: these pages are for a server with accounts."""
    if not request.app.state.settings.accounts:
        raise ProblemError(404, "not-found", "Not found", NO_ACCOUNTS)


def _diary(request: Request) -> Diary:
    diary: Diary = request.app.state.diary
    return diary


def _too_many(retry_after: int) -> str:
    minutes = "a minute" if retry_after <= 60 else f"{-(-retry_after // 60)} minutes"
    return (
        f"Too many tries in a short time. To keep accounts safe, wait {minutes} "
        f"({retry_after} seconds) and try again."
    )


def sign_in_here(request: Request, person: Person, to: str) -> RedirectResponse:
    """Start a new session for `person` in this browser (ending its old one) and go `to`."""
    diary = _diary(request)
    old = read_session_cookie(request)
    if old is not None:
        end_session(diary, old)
    token = begin_session(diary, person.id, days=request.app.state.settings.session_days)
    response = RedirectResponse(to, status_code=303)
    set_session_cookie(request, response, token)
    return response


def _login_page(
    request: Request, next_page: str, status: int = 200, **extra: object
) -> HTMLResponse:
    settings = request.app.state.settings
    return page(
        request,
        "login.html",
        {"next": next_page, "signup": settings.signup, "typed_name": "", **extra},
        status_code=status,
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, next_page: Annotated[str | None, Query(alias="next")] = None
) -> Response:
    """The sign-in form; straight on to `next` when this browser is signed in already."""
    accounts_only(request)
    target = safe_next(next_page)
    if signed_in_caller(request) is not None:
        return RedirectResponse(target, status_code=303)
    return _login_page(request, target, asked=next_page is not None and target != "/")


@router.post("/login", response_class=HTMLResponse)
def sign_in(
    request: Request,
    username: Typed = "",
    password: Typed = "",
    next_page: Annotated[str, Form(alias="next", max_length=FIELD_MAX)] = "/",
) -> Response:
    """Sign in with a username and password; 400 for a wrong pair, 429 when over the limit."""
    accounts_only(request)
    target = safe_next(next_page)
    try:
        folded = fold_username(username)
    except AccountError:
        folded = username.strip().casefold()[: USERNAME_MAX + 1]
    limit = attempt_limit(request)
    address = client_address(request)
    refused = limit.begin("signin", address, folded)
    if refused is not None:
        response = _login_page(
            request, target, 429, error=_too_many(refused.retry_after), typed_name=username
        )
        response.headers["Retry-After"] = str(refused.retry_after)
        return response
    person = authenticate(_diary(request), username, password) if folded else None
    if person is None:
        limit.failed("signin", address, folded)
        return _login_page(request, target, 400, error=WRONG, typed_name=username)
    limit.succeeded("signin", folded)
    return sign_in_here(request, person, target)


@router.post("/logout")
def sign_out(request: Request) -> RedirectResponse:
    """End this browser's session (if any) and go to the sign-in page."""
    accounts_only(request)
    token = read_session_cookie(request)
    if token is not None:
        end_session(_diary(request), token)
    response = RedirectResponse("/login?signed_out=1", status_code=303)
    clear_session_cookie(request, response)
    return response


def _signup_page(request: Request, status: int = 200, **extra: object) -> HTMLResponse:
    settings = request.app.state.settings
    values = {"mode": settings.signup, "typed_name": "", "typed_code": "", **extra}
    return page(request, "signup.html", values, status_code=status)


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request) -> Response:
    """The form to make an account, as KNEEWISE_SIGNUP allows (or why there is none)."""
    accounts_only(request)
    if signed_in_caller(request) is not None:
        return RedirectResponse("/account", status_code=303)
    return _signup_page(request)


@router.post("/signup", response_class=HTMLResponse)
def sign_up(
    request: Request,
    username: Typed = "",
    password: Typed = "",
    password_again: Typed = "",
    code: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Make an account and sign in; 422 naming what is wrong, 403 when sign-up is closed."""
    accounts_only(request)
    mode = request.app.state.settings.signup
    if mode == "closed":
        return _signup_page(request, 403)
    kept = {"typed_name": username, "typed_code": code}
    limit = attempt_limit(request)
    address = client_address(request)
    refused = limit.begin("signup", address)
    if refused is not None:
        response = _signup_page(request, 429, error=_too_many(refused.retry_after), **kept)
        response.headers["Retry-After"] = str(refused.retry_after)
        return response
    # Every try counts: each one costs the server a slow password hash.
    limit.failed("signup", address)
    if password != password_again:
        return _signup_page(request, 422, error=SAME_TWICE, **kept)
    if mode == "invite" and not code.strip():
        error = (
            "Type the sign-up code you were given; an administrator of this kneewise makes them."
        )
        return _signup_page(request, 422, error=error, **kept)
    try:
        if mode == "invite":
            from kneewise.accounts.admin import sign_up_with_code

            person = sign_up_with_code(_diary(request), code, username, password)
        else:
            person = create_account(_diary(request), username, password)
    except AccountError as error:
        return _signup_page(request, 422, error=sentence(str(error)), **kept)
    return sign_in_here(request, person, "/")


SAME_TWICE = "The two passwords are not the same. Type the same new password in both boxes."


def sentence(message: str) -> str:
    """A message from kneewise.accounts as a sentence: capital first letter, full stop."""
    text = message.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def _reset_page(request: Request, status: int = 200, **extra: object) -> HTMLResponse:
    return page(request, "reset.html", {"typed_code": "", **extra}, status_code=status)


@router.get("/reset", response_class=HTMLResponse)
def reset_page(request: Request) -> HTMLResponse:
    """The form to choose a new password with a one-time code from an administrator."""
    accounts_only(request)
    return _reset_page(request)


@router.post("/reset", response_class=HTMLResponse)
def reset_password(
    request: Request,
    code: Annotated[str, Form(max_length=200)] = "",
    password: Typed = "",
    password_again: Typed = "",
) -> Response:
    """Set the new password, end the account's other sessions and sign in here."""
    accounts_only(request)
    limit = attempt_limit(request)
    address = client_address(request)
    refused = limit.begin("reset", address)
    if refused is not None:
        response = _reset_page(request, 429, error=_too_many(refused.retry_after), typed_code=code)
        response.headers["Retry-After"] = str(refused.retry_after)
        return response
    if password != password_again:
        return _reset_page(request, 422, error=SAME_TWICE, typed_code=code)
    from kneewise.accounts.admin import use_reset_code
    from kneewise.accounts.passwords import check_password_rules

    try:
        check_password_rules(password)
    except AccountError as error:  # the code is not tried (nor used up) for a weak password
        return _reset_page(request, 422, error=sentence(str(error)), typed_code=code)
    try:
        person = use_reset_code(_diary(request), code, password)
    except AccountError as error:  # the code does not work: a guess counts against the address
        limit.failed("reset", address)
        return _reset_page(request, 422, error=sentence(str(error)), typed_code=code)
    return sign_in_here(request, person, "/account?password=reset")
