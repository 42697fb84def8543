"""Opening an out-of-date diary from many threads at once upgrades it once, without error.

Found on a web server with an old diary file: the first requests, each on its own
worker thread, opened the diary together; Alembic's `context` and the loaded env.py are
process-wide, so concurrent upgrades raised `KeyError: 'script'` (and a second upgrade of
a schema already upgraded would fail on its tables). Real SQLite file, real threads.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kneewise.diary import Diary, open_diary
from kneewise.diary.storage import downgrade_to, head_revision, stored_revision

THREADS = 8


def _old_diary(path: Path, revision: str) -> str:
    url = f"sqlite:///{path}"
    diary = open_diary(url)
    downgrade_to(diary, revision)
    assert stored_revision(diary) == revision
    diary.close()
    return url


@pytest.mark.parametrize("revision", ["0002", "0011"])
def test_threads_opening_an_old_diary_together_all_get_it_current(
    tmp_path: Path, revision: str
) -> None:
    url = _old_diary(tmp_path / "diary.sqlite3", revision)
    start = threading.Barrier(THREADS)

    def opened(_: int) -> Diary:
        start.wait()  # every thread opens at the same moment
        return open_diary(url)

    with ThreadPoolExecutor(THREADS) as pool:
        diaries = list(pool.map(opened, range(THREADS)))
    try:
        assert {stored_revision(diary) for diary in diaries} == {head_revision()}
    finally:
        for diary in diaries:
            diary.close()


def test_threads_opening_two_old_diaries_each_get_theirs_current(tmp_path: Path) -> None:
    urls = [_old_diary(tmp_path / f"diary{n}.sqlite3", "0005") for n in range(2)]
    start = threading.Barrier(THREADS)

    def opened(n: int) -> Diary:
        start.wait()
        return open_diary(urls[n % 2])

    with ThreadPoolExecutor(THREADS) as pool:
        diaries = list(pool.map(opened, range(THREADS)))
    try:
        assert {stored_revision(diary) for diary in diaries} == {head_revision()}
    finally:
        for diary in diaries:
            diary.close()
