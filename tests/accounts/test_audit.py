"""The audit log: one writer, every personal route, the person's own log only, no data in it.

The app is the real one (accounts on, SQLite); people are made with the
foundation's `signed_in`. What the log says is read back through the API and
the page a person uses, and checked against the database's rows.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from tests._clock import TODAY as RUN_DAY
from tests.conftest import signed_in

from kneewise._errors import OwnershipError
from kneewise.accounts.store import create_access_token
from kneewise.diary.models import Account, AuditEvent
from kneewise.web import audit
from kneewise.web.deps import get_diary

TODAY = RUN_DAY.isoformat()
#: Words that only a person's records hold: none may reach the log.
SECRET_NOTE = "okapi lantern under the stairs"
SECRET_ACTIVITY = "zebrafish kayaking"

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def _calls(dependant: Any) -> set[Any]:
    found = set()
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            found.add(dependency.call)
        found |= _calls(dependency)
    return found


def personal_dependencies() -> set[Any]:
    """The dependencies that hand out a person's diary: the own one, and a shared one."""
    found: set[Any] = {get_diary}
    try:
        from kneewise.web import shared
    except ImportError:
        return found
    return found | {shared.get_shared, shared.get_all_shared}


def personal_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, template) of every route that reaches a person's diary, from the route table."""
    reaching = personal_dependencies()
    routes = []
    for context in iter_route_contexts(list(app.routes)):
        route = context.original_route
        if isinstance(route, APIRoute) and _calls(route.dependant) & reaching:
            routes.extend((method, context.path_format) for method in sorted(context.methods))
    return routes


def visible(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def log_of(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    answer = client.get("/api/v1/audit", params=params)
    assert answer.status_code == 200, answer.text
    events: list[dict[str, Any]] = answer.json()["events"]
    return events


def summary(events: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return [(e["action"], e["what"], e["route"], e["via"]) for e in events]


def a_session(**changes: Any) -> dict[str, Any]:
    return {
        "date": TODAY,
        "activity": SECRET_ACTIVITY,
        "duration_min": 45,
        "rpe": 6,
        "notes": SECRET_NOTE,
        **changes,
    }


def test_every_route_that_reaches_a_diary_has_plain_words_in_the_log(server_app: FastAPI) -> None:
    """A new personal route without its kind of record in `audit.KINDS` fails here, by name."""
    routes = personal_routes(server_app)
    assert len(routes) > 40  # the route table was read, not an empty list
    unnamed = [
        f"{method} {template}"
        for method, template in routes
        if audit.kind_of(template)[0] == audit.UNKNOWN_KIND
    ]
    assert unnamed == [], f"add these routes' kind of record to web/audit.py KINDS: {unnamed}"


@pytest.mark.parametrize(
    ("method", "template", "said"),
    [
        ("POST", "/settings/delete", "delete every record of the diary"),
        ("POST", "/settings/delete-account", "delete the whole account"),
        ("POST", "/diary/sessions/{session_id}/delete", "delete training sessions"),
        ("POST", "/settings/emergency-number", "read the settings page"),
        ("GET", "/shared/{person_id}/report.pdf", "export the report for a doctor (PDF)"),
        ("POST", "/check/save", "change a knee check result"),
    ],
)
def test_what_a_route_did_is_said_in_plain_words(method: str, template: str, said: str) -> None:
    words = f"{audit.action_of(method, template)} {audit.describe(template, {})}"
    assert words.startswith(said)


def test_the_action_follows_the_method_and_the_exports(server_app: FastAPI) -> None:
    for method, template in personal_routes(server_app):
        action = audit.action_of(method, template)
        if template in audit.EXPORTS:
            assert action == "export", template
        elif method == "DELETE" or "/delete" in template:
            assert action == "delete", template
        elif method == "GET":
            assert action == "read", template
        else:
            assert action in ("change", "read"), template
    assert {t for _, t in personal_routes(server_app)} | {"/api/v1/export/account"} >= audit.EXPORTS


def test_own_reads_changes_deletions_and_exports_are_logged_as_they_happened(
    server_app: FastAPI,
) -> None:
    with signed_in(server_app, "ana") as ana:
        created = ana.post("/api/v1/sessions", json=a_session())
        assert created.status_code == 201
        number = created.json()["id"]
        assert ana.get(f"/api/v1/sessions/{number}").status_code == 200
        assert ana.get("/settings/export.json").status_code == 200
        assert ana.get("/dashboard").status_code == 200
        assert ana.delete(f"/api/v1/sessions/{number}").status_code == 204
        events = log_of(ana)
    assert summary(events)[:5] == [
        ("delete", f"training session {number}", "DELETE /api/v1/sessions/{session_id}", "api"),
        ("read", "the dashboard (pain and training load)", "GET /dashboard", "page"),
        (
            "export",
            "everything in the account as a JSON file",
            "GET /settings/export.json",
            "page",
        ),
        ("read", f"training session {number}", "GET /api/v1/sessions/{session_id}", "api"),
        ("change", "training sessions", "POST /api/v1/sessions", "api"),
    ]
    assert all(e["actor"] == "ana" and e["actor_is_you"] for e in events)


def test_failed_requests_are_not_logged_as_done(server_app: FastAPI) -> None:
    """A 404 read nothing, a 422 changed nothing: neither is in the log."""
    with signed_in(server_app, "ana") as ana:
        before = len(log_of(ana))  # this read is logged after its own answer
        assert ana.get("/api/v1/sessions/999999").status_code == 404
        assert ana.post("/api/v1/sessions", json=a_session(rpe=45)).status_code == 422
        assert ana.put("/api/v1/pain/424242", json={"date": TODAY, "knee": "left"}).status_code in (
            404,
            422,
        )
        after = log_of(ana)
    assert len(after) == before + 1
    assert after[0]["route"] == "GET /api/v1/audit"


def account_id(app: FastAPI, username: str) -> int:
    with app.state.diary.accounts().reading() as session:
        found = session.scalar(select(Account.id).where(Account.username == username))
    assert found is not None
    return found


def test_an_access_token_is_named_as_the_way_in(server_app: FastAPI) -> None:
    with signed_in(server_app, "ana") as ana:
        _, token = create_access_token(
            server_app.state.diary, account_id(server_app, "ana"), "my watch", ("read", "write")
        )
        with TestClient(server_app, base_url="https://testserver") as program:
            program.headers["Authorization"] = f"Bearer {token}"
            entry = {"date": TODAY, "knee": "left", "during": 2}
            assert program.post("/api/v1/pain", json=entry).status_code == 201
            assert program.get("/api/v1/pain").status_code == 200
        events = log_of(ana)
    assert summary(events)[:2] == [
        ("read", "pain entries", "GET /api/v1/pain", "token"),
        ("change", "pain entries", "POST /api/v1/pain", "token"),
    ]


def test_each_person_sees_only_their_own_log(server_app: FastAPI) -> None:
    with signed_in(server_app, "ana") as ana, signed_in(server_app, "ben") as ben:
        number = ana.post("/api/v1/sessions", json=a_session()).json()["id"]
        assert ana.get(f"/api/v1/sessions/{number}").status_code == 200
        # Ben asks for Ana's session: a 404, and nothing in anyone's log.
        assert ben.get(f"/api/v1/sessions/{number}").status_code == 404
        ben_log = log_of(ben)
        ben_page = visible(ben.get("/privacy").text)
        ana_log = log_of(ana)
    # Only his own look at the settings page (made when his browser got its form token).
    assert summary(ben_log) == [
        ("read", "the settings page (how many records the diary holds)", "GET /settings", "page")
    ]
    assert all(e["actor"] == "ben" for e in ben_log)
    assert f"training session {number}" not in ben_page
    assert "ana" not in ben_page.lower().split()
    assert {e["actor"] for e in ana_log} == {"ana"}
    with server_app.state.diary.accounts().reading() as session:
        owners = session.execute(text("SELECT DISTINCT owner_id, actor_id FROM audit_event")).all()
    assert all(owner == actor for owner, actor in owners)


def test_the_log_never_holds_what_the_records_say(server_app: FastAPI) -> None:
    with signed_in(server_app, "ana") as ana:
        number = ana.post("/api/v1/sessions", json=a_session()).json()["id"]
        ana.patch(f"/api/v1/sessions/{number}", json={"notes": SECRET_NOTE + " again"})
        ana.get("/api/v1/sessions", params={"from": TODAY, "to": TODAY})
        ana.get("/diary/entries", params={"q": SECRET_ACTIVITY})
        page = visible(ana.get("/privacy").text)
        exported = ana.get("/api/v1/export/account").json()["audit_log"]
    with server_app.state.diary.accounts().reading() as session:
        stored = session.execute(text("SELECT what, via, action FROM audit_event")).all()
    assert len(stored) >= 4
    for words in (SECRET_NOTE, SECRET_ACTIVITY, "zebrafish", "okapi"):
        assert all(words not in " ".join(row) for row in stored), words
        assert words not in page
        assert all(words not in str(event) for event in exported)
    # Nor what a query string asked for: the route is the template, never the address.
    assert all(TODAY not in what and "?" not in what for what, _, _ in stored)


def test_a_read_that_cannot_be_logged_is_not_sent(server_app: FastAPI) -> None:
    """The database refuses the log's row: the data stays on the server, a change still stands."""
    with signed_in(server_app, "ana") as ana:
        number = ana.post("/api/v1/sessions", json=a_session()).json()["id"]
        with server_app.state.diary.engine.begin() as connection:
            connection.exec_driver_sql(
                "CREATE TRIGGER no_log BEFORE INSERT ON audit_event "
                "BEGIN SELECT RAISE(ABORT, 'the log is full'); END"
            )
        read = ana.get(f"/api/v1/sessions/{number}")
        exported = ana.get("/settings/export.json")
        changed = ana.post("/api/v1/sessions", json=a_session(duration_min=20))
        with server_app.state.diary.engine.begin() as connection:
            connection.exec_driver_sql("DROP TRIGGER no_log")
        sessions = ana.get("/api/v1/sessions").json()["items"]
    assert read.status_code == 503
    assert exported.status_code == 503
    for answer in (read, exported):
        assert answer.headers["content-type"] == "application/problem+json"
        assert SECRET_NOTE not in answer.text and SECRET_ACTIVITY not in answer.text
        assert "log of who saw the data" in answer.json()["detail"]
    assert changed.status_code == 201  # it was stored; saying otherwise would make it sent twice
    assert sorted(s["duration_min"] for s in sessions) == [20, 45]


def test_the_page_lists_the_log_in_plain_words_a_page_at_a_time(server_app: FastAPI) -> None:
    from kneewise.web.routes.pages_privacy import PAGE_SIZE

    with signed_in(server_app, "ana") as ana:
        for _ in range(PAGE_SIZE + 3):
            ana.get("/api/v1/profile")
        first = ana.get("/privacy")
        assert first.status_code == 200
        older = re.search(r'href="(/privacy\?before=\d+)"', first.text)
        assert older is not None
        second = visible(ana.get(html.unescape(older.group(1))).text)
    text_first = visible(first.text)
    assert "You looked at the profile through the API" in text_first
    assert "No one but you has looked at your data." in text_first
    assert text_first.count("looked at the profile") == PAGE_SIZE
    assert 1 <= second.count("looked at the profile") <= 3 + 1
    for internal in ("owner_id", "actor_id", "GET /", "{", "via"):
        assert internal not in text_first


def test_a_personal_app_logs_the_one_person_as_you(client: TestClient) -> None:
    assert client.post(
        "/api/v1/pain", json={"date": TODAY, "knee": "right", "during": 1}
    ).status_code in (
        200,
        201,
    )
    page = visible(client.get("/privacy").text)
    assert "You added or changed pain entries through the API" in page
    assert "People other than you" not in page  # no one else can reach a personal app
    events = log_of(client)
    assert events[0]["actor_is_you"] is True


def test_the_api_pages_backwards(server_app: FastAPI) -> None:
    with signed_in(server_app, "ana") as ana:
        for _ in range(5):
            ana.get("/api/v1/profile")
        first = ana.get("/api/v1/audit", params={"limit": 2}).json()
        second = ana.get("/api/v1/audit", params={"limit": 2, "before": first["next_before"]})
        refused = ana.get("/api/v1/audit", params={"limit": 0})
    ids = [e["id"] for e in first["events"]] + [e["id"] for e in second.json()["events"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 4
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "limit"


def test_the_log_is_reached_only_through_its_owner(server_app: FastAPI) -> None:
    """The log's rows are a person's data: a session for no one cannot read them."""
    with signed_in(server_app, "ana") as ana:
        assert ana.get("/dashboard").status_code == 200
    with server_app.state.diary.accounts().reading() as session:
        rows = session.execute(text("SELECT owner_id, actor_id, action FROM audit_event")).all()
        with pytest.raises(OwnershipError):
            session.scalars(select(AuditEvent)).all()
    assert rows and all(owner == actor for owner, actor, _ in rows)


def test_the_command_line_notes_its_exports_and_deletions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kneewise export` and `kneewise delete --all` are in the log, via the command line."""
    from typer.testing import CliRunner

    from kneewise.accounts.audit import list_events
    from kneewise.cli import app as cli
    from kneewise.diary import open_diary

    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    env = {"COLUMNS": "200"}
    logged = ["log", "session", "--activity", "rowing", "--duration", "30", "--rpe", "5"]
    assert runner.invoke(cli, logged, env=env).exit_code == 0
    exported = runner.invoke(cli, ["export"], env=env)
    assert exported.exit_code == 0
    as_csv = ["export", "--format", "csv", "--out", str(tmp_path / "csv")]
    assert runner.invoke(cli, as_csv, env=env).exit_code == 0
    assert runner.invoke(cli, ["delete", "--all", "--yes"], env=env).exit_code == 0
    diary = open_diary()
    try:
        events = list_events(diary)
    finally:
        diary.close()
    assert [(e.action, e.what, e.route, e.via) for e in events] == [
        ("delete", "every record of the diary", "kneewise delete --all", "cli"),
        ("export", "the diary as CSV files", "kneewise export --format csv", "cli"),
        ("export", "everything as a JSON file", "kneewise export --format json", "cli"),
    ]
    # The JSON export already holds its own export in its log.
    assert '"route": "kneewise export --format json"' in exported.stdout
