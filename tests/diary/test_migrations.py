"""No migration loses a person's data: a diary filled at any revision keeps every row at the head.

For every revision from the first to the one before the head, every table that
exists then is filled (sessions with their exercises, pain entries, the
profile, programmes and their sessions, questionnaires, accounts and what hangs
off them), the diary is migrated to the head in one run, and every row must
still be there with the same values (a column a later revision adds is not
compared). On SQLite every reference must still hold after and foreign keys be
on again. A table rebuilt with foreign keys on cascade-deletes its children
(SQLite's DROP TABLE deletes the rows first), which is the kind of loss this
catches.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from tests.diary.migration_rows import column_names, every_row, fill_every_table

from kneewise.diary import Diary, open_diary
from kneewise.diary.storage import (
    MIGRATIONS_DIR,
    VERSION_TABLE,
    downgrade_to,
    head_revision,
    upgrade_to,
)

_numbers = itertools.count(1)


def _revisions() -> list[str]:
    """Every revision id, the oldest first."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    return [step.revision for step in reversed(list(script.walk_revisions()))]


def _revisions_before_head() -> list[str]:
    return _revisions()[:-1]


#: What a downgrade removes on purpose, by the revision undone: going back to
#: one person's diary (0005) keeps only the first account's records.
_KEPT_BY_DOWNGRADE: dict[str, Callable[[dict[str, Any]], bool]] = {
    "0005": lambda row: row.get("owner_id", 1) == 1,
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def unmigrated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Diary]:
    """An empty diary with no schema yet (SQLite file or a fresh PostgreSQL database)."""
    if request.param == "sqlite":
        opened = open_diary(f"sqlite:///{tmp_path / 'old.sqlite3'}", migrate=False, owner_id=None)
        yield opened
        opened.close()
        return
    server: Any = request.getfixturevalue("postgres_server")
    name = f"migrations_{next(_numbers)}"
    server.admin(f"CREATE DATABASE {name}")
    opened = open_diary(server.url(name), migrate=False, owner_id=None)
    try:
        yield opened
    finally:
        opened.close()
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_there_is_a_revision_before_the_head() -> None:
    revisions = _revisions_before_head()
    assert revisions[0] == "0001"
    assert head_revision() not in revisions


@pytest.mark.parametrize("start", _revisions_before_head())
def test_every_row_is_kept_from_every_revision_to_the_head(unmigrated: Diary, start: str) -> None:
    upgrade_to(unmigrated, start)
    fill_every_table(unmigrated.engine)
    before = every_row(unmigrated.engine)
    assert before and all(rows for _, rows in before.values())  # every table holds rows
    assert before["exercise"][1]  # sessions with their exercises

    upgrade_to(unmigrated)
    assert every_row(unmigrated.engine, column_names(before)) == before

    with unmigrated.engine.connect() as connection:
        version = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()
        assert version == head_revision()
        if unmigrated.engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    if unmigrated.engine.dialect.name == "sqlite":
        database = sqlite3.connect(unmigrated.engine.url.database or "")
        try:
            assert database.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            database.close()


@pytest.mark.parametrize("undone", _revisions()[1:])
def test_a_downgrade_keeps_every_row_its_schema_still_holds(unmigrated: Diary, undone: str) -> None:
    """One revision undone: every row of a table still there keeps its values.

    Only a column or table the undone revision made goes, and the records a
    downgrade removes on purpose (`_KEPT_BY_DOWNGRADE`).
    """
    upgrade_to(unmigrated, undone)
    fill_every_table(unmigrated.engine)
    before = every_row(unmigrated.engine)
    previous = _revisions()[_revisions().index(undone) - 1]

    downgrade_to(unmigrated, previous)
    after = every_row(unmigrated.engine)
    kept = _KEPT_BY_DOWNGRADE.get(undone, lambda _row: True)
    for table, (names, rows) in after.items():
        if table not in before:
            continue  # made by the downgrade: nothing to compare
        old_names, old_rows = before[table]
        common = [name for name in names if name in old_names and name != "id"]
        expected = [
            tuple(row[old_names.index(name)] for name in common)
            for row in old_rows
            if kept(dict(zip(old_names, row, strict=True)))
        ]
        found = [tuple(row[names.index(name)] for name in common) for row in rows]
        assert found == expected, table
    if unmigrated.engine.dialect.name == "sqlite":
        database = sqlite3.connect(unmigrated.engine.url.database or "")
        try:
            assert database.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            database.close()
