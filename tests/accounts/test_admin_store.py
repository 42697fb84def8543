"""One-time codes and removing accounts (`kneewise.accounts.admin`), on SQLite and PostgreSQL.

A code works once, for its time, only as the newest of its kind, and however
it is typed (case, dashes, spaces, O for 0, I or L for 1); tried by several
people at once it still works once. Removing an account removes its data and
nobody else's, and never the last administrator.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from tests._clock import TODAY

from kneewise._errors import AccountError, PasswordRefused
from kneewise.accounts.admin import (
    BAD_RESET_CODE,
    BAD_SIGNUP_CODE,
    create_reset_code,
    create_signup_code,
    list_accounts,
    pending_signup_codes,
    remove_account,
    sign_up_with_code,
    use_reset_code,
    withdraw_signup_code,
)
from kneewise.accounts.store import (
    authenticate,
    begin_session,
    create_access_token,
    create_account,
    person_of_session,
    person_of_token,
)
from kneewise.diary import Diary, open_diary
from kneewise.diary.models import (
    PERSONAL_ACCOUNT_ID,
    Account,
    PasswordReset,
    SignupInvitation,
    TrainingSession,
)
from kneewise.diary.records import SessionRecord, build
from kneewise.diary.repository import add_session, count_records

OLD = "the old password of ana"
NEW = "a brand new password"
_numbers = itertools.count(1)


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def diary(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Diary]:
    """A fresh diary database with a first administrator, `root`."""
    if request.param == "sqlite":
        opened = open_diary(f"sqlite:///{tmp_path / 'accounts.sqlite3'}", owner_id=None)
        dropped: Callable[[], None] = lambda: None  # noqa: E731
    else:
        server: Any = request.getfixturevalue("postgres_server")
        name = f"admin_store_{next(_numbers)}"
        server.admin(f"CREATE DATABASE {name}")
        opened = open_diary(server.url(name), owner_id=None)
        dropped = lambda: server.admin(f"DROP DATABASE {name}")  # noqa: E731
    create_account(opened, "root", "the administrator's password", is_admin=True)
    yield opened
    opened.close()
    dropped()


def _typed_otherwise(code: str) -> str:
    """The code as a person might type it: lower case, no dashes, O for 0, L for 1, spaces."""
    return " " + code.replace("-", " ").replace("0", "O").replace("1", "l").lower() + " "


def test_a_reset_code_sets_a_new_password_once_and_ends_every_session(diary: Diary) -> None:
    ana = create_account(diary, "Ana", OLD)
    session_token = begin_session(diary, ana.id, days=1)
    code = create_reset_code(diary, ana.id, created_by=None)
    assert authenticate(diary, "ana", OLD) is not None  # the old password works until used
    assert use_reset_code(diary, _typed_otherwise(code), NEW).id == ana.id
    assert authenticate(diary, "ana", OLD) is None
    assert authenticate(diary, "ana", NEW) is not None
    assert person_of_session(diary, session_token) is None
    with pytest.raises(AccountError, match="already used"):
        use_reset_code(diary, code, "yet another password")
    assert authenticate(diary, "ana", NEW) is not None


def test_any_way_of_typing_a_code_is_read_back(diary: Diary) -> None:
    ana = create_account(diary, "ana", OLD)
    # A code with a 0 or 1 in it, so reading O and L back is really tried.
    code = next(
        c
        for c in (create_reset_code(diary, ana.id, created_by=None) for _ in range(60))
        if "0" in c or "1" in c
    )
    use_reset_code(diary, _typed_otherwise(code), NEW)
    assert authenticate(diary, "ana", NEW) is not None


def test_a_newer_reset_code_voids_the_older_one(diary: Diary) -> None:
    ana = create_account(diary, "ana", OLD)
    older = create_reset_code(diary, ana.id, created_by=None)
    newer = create_reset_code(diary, ana.id, created_by=None)
    with pytest.raises(AccountError) as refused:
        use_reset_code(diary, older, NEW)
    assert str(refused.value) == BAD_RESET_CODE
    use_reset_code(diary, newer, NEW)
    assert authenticate(diary, "ana", NEW) is not None


def test_an_expired_reset_code_does_not_work(diary: Diary) -> None:
    ana = create_account(diary, "ana", OLD)
    code = create_reset_code(diary, ana.id, created_by=None)
    with diary.accounts().transaction() as session:
        session.execute(
            update(PasswordReset).values(
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
            )
        )
    with pytest.raises(AccountError, match="older than 24 hours"):
        use_reset_code(diary, code, NEW)
    assert authenticate(diary, "ana", OLD) is not None


def test_a_weak_new_password_keeps_the_code_for_another_try(diary: Diary) -> None:
    ana = create_account(diary, "ana", OLD)
    code = create_reset_code(diary, ana.id, created_by=None)
    with pytest.raises(PasswordRefused, match="at least 8"):
        use_reset_code(diary, code, "short")
    use_reset_code(diary, code, NEW)
    assert authenticate(diary, "ana", NEW) is not None


def test_codes_are_kept_only_as_their_hash(diary: Diary) -> None:
    ana = create_account(diary, "ana", OLD)
    reset = create_reset_code(diary, ana.id, created_by=None)
    invitation = create_signup_code(diary, created_by=None)
    assert invitation.code is not None
    with diary.accounts().reading() as session:
        stored = [
            *session.scalars(select(PasswordReset.code_hash)),
            *session.scalars(select(SignupInvitation.code_hash)),
        ]
    plain = {c.replace("-", "") for c in (reset, invitation.code)}
    assert len(stored) == 2
    assert not any(p in s or s in (reset, invitation.code) for s in stored for p in plain)


def test_a_signup_code_makes_one_account_and_then_stops(diary: Diary) -> None:
    made = create_signup_code(diary, created_by=None)
    assert made.code is not None
    assert [p.id for p in pending_signup_codes(diary)] == [made.id]
    ben = sign_up_with_code(diary, _typed_otherwise(made.code), "Ben", "ben's own password")
    assert ben.username == "ben" and not ben.is_admin
    assert authenticate(diary, "ben", "ben's own password") is not None
    assert pending_signup_codes(diary) == []
    with pytest.raises(AccountError) as refused:
        sign_up_with_code(diary, made.code, "cy", "cy's own password")
    assert str(refused.value) == BAD_SIGNUP_CODE
    assert [a.username for a in list_accounts(diary)] == ["ben", "root"]


def test_a_taken_name_or_weak_password_keeps_the_signup_code(diary: Diary) -> None:
    made = create_signup_code(diary, created_by=None)
    assert made.code is not None
    with pytest.raises(AccountError, match="taken"):
        sign_up_with_code(diary, made.code, "ROOT", "a fine long password")
    with pytest.raises(PasswordRefused):
        sign_up_with_code(diary, made.code, "cy", "short")
    assert sign_up_with_code(diary, made.code, "cy", "a fine long password").username == "cy"


def test_a_withdrawn_or_expired_signup_code_does_not_work(diary: Diary) -> None:
    withdrawn, expired = (
        create_signup_code(diary, created_by=None),
        create_signup_code(diary, created_by=None),
    )
    assert withdraw_signup_code(diary, withdrawn.id)
    assert not withdraw_signup_code(diary, withdrawn.id)  # once only
    with diary.accounts().transaction() as session:
        session.execute(
            update(SignupInvitation)
            .where(SignupInvitation.id == expired.id)
            .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    for code in (withdrawn.code, expired.code):
        assert code is not None
        with pytest.raises(AccountError, match="does not work"):
            sign_up_with_code(diary, code, "dee", "a fine long password")
    assert pending_signup_codes(diary) == []


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


def test_one_signup_code_used_by_several_at_once_makes_one_account(diary: Diary) -> None:
    made = create_signup_code(diary, created_by=None)
    code = made.code
    assert code is not None

    def attempt(name: str) -> Callable[[], object]:
        return lambda: sign_up_with_code(diary, code, name, "a fine long password")

    results = _at_once([attempt(f"racer{i}") for i in range(4)])
    succeeded = [r for r in results if not isinstance(r, Exception)]
    assert len(succeeded) == 1, results
    assert all(isinstance(r, AccountError) for r in results if r not in succeeded)
    assert len(list_accounts(diary)) == 2  # root and the one who got there first


def test_one_reset_code_used_twice_at_once_sets_one_password(diary: Diary) -> None:
    ana = create_account(diary, "ana", OLD)
    code = create_reset_code(diary, ana.id, created_by=None)
    passwords = [f"new password number {i}" for i in range(4)]

    def attempt(password: str) -> Callable[[], object]:
        return lambda: use_reset_code(diary, code, password)

    results = _at_once([attempt(p) for p in passwords])
    succeeded = [p for p, r in zip(passwords, results, strict=True) if not isinstance(r, Exception)]
    assert len(succeeded) == 1, results
    assert authenticate(diary, "ana", succeeded[0]) is not None


def _log_session(diary: Diary, owner: int, activity: str) -> None:
    add_session(
        diary.for_owner(owner),
        build(SessionRecord, {"date": TODAY, "activity": activity, "duration_min": 30}),
    )


def test_removing_an_account_removes_its_data_and_nobody_elses(diary: Diary) -> None:
    ana = create_account(diary, "ana", OLD)
    ben = create_account(diary, "ben", "ben's own password")
    _log_session(diary, ana.id, "running")
    _log_session(diary, ben.id, "cycling")
    ana_session = begin_session(diary, ana.id, days=1)
    _, ana_token = create_access_token(diary, ana.id, "script", ("read",))
    remove_account(diary, ana.id)
    assert person_of_session(diary, ana_session) is None
    assert person_of_token(diary, ana_token) is None
    assert authenticate(diary, "ana", OLD) is None
    with diary.accounts().reading() as session:
        assert session.get(Account, ana.id) is None
    with diary.for_owner(ana.id).reading() as session:
        assert session.scalars(select(TrainingSession)).all() == []
    assert count_records(diary.for_owner(ben.id))["training_session"] == 1
    assert [a.username for a in list_accounts(diary)] == ["ben", "root"]


def test_the_first_account_is_emptied_and_unnamed_not_deleted(diary: Diary) -> None:
    # root claimed the first account (a personal diary's data); another admin removes it.
    create_account(diary, "deputy", "the deputy's password", is_admin=True)
    _log_session(diary, PERSONAL_ACCOUNT_ID, "rowing")
    remove_account(diary, PERSONAL_ACCOUNT_ID)
    with diary.accounts().reading() as session:
        first = session.get(Account, PERSONAL_ACCOUNT_ID)
        assert first is not None
        assert (first.username, first.password_hash, first.is_admin) == (None, None, False)
    assert count_records(diary.for_owner(PERSONAL_ACCOUNT_ID))["training_session"] == 0
    # Whoever names it next is not an administrator unasked.
    assert not create_account(diary, "eve", "eve's own password").is_admin


def test_the_last_administrator_cannot_be_removed(diary: Diary) -> None:
    with pytest.raises(AccountError, match="only administrator"):
        remove_account(diary, PERSONAL_ACCOUNT_ID)
    assert [a.username for a in list_accounts(diary)] == ["root"]


def test_an_unknown_account_is_said_so(diary: Diary) -> None:
    with pytest.raises(AccountError, match="no such account"):
        remove_account(diary, 999)
    with pytest.raises(AccountError, match="no such account"):
        create_reset_code(diary, 999, created_by=None)
