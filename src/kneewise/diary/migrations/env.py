"""Alembic environment: runs on the connection that `kneewise.diary.storage` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from kneewise.diary.models import Base
from kneewise.diary.storage import VERSION_TABLE


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run the diary migrations through kneewise.diary.storage")
_run(connection)
