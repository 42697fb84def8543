"""Enrolments started before cleared signs were kept by pain entry still read right.

Until 1 December 2026 a start with the clinician's word kept the signs it cleared by day
(`2026-11-30:swelling`); now they are kept by pain entry (`pain-entry-12:swelling`), so the
other knee's swelling the same day stops the programme again. An old row must neither be shown
stopped for the very sign the clinician saw, nor pass over a sign no one saw: one entry with
the sign that day is the one seen; two (both knees) cannot be told apart, so the programme
reads as stopped. Real SQLite; the old row is a real enrolment whose keys are rewritten to the
old form, as the earlier code stored them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kneewise.diary import Diary, PainEntryRecord, build, log_pain, open_diary
from kneewise.diary.models import ProgrammeEnrolment
from kneewise.programmes import store
from kneewise.programmes.load import load_library

LIBRARY = load_library()
#: A fixed past week: the reads compare stored days, never today's date.
START = dt.date(2026, 11, 20)


@pytest.fixture
def diary(tmp_path: Path) -> Iterator[Diary]:
    opened = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    yield opened
    opened.close()


def _pain(diary: Diary, day: dt.date, knee: str, **signs: bool) -> None:
    log_pain(diary, build(PainEntryRecord, {"date": day, "knee": knee, "during": 2, **signs}))


def _old_style(diary: Diary, keys: list[str]) -> None:
    """Rewrite the enrolment's cleared signs as the code before 1 December 2026 kept them."""
    with diary.transaction() as session:
        row = session.scalars(select(ProgrammeEnrolment)).one()
        opening = {**row.stage_changes[0], "cleared_signs": keys}
        row.stage_changes = [opening, *row.stage_changes[1:]]


def _started_over(diary: Diary, *signs: tuple[str, dict[str, bool]]) -> None:
    for knee, flags in signs:
        _pain(diary, START, knee, **flags)
    store.start(diary, LIBRARY.programmes["general_knee"], START, cleared=True, library=LIBRARY)


@pytest.mark.parametrize(
    ("knee", "flags", "keys"),
    [
        ("left", {"swelling": True}, ["2026-11-20:swelling"]),
        ("right", {"night_pain": True}, ["2026-11-20:night_pain"]),
        ("both", {"swelling": True, "night_pain": True}, ["2026-11-20:swelling",
                                                          "2026-11-20:night_pain"]),
    ],
)  # fmt: skip
def test_an_old_row_keeps_the_sign_its_clinician_saw(
    diary: Diary, knee: str, flags: dict[str, bool], keys: list[str]
) -> None:
    _started_over(diary, (knee, flags))
    _old_style(diary, keys)
    running = store.active(diary, LIBRARY)
    assert running is not None and running.status == "active"


def test_an_old_row_is_stopped_by_a_sign_on_another_day(diary: Diary) -> None:
    _started_over(diary, ("left", {"swelling": True}))
    _old_style(diary, ["2026-11-20:swelling"])
    _pain(diary, START + dt.timedelta(days=2), "left", swelling=True)
    assert store.active(diary, LIBRARY) is None
    (last,) = store.enrolments(diary, LIBRARY)
    assert last.status == "stopped" and last.ended_on == START + dt.timedelta(days=2)


def test_an_old_row_is_stopped_by_another_sign_the_same_day(diary: Diary) -> None:
    _started_over(diary, ("left", {"swelling": True}))
    _old_style(diary, ["2026-11-20:swelling"])
    _pain(diary, START, "left", night_pain=True)  # the same entry, a sign not seen
    assert store.active(diary, LIBRARY) is None


def test_an_old_row_with_the_other_knee_swollen_that_day_reads_stopped(diary: Diary) -> None:
    # Which of the two entries the clinician saw cannot be told from a day: neither is
    # taken as seen, so a sign no one saw is never passed over.
    _started_over(diary, ("left", {"swelling": True}))
    _old_style(diary, ["2026-11-20:swelling"])
    _pain(diary, START, "right", swelling=True)
    assert store.active(diary, LIBRARY) is None
    (last,) = store.enrolments(diary, LIBRARY)
    assert "new swelling" in (last.reason or "")


def test_a_new_row_keeps_its_entry_keys(diary: Diary) -> None:
    _started_over(diary, ("left", {"swelling": True}))
    (row,) = store.enrolments(diary, LIBRARY)
    assert [k.startswith("pain-entry-") for k in row.stage_changes[0]["cleared_signs"]] == [True]
    assert store.active(diary, LIBRARY) is not None
    _pain(diary, START, "right", swelling=True)  # the other knee, the same day
    assert store.active(diary, LIBRARY) is None
