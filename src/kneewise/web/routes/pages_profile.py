"""The profile page: the knee of concern, age, sports, km or miles, °C or °F, and time zone.

The knee is the one the diary's pain form starts on (and `log pain` uses);
the units decide how every page shows distances and temperatures. Stored
numbers stay in km and °C. Sex, height and weight, set on the command line,
are kept as they are. The time zone (an IANA name, from the zone database's
list) decides the person's "today" (kneewise.diary.days); with none, a personal
app uses this computer's, and on a server the browser's is suggested.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise._errors import RecordError
from kneewise.diary.days import machine_zone, zone_names
from kneewise.diary.records import KNEES, ProfileRecord, build, plain_problem
from kneewise.diary.repository import get_profile, update_profile
from kneewise.diary.storage import Diary
from kneewise.diary.units import (
    DEFAULT_DISTANCE_UNIT,
    DEFAULT_TEMPERATURE_UNIT,
    DISTANCE_WORDS,
    TEMPERATURE_WORDS,
)
from kneewise.web.deps import DiaryDep
from kneewise.web.person_day import own_computer
from kneewise.web.templating import page

router = APIRouter()
#: The fields this page owns: an empty one is cleared ("not said"), never guessed.
PAGE_FIELDS = ("knee", "age", "sports", "distance_unit", "temperature_unit", "time_zone")
MOST_SPORTS = 20


def _zone_name(zone: dt.tzinfo) -> str:
    return str(getattr(zone, "key", "") or zone.tzname(None) or "UTC")


def _values(record: ProfileRecord) -> dict[str, str]:
    return {
        "knee": record.knee or "",
        "age": "" if record.age is None else str(record.age),
        "sports": ", ".join(sport.replace("_", " ") for sport in record.sports),
        "distance_unit": record.distance_unit or DEFAULT_DISTANCE_UNIT,
        "temperature_unit": record.temperature_unit or DEFAULT_TEMPERATURE_UNIT,
        "time_zone": record.time_zone or "",
    }


def _page(
    request: Request,
    diary: Diary,
    values: dict[str, str] | None = None,
    errors: list[str] | None = None,
    saved: bool = False,
) -> HTMLResponse:
    return page(
        request,
        "profile.html",
        {
            "values": values or _values(get_profile(diary)),
            "errors": errors or [],
            "saved": saved,
            "knees": KNEES,
            "distance_words": DISTANCE_WORDS,
            "temperature_words": TEMPERATURE_WORDS,
            "zone_names": zone_names(),
            # Without a zone: this computer's in a personal app, else the browser's (suggested).
            "computer_zone": _zone_name(machine_zone()) if own_computer(request) else "",
        },
        status_code=422 if errors else 200,
    )


@router.get("/profile", response_class=HTMLResponse)
def profile_page(request: Request, diary: DiaryDep, saved: bool = False) -> HTMLResponse:
    """The profile form, filled in with what is stored."""
    return _page(request, diary, saved=saved)


@router.post("/profile", response_class=HTMLResponse)
async def save_profile(request: Request, diary: DiaryDep) -> Response:
    """Save the page's fields; the form comes back with what to fix on a mistake."""
    form = await request.form()
    shown = {name: str(form.get(name) or "").strip() for name in PAGE_FIELDS}
    sports = [part for part in shown["sports"].replace(";", ",").split(",") if part.strip()]
    fields: dict[str, Any] = {name: shown[name] or None for name in PAGE_FIELDS}
    fields["sports"] = sports
    try:
        if len(sports) > MOST_SPORTS:
            raise RecordError([f"Sports: at most {MOST_SPORTS}, separated by commas"])
        record = build(ProfileRecord, fields)
    except RecordError as error:
        problems = [plain_problem(problem) for problem in error.problems]
        return _page(request, diary, shown, problems)
    update_profile(diary, record)
    return RedirectResponse("/profile?saved=true", status_code=303)
