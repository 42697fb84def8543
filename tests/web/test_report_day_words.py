"""The report's dates take 'today' and 'yesterday', read in the person's zone, as the API does.

`/report.pdf?start=…&end=…` took only YYYY-MM-DD while every other date field of
the web and the API took the words too. The clock is held where the person's date
and the server's differ (west and east of UTC, from tests/diary/cli_day_cases.yaml):
the words must name the person's days, which the PDF's file name says. A server
that knows no zone for the person refuses the words with what to do, as the API does.
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
    (Path(__file__).parents[1] / "diary" / "cli_day_cases.yaml").read_text(encoding="utf-8")
)
IDS = [case["name"] for case in CASES]
JSON = {"accept": "application/json"}


def _held(utc: str) -> time_machine.travel:
    return time_machine.travel(dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC), tick=False)


def _report_names_the_persons_days(client: TestClient, zone: str, day: dt.date) -> None:
    assert client.patch("/api/v1/profile", json={"time_zone": zone}).status_code == 200
    logged = client.post("/api/v1/pain", json={"date": "today", "knee": "left", "during": 2})
    assert logged.status_code == 201, logged.text
    before = (day - dt.timedelta(days=1)).isoformat()
    for query, first, last in [
        ("start=yesterday&end=today", before, day.isoformat()),
        ("start=yesterday", before, day.isoformat()),
        (f"start={before}&end=today", before, day.isoformat()),
    ]:
        answer = client.get(f"/report.pdf?{query}")
        assert answer.status_code == 200, (query, answer.text)
        assert answer.content.startswith(b"%PDF")
        name = f"kneewise-report-{first}-{last}.pdf"
        assert name in answer.headers["content-disposition"], query
    # Only yesterday: no entry then, so the report says there is nothing in that range.
    empty = client.get("/report.pdf?start=yesterday&end=yesterday", headers=JSON)
    assert empty.status_code == 400
    assert f"from {before} to {before}" in empty.json()["detail"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_words_are_the_persons_days_in_a_personal_app(
    client: TestClient, case: dict[str, Any]
) -> None:
    with _held(case["utc"]):
        _report_names_the_persons_days(client, case["zone"], case["day"])


@pytest.mark.parametrize("case", CASES[:1] + CASES[3:4], ids=["west", "east"])
def test_the_words_are_the_persons_days_on_a_server(
    server_app: FastAPI, case: dict[str, Any]
) -> None:
    with _held(case["utc"]), signed_in(server_app, "ines") as client:
        _report_names_the_persons_days(client, case["zone"], case["day"])


def test_a_server_without_the_persons_zone_refuses_the_words_saying_what_to_do(
    server_app: FastAPI,
) -> None:
    with signed_in(server_app, "oskar") as client:
        for query in ("start=today", "end=yesterday"):
            refused = client.get(f"/report.pdf?{query}", headers=JSON)
            assert refused.status_code == 422, refused.text
            said = str(refused.json())
            assert "time zone" in said and "YYYY-MM-DD" in said and "Traceback" not in said


@pytest.mark.parametrize("text", ["Today", " today", "tomorrow", "now", "-1", "30/11/2026"])
def test_other_words_are_refused_as_the_api_refuses_them(client: TestClient, text: str) -> None:
    report = client.get("/report.pdf", params={"start": text}, headers=JSON)
    pain = client.post("/api/v1/pain", json={"date": text, "knee": "left", "during": 3})
    assert report.status_code == pain.status_code == 422
    said = report.json()
    assert said["errors"][0]["field"] == "start"
    # The same words as every other date field's refusal.
    assert said["errors"][0]["message"] == pain.json()["errors"][0]["message"]
    assert "YYYY-MM-DD" in said["detail"] and "'today'" in said["detail"]
