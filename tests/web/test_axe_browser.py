"""Every page, at 360 and 1280 px, in Debian's Chromium: axe-core finds nothing, nothing
scrolls sideways on a phone (the page or a box in it), no internal field name shows, and a
screenshot of each goes to test-artifacts/screenshots/.

"Every page" is found, not listed: the pages linked from the start page and from
each page reached (same site, not downloads or the API), plus the check's
screens reached by answering (words, what was understood, each kind of
question, a refused answer, the optional questions after an emergency and the
results). The diary behind them holds 10 weeks of sessions and pain, so the
dashboard's charts and tables are drawn full.

axe-core 4.14.1 is vendored from the npm registry (tests/web/vendor/, licence
kept) and run through Playwright's evaluate, which the pages' CSP does not
block; the pages are tested under their real policy.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
import uvicorn

from kneewise.diary.records import LABELS
from kneewise.intake import INTAKE_FIELDS
from kneewise.settings import Settings
from kneewise.web import create_app

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS = (360, 1280)
#: Links that are not pages a person reads here: downloads, the API and its docs (Swagger
#: UI is a vendored third-party page, tested for working offline in test_pages_api_docs).
NOT_PAGES = re.compile(r"^/(api/|openapi\.json|cds-services|static/)|\.(json|zip|pdf|csv)(\?|$)")
STORY = "I'm 34 and twisted my knee playing football yesterday; it swelled up within an hour"
EMERGENCY = "my knee is hot, red and swollen since yesterday and I have a temperature of 39"
#: Internal names no page may show: field and choice names with an underscore.
RAW_NAMES = sorted(
    {n for f, spec in INTAKE_FIELDS.items() for n in (f, *spec.choices) if "_" in n}
    | {name for name in LABELS if "_" in name}
)
#: Boxes on the page that scroll sideways (a table or chart too wide for a phone).
SCROLLS_INSIDE = """() => [...document.querySelectorAll("main *")]
  .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.checkVisibility()
    && ["auto", "scroll"].includes(getComputedStyle(e).overflowX))
  .map((e) => e.className || e.tagName)"""
VIOLATIONS = """async () => {
  const found = await axe.run(document, { resultTypes: ["violations"] });
  return found.violations.map((v) => `${v.id} (${v.impact}): ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; "));
}"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _fill_the_diary(base_url: str) -> None:
    """Ten weeks of sessions and pain, a profile-free diary as a person would keep it."""
    today = dt.date.today()
    with httpx.Client(base_url=base_url) as api:
        for days_ago in range(70):
            day = (today - dt.timedelta(days=days_ago)).isoformat()
            if days_ago % 7 not in (2, 5):
                activity = ("running", "football", "cycling")[days_ago % 3]
                session = {"date": day, "activity": activity, "duration_min": 30 + days_ago % 40}
                api.post("/api/v1/sessions", json={**session, "rpe": 3 + days_ago % 6})
            if days_ago % 2 == 0:
                pain = {"date": day, "knee": "left", "during": days_ago % 7, "after": 2}
                api.post("/api/v1/pain", json={**pain, "next_morning": days_ago % 5})


@pytest.fixture(scope="module")
def full_server(tmp_path_factory: pytest.TempPathFactory, chromium: Any) -> Iterator[str]:
    """The real app under uvicorn over its own diary, filled (the shared one stays as its
    tests expect it)."""
    app = create_app(
        Settings(
            data_dir=tmp_path_factory.mktemp("axe-diary"), database_url=None,
            emergency_number="112",
        )
    )  # fmt: skip
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    base_url = f"http://127.0.0.1:{config.port}"
    _fill_the_diary(base_url)
    yield base_url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def tab(request: pytest.FixtureRequest, chromium: Any, full_server: str) -> Iterator[Any]:
    width: int = request.param
    context = chromium.new_context(
        base_url=full_server, viewport={"width": width, "height": 900},
        is_mobile=width < 600, has_touch=width < 600,
    )  # fmt: skip
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


def examine(page: Any, name: str, problems: dict[str, list[str]]) -> None:
    """axe-core on the page as it stands, its width on a phone, and a screenshot."""
    width = page.viewport_size["width"]
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found: list[str] = page.evaluate(VIOLATIONS)
    sideways = page.evaluate("document.documentElement.scrollWidth")
    if sideways > width:
        found.append(f"scrolls sideways: {sideways} px wide at {width} px")
    inside: list[str] = page.evaluate(SCROLLS_INSIDE)
    found += [f"scrolls sideways inside {where}" for where in inside]
    text: str = page.evaluate("document.body.innerText")
    found += [f"shows the internal name {raw}" for raw in RAW_NAMES if raw in text]
    if found:
        problems[f"{name} at {width} px"] = found
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "start"
    page.screenshot(path=str(SCREENSHOTS / f"{slug}-{width}.png"), full_page=True)


def _links(page: Any) -> set[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    here = urlparse(page.url).netloc
    found = set()
    for href in hrefs:
        url = urlparse(href)
        path = url.path + (f"?{url.query}" if url.query else "")
        if url.netloc == here and not NOT_PAGES.search(path):
            found.add(path)
    return found


def test_every_linked_page_passes_axe_and_fits(tab: Any) -> None:
    problems: dict[str, list[str]] = {}
    seen: set[str] = set()
    waiting = ["/", "/dashboard?weeks=52", "/check/step", "/no-such-page"]
    while waiting and len(seen) < 60:
        path = waiting.pop(0)
        if path in seen:
            continue
        seen.add(path)
        tab.goto(path)
        examine(tab, path, problems)
        waiting += sorted(_links(tab) - seen)
    assert len(seen) >= 10, f"only {sorted(seen)} were found"
    assert problems == {}, problems


def _until(page: Any, done: Callable[[Any], bool], step: Callable[[Any], None]) -> None:
    for _ in range(60):
        page.wait_for_selector("form.question, section.triage")
        if done(page):
            return
        step(page)
    raise AssertionError("the check never reached the screen it looked for")


def press(page: Any, button: str) -> None:
    """Press a button that sends a form, and wait for the page it brings (not the old one)."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def _dont_know(page: Any) -> None:
    press(page, "Don't know")


def test_every_screen_of_the_check_passes_axe_and_fits(tab: Any) -> None:
    problems: dict[str, list[str]] = {}
    tab.goto("/check")
    tab.get_by_label("Tell kneewise about your knee in your own words").fill(STORY)
    press(tab, "Continue")
    tab.get_by_role("heading", name="What kneewise understood").wait_for()
    examine(tab, "check understood", problems)
    press(tab, "Continue")
    _until(tab, lambda page: page.locator("section.triage").count() > 0, _dont_know)
    examine(tab, "check result", problems)

    tab.goto("/check")
    press(tab, "Continue")  # no words: every kind of question
    kinds: set[str] = set()

    def every_kind(page: Any) -> bool:
        if page.locator("section.triage").count():
            return True
        kind = page.locator("form.question input[name=type]").input_value()
        if kind not in kinds:
            kinds.add(kind)
            examine(page, f"check question {kind}", problems)
        return False

    _until(tab, every_kind, _dont_know)
    examine(tab, "check result all dont know", problems)
    assert kinds == {"number", "tick_any", "one_of", "yes_no", "several_of"}, kinds

    tab.goto("/check")
    press(tab, "Continue")
    tab.locator("form.question").wait_for()
    press(tab, "Next")  # nothing chosen: refused, said plainly
    tab.get_by_role("alert").wait_for()
    examine(tab, "check question refused", problems)

    tab.goto("/check")
    tab.get_by_label("Tell kneewise about your knee in your own words").fill(EMERGENCY)
    press(tab, "Continue")
    tab.get_by_role("heading", name="What kneewise understood").wait_for()
    examine(tab, "check understood emergency", problems)
    press(tab, "Continue")
    tab.locator("section.triage").wait_for()
    examine(tab, "check result emergency", problems)
    press(tab, "Help the doctor: answer a few more questions")
    tab.locator("form.question").wait_for()
    examine(tab, "check question optional", problems)
    assert problems == {}, problems
