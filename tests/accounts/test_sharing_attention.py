"""The coach's team table: who needs attention first, by the rule the page states.

Each case is a person whose diary puts them in one place of the rule (red,
pain rising, amber, no recent entry, green); the API's list and the page's
table must both give that order, and the page must say the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from tests._clock import TODAY

from kneewise.accounts.sharing import make_invitation, redeem_invitation
from kneewise.accounts.store import create_account
from kneewise.diary.models import Account
from kneewise.diary.records import PainEntryRecord, build
from kneewise.diary.repository import log_pain, save_assessment
from kneewise.engine.assess import assess
from kneewise.intake import Intake
from kneewise.knowledge.load import load_knowledge
from kneewise.programmes import store
from kneewise.programmes.load import load_library
from kneewise.web.shared_overview import ATTENTION_RULE

from ..conftest import signed_in

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def _days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


#: name → pain entries (days ago, scores); listed in the order the rule must give.
TEAM: dict[str, list[tuple[int, dict[str, Any]]]] = {
    # Red: night pain this week (stop and see a doctor), even with low scores.
    "rita": [(0, {"during": 2, "night_pain": True})],
    # Amber because the week's average rose by 2 points; its worst pain is only 3/10.
    "ari": [(d, {"during": 1}) for d in range(7, 14)] + [(d, {"during": 3}) for d in range(0, 7)],
    # Amber because 7/10 during activity; not rising (no week before to compare).
    "amy": [(0, {"during": 7})],
    # No light: the last entry is 10 days old, so today is not known.
    "nora": [(10, {"during": 2})],
    # Green: low pain, logged today.
    "gus": [(0, {"during": 2})],
}


def test_the_team_is_sorted_by_who_needs_attention(server_app: FastAPI) -> None:
    diary = server_app.state.diary
    with signed_in(server_app, "kim") as coach:
        coach_id = _id(server_app, "kim")
        for name in sorted(TEAM):  # made in name order, so the rule, not the order made, sorts
            person = create_account(diary, name, "a long test password")
            for days, scores in TEAM[name]:
                record = build(PainEntryRecord, {"date": _days_ago(days), "knee": "left", **scores})
                log_pain(diary.for_owner(person.id), record)
            _, code = make_invitation(diary, person.id, "coach", "Seniors")
            redeem_invitation(diary, coach_id, code)

        listed = coach.get("/api/v1/shared").json()
        assert [p["share"]["person_name"] for p in listed] == list(TEAM)
        assert [p["light"] for p in listed] == ["red", "amber", "amber", "none", "green"]
        assert listed[1]["pain_rise"] == 2.0 and listed[2]["pain_rise"] is None

        page = coach.get("/shared").text
        assert "Team Seniors" in page and ATTENTION_RULE in page
        rows = re.findall(r'<th scope="row"><a href="/shared/\d+">([a-z]+)</a>', page)
        assert rows == list(TEAM)
        assert "<strong>rising</strong>" in page


def _id(app: FastAPI, username: str) -> int:
    with app.state.diary.accounts().reading() as session:
        found: int = session.scalars(select(Account.id).where(Account.username == username)).one()
        return found


def test_adherence_counts_whole_weeks_and_this_week_apart(server_app: FastAPI) -> None:
    """Week 1 is over (1 done, 1 partly of 3 planned); week 2 has one session so far."""
    diary = server_app.state.diary
    library = load_library()
    programme = library.programmes["general_knee"]
    start = _days_ago(10)
    with signed_in(server_app, "dr_lee") as clinician:
        person = create_account(diary, "pat", "a long test password")
        own = diary.for_owner(person.id)
        store.start(own, programme, start)
        for offset, status in ((0, "done"), (2, "partly"), (8, "done")):
            day = start + dt.timedelta(days=offset)
            update = store.SessionUpdate(day=day, status=status, pain_during=1, rpe=3, minutes=20)
            store.log_session(own, library, update, day)
        _, code = make_invitation(diary, person.id, "clinician")
        redeem_invitation(diary, _id(server_app, "dr_lee"), code)

        shown = clinician.get(f"/api/v1/shared/{person.id}").json()["adherence"]
        assert shown == {
            "programme": programme.name,
            "week": 2,
            "done": 1.5,
            "planned": programme.stages[0].days_per_week,
            "done_this_week": 1.0,
            "ended": False,
        }
        page = clinician.get("/shared").text
        assert f"{programme.name}, week 2: 1.5 of 3 sessions done; 1 this week" in page


def test_a_check_with_warning_signs_left_open_never_reads_as_clear(server_app: FastAPI) -> None:
    """A check that asked little: the clinician is told what it could not rule out."""
    diary = server_app.state.diary
    intake = {"age": 30, "activities": ["running"]}
    result = assess(Intake.model_validate(intake), load_knowledge())
    left_open = len(result.triage.not_ruled_out())
    assert left_open > 0  # the case is not vacuous
    with signed_in(server_app, "dr_lee") as clinician:
        person = create_account(diary, "sam", "a long test password")
        save_assessment(diary.for_owner(person.id), intake, result.to_json_dict())
        _, code = make_invitation(diary, person.id, "clinician")
        redeem_invitation(diary, _id(server_app, "dr_lee"), code)

        check = clinician.get(f"/api/v1/shared/{person.id}").json()["latest_check"]
        assert (check["level"], check["open_signs"]) == (result.triage.level, left_open)
        assert "<strong>not everything was checked</strong>" in clinician.get("/shared").text
        dashboard = " ".join(clinician.get(f"/shared/{person.id}").text.split())
        assert f"{left_open} serious warning signs could not be ruled out" in dashboard
        assert "They are not known to be absent." in dashboard
