"""What a failing diary database is said to have done, in words and in the log.

Shared by the SQLAlchemy path (`storage.Diary`) and the command line's sqlite3
path (`direct.DirectDiary`), so a person reads the same sentence whichever
path wrote, and the log gets the same line. Imports no database library.
"""

from __future__ import annotations

#: What a person reads when the diary cannot be written at all (fault 5 of the
#: break-it trial): waiting does not help, so no "try again".
READ_ONLY = (
    "the diary file is read-only: kneewise can read it but cannot save to it, so nothing "
    "was saved. Make the file and its folder writable for you (or set KNEEWISE_DATA_DIR "
    "to a folder you can write to)"
)
#: The words for a diary another program holds locked; `direct.open_direct` says them
#: at once after its wait, so the SQLAlchemy path does not wait a second time.
BUSY = "it is busy with another change; try again in a moment"


def failure_message(reason: str, *, code: str | None, clash: bool, unreachable: bool) -> str:
    """The sentence a person reads when a diary write or read failed.

    `code` is the driver's error code when it has one (sqlite3's `sqlite_errorname`,
    e.g. "SQLITE_READONLY_DIRECTORY", or PostgreSQL's SQLSTATE); a read-only
    diary gets its own sentence (`READ_ONLY`), everything else "the diary
    database failed: " and `plain_reason`.
    """
    if code is not None and code.startswith("SQLITE_READONLY"):
        return READ_ONLY
    if code == "25006":  # PostgreSQL's read_only_sql_transaction
        return "the diary database is read-only: nothing was saved"
    return (
        f"the diary database failed: {plain_reason(reason, clash=clash, unreachable=unreachable)}"
    )


def error_code(original: BaseException) -> str | None:
    """The driver's error code (SQLSTATE or sqlite3's error name), None when it has none."""
    code = getattr(original, "sqlstate", None) or getattr(original, "sqlite_errorname", None)
    return None if code is None else str(code)


def plain_reason(reason: str, *, clash: bool, unreachable: bool) -> str:
    """What went wrong in words, without paths, SQL or the driver's text.

    `reason` is the driver's first line (only searched for busy/locked words);
    `clash` says it was an integrity error, `unreachable` an operational one.
    """
    text = reason.lower()
    if clash:
        return "the change clashes with a record already stored"
    if "locked" in text or "busy" in text or "deadlock" in text or "serializ" in text:
        return BUSY
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
    code = error_code(original)
    kind = type(original).__name__
    return f"{kind} ({code})" if code else kind
