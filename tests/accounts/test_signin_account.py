"""Making an account, changing the password, signing out everywhere, and a reset code.

On the real app with accounts on (in-process, real SQLite), through the forms
a person fills in. Sign-up follows KNEEWISE_SIGNUP (open, invite, closed);
a password change or reset ends the account's other sessions at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kneewise.accounts.admin import create_reset_code, create_signup_code
from kneewise.accounts.store import (
    authenticate,
    begin_session,
    count_accounts,
    create_access_token,
    create_account,
)
from kneewise.web.session_cookie import SESSION_COOKIE, signed_session_value

PASSWORD = "harbour lantern 7"
NEW_PASSWORD = "quiet meadow 1985"


def browser(app: FastAPI, address: str = "203.0.113.9") -> TestClient:
    client = TestClient(app, base_url="https://testserver", client=(address, 40000))
    client.get("/login")
    client.headers["x-csrftoken"] = client.cookies["csrftoken"]
    return client


def signup_mode(app: FastAPI, mode: str) -> FastAPI:
    app.state.settings = app.state.settings.model_copy(update={"signup": mode})
    return app


def sign_up(client: TestClient, **form: str) -> object:
    return client.post("/signup", data=form, follow_redirects=False)


def error_of(page_text: str) -> str:
    start = page_text.index('role="alert"')
    return page_text[page_text.index(">", start) + 1 : page_text.index("</p>", start)]


@pytest.fixture
def client(server_app: FastAPI) -> Iterator[TestClient]:
    with browser(server_app) as test_client:
        yield test_client


def test_open_sign_up_makes_the_account_and_signs_in(
    server_app: FastAPI, client: TestClient
) -> None:
    signup_mode(server_app, "open")
    form = client.get("/signup")
    assert "Choose a username" in form.text and "Sign-up code" not in form.text
    done = sign_up(client, username="Mia", password=PASSWORD, password_again=PASSWORD)
    assert (done.status_code, done.headers["location"]) == (303, "/")
    assert "Signed in as" in client.get("/diary").text
    assert authenticate(server_app.state.diary, "mia", PASSWORD) is not None


@pytest.mark.parametrize(
    ("form", "said"),
    [
        (
            {"username": "Mia", "password": PASSWORD, "password_again": PASSWORD + "x"},
            "not the same",
        ),
        ({"username": "Mia", "password": "short", "password_again": "short"}, "at least 8"),
        ({"username": "   ", "password": PASSWORD, "password_again": PASSWORD}, "1 to 60"),
        ({"username": "x" * 61, "password": PASSWORD, "password_again": PASSWORD}, "1 to 60"),
    ],
)
def test_a_sign_up_that_cannot_be_done_says_why_and_keeps_the_name(
    server_app: FastAPI, client: TestClient, form: dict[str, str], said: str
) -> None:
    signup_mode(server_app, "open")
    refused = sign_up(client, **form)
    assert refused.status_code == 422
    assert said in error_of(refused.text)
    assert form["password"] not in refused.text
    assert count_accounts(server_app.state.diary) == 0
    assert SESSION_COOKIE not in client.cookies


def test_a_taken_name_is_refused_in_any_case(server_app: FastAPI, client: TestClient) -> None:
    signup_mode(server_app, "open")
    create_account(server_app.state.diary, "mia", PASSWORD)
    refused = sign_up(client, username="MIA", password=NEW_PASSWORD, password_again=NEW_PASSWORD)
    assert refused.status_code == 422 and "taken" in error_of(refused.text)
    assert authenticate(server_app.state.diary, "mia", PASSWORD) is not None


def test_invited_sign_up_needs_a_code_that_works_once(
    server_app: FastAPI, client: TestClient
) -> None:
    signup_mode(server_app, "invite")
    assert "Sign-up code" in client.get("/signup").text
    without = sign_up(client, username="ola", password=PASSWORD, password_again=PASSWORD)
    assert without.status_code == 422 and "sign-up code" in error_of(without.text)
    wrong = sign_up(
        client, username="ola", password=PASSWORD, password_again=PASSWORD, code="AAAA-BBBB"
    )
    assert wrong.status_code == 422 and "does not work" in error_of(wrong.text)
    assert count_accounts(server_app.state.diary) == 0
    code = create_signup_code(server_app.state.diary, created_by=None).code
    assert code is not None
    typed = code.lower().replace("-", " ")  # as read aloud and typed on a phone
    done = sign_up(client, username="ola", password=PASSWORD, password_again=PASSWORD, code=typed)
    assert (done.status_code, done.headers["location"]) == (303, "/")
    with browser(server_app, "198.51.100.20") as second:
        again = sign_up(
            second, username="per", password=PASSWORD, password_again=PASSWORD, code=code
        )
        assert again.status_code == 422 and "already used" in error_of(again.text)
    assert count_accounts(server_app.state.diary) == 1


def test_closed_sign_up_makes_no_account(server_app: FastAPI, client: TestClient) -> None:
    signup_mode(server_app, "closed")
    page = client.get("/signup")
    assert "made by whoever runs this kneewise" in page.text
    assert 'action="/signup"' not in page.text
    refused = sign_up(client, username="eve", password=PASSWORD, password_again=PASSWORD)
    assert refused.status_code == 403
    assert count_accounts(server_app.state.diary) == 0


def test_too_many_sign_ups_from_one_address_wait(server_app: FastAPI, client: TestClient) -> None:
    signup_mode(server_app, "open")
    tries = int(server_app.state.settings.login_rate_limit.split("/")[0])
    for n in range(tries):
        sign_up(client, username=f"bulk{n}", password="short", password_again="short")
    refused = sign_up(client, username="bulk", password=PASSWORD, password_again=PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert count_accounts(server_app.state.diary) == 0


def _signed_in_twice(app: FastAPI) -> tuple[TestClient, TestClient]:
    create_account(app.state.diary, "kai", PASSWORD)
    phone, laptop = browser(app, "203.0.113.30"), browser(app, "203.0.113.31")
    for device in (phone, laptop):
        device.post("/login", data={"username": "kai", "password": PASSWORD})
        assert device.get("/account").status_code == 200
    return phone, laptop


def test_changing_the_password_keeps_this_browser_and_signs_out_the_others(
    server_app: FastAPI,
) -> None:
    phone, laptop = _signed_in_twice(server_app)
    with phone, laptop:
        done = phone.post(
            "/account/password",
            data={"current": PASSWORD, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
            follow_redirects=False,
        )
        assert (done.status_code, done.headers["location"]) == (303, "/account?password=changed")
        assert "Your password is changed" in phone.get(done.headers["location"]).text
        assert laptop.get("/account", follow_redirects=False).status_code == 303
    assert authenticate(server_app.state.diary, "kai", NEW_PASSWORD) is not None
    assert authenticate(server_app.state.diary, "kai", PASSWORD) is None


@pytest.mark.parametrize(
    ("current", "new", "again", "said"),
    [
        ("not it at all", NEW_PASSWORD, NEW_PASSWORD, "current password is not right"),
        (PASSWORD, NEW_PASSWORD, "quiet meadow", "not the same"),
        (PASSWORD, "tiny", "tiny", "at least 8"),
    ],
)
def test_a_password_change_that_cannot_be_done_changes_nothing(
    server_app: FastAPI, current: str, new: str, again: str, said: str
) -> None:
    form = {"current": current, "password": new, "password_again": again}
    phone, laptop = _signed_in_twice(server_app)
    with phone, laptop:
        refused = phone.post("/account/password", data=form)
        assert refused.status_code == 422
        assert said in error_of(refused.text)
        assert laptop.get("/account").status_code == 200  # nobody signed out
    assert authenticate(server_app.state.diary, "kai", PASSWORD) is not None


def test_sign_out_everywhere_ends_every_session_but_keeps_tokens(server_app: FastAPI) -> None:
    phone, laptop = _signed_in_twice(server_app)
    _, token = create_access_token(server_app.state.diary, 1, "watch", ("read",))
    with phone, laptop:
        out = phone.post("/account/sign-out-everywhere", follow_redirects=False)
        assert (out.status_code, out.headers["location"]) == (303, "/login?signed_out=everywhere")
        for device in (phone, laptop):
            assert device.get("/diary", follow_redirects=False).status_code == 303
        shown = phone.get("/login?signed_out=everywhere").text
        assert "signed out on every device" in shown
        api = laptop.get("/api/v1/sessions", headers={"Authorization": f"Bearer {token}"})
        assert api.status_code == 200


def test_account_pages_are_for_a_browser_not_a_token(server_app: FastAPI) -> None:
    person = create_account(server_app.state.diary, "lee", PASSWORD)
    _, token = create_access_token(server_app.state.diary, person.id, "script", ("read", "write"))
    with browser(server_app) as script:
        script.headers["Authorization"] = f"Bearer {token}"
        assert script.get("/account").status_code == 403
        out = script.post("/account/sign-out-everywhere")
        assert out.status_code == 403 and "sign in on the site" in out.text


def test_a_reset_code_sets_a_new_password_once_and_signs_out_elsewhere(
    server_app: FastAPI,
) -> None:
    person = create_account(server_app.state.diary, "noor", PASSWORD)
    old = begin_session(server_app.state.diary, person.id, days=1)
    code = create_reset_code(server_app.state.diary, person.id, created_by=None)
    with browser(server_app) as client:
        form = {"code": code, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
        done = client.post("/reset", data=form, follow_redirects=False)
        assert (done.status_code, done.headers["location"]) == (303, "/account?password=reset")
        assert "noor" in client.get("/account").text
        again = client.post(
            "/reset", data={**form, "password": PASSWORD, "password_again": PASSWORD}
        )
        assert again.status_code == 422 and "already used" in error_of(again.text)
    with browser(server_app, "198.51.100.40") as elsewhere:
        elsewhere.cookies.set(
            SESSION_COOKIE,
            signed_session_value(server_app.state.signing_key, old),
            domain="testserver",
        )
        assert elsewhere.get("/account", follow_redirects=False).status_code == 303
    assert authenticate(server_app.state.diary, "noor", NEW_PASSWORD) is not None


def test_a_weak_password_keeps_the_reset_code_for_another_try(server_app: FastAPI) -> None:
    person = create_account(server_app.state.diary, "rui", PASSWORD)
    code = create_reset_code(server_app.state.diary, person.id, created_by=None)
    with browser(server_app) as client:
        weak = client.post(
            "/reset", data={"code": code, "password": "abc", "password_again": "abc"}
        )
        assert weak.status_code == 422 and "at least 8" in error_of(weak.text)
        assert code in weak.text  # kept in the form
        form = {"code": code, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
        assert client.post("/reset", data=form, follow_redirects=False).status_code == 303


def test_guessing_reset_codes_waits(server_app: FastAPI) -> None:
    tries = int(server_app.state.settings.login_rate_limit.split("/")[0])
    with browser(server_app) as guesser:
        form = {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
        for n in range(tries):
            assert (
                guesser.post("/reset", data={**form, "code": f"GUESS-{n:04d}"}).status_code == 422
            )
        refused = guesser.post("/reset", data={**form, "code": "GUESS-9999"})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0


def test_the_account_page_leads_to_every_account_page_that_works(server_app: FastAPI) -> None:
    import re

    create_account(server_app.state.diary, "ida", PASSWORD, is_admin=True)
    create_account(server_app.state.diary, "jon", PASSWORD)
    for name, admin in (("ida", True), ("jon", False)):
        with browser(server_app, f"198.51.100.{50 + admin}") as client:
            client.post("/login", data={"username": name, "password": PASSWORD})
            page = client.get("/account")
            assert f"You are signed in as <strong>{name}</strong>" in page.text
            links = re.findall(r'<li><a href="(/[^"]*)">', page.text.split("<main", 1)[1])
            assert ("/admin" in links) is admin
            assert {"/sharing", "/shared", "/privacy", "/account/tokens", "/settings"} <= set(links)
            for link in links:
                assert client.get(link, follow_redirects=False).status_code == 200, link
