"""The exercise programme page: today's exercises with pictures, one tap to log, the next step.

Without a programme in progress it shows what the last saved assessment fits
(never over an urgent or emergency result) and every programme to choose
from; after a result that withheld the offer for a must-not-miss cause, after a
programme stopped for a warning sign, and for a programme only for a diagnosed
knee, starting one needs a tick that a doctor or physiotherapist has seen the
knee (`clearance.needed`). Same data and rules as `kneewise programme …` and
`/api/v1/programme`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import DiaryError, RecordError
from kneewise.accounts.calendar_feed import feed_made_at, new_feed_token
from kneewise.assessment import SERIOUS_LEVELS
from kneewise.diary.storage import Diary
from kneewise.programmes import store
from kneewise.programmes.adherence import weeks
from kneewise.programmes.chart import adherence_svg
from kneewise.programmes.choose import offer
from kneewise.programmes.citations import citations
from kneewise.programmes.clearance import last_assessment, needed
from kneewise.programmes.figure import figure_svg
from kneewise.programmes.load import load_library
from kneewise.programmes.progress import RED_FLAG_WORDS
from kneewise.programmes.session_log import waiting_for_morning
from kneewise.web.deps import CallerDep, DiaryDep
from kneewise.web.person_day import LAST_DAY, diary_today
from kneewise.web.templating import page

router = APIRouter()
STATUS_WORDS = {"done": "Done", "partly": "Partly done", "skipped": "Skipped"}
PAIN_FIELDS = {
    "pain_during": "Pain during the exercises",
    "pain_after": "Pain just after",
    "pain_next_morning": "Pain this morning",
}


def _context(diary: Diary) -> dict[str, Any]:
    library = load_library()
    today = diary_today(diary)  # the person's day (their zone), not the server's
    enrolment = store.active(diary, library)
    latest = last_assessment(diary)
    context: dict[str, Any] = {
        "library": library,
        "enrolment": enrolment,
        "serious": latest is not None and latest.triage.level in SERIOUS_LEVELS,
        # Whether starting any programme needs the tick box (a programme only for a diagnosed
        # knee needs it too: the template asks `diagnosis_first` per programme).
        "see_first": needed(diary, library, None, latest),
        "offer": offer(latest, library) if latest is not None else None,
        "red_flags": RED_FLAG_WORDS,
        "status_words": STATUS_WORDS,
        "pain_fields": PAIN_FIELDS,
        "today": today,
    }
    if enrolment is None:
        ended = next(iter(store.enrolments(diary, library)), None)
        if ended is not None and ended.status == "stopped" and ended.reason:
            # A stop by the rules carries its own sentence (it says it has been stopped).
            by_rule = bool(ended.stage_changes) and ended.stage_changes[-1]["action"] == "stop"
            context["last_stop"] = (
                ended.reason if by_rule else f"Your last programme stopped: {ended.reason}"
            )
        return context
    programme = library.programmes[enrolment.programme_id]
    index = programme.stage_index(enrolment.stage_id)
    stage = programme.stages[index]
    context.update(
        programme=programme,
        stage=stage,
        stage_number=index + 1,
        pictures={d.exercise: figure_svg(library.exercises[d.exercise].figure,
                                         library.exercises[d.exercise].name)
                  for d in stage.doses},
        dose_sources=[[c.line() for c in citations(library, d.cites)] for d in stage.doses],
        decision=store.current_decision(diary, library, today),
        weeks=weeks(enrolment, programme, today),
        chart=adherence_svg(weeks(enrolment, programme, today), programme),
        morning_for=waiting_for_morning(enrolment.sessions, today),
        logged_today=any(s.day == today for s in enrolment.sessions),
        open_checks=[c for c in stage.move_on.checks if c.id not in enrolment.checks],
    )  # fmt: skip
    return context


def _page(
    request: Request, diary: Diary, errors: list[str] | None = None, **extra: Any
) -> Response:
    feed = str(request.url_for("programme_feed"))
    context = {
        **_context(diary), "errors": errors or [], **extra,
        # webcal:// makes a phone offer to subscribe; the plain address is for calendars
        # that take one ("add calendar from URL").
        "feed_url": feed, "webcal_url": "webcal://" + feed.split("://", 1)[1],
        # A phone's calendar fetches a feed without signing in, so with accounts on it
        # subscribes to the person's secret address instead (docs/programmes.md).
        "subscribe": not request.app.state.settings.accounts,
    }  # fmt: skip
    if request.app.state.settings.accounts and diary.owner_id is not None:
        context["feed_made"] = feed_made_at(diary, diary.owner_id)
    return page(request, "programme.html", context, status_code=422 if errors else 200)


@router.get("/programme", response_class=HTMLResponse)
def programme_page(request: Request, diary: DiaryDep, logged: str = "") -> Response:
    """Today's exercises, or the programmes to start one."""
    return _page(request, diary, logged=logged[:10])


def _pain(value: object) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 0 <= int(text) <= 10:
        raise RecordError([f"pain must be a whole number from 0 to 10; got {text[:10]!r}"])
    return int(text)


def _minutes(value: object) -> float | None:
    text = str(value or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 0 <= int(text) <= 600:
        raise RecordError([f"minutes must be a whole number from 0 to 600; got {text[:10]!r}"])
    return float(text)


@router.post("/programme/start", dependencies=LAST_DAY, response_class=HTMLResponse)
async def start_programme(request: Request, diary: DiaryDep) -> Response:
    """Start the chosen programme today."""
    form = await request.form()
    library = load_library()
    programme = library.programme(str(form.get("programme_id") or ""))
    if programme is None:
        return _page(request, diary, ["Choose one of the programmes listed."])
    latest = last_assessment(diary)
    if latest is not None and latest.triage.level in SERIOUS_LEVELS:
        return _page(request, diary, ["Your last result says a doctor should see the knee first."])
    why = needed(diary, library, programme, latest)
    if why is not None and form.get("cleared") != "yes":
        return _page(
            request,
            diary,
            [
                f"{why} If a doctor or physiotherapist has already seen the knee, tick "
                "the box that says so, then start the programme."
            ],
        )
    reason = offer(latest, library).reason if latest else "chosen by you"
    try:
        store.start(
            diary,
            programme,
            diary_today(diary),
            reason,
            cleared=why is not None,
            library=library,
        )
    except DiaryError as error:
        return _page(request, diary, [str(error)])
    return RedirectResponse("/programme", status_code=303)


@router.post("/programme/log", dependencies=LAST_DAY, response_class=HTMLResponse)
async def log_session(request: Request, diary: DiaryDep) -> Response:
    """Log today's session (one tap) or this morning's pain for the last one."""
    form = await request.form()
    today = diary_today(diary)
    try:
        day = dt.date.fromisoformat(str(form.get("date") or today.isoformat())[:10])
    except ValueError:
        return _page(request, diary, ["The date is not a date."])
    status = str(form.get("status") or "").strip() or None
    try:
        update = store.SessionUpdate(
            day=day,
            status=status,
            pain_during=_pain(form.get("pain_during")),
            pain_after=_pain(form.get("pain_after")),
            pain_next_morning=_pain(form.get("pain_next_morning")),
            red_flags=tuple(str(f) for f in form.getlist("red_flags")),
            minutes=_minutes(form.get("minutes")),
        )
        met = [str(c) for c in form.getlist("met")]
        if met:
            store.confirm_checks(diary, load_library(), met)
        store.log_session(diary, load_library(), update, today)
    except (RecordError, DiaryError) as error:
        problems = error.problems if isinstance(error, RecordError) else [str(error)]
        return _page(request, diary, [p[0].upper() + p[1:] for p in problems])
    return RedirectResponse(f"/programme?logged={day.isoformat()}", status_code=303)


@router.post("/programme/calendar-address", response_class=HTMLResponse)
def new_calendar_address(request: Request, diary: DiaryDep, caller: CallerDep) -> Response:
    """A new secret calendar address, shown once; the old one stops at once."""
    token = new_feed_token(diary, caller.person.id)
    address = str(request.url_for("subscribed_feed", token=token))
    webcal = "webcal://" + address.split("://", 1)[1]
    return _page(request, diary, new_address=address, new_webcal=webcal)


@router.post("/programme/stop", dependencies=LAST_DAY, response_class=HTMLResponse)
async def stop_programme(request: Request, diary: DiaryDep) -> Response:
    """Stop the programme in progress."""
    try:
        store.stop(diary, diary_today(diary), "stopped by you")
    except DiaryError as error:
        return _page(request, diary, [str(error)])
    return RedirectResponse("/programme", status_code=303)
