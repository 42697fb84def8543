"""The audit log keeps the role someone had when they read a person's data.

`audit_event.actor_role` (clinician, coach or administrator; empty for the
person themselves) is stored with each event. Before, the log looked the role
up when shown, from the newest share: a clinician who was later given a
coach's code read, in the log, as a coach for every earlier read too. Events
logged before this revision keep no role and are shown without one (not
known), never with a guessed one.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the role column (a plain ADD COLUMN on SQLite and PostgreSQL alike)."""
    op.add_column("audit_event", sa.Column("actor_role", sa.String(20)))


def downgrade() -> None:
    """Drop the role column (the log then shows roles as before: from today's shares)."""
    with op.batch_alter_table("audit_event") as audit_event:
        audit_event.drop_column("actor_role")
