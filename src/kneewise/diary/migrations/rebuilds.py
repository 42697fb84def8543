"""Rebuilding SQLite tables in a migration without deleting the rows that refer to them.

SQLite cannot alter most things in place, so Alembic's batch mode rebuilds a
table: it creates the new one, copies the rows, drops the old one and renames.
With foreign keys on, DROP TABLE first deletes every row of the old table, and
ON DELETE CASCADE deletes every row that refers to them: rebuilding
`training_session` deleted every session's exercises, rebuilding
`programme_enrolment` every programme session (SQLite's "DROP TABLE",
https://www.sqlite.org/lang_droptable.html, and its twelve steps for altering a
table, https://www.sqlite.org/lang_altertable.html#otheralter, step 1: foreign
keys off). The pragma cannot change inside a transaction, so the revisions
before this one in the same run are committed first (each complete and
stamped), the rebuild runs in its own transaction with foreign keys off, every
reference is checked (PRAGMA foreign_key_check) before it commits, and foreign
keys are on again after. PostgreSQL alters tables in place: the rebuild just
runs in the migration's one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from alembic import op


def rebuild_keeping_references(rebuild: Callable[[], None], *, done: str) -> None:
    """Run `rebuild` (Alembic operations) so that no row referring to a rebuilt table is lost.

    `done` is a query on SQLite's own tables that returns a row once the rebuild
    has been committed: a run stopped after that commit and before Alembic
    stamped the revision then skips it instead of failing on a half-known schema.
    Raises RuntimeError (the rebuild rolled back) if any reference is broken.
    """
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        rebuild()
        return
    database = bind.connection.dbapi_connection
    assert isinstance(database, sqlite3.Connection)
    if database.execute(done).fetchone() is not None:
        return  # committed by a run that stopped before its stamp
    if database.in_transaction:
        database.commit()  # the revisions before this one, each complete and stamped
    (were_on,) = database.execute("PRAGMA foreign_keys").fetchone()
    database.execute("PRAGMA foreign_keys=OFF")
    try:
        database.execute("BEGIN")
        rebuild()
        broken = database.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"references broken by rebuilding tables: {broken}")
        database.commit()
    except BaseException:
        database.rollback()
        raise
    finally:
        # Outside a transaction, so it takes effect.
        database.execute(f"PRAGMA foreign_keys={'ON' if were_on else 'OFF'}")
