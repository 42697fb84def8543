"""A coach's team name is one line: a control character is refused, never turned into a space.

A tab, a new line, a NUL or a C1 control inside a team name made a sharing code whose
team was silently changed ("Under\\t16s" kept as "Under 16s", U+001F dropped). The
notes' check (`kneewise.diary.records.control_character`) now refuses them on the API
and the sharing page alike, naming the character and where it is; no code is made.
Real app with accounts on, real SQLite, in-process.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import signed_in

#: (team name as sent, the control character's code point, its place, 1-based)
CONTROLLED = [
    ("Under\t16s", "U+0009", 6),
    ("Seniors\n", "U+000A", 8),
    ("\rJuniors", "U+000D", 1),
    ("Tri\x00club", "U+0000", 4),
    ("Bell\x07s", "U+0007", 5),
    ("Unit\x1fseparated", "U+001F", 5),
    ("Delete\x7fme", "U+007F", 7),
    ("Next\x85line", "U+0085", 5),
    ("Équipe\x9bféminine", "U+009B", 7),
]
IDS = [point for _, point, _ in CONTROLLED]
#: Team names as people write them: kept, trimmed, spaces inside made one.
KEPT = [
    ("Under 16s", "Under 16s"),
    ("  Équipe   féminine ", "Équipe féminine"),
    ("ランナーズ", "ランナーズ"),
]


@pytest.fixture
def coach_and_athlete(server_app: FastAPI) -> Iterator[TestClient]:
    with signed_in(server_app, "ana") as client:
        yield client


@pytest.mark.parametrize(("team", "point", "place"), CONTROLLED, ids=IDS)
def test_the_api_refuses_a_control_character_naming_it(
    coach_and_athlete: TestClient, team: str, point: str, place: int
) -> None:
    client = coach_and_athlete
    refused = client.post("/api/v1/sharing-codes", json={"role": "coach", "team": team})
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["errors"][0]["field"] == "team"
    assert f"{point}, at character {place}" in problem["detail"]
    assert "one line" in problem["errors"][0]["allowed"]
    assert client.get("/api/v1/sharing-codes").json() == []


@pytest.mark.parametrize(("team", "point", "place"), CONTROLLED, ids=IDS)
def test_the_sharing_page_refuses_a_control_character_naming_it(
    coach_and_athlete: TestClient, team: str, point: str, place: int
) -> None:
    client = coach_and_athlete
    page = client.post("/sharing/codes", data={"role": "coach", "team": team})
    assert page.status_code == 422
    assert f"{point}, at character {place}" in page.text
    assert "no tabs, new lines or other control characters" in page.text
    assert 'id="sharing-code"' not in page.text
    assert client.get("/api/v1/sharing-codes").json() == []


@pytest.mark.parametrize(("team", "kept"), KEPT)
def test_a_team_name_as_people_write_it_is_kept(
    coach_and_athlete: TestClient, team: str, kept: str
) -> None:
    client = coach_and_athlete
    made = client.post("/api/v1/sharing-codes", json={"role": "coach", "team": team})
    assert made.status_code == 201, made.text
    assert made.json()["team"] == kept
    page = client.post("/sharing/codes", data={"role": "coach", "team": team})
    assert page.status_code == 200 and 'id="sharing-code"' in page.text
    assert [code["team"] for code in client.get("/api/v1/sharing-codes").json()] == [kept, kept]
