"""Bad input answers 4xx with a clear message; loose JSON types are refused; same-day pain races."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kneewise._errors import StorageError

PROBLEM_JSON = "application/problem+json"
TOO_LARGE = "99999999999999999999"
SESSION = {"date": "2024-05-01", "activity": "running", "duration_min": 30}
PAIN = {"date": "2024-05-01", "knee": "left", "during": 3}


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    return body


# Item 4: no 500s on ids, dates and forms


@pytest.mark.parametrize("kind", ["sessions", "pain"])
def test_api_ids_too_large_for_the_database_are_422(client: TestClient, kind: str) -> None:
    for method in ("get", "put", "delete"):
        body = {"put": SESSION if kind == "sessions" else PAIN}.get(method)
        response = client.request(method, f"/api/v1/{kind}/{TOO_LARGE}", json=body)
        found = problem(response, 422)
        assert "2147483647" in found["detail"]


@pytest.mark.parametrize("kind", ["sessions", "pain"])
def test_page_deletes_with_too_large_ids_are_a_readable_422(client: TestClient, kind: str) -> None:
    response = client.post(f"/diary/{kind}/{TOO_LARGE}/delete", follow_redirects=False)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "2147483647" in response.text
    assert "Internal error" not in response.text


@pytest.mark.parametrize(
    "query", ["end=0001-01-01", "start=0001-01-01", "start=0001-01-01&end=0001-01-02"]
)
def test_report_dates_before_any_diary_are_a_readable_400(client: TestClient, query: str) -> None:
    response = client.get(f"/report.pdf?{query}")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "1970-01-01" in response.text
    as_json = client.get(f"/report.pdf?{query}", headers={"accept": "application/json"})
    assert "1970-01-01" in problem(as_json, 400)["detail"]


def test_report_far_future_end_is_not_a_500(client: TestClient) -> None:
    assert client.get("/report.pdf?end=9999-12-31").status_code < 500


@pytest.mark.parametrize(
    "form",
    [{"bogus_field": "1"}, {}, {"state": "", "nonsense": "x"}],
    ids=["unknown-field", "missing-fields", "unknown-with-empty-state"],
)
def test_check_step_with_unknown_or_missing_fields_is_4xx(
    client: TestClient, form: dict[str, str]
) -> None:
    response = client.post("/check/step", data=form, follow_redirects=False)
    assert 400 <= response.status_code < 500, response.status_code
    assert "Internal error" not in response.text


# Item 12: strict types at the API edge


@pytest.mark.parametrize(
    ("path", "base", "field", "value"),
    [
        ("/api/v1/sessions", SESSION, "duration_min", True),
        ("/api/v1/sessions", SESSION, "duration_min", "30"),
        ("/api/v1/sessions", SESSION, "date", 1714521600),
        ("/api/v1/sessions", SESSION, "date", "2024-05-01T00:00:00"),
        ("/api/v1/sessions", SESSION, "start_time", "07:30:00+02:00"),
        ("/api/v1/sessions", SESSION, "start_time", "07:30Z"),
        ("/api/v1/sessions", SESSION, "start_time", 27000),
        ("/api/v1/sessions", SESSION, "rpe", False),
        ("/api/v1/sessions", SESSION, "activity", 7),
        ("/api/v1/pain", PAIN, "during", True),
        ("/api/v1/pain", PAIN, "during", "3"),
        ("/api/v1/pain", PAIN, "during", 3.5),
        ("/api/v1/pain", PAIN, "swelling", 1),
        ("/api/v1/pain", PAIN, "swelling", "yes"),
        ("/api/v1/pain", PAIN, "stiffness_min", 1.5),
        ("/api/v1/pain", PAIN, "date", 1714521600),
    ],
)
def test_loose_json_types_are_a_422_naming_the_field(
    client: TestClient, path: str, base: dict[str, Any], field: str, value: Any
) -> None:
    found = problem(client.post(path, json={**base, field: value}), 422)
    assert [e["field"] for e in found["errors"]] == [field]
    assert field in found["detail"]
    assert client.get(path).json()["total"] == 0


def test_exercise_numbers_are_strict_too(client: TestClient) -> None:
    body = {**SESSION, "exercises": [{"name": "squat", "sets": True}]}
    found = problem(client.post("/api/v1/sessions", json=body), 422)
    assert found["errors"][0]["field"] == "exercises.0.sets"


@pytest.mark.parametrize(
    "changes",
    [{}, {"duration_min": 30.5}, {"start_time": "07:30"}, {"start_time": "07:30:15"}, {"rpe": 6}],
)
def test_well_typed_sessions_are_still_saved(client: TestClient, changes: dict[str, Any]) -> None:
    response = client.post("/api/v1/sessions", json={**SESSION, **changes})
    assert response.status_code == 201, response.text
    assert response.json()["date"] == "2024-05-01"


def test_well_typed_pain_is_still_saved(client: TestClient) -> None:
    body = {**PAIN, "swelling": True, "stiffness_min": 10, "location": ["front"]}
    response = client.post("/api/v1/pain", json=body)
    assert response.status_code == 201, response.text


# Item 10: simultaneous same-day pain, and no storage text in answers


def test_simultaneous_pain_for_one_day_and_knee_all_succeed(client: TestClient) -> None:
    threads, rounds = 8, 4
    for day in range(1, rounds + 1):
        barrier = threading.Barrier(threads, timeout=10)

        def post(score: int, day: int = day, barrier: threading.Barrier = barrier) -> Any:
            barrier.wait()
            body = {"date": f"2024-06-{day:02d}", "knee": "right", "during": score}
            return client.post("/api/v1/pain", json=body)

        with ThreadPoolExecutor(threads) as pool:
            responses = list(pool.map(post, range(threads), timeout=60))
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200] * (threads - 1) + [201], [r.text for r in responses]
        assert len({r.json()["id"] for r in responses}) == 1
    listed = client.get("/api/v1/pain", params={"limit": 100}).json()
    assert listed["total"] == rounds


def test_a_storage_failure_shows_no_path_or_sql(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "the diary database at sqlite:////home/someone/diary.sqlite3 failed: INSERT INTO x"

    def broken(*_: Any) -> Any:
        raise StorageError(secret)

    monkeypatch.setattr("kneewise.web.routes.api_pain.log_pain", broken)
    found = problem(client.post("/api/v1/pain", json=PAIN), 503)
    text = str(found)
    assert "sqlite" not in text and "/home" not in text and "INSERT" not in text
    assert "try again" in found["detail"]
