"""The browser's Back, Forward and reload on every step of the check, in Debian's Chromium.

Every step is post/redirect/get, so each is fetched again with GET: never
Chromium's "Confirm Form Resubmission" page, never a form sent twice. Back to a
question shows the answer given there (or that it was "Don't know"), Forward the
step after it, reload the same step; with scripts on (htmx loaded, as every page
loads it) and with scripts off.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

pytestmark = pytest.mark.browser

STORY = "I am 45, my knee hurts on the inner side after running"
RESUBMIT = ("Confirm Form Resubmission", "ERR_CACHE_MISS")


@dataclass
class Step:
    """One step as the tab showed it: its address, its heading, and how it was left."""

    url: str
    heading: str
    chosen: str | None = None  # the id of the answer input chosen on it
    dont_know: bool = False


@pytest.fixture(params=[True, False], ids=["scripts-on", "scripts-off"])
def tab(request: pytest.FixtureRequest, chromium: Any, live_server: str) -> Iterator[Any]:
    context = chromium.new_context(
        base_url=live_server, viewport={"width": 360, "height": 780},
        java_script_enabled=request.param,
    )  # fmt: skip
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def heading(tab: Any) -> str:
    text: str = tab.locator("main h1, h1").first.inner_text()
    return text


def fetched_again(tab: Any, response: Any) -> None:
    """The step came back by GET (or whole from the back-forward cache), never re-posted."""
    if response is not None:
        assert response.request.method == "GET", response.request.method
        assert response.status == 200, response.status
    shown = tab.content()
    assert not any(words in shown for words in RESUBMIT), "the browser asked to send again"
    assert "draft=" in tab.url


def press(tab: Any, button: str) -> None:
    with tab.expect_navigation():
        tab.get_by_role("button", name=button).first.click()


def answer(tab: Any, step: Step) -> None:
    """Answer the question on screen with its first answer, remembering which."""
    form = tab.locator("form.question")
    kind = form.locator("input[name=type]").input_value()
    if kind == "number":
        field = form.locator("input[type=number]")
        field.fill(field.get_attribute("min") or "1")
        step.chosen = field.get_attribute("id")
    elif kind in ("tick_any", "several_of"):
        form.locator("input[name=none]").check()
        step.chosen = "none"
    else:
        first = form.locator("fieldset input[type=radio]").first
        first.check()
        step.chosen = first.get_attribute("id")
    press(tab, "Next")


def shows_what_was_given(tab: Any, step: Step) -> None:
    if step.dont_know:
        assert tab.get_by_text("Last time you answered “Don't know”.").is_visible()
    elif step.chosen is not None:
        given = tab.locator(f"[id='{step.chosen}']")
        if given.get_attribute("type") == "number":
            assert given.input_value() != ""
        else:
            assert given.is_checked(), f"{step.heading}: the answer given is not shown"


def test_back_forward_and_reload_at_every_step(tab: Any) -> None:
    tab.goto("/check")
    tab.get_by_label("Tell kneewise about your knee in your own words").fill(STORY)
    press(tab, "Continue")
    steps = [Step(tab.url, heading(tab))]
    assert steps[0].heading == "What kneewise understood"
    kept = tab.locator("input[name=keep]").count()
    press(tab, "Continue")
    for turn in range(60):
        here = Step(tab.url, heading(tab))
        fetched_again(tab, tab.reload())  # reload: the same step
        assert heading(tab) == here.heading
        steps.append(here)
        if tab.locator("section.triage").count():
            break  # the result
        if turn % 2:
            here.dont_know = True
            press(tab, "Don't know")
        else:
            answer(tab, here)
        after = heading(tab)
        fetched_again(tab, tab.go_back())  # Back: this step, with what was given on it
        assert tab.url == here.url and heading(tab) == here.heading
        shows_what_was_given(tab, here)
        fetched_again(tab, tab.go_forward())  # Forward: the step after it again
        assert heading(tab) == after
    assert tab.locator("section.triage").count(), "the result never came"
    # All the way back to the first step, then forward to the result: every step as it was.
    for step in reversed(steps[:-1]):
        fetched_again(tab, tab.go_back())
        assert tab.url == step.url and heading(tab) == step.heading
        shows_what_was_given(tab, step)
    assert tab.locator("input[name=keep]:checked").count() == kept  # what was understood
    for step in steps[1:]:
        fetched_again(tab, tab.go_forward())
        assert tab.url == step.url and heading(tab) == step.heading
