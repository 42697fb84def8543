"""What a failing diary database is said to have done, in words and in the log.

Shared by the SQLAlchemy path (`storage.Diary`) and the command line's sqlite3
path (`direct.DirectDiary`), so a person reads the same sentence whichever
path wrote, and the log gets the same line. Imports no database library.
"""

from __future__ import annotations


def plain_reason(reason: str, *, clash: bool, unreachable: bool) -> str:
    """What went wrong in words, without paths, SQL or the driver's text.

    `reason` is the driver's first line (only searched for busy/locked words);
    `clash` says it was an integrity error, `unreachable` an operational one.
    """
    text = reason.lower()
    if clash:
        return "the change clashes with a record already stored"
    if "locked" in text or "busy" in text or "deadlock" in text or "serializ" in text:
        return "it is busy with another change; try again in a moment"
    if unreachable:
        return "it cannot be reached or read right now; try again in a moment"
    return "an unexpected database error (the details were logged)"


def logged_reason(original: BaseException) -> str:
    """What the log may say of a failure: its kind and the database's error code, no text.

    A database's own message can quote the value that was sent (PostgreSQL's
    "invalid input syntax for type integer: …", a key that clashed), which is a
    person's data; the code (SQLSTATE, or sqlite3's error name) and the
    exception's class say what kind of failure it was without it.
    """
    code = getattr(original, "sqlstate", None) or getattr(original, "sqlite_errorname", None)
    kind = type(original).__name__
    return f"{kind} ({code})" if code else kind
