"""Questionnaires on the web: fill in the ones kneewise may show; score the others from your form.

SANE, PSFS and the 0-10 pain rating are shown in full words and filled in
here. Kujala, VISA-P and IKDC cannot be shown (their wording is not shipped,
docs/questionnaires.md): the page says so plainly, names where to get the
official form, and scores the points the person reads off it. Each result is
compared with last time against the instrument's published smallest change
and kept in the diary.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kneewise._errors import QuestionnaireError
from kneewise.diary.repository import add_questionnaire_answer, list_questionnaire_answers
from kneewise.questionnaires import INSTRUMENTS, Instrument, Item, compare, load, score
from kneewise.questionnaires.psfs import activity_key
from kneewise.web.deps import DiaryDep
from kneewise.web.person_day import diary_today
from kneewise.web.problems import not_found
from kneewise.web.templating import page

router = APIRouter()
#: Longest name kept for an activity the person names (PSFS).
MOST_NAME_CHARACTERS = 60
#: Above this many allowed answers an item is a number box, not a list.
MOST_LISTED_ANSWERS = 11


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
    names = {load(i).id: load(i).name for i in INSTRUMENTS.values()}
    return page(
        request,
        "questionnaires.html",
        {"instruments": instruments, "saved": saved, "names": names},
    )


def _last_names(instrument: Instrument, diary: DiaryDep) -> dict[str, str]:
    """The activities named last time, so a follow-up rates the same ones (PSFS)."""
    history = list_questionnaire_answers(diary, instrument.id)
    if not history or not any(item.named for item in instrument.items):
        return {}
    last = history[-1].answers
    return {key: str(value) for key, value in last.items() if key.endswith("-name")}


def _form(
    request: Request, name: str, instrument: Instrument, diary: DiaryDep, **extra: Any
) -> HTMLResponse:
    history = list_questionnaire_answers(diary, instrument.id)
    status = 422 if extra.get("error") else 200
    context: dict[str, Any] = {
        "name": name,
        "i": instrument,
        "sections": _sections(instrument),
        "history": history,
        "answers": {},
        "names": _last_names(instrument, diary),
        "activity_key": activity_key,
        "most_listed": MOST_LISTED_ANSWERS,
        "most_name": MOST_NAME_CHARACTERS,
    }
    return page(request, "questionnaire.html", {**context, **extra}, status_code=status)


@router.get("/questionnaires/{name}", response_class=HTMLResponse)
def form(request: Request, name: str, diary: DiaryDep) -> HTMLResponse:
    """One instrument: in full words when it may be shown, else by item number and points."""
    return _form(request, name, _instrument(name), diary)


def _read(instrument: Instrument, data: Any) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """(answers by item, activity names, problems) from the posted form."""
    answers: dict[str, Any] = {}
    names: dict[str, str] = {}
    problems: list[str] = []
    for item in instrument.items:
        raw = str(data.get(f"item-{item.number}", "")).strip()
        if item.named:
            named = " ".join(str(data.get(f"name-{item.number}", "")).split())
            if named:
                names[activity_key(item.number)] = named
            if len(named) > MOST_NAME_CHARACTERS:
                problems.append(
                    f"{item.topic}: the name can be at most {MOST_NAME_CHARACTERS} characters "
                    f"(it has {len(named)})"
                )
            elif raw and not named:
                problems.append(f"{item.topic}: say which activity this rating is for")
            elif named and not raw:
                problems.append(f"{item.topic}: rate {named!r} from 0 to 10, or clear its name")
        if raw:
            try:
                answers[item.number] = int(raw)
            except ValueError:
                answers[item.number] = raw  # kept to show back; refused below
                problems.append(f"{item.topic}: {raw!r} is not a whole number")
    return answers, names, problems


@router.post("/questionnaires/{name}", response_class=HTMLResponse)
async def submit(request: Request, name: str, diary: DiaryDep) -> Response:
    """Score, compare with the last saved score, and save."""
    instrument = _instrument(name)
    answers, names, problems = _read(instrument, await request.form())
    shown = {"answers": answers, "names": names}
    if problems:
        return _form(request, name, instrument, diary, error="; ".join(problems), **shown)
    try:
        result = score(instrument, answers)
    except QuestionnaireError as error:
        return _form(request, name, instrument, diary, error=str(error), **shown)
    earlier = [
        s.score for s in list_questionnaire_answers(diary, instrument.id) if s.score is not None
    ]
    change = compare(instrument, earlier[-1], result) if earlier else None
    day = diary_today(diary)  # the person's day (their zone), not the server's
    add_questionnaire_answer(diary, instrument.id, day, {**answers, **names}, result)
    return _form(request, name, instrument, diary, result=result, change=change, **shown)
