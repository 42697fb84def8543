"""Settings in-process: a message never claims what did not happen (issue 14, item 1)."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY as RUN_DAY

TODAY = RUN_DAY.isoformat()

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def visible(page: str) -> str:
    """The words a person sees: tags, scripts and styles gone, spaces squeezed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _log_a_session(client: TestClient) -> None:
    session = {"date": TODAY, "activity": "running", "duration_min": 40, "rpe": 6}
    assert client.post("/api/v1/sessions", json=session).status_code == 201


@pytest.mark.parametrize("word", ["", "delet", "yes", "DELETE everything", "löschen"])
def test_a_wrong_word_deletes_nothing_and_says_only_that(client: TestClient, word: str) -> None:
    _log_a_session(client)
    answer = client.post("/settings/delete", data={"confirm": word})
    assert answer.status_code == 422
    text = visible(answer.text)
    assert "nothing was deleted" in text
    assert "Deleted" not in text and "diary is empty" not in text
    assert "1 training sessions" in text


def test_the_right_word_deletes_and_the_page_says_so(client: TestClient) -> None:
    _log_a_session(client)
    answer = client.post("/settings/delete", data={"confirm": " Delete "})
    assert answer.status_code == 200
    text = visible(answer.text)
    assert "Everything was deleted. Your diary is empty." in text
    assert "0 training sessions" in text


def test_an_address_cannot_make_the_page_claim_a_deletion(client: TestClient) -> None:
    _log_a_session(client)
    for query in ("?deleted=5", "?deleted=", "?deleted=0"):
        text = visible(client.get(f"/settings{query}").text)
        assert "Everything was deleted" not in text
        assert "Your diary is not empty" in text
    assert "deleted" not in visible(client.get("/settings").text).lower()


def test_where_the_diary_is_kept_is_a_folder_not_a_database_address(client: TestClient) -> None:
    text = visible(client.get("/settings").text)
    assert "sqlite" not in text.lower()
    assert "in the folder" in text
