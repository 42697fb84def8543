"""Exercise programmes over REST: the library, the programme in progress, logging, the calendar.

Same data and rules as `kneewise programme …` (kneewise.programmes): the
library is read-only; `/programme` is the person's one programme in progress.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from kneewise._errors import DiaryError, KneewiseError, RecordError, StoppedByWarning
from kneewise.diary.days import zone_names
from kneewise.programmes import store
from kneewise.programmes.adherence import weeks
from kneewise.programmes.careplan import careplan
from kneewise.programmes.choose import offer
from kneewise.programmes.clearance import last_assessment, needed
from kneewise.programmes.figure import figure_svg
from kneewise.programmes.load import load_library
from kneewise.programmes.model import Programme
from kneewise.programmes.progress import Decision
from kneewise.programmes.schedule import calendar, empty_feed, time_zone
from kneewise.programmes.warning_signs import stopped_by_warning
from kneewise.web.deps import DiaryDep
from kneewise.web.json_body import JsonRoute
from kneewise.web.person_day import LAST_DAY, diary_today
from kneewise.web.problems import FieldProblem, ProblemError, not_found
from kneewise.web.programme_schemas import (
    DecisionOut,
    EnrolmentOut,
    LogOut,
    ProgrammeExerciseOut,
    ProgrammeOut,
    ProgrammeSessionIn,
    ProgrammeSessionOut,
    ProgrammeSummary,
    StageChangeOut,
    StartIn,
    StopIn,
    WeekOut,
)
from kneewise.web.routes.api_export import FHIR_JSON, FhirJSONResponse

router = APIRouter(tags=["programmes"], route_class=JsonRoute)
#: The time zones the calendar takes, named in the schema (IANA names of places, as the
#: profile's: no abbreviation such as "EST", which does not follow summer time).
TIME_ZONES = list(zone_names())


def _decision_out(decision: Decision | None) -> DecisionOut | None:
    if decision is None:
        return None
    return DecisionOut(
        action=decision.action,
        stage_number=decision.stage_index + 1,
        sentence=decision.sentence,
        rule=decision.rule,
        sources=list(decision.sources),
    )


def _enrolment_out(
    enrolment: store.Enrolment, decision: DecisionOut | None, today: dt.date
) -> EnrolmentOut:
    """The enrolment as the API shows it; its weeks counted up to `today` (the person's day)."""
    library = load_library()
    programme = library.programmes[enrolment.programme_id]
    index = programme.stage_index(enrolment.stage_id)
    return EnrolmentOut(
        id=enrolment.id,
        programme_id=programme.id,
        programme_name=programme.name,
        status=enrolment.status,
        started_on=enrolment.started_on,
        ended_on=enrolment.ended_on,
        stage_id=enrolment.stage_id,
        stage_number=index + 1,
        stages=len(programme.stages),
        stage_started_on=enrolment.stage_started_on,
        reason=enrolment.reason,
        checks=list(enrolment.checks),
        stage_changes=[StageChangeOut.model_validate(c) for c in enrolment.stage_changes],
        sessions=[
            ProgrammeSessionOut(
                date=s.day,
                status=s.status,
                pain_during=s.pain_during,
                pain_after=s.pain_after,
                pain_next_morning=s.pain_next_morning,
                red_flags=sorted(s.red_flags),
            )
            for s in enrolment.sessions
        ],
        weeks=[
            WeekOut.model_validate(week, from_attributes=True)
            for week in weeks(enrolment, programme, today)
        ],
        decision=decision,
    )


def _programme(programme_id: str) -> Programme:
    programme = load_library().programme(programme_id)
    if programme is None:
        raise not_found(f"programme {programme_id[:60]!r}")
    return programme


@router.get("/programmes", response_model=list[ProgrammeSummary])
def list_programmes() -> list[ProgrammeSummary]:
    """Every programme in the library."""
    return [
        ProgrammeSummary(
            id=p.id, name=p.name, summary=p.summary, conditions=p.conditions,
            stages=len(p.stages), pain_limit=p.pain_limit.during,
        )
        for p in load_library().programmes.values()
    ]  # fmt: skip


@router.get("/programmes/{programme_id}", response_model=ProgrammeOut, responses={404: {}})
def read_programme(programme_id: Annotated[str, Path(max_length=60)]) -> ProgrammeOut:
    """One programme, with the exercises it uses and its sources."""
    library = load_library()
    programme = _programme(programme_id)
    used = {d.exercise for s in programme.stages for d in s.doses}
    cited = {
        *programme.sources,
        *programme.pain_limit.sources,
        *(src for s in programme.stages for d in s.doses for src in d.sources),
        *(src for s in programme.stages for src in s.move_on.sources),
    }
    return ProgrammeOut(
        programme=programme,
        exercises={e: library.exercises[e] for e in sorted(used)},
        sources=[library.sources[s] for s in sorted(cited)],
    )


@router.get("/exercises/{exercise_id}", response_model=ProgrammeExerciseOut, responses={404: {}})
def read_exercise(exercise_id: Annotated[str, Path(max_length=60)]) -> ProgrammeExerciseOut:
    """How to do one exercise, and where its picture is."""
    exercise = load_library().exercise(exercise_id)
    if exercise is None:
        raise not_found(f"exercise {exercise_id[:60]!r}")
    return ProgrammeExerciseOut(
        exercise=exercise, picture=f"/api/v1/exercises/{exercise.id}/picture.svg"
    )


@router.get(
    "/exercises/{exercise_id}/picture.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}, 404: {}},
)
def exercise_picture(exercise_id: Annotated[str, Path(max_length=60)]) -> Response:
    """The exercise's line drawing (SVG, drawn from its joint angles)."""
    exercise = load_library().exercise(exercise_id)
    if exercise is None:
        raise not_found(f"exercise {exercise_id[:60]!r}")
    return Response(figure_svg(exercise.figure, exercise.name), media_type="image/svg+xml")


@router.get("/programme", response_model=EnrolmentOut, responses={404: {}})
def current_programme(diary: DiaryDep) -> EnrolmentOut:
    """The programme in progress (or the last one started) and what the rules say now."""
    enrolment = store.active(diary) or next(iter(store.enrolments(diary)), None)
    if enrolment is None:
        raise not_found("programme started yet")
    today = diary_today(diary)  # the person's day (their zone), not the server's
    decision = store.current_decision(diary, load_library(), today)
    return _enrolment_out(enrolment, _decision_out(decision), today)


@router.post(
    "/programme",
    dependencies=LAST_DAY,
    response_model=EnrolmentOut,
    status_code=201,
    responses={409: {}},
)
def start_programme(body: StartIn, diary: DiaryDep) -> EnrolmentOut:
    """Start a programme. Needs `cleared` (the person's word that a doctor or
    physiotherapist has seen the knee) after a programme stopped for a warning sign, over a
    saved result that said to see someone first (urgent, or a must-not-miss cause not yet
    ruled out), and for a programme only for a diagnosed knee (`clearance.needed`); a 409
    saying why otherwise. `programme_id` is taken in either spelling (`general_knee`,
    `general-knee`)."""
    library = load_library()
    latest = last_assessment(diary)
    _clearance(needed(diary, library, None, latest, day=body.date), body.cleared)
    if body.programme_id is None:
        if latest is None:
            raise ProblemError(
                409, "conflict", "No assessment",
                "no saved assessment to choose from: give programme_id",
            )  # fmt: skip
        chosen = offer(latest, library)
        if chosen.programme is None:
            raise ProblemError(409, "conflict", "No programme offered", chosen.reason)
        programme, reason = chosen.programme, chosen.reason
    else:
        known = library.programme(body.programme_id)
        if known is None:
            choices = ", ".join(sorted(library.programmes))
            raise ProblemError(
                422, "invalid-request", "Unknown programme",
                f"there is no programme {body.programme_id[:60]!r}",
                [FieldProblem(field="programme_id", message="not a programme", allowed=choices)],
            )  # fmt: skip
        programme, reason = known, "chosen by you"
    why = needed(diary, library, programme, latest, day=body.date)
    _clearance(why, body.cleared)
    today = diary_today(diary)
    try:
        enrolment = store.start(
            diary, programme, body.date or today, reason,
            cleared=why is not None, library=library,
        )  # fmt: skip
    except DiaryError as error:
        raise ProblemError(409, "conflict", "A programme is in progress", str(error)) from None
    return _enrolment_out(enrolment, None, today)


def _clearance(why: str | None, cleared: bool) -> None:
    """A 409 saying why, when starting needs `cleared` and it was not given."""
    if why is not None and not cleared:
        raise ProblemError(
            409, "conflict", "See a doctor first",
            f"{why} Start with cleared=true once a doctor or physiotherapist has seen the knee.",
        )  # fmt: skip


@router.post(
    "/programme/sessions",
    dependencies=LAST_DAY,
    response_model=LogOut,
    responses={404: {}, 409: {}},
)
def log_programme_session(body: ProgrammeSessionIn, diary: DiaryDep) -> LogOut:
    """Log a day's session (or add the next morning's pain) and apply the rules."""
    library = load_library()
    if store.active(diary, library) is None and _stopped_by_warning(diary) is None:
        raise not_found("programme in progress")
    update = store.SessionUpdate(
        day=body.date, status=body.status, pain_during=body.pain_during,
        pain_after=body.pain_after, pain_next_morning=body.pain_next_morning,
        red_flags=tuple(body.red_flags), minutes=body.minutes, rpe=body.rpe,
    )  # fmt: skip
    today = diary_today(diary)  # the person's day (their zone), not the server's
    try:
        if body.met:
            store.confirm_checks(diary, library, body.met)
        enrolment, decision = store.log_session(diary, library, update, today)
    except StoppedByWarning as error:
        # Only the days up to the stop still take a log (what was logged is kept).
        raise ProblemError(409, "conflict", "The programme was stopped", str(error)) from None
    except RecordError as error:
        # The body is valid; what clashes is the programme's state (its start, its stage).
        raise ProblemError(409, "conflict", "Does not fit the programme", str(error)) from None
    out = _decision_out(decision)
    assert out is not None
    return LogOut(enrolment=_enrolment_out(enrolment, out, today), decision=out)


def _stopped_by_warning(diary: DiaryDep) -> str | None:
    """The sentence of the last programme's warning-sign stop, or None."""
    last = next(iter(store.enrolments(diary)), None)
    return None if last is None else stopped_by_warning(last.stage_changes)


@router.post("/programme/stop", response_model=EnrolmentOut, responses={404: {}})
def stop_programme(body: StopIn, diary: DiaryDep) -> EnrolmentOut:
    """Stop the programme in progress; its log stays."""
    if store.active(diary) is None:
        raise not_found("programme in progress")
    today = diary_today(diary)
    return _enrolment_out(store.stop(diary, today, body.reason), None, today)


CalendarTime = Annotated[
    str,
    Query(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="local time of the sessions, HH:MM"),
]
CalendarZone = Annotated[
    str | None,
    Query(alias="time_zone", max_length=60, json_schema_extra={"enum": TIME_ZONES}),
]
#: How often a subscribed calendar is asked to fetch the feed again. A stage can change
#: after any logged session, so a few hours lets the same day show the new plan; phone
#: calendars may fetch less often than asked.
FEED_REFRESH = dt.timedelta(hours=6)


def _zone(time_zone_name: str | None) -> ZoneInfo | None:
    """The IANA zone asked for, None for floating times; a 422 naming what is allowed."""
    if time_zone_name is None:
        return None
    try:
        return time_zone(time_zone_name)
    except KneewiseError as error:  # unknown, or an abbreviation (said why)
        raise ProblemError(
            422, "invalid-request", "Unknown time zone", str(error),
            [FieldProblem(field="time_zone", message="not the IANA time zone of a place",
                          allowed="an IANA name such as Europe/Oslo or America/New_York")],
        ) from None  # fmt: skip


def _plan(
    enrolment: store.Enrolment, at: str, zone: ZoneInfo | None, refresh: dt.timedelta | None
) -> bytes:
    library = load_library()
    programme = library.programmes[enrolment.programme_id]
    # The stamp is when this stage's plan was made, so the same plan is the same bytes
    # (and the same ETag) at every fetch of the feed.
    stamp = dt.datetime.combine(enrolment.stage_started_on, dt.time(0), tzinfo=dt.UTC)
    return calendar(
        programme, library, programme.stage_index(enrolment.stage_id),
        enrolment.stage_started_on, at=dt.time.fromisoformat(at), zone=zone,
        enrolment_id=enrolment.id, stamp=stamp, refresh=refresh,
    )  # fmt: skip


@router.get(
    "/programme/calendar.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, 404: {}},
)
def programme_calendar(
    diary: DiaryDep, time: CalendarTime = "18:00", time_zone_name: CalendarZone = None
) -> Response:
    """The current stage's planned sessions as an iCalendar file (RFC 5545) to import.

    Without `time_zone` the sessions are at `time` on the clock wherever the calendar is
    (floating local times), never at a fixed UTC hour.
    """
    zone = _zone(time_zone_name)
    enrolment = store.active(diary)
    if enrolment is None:
        raise not_found("programme in progress")
    return Response(
        _plan(enrolment, time, zone, None),
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="kneewise-programme.ics"'},
    )


@router.get(
    "/programme/feed.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, 304: {}},
)
def programme_feed(
    request: Request,
    diary: DiaryDep,
    time: CalendarTime = "18:00",
    time_zone_name: CalendarZone = None,
) -> Response:
    """The planned sessions as a calendar feed to subscribe to (webcal), which updates itself.

    The same events as `calendar.ics`, with the same UIDs, asking to be fetched again
    every few hours: when the stage changes, the phone's calendar replaces the old
    sessions. With no programme in progress the feed is an empty calendar, so the
    sessions disappear rather than the subscription failing. An unchanged plan answers
    `If-None-Match` with 304.
    """
    zone = _zone(time_zone_name)
    enrolment = store.active(diary)
    document = (
        empty_feed(FEED_REFRESH)
        if enrolment is None
        else _plan(enrolment, time, zone, FEED_REFRESH)
    )
    etag = f'"{hashlib.sha256(document).hexdigest()[:32]}"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(document, media_type="text/calendar", headers=headers)


@router.get(
    "/programme/careplan",
    response_class=FhirJSONResponse,
    responses={
        200: {
            "content": {FHIR_JSON: {"schema": {"type": "object"}}},
            "description": "A FHIR R4B CarePlan with one activity per exercise dose",
        },
        404: {},
    },
)
def programme_careplan(diary: DiaryDep) -> FhirJSONResponse:
    """The programme in progress (or the last one) as a FHIR CarePlan with its activities."""
    enrolment = store.active(diary) or next(iter(store.enrolments(diary)), None)
    if enrolment is None:
        raise not_found("programme started yet")
    library = load_library()
    return FhirJSONResponse(
        careplan(enrolment, library.programmes[enrolment.programme_id], library)
    )
