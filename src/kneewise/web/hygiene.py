"""No personal data in the server's logs: what the log filters take out, and why.

uvicorn's access log prints each request's path with its query string
(`get_path_with_query_string`), and a query string can carry what a person
typed or chose (dates, a search, a form sent by GET, a `next=` address).
`PathOnly` drops the query string from the access log's lines; the path
stays (it names a route and at most a record number, which the server needs
to find a fault), but a secret calendar address is logged as its template
(`/calendar/{token}.ics`): its token is the secret that opens the feed.

An exception's message can quote data: a pydantic error quotes the input
value, SQLAlchemy quotes the statement's parameters. Request bodies are never
logged by kneewise, but a traceback would print such messages, so
`TracebackWithoutMessages` writes a traceback's frames (file, line,
function, the line of code) and each exception's type, and withholds the
messages. It is set on every logger that logs exceptions from a request:
kneewise's own and uvicorn's "Exception in ASGI application".
"""

from __future__ import annotations

import logging
import re
import traceback

#: Loggers whose records may carry a traceback from a request.
TRACEBACK_LOGGERS = ("uvicorn.error", "kneewise.web", "kneewise.web.audit", "kneewise.diary")
ACCESS_LOGGER = "uvicorn.access"
WITHHELD = "(message withheld: it may quote personal data)"
#: A person's secret calendar address (routes/calendar_feed.py): the token is the secret.
_SECRET_ADDRESS = re.compile(r"^/calendar/[^/]+\.ics$")


class PathOnly(logging.Filter):
    """Access-log lines with the path only: `GET /diary?date=…` is logged as `GET /diary`."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        # uvicorn's access line: (client, method, path with query, http version, status).
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path = _SECRET_ADDRESS.sub("/calendar/{token}.ics", args[2].split("?", 1)[0])
            record.args = (*args[:2], path, *args[3:])
        return True


def traceback_without_messages(error: BaseException) -> str:
    """A traceback of `error` and its causes: frames and exception types, no messages."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        kind = type(current)
        name = f"{kind.__module__}.{kind.__qualname__}".removeprefix("builtins.")
        parts.append(
            "Traceback (most recent call last):\n"
            + "".join(frames.format())
            + f"{name}: {WITHHELD}"
        )
        cause = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        current = cause
    # Outermost last, as Python prints a chain.
    return "\n\nThe above exception was the cause of the next one:\n\n".join(reversed(parts))


class TracebackWithoutMessages(logging.Filter):
    """Tracebacks in log records without any exception's message (see the module docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = traceback_without_messages(record.exc_info[1])
            record.exc_info = None
        return True


def install() -> None:
    """Put the filters on their loggers once (creating an app again adds none twice).

    Filters on a logger survive uvicorn's logging set-up (`dictConfig` replaces
    handlers, never a logger's filters), whichever runs first.
    """
    _add_once(logging.getLogger(ACCESS_LOGGER), PathOnly)
    for name in TRACEBACK_LOGGERS:
        _add_once(logging.getLogger(name), TracebackWithoutMessages)


def _add_once(logger: logging.Logger, kind: type[logging.Filter]) -> None:
    if not any(isinstance(f, kind) for f in logger.filters):
        logger.addFilter(kind())
