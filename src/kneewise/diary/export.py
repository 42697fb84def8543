"""Exporting the whole diary as JSON or as CSV files.

JSON: one document with every record. CSV: a folder holding `diary.csv`
(sessions and pain entries, in the format `kneewise import` reads back),
`profile.csv`, `assessments.csv` and `questionnaires.csv` (JSON in cells).

Text cells that a spreadsheet would run as a formula (starting with `=`, `+`,
`-`, `@`, tab or carriage return) get a leading `'`, as OWASP's CSV-injection
guidance says; numbers are written as they are, so -2.5 stays a number. The
diary CSV importer removes that `'` again, so an export still round-trips.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kneewise._errors import DiaryError
from kneewise._version import __version__
from kneewise.diary.importers._common import escape_formula
from kneewise.diary.importers.diary_csv import HEADER, LIST_SEPARATOR
from kneewise.diary.records import PainEntryRecord, SessionRecord, format_exercise
from kneewise.diary.repository import (
    get_profile,
    list_assessments,
    list_pain_entries,
    list_questionnaire_answers,
    list_sessions,
)
from kneewise.diary.storage import Diary

EXPORT_FORMAT = "kneewise-diary"
EXPORT_VERSION = 1
CSV_FILES = ("diary.csv", "profile.csv", "assessments.csv", "questionnaires.csv")


def export_document(diary: Diary) -> dict[str, Any]:
    """Everything in the diary as one JSON-able document."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "kneewise": __version__,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "profile": get_profile(diary).model_dump(mode="json"),
        "sessions": [s.model_dump(mode="json") for s in list_sessions(diary)],
        "pain_entries": [p.model_dump(mode="json") for p in list_pain_entries(diary)],
        "assessments": [_json_ready(asdict(a)) for a in list_assessments(diary)],
        "questionnaire_answers": [
            _json_ready(asdict(q)) for q in list_questionnaire_answers(diary)
        ],
    }


def _json_ready(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in fields.items()
    }


def export_json(diary: Diary) -> str:
    """Everything in the diary as indented JSON text."""
    return json.dumps(export_document(diary), indent=2, ensure_ascii=False) + "\n"


def diary_csv(diary: Diary) -> str:
    """Sessions and pain entries as diary CSV text (re-importable)."""
    rows = [_session_row(s) for s in list_sessions(diary)]
    rows += [_pain_row(p) for p in list_pain_entries(diary)]
    rows.sort(key=lambda row: (row["date"], row["record"] != "session"))
    return _csv_text(HEADER, rows)


def export_csv(diary: Diary, folder: Path) -> list[Path]:
    """Write the CSV files into `folder` (created if missing); returns their paths."""
    document = export_document(diary)
    contents = {
        "diary.csv": diary_csv(diary),
        "profile.csv": _csv_text(tuple(document["profile"]), [_cells(document["profile"])]),
        "assessments.csv": _csv_text(
            ("id", "created_at", "intake", "answer"), [_cells(a) for a in document["assessments"]]
        ),
        "questionnaires.csv": _csv_text(
            ("id", "instrument", "date", "score", "answers"),
            [_cells(q) for q in document["questionnaire_answers"]],
        ),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in contents.items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise DiaryError(f"cannot write the export to {folder}: {exc.strerror}") from None
    return [folder / name for name in contents]


def _session_row(record: SessionRecord) -> dict[str, str]:
    cells = _cells(record.model_dump(exclude={"id", "source", "exercises"}))
    cells["exercises"] = escape_formula(
        LIST_SEPARATOR.join(format_exercise(e) for e in record.exercises)
    )
    return {"record": "session", **cells}


def _pain_row(record: PainEntryRecord) -> dict[str, str]:
    cells = _cells(record.model_dump(exclude={"id"}))
    return {"record": "pain", **cells}


def _cells(fields: dict[str, Any]) -> dict[str, str]:
    return {name: _cell(value) for name, value in fields.items()}


def _cell(value: object) -> str:
    """A value as a CSV cell; only text is escaped against formulas, never a number."""
    if isinstance(value, list | tuple):
        return escape_formula(LIST_SEPARATOR.join(_plain(item) for item in value))
    if isinstance(value, str):
        return escape_formula(value)
    return _plain(value)


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(_plain(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _csv_text(header: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
