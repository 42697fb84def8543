"""The dashboard and the doctor's PDF show that the programme ended: when, and why, in words.

Under the programme's chart: a warning-sign stop names the signs and the day they were logged
and says the knee needs a doctor's or physiotherapist's check; a stop by the person says so
(with their reason when they gave one); a finished one says it finished. The chart marks the
day with a dashed line and the word. A programme in progress says nothing of an end. The real
app in-process and the real report (PDF text read with pdftotext), real SQLite.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY

from kneewise.diary import Diary, PainEntryRecord, build, log_pain, open_diary
from kneewise.knowledge.load import load_knowledge
from kneewise.programmes import store
from kneewise.programmes.adherence import weeks
from kneewise.programmes.chart import adherence_svg
from kneewise.programmes.ending import ending_words
from kneewise.programmes.load import load_library
from kneewise.programmes.store import Enrolment
from kneewise.report import doctor_report, report_html

LIBRARY = load_library()
SVG = "{http://www.w3.org/2000/svg}"
pytestmark = pytest.mark.usefixtures("today")  # the app's clock held on the run's TODAY


def _start_and_log(client: TestClient, days_ago: int = 10) -> str:
    start = (TODAY - dt.timedelta(days=days_ago)).isoformat()
    assert client.post(
        "/api/v1/programme", json={"programme_id": "general_knee", "date": start}
    ).is_success
    session = {"date": start, "status": "done", "pain_during": 2, "rpe": 3}
    assert client.post("/api/v1/programme/sessions", json=session).is_success
    return start


def _ending(client: TestClient) -> str:
    page = client.get("/dashboard").text
    found = re.search(r'<p class="notice" id="programme-ending"[^>]*>(.*?)</p>', page, re.S)
    return " ".join(found.group(1).split()) if found else ""


@pytest.mark.parametrize(
    ("signs", "words"),
    [
        ({"swelling": True}, "new swelling"),
        ({"night_pain": True}, "pain at night"),
        ({"swelling": True, "night_pain": True}, "new swelling and pain at night"),
    ],
)
def test_dashboard_says_a_warning_sign_stopped_it_which_and_when(
    client: TestClient, signs: dict[str, bool], words: str
) -> None:
    _start_and_log(client)
    sign_day = TODAY - dt.timedelta(days=4)
    body = {"date": sign_day.isoformat(), "knee": "left", **signs}
    assert client.post("/api/v1/pain", json=body).is_success
    said = _ending(client)
    assert said.startswith(f"Stopped on {sign_day:%d %b %Y} because of a warning sign")
    assert f"{words}, logged on {sign_day:%d %b %Y}" in said
    assert "doctor or physiotherapist" in said
    chart = client.get("/dashboard").text
    assert f"stopped {sign_day:%d %b}" in chart  # the mark on the chart


def test_dashboard_says_the_person_stopped_it_with_their_reason(client: TestClient) -> None:
    _start_and_log(client)
    assert client.post("/api/v1/programme/stop", json={"reason": "moved house"}).is_success
    said = _ending(client)
    assert said.startswith(f"Stopped on {TODAY:%d %b %Y} by you") and "moved house" in said
    assert "warning sign" not in said


def test_dashboard_says_nothing_of_an_end_while_it_runs(client: TestClient) -> None:
    _start_and_log(client)
    page = client.get("/dashboard").text
    assert 'id="programme-chart"' in page and _ending(client) == ""
    assert "stopped" not in page.split('id="programme-chart"')[1].split("</figure>")[0]


# --- the PDF -----------------------------------------------------------------------------------


@pytest.fixture
def stopped_diary(tmp_path: Path) -> Diary:
    diary = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    start = TODAY - dt.timedelta(days=12)
    store.start(diary, LIBRARY.programmes["general_knee"], start)
    update = store.SessionUpdate(day=start, status="done", pain_during=2, rpe=3)
    store.log_session(diary, LIBRARY, update, start)
    sign = {"date": TODAY - dt.timedelta(days=3), "knee": "right", "swelling": True}
    log_pain(diary, build(PainEntryRecord, sign))
    return diary


def test_the_report_says_of_the_person_why_the_programme_stopped(stopped_diary: Diary) -> None:
    start = TODAY - dt.timedelta(days=12)
    html = " ".join(report_html(stopped_diary, start, TODAY, load_knowledge()).split())
    sign_day = TODAY - dt.timedelta(days=3)
    assert f"Stopped on {sign_day:%d %b %Y} because of a warning sign: new swelling" in html
    assert "by you" not in html.split('<section id="programme">')[1].split("</section>")[0]
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:  # as tests/report: skipped locally, a failure in CI
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is missing")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = Path(str(stopped_diary.url).removeprefix("sqlite:///")).with_suffix(".pdf")
    path.write_bytes(doctor_report(stopped_diary, start, TODAY, load_knowledge()))
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())
    assert f"Stopped on {sign_day:%d %b %Y} because of a warning sign: new swelling" in words


def test_the_person_stopping_it_is_said_of_the_person_in_the_report(tmp_path: Path) -> None:
    diary = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    start = TODAY - dt.timedelta(days=6)
    store.start(diary, LIBRARY.programmes["general_knee"], start)
    update = store.SessionUpdate(day=start, status="done", pain_during=1, rpe=3)
    store.log_session(diary, LIBRARY, update, start)
    store.stop(diary, TODAY, "stopped by you")
    html = " ".join(report_html(diary, start, TODAY, load_knowledge()).split())
    assert f"Stopped on {TODAY:%d %b %Y} by the person." in html


# --- the words and the chart's mark, pure ------------------------------------------------------


def test_a_finished_programme_says_so(tmp_path: Path) -> None:
    diary = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    enrolment = store.start(diary, LIBRARY.programmes["general_knee"], TODAY)
    finished = replace(enrolment, status="finished", ended_on=TODAY)
    said = f"Finished on {TODAY:%d %b %Y}: the last stage's checks were met."
    assert ending_words(finished) == said
    assert ending_words(enrolment) is None


@pytest.mark.parametrize("day_in", [0, 3, 9, 13])
def test_the_chart_marks_the_end_inside_the_picture(day_in: int) -> None:
    programme = LIBRARY.programmes["general_knee"]
    start = dt.date(2026, 3, 2)
    ended_on = start + dt.timedelta(days=day_in)
    enrolment = Enrolment(
        id=1, programme_id=programme.id, started_on=start, stage_id=programme.stages[0].id,
        stage_started_on=start, status="stopped", ended_on=ended_on, reason="stopped by you",
        checks=(), stage_changes=(), sessions=(),
    )  # fmt: skip
    svg = adherence_svg(
        weeks(enrolment, programme, ended_on), programme, ended=(ended_on, "stopped")
    )
    root = ET.fromstring(svg)
    labels = [t for t in root.iter(f"{SVG}text") if (t.text or "").startswith("stopped")]
    assert [t.text for t in labels] == [f"stopped {ended_on:%d %b}"]
    assert f"stopped on {ended_on:%d %b %Y}" in root.get("aria-label", "")
    (mark,) = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert 0 < float(mark.get("x1", "0")) < 340
