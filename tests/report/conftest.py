"""A diary with eight weeks of training, pain, questionnaires and a saved assessment.

Built through the real repository functions on a temporary SQLite file, with
dates counted back from today (diary records may not lie in the future).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests._clock import TODAY

from kneewise import assess, load_knowledge, parse_intake
from kneewise.diary import (
    Diary,
    PainEntryRecord,
    ProfileRecord,
    SessionRecord,
    add_questionnaire_answer,
    add_session,
    build,
    log_pain,
    open_diary,
    save_assessment,
    update_profile,
)

INTAKE = {
    "age": 34, "sex": "female", "activities": ["running"], "side": "left", "onset": "gradual",
    "location": ["front", "kneecap"], "worse_with": ["stairs_down", "squatting"], "pain_now": 4,
    "pain_worst": 7, "duration_days": 50, "night_pain": False, "swelling": "none",
}  # fmt: skip
WEEKS = 8


@dataclass(frozen=True)
class FilledDiary:
    """The diary and what went into it, so tests can look for the person's figures."""

    diary: Diary
    url: str
    today: dt.date
    start: dt.date
    worst_day: dt.date


def fill(diary: Diary, today: dt.date) -> dt.date:
    """Sessions every other day, pain every third, rising at the end; returns the worst day."""
    update_profile(
        diary,
        build(ProfileRecord, {"age": 34, "sex": "female", "sports": ["running"], "knee": "left"}),
    )
    worst_day = today - dt.timedelta(days=3)
    for back in range(WEEKS * 7 - 1, -1, -1):
        day = today - dt.timedelta(days=back)
        if back % 2 == 0:
            fields = {"date": day, "activity": "running", "duration_min": 45, "rpe": 6}
            add_session(diary, build(SessionRecord, fields))
        if back % 3 == 0:
            during = 8 if day == worst_day else 3
            fields = {"date": day, "knee": "left", "during": during, "after": 2, "next_morning": 1}
            log_pain(diary, build(PainEntryRecord, fields))
    answer = assess(parse_intake(INTAKE), load_knowledge()).to_json_dict()
    save_assessment(diary, INTAKE, answer)
    add_questionnaire_answer(diary, "nrs", today - dt.timedelta(days=40), {"1": 3}, 3)
    add_questionnaire_answer(diary, "nrs", today - dt.timedelta(days=2), {"1": 7}, 7)
    return worst_day


@pytest.fixture(autouse=True)
def _on_the_run_day(request: pytest.FixtureRequest) -> None:
    """The app's clock on the run's day (tests/_clock.py); not for Chromium: it has its own."""
    if request.node.get_closest_marker("browser") is None:
        request.getfixturevalue("today")


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[FilledDiary]:
    """A filled diary on SQLite; `start` is the first day of its eight weeks."""
    url = f"sqlite:///{tmp_path / 'diary.sqlite3'}"
    diary = open_diary(url)
    today = TODAY
    worst_day = fill(diary, today)
    try:
        yield FilledDiary(
            diary, url, today, today - dt.timedelta(weeks=WEEKS) + dt.timedelta(1), worst_day
        )
    finally:
        diary.close()


@pytest.fixture
def empty_diary(tmp_path: Path) -> Iterator[Diary]:
    """A migrated diary with nothing in it."""
    diary = open_diary(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        yield diary
    finally:
        diary.close()


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        reason = f"{tool} not found (apt-get install poppler-utils)"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI needs {tool} to read the PDF: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture
def pdftotext() -> str:
    """Path of poppler's pdftotext; skips locally without it, fails in CI."""
    return _need("pdftotext")


@pytest.fixture
def pdftoppm() -> str:
    """Path of poppler's pdftoppm; skips locally without it, fails in CI."""
    return _need("pdftoppm")
