"""The shared (read-only) view says under the programme chart what the owner's dashboard says.

A clinician or coach reading a diary through a sharing code saw the chart's "stopped" mark
but not the sentence under it: when and why the programme ended (a warning sign, which and
when, and that the knee needs a check; the person's own stop and reason; finished). The
sentence is the owner's, said of "the person" as the PDF does for its reader. Real app with
accounts on, real SQLite, in-process.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests._clock import TODAY
from tests.conftest import signed_in

pytestmark = pytest.mark.usefixtures("today")  # the app's clock held on the run's TODAY


def _ending(page: str) -> str:
    """The sentence, without the owner's link to the programme page (a viewer has none)."""
    found = re.search(r'<p class="notice" id="programme-ending"[^>]*>(.*?)</p>', page, re.S)
    return " ".join(re.sub(r"<a .*?</a>", "", found.group(1)).split()) if found else ""


@pytest.fixture
def owner_and_viewer(server_app: FastAPI) -> Iterator[tuple[TestClient, TestClient, str]]:
    """The person (who shares), their clinician, and the address of the shared view."""
    with signed_in(server_app, "ana") as owner, signed_in(server_app, "dr_lee") as viewer:
        made = owner.post("/api/v1/sharing-codes", json={"role": "clinician"})
        assert made.status_code == 201, made.text
        entered = viewer.post("/shared", data={"code": made.json()["code"]}, follow_redirects=False)
        assert entered.status_code == 303, entered.text
        start = (TODAY - dt.timedelta(days=10)).isoformat()
        started = owner.post(
            "/api/v1/programme", json={"programme_id": "general_knee", "date": start}
        )
        assert started.status_code == 201, started.text
        session = {"date": start, "status": "done", "pain_during": 2, "rpe": 3}
        assert owner.post("/api/v1/programme/sessions", json=session).is_success
        yield owner, viewer, entered.headers["location"]


@pytest.mark.parametrize(
    ("signs", "days_ago", "words"),
    [
        ({"swelling": True}, 4, "new swelling"),
        ({"night_pain": True, "after": 3}, 1, "pain at night"),
        ({"swelling": True, "night_pain": True}, 0, "new swelling and pain at night"),
    ],
)
def test_a_warning_sign_stop_is_said_alike_to_the_owner_and_the_viewer(
    owner_and_viewer: tuple[TestClient, TestClient, str],
    signs: dict[str, object],
    days_ago: int,
    words: str,
) -> None:
    owner, viewer, shared = owner_and_viewer
    sign_day = TODAY - dt.timedelta(days=days_ago)
    body = {"date": sign_day.isoformat(), "knee": "right", **signs}
    assert owner.post("/api/v1/pain", json=body).is_success
    owners = _ending(owner.get("/dashboard").text)
    viewers = _ending(viewer.get(shared).text)
    assert viewers == owners != ""
    assert viewers.startswith(f"Stopped on {sign_day:%d %b %Y} because of a warning sign")
    assert f"{words}, logged on {sign_day:%d %b %Y}" in viewers
    assert "doctor or physiotherapist" in viewers


def test_the_persons_own_stop_is_said_of_the_person_with_their_reason(
    owner_and_viewer: tuple[TestClient, TestClient, str],
) -> None:
    owner, viewer, shared = owner_and_viewer
    assert owner.post("/api/v1/programme/stop", json={"reason": "exams this month"}).is_success
    assert _ending(owner.get("/dashboard").text).startswith(f"Stopped on {TODAY:%d %b %Y} by you")
    viewers = _ending(viewer.get(shared).text)
    assert viewers.startswith(f"Stopped on {TODAY:%d %b %Y} by the person")
    assert "exams this month" in viewers and "by you" not in viewers


def test_nothing_is_said_of_an_end_while_it_runs(
    owner_and_viewer: tuple[TestClient, TestClient, str],
) -> None:
    owner, viewer, shared = owner_and_viewer
    page = viewer.get(shared).text
    assert 'id="programme-chart"' in page
    assert _ending(page) == "" == _ending(owner.get("/dashboard").text)
