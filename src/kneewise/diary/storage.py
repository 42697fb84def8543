"""Opening the diary database, migrating it, and running writes as transactions.

`open_diary()` reads the settings, creates the SQLite file's folder when
needed, and brings the schema to the newest Alembic revision before anything
else touches it. Every write goes through `Diary.transaction()`: it either
commits as a whole or rolls back, so a failure never leaves part of a change.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kneewise._errors import StorageError
from kneewise.diary import ownership
from kneewise.diary.failures import error_code, failure_message, logged_reason
from kneewise.diary.models import PERSONAL_ACCOUNT_ID
from kneewise.settings import load_settings

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Our own version table, so a shared PostgreSQL database cannot confuse revisions.
VERSION_TABLE = "kneewise_alembic_version"
HEAD = "head"
log = logging.getLogger("kneewise.diary")
# Alembic's `context` and the env.py it loads are process-wide: two migrations at once in
# one process trip over each other (KeyError: 'script', 'config'), and a second upgrade
# would redo what the first did ("table ... already exists"). One at a time; re-entrant, as
# `open_diary` holds it while it checks and upgrades.
_MIGRATING = threading.RLock()
#: How long opening waits for another program bringing the same SQLite diary up to date
#: (each migration of a personal diary takes well under a second; a setting, no clinical figure).
MIGRATION_WAIT_SECONDS = 60


class Diary:
    """An open diary database; use `transaction()` for writes, `reading()` for reads.

    `owner_id` is the account whose data its sessions may touch (every query is
    scoped by it: `kneewise.diary.ownership`); None for work on the account
    tables themselves, which then cannot reach anyone's records.
    """

    def __init__(
        self,
        engine: Engine,
        owner_id: int | None = None,
        *,
        sessions: sessionmaker[Session] | None = None,
    ) -> None:
        self.engine = engine
        self.owner_id = owner_id
        if sessions is None:
            sessions = sessionmaker(engine, expire_on_commit=False)
            ownership.install(sessions)
        self._sessions = sessions
        self._info = {} if owner_id is None else {ownership.OWNER_KEY: owner_id}

    def for_owner(self, owner_id: int) -> Diary:
        """The same database, seen as the diary of account `owner_id` (nothing of others')."""
        return Diary(self.engine, owner_id, sessions=self._sessions)

    def accounts(self) -> Diary:
        """The same database for work on the account tables (no one's records)."""
        return Diary(self.engine, None, sessions=self._sessions)

    @property
    def url(self) -> str:
        """The database URL with any password hidden, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose changes commit together at the end, or not at all."""
        with self._guarded(), self._sessions(info=dict(self._info)) as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; nothing done in it is committed."""
        with self._guarded(), self._sessions(info=dict(self._info)) as session:
            yield session

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            # The full reason (with the database's path and SQL) only goes to the log:
            # a message people see never names where the diary lives or the statement.
            log.warning("the diary database at %s failed: %s", self.url, _logged_reason(exc))
            raise StorageError(_plain_failure(exc)) from exc

    def vacuum(self) -> None:
        """Reclaim the space of deleted rows, so their bytes leave the database file."""
        with self._guarded(), self.engine.connect() as connection:
            # VACUUM cannot run inside a transaction on either database.
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM")

    def close(self) -> None:
        """Release every connection (needed before a test drops its database)."""
        self.engine.dispose()


def open_diary(
    url: str | None = None, *, migrate: bool = True, owner_id: int | None = PERSONAL_ACCOUNT_ID
) -> Diary:
    """Open the diary at `url` (default: from the settings) with its schema up to date.

    It is the diary of account `owner_id`: by default the first account, whose
    data a personal diary holds (the command line keeps that one); None opens
    it for the account tables only (the web app, which scopes each request).
    Threads opening an out-of-date diary together migrate it once, one after another.
    """
    diary = Diary(_engine(url or load_settings().diary_url()), owner_id)
    if migrate and stored_revision(diary) != head_revision():
        with _MIGRATING, _between_programs(diary):
            # Another thread or program may have brought it up to date while this one waited.
            if stored_revision(diary) != head_revision():
                upgrade_to(diary, HEAD)
    return diary


@contextmanager
def _between_programs(diary: Diary) -> Iterator[None]:
    """One program at a time migrates a SQLite diary file: a lock file beside it.

    Two `kneewise` commands opening an old diary at once both migrated it; the second
    failed on a version row the first had moved ("expected to match one row"), and was
    told its diary came from a newer kneewise. A server database (PostgreSQL) is
    migrated by `kneewise serve` before its workers start; nothing to do here.
    """
    database = diary.engine.url.database
    if diary.engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        yield
        return
    # Imported here: opening a current diary (every `kneewise log`) never needs it.
    from filelock import FileLock, Timeout

    path = Path(f"{database}.migrating")
    lock = FileLock(path, timeout=MIGRATION_WAIT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise StorageError(
            f"the diary database at {diary.url} is being brought up to date by another "
            f"kneewise program and was still busy after {MIGRATION_WAIT_SECONDS} seconds; "
            "try again when it has finished"
        ) from None
    except PermissionError as exc:
        raise StorageError(
            f"cannot bring the diary database at {diary.url} up to date: its folder cannot "
            f"be written ({exc.strerror}); set KNEEWISE_DATA_DIR to a folder you can write to"
        ) from None
    try:
        yield
    finally:
        lock.release()
        # filelock leaves the file on Unix, so a waiter never locks a file already gone;
        # here a waiter only reads the revision again and finds it current, so the data
        # folder keeps no stray file. Another program still holding it open keeps it.
        with suppress(OSError):
            path.unlink(missing_ok=True)


_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*(?:\"([^\"]*)\"|None)", re.M)


@cache
def head_revision() -> str:
    """The newest migration's revision id, read from the migration files' text.

    Read without Alembic so that opening an up-to-date diary (every `kneewise log`)
    does not import it; a test checks this agrees with Alembic's own head.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("rev_*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            if value:
                (revisions if name == "revision" else parents).add(value)
    heads = revisions - parents
    if len(heads) != 1:
        raise StorageError(f"the diary migrations have {len(heads)} newest revisions, not one")
    return heads.pop()


def stored_revision(diary: Diary) -> str | None:
    """The revision the diary's schema is at; None for a new or unreadable database."""
    try:
        with diary.engine.connect() as connection:
            rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    except SQLAlchemyError as exc:
        if _busy(exc):
            # Held by another program for the whole wait: migrating would wait again
            # and then blame the migration; say it is busy now (trial fault 11).
            with diary._guarded():
                raise
        return None  # no version table yet: Alembic creates it
    return str(rows[0][0]) if len(rows) == 1 else None


def upgrade_to(diary: Diary, revision: str = HEAD) -> None:
    """Bring the schema up to `revision` (default: the newest)."""
    _run_alembic(diary, "upgrade", revision)


def downgrade_to(diary: Diary, revision: str) -> None:
    """Take the schema down to `revision`; `base` removes every diary table."""
    _run_alembic(diary, "downgrade", revision)


def _run_alembic(diary: Diary, direction: str, revision: str) -> None:
    # Alembic is imported here, not at the top: opening the diary pays for it, `--help` not.
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    step = command.upgrade if direction == "upgrade" else command.downgrade
    try:
        # One transaction for the whole migration: PostgreSQL rolls back DDL too.
        with _MIGRATING, diary.engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, revision)
    except SQLAlchemyError as exc:
        raise StorageError(
            f"cannot {direction} the diary database at {diary.url}: {_reason(exc)}"
        ) from exc
    except CommandError as exc:
        raise StorageError(
            f"cannot {direction} the diary database at {diary.url} to {revision!r}: {exc}; "
            "a database written by a newer kneewise needs that newer version"
        ) from exc


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        # Never the URL itself: it may hold a password.
        raise StorageError(
            "KNEEWISE_DATABASE_URL is not a database URL (driver://user@host:port/name, "
            "the port a number); allowed are e.g. sqlite:////path/to/diary.sqlite3 or "
            "postgresql+psycopg://user@host/dbname"
        ) from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        _make_folder(Path(parsed.database or "").parent)
    try:
        engine = create_engine(parsed)
    except (ArgumentError, ImportError) as exc:
        raise StorageError(
            f"cannot use the database URL {parsed.render_as_string(hide_password=True)}: "
            f"{exc}. PostgreSQL needs `pip install 'kneewise[postgres]'` and a "
            "postgresql+psycopg:// URL"
        ) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"cannot create the data folder {folder}: {exc.strerror}; "
            "set KNEEWISE_DATA_DIR to a folder you can write to"
        ) from None


def _sqlite_foreign_keys(dbapi_connection: object, _record: object) -> None:
    # SQLite ignores ON DELETE CASCADE unless each connection asks for it.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _plain_failure(exc: SQLAlchemyError) -> str:
    """What went wrong in words, without paths, SQL or the driver's text."""
    original = getattr(exc, "orig", None)
    return failure_message(
        _reason(exc),
        code=None if original is None else error_code(original),
        clash=isinstance(exc, IntegrityError),
        unreachable=isinstance(exc, OperationalError),
    )


def _busy(exc: SQLAlchemyError) -> bool:
    """Whether the database refused because another connection holds a lock."""
    original = getattr(exc, "orig", None)
    code = None if original is None else error_code(original)
    return code is not None and code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def _logged_reason(exc: SQLAlchemyError) -> str:
    """What the log may say of a failure (`failures.logged_reason` of the driver's error)."""
    original = getattr(exc, "orig", None)
    return logged_reason(original if original is not None else exc)


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
