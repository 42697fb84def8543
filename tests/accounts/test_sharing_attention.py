"""The coach's team table: who needs attention first, by the rule the page states.

Each case is a person whose diary puts them in one place of the rule (red,
pain rising, amber, no recent entry, green); the API's list and the page's
table must both give that order, and the page must say the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from kneewise.accounts.sharing import make_invitation, redeem_invitation
from kneewise.accounts.store import create_account
from kneewise.diary.models import Account
from kneewise.diary.records import PainEntryRecord, build
from kneewise.diary.repository import log_pain
from kneewise.web.shared_overview import ATTENTION_RULE

from ..conftest import signed_in

TODAY = dt.date.today()


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
