"""A person's secret calendar address, so a phone's calendar can subscribe (issue 13).

A calendar app fetches a subscribed feed on its own, without signing in, so
the address itself is the secret: `/calendar/<token>.ics`, the token 32 random
bytes (`secrets.token_urlsafe`, 43 characters), kept only as its SHA-256 like
a session or access token (`store.digest`). Each account has at most one;
making a new one replaces the stored hash in the same row, so the old address
stops at once. The address is shown once, when made: the database cannot give
it back. Works on the account tables only, never on anyone's diary records.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kneewise._moments import as_utc as _aware
from kneewise._moments import utc_now as _now
from kneewise.accounts.store import digest
from kneewise.diary.models import CalendarFeed
from kneewise.diary.storage import Diary

#: What `secrets.token_urlsafe(32)` gives: 43 URL-safe base-64 characters.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def is_feed_token(text: str) -> bool:
    """Whether `text` has the shape of a calendar address's token (not whether it is known)."""
    return bool(_TOKEN.fullmatch(text))


def new_feed_token(diary: Diary, account_id: int) -> str:
    """Make the account's calendar address token, replacing any old one; returns it (once).

    Two requests at once for one account both succeed, the later one's token
    standing (an account has one row at most: a unique column).
    """
    token = secrets.token_urlsafe(32)
    for _ in range(2):  # a second try when another request made the row meanwhile
        try:
            with diary.accounts().transaction() as session:
                row = session.scalar(
                    select(CalendarFeed).where(CalendarFeed.account_id == account_id)
                )
                if row is None:
                    session.add(
                        CalendarFeed(
                            account_id=account_id, token_hash=digest(token), created_at=_now()
                        )
                    )
                else:
                    row.token_hash, row.created_at = digest(token), _now()
            return token
        except IntegrityError:
            continue
    raise RuntimeError("the calendar address could not be stored")  # pragma: no cover


def feed_made_at(diary: Diary, account_id: int) -> dt.datetime | None:
    """When the account's current calendar address was made; None when it has none."""
    with diary.accounts().reading() as session:
        made = session.scalar(
            select(CalendarFeed.created_at).where(CalendarFeed.account_id == account_id)
        )
        return None if made is None else _aware(made)


def owner_of_feed(diary: Diary, token: str) -> int | None:
    """The account whose current calendar address has this token; None for any other text."""
    if not is_feed_token(token):
        return None
    with diary.accounts().reading() as session:
        found: int | None = session.scalar(
            select(CalendarFeed.account_id).where(CalendarFeed.token_hash == digest(token))
        )
        return found
