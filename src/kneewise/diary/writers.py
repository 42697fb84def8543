"""The two ways the command line writes a pain entry or a session: sqlite3 or SQLAlchemy.

`open_writer()` gives the quick sqlite3 path (`kneewise.diary.direct`) when
the diary is a personal SQLite file at the schema it was written for, and
otherwise the SQLAlchemy path (`storage.open_diary`, which creates and
migrates). Both offer the same four methods, so a command is written once;
the SQLAlchemy modules are imported only when that path is taken.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from kneewise.diary.direct import open_direct
from kneewise.diary.records import PainEntryRecord, SessionRecord

if TYPE_CHECKING:
    from kneewise.diary.storage import Diary


class DiaryWriter(Protocol):
    """What `kneewise log pain` and `kneewise log session` need of a diary."""

    def __enter__(self) -> DiaryWriter: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...

    def profile_value(self, column: str) -> str | None:
        """The profile's `knee`, `distance_unit` or `time_zone`, None when not set."""
        ...

    def log_pain(self, record: PainEntryRecord) -> tuple[PainEntryRecord, bool]:
        """Save a pain entry, merged into that day's for the same knee; (stored, merged)."""
        ...

    def add_session(self, record: SessionRecord) -> SessionRecord:
        """Save a training session with its exercises; returns it with its id."""
        ...

    def correct_places(self, record: PainEntryRecord) -> PainEntryRecord | None:
        """Replace the places of the stored entry of `record`'s day and knee.

        Returns the entry as stored; None (nothing written) when there is none.
        """
        ...


class OrmWriter:
    """A `DiaryWriter` over an open SQLAlchemy `Diary` (the repository's functions)."""

    def __init__(self, diary: Diary) -> None:
        self.diary = diary

    def __enter__(self) -> OrmWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        pass  # the engine's connections close with the process, as they always have

    def profile_value(self, column: str) -> str | None:
        """The profile's `knee`, `distance_unit` or `time_zone`, None when not set."""
        from kneewise.diary.repository import get_profile

        if column not in ("knee", "distance_unit", "time_zone"):
            raise ValueError(f"not a profile column the command line reads: {column}")
        value = getattr(get_profile(self.diary), column)
        return None if value is None else str(value)

    def log_pain(self, record: PainEntryRecord) -> tuple[PainEntryRecord, bool]:
        """`repository.log_pain`."""
        from kneewise.diary.repository import log_pain

        return log_pain(self.diary, record)

    def add_session(self, record: SessionRecord) -> SessionRecord:
        """`repository.add_session`."""
        from kneewise.diary.repository import add_session

        return add_session(self.diary, record)

    def correct_places(self, record: PainEntryRecord) -> PainEntryRecord | None:
        """The places of that day's entry for that knee replaced; None when there is none."""
        from sqlalchemy import select

        from kneewise.diary.models import PainEntry
        from kneewise.diary.repository import pain_record

        # The session's queries are scoped to the diary's owner (`ownership`).
        with self.diary.transaction() as session:
            entry = session.scalars(
                select(PainEntry).where(
                    PainEntry.date == record.date, PainEntry.knee == record.knee
                )
            ).first()
            if entry is None:
                return None
            entry.location = list(record.location)
        return pain_record(entry)


def open_writer() -> DiaryWriter:
    """The quick sqlite3 writer when it may serve (`direct.open_direct`), else the ORM's.

    Raises SettingsError for a setting that is not allowed and StorageError
    when the diary cannot be opened or migrated (the ORM path's messages).
    """
    direct = open_direct()
    if direct is not None:
        return direct
    from kneewise.diary.storage import open_diary

    return OrmWriter(open_diary())
