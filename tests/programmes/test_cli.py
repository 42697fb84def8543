"""`kneewise programme …` in-process on a SQLite diary in a temporary folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from kneewise import INTAKE_FIELDS, Intake, assess, load_knowledge, parse_intake
from kneewise.cli import app
from kneewise.diary import list_sessions, open_diary, save_assessment
from kneewise.evaluation import load_vignettes
from kneewise.intake import INTAKE_V2
from kneewise.programmes.choose import offer
from kneewise.programmes.load import load_library

runner = CliRunner()
VIGNETTES = load_vignettes(Path(__file__).parents[1] / "vignettes")
KB = load_knowledge()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["programme", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _all_asked(intake: Intake) -> Intake:
    """The intake with every open warning-sign question answered the reassuring way.

    Vignettes give only what their story tells; a finished interview asks these
    (a serious rule left open withholds any programme, tests/programmes/test_choose.py).
    """
    answer = assess(intake, KB)
    fields = dict(intake.known())
    for rule in answer.triage.not_ruled_out():
        for name in rule.fields:
            spec = INTAKE_FIELDS[name]
            if spec.kind == "bool":
                fields[name] = name.startswith(("can_", "walked_"))
            elif spec.kind == "choice" and "none" in spec.choices:
                fields[name] = "none"
    return parse_intake(fields, schema=INTAKE_V2)


def _save_first(predicate: str) -> str:
    """Save the assessment of the first vignette matching `predicate`; its offer's programme id."""
    library = load_library()
    for vignette in VIGNETTES:
        intake = vignette.intake if predicate == "serious" else _all_asked(vignette.intake)
        answer = assess(intake, KB)
        chosen = offer(answer, library)
        serious = answer.triage.level in ("urgent", "emergency")
        # "offered": a programme that starts without a clinician's word (not diagnosis_first).
        if (predicate == "serious" and serious) or (
            predicate == "offered"
            and chosen.programme is not None
            and chosen.programme.diagnosis_first is None
        ):
            save_assessment(open_diary(), intake.known(), answer.to_json_dict())
            return chosen.programme.id if chosen.programme else ""
    raise AssertionError(f"no vignette is {predicate}")


def test_list_and_show_use_plain_names_and_cite_sources() -> None:
    code, out, _ = run("list")
    assert code == 0 and "patellar-tendinopathy" in out and "(4 stages)" in out
    code, out, _ = run("show", "Patellar-Tendinopathy")
    assert code == 0
    assert "Kongsgaard 2009" in out and "Stage 2: Heavy slow strength" in out
    assert "https://doi.org/10.1111/j.1600-0838.2009.00949.x" in out
    assert "Note:" in out  # where sources disagree
    said = " ".join(out.split())  # the console wraps at the terminal's width
    assert "Where each number is in its source:" in said
    # A figure read only in another paper's report of it says so, with what was found.
    assert "Kongsgaard 2009 (read second-hand)" in said
    assert "read only in another publication's report of it:" in said
    code, out, _ = run("show", "spanish_squat")
    assert code == 0 and "How to do it:" in out and "Easier: Wall sit (wall-sit)" in out


def test_an_unknown_programme_is_named_with_the_choices() -> None:
    code, _, err = run("show", "yoga_for_knees")
    assert code == 2 and "no programme 'yoga_for_knees'" in err and "general-knee" in err


def test_start_without_an_id_or_an_assessment_says_what_to_do() -> None:
    code, _, err = run("start")
    said = " ".join(err.split())  # the console wraps at the terminal's width
    assert code == 2 and "kneewise programme list" in said and "kneewise assess --save" in said


def test_start_is_refused_after_an_urgent_assessment_until_cleared() -> None:
    _save_first("serious")
    code, _, err = run("start", "general_knee")
    assert code == 2 and "needs to be seen by a doctor" in err and "--cleared" in err
    code, out, _ = run("start", "general_knee", "--cleared")
    assert code == 0 and "Started General knee strength" in out


def test_start_from_the_saved_assessment_then_log_and_follow_the_status(data_dir: Path) -> None:
    expected = _save_first("offered")
    code, out, _ = run("start", "--date", "-2")
    programme = load_library().programmes[expected]
    assert code == 0 and f"Started {programme.name}" in out
    code, out, _ = run("today")
    assert code == 0 and "stage 1 of" in out and "kneewise programme show" in out
    code, out, _ = run("done", "--date", "-2", "--during", "2", "--after", "1", "--rpe", "3")
    assert code == 0 and "Logged" in out and "Stay at" in out
    code, out, _ = run("done", "--date", "-2", "--morning", "1")
    assert code == 0
    (training,) = list_sessions(open_diary())
    assert training.activity == "knee_programme" and training.rpe == 3
    code, out, _ = run("status")
    assert code == 0 and "Week 1" in out and "1 of" in out
    code, out, _ = run("done", "--flag", "night pain", "--status", "partly", "--minutes", "5")
    said = " ".join(out.split())
    assert code == 0 and "Your programme has been stopped: you logged pain at night" in said
    assert "See a doctor or physiotherapist" in said and "Stop the programme" not in said
    assert "NICE CKS 2022" in said
    code, out, _ = run("status")
    assert code == 0 and "stopped" in out
    assert "Stop the programme" not in " ".join(out.split())


def test_calendar_writes_an_ics_file_in_the_persons_time_zone(
    today: dt.date, tmp_path: Path
) -> None:
    run("start", "knee_osteoarthritis")
    target = tmp_path / "plan.ics"
    code, out, _ = run("calendar", "-o", str(target), "--time", "7:30", "--time-zone", "Asia/Tokyo")
    assert code == 0 and "Wrote" in out
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    first = events[0].decoded("DTSTART")
    assert first.date() == today and first.time() == dt.time(7, 30)
    assert str(first.tzinfo) == "Asia/Tokyo"


def test_calendar_without_a_time_zone_floats_at_the_clock_hour(tmp_path: Path) -> None:
    run("start", "general_knee")
    target = tmp_path / "plan.ics"
    code, _, _ = run("calendar", "-o", str(target), "--time", "18:15")
    assert code == 0
    text = target.read_text()
    assert "T181500Z" not in text and "TZID" not in text  # no fixed UTC hour (03:15 in Tokyo)
    for event in Calendar.from_ical(text).walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert start.tzinfo is None and start.time() == dt.time(18, 15)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("calendar", "-o", "x.ics", "--time", "25:00"), "time must be HH:MM"),
        (("calendar", "-o", "x.ics", "--time-zone", "Mars/Base"), "unknown time zone"),
        (("done", "--during", "2"), "no programme is in progress"),
        (("stop",), "no programme is in progress"),
        (("today",), "no programme is in progress"),
        (("status",), "no programme started yet"),
    ],
)
def test_mistakes_get_a_plain_message_not_a_traceback(args: tuple[str, ...], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_a_bad_flag_and_a_future_date_are_refused_in_words(today: dt.date) -> None:
    run("start", "general_knee")
    code, _, err = run("done", "--flag", "swollen")
    assert code == 2 and "--flag must be one of swelling, locking, night-pain, fever" in err
    code, _, err = run("done", "--met", "flying")
    assert code == 2 and "--met must be one of basics-easy" in err
    code, out, _ = run("done", "--during", "1", "--met", "basics-easy")
    assert code == 0 and "Logged" in out
    future = (today + dt.timedelta(days=30)).isoformat()
    code, _, err = run("done", "--date", future)
    assert code == 2 and "must not be in the future" in err
