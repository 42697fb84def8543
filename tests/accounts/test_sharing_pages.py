"""Sharing through the real app (accounts on, real SQLite): pages and API, in-process.

A person makes a code, a clinician enters it and reads the person's diary,
read-only; the person stops sharing and the clinician's next request is
refused. Another person, a token and a stopped share see nothing of the
person's; the viewer's routes are generated from the app's route table and
none of them can change the person's diary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests._clock import TODAY

from kneewise._errors import OwnershipError
from kneewise.accounts.audit import list_events
from kneewise.accounts.store import create_access_token
from kneewise.diary.models import Account, PainEntry
from kneewise.diary.records import PainEntryRecord, build
from kneewise.diary.repository import count_records, log_pain
from kneewise.web.shared import ReadOnlyDiary, get_all_shared, get_shared

from ..conftest import signed_in

CODE = re.compile(r'id="sharing-code"><strong>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})</strong>')
#: A value only person A's diary holds, to look for in every answer others get.
MARKER_NIGHT = "Night pain was logged in the last 7 days."

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def _person_id(app: FastAPI, username: str) -> int:
    with app.state.diary.accounts().reading() as session:
        found: int = session.scalars(select(Account.id).where(Account.username == username)).one()
        return found


def _pain(app: FastAPI, owner: int, day: dt.date, **scores: Any) -> None:
    record = build(PainEntryRecord, {"date": day, "knee": "left", **scores})
    log_pain(app.state.diary.for_owner(owner), record)


def make_code(client: TestClient, role: str = "clinician", team: str = "") -> str:
    answer = client.post("/sharing/codes", data={"role": role, "team": team})
    assert answer.status_code == 200, answer.text
    found = CODE.search(answer.text)
    assert found, answer.text
    return found.group(1)


def enter_code(client: TestClient, code: str) -> str:
    answer = client.post("/shared", data={"code": code}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"])


@pytest.fixture
def clients(server_app: FastAPI) -> Iterator[dict[str, TestClient]]:
    """ana (shares her diary), dr_lee (her clinician) and bo (no share)."""
    made = {name: signed_in(server_app, name) for name in ("ana", "dr_lee", "bo")}
    try:
        yield made
    finally:
        for client in made.values():
            client.close()


@pytest.fixture
def ana(server_app: FastAPI, clients: dict[str, TestClient]) -> int:
    """ana's id, with a diary that says night pain and 7/10 during activity today."""
    owner = _person_id(server_app, "ana")
    _pain(server_app, owner, TODAY, during=7, night_pain=True)
    return owner


def test_a_clinician_reads_a_shared_diary_until_the_person_stops(
    server_app: FastAPI, clients: dict[str, TestClient], ana: int
) -> None:
    person, clinician = clients["ana"], clients["dr_lee"]
    code = make_code(person)
    assert enter_code(clinician, code) == f"/shared/{ana}"

    dashboard = clinician.get(f"/shared/{ana}")
    assert dashboard.status_code == 200
    assert "ana's diary" in dashboard.text and MARKER_NIGHT in dashboard.text
    assert dashboard.headers["cache-control"] == "no-store"
    listed = clinician.get("/shared")
    assert f'href="/shared/{ana}"' in listed.text and "Red" in listed.text
    pdf = clinician.get(f"/shared/{ana}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["cache-control"] == "no-store"
    api = clinician.get(f"/api/v1/shared/{ana}").json()
    assert (api["light"], api["worst_pain"], api["share"]["person_name"]) == ("red", 7, "ana")

    who = person.get("/sharing")
    assert "dr_lee" in who.text and "Stop sharing" in who.text
    share_id = person.get("/api/v1/shares").json()[0]["id"]
    stopped = person.post(f"/sharing/{share_id}/stop", follow_redirects=False)
    assert stopped.status_code == 303

    for path in (f"/shared/{ana}", f"/shared/{ana}/report.pdf", f"/api/v1/shared/{ana}"):
        refused = clinician.get(path)
        assert refused.status_code == 404, path
        assert MARKER_NIGHT not in refused.text and "ana" not in refused.text
    assert f"/shared/{ana}" not in clinician.get("/shared").text
    assert clinician.get("/api/v1/shared").json() == []


def test_someone_without_a_share_gets_the_same_404_as_for_no_one(
    clients: dict[str, TestClient], ana: int
) -> None:
    make_code(clients["ana"])  # a code not given to bo
    seen = clients["bo"].get(f"/api/v1/shared/{ana}")
    nobody = clients["bo"].get("/api/v1/shared/999999")
    assert seen.status_code == nobody.status_code == 404
    assert seen.json()["detail"].replace(str(ana), "N") == nobody.json()["detail"].replace(
        "999999", "N"
    )
    for path in (f"/shared/{ana}", f"/shared/{ana}/report.pdf"):
        answer = clients["bo"].get(path)
        assert answer.status_code == 404 and MARKER_NIGHT not in answer.text


def test_an_anonymous_client_gets_nothing(server_app: FastAPI, ana: int) -> None:
    with TestClient(server_app, base_url="https://testserver") as anonymous:
        for path in (f"/api/v1/shared/{ana}", "/api/v1/shared", "/api/v1/shares"):
            answer = anonymous.get(path)
            assert answer.status_code == 401, path
            assert MARKER_NIGHT not in answer.text
        page = anonymous.get(f"/shared/{ana}", follow_redirects=False)
        assert page.status_code == 303 and MARKER_NIGHT not in page.text


def _calls(dependant: Dependant) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _calls(dependency)


def test_the_viewer_routes_only_read(server_app: FastAPI) -> None:
    """Every route that opens a shared diary is a GET.

    Read from the app's route table: a new route that opens a shared diary with
    a method that could write fails here until it is looked at.
    """
    opening = []
    for context in iter_route_contexts(list(server_app.routes)):
        route = context.original_route
        if isinstance(route, APIRoute) and {get_shared, get_all_shared} & set(
            _calls(route.dependant)
        ):
            opening.append((context.path_format, set(context.methods or ())))
    paths = {path for path, _ in opening}
    assert {"/shared/{person_id}", "/api/v1/shared/{person_id}", "/api/v1/shared"} <= paths
    for path, methods in opening:
        assert methods <= {"GET", "HEAD"}, (path, methods)


def test_a_viewer_cannot_change_the_diary_by_any_method(
    server_app: FastAPI, clients: dict[str, TestClient], ana: int
) -> None:
    enter_code(clients["dr_lee"], make_code(clients["ana"]))
    before = count_records(server_app.state.diary.for_owner(ana))
    body = {"date": TODAY.isoformat(), "knee": "left", "during": 1}
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in (f"/api/v1/shared/{ana}", f"/shared/{ana}", f"/shared/{ana}/report.pdf"):
            answer = clients["dr_lee"].request(method, path, json=body)
            assert answer.status_code in (405, 415), (method, path, answer.status_code)
    # The clinician's own diary API writes into the clinician's diary, never ana's.
    assert clients["dr_lee"].post("/api/v1/pain", json=body).status_code == 201
    assert count_records(server_app.state.diary.for_owner(ana)) == before


def test_a_shared_diary_refuses_every_write(server_app: FastAPI) -> None:
    base = server_app.state.diary
    shared = ReadOnlyDiary(base.engine, 1, sessions=base._sessions)
    record = build(PainEntryRecord, {"date": TODAY, "knee": "left", "during": 2})
    with pytest.raises(OwnershipError, match="shared diary"):
        log_pain(shared, record)
    with base.for_owner(1).reading() as session:
        assert session.scalars(select(PainEntry)).all() == []


def test_codes_are_made_and_entered_by_a_signed_in_person_only(
    server_app: FastAPI, clients: dict[str, TestClient], ana: int
) -> None:
    _, token = create_access_token(server_app.state.diary, ana, "script", ("read", "write"))
    with TestClient(server_app, base_url="https://testserver") as program:
        program.headers["authorization"] = f"Bearer {token}"
        made = program.post("/api/v1/sharing-codes", json={"role": "clinician"})
        assert made.status_code == 403 and "signed-in person" in made.json()["detail"]
        code = make_code(clients["ana"])
        lee_id = _person_id(server_app, "dr_lee")
        _, lee_token = create_access_token(server_app.state.diary, lee_id, "lee", ("read",))
        program.headers["authorization"] = f"Bearer {lee_token}"
        entered = program.post("/api/v1/shared", json={"code": code})
        assert entered.status_code == 403
        assert program.get("/api/v1/shared").json() == []
    # The code is still good for the clinician in person.
    assert enter_code(clients["dr_lee"], code) == f"/shared/{ana}"


def test_a_read_only_token_cannot_stop_a_share(
    server_app: FastAPI, clients: dict[str, TestClient], ana: int
) -> None:
    enter_code(clients["dr_lee"], make_code(clients["ana"]))
    share_id = clients["ana"].get("/api/v1/shares").json()[0]["id"]
    _, token = create_access_token(server_app.state.diary, ana, "reader", ("read",))
    with TestClient(server_app, base_url="https://testserver") as program:
        program.headers["authorization"] = f"Bearer {token}"
        assert [s["viewer_name"] for s in program.get("/api/v1/shares").json()] == ["dr_lee"]
        assert program.delete(f"/api/v1/shares/{share_id}").status_code == 403
    assert clients["dr_lee"].get(f"/api/v1/shared/{ana}").status_code == 200
    assert clients["ana"].delete(f"/api/v1/shares/{share_id}").status_code == 204
    assert clients["dr_lee"].get(f"/api/v1/shared/{ana}").status_code == 404


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("", "16 letters and digits"),
        ("hello", "16 letters and digits"),
        ("0000-0000-0000-0000", "no sharing code matches"),
    ],
)
def test_a_wrong_code_is_refused_in_plain_words(
    clients: dict[str, TestClient], code: str, says: str
) -> None:
    page = clients["dr_lee"].post("/shared", data={"code": code})
    assert page.status_code == 422 and says in page.text
    assert 'aria-invalid="true"' in page.text
    if code:
        api = clients["dr_lee"].post("/api/v1/shared", json={"code": code})
        assert api.status_code == 422
        assert api.json()["errors"][0]["field"] == "code" and says in api.json()["detail"]


def test_a_used_code_says_so_and_shares_nothing_more(
    server_app: FastAPI, clients: dict[str, TestClient], ana: int
) -> None:
    code = make_code(clients["ana"])
    enter_code(clients["dr_lee"], code)
    again = clients["bo"].post("/shared", data={"code": code})
    assert again.status_code == 422 and "used already" in again.text
    assert clients["bo"].get(f"/shared/{ana}").status_code == 404


def test_a_team_name_for_a_clinician_is_refused_with_what_is_allowed(
    clients: dict[str, TestClient],
) -> None:
    page = clients["ana"].post("/sharing/codes", data={"role": "clinician", "team": "Seniors"})
    assert page.status_code == 422 and "team name is for a coach only" in page.text
    assert 'value="Seniors"' in page.text  # what was typed is kept
    api = clients["ana"].post("/api/v1/sharing-codes", json={"role": "doctor"})
    assert api.status_code == 422


def test_cancelling_a_code_makes_it_unusable(clients: dict[str, TestClient]) -> None:
    code = make_code(clients["ana"])
    listed = clients["ana"].get("/api/v1/sharing-codes").json()
    assert len(listed) == 1 and "code" not in listed[0]
    assert code.replace("-", "") not in clients["ana"].get("/sharing").text.replace("-", "")
    cancelled = clients["ana"].post(f"/sharing/codes/{listed[0]['id']}/withdraw")
    assert cancelled.status_code == 200 and "can no longer be used" in cancelled.text
    assert clients["dr_lee"].post("/shared", data={"code": code}).status_code == 422


def test_with_accounts_off_sharing_says_how_to_switch_it_on(client: TestClient) -> None:
    page = client.get("/sharing")
    assert page.status_code == 404 and "KNEEWISE_ACCOUNTS=true" in page.text
    api = client.get("/api/v1/shared")
    assert api.status_code == 404 and "KNEEWISE_ACCOUNTS=true" in api.json()["detail"]


def test_what_a_clinician_read_is_in_the_persons_log_not_the_clinicians(
    server_app: FastAPI, clients: dict[str, TestClient], ana: int
) -> None:
    enter_code(clients["dr_lee"], make_code(clients["ana"]))
    assert clients["dr_lee"].get(f"/shared/{ana}").status_code == 200
    assert clients["dr_lee"].get(f"/shared/{ana}/report.pdf").status_code == 200
    seen = list_events(server_app.state.diary.for_owner(ana), others_only=True)
    assert {(e.actor, e.actor_role, e.action) for e in seen} == {
        ("dr_lee", "clinician", "read"),
        ("dr_lee", "clinician", "export"),
    }
    assert all("ana" not in e.what and MARKER_NIGHT not in e.what for e in seen)
    lee = _person_id(server_app, "dr_lee")
    assert list_events(server_app.state.diary.for_owner(lee), others_only=True) == []
    # A refused request leaves no trace of a read.
    share_id = clients["ana"].get("/api/v1/shares").json()[0]["id"]
    clients["ana"].delete(f"/api/v1/shares/{share_id}")
    assert clients["dr_lee"].get(f"/shared/{ana}").status_code == 404
    after = list_events(server_app.state.diary.for_owner(ana), others_only=True)
    assert len(after) == len(seen)
