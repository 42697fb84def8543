"""Issue 8, case 1, in Debian's Chromium at 360 px: the emergency comes first, on a phone.

"My knee is hot, red and swollen since yesterday and I have a temperature of
39" already gives an emergency: the result, with a button to call the local
emergency number, must be on screen before any further question, and what
the person said (fever, hot, red) must still be in the answers the page
carries. Screenshots go to test-artifacts/ (look at them: they are what a
person sees on a small phone).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.web.check_helpers import live_state

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CASE_1 = "my knee is hot, red and swollen since yesterday and I have a temperature of 39"


def carried(page: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The state kept on the live server for the page the tab shows (its address names it)."""
    return live_state(page.url, tmp_path_factory.getbasetemp())


def fits(page: Any, name: str) -> None:
    """A screenshot of the whole page; it must not scroll sideways at 360 px."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-360.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name} scrolls sideways at 360 px ({width} px)"


def test_case_1_emergency_first_on_a_phone(
    phone: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    phone.goto("/check")
    phone.get_by_label("Tell kneewise about your knee in your own words").fill(CASE_1)
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("heading", name="What kneewise understood").wait_for()
    phone.get_by_role("button", name="Continue").click()
    phone.wait_for_selector("form.question, section.triage")

    assert phone.locator("form.question").count() == 0, "a question came before the emergency"
    banner = phone.locator("section.triage")
    assert "triage-emergency" in (banner.get_attribute("class") or "")
    call = phone.get_by_role("link", name="Call 112")
    assert call.get_attribute("href") == "tel:112"
    box = call.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 780, "the call button is below the fold"
    assert box["height"] >= 44, "the call button is too small to tap"
    answers = carried(phone, tmp_path_factory)["answers"]
    assert (answers["fever"], answers["warm"], answers["red"]) == (True, True, True)
    phone.screenshot(path=str(ARTIFACTS / "check-case-1-emergency-360-first-screen.png"))
    fits(phone, "check-case-1-emergency")

    phone.get_by_role("button", name="Help the doctor: answer a few more questions").click()
    phone.wait_for_selector("form.question")
    assert phone.get_by_role("link", name="Call 112").is_visible()
    assert phone.get_by_text("Question 1 ·").is_visible()
    answers = carried(phone, tmp_path_factory)["answers"]
    assert (answers["fever"], answers["warm"], answers["red"]) == (True, True, True)
    fits(phone, "check-case-1-optional-question")

    phone.get_by_role("button", name="Skip to my result").click()
    phone.wait_for_selector("section.triage")
    assert phone.locator("form.question").count() == 0
    assert phone.get_by_role("link", name="Call 112").is_visible()


def test_all_dont_know_says_what_could_not_be_ruled_out(phone: Any) -> None:
    phone.goto("/check")
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_text("Question 1 ·").wait_for()
    for _ in range(60):
        if phone.locator("section.triage").count():
            break
        phone.get_by_role("button", name="Don't know").click()
        phone.wait_for_selector("form.question, section.triage")
    assert phone.get_by_role("heading", name="kneewise could not rule out").is_visible()
    assert phone.get_by_role("heading", name="You said you don't know").is_visible()
    assert phone.get_by_text("None of the warning signs").count() == 0
    fits(phone, "check-all-dont-know-result")


def test_none_of_these_and_an_item_exclude_each_other(phone: Any) -> None:
    phone.goto("/check")
    phone.get_by_role("button", name="Continue").click()
    phone.locator("input#age").fill("30")
    phone.get_by_role("button", name="Next").click()
    phone.wait_for_selector("input[name=none]")
    first = phone.locator("input[name=ticked]").first
    none = phone.locator("input[name=none]")
    first.check()
    none.check()
    assert not first.is_checked()
    first.check()
    assert not none.is_checked()
    first.uncheck()
    phone.get_by_role("button", name="Next").click()  # nothing ticked: refused, said plainly
    phone.get_by_role("alert").wait_for()
    assert "None of these" in phone.get_by_role("alert").inner_text()
    fits(phone, "check-grouped-refused")


def press(page: Any, button: str) -> None:
    """Press a button that sends a form, and wait for the page it brings (not the old one)."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


FIRST_ANSWER_FOCUSED = """() => {
  const first = document.querySelector("form.question fieldset input:not([type=hidden])");
  return first !== null && document.activeElement === first;
}"""


FIRST_ANSWER_CHECKED = """() =>
  document.querySelector("form.question fieldset input:not([type=hidden])").checked"""


def test_the_keyboard_starts_at_the_answers_on_every_screen(phone: Any) -> None:
    """One Tab-free keypress answers: the focus is on the first answer of each question."""
    phone.goto("/check")
    press(phone, "Continue")
    screens = 0
    for _ in range(60):
        phone.wait_for_selector("form.question, section.triage")
        if phone.locator("section.triage").count():
            break
        assert phone.evaluate(FIRST_ANSWER_FOCUSED), f"screen {screens + 1}: focus is elsewhere"
        phone.keyboard.press("Space")  # the key reaches the answer
        kind = phone.locator("form.question input[name=type]").input_value()
        if kind != "number":
            assert phone.evaluate(FIRST_ANSWER_CHECKED), "Space did not choose the answer"
        if kind == "tick_any":
            phone.keyboard.press("Space")  # untick: "Don't know" keeps a ticked box as a yes
        press(phone, "Don't know")
        screens += 1
    assert screens >= 10


def test_reloading_a_question_shows_it_with_everything_said(
    phone: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    story = "I am 45, my knee hurts on the inner side after running"
    phone.goto("/check")
    phone.get_by_label("Tell kneewise about your knee in your own words").fill(story)
    press(phone, "Continue")
    press(phone, "Continue")
    press(phone, "Don't know")
    phone.wait_for_selector("form.question")
    question = phone.locator("legend h1").inner_text()
    before = carried(phone, tmp_path_factory)
    reloaded = phone.reload()
    assert reloaded is not None and reloaded.request.method == "GET"
    assert phone.locator("legend h1").inner_text() == question
    assert carried(phone, tmp_path_factory) == before and before["story"] == story
    fits(phone, "check-reloaded")


def test_a_new_tab_on_a_step_address_offers_to_start_again(chromium: Any, live_server: str) -> None:
    context = chromium.new_context(base_url=live_server, viewport={"width": 360, "height": 780})
    tab = context.new_page()
    answer = tab.goto("/check/step")
    assert answer is not None and answer.status == 410
    assert tab.get_by_role("heading", name="This check has expired").is_visible()
    assert tab.get_by_role("link", name="Start the check again").is_visible()
    context.close()


def test_write_it_again_keeps_the_story(phone: Any) -> None:
    story = "twisted it skiing on Sunday, heard a pop, it gives way on stairs; I'm 28"
    phone.goto("/check")
    box = phone.get_by_label("Tell kneewise about your knee in your own words")
    box.fill(story)
    press(phone, "Continue")
    press(phone, "Write it again")
    assert box.input_value() == story
