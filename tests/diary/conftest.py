"""Fixtures for the diary tests: a database on SQLite and on a throwaway PostgreSQL server.

The PostgreSQL server (`postgres_server`, in tests/conftest.py: the accounts
tests use it too) is started once per test run; each test here gets a fresh
database on it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kneewise.diary import Diary, open_diary

_database_numbers = itertools.count(1)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh database on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'diary.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_server")  # tests/conftest.py
    name = f"kneewise_test_{next(_database_numbers)}"
    server.admin(f"CREATE DATABASE {name}")
    try:
        yield server.url(name)
    finally:
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def diary(database_url: str) -> Iterator[Diary]:
    """An open, migrated diary on each database."""
    opened = open_diary(database_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def no_other_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No KNEEWISE_* variable from the caller's shell: each test sets the ones it compares."""
    for name in list(os.environ):
        if name.upper().startswith("KNEEWISE_"):
            monkeypatch.delenv(name)


@pytest.fixture
def cli_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the command line's diary at a SQLite file in a temporary folder."""
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


# FIT files, written byte by byte per the FIT protocol (header, definition and
# data messages, CRC-16), because no FIT writer is among the dependencies.

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
SPORTS = {"generic": 0, "running": 1, "cycling": 2, "training": 10, "walking": 11}
SUB_SPORTS = {"generic": 0, "strength_training": 20}
_CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip
# (field number, size, base type, struct code); base types: enum 0x00, uint32 0x86.
_FILE_ID_FIELDS = ((0, 1, 0x00, "B"), (4, 4, 0x86, "I"))
_SESSION_FIELDS = (
    (253, 4, 0x86, "I"), (2, 4, 0x86, "I"), (7, 4, 0x86, "I"), (8, 4, 0x86, "I"),
    (9, 4, 0x86, "I"), (5, 1, 0x00, "B"), (6, 1, 0x00, "B"),
)  # fmt: skip


@dataclass(frozen=True)
class FitSession:
    """What a FIT session message says: start (UTC), seconds, metres, sport."""

    start: dt.datetime
    seconds: float
    metres: float
    sport: str = "running"
    sub_sport: str = "generic"


def fit_crc(data: bytes) -> int:
    """The FIT protocol's CRC-16."""
    crc = 0
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            low = _CRC_TABLE[crc & 0xF]
            crc = ((crc >> 4) & 0x0FFF) ^ low ^ _CRC_TABLE[nibble]
    return crc


def _definition(
    local: int, global_number: int, fields: tuple[tuple[int, int, int, str], ...]
) -> bytes:
    head = struct.pack("<BBBHB", 0x40 | local, 0, 0, global_number, len(fields))
    return head + b"".join(
        struct.pack("<BBB", number, size, base) for number, size, base, _ in fields
    )


def _data(local: int, fields: tuple[tuple[int, int, int, str], ...], values: list[int]) -> bytes:
    return bytes([local]) + struct.pack("<" + "".join(f[3] for f in fields), *values)


def _fit_time(moment: dt.datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


def make_fit(sessions: list[FitSession]) -> bytes:
    """A FIT activity file holding a file_id message and one session message per session."""
    first = sessions[0].start if sessions else FIT_EPOCH
    records = _definition(0, 0, _FILE_ID_FIELDS) + _data(0, _FILE_ID_FIELDS, [4, _fit_time(first)])
    records += _definition(1, 18, _SESSION_FIELDS)
    for s in sessions:
        end = s.start + dt.timedelta(seconds=s.seconds)
        records += _data(1, _SESSION_FIELDS, [
            _fit_time(end), _fit_time(s.start), round(s.seconds * 1000), round(s.seconds * 1000),
            round(s.metres * 100), SPORTS[s.sport], SUB_SPORTS[s.sub_sport],
        ])  # fmt: skip
    header = struct.pack("<BBHI4s", 14, 0x10, 2132, len(records), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    body = header + records
    return body + struct.pack("<H", fit_crc(body))


@pytest.fixture
def fit_file() -> Callable[[list[FitSession]], bytes]:
    """The FIT writer, for tests in other modules (importlib mode has no sibling imports)."""
    return make_fit


@pytest.fixture
def fit_session() -> type[FitSession]:
    """The FitSession type, for the same reason."""
    return FitSession
