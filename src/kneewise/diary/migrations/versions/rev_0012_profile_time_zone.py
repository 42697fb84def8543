"""The profile's time zone: whose "today" a person's diary counts in.

An IANA name (Europe/London, Asia/Tokyo), checked against the zone database
when it is given (kneewise.diary.days). Empty means not told: the day a saved
check falls on is then counted in the computer's own zone, and a server takes
the latest date on Earth (UTC+14) as the last day a record may have.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the time zone column to the profile (empty: not told)."""
    # Batch mode: SQLite cannot alter a table in place; PostgreSQL runs a plain ALTER.
    with op.batch_alter_table("profile") as profile:
        profile.add_column(sa.Column("time_zone", sa.String(64)))


def downgrade() -> None:
    """Drop the time zone (the choice is lost; no diary record is)."""
    with op.batch_alter_table("profile") as profile:
        profile.drop_column("time_zone")
