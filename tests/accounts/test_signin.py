"""Signing in and out on the real app with accounts on (in-process, real SQLite).

What a person does in a browser: the sign-in form, where it goes afterwards
(only ever a page of this site), the session cookie's flags, signing out (the
old cookie then opens nothing), and the limit on sign-in attempts per name and
per address (429 with Retry-After and a plain message).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kneewise.accounts.store import create_account
from kneewise.web.auth import login_url, safe_next
from kneewise.web.session_cookie import SESSION_COOKIE

PASSWORD = "violet staircase 42"
HOME = ("203.0.113.5", 40000)  # documentation addresses (RFC 5737)
OFFICE = ("198.51.100.7", 40000)


def browser(app: FastAPI, address: tuple[str, int] = HOME) -> TestClient:
    """A fresh browser (https, so the Secure cookie is kept) that has opened the sign-in page."""
    client = TestClient(app, base_url="https://testserver", client=address)
    client.get("/login")
    client.headers["x-csrftoken"] = client.cookies["csrftoken"]
    return client


def sign_in(client: TestClient, username: str, password: str, next_page: str = "/") -> object:
    return client.post(
        "/login",
        data={"username": username, "password": password, "next": next_page},
        follow_redirects=False,
    )


@pytest.fixture
def ann(server_app: FastAPI) -> str:
    create_account(server_app.state.diary, "Ann.Lee", PASSWORD)
    return "ann.lee"


@pytest.fixture
def client(server_app: FastAPI) -> Iterator[TestClient]:
    with browser(server_app) as test_client:
        yield test_client


def test_a_page_sends_a_stranger_to_sign_in_and_back_after(
    server_app: FastAPI, ann: str, client: TestClient
) -> None:
    asked = client.get("/diary?day=2026-03-01", follow_redirects=False)
    assert asked.status_code == 303
    assert asked.headers["location"] == "/login?next=/diary%3Fday%3D2026-03-01"
    form = client.get(asked.headers["location"])
    assert "Please sign in to see this page." in form.text
    assert 'name="next" value="/diary?day=2026-03-01"' in form.text
    done = sign_in(client, "ANN.LEE ", PASSWORD, "/diary?day=2026-03-01")
    assert done.status_code == 303
    assert done.headers["location"] == "/diary?day=2026-03-01"
    page = client.get("/diary")
    assert page.status_code == 200
    assert "Signed in as" in page.text and "ann.lee" in page.text
    # Already signed in, the sign-in page goes straight on.
    again = client.get("/login?next=/dashboard", follow_redirects=False)
    assert (again.status_code, again.headers["location"]) == (303, "/dashboard")


OFF_SITE = [
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "javascript:alert(1)",
    "http:/evil.example",
    "evil.example",
    "/login?next=//evil.example",
    "/logout",
    "",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_after_signing_in_only_a_page_of_this_site_is_kept(target: str) -> None:
    assert safe_next(target) == "/"
    assert login_url(target) == "/login"


@pytest.mark.parametrize("target", ["/diary", "/report?weeks=4", "/programme#today", "/a%2F%2Fb"])
def test_a_path_of_this_site_is_kept(target: str) -> None:
    assert safe_next(target) == target


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example", "https://evil.example/"])
def test_a_sign_in_form_with_an_off_site_next_goes_home(
    server_app: FastAPI, ann: str, client: TestClient, target: str
) -> None:
    shown = client.get("/login", params={"next": target})
    assert "evil.example" not in shown.text
    done = sign_in(client, ann, PASSWORD, target)
    assert (done.status_code, done.headers["location"]) == (303, "/")


def test_the_session_cookie_is_signed_httponly_secure_and_same_site(
    server_app: FastAPI, ann: str, client: TestClient
) -> None:
    done = sign_in(client, ann, PASSWORD)
    cookie = done.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    for flag in ("HttpOnly", "Secure", "SameSite=lax", "Path=/", f"Max-Age={14 * 86400}"):
        assert flag in cookie
    # A cookie changed in the browser opens nothing.
    value = client.cookies[SESSION_COOKIE]
    client.cookies.delete(SESSION_COOKIE)
    tampered = value[:-2] + ("AA" if value[-2:] != "AA" else "BB")
    client.cookies.set(SESSION_COOKIE, tampered, domain="testserver")
    assert client.get("/diary", follow_redirects=False).status_code == 303


def test_a_wrong_password_and_an_unknown_name_get_the_same_words(
    server_app: FastAPI, ann: str, client: TestClient
) -> None:
    wrong_password = sign_in(client, ann, "not the password")
    unknown_name = sign_in(client, "nobody.here", PASSWORD)
    assert wrong_password.status_code == unknown_name.status_code == 400
    said = [
        re.search(r'role="alert"[^>]*>([^<]*)<', r.text) for r in (wrong_password, unknown_name)
    ]
    assert said[0] and said[1] and said[0].group(1) == said[1].group(1)
    assert "username or the password is not right" in said[0].group(1)
    assert SESSION_COOKIE not in client.cookies
    # What was typed as the name is kept in the form; the password never is.
    assert 'value="nobody.here"' in unknown_name.text
    assert PASSWORD not in unknown_name.text


def test_signing_in_ends_a_session_planted_before(server_app: FastAPI, ann: str) -> None:
    """Session fixation: a cookie set before signing in is not the one that is signed in."""
    with browser(server_app) as first:
        sign_in(first, ann, PASSWORD)
        planted = first.cookies[SESSION_COOKIE]
        sign_in(first, ann, PASSWORD)
        assert first.cookies[SESSION_COOKIE] != planted
    with browser(server_app, OFFICE) as other:
        other.cookies.set(SESSION_COOKIE, planted, domain="testserver")
        assert other.get("/diary", follow_redirects=False).status_code == 303


def test_signing_out_ends_the_session_on_the_server(
    server_app: FastAPI, ann: str, client: TestClient
) -> None:
    sign_in(client, ann, PASSWORD)
    kept = client.cookies[SESSION_COOKIE]
    out = client.post("/logout", follow_redirects=False)
    assert (out.status_code, out.headers["location"]) == (303, "/login?signed_out=1")
    assert SESSION_COOKIE not in client.cookies
    assert "You are signed out." in client.get("/login?signed_out=1").text
    # A copy of the old cookie (kept by someone else) opens nothing either.
    client.cookies.delete(SESSION_COOKIE)
    client.cookies.set(SESSION_COOKIE, kept, domain="testserver")
    assert client.get("/diary", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/sessions").status_code == 401


def test_signing_out_needs_the_form_token(server_app: FastAPI, ann: str) -> None:
    """Another site cannot sign a person out with a hidden form (CSRF)."""
    with browser(server_app) as client:
        sign_in(client, ann, PASSWORD)
        del client.headers["x-csrftoken"]
        refused = client.post("/logout", follow_redirects=False)
        assert refused.status_code == 403
        assert client.get("/diary").status_code == 200


def _limit(app: FastAPI) -> int:
    return int(app.state.settings.login_rate_limit.split("/")[0])


def test_too_many_failures_from_one_address_are_refused_for_any_name(
    server_app: FastAPI, ann: str
) -> None:
    create_account(server_app.state.diary, "bo", PASSWORD)
    with browser(server_app, OFFICE) as guesser:
        for attempt in range(_limit(server_app)):
            assert sign_in(guesser, f"someone{attempt}", PASSWORD).status_code == 400
        refused = sign_in(guesser, "bo", PASSWORD)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    with browser(server_app, HOME) as elsewhere:  # another address is not held up
        assert sign_in(elsewhere, "bo", PASSWORD).status_code == 303


def test_people_signing_in_from_one_address_do_not_lock_each_other_out(
    server_app: FastAPI,
) -> None:
    """Only failures count against an address: one office, many right passwords."""
    names = [f"player{n}" for n in range(_limit(server_app) + 2)]
    for name in names:
        create_account(server_app.state.diary, name, PASSWORD)
    for name in names:
        with browser(server_app, OFFICE) as client:
            assert sign_in(client, name, PASSWORD).status_code == 303


def test_the_right_password_starts_the_names_count_again(server_app: FastAPI, ann: str) -> None:
    with browser(server_app) as client:
        for _ in range(_limit(server_app) - 1):
            sign_in(client, ann, "a wrong one")
        assert sign_in(client, ann, PASSWORD).status_code == 303
    with browser(server_app, OFFICE) as later:
        for _ in range(_limit(server_app) - 1):
            assert sign_in(later, ann, "wrong again").status_code == 400
        assert sign_in(later, ann, PASSWORD).status_code == 303


def test_a_personal_app_has_no_sign_in(client_personal: TestClient) -> None:
    for path in ("/login", "/signup", "/reset", "/account"):
        answer = client_personal.get(path)
        assert answer.status_code == 404, path
        assert "personal app" in answer.text
    assert client_personal.post("/logout").status_code == 404
    home = client_personal.get("/diary")
    assert home.status_code == 200
    assert "Sign out" not in home.text and "Signed in as" not in home.text


@pytest.fixture
def client_personal(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        test_client.get("/settings")
        test_client.headers["x-csrftoken"] = test_client.cookies["csrftoken"]
        yield test_client


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("KNEEWISE_LOGIN_RATE_LIMIT", "lots", "for example 5/minute"),
        ("KNEEWISE_LOGIN_RATE_LIMIT", "5 a minute", "for example 5/minute"),
        ("KNEEWISE_RATE_LIMIT_STORAGE", "memory", "memory://"),
        ("KNEEWISE_RATE_LIMIT_STORAGE", "postgresql://db/kw", "redis://host:6379"),
        ("KNEEWISE_RATE_LIMIT_STORAGE", "async+memory://", "memory://"),
        ("KNEEWISE_RATE_LIMIT_STORAGE", "nosuch://kw:hunter2@cache", "redis://host:6379"),
        ("KNEEWISE_RATE_LIMIT_STORAGE", "redis://:hunter2@cache:6379", "client library"),
    ],
)
def test_a_rate_limit_setting_that_cannot_work_stops_the_start_in_words(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, said: str
) -> None:
    from kneewise._errors import SettingsError
    from kneewise.settings import load_settings

    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    assert str(refused.value).startswith(f"a setting is not valid: {variable}: ")
    assert said in str(refused.value)
    assert "hunter2" not in str(refused.value)  # a password in the address is never repeated


def test_a_rate_in_other_words_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    from kneewise.settings import load_settings

    monkeypatch.setenv("KNEEWISE_LOGIN_RATE_LIMIT", "10 per hour")
    assert load_settings().login_rate_limit == "10 per hour"
