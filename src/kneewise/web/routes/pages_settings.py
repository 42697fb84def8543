"""Settings: the local emergency number, download all my data, and delete all of it.

Deleting all the data (`/settings/delete`) needs the confirmation word and,
with accounts on, the person's password, as deleting the account does: a
session left open on a shared computer must not be enough to wipe a diary.
(A personal app has no password; its confirmation word is the whole check.)
With accounts on, a person can also delete their account with all its data
(`/settings/delete-account`): they type the confirmation words and their
password; the server's last administrator cannot (someone must be left to
run it). Their sessions end with the account, the answer removes the session
cookie and asks the browser to clear what it kept (`Clear-Site-Data`).
Neither takes an access token: no page's form does (`security.refuse_token_on_page`).

The emergency number the check offers to call comes from
`KNEEWISE_EMERGENCY_NUMBER` (112 by default); a person can set their own on
this page. It is kept in a cookie on their device, not in the diary, so it
works before anything is saved and without JavaScript.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import AccountError
from kneewise.diary.export import export_csv, export_json
from kneewise.diary.repository import count_records, delete_everything
from kneewise.diary.storage import Diary
from kneewise.settings import phone_number
from kneewise.web.deps import Caller, CallerDep, DiaryDep, SettingsDep, get_settings
from kneewise.web.person_day import diary_today
from kneewise.web.templating import page

router = APIRouter()
CONFIRM_WORD = "delete"
ACCOUNT_CONFIRM_WORDS = "delete my account"
ONLY_SIGNED_IN = "Only a person signed in on this website"
NUMBER_COOKIE = "kneewise_emergency_number"
COOKIE_SECONDS = 5 * 365 * 24 * 3600
MAX_NUMBER_CHARS = 40
EMERGENCY_EXAMPLES = [
    ("112", "most of Europe, and from any mobile phone in many countries"),
    ("911", "the United States, Canada and Mexico"),
    ("999", "the United Kingdom and Ireland"),
    ("000", "Australia"),
]


def emergency_number(request: Request) -> str:
    """The number to call: the one set on this device, else the one in the settings."""
    chosen = request.cookies.get(NUMBER_COOKIE)
    if chosen:
        try:
            return phone_number(chosen)
        except ValueError:
            pass
    number: str = request.app.state.settings.emergency_number
    return number


def _settings_page(
    request: Request, diary: DiaryDep, settings: SettingsDep, **extra: object
) -> HTMLResponse:
    status = 422 if any(extra.get(k) for k in ("error", "number_error", "account_error")) else 200
    counts = count_records(diary)
    return page(
        request,
        "settings.html",
        {
            "counts": counts,
            "empty": not any(counts.values()),
            "deleted": False,
            "saved": None,
            # A folder a person can find, never a database URL; a database set by
            # whoever runs kneewise may be elsewhere, so then "this computer" is not said.
            "folder": None if settings.database_url else settings.data_dir,
            "word": CONFIRM_WORD,
            "account_words": ACCOUNT_CONFIRM_WORDS,
            "accounts": settings.accounts,
            "data_dir": settings.data_dir,
            "number": emergency_number(request),
            "default_number": settings.emergency_number,
            "examples": EMERGENCY_EXAMPLES,
            **extra,
        },
        status_code=status,
    )


@router.get("/settings", response_class=HTMLResponse)
def settings_page(
    request: Request,
    diary: DiaryDep,
    settings: SettingsDep,
    deleted: str | None = None,
    saved: str | None = None,
) -> HTMLResponse:
    """The emergency number, what the diary holds, where, and the export and delete buttons.

    `?deleted` only asks for the outcome to be said: the page says the diary is
    empty when the counts it shows are zero, never on the word of the address.
    """
    return _settings_page(request, diary, settings, deleted=deleted is not None, saved=saved)


@router.post("/settings/emergency-number", response_class=HTMLResponse)
def set_emergency_number(
    request: Request, diary: DiaryDep, settings: SettingsDep, number: str = Form("")
) -> Response:
    """Keep the person's local emergency number on this device; empty goes back to the default.

    A number that cannot be dialled, or longer than `MAX_NUMBER_CHARS`, is
    refused on the page with what is allowed (422); what was typed stays in the box.
    """
    done = RedirectResponse("/settings?saved=number#emergency", status_code=303)
    if len(number) > MAX_NUMBER_CHARS:
        too_long = (
            f"Not saved: a phone number has at most {MAX_NUMBER_CHARS} characters; "
            f"this one has {len(number):,}."
        )
        return _settings_page(request, diary, settings, number_error=too_long, typed=number)
    if not number.strip():
        done.delete_cookie(NUMBER_COOKIE)
        return done
    try:
        dialled = phone_number(number)
    except ValueError as error:
        return _settings_page(
            request, diary, settings, number_error=f"Not saved: {error}.", typed=number
        )
    done.set_cookie(NUMBER_COOKIE, dialled, max_age=COOKIE_SECONDS, httponly=True, samesite="lax")
    return done


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/settings/export.json")
def export_as_json(diary: DiaryDep) -> Response:
    """Everything in the diary as one JSON document."""
    name = f"kneewise-{diary_today(diary).isoformat()}.json"  # the person's day, not the server's
    return Response(export_json(diary), media_type="application/json", headers=_attachment(name))


@router.get("/settings/export.zip")
def export_as_csv(diary: DiaryDep) -> Response:
    """Everything in the diary as CSV files (diary.csv re-imports with `kneewise import`)."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(buffer, "w") as archive:
        for path in export_csv(diary, Path(folder)):
            archive.write(path, arcname=path.name)
    name = f"kneewise-{diary_today(diary).isoformat()}-csv.zip"
    return Response(buffer.getvalue(), media_type="application/zip", headers=_attachment(name))


def _password_refused(
    request: Request, diary: Diary, caller: Caller, password: str, field: str
) -> HTMLResponse | None:
    """The settings page refusing `password` (422, or 429 over the attempt limit), or None.

    `field` names where the page says it ("error" or "account_error"). The same limit
    as signing in and changing the password: a password checked anywhere without it
    would let a stolen session guess at it unhindered.
    """
    from kneewise.accounts.store import authenticate
    from kneewise.web.auth import attempt_limit, client_address
    from kneewise.web.routes.pages_signin import _too_many as too_many

    settings = get_settings(request)
    username = caller.person.username or ""
    limit, address = attempt_limit(request), client_address(request)
    refused = limit.begin("signin", address, username)
    if refused is not None:
        said = f"Nothing was deleted. {too_many(refused.retry_after)}"
        response = _settings_page(request, diary, settings, **{field: said})
        response.status_code = 429
        response.headers["Retry-After"] = str(refused.retry_after)
        return response
    if authenticate(request.app.state.diary, username, password) is None:
        limit.failed("signin", address, username)
        said = "That is not your password; nothing was deleted."
        return _settings_page(request, diary, settings, **{field: said})
    limit.succeeded("signin", username)
    return None


@router.post("/settings/delete", response_class=HTMLResponse)
def delete_all(
    request: Request,
    diary: DiaryDep,
    settings: SettingsDep,
    caller: CallerDep,
    confirm: str = Form(""),
    password: str = Form(""),
) -> Response:
    """Delete every record, only when the confirmation word was typed and, with accounts
    on, the person's password given (refused on the page otherwise: 422, or 429)."""
    if confirm.strip().lower() != CONFIRM_WORD:
        return _settings_page(
            request, diary, settings, error=f"Type {CONFIRM_WORD} to confirm; nothing was deleted."
        )
    if settings.accounts:
        if caller.via != "session":
            return _settings_page(
                request, diary, settings, error=f"{ONLY_SIGNED_IN}; nothing was deleted."
            )
        refused = _password_refused(request, diary, caller, password, "error")
        if refused is not None:
            return refused
    delete_everything(diary)
    return RedirectResponse("/settings?deleted=1#mine", status_code=303)


@router.post("/settings/delete-account", response_class=HTMLResponse)
def delete_account(
    request: Request,
    diary: DiaryDep,
    settings: SettingsDep,
    caller: CallerDep,
    confirm: str = Form(""),
    password: str = Form(""),
) -> Response:
    """Delete the signed-in person's account and all its data, then sign them out.

    Needs the words `ACCOUNT_CONFIRM_WORDS` typed and the account's password;
    refused on the page (422) otherwise, and for the last administrator.
    """
    from kneewise.accounts.admin import remove_account
    from kneewise.web.audit import withdraw_access
    from kneewise.web.session_cookie import clear_session_cookie

    if not settings.accounts or caller.via != "session":
        return _settings_page(
            request, diary, settings, account_error=f"{ONLY_SIGNED_IN} can delete their account."
        )
    if " ".join(confirm.lower().split()) != ACCOUNT_CONFIRM_WORDS:
        return _settings_page(
            request,
            diary,
            settings,
            account_error=f"Type {ACCOUNT_CONFIRM_WORDS} to confirm; nothing was deleted.",
        )
    refused = _password_refused(request, diary, caller, password, "account_error")
    if refused is not None:
        return refused
    try:
        remove_account(request.app.state.diary, caller.person.id)
    except AccountError as error:
        return _settings_page(
            request, diary, settings, account_error=f"Nothing was deleted: {error}."
        )
    withdraw_access(request, caller.person.id)  # the account's log went with it
    request.state.caller = None  # the page names no one: no one is signed in any more
    response = page(request, "account_deleted.html", {"accounts": True})
    clear_session_cookie(request, response)
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response
