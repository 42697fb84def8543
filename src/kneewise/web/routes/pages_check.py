""" "Check my knee": own words first, what was understood, one question per screen, the result.

Post/redirect/get: every form of the check adds one page to the person's draft
on the server (`kneewise.diary.drafts`: the check's state then, and what the
screen shows) and is answered 303 with that page's address,
`/check/step?draft=<key>&at=<number>` (`/check` or `/check/understood` for
those screens). The browser's Back, Forward and reload fetch a page already
made, never send a form again, and show the same screen with every answer kept
(`pages_check_views.draw`). A form says which page it was on (`draft`, `at`);
the state is taken from that page, never from the form, and the question a
screen answers is recomputed from it.

A draft is its account's only (the personal app's first account or the person
signed in): an expired, unknown or someone else's draft is a page saying the
check has expired, with a link to start again (410). A form that still carries
the whole state (`state`, as pages made before drafts did) starts a new draft
from it, so a tab open across an upgrade loses nothing.

A serious level is shown the moment it is certain: the engine then returns
the result with `more_questions`, and the person may go on answering
(optional questions, with the level and the call button kept on screen) or
skip back to the result at any time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from kneewise.diary.drafts import MAX_PAGES, DraftFull, add_page, read_page, start_draft
from kneewise.diary.repository import list_assessments, save_assessment
from kneewise.engine.assess import assess
from kneewise.intake import INTAKE_V2
from kneewise.interview import Question, next_step
from kneewise.language import parse
from kneewise.web.check_state import AnswerRefused, CheckState, given_answers, load_state
from kneewise.web.deps import DiaryDep, KnowledgeDep, get_caller
from kneewise.web.problems import ProblemError
from kneewise.web.routes.pages_check_views import draw, expired
from kneewise.web.templating import page

router = APIRouter()
MAX_TEXT = 5000
OUT_OF_DATE = "This page was out of date, so nothing was saved from it. Please answer again."
CONTRADICTS = "That answer does not fit with one you gave earlier. Please check it, or go back."
#: Where each kind of stored page is shown.
ADDRESSES = {"start": "/check", "understood": "/check/understood", "step": "/check/step"}


def _number(text: object) -> int | None:
    """A page number from a form or an address: digits only, below MAX_PAGES; else None."""
    raw = str(text or "")
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) < MAX_PAGES else None


def _account(request: Request) -> int:
    return get_caller(request).person.id


@dataclass(frozen=True)
class _Origin:
    """The page a form was sent from: its draft's key and number, and the state it held."""

    key: str | None
    number: int | None
    state: CheckState


def _origin(request: Request, form: FormData) -> _Origin | None:
    """The page the form came from; None when its draft is gone (expired, unknown, not theirs).

    A form with no draft but the whole state (a page made before drafts) is read as that.
    """
    key, number = str(form.get("draft") or ""), _number(form.get("at"))
    if not key and "state" in form:
        legacy = str(form.get("state") or "").strip()
        # A page made before drafts always carried a state; an empty one is no check.
        return _Origin(None, None, load_state(legacy)) if legacy else None
    if not key or number is None:
        return None
    stored = read_page(request.app.state.diary, _account(request), key, number)
    if stored is None:
        return None
    return _Origin(key, number, load_state(str(stored.page.get("state", "{}"))))


def _go(request: Request, origin: _Origin | None, made: dict[str, Any]) -> Response:
    """Keep `made` as the draft's next page and send the browser to its address (303)."""
    diary, account = request.app.state.diary, _account(request)
    key, number = None, None
    if origin is not None and origin.key is not None and origin.number is not None:
        try:
            number = add_page(diary, account, origin.key, origin.number, made)
        except DraftFull:
            return expired(request, full=True)
        key = origin.key if number is not None else None
    if key is None or number is None:  # no draft yet, or it expired while the words were kept
        key, number = start_draft(diary, account, made)
    return RedirectResponse(f"{ADDRESSES[made['view']]}?draft={key}&at={number}", status_code=303)


def _step(state: CheckState, action: str, **extra: Any) -> dict[str, Any]:
    return {"view": "step", "state": state.to_json(), "action": action, **extra}


@router.get("/check", response_class=HTMLResponse)
def start(request: Request, knowledge: KnowledgeDep) -> HTMLResponse:
    """Step 1: the person's own words (a stored page when the address names one)."""
    if "draft" in request.query_params or "at" in request.query_params:
        return show(request, knowledge)
    return page(request, "check_start.html", {"story": ""})


@router.get("/check/understood", response_class=HTMLResponse)
@router.get("/check/step", response_class=HTMLResponse)
@router.get("/check/save", response_class=HTMLResponse)
def show(request: Request, knowledge: KnowledgeDep) -> HTMLResponse:
    """A stored page of the check, as it was made; a gone or unnamed draft: the expired page."""
    key, number = request.query_params.get("draft", ""), _number(request.query_params.get("at"))
    if number is None:
        return expired(request)
    stored = read_page(request.app.state.diary, _account(request), key, number)
    return expired(request) if stored is None else draw(request, stored, knowledge)


@router.post("/check/understood", response_class=HTMLResponse)
async def understood(request: Request, knowledge: KnowledgeDep) -> Response:
    """Step 2: what kneewise read from the words, each with the words it came from.

    Words longer than `MAX_TEXT` characters are given back in the box with the
    limit and their length (422), never dropped for a bare error page.
    """
    form = await request.form()
    text = str(form.get("text") or "")
    key, number = str(form.get("draft") or ""), _number(form.get("at"))
    origin = _Origin(key, number, CheckState()) if key and number is not None else None
    if len(text) > MAX_TEXT:
        too_long = (
            f"Your words are {len(text):,} characters long; kneewise reads at most "
            f"{MAX_TEXT:,}. Please shorten them, then continue."
        )
        return _go(
            request, origin, {"view": "start", "story": text, "error": too_long, "status": 422}
        )
    if not text.strip():
        return _go(request, origin, _step(CheckState(), "start"))
    parsed = parse(text, knowledge)
    values = parsed.values()
    said = {name: parsed.fields[name].text for name in values}
    made = {
        "view": "understood",
        "text": text,
        "found": [[name, value, said[name]] for name, value in values.items()],
        "set_aside": list(parsed.set_aside()),
        "state": CheckState(
            answers=values, words=said, story=text, someone_else=parsed.someone_else
        ).to_json(),
    }
    return _go(request, origin, made)


@router.post("/check/step", response_class=HTMLResponse)
async def advance(request: Request, knowledge: KnowledgeDep) -> Response:
    """One more step: answer, don't know, back, more questions, skip to the result, or start."""
    form = await request.form()
    origin = _origin(request, form)
    if origin is None:
        return expired(request)
    return _go(request, origin, _made(form, origin.state, knowledge))


def _made(form: FormData, state: CheckState, knowledge: Any) -> dict[str, Any]:
    """The page one sent form makes from the state of the page it came from."""
    action = str(form.get("action", "answer"))
    if action == "start":
        kept = {str(k) for k in form.getlist("keep")}
        answers = {k: v for k, v in state.answers.items() if k in kept}
        words = {k: w for k, w in state.words.items() if k in answers}
        kept_state = CheckState(
            answers, words=words, story=state.story, someone_else=state.someone_else
        )
        return _step(kept_state, action)
    if action == "back":
        if not state.history:
            # Back from the first step: the story box again, with what they wrote.
            return {"view": "start", "story": state.story}
        before, undone = state.back()
        return _step(before, action, prefill=undone)
    if action in ("more", "skip"):
        return _step(state.with_optional(action == "more"), action)
    current = next_step(state.evidence(), knowledge)
    if not isinstance(current, Question) or str(form.get("screen", "")) != current.id:
        return _step(state, "refused", error=OUT_OF_DATE, status=409)
    try:
        if action == "unknown":
            # "Don't know" on a tick-any screen keeps what was ticked as a yes: only
            # the boxes left unticked are not known (what a person said is never lost).
            given = _ticked_anyway(form, current)
            unknown = [f for f in current.fields if f not in given]
        else:
            given, unknown = given_answers(form, current)
        after = state.advanced(current.id, given, unknown)
        after.evidence()
    except (AnswerRefused, ValidationError) as refused:
        message = refused.message if isinstance(refused, AnswerRefused) else CONTRADICTS
        return _step(state, "refused", sent=_sent(form, current), error=message, status=422)
    return _step(after, "unknown" if action == "unknown" else "answer")


def _ticked_anyway(form: FormData, q: Question) -> dict[str, Any]:
    """The boxes ticked on a tick-any screen before "Don't know" was pressed, each a yes."""
    if q.type != "tick_any":
        return {}
    return {str(f): True for f in form.getlist("ticked") if str(f) in q.fields}


def _sent(form: FormData, q: Question) -> dict[str, Any]:
    """What a refused screen had ticked or typed, to show it again."""
    sent: dict[str, Any] = {str(f): True for f in form.getlist("ticked")}
    if q.fields and q.type != "tick_any":
        name = q.fields[0]
        values = [str(v) for v in form.getlist(name)]
        sent[name] = values if q.type == "several_of" else (values[0] if values else "")
    sent["none"] = bool(form.get("none"))
    sent["other"] = str(form.get("other") or "")
    return sent


@router.post("/check/save", response_class=HTMLResponse)
async def save(request: Request, diary: DiaryDep, knowledge: KnowledgeDep) -> Response:
    """Keep the result in the diary (for the dashboard and the report)."""
    form = await request.form()
    origin = _origin(request, form)
    if origin is None:
        return expired(request)
    state = origin.state
    if not (state.answers or state.unknown):
        raise ProblemError(
            400,
            "invalid-request",
            "Nothing to save",
            "there is no check to save: answer at least one question first",
        )
    intake = state.evidence().intake()
    # The whole intake is kept, the don't-knows too (intake v2), not only the answers.
    document = {"schema": INTAKE_V2, **intake.model_dump(exclude_none=True)}
    document = {k: v for k, v in document.items() if v != []}
    saved = list_assessments(diary)
    if not saved or saved[-1].intake != document:  # a second click saves nothing new
        save_assessment(diary, document, assess(intake, knowledge).to_json_dict())
    if form.get("next") == "programme":  # the programme page offers it from the saved result
        return RedirectResponse("/programme", status_code=303)
    return RedirectResponse("/dashboard?saved=assessment", status_code=303)
