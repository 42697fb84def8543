"""An account id is never given twice (migration 0010), and the migration loses nothing.

A phone's offline queue labels entries with the account id of whoever made
them; a removed person's id given to someone new would send their entries to
that person. PostgreSQL's sequences never reuse an id; SQLite's AUTOINCREMENT
does not either once the account table is rebuilt with it. The rebuild must
keep every row of every table: a diary filled at the previous revisions is
migrated and every row compared.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.diary.migration_rows import column_names, every_row, fill_every_table

from kneewise.accounts.admin import remove_account
from kneewise.accounts.store import create_account
from kneewise.diary import Diary, open_diary
from kneewise.diary.storage import VERSION_TABLE, head_revision, upgrade_to

PASSWORD = "a long enough password"
_numbers = itertools.count(1)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def diary(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Diary]:
    """A fresh diary with an administrator (who claims account 1)."""
    if request.param == "sqlite":
        opened = open_diary(f"sqlite:///{tmp_path / 'ids.sqlite3'}", owner_id=None)
        dropped: Callable[[], None] = lambda: None  # noqa: E731
    else:
        server: Any = request.getfixturevalue("postgres_server")
        name = f"account_ids_{next(_numbers)}"
        server.admin(f"CREATE DATABASE {name}")
        opened = open_diary(server.url(name), owner_id=None)
        dropped = lambda: server.admin(f"DROP DATABASE {name}")  # noqa: E731
    create_account(opened, "root", PASSWORD, is_admin=True)
    yield opened
    opened.close()
    dropped()


def test_the_newest_accounts_id_is_not_given_again(diary: Diary) -> None:
    given = [create_account(diary, f"person{n}", PASSWORD).id for n in range(3)]
    for account_id in reversed(given):  # the newest first: the very id SQLite would reuse
        remove_account(diary, account_id)
        newcomer = create_account(diary, f"new{account_id}", PASSWORD).id
        assert newcomer > max(given)
        given.append(newcomer)
    assert len(set(given)) == len(given)


# The migration keeps every row: a diary filled at an earlier revision, migrated.


@pytest.mark.parametrize("start", ["0009", "0008", "0005"])
def test_the_migration_keeps_every_row_of_every_table(tmp_path: Path, start: str) -> None:
    """From the previous head, and from older revisions in one run (the earlier ones commit)."""
    path = tmp_path / "filled.sqlite3"
    diary = open_diary(f"sqlite:///{path}", migrate=False, owner_id=None)
    upgrade_to(diary, start)
    fill_every_table(diary.engine)
    before = every_row(diary.engine)
    assert all(rows for _, rows in before.values())  # every table holds rows

    upgrade_to(diary)
    after = every_row(diary.engine, column_names(before))
    assert after == before

    database = sqlite3.connect(path)
    (ddl,) = database.execute("SELECT sql FROM sqlite_master WHERE name = 'account'").fetchone()
    assert "AUTOINCREMENT" in ddl
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    (version,) = database.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    assert version == head_revision()
    database.close()
    with diary.engine.connect() as connection:  # the pooled connection has them on again
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    diary.close()


def test_after_the_migration_removing_an_account_still_removes_its_data(tmp_path: Path) -> None:
    path = tmp_path / "filled.sqlite3"
    diary = open_diary(f"sqlite:///{path}", migrate=False, owner_id=None)
    upgrade_to(diary, "0009")
    fill_every_table(diary.engine)
    upgrade_to(diary)
    with diary.engine.begin() as connection:
        newest = connection.exec_driver_sql("SELECT max(id) FROM account").scalar()
        connection.exec_driver_sql(f"DELETE FROM account WHERE id = {newest}")
        left = connection.exec_driver_sql(
            f"SELECT count(*) FROM training_session WHERE owner_id = {newest}"
        ).scalar()
        connection.exec_driver_sql(
            "INSERT INTO account (is_admin, created_at) VALUES (0, '2025-04-01 00:00:00')"
        )
        newcomer = connection.exec_driver_sql("SELECT max(id) FROM account").scalar()
    assert left == 0
    assert newcomer == newest + 1
    diary.close()
