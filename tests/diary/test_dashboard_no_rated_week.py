"""The dashboard's load chart never says "last 0 weeks" (trial 22, 5b).

With no rated session in the range (nothing logged, only pain, or sessions without an
effort), the phone chart's title is the chart's own, "Training load per week", and the
chart says why it is empty.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

UNRATED = {"date": "today", "activity": "running", "duration_min": 40}


@pytest.mark.parametrize("logged", ["nothing", "pain only", "a session without effort"])
def test_no_rated_week_is_never_called_the_last_0_weeks(client: TestClient, logged: str) -> None:
    if logged == "pain only":
        pain = {"date": "today", "knee": "left", "during": 3}
        assert client.post("/api/v1/pain", json=pain).status_code == 201
    if logged == "a session without effort":
        assert client.post("/api/v1/sessions", json=UNRATED).status_code == 201
    page = client.get("/dashboard").text
    assert "last 0 weeks" not in page
    assert "Training load per week" in page
    assert "No training sessions with an RPE in this range" in page
