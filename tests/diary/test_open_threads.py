"""Opening an out-of-date diary from many threads, or programs, at once upgrades it once,
without error.

Found on a web server with an old diary file: the first requests, each on its own
worker thread, opened the diary together; Alembic's `context` and the loaded env.py are
process-wide, so concurrent upgrades raised `KeyError: 'script'` (and a second upgrade of
a schema already upgraded would fail on its tables). Two programs at once: the second
failed on the version row the first had moved and was told its diary came from a newer
kneewise. Real SQLite file, real threads, real processes.
"""

from __future__ import annotations

import subprocess
import sys
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


def _open_together(urls: list[str]) -> None:
    """`THREADS` threads open these diaries at the same moment (thread n the n-th, in turn);
    every one gets its diary at the current revision."""
    start = threading.Barrier(THREADS)

    def opened(n: int) -> Diary:
        start.wait()  # every thread opens at the same moment
        return open_diary(urls[n % len(urls)])

    with ThreadPoolExecutor(THREADS) as pool:
        diaries = list(pool.map(opened, range(THREADS)))
    try:
        assert {stored_revision(diary) for diary in diaries} == {head_revision()}
    finally:
        for diary in diaries:
            diary.close()


@pytest.mark.parametrize("revision", ["0002", "0011"])
def test_threads_opening_an_old_diary_together_all_get_it_current(
    tmp_path: Path, revision: str
) -> None:
    _open_together([_old_diary(tmp_path / "diary.sqlite3", revision)])


def test_threads_opening_two_old_diaries_each_get_theirs_current(tmp_path: Path) -> None:
    _open_together([_old_diary(tmp_path / f"diary{n}.sqlite3", "0005") for n in range(2)])


PROGRAMS = 4
#: Each program waits for the same moment (a file appearing), opens, says its revision.
_OPEN = """
import sys, time
from pathlib import Path
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.01)
from kneewise.diary import open_diary
from kneewise.diary.storage import stored_revision
print(stored_revision(open_diary(sys.argv[1])))
"""


def test_programs_opening_an_old_diary_together_all_get_it_current(tmp_path: Path) -> None:
    url = _old_diary(tmp_path / "diary.sqlite3", "0005")
    go = tmp_path / "go"
    programs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN, url, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROGRAMS)
    ]
    go.touch()
    said = [(*program.communicate(timeout=300), program.returncode) for program in programs]
    assert [(code, err[-300:]) for _, err, code in said] == [(0, "")] * PROGRAMS
    assert {out.strip() for out, _, _ in said} == {head_revision()}
    assert list(tmp_path.glob("*.migrating")) == []  # the lock file goes with the lock
