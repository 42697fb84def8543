"""Sharing codes and shares in the account tables (kneewise.accounts.sharing), on real SQLite."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kneewise._errors import AccountError
from kneewise.accounts.codes import CODE_ALPHABET
from kneewise.accounts.sharing import (
    INVITATION_DAYS,
    leave_share,
    make_invitation,
    pending_invitations,
    redeem_invitation,
    share_between,
    shares_given,
    shares_received,
    stop_sharing,
    withdraw_invitation,
)
from kneewise.accounts.store import create_account
from kneewise.diary.models import Invitation, Share
from kneewise.diary.storage import Diary, open_diary

PASSWORD = "a long test password"


_numbers = itertools.count(1)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def diary(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Diary]:
    """A fresh diary database: a SQLite file, or a database on the throwaway PostgreSQL."""
    if request.param == "sqlite":
        opened = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
        yield opened
        opened.close()
        return
    server: Any = request.getfixturevalue("postgres_server")  # tests/conftest.py
    name = f"sharing_store_{next(_numbers)}"
    server.admin(f"CREATE DATABASE {name}")
    opened = open_diary(server.url(name))
    yield opened
    opened.close()
    server.admin(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def people(diary: Diary) -> dict[str, int]:
    """Three accounts: ana shares, dr_lee is a clinician, kim a coach."""
    return {name: create_account(diary, name, PASSWORD).id for name in ("ana", "dr_lee", "kim")}


def test_a_code_is_four_groups_of_crockford_letters_and_only_its_hash_is_kept(
    diary: Diary, people: dict[str, int]
) -> None:
    made, code = make_invitation(diary, people["ana"], "clinician")
    groups = code.split("-")
    assert [len(group) for group in groups] == [4, 4, 4, 4]
    assert set("".join(groups)) <= set(CODE_ALPHABET)
    assert made.expires_at - made.created_at == dt.timedelta(days=INVITATION_DAYS)
    with diary.accounts().reading() as session:
        stored = session.scalars(select(Invitation)).one()
        columns = [str(getattr(stored, c.key)) for c in Invitation.__table__.columns]
    plain = code.replace("-", "")
    assert not any(plain in value or code in value for value in columns)


def test_redeeming_shares_the_diary_with_the_viewer_both_ways_round(
    diary: Diary, people: dict[str, int]
) -> None:
    _, code = make_invitation(diary, people["ana"], "clinician")
    sharing = redeem_invitation(diary, people["dr_lee"], code)
    assert (sharing.person_name, sharing.viewer_name, sharing.role) == (
        "ana",
        "dr_lee",
        "clinician",
    )
    assert [s.viewer_name for s in shares_given(diary, people["ana"])] == ["dr_lee"]
    assert [s.person_name for s in shares_received(diary, people["dr_lee"])] == ["ana"]
    assert share_between(diary, people["dr_lee"], people["ana"]) == sharing
    # Sharing is one way: ana sees nothing of dr_lee's, kim nothing of anyone's.
    assert share_between(diary, people["ana"], people["dr_lee"]) is None
    assert share_between(diary, people["kim"], people["ana"]) is None
    assert pending_invitations(diary, people["ana"]) == []


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.lower(),
        lambda code: code.replace("-", " "),
        lambda code: code.replace("-", ""),
        lambda code: f"  {code}\n",
        lambda code: code.replace("0", "o").replace("1", "l"),
    ],
    ids=["lower case", "spaces", "no dashes", "padded", "O for 0 and L for 1"],
)
def test_a_code_reads_as_typed_by_hand(
    diary: Diary, people: dict[str, int], typed: Callable[[str], str]
) -> None:
    _, code = make_invitation(diary, people["ana"], "coach", "Under 16s")
    sharing = redeem_invitation(diary, people["kim"], typed(code))
    assert (sharing.role, sharing.team) == ("coach", "Under 16s")


@pytest.mark.parametrize(
    "code", ["", "1234", "7K3M-Q9TX-2C4R-HW8", "7K3M-Q9TX-2C4R-HW8D-1", "7K3M-Q9TX-2C4R-HW8!"]
)
def test_a_malformed_code_is_refused_with_the_rule(
    diary: Diary, people: dict[str, int], code: str
) -> None:
    with pytest.raises(AccountError, match="16 letters and digits"):
        redeem_invitation(diary, people["dr_lee"], code)


def test_a_code_works_once(diary: Diary, people: dict[str, int]) -> None:
    _, code = make_invitation(diary, people["ana"], "clinician")
    redeem_invitation(diary, people["dr_lee"], code)
    with pytest.raises(AccountError, match="used already"):
        redeem_invitation(diary, people["kim"], code)
    assert share_between(diary, people["kim"], people["ana"]) is None


def test_a_code_expires_after_a_week(diary: Diary, people: dict[str, int]) -> None:
    made_at = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    _, code = make_invitation(diary, people["ana"], "clinician", now=made_at)
    late = made_at + dt.timedelta(days=INVITATION_DAYS, seconds=1)
    assert pending_invitations(diary, people["ana"], now=late) == []
    with pytest.raises(AccountError, match="expired on 08 March 2026"):
        redeem_invitation(diary, people["dr_lee"], code, now=late)
    in_time = made_at + dt.timedelta(days=INVITATION_DAYS) - dt.timedelta(seconds=1)
    assert redeem_invitation(diary, people["dr_lee"], code, now=in_time).person_name == "ana"


def test_an_unknown_or_withdrawn_code_is_refused(diary: Diary, people: dict[str, int]) -> None:
    made, code = make_invitation(diary, people["ana"], "clinician")
    assert withdraw_invitation(diary, people["dr_lee"], made.id) is False  # not dr_lee's code
    assert withdraw_invitation(diary, people["ana"], made.id) is True
    with pytest.raises(AccountError, match="no sharing code matches"):
        redeem_invitation(diary, people["dr_lee"], code)
    with pytest.raises(AccountError, match="no sharing code matches"):
        redeem_invitation(diary, people["dr_lee"], "0000-0000-0000-0000")


def test_ones_own_code_cannot_be_used(diary: Diary, people: dict[str, int]) -> None:
    _, code = make_invitation(diary, people["ana"], "clinician")
    with pytest.raises(AccountError, match="your own sharing code"):
        redeem_invitation(diary, people["ana"], code)
    assert len(pending_invitations(diary, people["ana"])) == 1  # still usable by the clinician


@pytest.mark.parametrize(
    ("role", "team", "message"),
    [
        ("doctor", None, "clinician or a coach"),
        ("", None, "clinician or a coach"),
        ("clinician", "Under 16s", "team name is for a coach only"),
        ("coach", "x" * 61, "1 to 60"),
        ("coach", "tab\u0007bell", "1 to 60"),
    ],
)
def test_a_wrong_role_or_team_is_refused_with_what_is_allowed(
    diary: Diary, people: dict[str, int], role: str, team: str | None, message: str
) -> None:
    with pytest.raises(AccountError, match=message):
        make_invitation(diary, people["ana"], role, team)
    assert pending_invitations(diary, people["ana"]) == []


def test_an_empty_team_is_no_team(diary: Diary, people: dict[str, int]) -> None:
    made, _ = make_invitation(diary, people["ana"], "clinician", "   ")
    assert made.team is None
    made, _ = make_invitation(diary, people["ana"], "coach", "  Senior   squad ")
    assert made.team == "Senior squad"


def test_stopping_takes_effect_at_once_and_only_the_person_can_stop_it(
    diary: Diary, people: dict[str, int]
) -> None:
    _, code = make_invitation(diary, people["ana"], "clinician")
    sharing = redeem_invitation(diary, people["dr_lee"], code)
    assert stop_sharing(diary, people["kim"], sharing.id) is False  # not kim's share
    assert stop_sharing(diary, people["dr_lee"], sharing.id) is False  # the viewer: leave_share
    assert share_between(diary, people["dr_lee"], people["ana"]) is not None
    assert stop_sharing(diary, people["ana"], sharing.id) is True
    assert share_between(diary, people["dr_lee"], people["ana"]) is None
    assert shares_given(diary, people["ana"]) == shares_received(diary, people["dr_lee"]) == []
    assert stop_sharing(diary, people["ana"], sharing.id) is False  # already stopped


def test_a_viewer_can_take_a_person_off_their_list(diary: Diary, people: dict[str, int]) -> None:
    _, code = make_invitation(diary, people["ana"], "coach", "Seniors")
    sharing = redeem_invitation(diary, people["kim"], code)
    assert leave_share(diary, people["ana"], sharing.id) is False  # the person: stop_sharing
    assert leave_share(diary, people["kim"], sharing.id) is True
    assert share_between(diary, people["kim"], people["ana"]) is None


def test_a_second_code_to_the_same_viewer_updates_the_one_share(
    diary: Diary, people: dict[str, int]
) -> None:
    _, first = make_invitation(diary, people["ana"], "coach", "Juniors")
    redeem_invitation(diary, people["kim"], first)
    _, second = make_invitation(diary, people["ana"], "coach", "Seniors")
    redeem_invitation(diary, people["kim"], second)
    given = shares_given(diary, people["ana"])
    assert [(s.viewer_name, s.team) for s in given] == [("kim", "Seniors")]
    with diary.accounts().reading() as session:
        assert len(session.scalars(select(Share)).all()) == 1


def test_after_stopping_a_new_code_shares_again(diary: Diary, people: dict[str, int]) -> None:
    _, code = make_invitation(diary, people["ana"], "clinician")
    stop_sharing(diary, people["ana"], redeem_invitation(diary, people["dr_lee"], code).id)
    _, again = make_invitation(diary, people["ana"], "clinician")
    renewed = redeem_invitation(diary, people["dr_lee"], again)
    assert share_between(diary, people["dr_lee"], people["ana"]) == renewed


def _at_once(tries: list[Callable[[], object]]) -> list[object]:
    """Run the tries in threads released together; each one's result or error."""
    start = threading.Barrier(len(tries))
    results: list[object] = [None] * len(tries)

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = tries[index]()
        except Exception as error:  # what each try ended with is its result
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(tries))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_one_code_entered_by_several_at_once_shares_with_one(diary: Diary) -> None:
    ana = create_account(diary, "ana", PASSWORD).id
    viewers = [create_account(diary, f"viewer{i}", PASSWORD).id for i in range(4)]
    _, code = make_invitation(diary, ana, "clinician")

    def attempt(viewer: int) -> Callable[[], object]:
        return lambda: redeem_invitation(diary, viewer, code)

    results = _at_once([attempt(viewer) for viewer in viewers])
    succeeded = [r for r in results if not isinstance(r, Exception)]
    assert len(succeeded) == 1, results
    assert all(isinstance(r, AccountError) for r in results if r not in succeeded), results
    assert len(shares_given(diary, ana)) == 1
