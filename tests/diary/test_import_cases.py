"""Files read as the device meant (issue 15): each shared case beside one of our own.

`data/` holds the shared cases (described in `data/CASES.md`); our own files of
the same kind are written here, FIT with the `fit-tool` encoder. Every test of
a day runs with the process in three time zones and must give the same diary.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

from kneewise._errors import ImportFileError
from kneewise.diary import Diary, ImportOptions, import_file, list_sessions

DATA = Path(__file__).parent / "data"
FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
ZONES = ("UTC", "Asia/Tokyo", "America/New_York")


@pytest.fixture(params=ZONES)
def machine_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The importing process's own time zone, which must change nothing."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def _ms(moment: dt.datetime) -> int:
    return round(moment.timestamp() * 1000)


def fit_activity(
    start: dt.datetime,
    seconds: float,
    metres: float,
    *,
    offset_hours: float | None = None,
    position: tuple[float, float] | None = None,
    rpe_x10: int | None = None,
    feel: int | None = None,
    sport: Sport = Sport.RUNNING,
) -> bytes:
    """A FIT activity written by fit-tool: file_id, a record, a session and an activity."""
    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.time_created = _ms(start)
    file_id.serial_number = 1
    builder.add(file_id)
    end = start + dt.timedelta(seconds=seconds)
    if position is not None:
        record = RecordMessage()
        record.timestamp = _ms(start)
        record.position_lat, record.position_long = position
        builder.add(record)
    session = SessionMessage()
    session.timestamp, session.start_time = _ms(end), _ms(start)
    session.total_elapsed_time = session.total_timer_time = seconds
    session.total_distance = metres
    session.sport = sport
    if rpe_x10 is not None:
        session.workout_rpe = rpe_x10
    if feel is not None:
        session.workout_feel = feel
    builder.add(session)
    activity = ActivityMessage()
    activity.timestamp = _ms(end)
    activity.num_sessions = 1
    if offset_hours is not None:
        local_end = end + dt.timedelta(hours=offset_hours)
        activity.local_timestamp = int((local_end - FIT_EPOCH).total_seconds())
    builder.add(activity)
    return bytes(builder.build().to_bytes())


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# Kind 2: the activity's local day.


def test_shared_late_run_is_filed_on_its_local_day(diary: Diary, machine_zone: str) -> None:
    import_file(diary, DATA / "run-2330-local-utc+3.fit", options=ImportOptions(rpe=4))
    (run,) = list_sessions(diary)
    assert (run.date, run.start_time) == (dt.date(2026, 11, 20), dt.time(23, 30))


@pytest.mark.parametrize(
    ("utc_start", "offset", "local_day", "local_start"),
    [
        # Just after local midnight west of UTC: still the previous day in UTC's terms.
        (dt.datetime(2025, 3, 2, 4, 15, tzinfo=dt.UTC), -5, dt.date(2025, 3, 1), dt.time(23, 15)),
        # Nepal's quarter-hour offset, just after local midnight: the next day there.
        (
            dt.datetime(2025, 6, 9, 18, 30, tzinfo=dt.UTC),
            5.75,
            dt.date(2025, 6, 10),
            dt.time(0, 15),
        ),
    ],
)
def test_own_fit_uses_the_devices_local_time(
    diary: Diary,
    tmp_path: Path,
    machine_zone: str,
    utc_start: dt.datetime,
    offset: float,
    local_day: dt.date,
    local_start: dt.time,
) -> None:
    data = fit_activity(utc_start, 3000, 8000, offset_hours=offset)
    import_file(diary, write(tmp_path, "late.fit", data), options=ImportOptions(rpe=5))
    (run,) = list_sessions(diary)
    assert (run.date, run.start_time) == (local_day, local_start)


def test_fit_without_local_time_takes_the_zone_at_its_first_position(
    diary: Diary, tmp_path: Path, machine_zone: str
) -> None:
    # 22:40 UTC in Tokyo (UTC+9, no daylight saving) is 07:40 the next morning.
    start = dt.datetime(2025, 1, 14, 22, 40, tzinfo=dt.UTC)
    data = fit_activity(start, 1800, 5000, position=(35.68, 139.69))
    import_file(diary, write(tmp_path, "tokyo.fit", data), options=ImportOptions(rpe=3))
    (run,) = list_sessions(diary)
    assert (run.date, run.start_time) == (dt.date(2025, 1, 15), dt.time(7, 40))


def test_a_file_that_does_not_say_where_needs_tz(diary: Diary, tmp_path: Path) -> None:
    path = write(
        tmp_path, "bare.fit", fit_activity(dt.datetime(2025, 1, 5, 23, 0, tzinfo=dt.UTC), 600, 0)
    )
    with pytest.raises(ImportFileError, match=r"say where you were with --tz \(e\.g\. --tz"):
        import_file(diary, path)
    with pytest.raises(ImportFileError, match="--tz 'Mars/Olympus' is not a time zone"):
        import_file(diary, path, options=ImportOptions(tz="Mars/Olympus"))
    with pytest.raises(ImportFileError, match="--tz 'Mars/Olympus' is not a time zone"):
        # Refused even for a file that says its own local time.
        import_file(diary, DATA / "same-run.fit", options=ImportOptions(tz="Mars/Olympus"))
    import_file(diary, path, options=ImportOptions(tz="Australia/Sydney", rpe=2))
    (run,) = list_sessions(diary)
    assert (run.date, run.start_time) == (dt.date(2025, 1, 6), dt.time(10, 0))  # UTC+11 in January


def test_gpx_day_is_the_local_day_where_the_track_starts(
    diary: Diary, tmp_path: Path, machine_zone: str
) -> None:
    # Los Angeles in July is UTC-7: 03:30 UTC is 20:30 the evening before.
    text = (
        '<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'
        "<trk><type>running</type><trkseg>"
        '<trkpt lat="34.05" lon="-118.25"><time>2025-07-04T03:30:00Z</time></trkpt>'
        '<trkpt lat="34.06" lon="-118.25"><time>2025-07-04T04:10:00Z</time></trkpt>'
        "</trkseg></trk></gpx>"
    )
    import_file(diary, write(tmp_path, "la.gpx", text), options=ImportOptions(rpe=5))
    (run,) = list_sessions(diary)
    assert (run.date, run.start_time, run.duration_min) == (
        dt.date(2025, 7, 3),
        dt.time(20, 30),
        40,
    )


STRAVA_NEW = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Commute,Elapsed Time,Moving Time,Distance,Perceived Exertion\n"
)


def test_strava_times_are_utc_and_need_the_persons_zone(
    diary: Diary, tmp_path: Path, machine_zone: str
) -> None:
    text = STRAVA_NEW + '9,"Mar 3, 2025, 11:45:00 PM",Late,Run,,1800,5.0,false,1800,1700,5000,5\n'
    path = write(tmp_path, "activities.csv", text)
    with pytest.raises(ImportFileError, match=r"Strava's activities\.csv gives times in UTC"):
        import_file(diary, path)
    assert list_sessions(diary) == []
    import_file(diary, path, options=ImportOptions(tz="Asia/Kolkata"))  # UTC+5:30
    (run,) = list_sessions(diary)
    assert (run.date, run.start_time) == (dt.date(2025, 3, 4), dt.time(5, 15))


# Kind 4: duplicates by meaning.


def test_shared_same_run_from_watch_and_strava_is_one_session(diary: Diary) -> None:
    import_file(diary, DATA / "same-run.fit")
    report = import_file(diary, DATA / "same-run-strava.csv", options=ImportOptions(tz="UTC"))
    (run,) = list_sessions(diary)
    assert (report.sessions_added, report.sessions_updated) == (0, 1)
    assert run.rpe == 6  # from Strava
    assert run.distance_km == pytest.approx(7.612)  # kept from the watch
    assert run.duration_min == 42


def test_own_same_ride_strava_first_then_watch_keeps_both_values(
    diary: Diary, tmp_path: Path
) -> None:
    # A ride in Berlin (UTC+1 in February): Strava gives moving time, the watch elapsed time.
    strava = (
        STRAVA_NEW + '5,"Feb 8, 2025, 8:00:05 AM",Ride,Ride,,4200,30.1,false,4200,3660,30100,\n'
    )
    import_file(
        diary,
        write(tmp_path, "activities.csv", strava),
        options=ImportOptions(tz="Europe/Berlin", rpe=5),
    )
    watch = fit_activity(
        dt.datetime(2025, 2, 8, 8, 0, tzinfo=dt.UTC), 4200, 30112, offset_hours=1, rpe_x10=60,
        feel=0, sport=Sport.CYCLING,
    )  # fmt: skip
    report = import_file(diary, write(tmp_path, "ride.fit", watch))
    (ride,) = list_sessions(diary)
    assert report.sessions_added == 0
    assert ride.start_time == dt.time(9, 0, 5)
    # The RPE given on the first import is kept and the difference is said.
    assert ride.rpe == 5
    assert any("kept the RPE 5" in note and "--rpe 6" in note for note in report.notes)
    assert ride.notes == "Ride; felt very weak (watch)"  # both sources' words kept
    assert (
        f"{ride.date} cycling: the same session was already in the diary; added "
        in (report.notes[-1])
    )


def test_shared_two_equal_runs_without_times_are_both_kept_and_named(diary: Diary) -> None:
    report = import_file(diary, DATA / "two-identical-runs-one-day.csv")
    assert report.sessions_added == 2
    ids = [s.id for s in list_sessions(diary)]
    (note,) = report.notes
    assert "look the same" in note and f"kneewise delete --session {ids[-1]}" in note
    again = import_file(diary, DATA / "two-identical-runs-one-day.csv")
    assert (again.sessions_added, again.duplicates) == (0, 2)


def test_own_equal_swims_one_already_in_the_diary(diary: Diary, tmp_path: Path) -> None:
    one = "date,activity,duration_min,rpe\n2025-05-05,swimming,25,4\n"
    import_file(diary, write(tmp_path, "one.csv", one))
    two = one + "2025-05-05,swimming,25,4\n"
    report = import_file(diary, write(tmp_path, "two.csv", two))
    # One row is the stored swim; the other is a second swim that day, kept and named.
    assert (report.sessions_added, report.duplicates) == (1, 1)
    stored, kept = list_sessions(diary)
    (note,) = report.notes
    assert f"(ids {stored.id}, {kept.id})" in note
    assert note.endswith(f"kneewise delete --session {kept.id}")


def test_reimport_with_a_corrected_rpe_updates(diary: Diary, tmp_path: Path) -> None:
    path = DATA / "ultra-26h.gpx"
    import_file(diary, path, options=ImportOptions(rpe=6))
    report = import_file(diary, path, options=ImportOptions(rpe=8))
    (ultra,) = list_sessions(diary)
    assert (report.sessions_updated, ultra.rpe) == (1, 8)
    assert any("RPE corrected from 6 to 8" in note for note in report.notes)


# Kind 6: bounds that fit real sport.


def test_shared_rest_day_and_ultra_are_sessions(diary: Diary) -> None:
    import_file(diary, DATA / "rest-day-0-min.csv")
    import_file(diary, DATA / "ultra-26h.gpx", options=ImportOptions(rpe=7))
    ultra, rest = list_sessions(diary)  # oldest first: the ultra was on the 14th
    assert (rest.duration_min, rest.rpe) == (0, 0)
    assert ultra.duration_min == 26 * 60
    assert ultra.date == dt.date(2026, 11, 14)  # 10:00 UTC is 11:00 in the Swiss Alps


def test_own_stage_race_and_a_week_bound(diary: Diary, tmp_path: Path) -> None:
    text = "date,activity,duration_min,rpe\n2025-08-01,cycling,3000,6\n2025-08-09,cycling,10081,6\n"
    with pytest.raises(ImportFileError, match=r"duration_min must be minutes, from 0 .* to 10080"):
        import_file(diary, write(tmp_path, "race.csv", text))
    import_file(
        diary, write(tmp_path, "ok.csv", text.splitlines()[0] + "\n" + text.splitlines()[1])
    )
    assert list_sessions(diary)[0].duration_min == 3000


# Kind 1: effort from the device.


def test_shared_garmin_rpe_and_feel(diary: Diary) -> None:
    import_file(diary, DATA / "garmin-rpe-field193.fit")
    (run,) = list_sessions(diary)
    assert run.rpe == 7
    assert run.notes == "felt normal (watch)"


@pytest.mark.parametrize(
    ("stored", "rpe", "felt"),
    [(35, 3.5, "felt strong (watch)"), (100, 10, "felt very weak (watch)")],
)
def test_own_garmin_rpe_values(
    diary: Diary, tmp_path: Path, stored: int, rpe: float, felt: str
) -> None:
    feel = 75 if rpe < 5 else 0
    data = fit_activity(
        dt.datetime(2025, 4, 1, 6, 0, tzinfo=dt.UTC),
        2400,
        6000,
        offset_hours=2,
        rpe_x10=stored,
        feel=feel,
    )
    import_file(diary, write(tmp_path, "rpe.fit", data))
    (run,) = list_sessions(diary)
    assert (run.rpe, run.notes) == (rpe, felt)


# Kind 3: Strava's export generations and languages.


def test_shared_2018_export_reads_metres(diary: Diary) -> None:
    import_file(diary, DATA / "strava-2018-metres-swim.csv", options=ImportOptions(tz="UTC"))
    (swim,) = list_sessions(diary)
    assert (swim.activity, swim.distance_km) == ("swimming", 0.75)


def test_own_2018_export_of_a_10k_run(diary: Diary, tmp_path: Path) -> None:
    header = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
        "Elapsed Time,Distance,Commute,Activity Gear,Filename\n"
    )
    row = '77,"Oct 2, 2017, 5:30:00 PM",Evening,Run,,3000,10000.0,false,,activities/77.gpx.gz\n'
    import_file(
        diary, write(tmp_path, "activities.csv", header + row), options=ImportOptions(tz="UTC")
    )
    (run,) = list_sessions(diary)
    assert (run.distance_km, run.duration_min) == (10, 50)


def test_a_single_distance_column_of_unknown_unit_is_refused(diary: Diary, tmp_path: Path) -> None:
    header = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Moving Time\n"
    )
    row = '1,"Oct 2, 2021, 5:30:00 PM",Run,Run,3000,10.0,2900\n'
    with pytest.raises(ImportFileError, match=r"one Distance column.*unit \(metres, km or miles\)"):
        import_file(
            diary, write(tmp_path, "activities.csv", header + row), options=ImportOptions(tz="UTC")
        )


def test_shared_german_export_is_recognised(diary: Diary) -> None:
    report = import_file(
        diary, DATA / "strava-german-headers.csv", options=ImportOptions(tz="Europe/Berlin")
    )
    assert report.format == "strava"
    (run,) = list_sessions(diary)
    assert (run.activity, run.distance_km, run.duration_min, run.rpe) == ("running", 10.023, 50, 6)
    assert (run.date, run.start_time) == (dt.date(2018, 9, 12), dt.time(17, 2, 23))


def test_own_export_in_another_language_is_refused_naming_it(diary: Diary, tmp_path: Path) -> None:
    text = (
        "ID de l'activité,Date de l'activité,Nom de l'activité,Type d'activité,Durée,"
        "Nom du fichier\n"
        '3,"12 sept. 2018, 15:02:23",Course,Course,3120,activities/3.fit.gz\n'
    )
    with pytest.raises(ImportFileError, match="a Strava export in another language"):
        import_file(diary, write(tmp_path, "activities.csv", text), options=ImportOptions(tz="UTC"))


def test_a_run_already_today_east_of_the_server_is_not_the_future(
    diary: Diary, tmp_path: Path
) -> None:
    # An hour ago in Kiribati (UTC+14) may already be tomorrow on a server in UTC.
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)
    data = fit_activity(start, 1200, 3000, offset_hours=14)
    import_file(diary, write(tmp_path, "kiribati.fit", data), options=ImportOptions(rpe=3))
    (run,) = list_sessions(diary)
    assert run.date == (start + dt.timedelta(hours=14)).date()


def test_a_hand_logged_run_and_the_watch_file_are_named(diary: Diary, tmp_path: Path) -> None:
    # Logged by hand without a start time, then the watch's file of (perhaps) the same run.
    by_hand = "date,activity,duration_min,rpe\n2026-11-24,running,40,6\n"
    import_file(diary, write(tmp_path, "hand.csv", by_hand))
    report = import_file(diary, DATA / "same-run.fit")
    # (SQLite and PostgreSQL sort a missing start time differently.)
    hand, watch = sorted(list_sessions(diary), key=lambda s: s.start_time is not None)
    assert report.sessions_added == 1
    (note,) = report.notes
    assert f"session {watch.id} (42 min at 06:00:00) may be session {hand.id}" in note
    assert note.endswith(f"kneewise delete --session {hand.id}")
