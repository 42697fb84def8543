""" "Check my knee": own words first, what was understood, one question per screen, the result.

Everything answered so far travels in the form (see `check_state`), so the
flow works without JavaScript, survives "back", and the server keeps nothing
unless the person saves the result. The question a submitted screen answers
is recomputed from that state, never taken from the form.

Opening a step's address without a form (a reload after the browser lost the
form, a restored tab, a bookmark) is never a dead end: `resume` shows a page
that takes the state the tab kept (kneewise.js keeps the latest in the tab's
sessionStorage, on this device only) back to the same screen, or offers to
start again when there is none.

A serious level is shown the moment it is certain: the engine then returns
the result with `more_questions`, and the person may go on answering
(optional questions, with the level and the call button kept on screen) or
skip back to the result at any time.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from kneewise.assessment import SERIOUS_LEVELS
from kneewise.diary import get_profile
from kneewise.diary.repository import list_assessments, save_assessment
from kneewise.diary.units import temperatures_in_page
from kneewise.engine.assess import assess
from kneewise.intake import INTAKE_V2
from kneewise.interview import Question, Result, next_step
from kneewise.knowledge.model import ADVICE_ORDER, KnowledgeBase
from kneewise.language import parse
from kneewise.programmes.choose import offer
from kneewise.programmes.load import load_library
from kneewise.web.check_state import (
    OTHER_PREFIX,
    AnswerRefused,
    CheckState,
    given_answers,
    load_state,
)
from kneewise.web.deps import DiaryDep, KnowledgeDep, get_caller, get_diary
from kneewise.web.problems import ProblemError
from kneewise.web.routes.pages_settings import emergency_number
from kneewise.web.templating import page

router = APIRouter()
MAX_TEXT = 5000
OUT_OF_DATE = "This page was out of date, so nothing was saved from it. Please answer again."
CONTRADICTS = "That answer does not fit with one you gave earlier. Please check it, or go back."


def in_profile_units(request: Request, response: HTMLResponse) -> HTMLResponse:
    """The page with its temperatures in the profile's unit (°F or °C; the knowledge says °C)."""
    unit = get_profile(get_diary(request, get_caller(request))).temperature_unit or "C"
    if unit == "C":
        return response
    response.body = temperatures_in_page(bytes(response.body).decode(), unit).encode()
    response.headers["content-length"] = str(len(response.body))
    return response


@router.get("/check", response_class=HTMLResponse)
def start(request: Request) -> HTMLResponse:
    """Step 1: the person's own words."""
    return page(request, "check_start.html", {"story": ""})


@router.post("/check/understood", response_class=HTMLResponse)
def understood(request: Request, text: str = Form("")) -> Response:
    """Step 2: what kneewise read from the words, each with the words it came from.

    Words longer than `MAX_TEXT` characters are given back in the box with the
    limit and their length (422), never dropped for a bare error page.
    """
    if len(text) > MAX_TEXT:
        too_long = (
            f"Your words are {len(text):,} characters long; kneewise reads at most "
            f"{MAX_TEXT:,}. Please shorten them, then continue."
        )
        return page(
            request, "check_start.html", {"story": text, "error": too_long}, status_code=422
        )
    if not text.strip():
        return step(request, CheckState(), request.app.state.knowledge)
    parsed = parse(text, request.app.state.knowledge)
    values = parsed.values()
    said = {name: parsed.fields[name].text for name in values}
    found = [(name, value, said[name]) for name, value in values.items()]
    state = CheckState(answers=values, words=said, story=text)
    # The words alone may already make it an emergency: say so before anything else.
    try:
        first: Question | Result | None = next_step(state.evidence(), request.app.state.knowledge)
    except ValidationError:  # words read as answers that contradict: the steps will say so
        first = None
    emergency = isinstance(first, Result) and first.assessment.triage.level == "emergency"
    understood_page = page(
        request,
        "check_understood.html",
        {
            "text": text,
            "found": found,
            "set_aside": parsed.set_aside(),
            "state": state,
            "emergency": first.assessment if emergency and isinstance(first, Result) else None,
            "call": emergency_number(request),
        },
    )
    return in_profile_units(request, understood_page)


@router.post("/check/step", response_class=HTMLResponse)
async def advance(request: Request, knowledge: KnowledgeDep) -> Response:
    """One more step: answer, don't know, back, more questions, skip to the result, or start."""
    form = await request.form()
    state = load_state(str(form.get("state", "")))
    action = str(form.get("action", "answer"))
    if action == "start":
        kept = {str(k) for k in form.getlist("keep")}
        answers = {k: v for k, v in state.answers.items() if k in kept}
        words = {k: w for k, w in state.words.items() if k in answers}
        return step(request, CheckState(answers, words=words, story=state.story), knowledge)
    if action == "back":
        if not state.history:
            # Back from the first step: the story box again, with what they wrote.
            return page(request, "check_start.html", {"story": state.story})
        state, undone = state.back()
        return step(request, state, knowledge, prefill=undone)
    if action == "resume":  # the same screen again, from the state the tab kept
        return step(request, state, knowledge)
    if action in ("more", "skip"):
        return step(request, state.with_optional(action == "more"), knowledge)
    current = next_step(state.evidence(), knowledge)
    if not isinstance(current, Question) or str(form.get("screen", "")) != current.id:
        return step(request, state, knowledge, error=OUT_OF_DATE, status=409)
    if action == "unknown":
        return step(request, state.advanced(current.id, {}, current.fields), knowledge)
    try:
        given, unknown = given_answers(form, current)
        after = state.advanced(current.id, given, unknown)
        after.evidence()
    except (AnswerRefused, ValidationError) as refused:
        message = refused.message if isinstance(refused, AnswerRefused) else CONTRADICTS
        sent = _sent(form, current)
        return question_page(request, state, current, knowledge, sent, message, 422)
    return step(request, after, knowledge)


@router.get("/check/understood", response_class=HTMLResponse)
@router.get("/check/step", response_class=HTMLResponse)
@router.get("/check/save", response_class=HTMLResponse)
def resume(request: Request) -> HTMLResponse:
    """A check page opened without its form: go back to the same screen, or start again."""
    return page(request, "check_resume.html")


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


def _prefill(q: Question, undone: dict[str, Any]) -> dict[str, Any]:
    """The form values that give back the answers a screen had given (after "back")."""
    sent: dict[str, Any] = {}
    for name, value in undone.items():
        if q.type == "yes_no" and isinstance(value, bool):
            value = "yes" if value else "no"
        sent[name] = value
    opened = [undone.get(f) for f in q.fields]
    if q.type == "tick_any":
        sent["none"] = bool(q.fields) and all(v is False for v in opened)
    elif q.type == "several_of":
        sent["none"] = opened == [[]]
    for other in q.other_answers:
        if other.answers and all(undone.get(k) == v for k, v in other.answers.items()):
            sent["other"] = OTHER_PREFIX + other.id
    return sent


def step(
    request: Request,
    state: CheckState,
    knowledge: KnowledgeBase,
    *,
    prefill: dict[str, Any] | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The page for the next step of `state`: a question or the result."""
    found = next_step(state.evidence(), knowledge)
    if isinstance(found, Question):
        sent = _prefill(found, prefill or {})
        return question_page(request, state, found, knowledge, sent, error, status)
    return result_page(request, state, found, knowledge)


def question_page(
    request: Request,
    state: CheckState,
    q: Question,
    knowledge: KnowledgeBase,
    sent: dict[str, Any],
    error: str | None,
    status: int,
) -> HTMLResponse:
    """One question screen, with honest progress and, once serious, the level and call button."""
    shown = page(
        request,
        "check_question.html",
        {
            "q": q,
            "state": state,
            "sent": sent,
            "error": error,
            "labels": {item.field: item.text for item in knowledge.questions},
            "number": q.asked_so_far + 1,
            "after": max(0, q.most_remaining - 1),
            "level": knowledge.levels[q.level_so_far],
            "serious": q.level_so_far in SERIOUS_LEVELS,
            "call": emergency_number(request),
        },
        status_code=status,
    )
    return in_profile_units(request, shown)


def result_page(
    request: Request, state: CheckState, result: Result, knowledge: KnowledgeBase
) -> HTMLResponse:
    """The triage banner (and call button), what could not be ruled out, causes, plan, sources."""
    assessment = result.assessment
    plan = sorted(assessment.advice, key=lambda a: ADVICE_ORDER.index(a.category))
    shown = page(
        request,
        "check_result.html",
        {
            "a": assessment,
            "result": result,
            "state": state,
            "plan": plan,
            "level": knowledge.levels[assessment.triage.level],
            "levels": knowledge.levels,
            "serious": assessment.triage.level in SERIOUS_LEVELS,
            # Exercises only on self-care / see-a-doctor results (programmes/choose.py decides).
            "programme_offer": None
            if assessment.triage.level in SERIOUS_LEVELS
            else offer(assessment, load_library()),
            "open_signs": assessment.triage.not_ruled_out(),
            "call": emergency_number(request),
            "source_numbers": {s.id: n for n, s in enumerate(assessment.sources, start=1)},
        },
    )
    return in_profile_units(request, shown)


@router.post("/check/save", response_class=HTMLResponse)
async def save(request: Request, diary: DiaryDep, knowledge: KnowledgeDep) -> Response:
    """Keep the result in the diary (for the dashboard and the report)."""
    form = await request.form()
    state = load_state(str(form.get("state", "")))
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
