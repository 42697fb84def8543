"""The first diary schema: profile, sessions with exercises, pain, assessments, questionnaires.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create every diary table."""
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("age", sa.Integer()),
        sa.Column("sex", sa.String(10)),
        sa.Column("height_cm", sa.Float()),
        sa.Column("weight_kg", sa.Float()),
        sa.Column("sports", sa.JSON(), nullable=False),
        sa.Column("knee", sa.String(5)),
    )
    op.create_table(
        "training_session",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("activity", sa.String(40), nullable=False),
        sa.Column("duration_min", sa.Float(), nullable=False),
        sa.Column("rpe", sa.Float()),
        sa.Column("distance_km", sa.Float()),
        sa.Column("start_time", sa.Time()),
        sa.Column("notes", sa.Text()),
        sa.Column("source", sa.String(10), nullable=False),
    )
    op.create_index("ix_training_session_date", "training_session", ["date"])
    op.create_table(
        "exercise",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "training_session_id",
            sa.Integer(),
            sa.ForeignKey("training_session.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("sets", sa.Integer()),
        sa.Column("reps", sa.Integer()),
        sa.Column("load_kg", sa.Float()),
    )
    op.create_index("ix_exercise_training_session_id", "exercise", ["training_session_id"])
    op.create_table(
        "pain_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("knee", sa.String(5), nullable=False),
        sa.Column("during", sa.Integer()),
        sa.Column("after", sa.Integer()),
        sa.Column("next_morning", sa.Integer()),
        sa.Column("location", sa.JSON(), nullable=False),
        sa.Column("swelling", sa.Boolean()),
        sa.Column("night_pain", sa.Boolean()),
        sa.Column("stiffness_min", sa.Integer()),
        sa.UniqueConstraint("date", "knee", name="uq_pain_entry_date_knee"),
    )
    op.create_index("ix_pain_entry_date", "pain_entry", ["date"])
    op.create_table(
        "saved_assessment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("intake", sa.JSON(), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
    )
    op.create_table(
        "questionnaire_answer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("instrument", sa.String(40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float()),
    )
    op.create_index("ix_questionnaire_answer_instrument", "questionnaire_answer", ["instrument"])


def downgrade() -> None:
    """Drop every diary table, children first."""
    op.drop_table("questionnaire_answer")
    op.drop_table("saved_assessment")
    op.drop_table("pain_entry")
    op.drop_table("exercise")
    op.drop_table("training_session")
    op.drop_table("profile")
