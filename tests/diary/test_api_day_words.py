"""The API takes 'today' and 'yesterday' in every date field, read in the person's zone.

Trial 22: `POST /api/v1/pain {"date": "today"}` was refused ("must be a date written
YYYY-MM-DD") while its own `allowed` and every date message offered the words. The
clock is held where the person's date and the server's differ (cases from
cli_day_cases.yaml, west and east of UTC); the words must give the person's day, as the
command line and the pages do. A server that knows no zone for the person refuses the
words with what to do, and stores nothing: a guessed day could hide a red light.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import time_machine
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import signed_in

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cli_day_cases.yaml").read_text(encoding="utf-8")
)
IDS = [case["name"] for case in CASES]


def _held(utc: str) -> time_machine.travel:
    return time_machine.travel(dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC), tick=False)


def _words(client: TestClient, day: dt.date) -> None:
    """Pain, a session and a programme session said in words land on `day` (and the day before)."""
    before = (day - dt.timedelta(days=1)).isoformat()
    pain = client.post("/api/v1/pain", json={"date": "today", "knee": "left", "during": 2})
    assert pain.status_code == 201, pain.text
    assert pain.json()["date"] == day.isoformat()
    moved = client.patch(f"/api/v1/pain/{pain.json()['id']}", json={"date": "yesterday"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["date"] == before
    session = {"date": "yesterday", "activity": "running", "duration_min": 30, "rpe": 3}
    made = client.post("/api/v1/sessions", json=session)
    assert made.status_code == 201, made.text
    assert made.json()["date"] == before
    started = client.post("/api/v1/programme", json={"programme_id": "general-knee"})
    assert started.status_code == 201, started.text
    logged = client.post(
        "/api/v1/programme/sessions", json={"date": "today", "status": "done", "pain_during": 1}
    )
    assert logged.status_code in (200, 201), logged.text
    sessions = client.get("/api/v1/programme").json()["sessions"]
    assert [s["date"] for s in sessions] == [day.isoformat()]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_words_are_the_persons_days_in_a_personal_app(
    client: TestClient, case: dict[str, Any]
) -> None:
    with _held(case["utc"]):
        client.patch("/api/v1/profile", json={"time_zone": case["zone"]})
        _words(client, case["day"])


@pytest.mark.parametrize("case", CASES[:1] + CASES[3:4], ids=["west", "east"])
def test_the_words_are_the_persons_days_on_a_server(
    server_app: FastAPI, case: dict[str, Any]
) -> None:
    with _held(case["utc"]), signed_in(server_app, "ines") as client:
        assert client.patch("/api/v1/profile", json={"time_zone": case["zone"]}).status_code == 200
        _words(client, case["day"])


def test_a_server_without_the_persons_zone_refuses_the_words_saying_what_to_do(
    server_app: FastAPI,
) -> None:
    with signed_in(server_app, "oskar") as client:
        for word in ("today", "yesterday"):
            refused = client.post("/api/v1/pain", json={"date": word, "knee": "left", "during": 3})
            assert refused.status_code == 422, refused.text
            said = str(refused.json())
            assert "time zone" in said and "YYYY-MM-DD" in said and "Traceback" not in said
        assert client.get("/api/v1/pain").json()["items"] == []


@pytest.mark.parametrize("text", ["Today", " today", "tomorrow", "now", "-1", "30/11/2026"])
def test_other_words_are_refused_naming_what_is_allowed(client: TestClient, text: str) -> None:
    refused = client.post("/api/v1/pain", json={"date": text, "knee": "left", "during": 3})
    assert refused.status_code == 422
    problem = refused.json()
    said = " ".join([problem["detail"], *(str(e) for e in problem["errors"])])
    assert "YYYY-MM-DD" in said and "'today'" in said and "'yesterday'" in said
    assert client.get("/api/v1/pain").json()["items"] == []
