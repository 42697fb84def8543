"""The REST API in-process against the real app: answers, paging and problem documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY

from kneewise.interop import patient_id

PROBLEM_JSON = "application/problem+json"

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def problem(response: Any, status: int) -> dict[str, Any]:
    """Check an RFC 9457 problem document and return it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    return body


def session(days_ago: int = 0, **fields: Any) -> dict[str, Any]:
    day = (TODAY - dt.timedelta(days=days_ago)).isoformat()
    return {"date": day, "activity": "running", "duration_min": 40, "rpe": 6, **fields}


# Assessment, interview, free text


def test_assess_returns_the_public_assessment(client: TestClient) -> None:
    response = client.post("/api/v1/assess", json={"age": 30, "swelling": "within_2h", "pop": True})
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == "kneewise.assessment/1"
    assert body["triage"]["level"] == "urgent"
    assert "for" in body["conditions"][0]
    assert body["sources"]


def test_assess_names_every_bad_field_and_what_is_allowed(client: TestClient) -> None:
    body = problem(client.post("/api/v1/assess", json={"age": 300, "colour": "red"}), 422)
    by_field = {e["field"]: e for e in body["errors"]}
    assert set(by_field) == {"age", "colour"}
    assert by_field["age"]["allowed"] == "a whole number from 0 to 100"
    assert body["type"] == "/problems/invalid-intake"


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"{not json", 400),
        (b"[1, 2]", 422),
        (b'"text"', 422),
        (b"null", 422),
        (b'{"age": true}', 422),
    ],
)
def test_assess_rejects_any_bad_body_with_a_problem(
    client: TestClient, content: bytes, status: int
) -> None:
    response = client.post(
        "/api/v1/assess", content=content, headers={"content-type": "application/json"}
    )
    assert problem(response, status)["errors"]


def test_interview_asks_then_answers(client: TestClient) -> None:
    first = client.post("/api/v1/interview", json={"answers": {}}).json()
    assert first["kind"] == "question"
    assert first["fields"] == ["age"]
    assert first["rationale"]
    evidence: dict[str, Any] = {"answers": {"age": 30}, "unknown": []}
    for _ in range(60):
        step = client.post("/api/v1/interview", json=evidence).json()
        if step["kind"] == "result":
            break
        evidence["unknown"] += step["fields"]
    assert step["kind"] == "result"
    assert step["assessment"]["schema"] == "kneewise.assessment/1"


def test_interview_rejects_a_bad_answer(client: TestClient) -> None:
    body = problem(client.post("/api/v1/interview", json={"answers": {"age": "old"}}), 422)
    assert body["errors"][0]["field"] == "answers"
    assert "a whole number from 0 to 100" in body["errors"][0]["message"]


def test_parse_gives_fields_with_their_spans(client: TestClient) -> None:
    text = "I twisted my knee and it swelled up within an hour, no fever"
    body = client.post("/api/v1/parse", json={"text": text}).json()
    mechanism = body["fields"]["mechanism"]
    start, end = mechanism["span"]
    assert text[start:end] == mechanism["text"]
    assert body["intake"]["fever"] is False


def test_parse_rejects_unknown_keys(client: TestClient) -> None:
    body = problem(client.post("/api/v1/parse", json={"text": "x", "lang": "de"}), 422)
    assert body["errors"][0]["field"] == "lang"


# Knowledge


def test_knowledge_is_readable(client: TestClient) -> None:
    conditions = client.get("/api/v1/conditions").json()
    assert conditions and all(c["icd10"] for c in conditions)
    one = client.get(f"/api/v1/conditions/{conditions[0]['id']}").json()
    assert one["likelihoods"]
    assert client.get("/api/v1/advice").json()[0]["sources"]
    assert client.get("/api/v1/rules").json()[0]["level"]


def test_unknown_condition_and_route_are_404_problems(client: TestClient) -> None:
    assert problem(client.get("/api/v1/conditions/nope"), 404)["type"] == "/problems/not-found"
    problem(client.get("/api/v1/nothing-here"), 404)
    problem(client.delete("/api/v1/conditions"), 405)


# Diary: sessions


def test_session_crud(client: TestClient) -> None:
    created = client.post("/api/v1/sessions", json=session(exercises=[{"name": "Split Squat"}]))
    assert created.status_code == 201
    saved = created.json()
    assert saved["load"] == 240
    assert saved["exercises"][0]["name"] == "split_squat"
    url = created.headers["location"]
    assert client.get(url).json() == saved
    changed = client.put(url, json=session(duration_min=60, rpe=None)).json()
    assert changed["duration_min"] == 60 and changed["load"] is None
    assert changed["exercises"] == []
    assert client.delete(url).status_code == 204
    problem(client.get(url), 404)
    problem(client.delete(url), 404)
    problem(client.put(url, json=session()), 404)


def test_sessions_page_newest_first(client: TestClient) -> None:
    for days_ago in range(5):
        client.post("/api/v1/sessions", json=session(days_ago, duration_min=10 + days_ago))
    first = client.get("/api/v1/sessions", params={"limit": 2}).json()
    assert first["total"] == 5 and first["limit"] == 2 and first["offset"] == 0
    assert [s["duration_min"] for s in first["items"]] == [10, 11]
    last = client.get("/api/v1/sessions", params={"limit": 2, "offset": 4}).json()
    assert [s["duration_min"] for s in last["items"]] == [14]
    assert client.get("/api/v1/sessions", params={"offset": 10}).json()["items"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"limit": "many"}, "limit"),
    ],
)
def test_bad_paging_is_a_problem(client: TestClient, params: dict[str, Any], field: str) -> None:
    body = problem(client.get("/api/v1/sessions", params=params), 422)
    assert body["errors"][0]["field"] == field


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"duration_min": -1}, "duration_min"),
        ({"duration_min": 10081}, "duration_min"),
        ({"rpe": 11}, "rpe"),
        ({"date": "2999-01-01"}, "date"),
        ({"activity": "!!"}, "activity"),
        ({"colour": "red"}, "colour"),
        ({"date": "soon"}, "date"),
    ],
)
def test_bad_sessions_name_the_field(
    client: TestClient, fields: dict[str, Any], field: str
) -> None:
    body = problem(client.post("/api/v1/sessions", json=session(**fields)), 422)
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["errors"][0]["message"]


def test_a_missing_field_is_named(client: TestClient) -> None:
    payload = session()
    del payload["activity"]
    body = problem(client.post("/api/v1/sessions", json=payload), 422)
    assert body["errors"][0]["field"] == "activity"
    assert body["errors"][0]["allowed"]


# Diary: pain


def test_pain_crud_and_merge(client: TestClient) -> None:
    day = TODAY.isoformat()
    created = client.post("/api/v1/pain", json={"date": day, "knee": "left", "during": 3})
    assert created.status_code == 201
    merged = client.post("/api/v1/pain", json={"date": day, "knee": "left", "next_morning": 2})
    assert merged.status_code == 200
    assert merged.json()["during"] == 3 and merged.json()["next_morning"] == 2
    url = created.headers["location"]
    replaced = client.put(url, json={"date": day, "knee": "left", "after": 5}).json()
    assert (replaced["during"], replaced["after"]) == (None, 5)
    listed = client.get("/api/v1/pain").json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == replaced["id"]
    assert client.delete(url).status_code == 204
    problem(client.get(url), 404)


def test_pain_update_cannot_clash_with_another_day(client: TestClient) -> None:
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    client.post("/api/v1/pain", json={"date": TODAY.isoformat(), "knee": "left", "during": 1})
    other = client.post("/api/v1/pain", json={"date": yesterday, "knee": "left", "during": 2})
    body = problem(
        client.put(
            other.headers["location"], json={"date": TODAY.isoformat(), "knee": "left", "during": 4}
        ),
        409,
    )
    assert body["type"] == "/problems/conflict"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"during": 11}, "during"),
        ({"knee": "middle"}, "knee"),
        ({}, "(record)"),
        ({"location": ["elbow"]}, "location.0"),
    ],
)
def test_bad_pain_entries_name_the_field(
    client: TestClient, fields: dict[str, Any], field: str
) -> None:
    payload = {"date": TODAY.isoformat(), "knee": "right", **fields}
    body = problem(client.post("/api/v1/pain", json=payload), 422)
    assert body["errors"][0]["field"] == field


def test_openapi_documents_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/assess",
        "/api/v1/interview",
        "/api/v1/parse",
        "/api/v1/conditions",
        "/api/v1/conditions/{condition_id}",
        "/api/v1/advice",
        "/api/v1/rules",
        "/api/v1/sessions",
        "/api/v1/sessions/{session_id}",
        "/api/v1/pain",
        "/api/v1/pain/{entry_id}",
    ):
        assert path in paths, path
    assert (
        "age"
        in paths["/api/v1/assess"]["post"]["requestBody"]["content"]["application/json"]["schema"][
            "properties"
        ]
    )


# For other systems: FHIR and CDS Hooks


def test_fhir_export_is_a_bundle(client: TestClient) -> None:
    client.post("/api/v1/pain", json={"date": TODAY.isoformat(), "knee": "left", "during": 3})
    response = client.get("/api/v1/export/fhir")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    bundle = response.json()
    assert bundle["resourceType"] == "Bundle"
    kinds = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
    assert {"Patient", "Observation"} <= kinds


def test_cds_hooks_discovery_and_service(client: TestClient) -> None:
    services = client.get("/cds-services").json()["services"]
    assert services[0]["hook"] == "patient-view"
    url = f"/cds-services/{services[0]['id']}"
    request = {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
               "context": {"userId": "Practitioner/1", "patientId": patient_id(None)}}  # fmt: skip
    assert client.post(url, json=request).json() == {"cards": []}
    client.post("/check/save", data={"state": '{"answers": {"age": 30, "swelling": "within_2h"}}'})
    cards = client.post(url, json=request).json()["cards"]
    assert cards[0]["indicator"] in ("warning", "critical")
    assert cards[0]["source"]["label"]
    assert problem(client.post(url, json={"hook": "patient-view"}), 400)["detail"]
    problem(client.post("/cds-services/other", json=request), 404)


def test_report_pdf_and_its_bad_ranges(client: TestClient) -> None:
    client.post("/api/v1/sessions", json=session())
    client.post("/api/v1/pain", json={"date": TODAY.isoformat(), "knee": "left", "during": 3})
    response = client.get("/report.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    later = (TODAY + dt.timedelta(days=3)).isoformat()
    bad = client.get("/report.pdf", params={"start": later}, headers={"accept": "application/json"})
    assert problem(bad, 400)["detail"]
