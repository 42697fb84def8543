"""The one "today" of a test run, and a clock held on it.

A run that crossed midnight once failed 13 tests: modules computed
`TODAY = date.today()` when they were imported, fixtures built diaries a few
minutes later, and the app read the clock half an hour after that, on the next
day. So every test and fixture that needs today's date reads `TODAY` from here
(computed once, when the run starts), and the tests whose answer depends on the
app's own idea of today use the `today` fixture (tests/conftest.py), which
keeps the in-process clock on `TODAY` for the test.

The clock is moved only when the run has crossed midnight, and then by whole
days: the time of day and the passing of time stay real, so timeouts, expiry
and ordering behave as they do in use, and a run that does not cross midnight
runs on the real clock. The app keeps reading its clock as it always does;
nothing here changes kneewise's code.

Processes a test starts (a CLI in a subprocess, Chromium) keep the real clock,
so a test that compares their dates with `TODAY` cannot be held; browser tests
read the date when they need it instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import time_machine

#: The local date when this test run started.
TODAY = dt.date.today()


def held_start(now: dt.datetime, day: dt.date) -> dt.datetime | None:
    """Where to set a clock that reads `now` so that it reads `day`: None when it already does.

    `now` is an aware local time; the result is `now` moved back (or on) by
    whole days, so only the date changes.
    """
    behind = (now.date() - day).days
    return None if behind == 0 else now - dt.timedelta(days=behind)


@contextmanager
def held_on(day: dt.date) -> Iterator[dt.date]:
    """Keep the in-process clock on `day` while the block runs (time-machine, ticking).

    time-machine patches `time.time`, `datetime.now` and `date.today`; the
    monotonic clock is left alone.
    """
    start = held_start(dt.datetime.now().astimezone(), day)
    if start is None:
        yield day
        return
    with time_machine.travel(start, tick=True):
        yield day
