"""The programme API and page, in-process on the real app (TestClient, real SQLite)."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from icalendar import Calendar
from tests._clock import TODAY
from tests.web.check_helpers import page_form

from kneewise.diary.repository import list_sessions, save_assessment
from kneewise.programmes.load import load_library

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def _diary(client: TestClient) -> Any:
    return client.app.state.diary  # type: ignore[attr-defined]


def _urgent_answer() -> dict[str, Any]:
    return {
        "triage": {"level": "urgent", "headline": "h", "reasons": [], "rules": []},
        "conditions": [], "advice": [], "sources": [], "answered": 3,
    }  # fmt: skip


def test_the_library_over_the_api(client: TestClient) -> None:
    listed = client.get("/api/v1/programmes").json()
    assert {p["id"] for p in listed} >= {"patellar_tendinopathy", "general_knee"}
    detail = client.get("/api/v1/programmes/patellar_tendinopathy").json()
    assert detail["programme"]["pain_limit"]["during"] == 3
    assert "spanish_squat" in detail["exercises"]
    assert any(s["id"] == "kongsgaard2009_heavy_slow_resistance" for s in detail["sources"])
    # Each dose cites passages; each source says where they are and how they were checked.
    first_dose = detail["programme"]["stages"][0]["doses"][0]
    assert all("/" in ref for ref in first_dose["cites"])
    rio = next(s for s in detail["sources"] if s["id"] == "rio2015_isometric_analgesia")
    assert {p["checked"] for p in rio["passages"]} <= {"read", "second_hand", "not_verified"}
    assert all(p["where"] and (p["checked"] == "read" or p["found"]) for p in rio["passages"])
    missing = client.get("/api/v1/programmes/nothing_here")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(
        "application/problem+json"
    )
    exercise = client.get("/api/v1/exercises/wall_sit").json()
    picture = client.get(exercise["picture"])
    assert picture.headers["content-type"].startswith("image/svg+xml")
    assert picture.text.startswith("<svg") and "Wall sit" in picture.text


def test_start_log_and_follow_a_programme_over_the_api(client: TestClient) -> None:
    assert client.get("/api/v1/programme").status_code == 404
    started = client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    assert started.status_code == 201 and started.json()["stage_number"] == 1
    again = client.post("/api/v1/programme", json={"programme_id": "itb_syndrome"})
    assert again.status_code == 409
    logged = client.post(
        "/api/v1/programme/sessions",
        json={"date": TODAY.isoformat(), "status": "done", "pain_during": 2, "rpe": 3},
    )
    assert logged.status_code == 200
    body = logged.json()
    assert body["decision"]["action"] == "stay" and "ACSM 2009" in body["decision"]["sentence"]
    assert body["enrolment"]["weeks"][0]["done"] == 1
    (training,) = list_sessions(_diary(client))
    assert training.activity == "knee_programme" and training.rpe == 3
    bad = client.post(
        "/api/v1/programme/sessions", json={"date": TODAY.isoformat(), "pain_during": 11}
    )
    assert bad.status_code == 422
    ics = client.get("/api/v1/programme/calendar.ics", params={"time_zone": "Europe/Oslo"})
    assert ics.headers["content-type"].startswith("text/calendar")
    assert Calendar.from_ical(ics.content).walk("VEVENT")
    wrong_zone = client.get("/api/v1/programme/calendar.ics", params={"time_zone": "Mars/Base"})
    assert wrong_zone.status_code == 422 and wrong_zone.json()["errors"][0]["field"] == "time_zone"
    stopped = client.post("/api/v1/programme/stop", json={})
    assert stopped.status_code == 200 and stopped.json()["status"] == "stopped"


def test_no_programme_over_an_urgent_saved_assessment(client: TestClient) -> None:
    save_assessment(_diary(client), {}, _urgent_answer())
    refused = client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    assert refused.status_code == 409 and "seen by a doctor" in refused.json()["detail"]
    page = client.get("/programme").text
    assert "a doctor should see the knee first" in page
    assert "Start it" not in page
    posted = client.post("/programme/start", data={"programme_id": "general_knee"})
    assert posted.status_code == 422
    cleared = client.post(
        "/api/v1/programme", json={"programme_id": "general_knee", "cleared": True}
    )
    assert cleared.status_code == 201


def test_the_page_starts_a_programme_and_logs_with_one_tap(client: TestClient) -> None:
    page = client.get("/programme").text
    assert "All programmes" in page
    # Where sources disagree, the programme says so before anyone starts it.
    assert "Sources disagree" in unescape(page) and "Silbernagel 2007" in unescape(page)
    started = client.post(
        "/programme/start", data={"programme_id": "itb_syndrome"}, follow_redirects=False
    )
    assert started.status_code == 303
    page = client.get("/programme").text
    assert "Today's exercises" in page and "<svg" in page and "Side-lying leg lift" in page
    # Each dose says where it comes from, and that Fredericson's figures were not confirmed.
    assert "Where this dose comes from" in page
    assert "where they disagree" in page and "Fredericson 2000" in unescape(page)
    assert "not confirmed in the source" in unescape(page)
    logged = client.post(
        "/programme/log",
        data={"date": TODAY.isoformat(), "status": "done", "pain_during": "3", "minutes": "15"},
        follow_redirects=False,
    )
    assert logged.status_code == 303
    page = client.get(logged.headers["location"]).text
    assert "Logged." in page and "Stay at" in page
    assert re.search(r"1 of 7", page)
    wrong = client.post("/programme/log", data={"status": "done", "pain_during": "eleven"})
    assert wrong.status_code == 422 and "Pain must be a whole number from 0 to 10" in wrong.text
    flagged = client.post(
        "/programme/log",
        data={"date": TODAY.isoformat(), "red_flags": "locking"},
        follow_redirects=False,
    )
    assert flagged.status_code == 303
    page = unescape(client.get("/programme").text)
    assert "All programmes" in page  # stopped: back to choosing, the log is kept
    # It says the programme was stopped, why, and whom to see; not to stop what already stopped.
    assert "Your programme has been stopped: you logged the knee locking" in page
    assert "See a doctor or physiotherapist" in page and "Stop the programme" not in page


def test_a_red_flag_over_the_api_says_the_programme_has_been_stopped(client: TestClient) -> None:
    client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    logged = client.post(
        "/api/v1/programme/sessions",
        json={"date": TODAY.isoformat(), "status": "skipped", "red_flags": ["fever"]},
    )
    assert logged.status_code == 200, logged.text
    body = logged.json()
    assert body["enrolment"]["status"] == "stopped" and body["decision"]["action"] == "stop"
    sentence = body["decision"]["sentence"]
    assert sentence.startswith("Your programme has been stopped: you logged a fever")
    assert "See a doctor or physiotherapist" in sentence and "Stop the programme" not in sentence


def test_the_page_needs_the_form_token(bare_client: TestClient) -> None:
    response = bare_client.post("/programme/start", data={"programme_id": "general_knee"})
    assert response.status_code == 403


def test_the_programme_as_a_fhir_careplan(client: TestClient) -> None:
    assert client.get("/api/v1/programme/careplan").status_code == 404
    client.post("/api/v1/programme", json={"programme_id": "patellar_tendinopathy"})
    client.post(
        "/api/v1/programme/sessions",
        json={"date": TODAY.isoformat(), "status": "done", "pain_during": 5},
    )
    response = client.get("/api/v1/programme/careplan")
    assert response.headers["content-type"].startswith("application/fhir+json")
    plan: Any = CarePlan.model_validate(response.json())  # validated; read loosely below
    assert plan.status == "active" and plan.intent == "plan"
    statuses = [a.detail.status for a in plan.activity]
    doses = sum(len(s.doses) for s in load_library().programmes["patellar_tendinopathy"].stages)
    assert len(statuses) == doses
    assert statuses[:2] == ["in-progress", "in-progress"] and statuses[-1] == "not-started"
    first = plan.activity[0].detail
    repeat = first.scheduledTiming.repeat
    assert repeat.frequency == 7 and repeat.periodUnit == "wk"
    assert "Rio 2015 (read second-hand)" in first.description  # how it was checked, too
    assert any("limit of 3/10" in note.text for note in plan.note)  # the ease-off decision


def test_the_dashboard_and_the_page_show_the_programme_chart(client: TestClient) -> None:
    assert 'id="programme-chart"' not in client.get("/dashboard").text
    client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    client.post(
        "/api/v1/programme/sessions",
        json={"date": TODAY.isoformat(), "status": "done", "pain_during": 1},
    )
    dashboard = client.get("/dashboard").text
    assert 'id="programme-chart"' in dashboard and "sessions done of planned" in dashboard
    assert "General knee strength: sessions done of planned" in client.get("/programme").text


def test_the_programme_is_a_careplan_in_the_whole_diary_bundle(client: TestClient) -> None:
    bundle = client.get("/api/v1/export/fhir").json()
    assert not [e for e in bundle["entry"] if e["resource"]["resourceType"] == "CarePlan"]
    client.post("/api/v1/programme", json={"programme_id": "itb_syndrome"})
    client.post(
        "/api/v1/programme/sessions",
        json={"date": TODAY.isoformat(), "status": "partly", "pain_during": 2},
    )
    bundle = client.get("/api/v1/export/fhir").json()
    Bundle.model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]]
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    plans = [r for r in resources if r["resourceType"] == "CarePlan"]
    name = load_library().programmes["itb_syndrome"].name
    assert [(p["title"], p["status"]) for p in plans] == [(name, "active")]
    assert plans[0]["subject"] == {"reference": f"urn:uuid:{patient['id']}"}
    alone = client.get("/api/v1/programme/careplan").json()
    assert alone["id"] == plans[0]["id"] and alone["activity"] == plans[0]["activity"]
    assert client.post("/api/v1/programme/stop", json={}).status_code == 200
    stopped = client.get("/api/v1/export/fhir").json()
    plans = [e["resource"] for e in stopped["entry"] if e["resource"]["resourceType"] == "CarePlan"]
    assert [p["status"] for p in plans] == ["revoked"]  # a stopped programme is still exported


def test_no_programme_on_an_emergency_result_page(client: TestClient) -> None:
    story = "my knee is hot, red and swollen since yesterday and I have a temperature of 39"
    understood = client.post("/check/understood", data={"text": story})
    html = understood.text
    keep = [unescape(v) for v in re.findall(r'name="keep" value="([^"]*)"', html)]
    result = client.post("/check/step", data={**page_form(html), "action": "start", "keep": keep})
    assert "triage triage-emergency" in result.text
    assert "programme-title" not in result.text  # no offer, not even a withheld one
    assert "start the exercises" not in result.text
