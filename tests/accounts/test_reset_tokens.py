"""Issue 13 item 4: a reset code (account recovery) stops every access token too.

Whoever knew the old password may have made tokens with it; a reset must not
leave them working. A password change and "sign out everywhere" keep tokens
working, and the account page says so, with the way to stop them.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import TEST_HOST, signed_in

from kneewise.accounts.admin import create_reset_code
from kneewise.accounts.store import create_access_token, create_account, person_of_token

NEW_PASSWORD = "a fresh password after the reset"


def _reset_with_code(app: FastAPI, code: str) -> object:
    with TestClient(app, base_url=f"https://{TEST_HOST}", follow_redirects=False) as browser:
        browser.get("/reset")
        browser.headers["x-csrftoken"] = browser.cookies["csrftoken"]
        form = {"code": code, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
        answer = browser.post("/reset", data=form)
        assert answer.status_code == 303, answer.text[:300]
        return browser.get(answer.headers["location"]).text


def test_a_reset_stops_every_access_token_of_that_account_only(server_app: FastAPI) -> None:
    diary = server_app.state.diary
    boss = create_account(diary, "boss", "the administrator's password", is_admin=True)
    ivy = create_account(diary, "ivy", "ivy's old password").id
    kai = create_account(diary, "kai", "kai's own password").id
    ivy_tokens = [create_access_token(diary, ivy, name, ("read",))[1] for name in ("w", "s")]
    _, kai_token = create_access_token(diary, kai, "watch", ("read",))
    with TestClient(server_app, base_url=f"https://{TEST_HOST}") as program:
        auth = {"Authorization": f"Bearer {ivy_tokens[0]}"}
        assert program.get("/api/v1/pain", headers=auth).status_code == 200
    page = _reset_with_code(server_app, create_reset_code(diary, ivy, created_by=boss.id))
    assert "access tokens were stopped" in page and 'href="/account/tokens"' in page
    assert all(person_of_token(diary, token) is None for token in ivy_tokens)
    assert person_of_token(diary, kai_token) is not None  # another account's are untouched
    with TestClient(server_app, base_url=f"https://{TEST_HOST}") as program:
        auth = {"Authorization": f"Bearer {ivy_tokens[0]}"}
        assert program.get("/api/v1/pain", headers=auth).status_code == 401


def test_the_reset_page_says_tokens_stop(server_app: FastAPI) -> None:
    with TestClient(server_app, base_url=f"https://{TEST_HOST}") as browser:
        assert "stops all your access tokens" in " ".join(browser.get("/reset").text.split())


def test_the_account_page_says_tokens_outlive_a_change_and_signing_out(server_app: FastAPI) -> None:
    with signed_in(server_app, "lou") as lou:
        page = " ".join(lou.get("/account").text.split())
    assert page.count("keep working") >= 2 and 'href="/account/tokens"' in page
