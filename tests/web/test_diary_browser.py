"""The profile, diary editing and a questionnaire on a phone, in Debian's Chromium.

Runs against the shared live server (conftest.py); entries are dated years
back and logged without effort, so other browser tests' charts of this week
are untouched, and the profile is set back to km and °C at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def fits_a_phone(tab: Any, name: str) -> None:
    """A screenshot at 360 px; the page must not scroll sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}-360.png"), full_page=True)
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name} scrolls sideways at 360 px ({width} px)"


@pytest.fixture
def units_put_back(phone: Any) -> Iterator[Any]:
    yield phone
    phone.goto("/profile")
    phone.get_by_label("kilometres").check()
    phone.get_by_label("degrees Celsius").check()
    phone.get_by_label("not said").check()
    phone.get_by_role("button", name="Save profile").click()
    phone.get_by_text("Profile saved.").wait_for()


def stored_session(tab: Any, notes: str) -> dict[str, Any]:
    listed = tab.request.get("/api/v1/sessions?limit=100").json()["items"]
    (session,) = [s for s in listed if s["notes"] and s["notes"].startswith(notes)]
    return dict(session)


def test_miles_from_the_profile_then_edit_a_session_on_a_phone(units_put_back: Any) -> None:
    tab = units_put_back
    tab.goto("/profile")
    fits_a_phone(tab, "profile")
    tab.get_by_label("left", exact=True).check()
    tab.get_by_label("miles").check()
    tab.get_by_label("degrees Fahrenheit").check()
    tab.get_by_role("button", name="Save profile").click()
    tab.get_by_text("Profile saved.").wait_for()

    tab.goto("/diary")
    tab.get_by_label("Activity", exact=True).fill("rowing")
    long_ago = dt.date.today() - dt.timedelta(days=3 * 365)  # now: Chromium has the real clock
    tab.locator("#session-date").fill(long_ago.isoformat())
    tab.get_by_label("Minutes").fill("30")
    tab.get_by_label("Distance in miles (optional)").fill("3.1")
    tab.get_by_label("Notes (optional)").fill("browser edit check: windy")
    tab.get_by_role("button", name="Save session").click()
    tab.get_by_text("Session saved.").wait_for()
    saved = stored_session(tab, "browser edit check")
    assert saved["rpe"] is None and saved["distance_km"] == pytest.approx(4.989, abs=0.001)

    tab.goto(f"/diary/sessions/{saved['id']}/edit")
    fits_a_phone(tab, "diary-edit")
    assert tab.get_by_label("Distance in miles (optional)").input_value() == "3.1"
    tab.get_by_label("Effort (0–10)").select_option("5")
    tab.get_by_label("Notes (optional)").fill("browser edit check: windy, then calm")
    tab.get_by_role("button", name="Save changes").click()
    tab.get_by_text("Changes saved.").wait_for()
    edited = stored_session(tab, "browser edit check")
    assert (edited["id"], edited["rpe"], edited["load"]) == (saved["id"], 5, 150)
    assert edited["notes"] == "browser edit check: windy, then calm"


def test_sane_is_filled_in_on_a_phone(phone: Any) -> None:
    phone.goto("/questionnaires/sane")
    fits_a_phone(phone, "questionnaire-sane")
    question = "how would you rate your knee today, where 100 is a completely normal knee?"
    phone.get_by_label(question, exact=False).fill("80")
    phone.get_by_role("button", name="Score and save").click()
    phone.get_by_text("Score: 80").wait_for()


def test_kujala_on_a_phone_says_where_to_get_the_form(phone: Any) -> None:
    phone.goto("/questionnaires/kujala")
    fits_a_phone(phone, "questionnaire-kujala")
    phone.get_by_role("heading", name="You need the official form for this one").wait_for()
