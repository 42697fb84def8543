"""Sign-up invitations: one-time codes an administrator makes for new accounts.

With `KNEEWISE_SIGNUP=invite` (the default), a person can make an account
only with a code an administrator made (`/admin`); the table keeps each
code's SHA-256, who made it, when it expires and who used it.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def _account_ref(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.ForeignKey("account.id", ondelete="SET NULL"))


def upgrade() -> None:
    """Create the sign-up invitation table."""
    op.create_table(
        "signup_invitation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        _account_ref("created_by"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
        _account_ref("used_by"),
    )


def downgrade() -> None:
    """Drop the sign-up invitation table (unused codes stop working)."""
    op.drop_table("signup_invitation")
