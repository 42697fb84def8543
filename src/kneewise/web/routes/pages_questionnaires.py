"""Questionnaires scored by item number, as the CLI does: no licensed item wording is shown.

The person answers on their copy of the published form and enters the points
of each answer; kneewise scores it, compares it with last time against the
minimal important difference, and keeps it in the diary.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kneewise._errors import QuestionnaireError
from kneewise.diary.repository import add_questionnaire_answer, list_questionnaire_answers
from kneewise.questionnaires import INSTRUMENTS, Instrument, Item, compare, load, score
from kneewise.web.deps import DiaryDep
from kneewise.web.problems import not_found
from kneewise.web.templating import page

router = APIRouter()


def _instrument(name: str) -> Instrument:
    if name not in INSTRUMENTS:
        raise not_found(f"questionnaire {name!r}")
    return load(INSTRUMENTS[name])


def _sections(instrument: Instrument) -> list[tuple[str | None, list[Item]]]:
    """Items in order; the parts of a group (answer exactly one) together."""
    sections: list[tuple[str | None, list[Item]]] = []
    for item in instrument.items:
        if item.group and sections and sections[-1][0] == item.group:
            sections[-1][1].append(item)
        else:
            sections.append((item.group, [item]))
    return sections


@router.get("/questionnaires", response_class=HTMLResponse)
def overview(request: Request, diary: DiaryDep) -> HTMLResponse:
    """The instruments and the scores saved so far."""
    saved = list_questionnaire_answers(diary)
    instruments = [(name, load(i)) for name, i in INSTRUMENTS.items()]
    return page(request, "questionnaires.html", {"instruments": instruments, "saved": saved})


def _form(
    request: Request, name: str, instrument: Instrument, diary: DiaryDep, **extra: object
) -> HTMLResponse:
    history = list_questionnaire_answers(diary, instrument.id)
    status = 422 if extra.get("error") else 200
    return page(
        request,
        "questionnaire.html",
        {
            "name": name,
            "i": instrument,
            "sections": _sections(instrument),
            "history": history,
            "answers": {},
            **extra,
        },
        status_code=status,
    )


@router.get("/questionnaires/{name}", response_class=HTMLResponse)
def form(request: Request, name: str, diary: DiaryDep) -> HTMLResponse:
    """One instrument: each item by number and topic, with the points its answers allow."""
    return _form(request, name, _instrument(name), diary)


@router.post("/questionnaires/{name}", response_class=HTMLResponse)
async def submit(request: Request, name: str, diary: DiaryDep) -> Response:
    """Score, compare with the last saved score, and save."""
    instrument = _instrument(name)
    data = await request.form()
    answers: dict[str, int] = {}
    for item in instrument.items:
        raw = str(data.get(f"item-{item.number}", "")).strip()
        if raw:
            try:
                answers[item.number] = int(raw)
            except ValueError:
                answers[item.number] = -1  # reported as not allowed by the scoring
    try:
        result = score(instrument, answers)
    except QuestionnaireError as error:
        return _form(request, name, instrument, diary, error=str(error), answers=answers)
    earlier = [
        s.score for s in list_questionnaire_answers(diary, instrument.id) if s.score is not None
    ]
    change = compare(instrument, earlier[-1], result) if earlier else None
    add_questionnaire_answer(diary, instrument.id, dt.date.today(), answers, result)
    return _form(request, name, instrument, diary, result=result, change=change, answers=answers)
