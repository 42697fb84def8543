"""The web check is post/redirect/get, in-process: every form answers 303 with a page's address.

Back, Forward and reload fetch a page already made (GET), never a form sent again;
every answer and every "don't know" survives them; an expired, unknown or someone
else's draft is a plain 410 page with a link to start again, never a 500; one
person never sees another's draft (accounts on).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from tests.conftest import signed_in
from tests.web.check_helpers import hidden, page_form, stored_state

from kneewise.diary.drafts import LIFETIME, MAX_PAGES, add_page, read_page
from kneewise.diary.models import PERSONAL_ACCOUNT_ID, CheckDraft, CheckDraftPage
from kneewise.diary.repository import delete_everything

STORY = "I'm 34 and twisted my knee playing football yesterday; it swelled up within an hour"
OTHER_STORY = "my kneecap aches going down stairs after running, for three weeks now, I am 17"


def posted(client: TestClient, path: str, data: dict[str, object]) -> httpx.Response:
    """Send a form as a browser does and follow its 303 (which must come, to a GET address)."""
    sent = client.post(path, data=data, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    address = sent.headers["location"]
    assert re.fullmatch(r"/check(/understood|/step)?\?draft=[A-Za-z0-9_-]{24}&at=\d+", address)
    return client.get(address)


def begin(client: TestClient, story: str) -> tuple[httpx.Response, httpx.Response]:
    """The understood page of `story`, and the first question with everything read kept."""
    understood = posted(client, "/check/understood", {"text": story})
    keep = re.findall(r'name="keep" value="([^"]*)"', understood.text)
    data = {**page_form(understood.text), "action": "start", "keep": keep}
    return understood, posted(client, "/check/step", data)


def press(
    client: TestClient, page: httpx.Response, action: str, **fields: object
) -> httpx.Response:
    data = {**page_form(page.text), "action": action, "screen": hidden(page.text, "screen")}
    return posted(client, "/check/step", {**data, **fields})


def answer_first_choice(client: TestClient, page: httpx.Response) -> httpx.Response:
    """Answer a question screen with its first choice (a number screen: its lowest number)."""
    kind, screen = hidden(page.text, "type"), hidden(page.text, "screen")
    assert screen is not None
    if kind == "number":
        low = re.search(r'\smin="([^"]+)"', page.text)
        return press(client, page, "answer", **{screen: low.group(1) if low else "1"})
    if kind in ("tick_any", "several_of"):
        return press(client, page, "answer", none="yes")
    first = re.search(rf'name="{screen}" value="([^"]*)"', page.text)
    assert first is not None, page.text
    return press(client, page, "answer", **{screen: first.group(1)})


def test_every_step_is_a_get_address_that_reloads_as_it_was(client: TestClient) -> None:
    understood, page = begin(client, STORY)
    seen = [understood, page]
    for _ in range(4):
        if hidden(page.text, "screen") is None:
            break  # the result
        page = (
            answer_first_choice(client, page) if len(seen) % 2 else press(client, page, "unknown")
        )
        seen.append(page)
    assert client.get(str(page.url)).text == page.text  # reload: the same page, drawn again
    for earlier in seen:  # Back and Forward: the same screen (an answered one shows its answer)
        again = client.get(str(earlier.url))
        assert again.status_code == 200
        assert hidden(again.text, "screen") == hidden(earlier.text, "screen")
        assert re.findall(r"<h1.*?</h1>", again.text) == re.findall(r"<h1.*?</h1>", earlier.text)
    assert client.get(str(understood.url)).text == understood.text


def test_back_to_an_answered_question_shows_the_answer_given(client: TestClient) -> None:
    _, first = begin(client, STORY)
    answered = answer_first_choice(client, first)
    back = client.get(str(first.url))  # the browser's Back: the page before, fetched again
    assert hidden(back.text, "screen") == hidden(first.text, "screen")
    assert " checked" in back.text or re.search(r'type="number"[^>]*value="[^"]+"', back.text)
    kept = json.loads(stored_state(client, answered))
    assert set(kept["answers"]) > set(json.loads(stored_state(client, first))["answers"])


def test_dont_know_stays_dont_know_after_back_and_forward(client: TestClient) -> None:
    _, first = begin(client, STORY)
    unsure = press(client, first, "unknown")
    back = client.get(str(first.url))
    assert "Last time you answered “Don't know”." in back.text
    assert " checked" not in back.text  # no answer is shown as given
    forward = client.get(str(unsure.url))
    state = json.loads(stored_state(client, forward))
    screen = hidden(first.text, "screen")
    assert state["screens"][-1] == screen and state["unknown"]
    assert not set(state["unknown"]) & set(state["answers"])  # never turned into a "no"


def test_answering_again_after_back_keeps_the_later_pages(client: TestClient) -> None:
    _, first = begin(client, STORY)
    unsure = press(client, first, "unknown")
    again_from_first = answer_first_choice(client, client.get(str(first.url)))
    assert again_from_first.url != unsure.url  # a new page, made from the first
    assert client.get(str(unsure.url)).text == unsure.text  # Forward still shows what it was


def test_a_refused_answer_is_a_page_too(client: TestClient) -> None:
    _, first = begin(client, "")
    refused = press(client, first, "answer", age="300")
    assert refused.status_code == 422 and "Please type a number from 0 to 100" in refused.text
    assert 'value="300"' in refused.text  # what was typed comes back
    assert client.get(str(refused.url)).status_code == 422  # a reload says it again
    back = client.get(str(first.url))
    assert 'value="300"' in back.text  # Back to the question: the refused words kept


def test_write_it_again_and_back_keep_the_story(client: TestClient) -> None:
    understood, _ = begin(client, STORY)
    story_box = posted(client, "/check/step", {**page_form(understood.text), "action": "back"})
    assert story_box.url.path == "/check" and STORY in html.unescape(story_box.text)
    assert client.get(str(story_box.url)).text == story_box.text
    rewritten = posted(client, "/check/understood", {**page_form(story_box.text), "text": STORY})
    assert rewritten.url.params["draft"] == understood.url.params["draft"]  # the same draft


@pytest.mark.parametrize(
    "address",
    [
        "/check/step?draft=AAAAAAAAAAAAAAAAAAAAAAAA&at=0",
        "/check/step?draft=x&at=0",
        "/check/step?draft=&at=",
        "/check/step?at=999999999999999999999",
        "/check/understood?draft=%00%FF&at=1",
        "/check?at=0",
    ],
)
def test_an_unknown_draft_is_a_plain_expired_page(client: TestClient, address: str) -> None:
    answer = client.get(address)
    assert answer.status_code == 410
    assert "This check has expired" in answer.text and 'href="/check"' in answer.text


@pytest.mark.parametrize(
    "form",
    [
        {"draft": "AAAAAAAAAAAAAAAAAAAAAAAA", "at": "0", "action": "unknown"},
        {"draft": "x" * 5000, "at": "1"},
        {"draft": "AAAAAAAAAAAAAAAAAAAAAAAA", "at": "-1"},
        {"at": "0"},
    ],
)
def test_a_form_of_an_unknown_draft_is_the_expired_page(
    client: TestClient, form: dict[str, str]
) -> None:
    for path in ("/check/step", "/check/save"):
        answer = client.post(path, data=form)
        assert answer.status_code == 410 and "This check has expired" in answer.text


def test_an_expired_draft_is_the_expired_page_and_is_removed(client: TestClient) -> None:
    diary = client.app.state.diary  # type: ignore[attr-defined]
    understood, first = begin(client, STORY)
    key = first.url.params["draft"]
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    with diary.accounts().transaction() as session:
        session.execute(update(CheckDraft).where(CheckDraft.key == key).values(expires_at=past))
    assert client.get(str(first.url)).status_code == 410
    gone = client.post("/check/step", data={**page_form(first.text), "action": "unknown"})
    assert gone.status_code == 410
    # The story's page still holds the words: sending it starts a new draft, nothing lost.
    again = posted(client, "/check/understood", {**page_form(understood.text), "text": STORY})
    assert again.url.params["draft"] != key and "What kneewise understood" in again.text
    with diary.accounts().reading() as session:  # the expired draft went when a new one began
        assert session.scalar(select(func.count()).where(CheckDraft.key == key)) == 0
        assert session.scalar(select(func.count()).select_from(CheckDraftPage)) >= 1


def test_each_page_keeps_the_draft_for_a_day_more(client: TestClient) -> None:
    begin(client, STORY)
    diary = client.app.state.diary  # type: ignore[attr-defined]
    with diary.accounts().reading() as session:
        draft = session.scalars(select(CheckDraft)).one()
        left = draft.expires_at.replace(tzinfo=dt.UTC) - dt.datetime.now(dt.UTC)
    assert LIFETIME - dt.timedelta(minutes=5) < left <= LIFETIME


def test_one_person_never_sees_or_changes_anothers_draft(server_app: FastAPI) -> None:
    with signed_in(server_app, "ana") as ana, signed_in(server_app, "ben") as ben:
        understood, first = begin(ana, STORY)
        key = first.url.params["draft"]
        for address in (str(understood.url), str(first.url)):
            seen = ben.get(address)
            assert seen.status_code == 410
            assert "football" not in seen.text and "swell" not in seen.text.lower()
        for path in ("/check/step", "/check/save"):
            refused = ben.post(path, data={**page_form(first.text), "action": "unknown"})
            assert refused.status_code == 410 and "football" not in refused.text
        bens = posted(ben, "/check/understood", {**page_form(first.text), "text": OTHER_STORY})
        assert bens.url.params["draft"] != key  # Ben's words start Ben's own draft
        assert ana.get(str(bens.url)).status_code == 410
        ana_id = first_account_id(server_app, "ana")
        stored = read_page(server_app.state.diary, ana_id, key, 2)
        assert stored is None  # nothing of Ben's was added to Ana's draft
        assert ana.get(str(first.url)).text == first.text  # Ana's pages are as they were


def first_account_id(app: FastAPI, username: str) -> int:
    from kneewise.diary.models import Account

    with app.state.diary.accounts().reading() as session:
        found: int = session.scalars(select(Account.id).where(Account.username == username)).one()
        return found


def test_deleting_everything_deletes_the_checks_in_progress(client: TestClient) -> None:
    diary = client.app.state.diary  # type: ignore[attr-defined]
    _, first = begin(client, STORY)
    delete_everything(diary.for_owner(PERSONAL_ACCOUNT_ID))
    assert client.get(str(first.url)).status_code == 410
    with diary.accounts().reading() as session:
        assert session.scalar(select(func.count()).select_from(CheckDraftPage)) == 0


def test_back_to_what_was_understood_shows_the_boxes_as_left(client: TestClient) -> None:
    understood = posted(client, "/check/understood", {"text": STORY})
    found = re.findall(r'name="keep" value="([^"]*)"', understood.text)
    assert len(found) >= 2 and all(f'value="{f}" checked' in understood.text for f in found)
    kept, dropped = found[1:], found[0]
    posted(client, "/check/step", {**page_form(understood.text), "action": "start", "keep": kept})
    back = client.get(str(understood.url))
    assert f'value="{dropped}">' in back.text  # unticked, as it was left
    assert all(f'value="{f}" checked' in back.text for f in kept)


def test_a_draft_at_its_page_limit_says_so(client: TestClient) -> None:
    _, first = begin(client, STORY)
    diary, key = client.app.state.diary, first.url.params["draft"]  # type: ignore[attr-defined]
    made = int(first.url.params["at"]) + 1
    for _ in range(made, MAX_PAGES):  # the real pages a check sent back and forth would add
        assert add_page(diary, PERSONAL_ACCOUNT_ID, key, 0, {"view": "start", "story": ""})
    full = client.post("/check/step", data={**page_form(first.text), "action": "unknown"})
    assert full.status_code == 410 and "This check is too long to keep going" in full.text
    assert client.get(str(first.url)).text == first.text  # what was answered is still shown


def test_removing_an_account_removes_its_checks_in_progress(server_app: FastAPI) -> None:
    from kneewise.accounts.admin import remove_account
    from kneewise.accounts.store import create_account

    diary = server_app.state.diary
    with signed_in(server_app, "ana") as ana, signed_in(server_app, "ben") as ben:
        begin(ana, STORY)
        begin(ben, OTHER_STORY)
    ana_id, ben_id = first_account_id(server_app, "ana"), first_account_id(server_app, "ben")
    create_account(diary, "cy", "a long test password", is_admin=True)  # so ana may go
    assert PERSONAL_ACCOUNT_ID in (ana_id, ben_id)  # the first account is emptied, not deleted
    for gone, kept in ((ben_id, ana_id), (ana_id, None)):
        remove_account(diary, gone)
        with diary.accounts().reading() as session:
            count = select(func.count()).select_from(CheckDraft)
            assert session.scalar(count.where(CheckDraft.account_id == gone)) == 0
            if kept is not None:  # the other person's check is still there
                assert session.scalar(count.where(CheckDraft.account_id == kept)) == 1
    with diary.accounts().reading() as session:
        assert session.scalar(select(func.count()).select_from(CheckDraftPage)) == 0
