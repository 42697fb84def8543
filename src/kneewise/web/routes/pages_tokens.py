"""Access tokens (for apps and scripts): make one, see which work, stop one.

A personal access token lets a program use the REST API as the person:
`read` (read the diary) or `read` + `write` (also add and change). It is
shown once, when made, and kept only as its SHA-256; stopping it works at
once. Only a browser signed in with a password manages tokens: a token cannot
make, list or stop tokens (so a leaked token cannot make itself a successor),
and a personal app (accounts off) has none: its API needs no token.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import AccountError
from kneewise.accounts.store import create_access_token, revoke_access_token
from kneewise.accounts.tokens import list_access_tokens
from kneewise.diary.storage import Diary
from kneewise.web.deps import Caller, CallerDep
from kneewise.web.inputs import RecordId
from kneewise.web.problems import ProblemError, not_found
from kneewise.web.templating import page

router = APIRouter()
#: What each choice on the page lets a token do, in the page's words.
ACCESS_CHOICES = {
    "read": ("read",),
    "write": ("read", "write"),
}
NO_ACCOUNTS = (
    "this kneewise has no accounts (KNEEWISE_ACCOUNTS is off): its API answers programs on "
    "this computer without a token"
)


def browser_caller(request: Request, caller: CallerDep) -> Caller:
    """The caller, when it is a browser signed in with a password.

    404 in a personal app (no accounts, no tokens); 403 for an access token,
    which may never make, list or stop tokens.
    """
    if not request.app.state.settings.accounts:
        raise ProblemError(404, "not-found", "Not found", NO_ACCOUNTS)
    if caller.via != "session":
        raise ProblemError(
            403,
            "token-not-allowed",
            "Not with an access token",
            "access tokens are made, listed and stopped only in a browser signed in with a "
            "password, never with another access token",
        )
    return caller


BrowserCaller = Annotated[Caller, Depends(browser_caller)]


def _diary(request: Request) -> Diary:
    diary: Diary = request.app.state.diary
    return diary


def _tokens_page(
    request: Request, caller: Caller, status_code: int = 200, **extra: object
) -> HTMLResponse:
    tokens = list_access_tokens(_diary(request), caller.person.id)
    context = {"tokens": tokens, "typed_name": "", "access": "read", **extra}
    return page(request, "tokens.html", context, status_code=status_code)


@router.get("/account/tokens", response_class=HTMLResponse)
def tokens_page(request: Request, caller: BrowserCaller, stopped: str | None = None) -> Response:
    """The person's working tokens and the form to make one."""
    return _tokens_page(request, caller, stopped=stopped is not None)


@router.post("/account/tokens", response_class=HTMLResponse)
def make_token(
    request: Request,
    caller: BrowserCaller,
    name: Annotated[str, Form(max_length=1000)] = "",
    access: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Make a token and show it this once (the page is never stored: no-store)."""
    scopes = ACCESS_CHOICES.get(access)
    if scopes is None:
        error = "Choose what the token may do: read your diary, or read and add to it."
        return _tokens_page(request, caller, 422, error=error, typed_name=name)
    try:
        token_id, token = create_access_token(_diary(request), caller.person.id, name, scopes)
    except AccountError as error:
        text = str(error)
        return _tokens_page(
            request, caller, 422, error=f"Not made: {text}.", typed_name=name, access=access
        )
    made = {"id": token_id, "name": name.strip(), "token": token, "scopes": scopes}
    return _tokens_page(request, caller, 201, made=made)


@router.post("/account/tokens/{token_id}/stop", response_class=HTMLResponse)
def stop_token(token_id: RecordId, request: Request, caller: BrowserCaller) -> Response:
    """Stop one of the person's tokens at once; another person's token reads as absent (404)."""
    if not revoke_access_token(_diary(request), caller.person.id, token_id):
        raise not_found(f"access token {token_id} of yours that still works")
    return RedirectResponse("/account/tokens?stopped=1", status_code=303)
