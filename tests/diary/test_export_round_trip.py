"""`kneewise export` read back by `kneewise import`, and exports that would replace files.

CLI in-process (CliRunner) on real SQLite diaries in temporary folders.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.diary import get_profile, list_pain_entries, list_sessions, open_diary

EXAMPLES = Path(__file__).parents[2] / "examples" / "diary"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def ok(*args: str) -> str:
    code, out = run(*args)
    assert code == 0, out
    return out


def records() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    diary = open_diary()
    return (
        [s.model_dump(exclude={"id"}) for s in list_sessions(diary)],
        [p.model_dump(exclude={"id"}) for p in list_pain_entries(diary)],
    )


def test_a_json_export_imported_into_an_empty_diary_gives_the_same_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "first"))
    ok("import", str(EXAMPLES / "diary.csv"))
    ok("profile", "set", "--knee", "right", "--age", "52")
    ok("log", "session", "-a", "cycling", "-d", "75", "-r", "4", "--distance", "31.5",
       "-e", "squat:3x8@60", "--notes", "windy; knee fine")  # fmt: skip
    ok("log", "pain", "--knee", "left", "--during", "4", "--no-swelling", "-l", "kneecap",
       "--date", "-1")  # fmt: skip
    before, profile = records(), get_profile(open_diary())
    ok("export", "-o", str(tmp_path / "e.json"))

    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "second"))
    out = ok("import", str(tmp_path / "e.json"))
    assert records() == before
    assert get_profile(open_diary()) == profile
    assert "Profile filled in: age, knee." in out
    # The same file again adds nothing: every record is a duplicate.
    again = ok("import", str(tmp_path / "e.json"))
    assert f"{len(before[0]) + len(before[1])} duplicate(s) skipped" in again
    assert records() == before


def test_an_export_without_json_in_its_name_is_recognised_and_a_profile_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "first"))
    ok("profile", "set", "--knee", "left")
    ok("log", "pain", "--knee", "left", "--after", "3")
    (tmp_path / "backup").write_text(ok("export"), encoding="utf-8")
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "second"))
    ok("profile", "set", "--knee", "right")
    out = ok("import", str(tmp_path / "backup"))
    assert "(json)" in out and "Profile kept as it was where the file says otherwise: knee" in out
    assert get_profile(open_diary()).knee == "right"
    assert len(records()[1]) == 1


@pytest.mark.parametrize(
    ("document", "said"),
    [
        ({"sessions": []}, 'not a kneewise export (it has no "format": "kneewise-diary")'),
        ({"format": "kneewise-diary", "version": 9}, "version 9; this kneewise reads versions"),
        (
            {"format": "kneewise-diary", "version": 2, "sessions": [7]},
            "session 1: must be a record",
        ),
        (
            {
                "format": "kneewise-diary",
                "version": 2,
                "pain_entries": [{"date": "2024-05-01", "knee": "left", "during": 11}],
            },
            "pain entry 1: ",
        ),
        (
            {
                "format": "kneewise-diary",
                "version": 2,
                "sessions": [
                    {"date": "2024-05-01", "activity": "run", "duration_min": 30, "colour": "red"}
                ],
            },
            "session 1: unknown field 'colour'",
        ),
    ],
)
def test_a_json_file_that_is_not_a_good_export_is_refused_and_nothing_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: dict[str, object], said: str
) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "e.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out = run("import", str(path))
    assert code != 0 and said in " ".join(out.split()), out
    assert "Traceback" not in out
    assert records() == ([], [])


def test_broken_json_names_line_and_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "e.json"
    path.write_text('{"format": "kneewise-diary",\n  "version": 2,,}', encoding="utf-8")
    code, out = run("import", str(path))
    assert code != 0 and "not a JSON file kneewise can read (line 2, column" in out


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_an_export_does_not_replace_an_earlier_one_unless_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_format: str
) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    ok("log", "pain", "--knee", "left", "--during", "2")
    target = tmp_path / ("export" if file_format == "csv" else "e.json")
    ok("export", "-f", file_format, "-o", str(target))
    written = target / "diary.csv" if file_format == "csv" else target
    written.write_text("kept", encoding="utf-8")
    code, out = run("export", "-f", file_format, "-o", str(target))
    assert code == 2 and "nothing was written" in out and "--yes" in out
    assert written.read_text(encoding="utf-8") == "kept"
    ok("export", "-f", file_format, "-o", str(target), "--yes")
    assert written.read_text(encoding="utf-8") != "kept"


def test_an_empty_folder_is_a_fine_place_for_a_csv_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "empty").mkdir()
    assert "Exported to" in ok("export", "-f", "csv", "-o", str(tmp_path / "empty"))


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "e.csv"], "ends in .csv but this export is JSON"),
        (["-o", "E.CSV"], "ends in .csv but this export is JSON"),
        (["--format", "csv", "-o", "e.json"], "a CSV export is a folder of CSV files"),
    ],
)
def test_an_export_named_for_the_other_format_is_refused_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], said: str
) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "diary"))
    monkeypatch.chdir(tmp_path)
    ok("log", "pain", "--knee", "left", "--after", "3")
    code, out = run("export", *args)
    assert code != 0 and said in " ".join(out.split())
    assert not (tmp_path / args[-1]).exists()
