"""The diary's own CSV format (documented in docs/diary.md); `export` writes the same.

One row per session or pain entry. The `record` column says which; without it
the header decides (an `activity` column means sessions, `knee` means pain).
Empty cells mean "not recorded". Lists (`exercises`, `location`) are separated
by `;`. A text cell starting with `'` followed by `=`, `+`, `-`, `@`, tab or
carriage return loses that one `'` (the export adds it so spreadsheets do not
run the cell as a formula).
"""

from __future__ import annotations

from typing import Any

from kneewise._errors import ImportFileError, RecordError, RowProblem
from kneewise.diary.importers._common import (
    ImportOptions,
    ParsedFile,
    Progress,
    numbered_csv_rows,
    unescape_formula,
)
from kneewise.diary.records import parse_exercise

SESSION_COLUMNS = (
    "date", "activity", "duration_min", "rpe", "distance_km", "start_time", "exercises", "notes",
)  # fmt: skip
PAIN_COLUMNS = (
    "date", "knee", "during", "after", "next_morning", "location", "swelling", "night_pain",
    "stiffness_min",
)  # fmt: skip
HEADER = ("record", *SESSION_COLUMNS, *(c for c in PAIN_COLUMNS if c != "date"))
RECORD_KINDS = ("session", "pain")
LIST_SEPARATOR = ";"
CHECK_EVERY = 200


def parse(text: str, options: ImportOptions, progress: Progress) -> ParsedFile:
    """Read diary CSV text; bad rows are collected in the result, not raised."""
    rows = list(numbered_csv_rows(text))
    if not rows:
        raise ImportFileError(f"the file is empty; a diary CSV starts with the header {_header()}")
    header_line, header = rows[0]
    columns = [name.strip().lower() for name in header]
    fixed_kind = _kind_from_header(columns, f"line {header_line}")
    parsed = ParsedFile()
    body = rows[1:]
    for done, (line, cells) in enumerate(body, start=1):
        _parse_row(
            parsed,
            f"line {line}",
            dict(zip(columns, cells, strict=False)),
            fixed_kind,
            len(cells) - len(columns),
            options,
        )
        if done % CHECK_EVERY == 0:
            progress("checking", done, len(body))
    return parsed


def _header() -> str:
    return ",".join(HEADER)


def _kind_from_header(columns: list[str], where: str) -> str | None:
    """The record kind every row has, or None when a `record` column says it per row."""
    allowed = set(HEADER)
    unknown = [name for name in columns if name not in allowed]
    if unknown:
        raise ImportFileError(
            f"{where}: unknown column(s) {', '.join(unknown)}; allowed are {_header()}"
        )
    if "date" not in columns:
        raise ImportFileError(f"{where}: the header needs a date column; all columns: {_header()}")
    if "record" in columns:
        return None
    if "activity" in columns and "knee" not in columns:
        return "session"
    if "knee" in columns and "activity" not in columns:
        return "pain"
    raise ImportFileError(
        f"{where}: add a `record` column (session or pain) so each row says what it is"
    )


def _parse_row(
    parsed: ParsedFile,
    where: str,
    row: dict[str, str],
    fixed_kind: str | None,
    extra_cells: int,
    options: ImportOptions,
) -> None:
    if extra_cells > 0:
        parsed.problems.append(RowProblem(where, f"{extra_cells} more cell(s) than the header"))
        return
    kind = fixed_kind or row.pop("record", "").strip().lower()
    row.pop("record", None)
    if kind not in RECORD_KINDS:
        parsed.problems.append(RowProblem(where, f"record must be session or pain; got {kind!r}"))
        return
    own_columns = SESSION_COLUMNS if kind == "session" else PAIN_COLUMNS
    # Cells the export escaped against formula injection ('=...) are read back as written.
    fields = {name: unescape_formula(value.strip()) for name, value in row.items() if value.strip()}
    stray = [name for name in fields if name not in own_columns]
    if stray:
        parsed.problems.append(
            RowProblem(where, f"{', '.join(stray)} cannot be filled in on a {kind} row")
        )
        return
    try:
        _split_lists(fields)
    except RecordError as exc:
        parsed.problems.extend(RowProblem(where, problem) for problem in exc.problems)
        return
    if kind == "session":
        parsed.add_session(where, {**fields, "source": "csv"}, options)
    else:
        parsed.add_pain_entry(where, fields)


def _split_lists(fields: dict[str, Any]) -> None:
    for name in ("exercises", "location"):
        if name in fields:
            items = [item.strip() for item in fields[name].split(LIST_SEPARATOR) if item.strip()]
            fields[name] = [parse_exercise(i) for i in items] if name == "exercises" else items
