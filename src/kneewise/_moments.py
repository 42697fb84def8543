"""Moments as the diary and the accounts store them: aware, in UTC.

One place for "now" and for reading a stored moment back, so every module
compares like with like: a naive datetime next to an aware one raises
`TypeError`, and a moment read as local time would move an expiry by hours.
"""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """The current moment, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A stored moment, aware: SQLite hands back naive datetimes, which were stored in UTC.

    An aware moment (PostgreSQL's `timestamptz`) is returned unchanged.
    """
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
