"""No one gets another person's data: a suite generated from the app's route table.

Every route of the app (`app.routes`, method by method) must be in
isolation_routes.yaml, as public, for everyone, personal or viewer (the file
says what each means and how a case is called); a route missing from the file
fails `test_every_route_has_its_isolation_case` with its name, so a new route
cannot ship without its case.

For each personal route, person B signed in, B's access token, a clinician A
stopped sharing with, a coach A shares with (on the coach's own pages) and
someone not signed in call it for A's data. None of them may get any of A's
marker values (tests/accounts/conftest.py) in the answer, read as a person
would (a PDF's text, a zip's files, an unfolded calendar), nor change anything
of A's; a route naming one of A's records answers them 404 (never 403, which
would say it exists); the signed-out one is sent to sign in (a page) or told
401 (the API). A GET answers each of them the same before and after A has
records, so not even a count of A's leaks in. Then A makes the same call and
gets the data (or changes it): the case is not vacuous.

Every case runs on SQLite and on the throwaway PostgreSQL cluster.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from kneewise.accounts.store import create_access_token
from kneewise.diary.models import PERSONAL_ACCOUNT_ID, Share, SignupInvitation
from kneewise.web.deps import get_diary

ROUTES = yaml.safe_load((Path(__file__).parent / "isolation_routes.yaml").read_text())
KINDS = ("public", "everyone", "personal", "viewer", "admin")
PUBLIC, EVERYONE = ROUTES["public"], ROUTES["everyone"]
PERSONAL, VIEWER, ADMIN = ROUTES["personal"], ROUTES["viewer"] or {}, ROUTES["admin"] or {}
#: The intruder who is the coach A shares with: a viewer route lets this one in.
THE_VIEWER = "a coach A shares with, on their own pages"  # as tests/accounts/conftest.py
SIGNED_OUT = "someone not signed in"
TOKEN = "person B's access token"
_PARAMETER = re.compile(r"{(\w+)(?::\w+)?}")
_MOMENT = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?")


# The route table


def route_keys(app: FastAPI) -> dict[str, Any]:
    """Every "METHOD /path" the app answers (HEAD goes with GET), with its route."""
    found: dict[str, Any] = {}
    for context in iter_route_contexts(list(app.routes)):
        if not context.methods:
            found[f"MOUNT {context.path}"] = context
            continue
        for method in sorted(set(context.methods) - {"HEAD"}):
            found[f"{method} {context.path_format}"] = context
    return found


def listed() -> dict[str, str]:
    """Every route of the data file, with its kind."""
    kinds: dict[str, str] = {}
    for kind in KINDS:
        for key in ROUTES[kind] or {}:
            assert key not in kinds, f"{key} is listed as {kinds[key]} and as {kind}"
            kinds[key] = kind
    return kinds


def _dependencies(dependant: Any) -> set[Any]:
    found = set()
    for sub in dependant.dependencies:
        found.add(sub.call)
        found |= _dependencies(sub)
    return found


def opens_a_diary(route: Any) -> bool:
    """Whether a route depends on the caller's diary (DiaryDep), however deep."""
    dependant = getattr(route, "dependant", None)
    return dependant is not None and get_diary in _dependencies(dependant)


def test_every_route_has_its_isolation_case(isolation_app: FastAPI) -> None:
    in_app, in_file = set(route_keys(isolation_app)), set(listed())
    missing, stale = sorted(in_app - in_file), sorted(in_file - in_app)
    assert not missing, (
        "routes without an isolation case: add each to tests/accounts/isolation_routes.yaml "
        f"(public, everyone, personal or viewer): {missing}"
    )
    assert not stale, f"isolation_routes.yaml lists routes the app does not have: {stale}"


def test_public_and_everyone_routes_open_no_diary(isolation_app: FastAPI) -> None:
    routes = route_keys(isolation_app)
    opening = [key for key in (*PUBLIC, *EVERYONE) if key in routes and opens_a_diary(routes[key])]
    assert not opening, f"listed as showing no one's data, yet they open a diary: {opening}"


# Reading an answer as a person would


@cache
def _pdftotext() -> str:
    path = shutil.which("pdftotext")
    if path is None:
        reason = "pdftotext not found (apt-get install poppler-utils): a PDF cannot be read"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def readable(response: httpx.Response) -> str:
    """What an answer says: a PDF's text, each file of a zip, a calendar unfolded, headers."""
    kind = response.headers.get("content-type", "")
    body = response.content
    if kind.startswith("application/pdf"):
        done = subprocess.run([_pdftotext(), "-", "-"], input=body, capture_output=True, check=True)
        text = done.stdout.decode("utf-8", "replace")
    elif kind.startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            text = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    else:
        text = body.decode("utf-8", "replace")
    if kind.startswith("text/calendar"):
        text = re.sub(r"\r?\n[ \t]", "", text)  # RFC 5545 §3.1: a folded line goes on
    for header in ("location", "content-disposition"):
        text += f"\n{response.headers.get(header, '')}"
    return text


def comparable(response: httpx.Response) -> str:
    """An answer with its moments of making (timestamps, DTSTAMP) taken out."""
    lines = readable(response).splitlines()
    kept = "\n".join(line for line in lines if not line.startswith("DTSTAMP"))
    return f"{response.status_code}\n{_MOMENT.sub('<moment>', kept)}"


def others_must_not_see(world: Any, case: dict[str, Any]) -> dict[str, str]:
    """A's markers but those the case lets others show of their own (`others_may_see`)."""
    allowed = case.get("others_may_see", {})
    return {name: value for name, value in world.markers.items() if name not in allowed}


def shown(markers: dict[str, str], response: httpx.Response) -> list[str]:
    """Which of the markers the answer shows (any case)."""
    text = readable(response).casefold()
    return [f"{name} {value!r}" for name, value in markers.items() if value.casefold() in text]


# Calling a case


def _filled(value: Any, days: dict[str, str]) -> Any:
    if isinstance(value, str):
        for name, day in days.items():
            value = value.replace("{" + name + "}", day)
        return value
    if isinstance(value, list):
        return [_filled(item, days) for item in value]
    if isinstance(value, dict):
        return {key: _filled(item, days) for key, item in value.items()}
    return value


#: A record id no one has (RecordId's largest): what an absent record answers.
NOWHERE = 2**31 - 1


def address(
    key: str, case: dict[str, Any], records: dict[str, int], *, nowhere: bool = False
) -> tuple[str, bool]:
    """The case's path with its parameters filled; and whether one of them is A's record.

    With `nowhere`, A's records are replaced by an id no one has.
    """
    template = key.split(" ", 1)[1]
    given = case.get("params", {})
    names_a_record = False
    path = template
    for name in _PARAMETER.findall(template):
        if str(given.get(name, "")).startswith("$"):
            value, names_a_record = records[given[name][1:]], True
        elif name in given:
            value = given[name]
        elif name in records:
            value, names_a_record = records[name], True
        else:
            pytest.fail(
                f"{key}: say in isolation_routes.yaml what fills {{{name}}}: give it under "
                f"params, or name it as one of A's records ({', '.join(sorted(records))})"
            )
        if nowhere and names_a_record:
            value = NOWHERE
        path = re.sub(r"\{" + name + r"(?::\w+)?\}", str(value), path)
    return path, names_a_record


def send(
    client: TestClient, key: str, case: dict[str, Any], path: str, days: dict[str, str]
) -> httpx.Response:
    """Make the case's request with this browser or token; `days` fill the body's {names}."""
    method = key.split(" ", 1)[0]
    body: dict[str, Any] = {}
    if "json" in case:
        body["json"] = _filled(case["json"], days)
    if "form" in case:
        body["data"] = _filled(case["form"], days)
    return client.request(method, path, params=_filled(case.get("query"), days), **body)


def is_api(path: str) -> bool:
    """The JSON API (401 when no one is signed in) rather than a page (sent to sign in)."""
    return path.startswith(("/api/", "/cds-services"))


def check_refused(who: str, client: TestClient, response: httpx.Response, asked: Any) -> None:
    """The status an intruder may get: sent to sign in, 401, or what no record answers.

    `asked` is (key, case, records, days). A route naming one of A's records must
    answer a signed-in intruder exactly as it answers an id no one has: 404, or a
    refusal (403) that does not depend on the record at all.
    """
    key, case, records, days = asked
    path, names_a_record = address(key, case, records)
    said = f"{who}: {response.request.method} {path} answered {response.status_code}"
    assert response.status_code < 500, f"{said}: {response.text[:300]}"
    if who == SIGNED_OUT:
        if is_api(path):
            assert response.status_code == 401, said
        else:
            assert response.status_code == 303, said
            assert response.headers["location"].startswith("/login"), said
    elif names_a_record and response.status_code != 404:
        elsewhere, _ = address(key, case, records, nowhere=True)
        absent = send(client, key, case, elsewhere, days).status_code
        assert response.status_code == absent == 403, (
            f"{said}, but {absent} for a record no one has: another person's record must "
            "answer as an absent one (404)"
        )


# The personal routes


def _path_of(key: str) -> str:
    return key.split(" ", 1)[1]


def _method_of(key: str) -> str:
    return key.split(" ", 1)[0]


def _before_and_after(key: str, case: dict[str, Any]) -> bool:
    """Whether the intruders' answers are compared from before A had records to after."""
    return _method_of(key) == "GET" and "same_before_after" not in case


@pytest.fixture(scope="module")
def read_world(isolation_app: FastAPI, world_maker: Any) -> Iterator[Any]:
    """One world for every route that only reads: each intruder's answer to each
    GET is taken before A has records (`read_world.before`), then A's are made."""
    world = world_maker(isolation_app)
    world.before = {}
    for key, case in PERSONAL.items():
        case = case or {}
        if _before_and_after(key, case) and not _PARAMETER.search(_path_of(key)):
            path, _ = address(key, case, world.records)
            world.before[key] = {
                who: comparable(send(client, key, case, path, world.days))
                for who, client in world.intruders.items()
            }
    world.fill_a()
    try:
        yield world
    finally:
        world.close()


@pytest.mark.parametrize("key", sorted(PERSONAL))
def test_no_one_else_gets_or_changes_a_persons_data(
    key: str, isolation_app: FastAPI, request: pytest.FixtureRequest
) -> None:
    case = PERSONAL[key] or {}
    method, reads = _method_of(key), _method_of(key) == "GET"
    world = request.getfixturevalue("read_world" if reads else "world")
    before: dict[str, str] = {}
    if _before_and_after(key, case) and not _PARAMETER.search(_path_of(key)):
        before = world.before[key]
    if not reads:
        world.fill_a()
    path, _ = address(key, case, world.records)
    markers = others_must_not_see(world, case)
    kept = a_part(world.snapshot(), case)
    for who, client in world.intruders.items():
        response = send(client, key, case, path, world.days)
        check_refused(who, client, response, (key, case, world.records, world.days))
        if "others" in case and who != SIGNED_OUT:
            assert response.status_code == case["others"], f"{who}: {response.status_code}"
        leaked = shown(markers, response)
        assert not leaked, f"{who} got A's {leaked} from {method} {path}"
        if who in before:
            assert comparable(response) == before[who], (
                f"{who}'s answer to {method} {path} changed when A's records were made"
            )
        if not reads:
            assert a_part(world.snapshot(), case) == kept, (
                f"{who}'s {method} {path} changed A's data"
            )
    assert a_part(world.snapshot(), case) == kept, f"an intruder's {method} {path} changed A's data"
    _a_gets_it(key, case, world, path, kept)


def a_part(snapshot: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    """A's rows but the tables the case lets others change (`others_may_change`)."""
    return {k: v for k, v in snapshot.items() if k not in case.get("others_may_change", {})}


def _a_gets_it(key: str, case: dict[str, Any], world: Any, path: str, kept: Any) -> None:
    response = send(world.a, key, case, path, world.days)
    expected = case.get("ok", 200)
    assert response.status_code == expected, (
        f"A's own {key} answered {response.status_code}, not {expected}: {response.text[:300]}"
    )
    text = readable(response).casefold()
    missing = [m for m in case.get("sees", []) if world.markers[m].casefold() not in text]
    missing += [w for w in case.get("sees_text", []) if w.casefold() not in text]
    assert not missing, f"A's own {key} does not show {missing}: the case proves nothing"
    if _method_of(key) != "GET" and case.get("changes", True):
        assert world.snapshot() != kept, f"A's own {key} changed nothing: the case proves nothing"


# The viewer routes


@pytest.mark.parametrize("key", sorted(VIEWER))
def test_a_viewer_reads_only_while_shared(key: str, world: Any) -> None:
    case = VIEWER[key] or {}
    world.fill_a()
    path, _ = address(key, case, world.records)
    kept = world.snapshot()
    for who, client in world.intruders.items():
        if who == THE_VIEWER:
            continue
        response = send(client, key, case, path, world.days)
        check_refused(who, client, response, (key, case, world.records, world.days))
        leaked = shown(world.markers, response)
        assert not leaked, f"{who} got A's {leaked} from {path}"
    response = send(world.viewer, key, case, path, world.days)
    assert response.status_code == case.get("ok", 200), f"the coach got {response.status_code}"
    text = readable(response).casefold()
    missing = [m for m in case.get("sees", []) if world.markers[m].casefold() not in text]
    assert not missing, f"the coach A shares with does not see {missing} at {path}"
    if case.get("changes", False):
        assert world.snapshot() != kept, f"the coach's {key} changed nothing: it proves nothing"
    else:
        assert world.snapshot() == kept, f"the coach's {key} changed A's data"
    world.stop_viewer_share()
    again = send(world.viewer, key, case, path, world.days)
    asked = (key, case, world.records, world.days)
    check_refused("the coach, once A stopped sharing", world.viewer, again, asked)
    leaked = shown(world.markers, again)
    assert not leaked, f"once A stopped sharing, the coach still got A's {leaked} from {path}"


# Routes that show no one's data


# The administrator's pages


@pytest.mark.parametrize("key", sorted(ADMIN))
def test_only_an_administrator_reaches_the_administrators_pages(key: str, world: Any) -> None:
    case = ADMIN[key] or {}
    world.fill_a()
    path, _ = address(key, case, world.records)
    kept = world.snapshot()
    for who, client in world.intruders.items():
        response = send(client, key, case, path, world.days)
        check_refused(who, client, response, (key, case, world.records, world.days))
        leaked = shown(world.markers, response)
        assert not leaked, f"{who} got A's {leaked} from {path}"
    assert world.snapshot() == kept, f"someone not an administrator changed A's data at {path}"
    response = send(world.admin, key, case, path, world.days)
    assert response.status_code == case.get("ok", 200), (
        f"the administrator's {key} answered {response.status_code}: {response.text[:300]}"
    )
    text = readable(response).casefold()
    missing = [m for m in case.get("sees", []) if world.markers[m].casefold() not in text]
    assert not missing, f"the administrator does not see {missing} at {path}"
    if case.get("changes", False):
        assert world.snapshot() != kept, f"the administrator's {key} changed nothing of A's"


def _case(entry: Any) -> dict[str, Any]:
    return entry if isinstance(entry, dict) else {"why": entry}


@pytest.mark.parametrize("key", sorted(k for k in EVERYONE if k.startswith("GET ")))
def test_a_route_for_everyone_shows_no_ones_data(key: str, read_world: Any) -> None:
    case = _case(EVERYONE[key])
    path, _ = address(key, case, {})
    markers = others_must_not_see(read_world, case)
    for who in ("person B (signed in)", SIGNED_OUT):
        client = read_world.intruders[who]
        response = send(client, key, {}, path, read_world.days)
        check_refused(who, client, response, (key, case, {}, read_world.days))
        if who != SIGNED_OUT:
            ok = case.get("ok", 200)
            assert response.status_code == ok, f"{who}: {path} answered {response.status_code}"
        leaked = shown(markers, response)
        assert not leaked, f"{who} got A's {leaked} from {path}"


@pytest.mark.parametrize("key", sorted(k for k in PUBLIC if k.startswith("GET ")))
def test_a_public_route_answers_without_signing_in(key: str, read_world: Any) -> None:
    case = _case(PUBLIC[key])
    path, _ = address(key, case, {})
    response = send(read_world.intruders[SIGNED_OUT], key, {}, path, read_world.days)
    ok = case.get("ok", 200)
    assert response.status_code == ok, f"{path} answered {response.status_code} signed out"
    leaked = shown(read_world.markers, response)
    assert not leaked, f"{path} showed A's {leaked} to someone not signed in"


# A read-only access token changes nothing, through any route


UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
GUARDED = ("everyone", "personal", "viewer", "admin")


def _holder(kind: str, world: Any) -> int:
    """Whose read-only token calls a route of this kind: the one the route is for."""
    if kind == "admin":
        return PERSONAL_ACCOUNT_ID  # the server's administrator
    if kind == "viewer":
        with world.app.state.diary.accounts().reading() as session:
            share = session.get(Share, world.viewer_share)
            assert share is not None
            return share.viewer_id
    return int(world.a_id)


def _unused(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A snapshot without the tokens' last use (a refused call still used its token)."""
    tokens = [
        {k: v for k, v in row.items() if k != "last_used_at"}
        for row in snapshot.get("access_token", [])
    ]
    return {**snapshot, "access_token": tokens}


def _signup_codes(world: Any) -> int:
    with world.app.state.diary.accounts().reading() as session:
        return int(session.scalar(select(func.count()).select_from(SignupInvitation)) or 0)


@pytest.mark.parametrize(
    "key",
    sorted(k for kind in GUARDED for k in ROUTES[kind] or {} if _method_of(k) in UNSAFE),
)
def test_a_read_only_token_is_refused_every_change(key: str, world: Any) -> None:
    """Issue 13 item 1: POST, PUT, PATCH or DELETE with a read-only token answers 403
    and changes nothing, on every route that needs a signed-in person: the refusal is
    the app's, not each route's. The API says the token may only read; a page's form
    takes no token at all (test_token_pages.py), which it says before the scope."""
    kind = listed()[key]
    entry = ROUTES[kind][key]
    case = _case(entry) if kind == "everyone" else (entry or {})
    world.fill_a()
    path, _ = address(key, case, world.records)
    _, token = create_access_token(world.app.state.diary, _holder(kind, world), "reader", ("read",))
    kept, codes = _unused(world.snapshot()), _signup_codes(world)
    with TestClient(world.app, base_url=world.a.base_url, follow_redirects=False) as program:
        program.headers["authorization"] = f"Bearer {token}"
        response = send(program, key, case, path, world.days)
    said = f"a read-only token's {key} answered {response.status_code}: {response.text[:300]}"
    assert response.status_code == 403, said
    assert response.headers["content-type"].startswith("application/problem+json"), said
    # This refusal, not another 403.
    refusal = "/problems/read-only-token" if is_api(path) else "/problems/token-not-allowed"
    assert response.json()["type"] == refusal, said
    assert _unused(world.snapshot()) == kept, f"a read-only token's {key} changed A's data"
    assert _signup_codes(world) == codes, f"a read-only token's {key} made a sign-up code"
