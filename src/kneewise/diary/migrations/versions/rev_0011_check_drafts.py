"""The web check keeps its pages on the server: post/redirect/get (kneewise.diary.drafts).

Every step of the web check was a POST answered with a page, so the browser's
Back and reload asked to send the form again. Each POST now adds a page to the
person's check draft and redirects (303) to that page's address, which Back,
Forward and reload fetch again without sending anything. A draft belongs to one
account and expires; it is removed with the account (ON DELETE CASCADE).

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the draft and draft page tables."""
    op.create_table(
        "check_draft",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(32), nullable=False, unique=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("account.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    op.create_table(
        "check_draft_page",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "draft_id",
            sa.Integer,
            sa.ForeignKey("check_draft.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("made_from", sa.Integer),
        sa.Column("page", sa.JSON, nullable=False),
        sa.UniqueConstraint("draft_id", "number", name="uq_check_draft_page_number"),
    )


def downgrade() -> None:
    """Drop both tables (checks in progress are lost; a saved result is kept)."""
    op.drop_table("check_draft_page")
    op.drop_table("check_draft")
