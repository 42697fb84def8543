"""Importing each format: good files, bad rows by line, duplicates, all-or-nothing."""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gpxpy.gpx
import pytest

from kneewise._errors import ImportFileError
from kneewise.diary import (
    Diary,
    ImportOptions,
    count_records,
    import_file,
    list_pain_entries,
    list_sessions,
)
from kneewise.diary.importers import detect_format

EXAMPLES = Path(__file__).parents[2] / "examples" / "diary"
NOON = dt.time(12, 0)
# The hand-written FIT and Strava files here say no local time: the test states UTC.
UTC = ImportOptions(tz="UTC")

DIARY_CSV = """\
record,date,activity,duration_min,rpe,distance_km,start_time,exercises,notes,knee,during,after,next_morning,location,swelling,night_pain,stiffness_min
session,2024-05-01,running,45,6,8.2,07:30,,easy run,,,,,,,,
session,2024-05-02,Weight Training,60,7,,,squat:3x8@60;lunge:3x10,"legs, heavy",,,,,,,,
pain,2024-05-01,,,,,,,,right,3,4,2,kneecap;inner,no,no,10
"""

STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,"
    "Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,"
    "Perceived Exertion"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def strava_row(
    activity_id: int, when: str, kind: str, seconds: int, metres: float, effort: str = ""
) -> str:
    return (
        f'{activity_id},"{when}",Morning {kind},{kind},"two\nlines",{seconds},'
        f"{metres / 1000:.2f},150,20,false,,,activities/{activity_id}.fit.gz,,,"
        f"{seconds},{seconds - 60},{metres},4.2,{effort}"
    )


def gpx_text(tracks: list[dict[str, Any]]) -> str:
    document = gpxpy.gpx.GPX()
    for spec in tracks:
        track = gpxpy.gpx.GPXTrack(name=spec.get("name"))
        track.type = spec.get("type")
        segment = gpxpy.gpx.GPXTrackSegment()
        start = spec.get("start")
        for minute in range(spec.get("minutes", 30) + 1):
            moment = None if start is None else start + dt.timedelta(minutes=minute)
            # About 0.0018° of latitude per minute is ~200 m: 6 km in 30 minutes.
            segment.points.append(
                gpxpy.gpx.GPXTrackPoint(52.0 + minute * 0.0018, 13.0, time=moment)
            )
        track.segments.append(segment)
        document.tracks.append(track)
    return document.to_xml()


def utc_noon(day: int) -> dt.datetime:
    return dt.datetime(2024, 5, day, 12, 0, tzinfo=dt.UTC)


def test_diary_csv_is_imported(diary: Diary, tmp_path: Path) -> None:
    report = import_file(diary, write(tmp_path, "diary.csv", DIARY_CSV))
    assert (report.format, report.sessions_added, report.pain_entries_added) == ("csv", 2, 1)
    run, lift = list_sessions(diary)
    assert (run.activity, run.distance_km, run.start_time, run.notes) == (
        "running",
        8.2,
        dt.time(7, 30),
        "easy run",
    )
    assert lift.activity == "weight_training"
    assert [e.name for e in lift.exercises] == ["squat", "lunge"]
    assert lift.notes == "legs, heavy"
    (entry,) = list_pain_entries(diary)
    assert (entry.during, entry.after, entry.next_morning) == (3, 4, 2)
    assert (entry.location, entry.swelling, entry.stiffness_min) == (
        ("kneecap", "inner"),
        False,
        10,
    )


def test_bad_rows_are_reported_by_line_and_nothing_is_saved(diary: Diary, tmp_path: Path) -> None:
    text = (
        "date,activity,duration_min,rpe\n"
        "2024-05-01,running,45,6\n"
        "2024-05-02,running,-5,6\n"
        "\n"
        "2024-05-03,running,30,eleven\n"
        "2024-13-01,running,30,5\n"
        "2024-05-04,squat:3by8,30,5\n"
    )
    with pytest.raises(ImportFileError) as caught:
        import_file(diary, write(tmp_path, "sessions.csv", text))
    where = [problem.where for problem in caught.value.problems]
    assert where == ["line 3", "line 5", "line 6", "line 7"]
    assert "duration_min must be minutes, from 0 (a logged rest day)" in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert set(count_records(diary).values()) == {0}


def test_line_numbers_count_lines_inside_quoted_cells(diary: Diary, tmp_path: Path) -> None:
    text = 'date,activity,duration_min,notes\n2024-05-01,running,45,"one\ntwo"\n2024-05-02,,30,\n'
    with pytest.raises(ImportFileError) as caught:
        import_file(diary, write(tmp_path, "s.csv", text))
    assert [p.where for p in caught.value.problems] == ["line 4"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("date,activity,pace\n", "unknown column(s) pace; allowed are record,date"),
        ("activity,duration_min\n", "needs a date column"),
        ("date,activity,knee\n", "add a `record` column"),
    ],
)
def test_a_bad_header_is_explained(diary: Diary, tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_file(diary, write(tmp_path, "x.csv", text), "csv")


def test_cells_of_the_other_record_kind_are_refused(diary: Diary, tmp_path: Path) -> None:
    text = "record,date,activity,duration_min,knee,during\nsession,2024-05-01,running,30,,3\n"
    with pytest.raises(ImportFileError, match="line 2: during cannot be filled in on a session"):
        import_file(diary, write(tmp_path, "x.csv", text))


def test_duplicates_are_skipped_and_counted(diary: Diary, tmp_path: Path) -> None:
    path = write(tmp_path, "diary.csv", DIARY_CSV)
    import_file(diary, path)
    again = import_file(diary, path)
    assert (again.added, again.duplicates) == (0, 3)
    doubled = DIARY_CSV + DIARY_CSV.splitlines()[1] + "\n"
    within = import_file(diary, write(tmp_path, "doubled.csv", doubled))
    assert (within.added, within.duplicates) == (0, 4)
    assert count_records(diary)["training_session"] == 2


def test_rpe_option_fills_missing_rpe(diary: Diary, tmp_path: Path) -> None:
    text = "date,activity,duration_min,rpe\n2024-05-01,running,45,\n2024-05-02,running,30,3\n"
    import_file(diary, write(tmp_path, "s.csv", text), options=ImportOptions(rpe=5))
    assert [s.rpe for s in list_sessions(diary)] == [5, 3]


def test_strava_activities_csv(diary: Diary, tmp_path: Path) -> None:
    rows = [
        strava_row(101, "May 1, 2024, 12:00:00 PM", "Run", 2760, 8012.5, effort="6.0"),
        strava_row(102, "May 2, 2024, 12:00:00 PM", "Ride", 3660, 30000),
        strava_row(103, "May 3, 2024, 12:00:00 PM", "Yoga", 1860, 0),
    ]
    path = write(tmp_path, "activities.csv", "\n".join([STRAVA_HEADER, *rows]) + "\n")
    report = import_file(diary, path, options=UTC)
    assert (report.format, report.sessions_added) == ("strava", 3)
    run, ride, yoga = list_sessions(diary)
    assert (run.activity, run.duration_min, run.distance_km, run.rpe) == ("running", 45, 8.012, 6)
    assert (ride.activity, ride.rpe, ride.notes) == ("cycling", None, "Morning Ride")
    assert yoga.activity == "yoga"
    assert run.date == dt.date(2024, 5, 1)
    assert import_file(diary, path, options=UTC).duplicates == 3


def test_strava_bad_dates_are_reported_by_line(diary: Diary, tmp_path: Path) -> None:
    rows = [
        strava_row(1, "May 1, 2024, 12:00:00 PM", "Run", 600, 1000),
        strava_row(2, "yesterday-ish", "Run", 600, 1000),
    ]
    path = write(tmp_path, "activities.csv", "\n".join([STRAVA_HEADER, *rows]) + "\n")
    # The first row's description spans two lines, so the second row starts on line 4.
    with pytest.raises(ImportFileError, match="line 4: Activity Date 'yesterday-ish'"):
        import_file(diary, path, options=UTC)
    assert list_sessions(diary) == []


def test_gpx_tracks_become_sessions(diary: Diary, tmp_path: Path) -> None:
    text = gpx_text(
        [
            {"start": utc_noon(1), "type": "running", "name": "Park"},
            {"start": utc_noon(2), "type": "9", "minutes": 10},
        ]
    )
    report = import_file(diary, write(tmp_path, "run.gpx", text), options=ImportOptions(rpe=4))
    assert (report.format, report.sessions_added) == ("gpx", 2)
    park, short = list_sessions(diary)
    assert (park.activity, park.duration_min, park.rpe, park.notes) == ("running", 30, 4, "Park")
    assert park.distance_km == pytest.approx(6.0, rel=0.02)
    assert (short.activity, short.duration_min) == ("running", 10)


def test_gpx_without_type_or_times_is_refused(diary: Diary, tmp_path: Path) -> None:
    text = gpx_text([{"start": utc_noon(1)}, {"start": None, "type": "running"}])
    with pytest.raises(ImportFileError) as caught:
        import_file(diary, write(tmp_path, "x.gpx", text))
    assert [str(p) for p in caught.value.problems] == [
        "track 1: it has no <type>; say what it was with --activity, e.g. running",
        "track 2: its points have no <time>, so no duration",
    ]
    report = import_file(
        diary,
        write(tmp_path, "y.gpx", gpx_text([{"start": utc_noon(1)}])),
        options=ImportOptions(activity="hiking"),
    )
    assert report.sessions_added == 1
    assert list_sessions(diary)[0].activity == "hiking"


def test_malformed_gpx_is_a_clear_error(diary: Diary, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="this file is not a valid GPX file"):
        import_file(diary, write(tmp_path, "x.gpx", "<gpx><trk>"))


def test_fit_sessions_are_imported(
    diary: Diary, tmp_path: Path, fit_file: Callable[..., bytes], fit_session: Any
) -> None:
    data = fit_file(
        [
            fit_session(utc_noon(1), 2700, 8012.5),
            fit_session(utc_noon(2), 1800, 0, "training", "strength_training"),
        ]
    )
    report = import_file(diary, write(tmp_path, "activity.fit", data), options=UTC)
    assert (report.format, report.sessions_added) == ("fit", 2)
    run, strength = list_sessions(diary)
    assert (run.activity, run.duration_min, run.distance_km, run.source) == (
        "running",
        45,
        8.012,
        "fit",
    )
    assert (strength.activity, strength.duration_min) == ("weightlifting", 30)


def test_generic_fit_sport_needs_an_activity(
    diary: Diary, tmp_path: Path, fit_file: Callable[..., bytes], fit_session: Any
) -> None:
    path = write(tmp_path, "a.fit", fit_file([fit_session(utc_noon(1), 600, 0, "generic")]))
    with pytest.raises(ImportFileError, match="session 1: its sport is generic"):
        import_file(diary, path, options=UTC)
    import_file(diary, path, options=ImportOptions(activity="rowing", tz="UTC"))
    assert list_sessions(diary)[0].activity == "rowing"


def test_corrupt_fit_is_a_clear_error(
    diary: Diary, tmp_path: Path, fit_file: Callable[..., bytes], fit_session: Any
) -> None:
    data = bytearray(fit_file([fit_session(utc_noon(1), 600, 0)]))
    data[20] ^= 0xFF  # breaks the file's CRC
    with pytest.raises(ImportFileError, match="this file is not a valid FIT file"):
        import_file(diary, write(tmp_path, "a.fit", bytes(data)))
    with pytest.raises(ImportFileError, match="no session summary"):
        import_file(diary, write(tmp_path, "b.fit", fit_file([])))


def test_gzip_files_are_read(diary: Diary, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "run.gpx.gz",
        gzip.compress(gpx_text([{"start": utc_noon(1), "type": "running"}]).encode()),
    )
    assert import_file(diary, path).sessions_added == 1


def test_formats_are_detected(
    tmp_path: Path, fit_file: Callable[..., bytes], fit_session: Any
) -> None:
    fit_bytes = fit_file([fit_session(utc_noon(1), 600, 0)])
    assert detect_format(Path("a.FIT"), fit_bytes) == "fit"
    assert detect_format(Path("download"), fit_bytes) == "fit"
    assert detect_format(Path("download"), b"<?xml version='1.0'?><gpx/>") == "gpx"
    assert detect_format(Path("activities.csv"), STRAVA_HEADER.encode()) == "strava"
    assert detect_format(Path("mine.csv"), DIARY_CSV.encode()) == "csv"


def test_unreadable_files_are_clear_errors(diary: Diary, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        import_file(diary, tmp_path / "missing.csv")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        import_file(
            diary,
            write(tmp_path, "latin.csv", "date,activity\n2024-05-01,caf\xe9\n".encode("latin-1")),
        )
    with pytest.raises(ImportFileError, match="unknown format 'tcx'"):
        import_file(diary, write(tmp_path, "a.csv", DIARY_CSV), "tcx")


def test_a_crash_while_saving_commits_nothing(diary: Diary, tmp_path: Path) -> None:
    # 1,200 distinct sessions: the duration differs, so none is a duplicate.
    rows = [f"2024-05-01,running,{minutes},5" for minutes in range(1, 1201)]
    text = "date,activity,duration_min,rpe\n" + "\n".join(rows) + "\n"

    def die_while_saving(stage: str, done: int, total: int) -> None:
        if stage == "saving" and done >= 500:
            raise KeyboardInterrupt  # the person presses Ctrl-C half-way

    with pytest.raises(KeyboardInterrupt):
        import_file(diary, write(tmp_path, "big.csv", text), progress=die_while_saving)
    assert count_records(diary)["training_session"] == 0
    seen: list[tuple[str, int, int]] = []
    report = import_file(diary, tmp_path / "big.csv", progress=lambda *a: seen.append(a))
    assert report.sessions_added == 1200
    assert ("saving", 1200, 1200) in seen
    assert ("checking", 1200, 1200) in seen


@pytest.mark.parametrize("name", ["diary.csv", "activities.csv", "run.gpx", "run.fit"])
def test_the_examples_import(diary: Diary, name: str) -> None:
    report = import_file(diary, EXAMPLES / name, options=ImportOptions(rpe=5, tz="UTC"))
    assert report.added > 0
    assert report.duplicates == 0
