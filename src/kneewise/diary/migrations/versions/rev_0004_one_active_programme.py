"""At most one exercise programme in progress, kept by the database.

Two starts at once each found none in progress and both were saved; a
partial unique index on the enrolments whose status is 'active' makes the
second start fail. Any second active enrolment already stored (only that
race could make one) is marked stopped first, keeping the newest.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

ACTIVE = sa.text("status = 'active'")


def upgrade() -> None:
    """Stop all but the newest active enrolment, then index the active one as unique."""
    op.execute(
        "UPDATE programme_enrolment SET status = 'stopped', "
        "reason = 'started twice at the same moment; the later start was kept' "
        "WHERE status = 'active' AND id < "
        "(SELECT max(id) FROM programme_enrolment WHERE status = 'active')"
    )
    op.create_index(
        "uq_programme_enrolment_one_active",
        "programme_enrolment",
        ["status"],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )


def downgrade() -> None:
    """Drop the index (the enrolments stay)."""
    op.drop_index("uq_programme_enrolment_one_active", "programme_enrolment")
