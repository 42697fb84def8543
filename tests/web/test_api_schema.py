"""The OpenAPI schema states what the server does: its errors, its methods and its input rules.

Each rule is checked on both sides: what the schema's pattern allows the
server takes, and what the pattern refuses the server refuses too.
`test_schemathesis.py` generates requests at random; these are the named cases.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY

PROBLEM_JSON = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
SESSION = {"date": "2024-05-01", "activity": "running", "duration_min": 30}
PAIN = {"date": "2024-05-01", "knee": "left", "during": 3}


@pytest.fixture
def schema(client: TestClient) -> dict[str, Any]:
    found: dict[str, Any] = client.get("/openapi.json").json()
    return found


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def test_every_error_answer_is_a_declared_problem(schema: dict[str, Any]) -> None:
    assert "Problem" in schema["components"]["schemas"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    for method, path, operation in _operations(schema):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                assert response["content"] == {PROBLEM_JSON: {"schema": PROBLEM_REF}}, (
                    method,
                    path,
                    status,
                )
                assert response["description"], (method, path, status)


def test_each_operation_declares_the_errors_its_shape_can_give(schema: dict[str, Any]) -> None:
    for method, path, operation in _operations(schema):
        declared = {int(status) for status in operation["responses"] if int(status) >= 400}
        if "requestBody" in operation:
            assert {400, 413, 415, 422} <= declared, (method, path)
        if operation.get("parameters"):
            assert 422 in declared, (method, path)
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            assert 403 in declared, (method, path)
        if "{" in path:
            assert 404 in declared, (method, path)
        if path.startswith(("/api/v1/sessions", "/api/v1/pain", "/api/v1/export")):
            assert 503 in declared, (method, path)


def test_a_method_not_taken_is_405_naming_every_one_that_is(
    client: TestClient, schema: dict[str, Any]
) -> None:
    for template, operations in schema["paths"].items():
        allowed = ", ".join(sorted(method.upper() for method in operations))
        path = re.sub(r"\{[^}]+\}", "1", template)
        for method in ("PATCH", "PUT", "POST", "DELETE", "OPTIONS"):
            if method.lower() in operations:
                continue
            response = client.request(method, path, headers={"content-type": "application/json"})
            assert response.status_code == 405, (method, path, response.text)
            assert response.headers["allow"] == allowed, (method, path)
            assert response.headers["content-type"].startswith(PROBLEM_JSON)
            assert allowed in response.json()["detail"]


def test_a_page_answers_405_with_allow_too(client: TestClient) -> None:
    response = client.request("DELETE", "/settings", headers={"accept": "text/html"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.headers["content-type"].startswith("text/html")


def _body(schema: dict[str, Any], path: str) -> dict[str, Any]:
    """The request body schema of POST `path` (by the operation: component names may vary)."""
    content = schema["paths"][path]["post"]["requestBody"]["content"]
    found: dict[str, Any] = content["application/json"]["schema"]
    while "$ref" in found:
        found = schema["components"]["schemas"][found["$ref"].rsplit("/", 1)[-1]]
    return found


def _property(schema: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = _body(schema, path)["properties"][name]
    for choice in found.get("anyOf", [found]):
        if choice.get("type") == "string":
            return dict(choice)
    return found


def _allows(rule: dict[str, Any], value: str) -> bool:
    if len(value) > rule.get("maxLength", len(value)):
        return False
    return re.search(rule["pattern"], value) is not None


@pytest.mark.parametrize(
    ("day", "taken"),
    [
        (TODAY, True),
        (TODAY - dt.timedelta(days=1), True),
        (dt.date(TODAY.year, 1, 1), True),
        (dt.date(1970, 1, 1), True),
        (TODAY + dt.timedelta(days=1), False),
        (dt.date(TODAY.year + 1, 1, 1), False),
        (dt.date(1969, 12, 31), False),
    ],
)
def test_diary_days_the_schema_allows_are_the_days_the_server_takes(
    today: dt.date, client: TestClient, day: dt.date, taken: bool
) -> None:
    # A personal app (the `client` fixture's) ends dates on this computer's today,
    # the run's `TODAY`; a server's end in UTC+14 (tests/web/test_person_day.py).
    schema = client.get("/openapi.json").json()
    rule = _property(schema, "/api/v1/pain", "date")
    assert _allows(rule, day.isoformat()) is taken
    response = client.post("/api/v1/pain", json={**PAIN, "date": day.isoformat()})
    assert (response.status_code == 201) is taken, response.text


@pytest.mark.parametrize(
    ("start_time", "taken"),
    [
        ("07:30", True),
        ("23:59:59", True),
        ("00:00:00.5", True),
        ("07:30+02:00", False),
        ("07:30:00Z", False),
        ("24:00", False),
        ("7:30", False),
    ],
)
def test_start_times_the_schema_allows_are_the_ones_the_server_takes(
    client: TestClient, schema: dict[str, Any], start_time: str, taken: bool
) -> None:
    assert _allows(_property(schema, "/api/v1/sessions", "start_time"), start_time) is taken
    response = client.post("/api/v1/sessions", json={**SESSION, "start_time": start_time})
    assert (response.status_code == 201) is taken, response.text


@pytest.mark.parametrize(
    ("name", "taken"),
    [
        ("running", True),
        ("Trail Running", True),
        (" nordic-walking", True),
        ("5k_run", True),
        ("_running", False),
        ("-", False),
        ("läufen", True),  # a letter is a letter in every script (tests/diary/data/name_cases.yaml)
        ("run<b>", False),
        ("x" * 41, False),
    ],
)
def test_activity_names_the_schema_allows_are_the_ones_the_server_takes(
    client: TestClient, schema: dict[str, Any], name: str, taken: bool
) -> None:
    assert _allows(_property(schema, "/api/v1/sessions", "activity"), name) is taken
    response = client.post("/api/v1/sessions", json={**SESSION, "activity": name})
    assert (response.status_code == 201) is taken, response.text


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/pain", {**PAIN, "during": 3.0}),
        ("/api/v1/pain", {**PAIN, "stiffness_min": 15.0}),
        ("/api/v1/sessions", {**SESSION, "exercises": [{"name": "squat", "sets": 3.0}]}),
    ],
)
def test_a_whole_number_written_with_point_zero_is_that_number(
    client: TestClient, path: str, body: dict[str, Any]
) -> None:
    # JSON Schema's `integer` allows 3.0, so the server takes it as 3 (true stays refused).
    response = client.post(path, json=body)
    assert response.status_code == 201, response.text
    saved = response.json()
    assert saved.get("during", 3) == 3
    assert all(e["sets"] == 3 for e in saved.get("exercises", []))


def test_the_intake_takes_a_whole_age_written_with_point_zero(client: TestClient) -> None:
    response = client.post("/api/v1/assess", json={"age": 40.0, "pain_now": 3.0})
    assert response.status_code == 200, response.text


def test_a_pain_entry_without_a_finding_is_refused_as_its_schema_says(
    client: TestClient, schema: dict[str, Any]
) -> None:
    one_of = _body(schema, "/api/v1/pain")["anyOf"]
    assert {tuple(choice["required"]) for choice in one_of} >= {("during",), ("swelling",)}
    body = {"date": "2024-05-01", "knee": "left", "during": None}
    assert client.post("/api/v1/pain", json=body).status_code == 422


def test_a_v2_field_needs_the_v2_key_in_the_schema_as_on_the_server(
    client: TestClient, schema: dict[str, Any]
) -> None:
    body = schema["paths"]["/api/v1/assess"]["post"]["requestBody"]["content"]
    intake = body["application/json"]["schema"]
    assert intake["else"]["properties"]["swollen"] is False
    assert client.post("/api/v1/assess", json={"swollen": True}).status_code == 422
    v2 = {"schema": "kneewise.intake/2", "swollen": True}
    assert client.post("/api/v1/assess", json=v2).status_code == 200


def test_interview_evidence_is_strict(client: TestClient) -> None:
    assert client.post("/api/v1/interview", json={"optional": 0}).status_code == 422
    assert client.post("/api/v1/interview", json={"unknown": ["not_a_field"]}).status_code == 422
    assert client.post("/api/v1/interview", json={"answers": {"age": 40.0}}).status_code == 200
