"""A small diary for the FHIR and CDS tests, built through the real repository functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests._clock import TODAY

from kneewise import Assessment, assess, load_knowledge, parse_intake
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
from kneewise.questionnaires import load, score

INTAKE = {
    "age": 29, "sex": "male", "activities": ["football"], "side": "right", "onset": "sudden",
    "mechanism": "twist", "pop": True, "swelling": "within_2h", "giving_way": True,
    "can_walk_4_steps": True, "pain_now": 5,
}  # fmt: skip
KUJALA = load("kujala")
#: The best answer to every Kujala item: a score of 100.
KUJALA_ANSWERS = {item.number: max(item.answers) for item in KUJALA.items if item.group is None}


@pytest.fixture(autouse=True)
def _on_the_run_day(request: pytest.FixtureRequest) -> None:
    """The app's clock on the run's day (tests/_clock.py); not for Chromium: it has its own."""
    if request.node.get_closest_marker("browser") is None:
        request.getfixturevalue("today")


@pytest.fixture(scope="session")
def assessment() -> Assessment:
    """A real assessment of a twisting injury with a pop and quick swelling."""
    return assess(parse_intake(INTAKE), load_knowledge())


@pytest.fixture
def empty_diary(tmp_path: Path) -> Iterator[Diary]:
    diary = open_diary(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        yield diary
    finally:
        diary.close()


@pytest.fixture
def diary(tmp_path: Path, assessment: Assessment) -> Iterator[Diary]:
    """Pain on three days (6 scores), night pain today, a session, a Kujala form, the assessment."""
    diary = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    today = TODAY
    update_profile(diary, build(ProfileRecord, {"age": 29, "sex": "male", "knee": "right"}))
    add_session(diary, build(SessionRecord, {"date": today, "activity": "football",
                                             "duration_min": 90, "rpe": 7}))  # fmt: skip
    for back, scores in ((5, (3, 4, 2)), (3, (6, 7, None)), (1, (None, 8, None))):
        fields = {"date": today - dt.timedelta(days=back), "knee": "right",
                  "during": scores[0], "after": scores[1], "next_morning": scores[2]}  # fmt: skip
        log_pain(diary, build(PainEntryRecord, fields))
    log_pain(diary, build(PainEntryRecord, {"date": today, "knee": "right", "night_pain": True}))
    add_questionnaire_answer(
        diary, "kujala", today - dt.timedelta(days=2), KUJALA_ANSWERS, score(KUJALA, KUJALA_ANSWERS)
    )
    save_assessment(diary, INTAKE, assessment.to_json_dict())
    try:
        yield diary
    finally:
        diary.close()
