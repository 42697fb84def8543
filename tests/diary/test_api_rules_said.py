"""The diary API says what is wrong in terms a client can act on (real app in-process).

Kinds: a value that is no number (NaN, ±Infinity, which JSON does not have)
is said to be no number, not out of range; a query parameter that takes one
value is refused when given twice, not silently read as the last; a PATCH
that breaks a rule through a field it did not send says which field to send.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

RUN = {"date": "2025-04-02", "activity": "running", "duration_min": 30, "rpe": 5}
JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("path", "body", "field", "word"),
    [
        ("/api/v1/sessions", '{"date":"2025-04-02","activity":"run","duration_min":NaN}',
         "duration_min", "NaN"),
        ("/api/v1/sessions", '{"date":"2025-04-02","activity":"run","duration_min":30,'
         '"rpe":-Infinity}', "rpe", "-Infinity"),
        ("/api/v1/sessions", '{"date":"2025-04-02","activity":"swim","duration_min":30,'
         '"distance_km":Infinity}', "distance_km", "Infinity"),
        ("/api/v1/sessions", '{"date":"2025-04-02","activity":"gym","duration_min":30,'
         '"exercises":[{"name":"squat","load_kg":NaN}]}', "exercises.0.load_kg", "NaN"),
        ("/api/v1/pain", '{"date":"2025-04-02","knee":"left","after":NaN}', "after", "NaN"),
    ],
)  # fmt: skip
def test_nan_or_infinity_is_said_to_be_no_number(
    client: TestClient, path: str, body: str, field: str, word: str
) -> None:
    answer = client.post(path, content=body, headers=JSON)
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["title"] == "Not a number"
    assert f"{field} must be a number, not {word}" in problem["detail"]
    assert [error["field"] for error in problem["errors"]] == [field]
    assert "less than" not in answer.text and "greater than" not in answer.text
    assert client.get(path).json()["total"] == 0  # nothing was saved


def test_nan_in_a_patch_is_said_to_be_no_number(client: TestClient) -> None:
    saved = client.post("/api/v1/sessions", json=RUN).json()
    answer = client.patch(f"/api/v1/sessions/{saved['id']}", content='{"rpe": NaN}', headers=JSON)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["message"].startswith("must be a number; NaN is not one")
    assert client.get(f"/api/v1/sessions/{saved['id']}").json()["rpe"] == 5


@pytest.mark.parametrize("path", ["/api/v1/sessions", "/api/v1/pain"])
@pytest.mark.parametrize(
    ("query", "named"),
    [("limit=10&limit=20", "limit"), ("offset=0&limit=5&offset=2", "offset"),
     ("limit=5&limit=5", "limit")],
)  # fmt: skip
def test_a_single_valued_query_parameter_given_twice_is_refused(
    client: TestClient, path: str, query: str, named: str
) -> None:
    answer = client.get(f"{path}?{query}")
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["title"] == "Query parameter given twice"
    assert [error["field"] for error in problem["errors"]] == [named]
    assert problem["errors"][0]["allowed"] == f"{named} once"


def test_each_parameter_once_still_pages(client: TestClient) -> None:
    for day in ("2025-04-01", "2025-04-02", "2025-04-03"):
        client.post("/api/v1/sessions", json={**RUN, "date": day})
    page = client.get("/api/v1/sessions?limit=1&offset=1")
    assert page.status_code == 200 and page.json()["limit"] == 1


def test_a_rest_day_changed_to_an_activity_without_minutes_says_to_send_them(
    client: TestClient,
) -> None:
    rest = client.post(
        "/api/v1/sessions", json={"date": "2025-04-02", "activity": "day off", "duration_min": 0}
    ).json()
    answer = client.patch(f"/api/v1/sessions/{rest['id']}", json={"activity": "cycling"})
    assert answer.status_code == 422, answer.text
    error = answer.json()["errors"][0]
    assert error["field"] == "duration_min"
    assert "did not send duration_min, so the stored 0 was kept" in error["message"]
    assert "send duration_min with the change" in error["message"]
    # Nothing changed; sent together, the change is taken.
    assert client.get(f"/api/v1/sessions/{rest['id']}").json()["activity"] == "day_off"
    changed = client.patch(
        f"/api/v1/sessions/{rest['id']}", json={"activity": "cycling", "duration_min": 50}
    )
    assert changed.status_code == 200 and changed.json()["duration_min"] == 50


def test_a_patch_breaking_a_rule_with_a_field_it_sent_is_not_told_to_send_it(
    client: TestClient,
) -> None:
    saved = client.post("/api/v1/sessions", json=RUN).json()
    answer = client.patch(f"/api/v1/sessions/{saved['id']}", json={"duration_min": 0})
    assert answer.status_code == 422
    message = answer.json()["errors"][0]["message"]
    assert message.startswith("duration_min must be more than 0 minutes")
    assert "did not send" not in message


def test_the_patch_operation_states_the_rest_day_rule(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    described = schema["paths"]["/api/v1/sessions/{session_id}"]["patch"]["description"]
    assert "needs `duration_min` (more than 0) in the same PATCH" in " ".join(described.split())
