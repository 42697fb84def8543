"""Accounts: every record of a person's data gets an owner.

Creates the account tables (accounts, signed-in sessions, access tokens,
sharing invitations and shares, password resets, the audit log) and the first
account (id 1, without a name or password). Every existing diary record gets
`owner_id` 1: a personal diary becomes the first account's, and the first
administrator claims that account when accounts are switched on.

The per-day pain entry and the one-active-programme rule now hold per person;
the profile is one row per account instead of the single row with id 1.

On SQLite, giving the tables their owner rebuilds them; until this was fixed
(see kneewise/diary/migrations/rebuilds.py) the rebuild ran with foreign keys on
and deleted every session's exercises and every programme session. Only that
changed: the schema this revision makes is the same.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from kneewise.diary.migrations.rebuilds import rebuild_keeping_references

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

FIRST_ACCOUNT = 1
# Children before parents is not needed to add a column; this order is only for reading.
OWNED_TABLES = (
    "profile", "training_session", "exercise", "pain_entry", "saved_assessment",
    "questionnaire_answer", "programme_enrolment", "programme_session",
)  # fmt: skip
ACTIVE = sa.text("status = 'active'")
_ACCOUNTS_MADE = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'account'"
_ACCOUNTS_GONE = f"SELECT 1 WHERE NOT EXISTS ({_ACCOUNTS_MADE})"


def _moment() -> sa.Column[dt.datetime]:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def _account_ref(
    name: str, *, nullable: bool = False, on_delete: str = "CASCADE"
) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer, sa.ForeignKey("account.id", ondelete=on_delete), nullable=nullable
    )


def upgrade() -> None:
    """Create the account tables and the first account, then give every record its owner."""
    rebuild_keeping_references(_upgrade, done=_ACCOUNTS_MADE)


def _upgrade() -> None:
    account = op.create_table(
        "account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(60), unique=True),
        sa.Column("password_hash", sa.String(200)),
        sa.Column("is_admin", sa.Boolean, nullable=False),
        _moment(),
        sa.Column("sessions_valid_after", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        account,
        [{"id": FIRST_ACCOUNT, "is_admin": True, "created_at": dt.datetime.now(dt.UTC)}],
    )
    if op.get_bind().dialect.name == "postgresql":
        # The first account's id was given explicitly: move the sequence past it.
        op.execute("SELECT setval(pg_get_serial_sequence('account', 'id'), 1)")
    op.create_table(
        "login_session",
        sa.Column("id", sa.Integer, primary_key=True),
        _account_ref("account_id"),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        _moment(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_login_session_account_id", "login_session", ["account_id"])
    op.create_table(
        "access_token",
        sa.Column("id", sa.Integer, primary_key=True),
        _account_ref("account_id"),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("scopes", sa.JSON, nullable=False),
        _moment(),
        sa.Column("last_used_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_access_token_account_id", "access_token", ["account_id"])
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer, primary_key=True),
        _account_ref("owner_id"),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("team", sa.String(60)),
        _moment(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
        _account_ref("used_by", nullable=True, on_delete="SET NULL"),
    )
    op.create_index("ix_invitation_owner_id", "invitation", ["owner_id"])
    op.create_table(
        "share",
        sa.Column("id", sa.Integer, primary_key=True),
        _account_ref("owner_id"),
        _account_ref("viewer_id"),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("team", sa.String(60)),
        _moment(),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_share_owner_id", "share", ["owner_id"])
    op.create_index("ix_share_viewer_id", "share", ["viewer_id"])
    op.create_table(
        "password_reset",
        sa.Column("id", sa.Integer, primary_key=True),
        _account_ref("account_id"),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        _account_ref("created_by", nullable=True, on_delete="SET NULL"),
        _moment(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_password_reset_account_id", "password_reset", ["account_id"])
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "owner_id",
            sa.Integer,
            sa.ForeignKey("account.id", name="fk_audit_event_owner", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _account_ref("actor_id", nullable=True, on_delete="SET NULL"),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("what", sa.String(200), nullable=False),
        sa.Column("via", sa.String(10), nullable=False),
    )
    op.create_index("ix_audit_event_owner_id", "audit_event", ["owner_id"])
    op.create_index("ix_audit_event_at", "audit_event", ["at"])

    # The rules that held for one person now hold per person.
    op.drop_index("uq_programme_enrolment_one_active", "programme_enrolment")
    for table in OWNED_TABLES:
        with op.batch_alter_table(table) as batch:
            # The default gives every existing record to the first account; it is
            # dropped at once so a new record can never be given an owner silently.
            batch.add_column(
                sa.Column(
                    "owner_id",
                    sa.Integer,
                    sa.ForeignKey("account.id", name=f"fk_{table}_owner", ondelete="CASCADE"),
                    nullable=False,
                    server_default=sa.text(str(FIRST_ACCOUNT)),
                )
            )
        with op.batch_alter_table(table) as batch:
            batch.alter_column("owner_id", server_default=None)
            if table == "pain_entry":
                batch.drop_constraint("uq_pain_entry_date_knee", type_="unique")
                batch.create_unique_constraint(
                    "uq_pain_entry_owner_date_knee", ["owner_id", "date", "knee"]
                )
            if table == "profile":
                batch.create_unique_constraint("uq_profile_owner", ["owner_id"])
        op.create_index(f"ix_{table}_owner_id", table, ["owner_id"])
    op.create_index(
        "uq_programme_enrolment_one_active",
        "programme_enrolment",
        ["owner_id", "status"],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )


def downgrade() -> None:
    """Back to one person's diary: only the first account's records are kept."""
    rebuild_keeping_references(_downgrade, done=_ACCOUNTS_GONE)


def _downgrade() -> None:
    op.drop_index("uq_programme_enrolment_one_active", "programme_enrolment")
    for table in reversed(OWNED_TABLES):
        op.execute(sa.text(f"DELETE FROM {table} WHERE owner_id <> {FIRST_ACCOUNT}"))
        op.drop_index(f"ix_{table}_owner_id", table)
        with op.batch_alter_table(table) as batch:
            if table == "pain_entry":
                batch.drop_constraint("uq_pain_entry_owner_date_knee", type_="unique")
                batch.create_unique_constraint("uq_pain_entry_date_knee", ["date", "knee"])
            if table == "profile":
                batch.drop_constraint("uq_profile_owner", type_="unique")
            batch.drop_constraint(f"fk_{table}_owner", type_="foreignkey")
            batch.drop_column("owner_id")
    op.execute(sa.text("UPDATE profile SET id = 1"))
    op.create_index(
        "uq_programme_enrolment_one_active",
        "programme_enrolment",
        ["status"],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )
    for table in (
        "audit_event", "password_reset", "share", "invitation", "access_token", "login_session",
        "account",
    ):  # fmt: skip
        op.drop_table(table)
