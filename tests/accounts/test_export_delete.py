"""Export of everything an account holds, deleting the account, and no-store on every answer.

Real app with accounts on (SQLite), people made by `signed_in`, sharing made
with the sharing store; what is left after a deletion is read from the
database itself.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from tests._clock import TODAY as RUN_DAY
from tests.accounts.test_audit import log_of, personal_routes, summary
from tests.conftest import TEST_HOST, signed_in

from kneewise.accounts.admin import count_admins
from kneewise.accounts.sharing import make_invitation, redeem_invitation, stop_sharing
from kneewise.accounts.store import begin_session, create_access_token, create_account
from kneewise.diary.models import ALL_TABLES, Account, AuditEvent, Base
from kneewise.settings import Settings
from kneewise.web import create_app
from kneewise.web.session_cookie import SESSION_COOKIE, signed_session_value

TODAY = RUN_DAY.isoformat()
PASSWORD = "a long test password"
ANA_NOTE = "ana's knee clicked on the okapi stairs"
BEN_NOTE = "ben rode the zebra tram"

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def visible(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def account_id(app: FastAPI, username: str) -> int:
    with app.state.diary.accounts().reading() as session:
        found = session.scalar(select(Account.id).where(Account.username == username))
    assert found is not None
    return found


def fill(client: TestClient, note: str) -> dict[str, int]:
    """A session, a pain entry and a profile through the API; their ids."""
    session = {"date": TODAY, "activity": "running", "duration_min": 30, "rpe": 5, "notes": note}
    made = client.post("/api/v1/sessions", json=session)
    pain = client.post("/api/v1/pain", json={"date": TODAY, "knee": "left", "during": 4})
    profile = client.put("/api/v1/profile", json={"age": 41, "sports": ["running"]})
    assert (made.status_code, pain.status_code, profile.status_code) == (201, 201, 200)
    return {"session": made.json()["id"], "pain": pain.json()["id"]}


def rows_of(app: FastAPI, owner: int) -> int:
    """How many rows of the person's data the database still holds, every owned table."""
    tables = [t.__tablename__ for t in (*ALL_TABLES, AuditEvent)]
    with app.state.diary.engine.connect() as connection:
        return sum(
            connection.execute(
                text(f"SELECT count(*) FROM {name} WHERE owner_id = :owner"), {"owner": owner}
            ).scalar_one()
            for name in tables
        )


def administrator(app: FastAPI, username: str = "admin") -> None:
    """An administrator besides the people tested (the first account named is one)."""
    create_account(app.state.diary, username, PASSWORD, is_admin=True)


def share(app: FastAPI, owner: str, viewer: str, role: str = "clinician") -> int:
    _, code = make_invitation(app.state.diary, account_id(app, owner), role)
    return redeem_invitation(app.state.diary, account_id(app, viewer), code).id


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FastAPI]:
    """The app with accounts on over SQLite, then over a database on the throwaway PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("server_app")
        return
    server = request.getfixturevalue("postgres_server")
    name = f"kneewise_c_{uuid.uuid4().hex[:12]}"
    server.admin(f"CREATE DATABASE {name}")
    app = create_app(
        Settings(
            data_dir=tmp_path,
            database_url=server.url(name),
            accounts=True,
            secret_key="a test key that is long enough to sign with",
            allowed_hosts=[TEST_HOST],
        )
    )
    try:
        yield app
    finally:
        app.state.diary.close()
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# Export


def test_the_account_export_holds_everything_of_the_account_and_nothing_of_others(
    any_server: FastAPI,
) -> None:
    with signed_in(any_server, "ana") as ana, signed_in(any_server, "ben") as ben:
        fill(ana, ANA_NOTE)
        fill(ben, BEN_NOTE)
        share(any_server, "ana", "ben")
        create_access_token(
            any_server.state.diary, account_id(any_server, "ana"), "watch", ("read",)
        )
        answer = ana.get("/api/v1/export/account")
        page_file = ana.get("/settings/export.json")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    assert "attachment" in answer.headers["content-disposition"]
    document = answer.json()
    assert document["format"] == "kneewise-diary" and document["version"] == 2
    assert document["account"]["username"] == "ana"
    assert [s["notes"] for s in document["sessions"]] == [ANA_NOTE]
    assert len(document["pain_entries"]) == 1 and document["profile"]["age"] == 41
    assert [(s["with"], s["role"], s["stopped"]) for s in document["shared_with"]] == [
        ("ben", "clinician", None)
    ]
    assert [(t["name"], t["scopes"]) for t in document["access_tokens"]] == [("watch", ["read"])]
    assert {e["route"] for e in document["audit_log"]} >= {"POST /api/v1/sessions"}
    assert document["programmes"] == []
    whole = answer.text
    assert BEN_NOTE not in whole and "zebra" not in whole
    assert "token_hash" not in whole and "kw_" not in whole and "password" not in whole
    # The settings page's "Download all" is the same document.
    same = json.loads(page_file.text)
    assert same["sessions"] == document["sessions"] and same["account"] == document["account"]


def test_the_export_holds_programmes_with_their_logged_days(server_app: FastAPI) -> None:
    with signed_in(server_app, "ana") as ana:
        offered = ana.get("/api/v1/programmes").json()
        programme_id = offered[0]["id"] if isinstance(offered, list) else offered["items"][0]["id"]
        started = ana.post("/api/v1/programme", json={"programme_id": programme_id})
        assert started.status_code in (200, 201), started.text
        logged = ana.post(
            "/api/v1/programme/sessions",
            json={"date": TODAY, "status": "done", "pain_during": 2},
        )
        assert logged.status_code in (200, 201), logged.text
        document = ana.get("/api/v1/export/account").json()
    (programme,) = document["programmes"]
    assert programme["programme_id"] == programme_id and programme["status"] == "active"
    assert [(d["date"], d["status"], d["pain_during"]) for d in programme["sessions"]] == [
        (TODAY, "done", 2)
    ]


# Delete the account


def delete_form(client: TestClient, words: str, password: str) -> Any:
    return client.post("/settings/delete-account", data={"confirm": words, "password": password})


@pytest.mark.parametrize(
    ("words", "password", "says"),
    [
        ("", PASSWORD, "Type delete my account to confirm"),
        ("delete", PASSWORD, "Type delete my account to confirm"),
        ("delete my acount", PASSWORD, "Type delete my account to confirm"),
        ("delete my account", "", "That is not your password"),
        ("Delete  my ACCOUNT", "a long test passwort", "That is not your password"),
    ],
)
def test_deleting_the_account_needs_the_words_and_the_password(
    server_app: FastAPI, words: str, password: str, says: str
) -> None:
    administrator(server_app)
    with signed_in(server_app, "ana") as ana:
        fill(ana, ANA_NOTE)
        owner = account_id(server_app, "ana")
        before = rows_of(server_app, owner)
        answer = delete_form(ana, words, password)
        after_page = ana.get("/api/v1/sessions")
    assert answer.status_code == 422
    text_seen = visible(answer.text)
    assert says in text_seen and "nothing was deleted" in text_seen
    assert after_page.status_code == 200 and after_page.json()["total"] == 1
    assert rows_of(server_app, owner) >= before


def test_deleting_the_account_takes_all_of_it_and_signs_out(any_server: FastAPI) -> None:
    administrator(any_server)
    with signed_in(any_server, "ana") as ana, signed_in(any_server, "ben") as ben:
        fill(ana, ANA_NOTE)
        ben_ids = fill(ben, BEN_NOTE)
        share(any_server, "ana", "ben")
        share(any_server, "ben", "ana")
        owner = account_id(any_server, "ana")
        _, token = create_access_token(any_server.state.diary, owner, "watch", ("read",))
        ben_rows = rows_of(any_server, account_id(any_server, "ben"))
        answer = delete_form(ana, " Delete my account ", PASSWORD)
        next_page = ana.get("/diary", follow_redirects=False)
        next_call = ana.get("/api/v1/sessions")
        with TestClient(any_server, base_url=f"https://{TEST_HOST}") as program:
            by_token = program.get("/api/v1/sessions", headers={"Authorization": f"Bearer {token}"})
        ben_session = ben.get(f"/api/v1/sessions/{ben_ids['session']}")
        ben_sees = visible(ben.get("/shared").text)
    assert answer.status_code == 200
    assert "Your account and everything in it were deleted" in visible(answer.text)
    assert "Signed in as" not in visible(answer.text)
    cleared = answer.headers.get_list("set-cookie")
    assert any(c.startswith(f"{SESSION_COOKIE}=") and "Max-Age=0" in c for c in cleared)
    assert answer.headers["clear-site-data"] == '"cache", "cookies", "storage"'
    assert next_page.status_code == 303 and next_page.headers["location"].startswith("/login")
    assert next_call.status_code == 401 and by_token.status_code == 401
    assert rows_of(any_server, owner) == 0
    with any_server.state.diary.accounts().reading() as session:
        assert session.get(Account, owner) is None
        left = session.execute(
            text(
                "SELECT (SELECT count(*) FROM share WHERE owner_id = :o OR viewer_id = :o)"
                " + (SELECT count(*) FROM access_token WHERE account_id = :o)"
                " + (SELECT count(*) FROM login_session WHERE account_id = :o)"
            ),
            {"o": owner},
        ).scalar_one()
    assert left == 0
    # Ben keeps all of his, and no longer sees Ana among those sharing with him.
    assert ben_session.status_code == 200 and ben_session.json()["notes"] == BEN_NOTE
    assert rows_of(any_server, account_id(any_server, "ben")) >= ben_rows
    assert "ana" not in ben_sees.lower().split()


def test_the_last_administrator_cannot_delete_their_account(server_app: FastAPI) -> None:
    with signed_in(server_app, "root") as root:  # the first account named: the administrator
        assert count_admins(server_app.state.diary) == 1
        fill(root, ANA_NOTE)
        answer = delete_form(root, "delete my account", PASSWORD)
        still = root.get("/api/v1/sessions")
    assert answer.status_code == 422
    shown = visible(answer.text)
    assert "Nothing was deleted" in shown and "only administrator" in shown
    assert "kneewise accounts add NAME --admin" in shown
    assert still.status_code == 200 and still.json()["total"] == 1


def browser_of(app: FastAPI, person: int) -> TestClient:
    """Another browser signed in as an existing account (close it after use)."""
    token = begin_session(app.state.diary, person, days=1)
    browser = TestClient(app, base_url=f"https://{TEST_HOST}")
    browser.cookies.set(SESSION_COOKIE, signed_session_value(app.state.signing_key, token))
    return browser


def test_a_deleted_first_account_is_forgotten_in_others_logs(any_server: FastAPI) -> None:
    """Account 1 is emptied, not deleted: whoever names it next never inherits what it did."""
    with signed_in(any_server, "first") as first, signed_in(any_server, "ben") as ben:
        assert account_id(any_server, "first") == 1
        administrator(any_server, "boss")  # the first account named administers the server
        fill(ben, BEN_NOTE)
        share(any_server, "ben", "first")
        ben_id = account_id(any_server, "ben")
        assert first.get(f"/shared/{ben_id}").status_code == 200
        seen = log_of(ben, others_only="true")
        assert [(e["actor"], e["actor_role"], e["action"]) for e in seen] == [
            ("first", "clinician", "read")
        ]
        assert delete_form(first, "delete my account", PASSWORD).status_code == 200
    with signed_in(any_server, "newcomer"):
        assert account_id(any_server, "newcomer") == 1
    with browser_of(any_server, ben_id) as ben_again:
        after = log_of(ben_again, others_only="true")
        page = visible(ben_again.get("/privacy").text)
    assert [(e["actor"], e["action"]) for e in after] == [(None, "read")]
    assert "an account since deleted" in page and "newcomer" not in page


# A viewer's reads are in the person's own log


def test_a_clinicians_reads_are_in_the_persons_log_and_stop_with_the_share(
    any_server: FastAPI,
) -> None:
    with signed_in(any_server, "ana") as ana, signed_in(any_server, "dr.lee") as lee:
        fill(ana, ANA_NOTE)
        share_id = share(any_server, "ana", "dr.lee")
        ana_id = account_id(any_server, "ana")
        assert lee.get("/shared").status_code == 200
        assert lee.get(f"/shared/{ana_id}").status_code == 200
        assert lee.get(f"/shared/{ana_id}/report.pdf").status_code == 200
        stop_sharing(any_server.state.diary, ana_id, share_id)
        assert lee.get(f"/shared/{ana_id}").status_code == 404
        others = log_of(ana, others_only="true")
        page = visible(ana.get("/privacy").text)
        lee_log = log_of(lee)
    assert [(e["actor"], e["actor_role"]) for e in others] == [("dr.lee", "clinician")] * 3
    assert summary(others) == [
        ("export", "the report for a doctor (PDF)", "GET /shared/{person_id}/report.pdf", "page"),
        (
            "read",
            "the summary of the diary (pain, load, latest check)",
            "GET /shared/{person_id}",
            "page",
        ),
        (
            "read",
            "the list of people sharing with them (today's light, pain and load)",
            "GET /shared",
            "page",
        ),
    ]
    assert "dr.lee (your clinician): 3 times, last on" in page
    assert "dr.lee (your clinician) downloaded the report for a doctor (PDF)" in page
    # The clinician's own log holds none of it: the reads were of Ana's data.
    assert all("/shared" not in e["route"] for e in lee_log)


# No caching of personal answers


def _filled_path(template: str, ids: dict[str, int], person: int) -> str:
    return (
        template.replace("{session_id}", str(ids["session"]))
        .replace("{entry_id}", str(ids["pain"]))
        .replace("{person_id}", str(person))
        .replace("{name}", "sane")
        .replace("{service_id}", "kneewise-pain-check")
    )


def test_no_personal_answer_may_be_stored_by_a_cache(server_app: FastAPI) -> None:
    """Every GET that reaches a diary, from the route table: pages, API, PDF, .ics, exports."""
    with signed_in(server_app, "ana") as ana, signed_in(server_app, "lee") as lee:
        ids = fill(ana, ANA_NOTE)
        share(server_app, "ana", "lee")
        ana_id = account_id(server_app, "ana")
        checked = []
        for method, template in personal_routes(server_app):
            if method != "GET":
                continue
            who = lee if template.startswith(("/shared", "/api/v1/shared")) else ana
            answer = who.get(_filled_path(template, ids, ana_id))
            checked.append((template, answer.status_code))
            assert answer.headers.get("cache-control") == "no-store", template
        not_modified = ana.get(
            "/api/v1/programme/feed.ics",
            headers={"If-None-Match": ana.get("/api/v1/programme/feed.ics").headers["etag"]},
        )
        refused = ana.get("/api/v1/sessions/999999")
    assert sum(status == 200 for _, status in checked) >= 25, checked
    for answer in (not_modified, refused):
        assert answer.headers.get("cache-control") == "no-store"
    assert {t for t, _ in checked} >= {
        "/report.pdf",
        "/settings/export.json",
        "/settings/export.zip",
        "/api/v1/export/fhir",
        "/api/v1/export/account",
        "/api/v1/programme/feed.ics",
        "/dashboard",
        "/api/v1/audit",
        "/privacy",
    }


def test_the_models_know_every_owned_table() -> None:
    """A new table of a person's data must be in ALL_TABLES or the audit log, or it is not
    exported and not counted when an account is emptied."""
    from kneewise.diary.models import Owned

    owned = {m.class_.__tablename__ for m in Base.registry.mappers if issubclass(m.class_, Owned)}
    assert owned == {t.__tablename__ for t in (*ALL_TABLES, AuditEvent)}
