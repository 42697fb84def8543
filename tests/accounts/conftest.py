"""A server with many people in it, for the isolation suite (test_isolation.py).

`isolation_app` is the real app with accounts on, once per module on each
database: a SQLite file and a fresh database on the throwaway PostgreSQL
cluster (`postgres_server`, tests/conftest.py). Its first account (id 1, the
one a personal diary's data goes to) is claimed by an administrator whose
diary holds the same marker values as person A's, so a route that reached the
first account's diary instead of the caller's shows them to everyone.

`world` gives each test its own people in that app:

- **A** (`ana-…`), whose data the intruders must never get; A's records are
  made through the app itself (`World.fill_a`), after the intruders' first
  look, so a test can compare what they saw before and after;
- **ben**, signed in, with his own diary (other words than A's);
- **bo**'s access token (read and write), bo with his own diary;
- **cal**, a clinician A shared with and stopped sharing with;
- **dee**, a coach A shares with now (team "Okapi Harriers");
- an **anonymous** browser.

Accounts are rows made directly with one Argon2id hash made once (a hash per
person would cost a second each); sessions and tokens come from
`kneewise.accounts.store`, shares and sharing codes are the foundation's rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import inspect as sql_inspect
from sqlalchemy import select, update
from tests._clock import TODAY

from kneewise.accounts.admin import create_signup_code
from kneewise.accounts.passwords import hash_password
from kneewise.accounts.store import begin_session, create_access_token, create_account
from kneewise.diary.models import (
    PERSONAL_ACCOUNT_ID,
    AccessToken,
    Account,
    AuditEvent,
    Base,
    CalendarFeed,
    Invitation,
    LoginSession,
    Owned,
    PasswordReset,
    Share,
)
from kneewise.interop import patient_id
from kneewise.programmes.load import load_library
from kneewise.settings import Settings
from kneewise.web import create_app
from kneewise.web.session_cookie import SESSION_COOKIE, signed_session_value

HOST = "testserver"
PASSWORD = "a long test password"
SECRET_KEY = "the isolation suite's key, long enough to sign with"
#: The programme A follows (its name is a marker where no catalogue is shown), and bo's.
PROGRAMME_ID = "general_knee"
OTHERS_PROGRAMME_ID = "return_to_running"
#: The intruder who is the coach A shares with, on the coach's own pages.
THE_VIEWER = "a coach A shares with, on their own pages"
#: A's words: none of them is in the knowledge base, a page's text or anyone else's diary.
TEXT_MARKERS = {
    "activity": "quokkarelay",  # a training session's activity
    "note": "zebunote",  # that session's notes
    "exercise": "wombatlunge",  # an exercise of that session
    "sport": "axolotlball",  # the profile's sport
    "psfs": "tapirgardening",  # an activity named in the PSFS questionnaire
    "token": "numbatkey",  # the name of A's access token
    "team": "Okapi Harriers",  # the team A shares with dee as
}
#: Days before today of A's records and of the others' (within every recent-weeks window).
A_DAYS_AGO = 11
OTHERS_DAYS_AGO = 4
#: An urgent check (swelling within two hours): A's dashboard, report and CDS card show it.
A_CHECK = {"answers": {"age": 30, "swelling": "within_2h"}}
_people = itertools.count(1)
_databases = itertools.count(1)
#: Each app's CSRF cookie value: asgi-csrf's double-submit token is not tied to a
#: session, so every browser of one app can carry the one its sign-in page set.
_form_tokens: dict[int, str] = {}


@cache
def password_hash() -> str:
    """One Argon2id hash of PASSWORD, shared by every account the suite makes."""
    return hash_password(PASSWORD)


def a_day() -> dt.date:
    """The day of A's records."""
    return TODAY - dt.timedelta(days=A_DAYS_AGO)


def others_day() -> dt.date:
    """The day of everyone else's records."""
    return TODAY - dt.timedelta(days=OTHERS_DAYS_AGO)


def _settings(data_dir: Path, database_url: str | None) -> Settings:
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        accounts=True,
        secret_key=SECRET_KEY,
        allowed_hosts=[HOST],
        cookie_secure=True,
        signup="invite",
    )


@pytest.fixture(autouse=True)
def _on_the_run_day(request: pytest.FixtureRequest) -> None:
    """The app's clock on the run's day (tests/_clock.py); not for Chromium: it has its own."""
    if request.node.get_closest_marker("browser") is None:
        request.getfixturevalue("today")


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def isolation_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FastAPI]:
    """The app with accounts on, over SQLite or PostgreSQL; account 1 holds marker data."""
    data_dir = tmp_path_factory.mktemp("isolation")
    if request.param == "sqlite":
        app = create_app(_settings(data_dir, None))
        yield from _with_first_account(app)
        return
    server = request.getfixturevalue("postgres_server")
    name = f"kneewise_isolation_{next(_databases)}"
    server.admin(f"CREATE DATABASE {name}")
    try:
        app = create_app(_settings(data_dir, server.url(name)))
        yield from _with_first_account(app)
    finally:
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _with_first_account(app: FastAPI) -> Iterator[FastAPI]:
    try:
        # Not `with`: a TestClient's exit runs the app's shutdown, which closes the diary.
        signed_out = TestClient(app, base_url=f"https://{HOST}", follow_redirects=False)
        signed_out.get("/login")  # the sign-in page's form sets the CSRF cookie
        _form_tokens[id(app)] = signed_out.cookies["csrftoken"]
        signed_out.close()
        first = create_account(app.state.diary, "first-admin", PASSWORD, is_admin=True)
        assert first.id == 1
        client = browser(app, first.id)
        fill(client, TEXT_MARKERS, a_day(), programme=PROGRAMME_ID)
        client.close()
        yield app
    finally:
        app.state.diary.close()


def browser(app: FastAPI, account_id: int | None) -> TestClient:
    """A browser (https, with the form token) signed in as `account_id`; None: nobody."""
    client = TestClient(app, base_url=f"https://{HOST}", follow_redirects=False)
    if account_id is not None:
        token = begin_session(app.state.diary, account_id, days=1)
        # No domain: http.cookiejar matches a dotless host as "testserver.local".
        client.cookies.set(SESSION_COOKIE, signed_session_value(app.state.signing_key, token))
    client.cookies.set("csrftoken", _form_tokens[id(app)])
    client.headers["x-csrftoken"] = _form_tokens[id(app)]
    return client


def _done(response: Any, *statuses: int) -> Any:
    assert response.status_code in statuses, (
        f"making the test's records: {response.request.method} {response.request.url.path} "
        f"answered {response.status_code}: {response.text[:300]}"
    )
    return response


def fill(
    client: TestClient,
    words: dict[str, str],
    day: dt.date,
    *,
    check: bool = True,
    programme: str | None = None,
) -> None:
    """Give the signed-in person a diary through the app, in `words`, on `day`.

    A session with an exercise, a pain entry, a profile, a PSFS, an urgent
    check (unless `check` is false) and a programme in progress (when given).
    """
    session = {
        "date": day.isoformat(),
        "activity": words["activity"],
        "duration_min": 40,
        "rpe": 6,
        "notes": words["note"],
        "exercises": [{"name": words["exercise"], "sets": 3, "reps": 8}],
    }
    _done(client.post("/api/v1/sessions", json=session), 201)
    pain = {"date": day.isoformat(), "knee": "left", "during": 6, "after": 5, "swelling": True}
    _done(client.post("/api/v1/pain", json=pain), 201)
    _done(client.patch("/api/v1/profile", json={"age": 41, "sports": [words["sport"]]}), 200)
    psfs = {"name-1": words["psfs"], "item-1": "3"}
    _done(client.post("/questionnaires/psfs", data=psfs), 200)
    if check:
        _done(client.post("/check/save", data={"state": json.dumps(A_CHECK)}), 303)
    if programme is not None:
        start = {"programme_id": programme, "date": day.isoformat(), "cleared": True}
        _done(client.post("/api/v1/programme", json=start), 201)


def _new_account(app: FastAPI, username: str) -> int:
    with app.state.diary.accounts().transaction() as session:
        account = Account(
            username=username,
            password_hash=password_hash(),
            is_admin=False,
            created_at=dt.datetime.now(dt.UTC),
        )
        session.add(account)
        session.flush()
        return account.id


def _share(app: FastAPI, owner: int, viewer: int, role: str, team: str | None) -> int:
    with app.state.diary.accounts().transaction() as session:
        share = Share(
            owner_id=owner,
            viewer_id=viewer,
            role=role,
            team=team,
            created_at=dt.datetime.now(dt.UTC),
        )
        session.add(share)
        session.flush()
        return share.id


def stop_share(app: FastAPI, share_id: int) -> None:
    """End a share now, as the person's "Stop sharing" does."""
    with app.state.diary.accounts().transaction() as session:
        session.execute(
            update(Share).where(Share.id == share_id).values(revoked_at=dt.datetime.now(dt.UTC))
        )


def _invitation(app: FastAPI, owner: int) -> int:
    now = dt.datetime.now(dt.UTC)
    code = secrets.token_urlsafe(12)
    with app.state.diary.accounts().transaction() as session:
        row = Invitation(
            owner_id=owner,
            code_hash=hashlib.sha256(code.encode()).hexdigest(),
            role="clinician",
            created_at=now,
            expires_at=now + dt.timedelta(days=7),
        )
        session.add(row)
        session.flush()
        return row.id


@dataclass
class World:
    """One test's people in the app (see the module docstring)."""

    app: FastAPI
    a_id: int
    a_name: str
    a: TestClient
    intruders: dict[str, TestClient]
    viewer: TestClient
    viewer_share: int
    #: The server's administrator (the first account), for the administrator's pages.
    admin: TestClient
    #: What fills a path parameter: A's records, by the parameter's name.
    records: dict[str, int] = field(default_factory=dict)

    @property
    def markers(self) -> dict[str, str]:
        """What of A's no one else may see: A's words, day, name and programme."""
        return {
            **TEXT_MARKERS,
            "day": a_day().isoformat(),
            "day_words": f"{a_day().day} {a_day():%b %Y}",  # as the report writes it
            "username": self.a_name,
            "first_username": "first-admin",
            "programme": programme_name(),
        }

    @property
    def days(self) -> dict[str, str]:
        """What a case's body may name: {today}, {a_day} (A's records) and {patient_id}
        (A's FHIR Patient.id, which a CDS Hooks request names)."""
        return {
            "today": TODAY.isoformat(),
            "a_day": a_day().isoformat(),
            "patient_id": patient_id(self.a_id),
        }

    def fill_a(self) -> None:
        """Make A's diary through the app, and A's token and sharing code."""
        fill(self.a, TEXT_MARKERS, a_day(), programme=PROGRAMME_ID)
        diary = self.app.state.diary
        token_id, _ = create_access_token(diary, self.a_id, TEXT_MARKERS["token"], ("read",))
        sessions = self.a.get("/api/v1/sessions").json()["items"]
        pain = self.a.get("/api/v1/pain").json()["items"]
        invitation_id = _invitation(self.app, self.a_id)
        signup_code = create_signup_code(diary, created_by=PERSONAL_ACCOUNT_ID)
        self.records.update(
            session_id=sessions[0]["id"],
            entry_id=pain[0]["id"],
            token_id=token_id,
            invitation_id=invitation_id,
            code_id=invitation_id,  # a sharing code's id, as the sharing routes name it
            signup_code=signup_code.id,  # an administrator's sign-up code (not A's)
        )

    def snapshot(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of A's: each owned table (but the audit log) and A's account rows."""
        found: dict[str, list[dict[str, Any]]] = {}
        with self.app.state.diary.for_owner(self.a_id).reading() as session:
            for mapper in Base.registry.mappers:
                table = mapper.class_
                if issubclass(table, Owned) and table is not AuditEvent:
                    rows = session.scalars(select(table).order_by(table.id)).all()
                    found[table.__tablename__] = [_columns(row) for row in rows]
        accounts = {
            Account: Account.id,
            LoginSession: LoginSession.account_id,
            AccessToken: AccessToken.account_id,
            Invitation: Invitation.owner_id,
            Share: Share.owner_id,
            PasswordReset: PasswordReset.account_id,
            CalendarFeed: CalendarFeed.account_id,
        }
        with self.app.state.diary.accounts().reading() as session:
            for table, whose in accounts.items():
                rows = session.scalars(select(table).where(whose == self.a_id).order_by(table.id))
                found[table.__tablename__] = [_columns(row) for row in rows]
        return found

    def stop_viewer_share(self) -> None:
        """A stops sharing with the coach, as "Stop sharing" does."""
        stop_share(self.app, self.viewer_share)

    def close(self) -> None:
        """Close every browser of this world."""
        for client in (self.a, self.viewer, self.admin, *self.intruders.values()):
            client.close()


def _columns(row: Any) -> dict[str, Any]:
    return {column.key: getattr(row, column.key) for column in sql_inspect(row).mapper.columns}


@cache
def programme_name() -> str:
    """The name of the programme A follows."""
    programme = load_library().programme(PROGRAMME_ID)
    assert programme is not None
    return programme.name


def make_world(app: FastAPI) -> World:
    """New people in `app` (see the module docstring); A has no records until `fill_a`."""
    number = next(_people)
    a_name = f"ana-q{number:04d}x"
    ids = {who: _new_account(app, f"{who}-q{number:04d}x") for who in ("ben", "bo", "cal", "dee")}
    a_id = _new_account(app, a_name)
    stop_share(app, _share(app, a_id, ids["cal"], "clinician", None))
    viewer_share = _share(app, a_id, ids["dee"], "coach", TEXT_MARKERS["team"])
    ben = browser(app, ids["ben"])
    words = {"activity": "benrun", "note": "bensnote", "exercise": "benlunge", "sport": "benball",
             "psfs": "bengardening"}  # fmt: skip
    fill(ben, words, others_day(), check=False)  # no programme: ben may start one
    bo_browser = browser(app, ids["bo"])
    fill(bo_browser, {k: v.replace("ben", "bo") for k, v in words.items()}, others_day(),
         programme=OTHERS_PROGRAMME_ID)  # fmt: skip
    bo_browser.close()
    _, bo_token = create_access_token(app.state.diary, ids["bo"], "bo's script", ("read", "write"))
    bo = TestClient(app, base_url=f"https://{HOST}", follow_redirects=False)
    bo.headers["authorization"] = f"Bearer {bo_token}"
    return World(
        app=app,
        a_id=a_id,
        a_name=a_name,
        a=browser(app, a_id),
        intruders={
            "person B (signed in)": ben,
            "person B's access token": bo,
            "a clinician A stopped sharing with": browser(app, ids["cal"]),
            THE_VIEWER: browser(app, ids["dee"]),
            "someone not signed in": browser(app, None),
        },
        viewer=browser(app, ids["dee"]),
        viewer_share=viewer_share,
        admin=browser(app, PERSONAL_ACCOUNT_ID),
        records={"person_id": a_id, "account_id": a_id, "share_id": viewer_share},
    )


@pytest.fixture
def world(isolation_app: FastAPI) -> Iterator[World]:
    """This test's own people (for a route that writes, or ends a share)."""
    made = make_world(isolation_app)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture(scope="module")
def world_maker() -> Any:
    """`make_world`, for a module's own longer-lived world (importlib mode: no imports)."""
    return make_world
