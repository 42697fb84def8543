"""A training session keeps its activity's id at the source (Strava's Activity ID).

Strava's activities.csv gives each activity's start in UTC and the diary files
it at the local time of the zone the person names with --tz; importing the same
file again with another zone gave other dates and times, so each activity was
added a second time. With the id kept, the same activity is recognised whatever
the zone. Sessions logged by hand, or imported before this revision, have none.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kneewise.diary.migrations.rebuilds import rebuild_keeping_references

revision = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the nullable column (SQLite adds it in place: no table is rebuilt)."""
    with op.batch_alter_table("training_session") as training_session:
        training_session.add_column(sa.Column("source_activity_id", sa.String(40)))


def downgrade() -> None:
    """Drop the column (a later re-import with another --tz may then add sessions twice).

    On SQLite this rebuilds the table, and what refers to it must not be lost: until
    this was fixed, every session's exercises were deleted with foreign keys on.
    """
    rebuild_keeping_references(_drop_column, done=_COLUMN_GONE)


_COLUMN_GONE = (
    "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pragma_table_info('training_session') "
    "WHERE name = 'source_activity_id')"
)


def _drop_column() -> None:
    with op.batch_alter_table("training_session") as training_session:
        training_session.drop_column("source_activity_id")
