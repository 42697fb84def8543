"""A person's personal access tokens, as their token page and `/api/v1/tokens` list them.

Making and revoking a token is in `kneewise.accounts.store`
(`create_access_token`, `revoke_access_token`); the token itself is shown
once and kept only as its SHA-256, so a list shows names, scopes and dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from kneewise._moments import as_utc as _aware
from kneewise.diary.models import AccessToken
from kneewise.diary.storage import Diary


@dataclass(frozen=True)
class TokenSummary:
    """One unrevoked token: its id, name, scopes (`read`, `write`), when made and last used."""

    id: int
    name: str
    scopes: tuple[str, ...]
    created_at: dt.datetime
    last_used_at: dt.datetime | None


def list_access_tokens(diary: Diary, account_id: int) -> list[TokenSummary]:
    """The account's tokens that still work, newest first."""
    with diary.accounts().reading() as session:
        rows = session.scalars(
            select(AccessToken)
            .where(AccessToken.account_id == account_id, AccessToken.revoked_at.is_(None))
            .order_by(AccessToken.created_at.desc(), AccessToken.id.desc())
        ).all()
        return [
            TokenSummary(
                id=row.id,
                name=row.name,
                scopes=tuple(sorted(row.scopes)),
                created_at=_aware(row.created_at),
                last_used_at=None if row.last_used_at is None else _aware(row.last_used_at),
            )
            for row in rows
        ]
