"""Issue 13 items 2 and 3: every password check is limited, and no one can lock a person out.

The limits (kneewise.web.auth): failures only, per address at
KNEEWISE_LOGIN_RATE_LIMIT and per name at NAME_FAILURE_LIMIT (NIST SP 800-63B
§5.2.2's 100). Wrong tries at a name from other addresses must not keep the
real person out below that; every form that checks a password (signing in,
changing it, deleting the account) stops answering after too many wrong ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from limits import parse
from tests.conftest import signed_in

from kneewise.accounts.store import authenticate, count_accounts, create_account
from kneewise.web.auth import NAME_FAILURE_LIMIT
from kneewise.web.session_cookie import SESSION_COOKIE

PASSWORD = "a long test password"  # tests.conftest.signed_in's
ADMIN_PASSWORD = "amber lantern 77"


def _address_limit(app: FastAPI) -> int:
    return int(parse(app.state.settings.login_rate_limit).amount)


def _browser(app: FastAPI, host: str) -> TestClient:
    client = TestClient(app, base_url="https://testserver", client=(host, 40000))
    client.get("/login")
    client.headers["x-csrftoken"] = client.cookies["csrftoken"]
    return client


def _sign_in(client: TestClient, name: str, password: str) -> Any:
    form = {"username": name, "password": password, "next": "/"}
    return client.post("/login", data=form, follow_redirects=False)


def test_wrong_tries_from_elsewhere_do_not_keep_the_administrator_out(server_app: FastAPI) -> None:
    """Many more wrong tries than the address limit, each from its own address."""
    create_account(server_app.state.diary, "Chief", ADMIN_PASSWORD, is_admin=True)
    for n in range(3 * _address_limit(server_app)):
        with _browser(server_app, f"192.0.2.{n + 1}") as stranger:
            assert _sign_in(stranger, "chief", f"guess number {n}").status_code == 400
    with _browser(server_app, "203.0.113.5") as owner:
        answer = _sign_in(owner, "CHIEF", ADMIN_PASSWORD)
        assert answer.status_code == 303, answer.text[:300]
        assert SESSION_COOKIE in owner.cookies


def test_a_name_waits_after_nists_limit_of_failures_from_any_address(server_app: FastAPI) -> None:
    create_account(server_app.state.diary, "dana", PASSWORD)
    per_address = _address_limit(server_app) - 1  # no address reaches its own limit
    failures = int(parse(NAME_FAILURE_LIMIT).amount)
    for n in range(failures):
        with _browser(server_app, f"198.51.100.{n // per_address + 1}") as guesser:
            assert _sign_in(guesser, "dana", f"try {n}").status_code == 400
    with _browser(server_app, "203.0.113.9") as owner:
        refused = _sign_in(owner, "dana", PASSWORD)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert "Too many tries" in refused.text
    assert authenticate(server_app.state.diary, "dana", PASSWORD) is not None


def _change_password(client: TestClient, password: str) -> Any:
    new = "a brand new password"
    form = {"current": password, "password": new, "password_again": new}
    return client.post("/account/password", data=form, follow_redirects=False)


def _delete_account(client: TestClient, password: str) -> Any:
    form = {"confirm": "delete my account", "password": password}
    return client.post("/settings/delete-account", data=form, follow_redirects=False)


#: Every form that checks the signed-in person's password, and what it does when right.
PASSWORD_FORMS: dict[str, Callable[[TestClient, str], Any]] = {
    "change the password": _change_password,
    "delete the account": _delete_account,
}


@pytest.mark.parametrize("form", sorted(PASSWORD_FORMS))
def test_a_form_that_checks_the_password_waits_after_too_many_wrong_ones(
    server_app: FastAPI, form: str
) -> None:
    create_account(server_app.state.diary, "boss", ADMIN_PASSWORD, is_admin=True)
    send = PASSWORD_FORMS[form]
    with signed_in(server_app, "erin") as erin:
        for n in range(_address_limit(server_app)):
            assert send(erin, f"not it {n}").status_code == 422
        refused = send(erin, PASSWORD)  # even the right one waits now
        assert refused.status_code == 429, refused.text[:300]
        assert int(refused.headers["retry-after"]) > 0
        assert "Too many tries" in refused.text
    assert authenticate(server_app.state.diary, "erin", PASSWORD) is not None  # unchanged
    assert count_accounts(server_app.state.diary) >= 2  # erin's account is still there
