"""The check's pages, each drawn from one stored page of the person's draft.

A stored page (`kneewise.diary.drafts`) is a small JSON object: `view` says
which screen it is ("start", "understood" or "step"), `state` the check's state
then (`CheckState.to_json`), and what the screen needs besides: the story and
an error for "start"; the words read for "understood"; for "step" the answers a
screen is filled with (`prefill`, after the in-app Back), what a refused screen
had sent (`sent`), its message and status. Drawing is pure: opening the same
page again (Back, Forward, reload) shows the same screen, plus, on a question,
the answer the person gave it last time (`answered`), so nothing said is lost.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from kneewise.assessment import SERIOUS_LEVELS
from kneewise.diary import get_profile
from kneewise.diary.drafts import DraftPage
from kneewise.diary.units import temperatures_in_page
from kneewise.engine.assess import causes_withheld
from kneewise.interview import Question, Result, next_step
from kneewise.interview.wording import texts_of_someone_else, worded_of_someone_else
from kneewise.knowledge.model import ADVICE_ORDER, KnowledgeBase
from kneewise.programmes.choose import offer
from kneewise.programmes.load import load_library
from kneewise.web.check_state import OTHER_PREFIX, CheckState, load_state
from kneewise.web.deps import get_caller, get_diary
from kneewise.web.routes.pages_settings import emergency_number
from kneewise.web.templating import page


def in_profile_units(request: Request, response: HTMLResponse) -> HTMLResponse:
    """The page with its temperatures in the profile's unit (°F or °C; the knowledge says °C)."""
    unit = get_profile(get_diary(request, get_caller(request))).temperature_unit or "C"
    if unit == "C":
        return response
    response.body = temperatures_in_page(bytes(response.body).decode(), unit).encode()
    response.headers["content-length"] = str(len(response.body))
    return response


def expired(request: Request, *, full: bool = False) -> HTMLResponse:
    """The check this address names is gone (expired, unknown, or someone else's): 410.

    `full`: the check reached `drafts.MAX_PAGES` pages and cannot take another.
    """
    return page(request, "check_expired.html", {"full": full}, status_code=410)


def draw(request: Request, stored: DraftPage, knowledge: KnowledgeBase) -> HTMLResponse:
    """The screen of one stored page, with the draft's key and the page's number in its forms."""
    shown = stored.page
    where = {"draft": stored.key, "at": stored.number}
    status = int(shown.get("status", 200))
    if shown["view"] == "start":
        context = {"story": shown.get("story", ""), "error": shown.get("error"), **where}
        return page(request, "check_start.html", context, status_code=status)
    state = load_state(shown["state"])
    if shown["view"] == "understood":
        later = stored.answered_by  # Back to it: the boxes as they were left, unticked ones too
        kept = (
            set(load_state(later["state"]).answers)
            if later and later.get("view") == "step"
            else None
        )
        return understood_page(request, shown, state, knowledge, {**where, "kept": kept})
    current = next_step(state.evidence(), knowledge)
    if not isinstance(current, Question):
        return result_page(request, state, current, knowledge, where)
    sent = shown.get("sent") or prefill(current, shown.get("prefill") or {})
    if not shown.get("sent") and stored.answered_by is not None:
        sent = answered(current, state, stored.answered_by) or sent
    return question_page(
        request, state, current, knowledge, where, sent, shown.get("error"), status
    )


def answered(q: Question, before: CheckState, later: dict[str, Any]) -> dict[str, Any]:
    """The form values of the answer given from this screen last time ({} if none).

    A refused answer comes back as it was sent; "Don't know" comes back as said.
    """
    if later.get("sent"):
        return dict(later["sent"])
    if later.get("view") != "step" or later.get("action") not in ("answer", "unknown"):
        return {}
    after = load_state(later["state"])
    undone = {k: v for k, v in after.answers.items() if before.answers.get(k) != v}
    sent = prefill(q, undone)
    sent["dont_know"] = later.get("action") == "unknown"
    return sent


def prefill(q: Question, undone: dict[str, Any]) -> dict[str, Any]:
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


def understood_page(
    request: Request,
    shown: dict[str, Any],
    state: CheckState,
    knowledge: KnowledgeBase,
    where: dict[str, Any],
) -> HTMLResponse:
    """What kneewise read from the words, each with the words it came from."""
    # The words alone may already make it an emergency: say so before anything else.
    try:
        first: Question | Result | None = next_step(state.evidence(), knowledge)
    except ValidationError:  # words read as answers that contradict: the steps will say so
        first = None
    emergency = isinstance(first, Result) and first.assessment.triage.level == "emergency"
    context = {
        "text": shown["text"],
        "found": [tuple(item) for item in shown["found"]],
        "set_aside": shown["set_aside"],
        "emergency": first.assessment if emergency and isinstance(first, Result) else None,
        "call": emergency_number(request),
        **where,
    }
    return in_profile_units(request, page(request, "check_understood.html", context))


def question_page(
    request: Request,
    state: CheckState,
    q: Question,
    knowledge: KnowledgeBase,
    where: dict[str, Any],
    sent: dict[str, Any],
    error: str | None,
    status: int,
) -> HTMLResponse:
    """One question screen, with honest progress and, once serious, the level and call button."""
    labels = {item.field: item.text for item in knowledge.questions}
    if state.someone_else:  # the answers are someone else's: asked of them ("How old are they?")
        q = worded_of_someone_else(q, knowledge)
        labels = texts_of_someone_else(knowledge)
    shown = page(
        request,
        "check_question.html",
        {
            "q": q,
            "state": state,
            "sent": sent,
            "error": error,
            "labels": labels,
            "number": q.asked_so_far + 1,
            "after": max(0, q.most_remaining - 1),
            "level": knowledge.levels[q.level_so_far],
            "serious": q.level_so_far in SERIOUS_LEVELS,
            # below the youngest age of the priors no cause is listed: none is promised
            "causes_listed": causes_withheld(knowledge, state.evidence().intake().known()) is None,
            "call": emergency_number(request),
            **where,
        },
        status_code=status,
    )
    return in_profile_units(request, shown)


def result_page(
    request: Request,
    state: CheckState,
    result: Result,
    knowledge: KnowledgeBase,
    where: dict[str, Any],
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
            else offer(assessment, load_library(), knowledge),
            "open_signs": assessment.triage.not_ruled_out(),
            "call": emergency_number(request),
            "source_numbers": {s.id: n for n, s in enumerate(assessment.sources, start=1)},
            **where,
        },
    )
    return in_profile_units(request, shown)
