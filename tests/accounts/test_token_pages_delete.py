"""Deleting all the data needs the password, as deleting the account does (trial 20, item 1).

With accounts on, `/settings/delete` takes the confirmation word and the person's
password; a wrong or missing password deletes nothing and says so on the page,
counted against the same attempt limit as signing in. A personal app has no
password: its page asks only for the word.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import signed_in

PASSWORD = "a long test password"
SESSION = {"date": "2026-03-02", "activity": "running", "duration_min": 40, "rpe": 5}


def visible(page: str) -> str:
    """The words a person sees: tags gone, spaces squeezed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def sessions(client: TestClient) -> int:
    return len(client.get("/api/v1/sessions").json()["items"])


@pytest.fixture
def ana(server_app: FastAPI) -> Iterator[TestClient]:
    with signed_in(server_app, "ana", PASSWORD) as browser:
        assert browser.post("/api/v1/sessions", json=SESSION).status_code == 201
        yield browser


@pytest.mark.parametrize(
    "password", ["", "a long test passwor", "A LONG TEST PASSWORD", "ein langes Testpasswort"]
)
def test_the_word_without_the_password_deletes_nothing(ana: TestClient, password: str) -> None:
    answer = ana.post("/settings/delete", data={"confirm": "delete", "password": password})
    assert answer.status_code == 422
    text = visible(answer.text)
    assert "That is not your password; nothing was deleted." in text
    assert "Everything was deleted" not in text
    assert sessions(ana) == 1


def test_the_word_and_the_password_delete_everything(ana: TestClient) -> None:
    answer = ana.post("/settings/delete", data={"confirm": "delete", "password": PASSWORD})
    assert answer.status_code == 200
    assert "Everything was deleted. Your diary is empty." in visible(answer.text)
    assert sessions(ana) == 0
    assert ana.get("/account").status_code == 200  # the account stays, empty


def test_a_wrong_word_is_said_before_the_password_is_tried(ana: TestClient) -> None:
    answer = ana.post("/settings/delete", data={"confirm": "yes", "password": PASSWORD})
    assert answer.status_code == 422
    assert "Type delete to confirm; nothing was deleted." in visible(answer.text)
    assert sessions(ana) == 1


def test_guessing_the_password_here_meets_the_sign_in_limit(ana: TestClient) -> None:
    """Five wrong guesses a minute (KNEEWISE_LOGIN_RATE_LIMIT), then 429 even for the right one."""
    for _ in range(5):
        wrong = ana.post("/settings/delete", data={"confirm": "delete", "password": "guess"})
        assert wrong.status_code == 422
    held = ana.post("/settings/delete", data={"confirm": "delete", "password": PASSWORD})
    assert held.status_code == 429
    assert int(held.headers["retry-after"]) >= 1
    assert "Nothing was deleted." in visible(held.text)
    assert sessions(ana) == 1


def _delete_form(page: str) -> str:
    return page[page.index('action="/settings/delete"') :].split("</form>", 1)[0]


def test_the_page_asks_for_the_password_with_accounts_on(ana: TestClient) -> None:
    shown = ana.get("/settings").text
    form = _delete_form(shown)
    assert 'name="password"' in form and 'type="password"' in form
    assert "Your password" in visible(form)
    assert "Your account stays, with nothing in it." in visible(shown)


def test_a_personal_app_asks_only_for_the_word(client: TestClient) -> None:
    shown = client.get("/settings").text
    assert 'name="password"' not in _delete_form(shown)
    assert "Your account stays" not in visible(shown)
