"""Importing files into the diary: the diary's CSV and JSON export, Strava's CSV, GPX and FIT.

`import_file` reads the whole file first and saves nothing unless every row is
good; then it saves the new records in one transaction, merging the same
activity recorded twice (see `_saving`). Dates and start times are the
activity's own local time (see `_time`).
Files may be gzip-compressed (Strava's export holds `*.fit.gz` and `*.gpx.gz`).

A file may hold at most `MAX_FILE_BYTES` (50 MB) once uncompressed: gzip is
decompressed as a stream and stops at the limit, so a small file that expands
hugely (a "gzip bomb") is refused without being read whole. Any error inside a
parsing library becomes "this file is not a valid ... file", never a traceback.
"""

from __future__ import annotations

import dataclasses
import gzip
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from kneewise._errors import ImportFileError, KneewiseError
from kneewise.diary.importers import csv_folder, diary_csv, diary_json, fit, gpx, strava
from kneewise.diary.importers._common import (
    ImportOptions,
    ImportReport,
    ParsedFile,
    Progress,
    check_parsed,
    no_progress,
)
from kneewise.diary.importers._saving import save_parsed
from kneewise.diary.records import LABELS, ProfileRecord
from kneewise.diary.repository import get_profile, update_profile
from kneewise.diary.storage import Diary

FORMATS = ("csv", "json", "strava", "gpx", "fit")
FORMAT_LABELS = {
    "csv": "diary CSV",
    "json": "kneewise JSON export",
    "strava": "Strava activities.csv",
    "gpx": "GPX",
    "fit": "FIT",
}
MAX_FILE_MB = 50
# Read at call time, so tests can lower it.
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
_READ_CHUNK = 1024 * 1024
_SHOWN_REASON = 200
_EXTENSIONS = {".csv": "csv", ".json": "json", ".gpx": "gpx", ".fit": "fit"}

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "ImportOptions",
    "ImportReport",
    "Progress",
    "detect_format",
    "import_file",
    "parse_file",
]


def import_file(
    diary: Diary,
    path: Path,
    format_name: str | None = None,
    options: ImportOptions | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Import one file, all or nothing; `format_name` None means detect it.

    A folder is read as kneewise's own CSV export (`csv_folder`): its `diary.csv`
    and profile, or a message naming the file to give.
    """
    if path.is_dir():
        if format_name not in (None, "csv"):
            raise ImportFileError(
                f"{path} is a folder: only kneewise's CSV export is imported as a folder; "
                f"give a {format_name} file itself"
            )
        source = csv_folder.diary_file(path)
        parsed = parse_file(read_file(source), "csv", options or ImportOptions(), progress)
        parsed.profile = csv_folder.read_profile(path, parsed)
        parsed.notes += csv_folder.left_out(path)
        format_name = "csv"
    else:
        data = read_file(path)
        format_name = format_name or detect_format(path, data)
        parsed = parse_file(data, format_name, options or ImportOptions(), progress)
    check_parsed(parsed, path.name)
    report = save_parsed(diary, parsed, format_name, progress)
    notes = [*report.notes, *parsed.notes]
    if parsed.profile is not None:
        notes += _fill_profile(diary, parsed.profile)
    return dataclasses.replace(report, notes=tuple(notes))


def _fill_profile(diary: Diary, told: ProfileRecord) -> list[str]:
    """Fill in the profile fields the diary does not have yet; say which, and which stayed."""
    current = get_profile(diary)
    changes = diary_json.profile_changes(told, current)
    if changes.model_fields_set:
        update_profile(diary, changes)
    kept = [
        name
        for name in told.model_fields_set - changes.model_fields_set
        if getattr(current, name) != getattr(told, name)
    ]
    notes = []
    if changes.model_fields_set:
        notes.append(f"Profile filled in: {_field_words(changes.model_fields_set)}.")
    if kept:
        notes.append(f"Profile kept as it was where the file says otherwise: {_field_words(kept)}.")
    return notes


def _field_words(names: Iterable[str]) -> str:
    return ", ".join(sorted(LABELS.get(name, name.replace("_", " ")).lower() for name in names))


def parse_file(
    data: bytes, format_name: str, options: ImportOptions, progress: Progress = no_progress
) -> ParsedFile:
    """Parse file contents in a known format, without touching the diary."""
    if format_name not in FORMATS:
        raise ImportFileError(f"unknown format {format_name!r}; allowed are {', '.join(FORMATS)}")
    options.zone()  # a --tz that is not a time zone is refused even where the file says its own
    try:
        return _parse(data, format_name, options, progress)
    except KneewiseError:
        raise
    except (Exception, RecursionError) as exc:  # a parsing library choked on a broken file
        raise ImportFileError(not_valid(format_name, exc)) from None


def not_valid(format_name: str, exc: BaseException) -> str:
    """The message for a file a parsing library could not read: the format and the reason."""
    reason = " ".join(str(exc).split())[:_SHOWN_REASON] or type(exc).__name__
    return f"this file is not a valid {FORMAT_LABELS[format_name]} file ({reason})"


def _parse(data: bytes, format_name: str, options: ImportOptions, progress: Progress) -> ParsedFile:
    if format_name == "fit":
        return fit.parse(data, options, progress)
    text = _text(data)
    if format_name == "gpx":
        return gpx.parse(text, options, progress)
    if format_name == "strava":
        return strava.parse(text, options, progress)
    if format_name == "json":
        return diary_json.parse(text, options, progress)
    return diary_csv.parse(text, options, progress)


def detect_format(path: Path, data: bytes) -> str:
    """The format of a file: by extension (ignoring .gz), else by its first bytes."""
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    by_extension = _EXTENSIONS.get(suffixes[-1]) if suffixes else None
    if by_extension == "fit" or (by_extension is None and fit.looks_like_fit(data)):
        return "fit"
    head = data[:2000].decode("utf-8", errors="replace").lstrip("\ufeff \r\n\t")
    if by_extension == "gpx" or (by_extension is None and head.startswith(("<?xml", "<gpx"))):
        return "gpx"
    if by_extension == "json" or (by_extension is None and diary_json.looks_like_json(head)):
        return "json"
    if by_extension is None and not head:
        raise ImportFileError(f"{path.name} is empty; nothing to import")
    if strava.looks_like_strava(head.split("\n", 1)[0]):
        return "strava"
    # A Strava export in a language kneewise does not read: its parser says so.
    lines = [(number, line.split(",")) for number, line in enumerate(head.splitlines()[:3])]
    return "strava" if by_extension in (None, "csv") and strava.foreign_strava(lines) else "csv"


def read_file(path: Path) -> bytes:
    """The bytes of a file, uncompressed when it is gzip; clear errors when unreadable.

    At most `MAX_FILE_BYTES` are read (after decompression): gzip is streamed,
    so a file that expands past the limit is refused as soon as it passes it.
    """
    limit = MAX_FILE_BYTES
    try:
        with path.open("rb") as file:
            if file.read(2) == GZIP_MAGIC:
                file.seek(0)
                data = _gunzip(file, path.name, limit)
                if len(data) > limit:
                    raise ImportFileError(
                        f"{path.name} expands to more than {_megabytes(limit)} when "
                        f"uncompressed; kneewise imports files up to {_megabytes(limit)}"
                    )
                return data
            file.seek(0)
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise ImportFileError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder; import one file at a time") from None
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror}") from None
    if len(data) > limit:
        raise ImportFileError(
            f"{path.name} is larger than {_megabytes(limit)}; kneewise imports files up to "
            f"{_megabytes(limit)}"
        )
    return data


def _gunzip(file: BinaryIO, name: str, limit: int) -> bytes:
    """Decompress in chunks, stopping one byte past `limit` (memory stays near the limit)."""
    chunks: list[bytes] = []
    size = 0
    try:
        with gzip.GzipFile(fileobj=file) as stream:
            while size <= limit:
                chunk = stream.read(min(_READ_CHUNK, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise ImportFileError(f"{name} is a damaged gzip file: {exc}") from None
    return b"".join(chunks)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # -sig: spreadsheet programs add a byte-order mark
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again"
        ) from None
