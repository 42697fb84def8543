"""The REST API carries what is open and what is not known; intake v2 needs its schema key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kneewise.engine.triage import NO_FLAG_REASON
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2

INTAKES = Path(__file__).parents[1] / "cli" / "intakes"
ALL_NO = json.loads((INTAKES / "serious_rules_answered_no.json").read_text(encoding="utf-8"))
EMPTY: dict[str, Any] = {}
ALL_DONT_KNOW = {"schema": INTAKE_V2, "dont_know": list(INTAKE_FIELDS)}
NO_SIGNS_CLAIMS = ("None of the warning signs", "no warning signs", NO_FLAG_REASON)
HOT_KNEE = {"fever": True, "warm": True, "red": True, "swollen": True}


def claims_no_signs(text: str) -> bool:
    return any(claim.lower() in text.lower() for claim in NO_SIGNS_CLAIMS)


def assessed(client: TestClient, intake: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/v1/assess", json=intake)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("intake", [EMPTY, ALL_DONT_KNOW], ids=["empty", "all_dont_know"])
def test_assess_lists_what_was_not_checked(client: TestClient, intake: dict[str, Any]) -> None:
    body = assessed(client, intake)
    assert not claims_no_signs(" ".join(body["triage"]["reasons"]))
    assert "kneewise could not rule out" in body["triage"]["reasons"][-1]
    serious = [r for r in body["triage"]["undecided"] if r["level"] in ("urgent", "emergency")]
    assert serious and all(r["questions"] for r in serious)
    assert bool(body["not_known"]) == (intake is ALL_DONT_KNOW)


def test_assess_says_no_warning_signs_only_when_answered_no(client: TestClient) -> None:
    body = assessed(client, ALL_NO)
    assert body["triage"]["reasons"] == [NO_FLAG_REASON]
    assert body["not_known"] == []


def test_evidence_says_no_only_for_an_explicit_no(client: TestClient) -> None:
    body = assessed(client, {"age": 25, "mechanism": "twist", "onset": "sudden", "pop": False})
    evidence = [e for c in body["conditions"] for e in c["evidence"]]
    assert any(e["said_no"] and e["finding"] for e in evidence)
    assert all(not e["said_no"] for e in evidence if e["present"])


def test_v1_intake_is_accepted_unchanged(client: TestClient) -> None:
    body = assessed(client, {"age": 30, "swelling": "within_2h", "pop": True})
    assert body["triage"]["level"] == "urgent"


def test_v2_fields_without_the_schema_key_are_a_problem(client: TestClient) -> None:
    response = client.post("/api/v1/assess", json={"swollen": True, "had_knee_surgery": False})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert set(errors) == {"swollen", "had_knee_surgery"}
    assert 'add "schema": "kneewise.intake/2"' in errors["swollen"]["message"]


def test_v2_intake_is_assessed(client: TestClient) -> None:
    body = assessed(client, {"schema": INTAKE_V2, **HOT_KNEE, "had_knee_surgery": False})
    assert body["triage"]["level"] == "emergency"


def test_openapi_names_the_schema_key(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/api/v1/assess"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["properties"]["schema"]["enum"] == ["kneewise.intake/1", INTAKE_V2]


def test_interview_shows_an_emergency_at_once_then_asks_optional_questions(
    client: TestClient,
) -> None:
    words = {"fever": "39", "warm": "hot", "red": "red"}
    evidence: dict[str, Any] = {"answers": HOT_KNEE, "words": words, "screens": []}
    result = client.post("/api/v1/interview", json=evidence).json()
    assert result["kind"] == "result" and result["more_questions"] is True
    assert result["assessment"]["triage"]["level"] == "emergency"
    question = client.post("/api/v1/interview", json={**evidence, "optional": True}).json()
    assert question["kind"] == "question" and question["optional"] is True
    assert not set(question["fields"]) & set(HOT_KNEE)
    for item in question["answered"]:
        assert item["value"] == HOT_KNEE[item["field"]]
        assert item["words"] == words.get(item["field"])
    assert question["asked_so_far"] == 0 and question["most_remaining"] >= 1


def test_interview_counts_the_screens_sent(client: TestClient) -> None:
    evidence = {"answers": {"age": 30}, "screens": ["age"]}
    question = client.post("/api/v1/interview", json=evidence).json()
    assert question["kind"] == "question" and question["asked_so_far"] == 1
    assert "other_answers" in question and "level_so_far" in question


def test_interview_result_lists_dont_knows(client: TestClient) -> None:
    evidence: dict[str, Any] = {"answers": {"age": 30}, "unknown": [], "screens": ["age"]}
    for _ in range(80):
        step = client.post("/api/v1/interview", json=evidence).json()
        if step["kind"] == "result":
            break
        evidence["unknown"] += step["fields"]
        evidence["screens"].append(step["id"])
    assert step["kind"] == "result"
    assessment = step["assessment"]
    assert step["questions_asked"] == len(evidence["screens"])
    assert {item["field"] for item in assessment["not_known"]} == set(evidence["unknown"])
    assert not claims_no_signs(" ".join(assessment["triage"]["reasons"]))
