"""The administrator's page (/admin): accounts, reset codes, sign-up invitations.

Only an administrator signed in with a password gets it; a person who is not
one finds nothing there (404) and can make no code; an access token is
refused, even an administrator's; nobody signed in is sent to sign in; a
personal app has no such page. The page shows names and dates, never a diary.
A code made there works once, on the pages that take it (/reset, /signup).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.conftest import TEST_HOST, signed_in, with_form_token

from kneewise.accounts.admin import sign_up_with_code, use_reset_code
from kneewise.accounts.store import (
    authenticate,
    begin_session,
    create_access_token,
    create_account,
)
from kneewise.diary.models import PasswordReset, SignupInvitation
from kneewise.settings import load_settings
from kneewise.web import create_app
from kneewise.web.session_cookie import SESSION_COOKIE, signed_session_value

CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
ADMIN_PASSWORD = "the administrator's password"
MARKER = "quokkarelay"  # an activity in ben's diary: never on the administrator's page


def browser_of(app: FastAPI, account_id: int) -> TestClient:
    """A browser signed in as an existing account (https, with the form token)."""
    token = begin_session(app.state.diary, account_id, days=1)
    browser = TestClient(app, base_url=f"https://{TEST_HOST}")
    # No domain: the cookie jar reads the dotless "testserver" as "testserver.local".
    browser.cookies.set(SESSION_COOKIE, signed_session_value(app.state.signing_key, token))
    return with_form_token(browser)


@pytest.fixture
def root(server_app: FastAPI) -> Iterator[TestClient]:
    person = create_account(server_app.state.diary, "root", ADMIN_PASSWORD, is_admin=True)
    with browser_of(server_app, person.id) as browser:
        yield browser


@pytest.fixture
def ben(server_app: FastAPI, root: TestClient) -> Iterator[TestClient]:
    # Made after root, so ben does not claim the first account.
    with signed_in(server_app, "ben", "ben's old password") as browser:
        yield browser


def count(app: FastAPI, table: type[PasswordReset] | type[SignupInvitation]) -> int:
    with app.state.diary.accounts().reading() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def ben_id(app: FastAPI) -> int:
    from kneewise.accounts.admin import find_account

    return find_account(app.state.diary, "ben").id


def test_the_administrator_sees_the_accounts_and_no_diary(
    server_app: FastAPI, root: TestClient, ben: TestClient
) -> None:
    logged = ben.post(
        "/api/v1/sessions",
        json={"date": "2026-01-05", "activity": MARKER, "duration_min": 30, "rpe": 5},
    )
    assert logged.status_code == 201
    page = root.get("/admin")
    assert page.status_code == 200
    assert "ben" in page.text and "root" in page.text and "administrator" in page.text
    assert MARKER not in page.text
    assert page.headers["cache-control"] == "no-store"


def test_a_reset_code_is_shown_once_and_sets_a_new_password(
    server_app: FastAPI, root: TestClient, ben: TestClient
) -> None:
    made = root.post(f"/admin/accounts/{ben_id(server_app)}/reset-code")
    assert made.status_code == 201
    (code,) = set(CODE.findall(made.text))
    assert "Reset code for ben" in made.text and "24 hours" in made.text
    assert code not in root.get("/admin").text
    assert ben.get("/account").status_code == 200  # the old password's session goes on
    use_reset_code(server_app.state.diary, code, "ben's new password")
    assert authenticate(server_app.state.diary, "ben", "ben's new password") is not None
    refused = ben.get("/api/v1/pain")
    assert refused.status_code == 401  # a reset ends every session


def test_a_reset_code_for_no_account_is_not_found(server_app: FastAPI, root: TestClient) -> None:
    assert root.post("/admin/accounts/999/reset-code").status_code == 404
    assert count(server_app, PasswordReset) == 0


def test_signup_codes_by_invitation(server_app: FastAPI, root: TestClient) -> None:
    made = root.post("/admin/signup-codes")
    assert made.status_code == 201
    (code,) = set(CODE.findall(made.text))
    page = root.get("/admin")
    assert code not in page.text
    assert "Codes not used yet" in page.text
    (withdraw,) = re.findall(r'action="(/admin/signup-codes/\d+/withdraw)"', page.text)
    person = sign_up_with_code(server_app.state.diary, code, "cy", "cy's own password")
    assert person.username == "cy"
    assert "Codes not used yet" not in root.get("/admin").text
    assert root.post(withdraw).status_code == 404  # used: nothing left to withdraw


def test_a_withdrawn_signup_code_stops_working(server_app: FastAPI, root: TestClient) -> None:
    (code,) = set(CODE.findall(root.post("/admin/signup-codes").text))
    (withdraw,) = re.findall(
        r'action="(/admin/signup-codes/\d+/withdraw)"', root.get("/admin").text
    )
    done = root.post(withdraw, follow_redirects=False)
    assert done.status_code == 303
    assert "no longer works" in root.get(done.headers["location"]).text
    from kneewise._errors import AccountError

    with pytest.raises(AccountError, match="withdrawn"):
        sign_up_with_code(server_app.state.diary, code, "dee", "dee's own password")


@pytest.mark.parametrize(
    ("signup", "says"), [("open", "without a code"), ("closed", "command line")]
)
def test_no_signup_code_when_signup_is_not_by_invitation(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    signup: str,
    says: str,
) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path_factory.mktemp(signup)))
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_ALLOWED_HOSTS", TEST_HOST)
    monkeypatch.setenv("KNEEWISE_ACCOUNTS", "true")
    monkeypatch.setenv("KNEEWISE_SECRET_KEY", "a test key that is long enough to sign with")
    monkeypatch.setenv("KNEEWISE_SIGNUP", signup)
    app = create_app(load_settings())
    person = create_account(app.state.diary, "root", ADMIN_PASSWORD, is_admin=True)
    with browser_of(app, person.id) as root:
        assert f"KNEEWISE_SIGNUP is <code>{signup}</code>" in root.get("/admin").text
        refused = root.post("/admin/signup-codes")
        assert refused.status_code == 409
        assert says in refused.text
        assert not CODE.search(refused.text)
    assert count(app, SignupInvitation) == 0


@pytest.mark.parametrize(
    "path",
    ["/admin", "/admin/accounts/1/reset-code", "/admin/signup-codes",
     "/admin/signup-codes/1/withdraw"],
)  # fmt: skip
def test_a_person_who_is_not_an_administrator_finds_nothing(
    server_app: FastAPI, ben: TestClient, path: str
) -> None:
    answer = ben.get(path) if path == "/admin" else ben.post(path)
    assert answer.status_code == 404
    assert not CODE.search(answer.text) and "root" not in answer.text
    assert count(server_app, PasswordReset) == count(server_app, SignupInvitation) == 0


def test_an_access_token_is_refused_even_an_administrators(
    server_app: FastAPI, root: TestClient
) -> None:
    _, token = create_access_token(server_app.state.diary, 1, "script", ("read", "write"))
    with TestClient(server_app, base_url=f"https://{TEST_HOST}") as script:
        script.headers["Authorization"] = f"Bearer {token}"
        assert script.get("/admin").status_code == 403
        assert script.post("/admin/accounts/1/reset-code").status_code == 403
    assert count(server_app, PasswordReset) == 0


def test_nobody_signed_in_is_sent_to_sign_in(server_app: FastAPI, root: TestClient) -> None:
    with TestClient(server_app, base_url=f"https://{TEST_HOST}") as stranger:
        answer = stranger.get("/admin", follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/login")
        assert stranger.post("/admin/signup-codes", follow_redirects=False).status_code in (
            303,
            403,  # a form post without this browser's form token
        )
    assert count(server_app, SignupInvitation) == 0


def test_a_personal_app_has_no_administration(client: TestClient) -> None:
    answer = client.get("/admin")
    assert answer.status_code == 404
    assert client.post("/admin/signup-codes").status_code == 404
