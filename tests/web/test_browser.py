"""The web app in Debian's Chromium, driven by Playwright, against the real server.

The app runs under uvicorn in a background thread on a free loopback port with
a throwaway SQLite diary (`live_server` and `chromium` in conftest.py, shared
with the other browser tests). Without /usr/bin/chromium these tests skip
locally and FAIL in CI (`CI=true`), so CI cannot pass without a browser. Screenshots
of each page at 360 and 1280 px go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS = (360, 1280)
STORY = (
    "I'm 34 and twisted my knee playing football yesterday; it swelled up within an hour, no fever"
)


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """The real app under uvicorn (see conftest.py): one server and one browser per session."""
    return live_server


@pytest.fixture(scope="session")
def browser(chromium: Any) -> Any:
    return chromium


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def shoot(page: Any, name: str) -> None:
    """Screenshots of the current page at each width; it must not scroll sideways at 360 px."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        if width == 360:
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 360, f"{name} scrolls sideways at 360 px ({overflow} px)"
    page.set_viewport_size({"width": 1280, "height": 900})


def answer_question(page: Any) -> None:
    """Answer the question on screen plainly: 'no', the first choice, "None of these", a number."""
    form = page.locator("form.question")
    kind = form.locator("input[name=type]").input_value()
    if kind == "yes_no":
        form.locator("input[type=radio][value=no]").check()
    elif kind == "one_of":
        form.locator("input[type=radio]").first.check()
    elif kind == "number":
        field = form.locator("input[type=number]")
        field.fill(field.get_attribute("min") or "1")
    else:  # tick_any, several_of: an untouched screen is not an answer
        form.locator("input[name=none]").check()
    page.get_by_role("button", name="Next").click()


def state_answers(page: Any, basetemp: Path) -> dict[str, Any]:
    """The answers the live server keeps for the check page the tab shows (its draft)."""
    from tests.web.check_helpers import live_state

    answers: dict[str, Any] = live_state(page.url, basetemp)["answers"]
    return answers


def test_a_check_from_free_text_to_result(page: Any) -> None:
    page.goto("/check")
    shoot(page, "check-start")
    page.get_by_label("Tell kneewise about your knee in your own words").fill(STORY)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="What kneewise understood").wait_for()
    assert page.get_by_label("age: 34", exact=False).is_checked()
    shoot(page, "check-understood")
    page.get_by_role("button", name="Continue").click()
    first = True
    for _ in range(40):
        page.wait_for_selector("form.question, section.triage")
        if page.locator("section.triage").count():
            break
        if first:
            assert page.locator("progress").count() == 1
            page.get_by_text("Why are you asking?").click()
            assert page.locator("details.why p").is_visible()
            shoot(page, "check-question")
            first = False
        answer_question(page)
    banner = page.locator("section.triage")
    assert banner.is_visible()
    assert "triage-urgent" in (banner.get_attribute("class") or "")
    assert page.get_by_role("heading", name="What is probably going on").is_visible()
    assert page.locator("ol.sources li").count() > 0
    assert page.get_by_role("button", name="Print").is_visible()
    shoot(page, "check-result")


def test_go_back_and_change_an_answer(page: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    page.goto("/check")
    page.get_by_role("button", name="Continue").click()  # no words: straight to the questions
    age = page.locator("input#age")
    age.fill("30")
    page.get_by_role("button", name="Next").click()
    page.wait_for_selector("form.question:not(:has(input#age))")
    second = page.locator("legend h1").inner_text()
    assert state_answers(page, tmp_path_factory.getbasetemp()) == {"age": 30}
    page.get_by_role("button", name="Back").click()
    page.wait_for_selector("input#age")
    assert page.locator("input#age").input_value() == "30"
    page.locator("input#age").fill("70")
    page.get_by_role("button", name="Next").click()
    page.wait_for_selector("form.question:not(:has(input#age))")
    assert state_answers(page, tmp_path_factory.getbasetemp()) == {"age": 70}
    assert page.locator("legend h1").inner_text()
    assert second


def test_log_a_session_and_pain_and_see_them_on_the_dashboard(page: Any) -> None:
    page.goto("/diary")
    shoot(page, "diary")
    page.get_by_label("Activity", exact=True).fill("running")
    page.get_by_label("Minutes").fill("45")
    page.get_by_label("Effort (0–10)").select_option("6")
    page.get_by_role("button", name="Save session").click()
    page.get_by_text("Session saved.").wait_for()
    page.get_by_label("left", exact=True).check()
    page.get_by_label("During activity").select_option("4")
    page.get_by_label("Next morning").select_option("3")
    page.get_by_role("button", name="Save pain").click()
    page.get_by_text("Pain saved.").wait_for()
    page.goto("/dashboard")
    today = dt.date.today()
    week = (today - dt.timedelta(days=today.weekday())).isoformat()
    # The same charts as the report's: 45 min × effort 6 = 270, in the bar and the description.
    for size in ("wide", "phone"):
        load = page.locator(f"#load-chart .chart-{size} svg")
        bar = load.locator(f'rect.bar[data-week="{week}"]')
        assert bar.get_attribute("data-load") == "270"
        assert "load 270" in (bar.locator("title").text_content() or "")
        assert "latest week 270" in (load.locator("desc").text_content() or "")
        pain = page.locator(f"#pain-chart .chart-{size} svg")
        during = pain.locator(".point-during title")
        assert (during.text_content() or "").endswith("during activity 4/10")
        assert "Highest during activity: 4/10" in (pain.locator("desc").text_content() or "")
        day = page.locator(f'#pain-calendar .chart-{size} rect[data-date="{today}"] title')
        assert (day.text_content() or "").endswith("pain 4/10")
    for width, shown in ((1280, "wide"), (360, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        for chart in ("#load-chart", "#pain-chart", "#pain-calendar"):
            svg = page.locator(f"{chart} .chart-{shown} svg")
            assert svg.is_visible(), f"{chart} at {width} px shows its {shown} chart"
            assert svg.get_attribute("width") == "100%" and svg.get_attribute("viewBox")
            box, figure = svg.bounding_box(), page.locator(chart).bounding_box()
            assert box and figure and abs(box["width"] - figure["width"]) < 1
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
            assert drawn_as_written(svg) == [], f"{chart} at {width} px is drawn wrong"
    shoot(page, "dashboard")


#: For each shape of a chart, where the browser drew it (getBBox, after the page's CSS)
#: against the geometry its attributes give; any difference is listed.
DRAWN_AS_WRITTEN = """svg => {
  const wrong = [];
  for (const shape of svg.querySelectorAll("rect, circle")) {
    const box = shape.getBBox();
    const attr = (name) => parseFloat(shape.getAttribute(name) || "0");
    const written = shape.tagName === "rect"
      ? [attr("x"), attr("y"), attr("width"), attr("height")]
      : [attr("cx") - attr("r"), attr("cy") - attr("r"), 2 * attr("r"), 2 * attr("r")];
    const drawn = [box.x, box.y, box.width, box.height];
    if (drawn.some((value, i) => Math.abs(value - written[i]) > 0.05)) {
      wrong.push(`${shape.tagName}.${shape.getAttribute("class")}: ${written} drawn ${drawn}`);
    }
  }
  return wrong;
}"""


def drawn_as_written(svg: Any) -> list[str]:
    """The shapes of a chart the browser draws other than its SVG says (empty when right)."""
    wrong: list[str] = svg.evaluate(DRAWN_AS_WRITTEN)
    return wrong


@pytest.mark.parametrize(
    ("path", "name"),
    [("/", "start"), ("/questionnaires", "questionnaires"),
     ("/questionnaires/visa-p", "questionnaire-visa-p"), ("/settings", "settings")],
)  # fmt: skip
def test_pages_fit_a_phone_and_a_desktop(page: Any, path: str, name: str) -> None:
    page.goto(path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    shoot(page, name)


def test_download_the_report_and_find_the_figures(page: Any, base_url: str, tmp_path: Path) -> None:
    import httpx

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        reason = "pdftotext is missing: install Debian's poppler-utils package"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    today = dt.date.today().isoformat()
    with httpx.Client(base_url=base_url) as api:
        api.post(
            "/api/v1/pain", json={"date": today, "knee": "right", "during": 8}
        ).raise_for_status()
        answers = {"answers": {"age": 34, "swelling": "within_2h"}}
        api.get("/settings").raise_for_status()  # the form token, as a page gives it
        token = {"x-csrftoken": api.cookies["csrftoken"]}
        saved = api.post("/check/save", data={"state": json.dumps(answers)}, headers=token)
        assert saved.status_code == 303, saved.text
    page.goto("/report")
    shoot(page, "report")
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download the PDF").click()
    pdf = tmp_path / "report.pdf"
    waiting.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert "34-year-old" in text
    assert "Worst pain during activity: 8/10" in text
    assert "BE SEEN TODAY" in text
