"""kneewise's own CSV export (a folder, `kneewise export --format csv`) read back whole.

The export writes `diary.csv` (sessions and pain entries), `profile.csv`,
`assessments.csv` and `questionnaires.csv`. Importing the folder reads
`diary.csv` through the diary-CSV importer (same checks, all or nothing) and
fills the profile from `profile.csv` with only what the diary's profile does
not say yet, as the JSON export's import does; saved checks and questionnaire
answers are not imported, and the report counts them. A folder without a
`diary.csv` is refused, naming the files in it that can be imported.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import get_origin

from kneewise._errors import ImportFileError, RecordError, RowProblem
from kneewise.diary.importers._common import ParsedFile, unescape_formula
from kneewise.diary.importers.diary_csv import LIST_SEPARATOR
from kneewise.diary.records import ProfileRecord, build

#: The export's file of sessions and pain entries: what a folder import reads first.
DIARY_FILE = "diary.csv"
PROFILE_FILE = "profile.csv"
#: The export's files that are not imported, and what each holds, in words.
LEFT_OUT = {"assessments.csv": "saved check(s)", "questionnaires.csv": "questionnaire answer(s)"}
#: Files a folder might hold that `kneewise import` reads one at a time.
_IMPORTABLE = (".csv", ".json", ".gpx", ".fit", ".gz")
_LIST_FIELDS = frozenset(
    name
    for name, info in ProfileRecord.model_fields.items()
    if get_origin(info.annotation) is tuple
)


def diary_file(folder: Path) -> Path:
    """The folder's `diary.csv`; `ImportFileError` saying which file to give when it has none."""
    found = folder / DIARY_FILE
    if found.is_file():
        return found
    try:
        names = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in _IMPORTABLE)
    except OSError as exc:
        raise ImportFileError(f"cannot read the folder {folder}: {exc.strerror}") from None
    inside = (
        f"; files in it that may be imported one at a time: {', '.join(names[:10])}"
        + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        if names
        else "; it holds no file kneewise imports"
    )
    raise ImportFileError(
        f"{folder} is a folder without {DIARY_FILE}, so it is not a kneewise CSV export"
        f"{inside}. Give one file: kneewise import {folder / 'FILE'}"
    )


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFileError(f"cannot read {path.name}: {exc}") from None
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_profile(folder: Path, parsed: ParsedFile) -> ProfileRecord | None:
    """The profile in the folder's `profile.csv` (None without one); bad cells go to `parsed`."""
    path = folder / PROFILE_FILE
    if not path.is_file():
        return None
    rows = _rows(path)
    if not rows:
        return None
    if len(rows) > 1:
        parsed.problems.append(RowProblem(PROFILE_FILE, f"holds {len(rows)} rows; it has one"))
        return None
    told: dict[str, object] = {}
    for name, cell in rows[0].items():
        value = unescape_formula((cell or "").strip())
        if not name or not value:
            continue
        told[name] = value.split(LIST_SEPARATOR) if name in _LIST_FIELDS else value
    try:
        return build(ProfileRecord, told)
    except RecordError as exc:
        parsed.problems.extend(RowProblem(PROFILE_FILE, problem) for problem in exc.problems)
        return None


def left_out(folder: Path) -> list[str]:
    """A note counting the export's parts a folder import leaves in their files."""
    counts = []
    for name, words in LEFT_OUT.items():
        path = folder / name
        if path.is_file() and (rows := len(_rows(path))):
            counts.append(f"{rows} {words} ({name})")
    if not counts:
        return []
    return [
        "Not imported (only sessions, pain entries and the profile are): "
        + ", ".join(counts)
        + "; they stay in the files."
    ]
