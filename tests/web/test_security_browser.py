"""In Debian's Chromium: the pages meet their Content-Security-Policy, and the
forms (with their CSRF token) work with JavaScript on and off."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = ("/", "/diary", "/settings", "/check", "/dashboard", "/report", "/questionnaires")


def test_no_page_breaks_its_content_security_policy(phone: Any) -> None:
    violations: list[str] = []
    phone.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in PAGES:
        phone.goto(path)
        phone.wait_for_load_state("networkidle")
    assert violations == []


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_form_with_its_token_saves(chromium: Any, live_server: str, javascript: bool) -> None:
    context = chromium.new_context(base_url=live_server, java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    try:
        tab.goto("/settings")
        tab.get_by_label("Emergency number where you are").fill("999")
        tab.get_by_role("button", name="Save the number").click()
        tab.wait_for_url("**/settings?saved=number*")
        assert tab.get_by_label("Emergency number where you are").input_value() == "999"
    finally:
        context.close()
