"""The dashboard: today's traffic light, load and pain over weeks, pain days, what precedes pain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kneewise.programmes.chart import diary_chart
from kneewise.programmes.ending import diary_ending
from kneewise.programmes.load import load_library
from kneewise.web.dashboard import build_dashboard
from kneewise.web.deps import DiaryDep
from kneewise.web.person_day import diary_today
from kneewise.web.templating import page

router = APIRouter()
RATIO_CAVEAT = (
    "The chart's acute:chronic ratio is the rolling, coupled one (the last 7 days against "
    "the weekly mean of the last 28). It describes recent training against the usual; it cannot "
    "predict injury (Impellizzeri et al. 2020)."
)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(
    request: Request,
    diary: DiaryDep,
    weeks: Annotated[int, Query(ge=2, le=52)] = 12,
    saved: str | None = None,
) -> HTMLResponse:
    """The diary worked out: how the knee is today and how training went."""
    today = diary_today(diary)  # the person's today (their zone), not the server's
    return page(
        request,
        "dashboard.html",
        {
            "d": build_dashboard(diary, weeks, today),
            "weeks": weeks,
            "caveat": RATIO_CAVEAT,
            "saved": saved,
            "programme_chart": diary_chart(diary, today),
            # When and why the programme ended (a warning sign's stop says which and when).
            "programme_ending": diary_ending(diary, load_library()),
        },
    )
