"""The web pain form: swelling and night pain as yes, no or not noted (never a silent "no").

In-process app on a throwaway SQLite diary (the `client` fixture).
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY as RUN_DAY

from kneewise.diary.repository import list_pain_entries
from kneewise.diary.storage import Diary

TODAY = RUN_DAY.isoformat()

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def diary_of(client: TestClient) -> Diary:
    diary: Diary = client.app.state.diary  # type: ignore[attr-defined]
    return diary


@pytest.mark.parametrize(
    ("swelling", "night_pain", "stored"),
    [
        ("", "", (None, None)),
        ("no", "", (False, None)),
        ("", "yes", (None, True)),
        ("yes", "no", (True, False)),
    ],
)
def test_each_answer_is_stored_as_given(
    client: TestClient, swelling: str, night_pain: str, stored: tuple[bool | None, ...]
) -> None:
    form = {"date": TODAY, "knee": "left", "during": "3", "swelling": swelling,
            "night_pain": night_pain}  # fmt: skip
    assert client.post("/diary/pain", data=form, follow_redirects=False).status_code == 303
    (entry,) = list_pain_entries(diary_of(client))
    assert (entry.swelling, entry.night_pain) == stored


def test_the_form_offers_yes_no_and_not_noted_with_not_noted_chosen(client: TestClient) -> None:
    page = client.get("/diary").text
    for name in ("swelling", "night_pain"):
        choices = re.findall(rf'name="{name}" value="([^"]*)"( checked)?', page)
        assert choices == [("yes", ""), ("no", ""), ("", " checked")]
    assert "not noted" in page


def test_a_refused_entry_comes_back_with_the_answers_kept(client: TestClient) -> None:
    form = {"date": TODAY, "knee": "left", "during": "12", "swelling": "no", "night_pain": "yes"}
    page = client.post("/diary/pain", data=form).text
    assert re.search(r'name="swelling" value="no" checked', page)
    assert re.search(r'name="night_pain" value="yes" checked', page)


def test_the_entry_list_says_a_no_and_says_nothing_for_not_noted(client: TestClient) -> None:
    client.post("/diary/pain", data={"date": TODAY, "knee": "left", "during": "3",
                                     "swelling": "no"})  # fmt: skip
    text = unescape(re.sub(r"<[^>]+>", " ", client.get("/diary").text))
    assert "no swelling" in text
    assert "no night pain" not in text
