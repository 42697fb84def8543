"""Secret calendar addresses: a phone's calendar subscribes to a person's programme.

A calendar app fetches a feed without signing in, so each person may have one
secret address (`/calendar/<token>.ics`); the table keeps only the token's
SHA-256, one row per account, replaced when the person makes a new address.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the calendar address table."""
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("account.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the calendar address table (every subscribed calendar stops updating)."""
    op.drop_table("calendar_feed")
