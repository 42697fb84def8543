"""The report for the doctor: a page to choose the dates, and the PDF itself."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from kneewise.diary.days import latest_day, person_today
from kneewise.diary.records import EARLIEST_DATE
from kneewise.diary.repository import get_profile
from kneewise.report import doctor_report
from kneewise.web.deps import DiaryDep, KnowledgeDep
from kneewise.web.person_day import LAST_DAY, own_computer
from kneewise.web.problems import FieldProblem, ProblemError
from kneewise.web.schemas import IsoDate
from kneewise.web.templating import page

router = APIRouter()
DEFAULT_WEEKS = 12
_ALLOWED = (
    f"a date (YYYY-MM-DD) from {EARLIEST_DATE.isoformat()} to today, or the word 'today' or "
    "'yesterday', read in your profile's time zone"
)


@router.get("/report", response_class=HTMLResponse)
def report_form(request: Request) -> HTMLResponse:
    """Choose the dates the report covers, up to the person's today."""
    # No diary is opened here (anyone signed in gets the same form), so no profile's
    # zone: a personal app's today is its computer's; on a server the latest date on
    # Earth, and the browser puts its own date in the field (static/person-day.js).
    mine = own_computer(request)
    today = latest_day(None, own_computer=mine)
    start = today - dt.timedelta(weeks=DEFAULT_WEEKS) + dt.timedelta(days=1)
    context = {"start": start, "end": today, "today": today, "zone_known": mine}
    return page(request, "report.html", context)


# LAST_DAY sets the person's today (their profile's zone) before the dates are read, so
# 'today' and 'yesterday' mean here what they mean in every other date field.
@router.get("/report.pdf", dependencies=LAST_DAY)
def report_pdf(
    diary: DiaryDep,
    knowledge: KnowledgeDep,
    start: Annotated[IsoDate | None, Query(description="first day (default: 12 weeks ago)")] = None,
    end: Annotated[IsoDate | None, Query(description="last day (default: today)")] = None,
) -> Response:
    """The PDF for the doctor: story, latest assessment, charts, scores, questions to ask.

    `start` and `end` are days written YYYY-MM-DD or the words 'today' and
    'yesterday', read in the person's time zone (as the API's date fields).
    """
    for name, day in (("start", start), ("end", end)):
        if day is not None and day < EARLIEST_DATE:
            raise ProblemError(
                400,
                "invalid-request",
                "Bad request",
                f"{name} must be a day from {EARLIEST_DATE.isoformat()} on; {day.isoformat()} "
                "is before any diary could begin",
                [FieldProblem(field=name, message="before 1970-01-01", allowed=_ALLOWED)],
            )
    end = end or person_today(get_profile(diary))
    start = start or max(
        EARLIEST_DATE, end - dt.timedelta(weeks=DEFAULT_WEEKS) + dt.timedelta(days=1)
    )
    name = f"kneewise-report-{start.isoformat()}-{end.isoformat()}.pdf"
    return Response(
        doctor_report(diary, start, end, knowledge),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
