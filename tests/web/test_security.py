"""Issue 12 items 1, 2, 3 and 5: pages of other sites cannot change or read the diary.

Each case is a request a hostile page (or a DNS-rebinding one) can make, sent
to the real app in-process; the forms are sent as a browser sends them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import TEST_HOST

from kneewise.settings import DEFAULT_MAX_BODY_BYTES, Settings

EVIL = "https://attacker.example"
SESSION = {"date": "2026-03-02", "activity": "running", "duration_min": "40", "rpe": "5"}
TOKEN = re.compile(r'name="csrftoken" value="([^"]+)"')


def _sessions(client: TestClient) -> list[dict[str, object]]:
    answer = client.get("/api/v1/sessions").json()
    # A plain list, or a page of them with `items` (the API may page its lists).
    sessions: list[dict[str, object]] = answer["items"] if isinstance(answer, dict) else answer
    return sessions


def _session_count(client: TestClient) -> int:
    return len(_sessions(client))


def _page_token(client: TestClient, path: str) -> str:
    match = TOKEN.search(client.get(path).text)
    assert match, f"{path} has no form token"
    return match.group(1)


def _diary_with_a_session(client: TestClient) -> None:
    answer = client.post("/api/v1/sessions", json={**SESSION, "duration_min": 40, "rpe": 5})
    assert answer.status_code == 201, answer.text
    assert _session_count(client) == 1


def test_a_cross_site_form_cannot_wipe_the_diary(bare_client: TestClient) -> None:
    _diary_with_a_session(bare_client)
    # Another site's auto-submitting form: no token, its own Origin (or none at all).
    for headers in ({"origin": EVIL}, {"referer": f"{EVIL}/win.html"}, {}):
        answer = bare_client.post("/settings/delete", data={"confirm": "delete"}, headers=headers)
        assert answer.status_code == 403, answer.text
        assert _session_count(bare_client) == 1
    # With this site's Origin but a forged token: still refused.
    answer = bare_client.post(
        "/settings/delete",
        data={"confirm": "delete", "csrftoken": "forged"},
        headers={"origin": "http://testserver"},
    )
    assert answer.status_code == 403
    assert _session_count(bare_client) == 1


def test_the_page_token_deletes_the_diary(bare_client: TestClient) -> None:
    _diary_with_a_session(bare_client)
    token = _page_token(bare_client, "/settings")
    answer = bare_client.post(
        "/settings/delete",
        data={"confirm": "delete", "csrftoken": token},
        headers={"origin": "http://testserver"},
    )
    assert answer.status_code == 200, answer.text
    assert _session_count(bare_client) == 0


def test_a_cross_site_form_cannot_add_or_delete_sessions(bare_client: TestClient) -> None:
    _diary_with_a_session(bare_client)
    session_id = _sessions(bare_client)[0]["id"]
    added = bare_client.post("/diary/session", data=SESSION, headers={"origin": EVIL})
    deleted = bare_client.post(f"/diary/sessions/{session_id}/delete")
    assert (added.status_code, deleted.status_code) == (403, 403)
    assert _session_count(bare_client) == 1
    # A token from the page, but sent from another site: the Origin check refuses it.
    token = _page_token(bare_client, "/diary")
    answer = bare_client.post(
        f"/diary/sessions/{session_id}/delete", data={"csrftoken": token}, headers={"origin": EVIL}
    )
    assert answer.status_code == 403
    assert _session_count(bare_client) == 1
    # The page's own form, with its token, works without JavaScript.
    answer = bare_client.post(
        "/diary/session", data={**SESSION, "csrftoken": token}, follow_redirects=False
    )
    assert answer.status_code in (200, 303), answer.text
    assert _session_count(bare_client) == 2


def test_every_post_form_carries_the_token(client: TestClient) -> None:
    for path in ("/diary", "/settings", "/check", "/questionnaires/koos"):
        page = client.get(path).text
        forms = re.findall(r'<form method="post".*?</form>', page, flags=re.S)
        assert all('name="csrftoken"' in form for form in forms), path


def test_the_api_refuses_other_sites_and_non_json_bodies(bare_client: TestClient) -> None:
    body = '{"date": "2026-03-02", "activity": "running", "duration_min": 40, "rpe": 5}'
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        answer = bare_client.post(
            "/api/v1/sessions", content=body, headers={"content-type": content_type}
        )
        assert answer.status_code == 415, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
    answer = bare_client.post(
        "/api/v1/sessions",
        content=body,
        headers={"content-type": "application/json", "origin": EVIL},
    )
    assert answer.status_code == 403
    assert _session_count(bare_client) == 0


def test_another_host_name_is_refused(client: TestClient) -> None:
    for path in ("/", "/diary", "/api/v1/sessions"):
        refused = client.get(path, headers={"host": "attacker.example"})
        assert refused.status_code == 400
        assert refused.headers["content-type"] == "application/problem+json"
        assert "KNEEWISE_ALLOWED_HOSTS" in refused.json()["detail"]
        assert "attacker.example" in refused.json()["detail"]
    assert client.get("/diary", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/diary", headers={"host": "localhost"}).status_code == 200
    assert client.get("/diary", headers={"host": "[::1]:8000"}).status_code == 200


def test_the_settings_add_host_names() -> None:
    settings = Settings(allowed_hosts="knee.home.arpa, 192.168.1.20")  # type: ignore[arg-type]
    assert {"knee.home.arpa", "192.168.1.20", "127.0.0.1", "localhost"} <= set(settings.hosts)


def test_security_headers_on_a_page_and_an_api_answer(client: TestClient) -> None:
    for path in ("/diary", "/api/v1/sessions", "/no-such-page"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
        assert "no-store" in headers["cache-control"]


def test_the_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for path in ("/", "/diary", "/settings", "/check", "/dashboard", "/report"):
        page = client.get(path).text
        assert re.search(r"<script(?![^>]*\bsrc=)", page) is None, path
        assert " style=" not in page and "<style" not in page, path
        assert re.search(r"\son[a-z]+=", page) is None, path


def test_an_oversized_body_is_refused_with_the_limit(client: TestClient) -> None:
    big = b'{"notes": "' + b"x" * (DEFAULT_MAX_BODY_BYTES + 10) + b'"}'
    answer = client.post(
        "/api/v1/sessions", content=big, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 413
    assert answer.headers["content-type"] == "application/problem+json"
    assert str(DEFAULT_MAX_BODY_BYTES) in answer.json()["detail"]


def test_an_oversized_body_without_length_is_refused_while_read(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"x" * 65536  # 2.5 MiB in all, no Content-Length

    form = {"content-type": "application/x-www-form-urlencoded"}
    answer = client.post("/settings/delete", content=chunks(), headers=form)
    assert answer.status_code == 413, answer.text
    assert str(DEFAULT_MAX_BODY_BYTES) in answer.text  # the error page names it too
    # A cross-site form without its token is read only up to the limit, then refused.
    client.headers.pop("x-csrftoken")
    answer = client.post("/settings/delete", content=chunks(), headers=form)
    assert answer.status_code == 413, answer.text
    assert str(DEFAULT_MAX_BODY_BYTES) in answer.json()["detail"]
    answer = client.post(
        "/api/v1/sessions", content=chunks(), headers={"content-type": "application/json"}
    )
    assert answer.status_code == 413, answer.text
    assert str(DEFAULT_MAX_BODY_BYTES) in answer.json()["detail"]


def test_a_page_takes_only_url_encoded_forms(client: TestClient) -> None:
    for content_type in ("multipart/form-data", "multipart/form-data; boundary=x", "text/plain"):
        answer = client.post(
            "/settings/delete", content=b"confirm=delete", headers={"content-type": content_type}
        )
        assert answer.status_code == 415, (content_type, answer.text)


def _csrf_set_cookie(client: TestClient, path: str = "/settings") -> str:
    answer = client.get(path)
    found = [v for v in answer.headers.get_list("set-cookie") if v.startswith("csrftoken=")]
    assert found, f"no form-token cookie was set: {answer.headers.get_list('set-cookie')}"
    return found[0].lower()


def test_the_form_token_cookie_is_secure_on_a_server(server_app: FastAPI) -> None:
    """Issue 13 item 7: with accounts on, the CSRF cookie travels over HTTPS only."""
    with TestClient(server_app, base_url=f"https://{TEST_HOST}") as browser:
        assert "; secure" in _csrf_set_cookie(browser, "/login")


def test_the_form_token_cookie_works_over_plain_http_on_a_personal_app(
    bare_client: TestClient,
) -> None:
    """A personal app answers on 127.0.0.1 over plain HTTP: a Secure cookie would never return."""
    assert "; secure" not in _csrf_set_cookie(bare_client)
