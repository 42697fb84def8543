"""The command line's quick way into a personal SQLite diary: the standard library's sqlite3.

`kneewise log pain` and `kneewise log session` are typed after a run, often on
a slow machine; importing SQLAlchemy and its ORM alone takes three to four
times as long as starting Typer and Rich (issue #11, `make bench` section
`cli`). So when the diary is the default SQLite file, in personal mode (no
accounts), and its schema is exactly the revision the statements below were
written for (`WRITTEN_FOR_REVISION`), these two commands write through
`sqlite3` with the same statements the ORM path sends. Anything else (a
`KNEEWISE_DATABASE_URL`, accounts on, a missing file, an older or newer
schema, a file sqlite3 cannot read) gets None from `open_direct()`, and the
command takes the SQLAlchemy path, which creates and migrates.

What is stored is the same, byte for byte: tests/diary/test_direct.py writes
each case of `direct_cases.yaml` through both paths into two fresh diaries
and compares every column of every table. Records are validated by the same
pydantic records (`kneewise.diary.records`) before either path sees them.
A failure reads as the ORM path's does: a `StorageError` in the same words
(`kneewise.diary.failures`), the same line in the log.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn

from kneewise._errors import StorageError
from kneewise._locations import Location
from kneewise.diary.failures import error_code, failure_message, logged_reason
from kneewise.diary.records import PainEntryRecord, SessionRecord

#: The schema revision the statements here were written for. A new migration
#: makes Alembic's head differ: tests/diary/test_direct.py then fails until
#: these statements are checked against the new schema and this is updated;
#: until then a migrated diary simply takes the SQLAlchemy path.
WRITTEN_FOR_REVISION = "0012"  # 0011 check drafts, 0012 the profile's zone: none written here
#: `kneewise.diary.storage.VERSION_TABLE`, which imports SQLAlchemy.
VERSION_TABLE = "kneewise_alembic_version"
#: `kneewise.diary.models.PERSONAL_ACCOUNT_ID` (the models import SQLAlchemy);
#: a test checks the two agree.
PERSONAL_ACCOUNT_ID = 1
#: How `kneewise.settings` (which imports pydantic-settings) names the variables and the
#: diary file; tests/diary/test_direct.py checks both agree with it.
SETTINGS_PREFIX = "KNEEWISE_"
DATA_DIR_VARIABLE = "KNEEWISE_DATA_DIR"
SQLITE_FILENAME = "diary.sqlite3"
#: Seconds to wait for another writer: pysqlite's default, which SQLAlchemy keeps.
BUSY_TIMEOUT_S = 5.0

PAIN_FINDINGS = (
    "during", "after", "next_morning", "location", "swelling", "night_pain", "stiffness_min",
)  # fmt: skip
_PAIN_COLUMNS = ("date", "knee", *PAIN_FINDINGS, "owner_id")
_SESSION_COLUMNS = (
    "date", "activity", "duration_min", "rpe", "distance_km", "start_time", "notes", "source",
    "owner_id",
)  # fmt: skip
_EXERCISE_COLUMNS = (
    "training_session_id", "position", "name", "sets", "reps", "load_kg", "owner_id",
)  # fmt: skip
_PAIN_KEY = "owner_id, date, knee"


class DirectDiary:
    """A personal SQLite diary at the current schema, opened with sqlite3 (see the module).

    Use it as a context manager; it closes the connection on leaving.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self.path = path

    @property
    def url(self) -> str:
        """The database URL as the ORM path names it in the log (its path escaped alike)."""
        from urllib.parse import quote  # already loaded by pathlib

        # SQLAlchemy 2.1's URL.render_as_string quotes the database so: '?' is %3F.
        return f"sqlite:///{quote(str(self.path), safe=' +/')}"

    def __enter__(self) -> DirectDiary:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._connection.close()

    def profile_value(self, column: str) -> str | None:
        """One text column of the profile (`knee`, `distance_unit`, `time_zone`), None if unset."""
        if column not in ("knee", "distance_unit", "time_zone"):
            raise ValueError(f"not a profile column the command line reads: {column}")
        query = f"SELECT {column} FROM profile WHERE owner_id = ?"
        with self._guarded():
            # fetchall: a statement stepped to its end holds no read lock while a prompt waits.
            rows = self._connection.execute(query, (PERSONAL_ACCOUNT_ID,)).fetchall()
        return None if not rows or rows[0][0] is None else str(rows[0][0])

    def log_pain(self, record: PainEntryRecord) -> tuple[PainEntryRecord, bool]:
        """Save a pain entry as `repository.log_pain` does: merged into that day's, same knee.

        Only the findings given in `record` replace stored ones. Returns the entry
        as stored and whether an existing one was updated. StorageError when the
        database fails (busy: after `BUSY_TIMEOUT_S`).
        """
        values = _pain_values(record)
        given = sorted(record.model_fields_set & set(PAIN_FINDINGS)) or ["knee"]
        columns = ", ".join(_PAIN_COLUMNS)
        insert = f"INSERT INTO pain_entry ({columns}) VALUES ({', '.join('?' * len(values))})"
        with self._guarded(), self._connection:
            new_id = self._scalar(
                f"{insert} ON CONFLICT ({_PAIN_KEY}) DO NOTHING RETURNING id", values
            )
            merged = new_id is None
            if merged:
                # Merge only the findings given; the row may have appeared (or gone) since.
                changes = ", ".join(f"{name} = excluded.{name}" for name in given)
                new_id = self._scalar(
                    f"{insert} ON CONFLICT ({_PAIN_KEY}) DO UPDATE SET {changes} RETURNING id",
                    values,
                )
            rows = self._connection.execute(
                f"SELECT id, {', '.join(_PAIN_COLUMNS[:-1])} FROM pain_entry WHERE id = ?",
                (new_id,),
            ).fetchall()
        return _pain_record(rows[0]), merged

    def correct_places(self, record: PainEntryRecord) -> PainEntryRecord | None:
        """Replace the places of that day's entry for that knee, as `writers.OrmWriter` does.

        Returns the entry as stored; None (nothing written) when there is none.
        StorageError when the database fails.
        """
        with self._guarded(), self._connection:
            rows = self._connection.execute(
                f"UPDATE pain_entry SET location = ? WHERE owner_id = ? AND date = ? AND knee = ? "
                f"RETURNING id, {', '.join(_PAIN_COLUMNS[:-1])}",
                (
                    json.dumps(list(record.location)),
                    PERSONAL_ACCOUNT_ID,
                    record.date.isoformat(),
                    record.knee,
                ),
            ).fetchall()
        return _pain_record(rows[0]) if rows else None

    def add_session(self, record: SessionRecord) -> SessionRecord:
        """Save one training session with its exercises, as `repository.add_session` does.

        Returns it with its id. StorageError when the database fails.
        """
        session_values = (
            record.date.isoformat(), record.activity, record.duration_min, record.rpe,
            record.distance_km, _time_text(record.start_time), record.notes, record.source,
            PERSONAL_ACCOUNT_ID,
        )  # fmt: skip
        with self._guarded(), self._connection:
            session_id = self._scalar(_insert("training_session", _SESSION_COLUMNS), session_values)
            self._connection.executemany(
                _insert("exercise", _EXERCISE_COLUMNS),
                [
                    (session_id, position, e.name, e.sets, e.reps, e.load_kg, PERSONAL_ACCOUNT_ID)
                    for position, e in enumerate(record.exercises)
                ],
            )
        return record.model_copy(update={"id": session_id})

    def _scalar(self, statement: str, values: tuple[Any, ...]) -> Any:
        rows = self._connection.execute(statement, values).fetchall()
        return rows[0][0] if rows else None

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            self.fail(exc)

    def fail(self, exc: sqlite3.Error) -> NoReturn:
        """Log `exc` and raise the StorageError `storage.Diary` would raise for it.

        The same words and log line as the ORM path's: never the path or the SQL.
        """
        import logging  # only when something failed: it is not light

        logging.getLogger("kneewise.diary").warning(  # the ORM path's logger and line
            "the diary database at %s failed: %s", self.url, logged_reason(exc)
        )
        message = failure_message(
            _first_line(exc),
            code=error_code(exc),
            clash=isinstance(exc, sqlite3.IntegrityError),
            unreachable=isinstance(exc, sqlite3.OperationalError),
        )
        raise StorageError(message) from exc


def open_direct() -> DirectDiary | None:
    """The personal SQLite diary opened with sqlite3, or None when the ORM path must serve.

    None unless: no `KNEEWISE_DATABASE_URL`, accounts off, the diary file exists
    and sqlite3 reads its schema revision as exactly `WRITTEN_FOR_REVISION`.
    Raises SettingsError for a setting that is not allowed, as `open_diary` does.
    """
    path = default_sqlite_path()
    if path is None:  # some other setting is given: the settings check it (or refuse it)
        from kneewise.settings import load_settings

        settings = load_settings()
        if settings.database_url or settings.accounts:
            return None
        path = settings.sqlite_path
    if not path.is_file():
        return None  # the ORM path creates it (and its folder) and migrates
    try:
        # mode=rw: never create a file here; a diary that vanished takes the ORM path.
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S
        )
    except sqlite3.Error:
        return None
    diary = DirectDiary(connection, path)
    try:
        rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
        if rows != [(WRITTEN_FOR_REVISION,)]:
            connection.close()
            return None
        # As `storage._sqlite_foreign_keys` does on every connection: ON DELETE CASCADE.
        connection.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        connection.close()
        if str(error_code(exc)).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            # Another program held the file for the whole `BUSY_TIMEOUT_S`: the ORM path
            # would wait as long again for the same answer, so say it now (trial fault 11).
            diary.fail(exc)
        return None  # not a diary sqlite3 can read now: the ORM path says why
    return diary


def default_sqlite_path() -> Path | None:
    """The diary file `Settings.sqlite_path` names when no setting but the data folder is given.

    None when the environment gives any other `KNEEWISE_*` variable (names in any
    case, as pydantic-settings reads them): then `load_settings()` must decide,
    and may refuse a value; with only `KNEEWISE_DATA_DIR` (any text is a folder)
    or nothing, the settings cannot fail and name this file. Loading them costs
    more than the rest of `kneewise log pain` (pydantic-settings imports asyncio,
    argparse, dotenv): tests/diary/test_direct.py checks the two agree.
    """
    given = [name for name in os.environ if name.upper().startswith(SETTINGS_PREFIX)]
    if any(name.upper() != DATA_DIR_VARIABLE for name in given) or len(given) > 1:
        return None
    if given:
        return Path(os.environ[given[0]]) / SQLITE_FILENAME
    import platformdirs  # as `kneewise.settings` finds the per-user data folder

    return platformdirs.user_data_path("kneewise", appauthor=False) / SQLITE_FILENAME


def _insert(table: str, columns: tuple[str, ...]) -> str:
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) RETURNING id"


def _pain_values(record: PainEntryRecord) -> tuple[Any, ...]:
    """The pain entry's column values as SQLAlchemy binds them on SQLite."""
    return (
        record.date.isoformat(), record.knee, record.during, record.after, record.next_morning,
        json.dumps(list(record.location)), _flag(record.swelling), _flag(record.night_pain),
        record.stiffness_min, PERSONAL_ACCOUNT_ID,
    )  # fmt: skip


def _pain_record(row: tuple[Any, ...]) -> PainEntryRecord:
    """The record of a stored pain entry, as `repository.pain_record` makes it."""
    entry_id, day, knee, during, after, morning, location, swelling, night, stiffness = row
    return PainEntryRecord.model_construct(
        id=entry_id, date=dt.date.fromisoformat(day), knee=knee, during=during, after=after,
        next_morning=morning, location=_locations(location),
        swelling=None if swelling is None else bool(swelling),
        night_pain=None if night is None else bool(night), stiffness_min=stiffness,
    )  # fmt: skip


def _locations(stored: str | None) -> tuple[Location, ...]:
    # A JSON list; NULL or JSON null read as none, as `repository.pain_record` reads them.
    return () if stored is None else tuple(json.loads(stored) or ())


def _flag(value: bool | None) -> int | None:
    # SQLAlchemy's Boolean on SQLite: 1 and 0.
    return None if value is None else int(value)


def _time_text(value: dt.time | None) -> str | None:
    # SQLAlchemy's TIME on SQLite: HH:MM:SS.ffffff, always with microseconds.
    return None if value is None else value.strftime("%H:%M:%S.%f")


def _first_line(exc: sqlite3.Error) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
