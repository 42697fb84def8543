"""The profile's units: how distances (km or mi) and temperatures (C or F) are shown.

Storage stays in kilometres and degrees Celsius; these only choose the units
pages, commands and reports show. Empty means the defaults (km, C).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the two unit columns to the profile."""
    # Batch mode: SQLite cannot alter a table in place; PostgreSQL runs plain ALTERs.
    with op.batch_alter_table("profile") as profile:
        profile.add_column(sa.Column("distance_unit", sa.String(2)))
        profile.add_column(sa.Column("temperature_unit", sa.String(1)))


def downgrade() -> None:
    """Drop the unit columns (the choice is lost; the diary's numbers are not)."""
    with op.batch_alter_table("profile") as profile:
        profile.drop_column("temperature_unit")
        profile.drop_column("distance_unit")
