"""Installable on a phone, and a diary entry made offline is kept and sent, in Chromium.

Debian's Chromium under Playwright at 360 px (`phone`, `live_server` in conftest.py):
the manifest is fetched and parsed without errors, the service worker controls the page,
a pain entry logged while offline waits in the browser and reaches the diary through the
API once back online, a refused entry is shown and kept, and a page opened offline is the
offline page.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

WAITING = "Saved on this phone, will be sent when you are back online"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
VIOLATIONS = """async () => (await axe.run(document, { resultTypes: ["violations"] }))
  .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""


def accessible(phone: Any) -> None:
    """axe-core finds nothing and the page does not scroll sideways at 360 px."""
    phone.evaluate(AXE.read_text(encoding="utf-8"))
    assert phone.evaluate(VIOLATIONS) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def controlled(phone: Any) -> None:
    """Open the diary and wait until the service worker controls it."""
    phone.goto("/diary")
    phone.wait_for_function(
        "() => Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)"
    )


def test_manifest_is_valid_and_the_worker_controls_the_page(
    chromium: Any, live_server: str, tmp_path: Path
) -> None:
    answer = httpx.get(f"{live_server}/manifest.webmanifest")
    assert answer.headers["content-type"].startswith("application/manifest+json")
    manifest = answer.json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    sizes = {(i["sizes"], i["purpose"]) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert httpx.get(f"{live_server}{icon['src']}").status_code == 200
    # A profile on disk: Chromium checks installability only outside off-the-record
    # profiles, and Playwright's ordinary contexts are off the record.
    context = chromium.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
        base_url=live_server, viewport={"width": 360, "height": 780}, is_mobile=True,
    )  # fmt: skip
    try:
        phone = context.pages[0] if context.pages else context.new_page()
        controlled(phone)
        cdp = context.new_cdp_session(phone)
        parsed = cdp.send("Page.getAppManifest")
        assert parsed["url"].endswith("/manifest.webmanifest")
        assert parsed["errors"] == []
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        worker = phone.evaluate("navigator.serviceWorker.controller.scriptURL")
        assert worker == f"{live_server}/sw.js"
    finally:
        context.close()


def test_pain_logged_offline_is_kept_then_sent(phone: Any, live_server: str) -> None:
    day = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    controlled(phone)
    phone.context.set_offline(True)
    form = phone.locator("form[data-offline-queue=pain]")
    form.locator("#knee-right").check()
    form.locator("#pain-date").fill(day)
    form.locator("#pain-after").select_option("6")
    form.locator("#pain-swelling-yes").check()
    form.get_by_role("button", name="Save pain").click()
    status = phone.locator("#offline-queue")
    status.get_by_text(WAITING).wait_for()
    assert "Pain, right" in status.inner_text()
    accessible(phone)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "offline-queued-360.png"), full_page=True)
    phone.context.set_offline(False)
    status.get_by_text("Sent to your diary").wait_for()
    assert WAITING not in status.inner_text()
    saved = httpx.get(f"{live_server}/api/v1/pain", params={"limit": 100}).json()["items"]
    mine = [e for e in saved if e["date"] == day and e["knee"] == "right"]
    assert len(mine) == 1
    # What was said is kept; what was not said (during, night pain) stays unknown, not "no".
    assert mine[0]["after"] == 6 and mine[0]["swelling"] is True
    assert mine[0]["during"] is None and mine[0]["night_pain"] is None


def test_a_form_that_cannot_reach_the_server_is_kept_too(phone: Any, live_server: str) -> None:
    """The browser says online but the connection drops (a lift, a tunnel): nothing is lost."""
    day = (dt.date.today() - dt.timedelta(days=5)).isoformat()
    controlled(phone)
    phone.context.route("**/diary/session", lambda route: route.abort("internetdisconnected"))
    form = phone.locator("form[data-offline-queue=session]")
    form.locator("#session-activity").fill("rowing")
    form.locator("#session-date").fill(day)
    form.locator("#session-duration").fill("35")
    form.locator("#session-rpe").select_option("4")
    form.get_by_role("button", name="Save session").click()
    status = phone.locator("#offline-queue")
    status.get_by_text(WAITING).wait_for()
    phone.context.unroute("**/diary/session")
    phone.reload()
    status.get_by_text("Sent to your diary").wait_for()
    saved = httpx.get(f"{live_server}/api/v1/sessions", params={"limit": 100}).json()["items"]
    mine = [s for s in saved if s["date"] == day and s["activity"] == "rowing"]
    assert [(s["duration_min"], s["rpe"]) for s in mine] == [(35, 4)]


def test_a_refused_entry_is_shown_and_kept_until_removed(phone: Any) -> None:
    controlled(phone)
    phone.context.set_offline(True)
    form = phone.locator("form[data-offline-queue=session]")
    form.locator("#session-activity").fill("cycling")
    # A date in the future slips past the offline form once its limit is lifted (an old page
    # left open past midnight does the same the other way); the server refuses it.
    form.locator("#session-date").evaluate("(field) => field.removeAttribute('max')")
    form.locator("#session-date").fill((dt.date.today() + dt.timedelta(days=30)).isoformat())
    form.locator("#session-duration").fill("45")
    form.get_by_role("button", name="Save session").click()
    status = phone.locator("#offline-queue")
    status.get_by_text(WAITING).wait_for()
    phone.context.set_offline(False)
    status.get_by_text("the diary refused it").wait_for()
    text = status.inner_text()
    assert "Date" in text and "duration_min" not in text
    accessible(phone)
    kept = phone.evaluate(
        """() => new Promise((done) => { const o = indexedDB.open("kneewise-offline");
        o.onsuccess = () => { const r = o.result.transaction("entries").objectStore("entries")
        .getAll(); r.onsuccess = () => done(JSON.stringify(r.result)); }; })"""
    )
    assert [e["state"] for e in json.loads(kept)] == ["refused"]
    status.get_by_role("button", name="Remove it from this phone").click()
    status.wait_for(state="hidden")


def test_a_page_opened_offline_is_the_offline_page(phone: Any) -> None:
    controlled(phone)
    phone.context.set_offline(True)
    phone.goto("/dashboard")
    assert phone.get_by_role("heading", level=1).inner_text() == "No connection to kneewise"
    assert "saved on this phone" in phone.locator("main").inner_text()
    accessible(phone)
