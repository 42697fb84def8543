""" "Check my knee": own words first, what was understood, one question per screen, the result.

Everything answered so far travels in the form (see `check_state`), so the
flow works without JavaScript, survives "back", and the server keeps nothing
unless the person saves the result.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import IntakeError
from kneewise.diary.repository import save_assessment
from kneewise.engine.assess import assess
from kneewise.interview import MAX_QUESTIONS, Question, Result, next_step
from kneewise.knowledge.model import ADVICE_ORDER, KnowledgeBase
from kneewise.language import parse
from kneewise.web.check_state import CheckState, given_answers, load_state
from kneewise.web.deps import DiaryDep, KnowledgeDep
from kneewise.web.templating import page

router = APIRouter()
MAX_TEXT = 5000


@router.get("/check", response_class=HTMLResponse)
def start(request: Request) -> HTMLResponse:
    """Step 1: the person's own words."""
    return page(request, "check_start.html")


@router.post("/check/understood", response_class=HTMLResponse)
def understood(request: Request, text: str = Form("", max_length=MAX_TEXT)) -> Response:
    """Step 2: what kneewise read from the words, each with the words it came from."""
    if not text.strip():
        return step(request, CheckState(), request.app.state.knowledge)
    parsed = parse(text)
    values = parsed.values()
    found = [(name, value, parsed.fields[name].text) for name, value in values.items()]
    return page(
        request,
        "check_understood.html",
        {"text": text, "found": found, "notes": parsed.notes, "state": CheckState(answers=values)},
    )


@router.post("/check/step", response_class=HTMLResponse)
async def advance(request: Request, knowledge: KnowledgeDep) -> Response:
    """One more screen: answer, don't know, back, or start with the kept understood fields."""
    form = await request.form()
    state = load_state(str(form.get("state", "")))
    action = str(form.get("action", "answer"))
    fields = [str(f) for f in form.getlist("fields")]
    if action == "start":
        kept = set(form.getlist("keep"))
        state = CheckState({k: v for k, v in state.answers.items() if k in kept})
    elif action == "back":
        if not state.history:
            return RedirectResponse("/check", status_code=303)
        state, undone = state.back()
        return step(request, state, knowledge, prefill=undone)
    elif action == "unknown":
        state = state.advanced({}, fields)
    else:
        try:
            given = given_answers(form, fields, str(form.get("type", "")))
        except IntakeError as error:
            return step(request, state, knowledge, error=error.problems[0].message, status=422)
        state = state.advanced(given, [])
    return step(request, state, knowledge)


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
        return page(
            request,
            "check_question.html",
            {
                "q": found,
                "state": state,
                "prefill": prefill or {},
                "error": error,
                "labels": {q.field: q.text for q in knowledge.questions},
                "number": found.asked_so_far + 1,
                "most": MAX_QUESTIONS,
            },
            status_code=status,
        )
    return result_page(request, state, found, knowledge)


def result_page(
    request: Request, state: CheckState, result: Result, knowledge: KnowledgeBase
) -> HTMLResponse:
    """The triage banner, likely causes with why, the plan and the sources."""
    assessment = result.assessment
    plan = sorted(assessment.advice, key=lambda a: ADVICE_ORDER.index(a.category))
    return page(
        request,
        "check_result.html",
        {
            "a": assessment,
            "result": result,
            "state": state,
            "plan": plan,
            "level": knowledge.levels[assessment.triage.level],
            "source_numbers": {s.id: n for n, s in enumerate(assessment.sources, start=1)},
        },
    )


@router.post("/check/save", response_class=HTMLResponse)
async def save(request: Request, diary: DiaryDep, knowledge: KnowledgeDep) -> Response:
    """Keep the result in the diary (for the dashboard and the report)."""
    form = await request.form()
    state = load_state(str(form.get("state", "")))
    assessment = assess(state.evidence().intake(), knowledge)
    save_assessment(diary, state.answers, assessment.to_json_dict())
    return RedirectResponse("/dashboard?saved=assessment", status_code=303)
