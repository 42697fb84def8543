"""The diary API: an unknown query parameter is refused, and clearing an rpe is said.

Real app in-process on a throwaway SQLite diary (the `client` fixture).
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

SESSION = {"date": "2024-05-01", "activity": "running", "duration_min": 30, "rpe": 5}


@pytest.mark.parametrize(
    "query",
    ["cursor=%00%ff", "page=2", "limit=5&sort=date", "Limit=5", "filter%5Bdate%5D=2024-05-01"],
)
@pytest.mark.parametrize("path", ["/api/v1/sessions", "/api/v1/pain"])
def test_a_query_parameter_the_list_does_not_take_is_refused(
    client: TestClient, path: str, query: str
) -> None:
    answer = client.get(f"{path}?{query}")
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["title"] == "Unknown query parameter"
    assert "it takes: limit, offset" in problem["detail"]
    assert all(error["allowed"] == "query parameters: limit, offset" for error in problem["errors"])


def test_known_query_parameters_still_page(client: TestClient) -> None:
    for day in ("2024-05-01", "2024-05-02", "2024-05-03"):
        client.post("/api/v1/sessions", json={**SESSION, "date": day})
    page = client.get("/api/v1/sessions?limit=2&offset=1")
    assert page.status_code == 200 and len(page.json()["items"]) == 2


def test_an_operation_without_query_parameters_refuses_any(client: TestClient) -> None:
    saved = client.post("/api/v1/sessions", json=SESSION).json()
    answer = client.get(f"/api/v1/sessions/{saved['id']}?fields=rpe")
    assert answer.status_code == 422 and "it takes: none" in answer.json()["detail"]


def test_clearing_the_rpe_says_the_session_leaves_the_training_load(client: TestClient) -> None:
    saved = client.post("/api/v1/sessions", json=SESSION).json()
    assert (saved["load"], saved["load_note"]) == (150, None)
    cleared = client.patch(f"/api/v1/sessions/{saved['id']}", json={"rpe": None})
    assert cleared.status_code == 200
    body = cleared.json()
    assert body["rpe"] is None and body["load"] is None
    assert "left out of the training load" in body["load_note"]
    # Said again whenever the session is read, and gone once an rpe is sent.
    again = client.get(f"/api/v1/sessions/{saved['id']}").json()
    assert again["load_note"] == body["load_note"]
    rated = client.patch(f"/api/v1/sessions/{saved['id']}", json={"rpe": 6}).json()
    assert (rated["load"], rated["load_note"]) == (180, None)


def test_the_schema_describes_the_load_note(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    note = schema["components"]["schemas"]["SessionOut"]["properties"]["load_note"]
    assert "rpe null" in note["description"]
    patch = schema["paths"]["/api/v1/sessions/{session_id}"]["patch"]
    assert "load_note" in patch["description"]
