"""The API documentation works offline (issue 14, item 6): Swagger UI is vendored from the
npm registry and started by our own script, under a CSP that names no other host."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient


def test_the_docs_page_names_no_other_host(client: TestClient) -> None:
    answer = client.get("/api/docs")
    assert answer.status_code == 200
    hosts = {urlparse(u).netloc for u in re.findall(r"(?:https?:)?//[^\s\"'<>]+", answer.text)}
    assert hosts <= {"testserver"}, f"the page loads from {hosts - {'testserver'}}"
    linked = re.findall(r'(?:src|href)="([^"]+)"', answer.text)
    assert any(path.endswith("swagger-ui-bundle.js") for path in linked)
    for path in (p for p in linked if not p.startswith("data:")):
        fetched = client.get(path)
        assert fetched.status_code == 200, path
        assert len(fetched.content) > 0


def test_the_docs_page_policy_allows_only_this_site(client: TestClient) -> None:
    policy = client.get("/api/docs").headers["content-security-policy"]
    assert "http" not in policy
    scripts = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert scripts.split() == ["script-src", "'self'"]


def test_the_start_script_turns_the_validator_badge_off(client: TestClient) -> None:
    script = client.get("/static/api-docs.js").text
    assert "validatorUrl: null" in script


@pytest.mark.browser
def test_the_docs_render_with_the_network_cut_off(chromium: Any, live_server: str) -> None:
    context = chromium.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    elsewhere: list[str] = []
    here = urlparse(live_server).netloc

    def only_here(route: Any) -> None:
        if urlparse(route.request.url).netloc == here:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_here)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.goto("/api/docs")
    tab.get_by_text("/api/v1/assess").first.wait_for(timeout=45_000)
    assert tab.get_by_role("heading", name=re.compile("kneewise")).first.is_visible()
    assert elsewhere == []
    assert problems == []
    context.close()
