"""An account id is never given twice, on SQLite too.

A phone's offline queue labels each diary entry it keeps with the account id of
whoever made it (static/offline-queue.js). PostgreSQL's sequences never give an
id twice; SQLite gives a new row the largest id + 1, so after the newest account
was removed the next one made got its id, and a removed person's queued entries
could be sent as the new person's. SQLite's AUTOINCREMENT keeps the largest id
ever given (in sqlite_sequence) and never gives one again
(https://www.sqlite.org/autoinc.html), so the account table is rebuilt with it.

Rebuilding a table other tables refer to must not run with foreign keys on: the
DROP TABLE deletes every account first, and ON DELETE CASCADE would delete every
person's data with them (SQLite's twelve steps for altering a table,
https://www.sqlite.org/lang_altertable.html#otheralter; Alembic's batch docs,
"Dealing with Referencing Foreign Keys"). The pragma cannot change inside a
transaction, so on SQLite this revision commits the revisions before it in the
same run (each complete and stamped), turns foreign keys off, rebuilds the table
in its own transaction, checks every reference (PRAGMA foreign_key_check) before
committing, and turns them on again. An id removed before this revision ran
cannot be known, so the guarantee starts from the largest id in the table.
PostgreSQL needs nothing.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlite3

from alembic import op

revision = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

_COLUMNS = "id, username, password_hash, is_admin, created_at, sessions_valid_after"
#: The account table as revisions 0005 to 0009 made it; `{key}` is the primary key.
_ACCOUNT = """CREATE TABLE {name} (
    id INTEGER NOT NULL {key},
    username VARCHAR(60),
    password_hash VARCHAR(200),
    is_admin BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL,
    sessions_valid_after DATETIME,
    UNIQUE (username)
)"""


def upgrade() -> None:
    """Rebuild SQLite's account table with AUTOINCREMENT, every row kept."""
    _rebuild(autoincrement=True)


def downgrade() -> None:
    """Rebuild it without AUTOINCREMENT (ids may then be given again), every row kept."""
    _rebuild(autoincrement=False)


def _rebuild(*, autoincrement: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return  # PostgreSQL's sequences never give an id twice
    database = bind.connection.dbapi_connection
    assert isinstance(database, sqlite3.Connection)
    (ddl,) = database.execute("SELECT sql FROM sqlite_master WHERE name = 'account'").fetchone()
    if ("AUTOINCREMENT" in ddl.upper()) == autoincrement:
        return  # already so (a run stopped after this step and before its stamp)
    if database.in_transaction:
        database.commit()  # the revisions before this one, each complete and stamped
    database.execute("PRAGMA foreign_keys=OFF")
    try:
        database.execute("BEGIN")
        key = "PRIMARY KEY AUTOINCREMENT" if autoincrement else "PRIMARY KEY"
        database.execute(_ACCOUNT.format(name="account_rebuilt", key=key))
        database.execute(f"INSERT INTO account_rebuilt ({_COLUMNS}) SELECT {_COLUMNS} FROM account")
        database.execute("DROP TABLE account")
        database.execute("ALTER TABLE account_rebuilt RENAME TO account")
        broken = database.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"references broken by rebuilding the account table: {broken}")
        database.commit()
    except BaseException:
        database.rollback()
        raise
    finally:
        database.execute("PRAGMA foreign_keys=ON")  # outside a transaction: it takes effect
