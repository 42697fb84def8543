"""One pain entry per knee and day on import: a clash is named by line, never dropped unsaid.

Cases in data/pain_clash_cases.yaml (break-it trial: a pain score of 7 beside a 3
for the same day and knee was counted a duplicate and lost).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise._errors import ImportFileError
from kneewise.diary import Diary, ImportOptions, import_file, list_pain_entries, log_pain
from kneewise.diary.records import PainEntryRecord, build

CASES = yaml.safe_load((Path(__file__).parent / "data" / "pain_clash_cases.yaml").read_text())


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pain.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _entry(diary: Diary, date: dt.date, knee: str) -> PainEntryRecord:
    [found] = [e for e in list_pain_entries(diary) if (e.date, e.knee) == (date, knee)]
    return found


def _first_row(csv: str) -> tuple[dt.date, str]:
    header, first = csv.splitlines()[:2]
    row = dict(zip(header.split(","), first.split(","), strict=False))
    return dt.date.fromisoformat(row["date"]), row["knee"]


@pytest.mark.parametrize("case", CASES["in_file"], ids=lambda c: c["name"])
def test_two_rows_for_one_knee_and_day_in_a_file(
    diary: Diary, tmp_path: Path, case: dict[str, Any]
) -> None:
    path = _file(tmp_path, case["csv"])
    if "refused" in case:
        with pytest.raises(ImportFileError) as refused:
            import_file(diary, path, options=ImportOptions())
        for words in case["refused"]:
            assert words in str(refused.value)
        assert list_pain_entries(diary) == []  # nothing of the file was imported
        return
    report = import_file(diary, path, options=ImportOptions())
    rows = len(case["csv"].splitlines()) - 1
    distinct = len({(e.date, e.knee) for e in list_pain_entries(diary)})
    assert report.pain_entries_added == distinct <= rows
    stored = _entry(diary, *_first_row(case["csv"]))
    for name, value in case["kept"].items():
        assert getattr(stored, name) == value, name
    if "note" in case:
        assert any(case["note"] in note for note in report.notes), report.notes


@pytest.mark.parametrize("case", CASES["in_diary"], ids=lambda c: c["name"])
def test_a_row_for_an_entry_the_diary_has(
    diary: Diary, tmp_path: Path, case: dict[str, Any]
) -> None:
    logged, _ = log_pain(diary, build(PainEntryRecord, case["logged"]))
    report = import_file(diary, _file(tmp_path, case["csv"]), options=ImportOptions())
    stored = _entry(diary, logged.date, logged.knee)
    for name, value in case["kept"].items():
        assert getattr(stored, name) == value, name
    assert report.pain_entries_added == 0
    assert report.duplicates == case.get("duplicates", 0)
    if "note" in case:
        note = case["note"].format(id=logged.id)
        assert any(note in said for said in report.notes), report.notes
    else:
        assert report.notes == ()
