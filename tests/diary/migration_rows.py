"""Fill every table of a diary at some revision, and read every row back to compare.

Shared by the migration tests (tests/diary/test_migrations.py: every revision
migrated to the head; tests/accounts/test_account_ids.py: migration 0010). The
tables are read from the database itself (reflected), so a table or column a
revision adds is filled without this module knowing it: each column gets a value
of its type that differs per row, each reference a row that exists (a session's
exercises, a programme's sessions, an account's tokens). Where a column's words
matter to a later revision (which knee, a programme's status) the value is one
the app itself writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from kneewise.diary.storage import VERSION_TABLE

#: Values the app writes, by column name (or table.column), cycled through by row.
_WORDS: dict[str, tuple[Any, ...]] = {
    "knee": ("left", "right", "both"),
    "activity": ("running", "football", "cycling"),
    "source": ("manual", "strava", "fit"),
    "sex": ("female", "male", "other"),
    "name": ("squat", "lunge", "step-down"),
    # One active programme at most (revision 0004 stops all but the newest).
    "status": ("active", "completed", "stopped"),
    "programme_session.status": ("done", "partly", "skipped"),
    "role": ("clinician", "coach", "clinician"),
    "actor_role": ("clinician", "coach", "admin"),
    "action": ("read", "export", "change"),
    "via": ("page", "api", "cli"),
    "distance_unit": ("km", "mi", "km"),
    "temperature_unit": ("C", "F", "C"),
    "instrument": ("koos_ps", "kujala", "ikdc"),
}
#: Pain scores are 0 to 10.
_SCORES = {"during", "after", "next_morning", "pain_during", "pain_after", "pain_next_morning"}


def _value(column: sa.Column[Any], row: int, parents: dict[str, list[int]]) -> Any:
    """A value fitting the column (a parent's id for a reference), different per row."""
    for key in column.foreign_keys:
        ids = parents[key.column.table.name]
        return ids[row % len(ids)]
    kind = column.type
    words = _WORDS.get(f"{column.table.name}.{column.name}", _WORDS.get(column.name))
    if words is not None and isinstance(kind, sa.String):
        return words[row % len(words)]
    if isinstance(kind, sa.Boolean):
        return row % 2 == 0
    if isinstance(kind, sa.Integer):
        return (row + 3) % 11 if column.name in _SCORES else row + 1
    if isinstance(kind, sa.Float):
        return row + 0.5
    if isinstance(kind, sa.DateTime):
        return dt.datetime(2025, 3, 1 + row, 7, 30, 15)
    if isinstance(kind, sa.Date):
        return dt.date(2025, 3, 1 + row)
    if isinstance(kind, sa.Time):
        return dt.time(6, row)
    if isinstance(kind, sa.JSON):
        return [f"item {row}"]
    length = getattr(kind, "length", None) or 40
    return f"{column.table.name[:6]}{column.name[:6]}{row}"[:length]


def fill_every_table(engine: sa.Engine, rows: int = 3) -> None:
    """Put `rows` rows in every table (the version table aside), every column given.

    Parents are filled before children (`sorted_tables`), so each reference
    points at a row that exists: every session has an exercise, every
    enrolment its programme sessions. Before accounts the profile is one row.
    """
    tables = sa.MetaData()
    tables.reflect(engine)
    parents: dict[str, list[int]] = {}
    with engine.begin() as connection:
        for table in tables.sorted_tables:
            if table.name == VERSION_TABLE:
                continue
            for row in range(_how_many(table, tables, rows)):
                values = {
                    column.name: _value(column, row, parents)
                    for column in table.columns
                    if not column.primary_key
                }
                connection.execute(table.insert().values(values))
            parents[table.name] = list(connection.scalars(sa.select(table.c.id)))


def _how_many(table: sa.Table, tables: sa.MetaData, rows: int) -> int:
    # Before accounts (revision 0005) a diary was one person's: one profile, id 1.
    return 1 if table.name == "profile" and "account" not in tables.tables else rows


Rows = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def every_row(engine: sa.Engine, columns: dict[str, list[str]] | None = None) -> Rows:
    """Every table's column names and rows (ordered by id), the version table aside.

    With `columns` (table name -> column names, as an earlier call returned
    them) only those tables and columns are read: what a later revision added
    holds nothing to compare.
    """
    tables = sa.MetaData()
    tables.reflect(engine)
    found: Rows = {}
    with engine.connect() as connection:
        for table in tables.sorted_tables:
            if table.name == VERSION_TABLE or (columns and table.name not in columns):
                continue
            names = columns[table.name] if columns else [c.name for c in table.columns]
            query = sa.select(*(table.c[name] for name in names)).order_by(table.c.id)
            found[table.name] = (names, [tuple(row) for row in connection.execute(query)])
    return found


def column_names(rows: Rows) -> dict[str, list[str]]:
    """The tables and columns `rows` holds, to read the same ones again later."""
    return {name: names for name, (names, _) in rows.items()}
