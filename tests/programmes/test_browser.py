"""The programme page on a 360-px phone in Debian's Chromium: start, see today's exercises with
their pictures, log a session with one tap, and see the next step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def _fits(tab: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}-360.png"), full_page=True)
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name} scrolls sideways at 360 px ({width} px)"


def test_start_a_programme_and_log_todays_session_on_a_phone(phone: Any) -> None:
    tab = phone
    tab.goto("/programme")
    if tab.get_by_role("button", name="Stop this programme").count():
        tab.get_by_role("button", name="Stop this programme").click()
    tab.get_by_text("General knee strength").click()
    tab.locator("details[open]").get_by_role("button", name="Start it").click()
    tab.get_by_role("heading", name="Today's exercises").wait_for()
    assert tab.locator(".exercise svg").count() == 4
    assert (
        tab.locator(".exercise svg title").first.text_content() == "Straight leg lift, lying down"
    )
    _fits(tab, "programme-today")
    tab.get_by_label("Pain during the exercises (0 none, 10 worst)").select_option("2")
    tab.get_by_role("button", name="Done", exact=True).click()
    tab.get_by_text("Logged.").wait_for()
    assert "Stay at 'Basic strength'" in tab.locator(".notice[role=status]").first.text_content()
    assert "1 of 3" in tab.locator("table").text_content()
    _fits(tab, "programme-logged")
    status = tab.request.get("/api/v1/programme").json()
    assert status["sessions"][-1]["pain_during"] == 2
    tab.get_by_role("button", name="Stop this programme").click()
    tab.get_by_role("heading", name="Exercise programme").wait_for()
