"""One diary, one "today": the command line counts days in the profile's zone, as the web does.

Trial 22 (04:05 UTC, still 30 November in Los Angeles): `kneewise log pain --night-pain
--swelling` dated the entry 1 December from the computer's clock; the dashboard said
"No light yet", CDS Hooks gave no card and the API refused 1 December as the future.
Here the command line (in-process, `kneewise.cli.app`) and the real app share one SQLite
diary; the clock is held (time-machine) where the person's date and the computer's
differ, west and east of UTC (cases: cli_day_cases.yaml). After the command line logs
pain, `kneewise status`, the dashboard, CDS Hooks and the API show the same light on the
same day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kneewise.cli import app as cli
from kneewise.diary import list_questionnaire_answers, open_diary
from kneewise.diary.days import machine_zone
from kneewise.interop import patient_id

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cli_day_cases.yaml").read_text(encoding="utf-8")
)
runner = CliRunner(env={"COLUMNS": "100"})
CDS = "/cds-services/kneewise-knee-triage"
HOOK = {
    "hook": "patient-view",
    "hookInstance": "6a1d3c0e-2f4b-4c55-9d1a-0b7e3f9c2a11",
    # The personal diary's FHIR Patient.id, as its export gives it (kneewise.interop).
    "context": {"userId": "Practitioner/1", "patientId": patient_id(None)},
}
DASHBOARD_WORDS = {"green": "Green", "amber": "Amber", "red": "Red", "none": "No light yet"}


def _held(utc: str) -> time_machine.travel:
    """The computer's clock held at `utc` ("YYYY-MM-DD HH:MM", in UTC), not ticking."""
    return time_machine.travel(dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC), tick=False)


@pytest.fixture
def same_diary(app: Any, tmp_path: Path) -> Iterator[TestClient]:
    """A client of the real app on the data folder the command line uses (both read KNEEWISE_*)."""
    with TestClient(app) as client:
        yield client


def _light_of_status(output: str) -> str:
    """The colour `kneewise status` prints first ("● RED 2026-11-30: ...")."""
    first = output.split("●", 1)[1].split()
    return first[0].lower()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_pain_the_command_line_logs_is_on_every_output_on_the_persons_day(
    same_diary: TestClient, case: dict[str, Any]
) -> None:
    client, day, stored = same_diary, case["day"], case["stored"]
    with _held(case["utc"]):
        # The computer's date is another than the person's: the case tests something.
        assert dt.datetime.now(machine_zone()).date() != day or machine_zone() == ZoneInfo(
            case["zone"]
        )
        assert dt.datetime.now(ZoneInfo(case["zone"])).date() == day
        profile = {"time_zone": case["zone"], "knee": "left"}
        assert client.patch("/api/v1/profile", json=profile).status_code == 200

        logged = runner.invoke(cli, ["log", "pain", *case["log"]])
        assert logged.exit_code == 0, logged.output
        entries = client.get("/api/v1/pain").json()["items"]
        assert [entry["date"] for entry in entries] == [stored.isoformat()]

        status = runner.invoke(cli, ["status"])
        assert status.exit_code == 0, status.output
        assert _light_of_status(status.output) == case["light"], status.output
        assert f"{day.isoformat()}:" in status.output

        page = client.get("/dashboard").text
        assert f"Today: {DASHBOARD_WORDS[case['light']]}" in page
        answer = client.post(CDS, json=HOOK)
        assert answer.status_code == 200, answer.text
        cards = answer.json()["cards"]
        said = [card["summary"] for card in cards if "Pain diary" in card["summary"]]
        if case["light"] in ("amber", "red"):
            assert said and said[0].startswith(f"Pain diary: {case['light']} light"), cards
        else:
            assert said == [], cards

        # The API takes the person's today, as the command line did (was: "in the future").
        other = {"date": day.isoformat(), "knee": "right", "during": 1}
        if "right" in case["log"]:
            other["knee"] = "left"
        assert client.post("/api/v1/pain", json=other).status_code == 201


@pytest.mark.parametrize("case", CASES[:1] + CASES[3:4], ids=["west", "east"])
def test_the_persons_tomorrow_is_refused_on_the_command_line_as_on_the_api(
    same_diary: TestClient, case: dict[str, Any]
) -> None:
    client, day = same_diary, case["day"]
    tomorrow = (day + dt.timedelta(days=1)).isoformat()
    with _held(case["utc"]):
        client.patch("/api/v1/profile", json={"time_zone": case["zone"], "knee": "left"})
        refused = runner.invoke(cli, ["log", "pain", "--during", "3", "--date", tomorrow])
        assert refused.exit_code == 2
        said = " ".join(refused.output.split())
        assert case["zone"] in said and "Traceback" not in said
        api = client.post("/api/v1/pain", json={"date": tomorrow, "knee": "left", "during": 3})
        assert api.status_code == 422
        assert client.get("/api/v1/pain").json()["items"] == []


@pytest.mark.parametrize("case", CASES[:1] + CASES[3:4], ids=["west", "east"])
def test_sessions_trends_programmes_and_questionnaires_use_the_persons_day(
    same_diary: TestClient, case: dict[str, Any], tmp_path: Path
) -> None:
    client, day = same_diary, case["day"]
    with _held(case["utc"]):
        client.patch("/api/v1/profile", json={"time_zone": case["zone"], "knee": "left"})
        session = ["log", "session", "-a", "running", "-d", "30", "-r", "4"]
        assert runner.invoke(cli, session).exit_code == 0
        assert client.get("/api/v1/sessions").json()["items"][0]["date"] == day.isoformat()
        trends = runner.invoke(cli, ["trends", "--weeks", "1"])
        assert trends.exit_code == 0 and "Nothing logged" not in trends.output, trends.output

        started = runner.invoke(cli, ["programme", "start", "general-knee"])
        assert started.exit_code == 0, started.output
        assert f"{day:%d %b %Y}" in started.output
        assert runner.invoke(cli, ["programme", "done", "--during", "2"]).exit_code == 0
        programme = client.get("/api/v1/programme").json()
        assert programme["started_on"] == day.isoformat()
        assert [s["date"] for s in programme["sessions"]] == [day.isoformat()]
        stopped = runner.invoke(cli, ["programme", "stop"])
        assert stopped.exit_code == 0, stopped.output
        assert client.get("/api/v1/programme").json()["ended_on"] == day.isoformat()

        assert runner.invoke(cli, ["questionnaire", "nrs"], input="4\n").exit_code == 0
        diary = open_diary()
        try:
            assert [a.date for a in list_questionnaire_answers(diary, "nrs")] == [day]
        finally:
            diary.close()


def test_without_a_zone_in_the_profile_the_command_line_keeps_this_computers_day(
    same_diary: TestClient,
) -> None:
    client = same_diary
    with _held("2026-12-01 04:05"):
        here = dt.datetime.now(machine_zone()).date()
        client.patch("/api/v1/profile", json={"knee": "left"})
        assert runner.invoke(cli, ["log", "pain", "--during", "3"]).exit_code == 0
        assert client.get("/api/v1/pain").json()["items"][0]["date"] == here.isoformat()
