"""Exercise programmes: enrolments and their logged sessions (issue 10).

A done programme session also becomes a training session, linked here, so it
counts in the training load; deleting that training session keeps the
programme log (the link becomes empty).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the programme enrolment and programme session tables."""
    op.create_table(
        "programme_enrolment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("programme_id", sa.String(60), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("stage_id", sa.String(60), nullable=False),
        sa.Column("stage_started_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("ended_on", sa.Date()),
        sa.Column("reason", sa.Text()),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("stage_changes", sa.JSON(), nullable=False),
    )
    op.create_index("ix_programme_enrolment_status", "programme_enrolment", ["status"])
    op.create_table(
        "programme_session",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "enrolment_id",
            sa.Integer(),
            sa.ForeignKey("programme_enrolment.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("stage_id", sa.String(60), nullable=False),
        sa.Column("status", sa.String(7), nullable=False),
        sa.Column("pain_during", sa.Integer()),
        sa.Column("pain_after", sa.Integer()),
        sa.Column("pain_next_morning", sa.Integer()),
        sa.Column("red_flags", sa.JSON(), nullable=False),
        sa.Column(
            "training_session_id",
            sa.Integer(),
            sa.ForeignKey("training_session.id", ondelete="SET NULL"),
        ),
        sa.UniqueConstraint("enrolment_id", "date", name="uq_programme_session_enrolment_date"),
    )
    op.create_index("ix_programme_session_enrolment_id", "programme_session", ["enrolment_id"])


def downgrade() -> None:
    """Drop the programme tables (enrolments and their logs are lost; training sessions stay)."""
    op.drop_index("ix_programme_session_enrolment_id", "programme_session")
    op.drop_table("programme_session")
    op.drop_index("ix_programme_enrolment_status", "programme_enrolment")
    op.drop_table("programme_enrolment")
