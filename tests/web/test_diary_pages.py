"""The diary, profile and profile API pages in-process on a throwaway SQLite diary.

Edit forms, notes, an optional effort, units from the profile, plain-language
messages: what a person sees on the diary pages.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY as RUN_DAY

from kneewise.diary.entries import get_pain_entry, get_session
from kneewise.diary.repository import list_pain_entries, list_sessions

#: Stored field names that must never reach a screen.
STORED_NAMES = re.compile(r"\b(duration_min|distance_km|next_morning|stiffness_min|rpe must)\b")
TODAY = RUN_DAY.isoformat()

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def diary_of(client: TestClient) -> object:
    return client.app.state.diary  # type: ignore[attr-defined]


def visible_text(html: str) -> str:
    """The page as read: no tags, no attribute values (where field names belong)."""
    return unescape(re.sub(r"<[^>]+>", " ", html))


def log_session(client: TestClient, **fields: str) -> object:
    form = {"activity": "running", "date": TODAY, "duration_min": "40", **fields}
    return client.post("/diary/session", data=form, follow_redirects=False)


def test_a_session_with_notes_and_no_effort_is_saved_and_said_to_be_out_of_the_load(
    client: TestClient,
) -> None:
    answer = log_session(client, notes="hill repeats, left knee ached at the end")
    assert answer.status_code == 303
    (stored,) = list_sessions(diary_of(client))
    assert stored.notes == "hill repeats, left knee ached at the end" and stored.rpe is None
    page = client.get("/diary").text
    assert "hill repeats, left knee ached at the end" in page
    assert "no effort given, not in the load" in page
    assert "left out of the training load" in page


def test_mistakes_are_named_by_their_labels_and_long_text_by_its_limit(
    client: TestClient,
) -> None:
    answer = log_session(client, duration_min="-4", distance="much", notes="x" * 2500)
    assert answer.status_code == 422
    text = visible_text(answer.text)
    assert "Duration must be minutes" in text
    assert "Distance must be kilometres" in text
    assert "Notes must be text of at most 2000 characters; got a text of 2500 characters" in text
    assert not STORED_NAMES.search(text), STORED_NAMES.search(text)
    alert = answer.text.split('role="alert"')[1].split("</div>")[0]
    assert "x" * 100 not in alert  # named by its length, not echoed
    assert "x" * 2500 in answer.text  # yet what was typed is still in the form, not lost
    answer = log_session(client, activity="a" * 41)
    assert "Activity must be a name of 1-40 letters" in visible_text(answer.text)
    assert list_sessions(diary_of(client)) == []


def test_a_pain_entry_without_findings_names_them_in_words(client: TestClient) -> None:
    answer = client.post("/diary/pain", data={"date": TODAY, "knee": "left"})
    assert answer.status_code == 422
    text = visible_text(answer.text)
    assert "pain during activity, pain after activity, pain the next morning" in text
    assert not STORED_NAMES.search(text)


def test_a_session_is_edited_on_its_own_page(client: TestClient) -> None:
    log_session(client, rpe="6", distance="10", notes="tempo")
    (stored,) = list_sessions(diary_of(client))
    form = client.get(f"/diary/sessions/{stored.id}/edit")
    assert form.status_code == 200 and 'value="tempo"' not in form.text and ">tempo<" in form.text
    changed = {"activity": "trail running", "date": TODAY, "duration_min": "55", "rpe": "",
               "distance": "12.5", "notes": "tempo, then easy"}  # fmt: skip
    answer = client.post(f"/diary/sessions/{stored.id}", data=changed, follow_redirects=False)
    assert answer.status_code == 303
    edited = get_session(diary_of(client), stored.id or 0)
    assert edited is not None
    assert (edited.activity, edited.duration_min, edited.rpe, edited.distance_km, edited.notes) == (
        "trail_running",
        55,
        None,
        12.5,
        "tempo, then easy",
    )
    bad = client.post(f"/diary/sessions/{stored.id}", data={**changed, "rpe": "12"})
    assert bad.status_code == 422 and "Effort (RPE) must be a number from 0 to 10" in bad.text
    assert client.get("/diary/sessions/999/edit").status_code == 404


def test_a_pain_edit_keeps_a_no_and_refuses_another_entrys_day(client: TestClient) -> None:
    for knee in ("left", "right"):
        client.post("/diary/pain", data={"date": TODAY, "knee": knee, "during": "3"})
    left, right = sorted(list_pain_entries(diary_of(client)), key=lambda e: e.knee)
    form = {"date": TODAY, "knee": "left", "during": "3", "after": "5", "swelling": "no",
            "night_pain": "", "stiffness_min": "20",
            "location": ["kneecap", "below_kneecap"]}  # fmt: skip
    answer = client.post(f"/diary/pain/{left.id}", data=form, follow_redirects=False)
    assert answer.status_code == 303
    edited = get_pain_entry(diary_of(client), left.id or 0)
    assert edited is not None
    assert (edited.after, edited.swelling, edited.night_pain, edited.stiffness_min) == (
        5,
        False,
        None,
        20,
    )
    assert edited.location == ("kneecap", "below_kneecap")
    page = client.get(f"/diary/pain/{left.id}/edit").text
    assert re.search(r'<option value="no" selected>no</option>', page)
    clash = client.post(f"/diary/pain/{left.id}", data={**form, "knee": "right"})
    assert clash.status_code == 422 and "already a pain entry for the right knee" in clash.text
    assert get_pain_entry(diary_of(client), right.id or 0) == right


def test_the_profile_page_sets_the_knee_and_miles_and_the_diary_follows(
    client: TestClient,
) -> None:
    page = client.get("/profile")
    assert page.status_code == 200 and "Show distances in" in page.text
    saved = client.post(
        "/profile",
        data={
            "knee": "left",
            "age": "16",
            "sports": "Football, basketball",
            "distance_unit": "mi",
            "temperature_unit": "F",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    profile = client.get("/api/v1/profile").json()
    assert profile | {"sports": None} == {
        "age": 16, "sex": None, "height_cm": None, "weight_kg": None, "sports": None,
        "knee": "left", "distance_unit": "mi", "temperature_unit": "F", "time_zone": None,
    }  # fmt: skip
    assert profile["sports"] == ["football", "basketball"]
    diary = client.get("/diary").text
    assert (
        "Distance in miles" in diary and 'id="knee-left" name="knee" value="left" checked' in diary
    )
    log_session(client, distance="3.1", rpe="4")
    (stored,) = list_sessions(diary_of(client))
    assert stored.distance_km == pytest.approx(4.989, abs=0.001)
    assert "3.1 mi" in client.get("/diary").text
    too_far = log_session(client, distance="700")
    assert "Distance must be miles, from 0 to 621.37" in too_far.text


def test_the_profile_page_refuses_bad_values_in_words(client: TestClient) -> None:
    answer = client.post("/profile", data={"age": "3", "distance_unit": "furlongs"})
    assert answer.status_code == 422
    text = visible_text(answer.text)
    assert "Age must be whole years from 5 to 100; got '3'" in text
    assert "Distance unit must be km (kilometres) or mi (miles); got 'furlongs'" in text
    assert 'value="3"' in answer.text  # what was typed comes back


def test_the_profile_api_replaces_and_patches(client: TestClient) -> None:
    put = client.put("/api/v1/profile", json={"knee": "right", "age": 70, "sports": ["hiking"]})
    assert put.status_code == 200 and put.json()["age"] == 70
    patch = client.patch("/api/v1/profile", json={"distance_unit": "mi"})
    assert patch.json() | {"sports": []} == {**put.json(), "distance_unit": "mi", "sports": []}
    assert patch.json()["sports"] == ["hiking"]
    cleared = client.patch("/api/v1/profile", json={"age": None})
    assert cleared.json()["age"] is None and cleared.json()["knee"] == "right"
    bad = client.patch("/api/v1/profile", json={"age": 300})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith(
        "application/problem+json"
    )
    (problem,) = bad.json()["errors"]
    assert problem["field"] == "age" and "100" in problem["message"]
    unknown = client.patch("/api/v1/profile", json={"shoe_size": 44})
    assert unknown.status_code == 422


def test_patch_changes_only_the_fields_sent(client: TestClient) -> None:
    made = client.post(
        "/api/v1/sessions",
        json={"date": "2024-05-01", "activity": "running", "duration_min": 40, "rpe": 6,
              "distance_km": 8, "notes": "tempo"},
    )  # fmt: skip
    session_id = made.json()["id"]
    patched = client.patch(f"/api/v1/sessions/{session_id}", json={"rpe": 7, "notes": None})
    assert patched.status_code == 200
    body = patched.json()
    assert (body["rpe"], body["notes"], body["distance_km"], body["load"]) == (7, None, 8, 280)
    refused = client.patch(f"/api/v1/sessions/{session_id}", json={"duration_min": -1})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "duration_min"
    assert client.patch("/api/v1/sessions/999", json={"rpe": 1}).status_code == 404

    left = client.post("/api/v1/pain", json={"date": "2024-05-01", "knee": "left", "during": 2})
    client.post("/api/v1/pain", json={"date": "2024-05-01", "knee": "right", "during": 5})
    entry = left.json()["id"]
    changed = client.patch(f"/api/v1/pain/{entry}", json={"after": 4, "swelling": False})
    assert (changed.json()["during"], changed.json()["after"], changed.json()["swelling"]) == (
        2, 4, False
    )  # fmt: skip
    clash = client.patch(f"/api/v1/pain/{entry}", json={"knee": "right"})
    assert clash.status_code == 409 and "already holds" in clash.json()["detail"]
    emptied = client.patch(f"/api/v1/pain/{entry}", json={"during": None, "after": None,
                                                           "swelling": None})  # fmt: skip
    assert emptied.status_code == 422 and "at least one of" in emptied.json()["detail"]


def test_older_entries_are_listed_page_by_page_with_edit_links(client: TestClient) -> None:
    for day in range(1, 26):
        log_session(client, date=f"2024-03-{day:02d}", rpe="6.5", duration_min="45")
    diary = client.get("/diary").text
    assert 'href="/diary/entries"' in diary and "effort 6.5 · load 292.5" in diary
    first, second = client.get("/diary/entries").text, client.get("/diary/entries?page=2").text
    assert "page 1 of 2" in first and "2024-03-25" in first and "2024-03-05" not in first
    assert "2024-03-05" in second and "2024-03-01" in second and "2024-03-25" not in second
    assert len(re.findall(r'href="/diary/sessions/\d+/edit"', second)) == 5
    assert client.get("/diary/entries?page=0").status_code == 422


def test_no_knee_is_guessed_on_the_pain_form(client: TestClient) -> None:
    """A fresh diary picks no knee for the person: a guessed one would be saved unseen."""
    form = client.get("/diary").text
    assert not re.search(r'name="knee" value="(left|right)" checked', form)
    refused = client.post("/diary/pain", data={"date": TODAY, "during": "3"})
    assert refused.status_code == 422
    assert "knee" in visible_text(refused.text).lower()
    assert list_pain_entries(diary_of(client)) == []  # type: ignore[arg-type]
    client.put("/api/v1/profile", json={"knee": "left"})
    chosen = client.get("/diary").text
    assert re.search(r'name="knee" value="left" checked', chosen)
    assert not re.search(r'name="knee" value="right" checked', chosen)
