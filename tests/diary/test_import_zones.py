"""Strava's activities imported again with another --tz are the same sessions.

Cases: strava_zone_cases.yaml, on SQLite and PostgreSQL. Strava's Activity ID is
kept with each session (migration 0009); a session imported before it was kept
is named as perhaps the same, never merged on a guess.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import update

from kneewise.diary import Diary, ImportOptions, import_file, list_sessions
from kneewise.diary.models import TrainingSession

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "strava_zone_cases.yaml").read_text()
)
HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Commute,Elapsed Time,Moving Time,Distance,Perceived Exertion\n"
)


def strava_file(folder: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    """An activities.csv of Strava's 2019+ layout with these activities."""
    lines = []
    for row in rows:
        moment = dt.datetime.fromisoformat(row["utc"])
        when = moment.strftime("%b %d, %Y, %I:%M:%S %p")
        km = row["metres"] / 1000
        lines.append(
            f'{row["id"]},"{when}",{row["type"]} {row["id"]},{row["type"]},,{row["seconds"]},'
            f"{km},false,{row['seconds']},{row['seconds']},{row['metres']},5\n"
        )
    path = folder / name
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def local(row: dict[str, Any], zone: str) -> tuple[dt.date, dt.time]:
    moment = dt.datetime.fromisoformat(row["utc"]).replace(tzinfo=dt.UTC)
    there = moment.astimezone(ZoneInfo(zone))
    return there.date(), there.time()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_a_reimport_in_another_zone_adds_nothing_twice(
    diary: Diary, tmp_path: Path, case: dict[str, Any]
) -> None:
    rows, more = case["rows"], case.get("more", [])
    first = strava_file(tmp_path, "first.csv", rows)
    import_file(diary, first, options=ImportOptions(tz=case["first"]))
    second = strava_file(tmp_path, "second.csv", rows + more)
    report = import_file(diary, second, options=ImportOptions(tz=case["second"]))

    sessions = list_sessions(diary)
    assert len(sessions) == len(rows) + len(more)
    assert report.sessions_added == len(more)
    assert report.duplicates + report.sessions_updated == len(rows)
    kept = {(s.date, s.start_time) for s in sessions}
    for row in rows:  # where the first import filed it
        assert local(row, case["first"]) in kept
    for row in more:
        assert local(row, case["second"]) in kept
    moved = [row for row in rows if local(row, case["first"]) != local(row, case["second"])]
    said = " ".join(report.notes)
    if moved:
        assert f"{len(moved)} activit" in said and "another time zone (--tz)" in said
        for row in moved:
            date, time = local(row, case["second"])
            assert f"{date} {time:%H:%M}" in said
    else:
        assert "another time zone" not in said


def test_a_session_imported_before_ids_were_kept_is_named_not_merged(
    diary: Diary, tmp_path: Path
) -> None:
    rows = [{"id": 4242, "utc": "2025-02-14 06:12:09", "type": "Run", "seconds": 2400,
             "metres": 6500}]  # fmt: skip
    import_file(diary, strava_file(tmp_path, "a.csv", rows), options=ImportOptions(tz="UTC"))
    with diary.transaction() as session:  # as a diary imported before migration 0009 holds it
        session.execute(update(TrainingSession).values(source_activity_id=None))
    report = import_file(
        diary, strava_file(tmp_path, "b.csv", rows), options=ImportOptions(tz="Asia/Tokyo")
    )
    old, new = sorted(list_sessions(diary), key=lambda s: s.id or 0)
    assert report.sessions_added == 1  # nothing tells for sure: kept, and said
    assert any(
        f"session {new.id}" in note
        and f"may be session {old.id}" in note
        and f"kneewise delete --session {old.id}" in note
        for note in report.notes
    ), report.notes


def test_an_older_session_found_by_its_time_learns_its_id(diary: Diary, tmp_path: Path) -> None:
    rows = [{"id": 9090, "utc": "2025-09-21 16:40:05", "type": "Ride", "seconds": 4000,
             "metres": 31000}]  # fmt: skip
    path = strava_file(tmp_path, "a.csv", rows)
    import_file(diary, path, options=ImportOptions(tz="Europe/Madrid"))
    with diary.transaction() as session:  # as a diary imported before migration 0009 holds it
        session.execute(update(TrainingSession).values(source_activity_id=None))
    again = import_file(diary, path, options=ImportOptions(tz="Europe/Madrid"))
    assert (again.sessions_added, again.duplicates) == (0, 1)  # the same time: the same one
    elsewhere = import_file(diary, path, options=ImportOptions(tz="America/Chicago"))
    assert elsewhere.sessions_added == 0  # found by the id it learnt
    assert len(list_sessions(diary)) == 1
