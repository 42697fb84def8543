"""`kneewise import FOLDER` reads kneewise's own CSV export back (real Typer app, real SQLite).

Kinds: the export folder round-trips (sessions with exercises, rest days and
sessions without an effort, pain entries with unknowns kept unknown, the
profile); a second import adds nothing; the parts not imported are counted; a
folder that is not an export says plainly which file to give.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.diary import get_profile, list_pain_entries, list_sessions, open_diary

runner = CliRunner()


def run(*args: str, ok: bool = True) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert (result.exit_code == 0) is ok, result.output
    return result.output


def _use(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(data_dir))


def _contents() -> tuple[list[object], list[object], object]:
    diary = open_diary()
    try:
        # The CSV export has no source column: an imported session is from "csv".
        sessions = [
            s.model_copy(update={"id": None, "source": "csv"}) for s in list_sessions(diary)
        ]
        pain = [p.model_copy(update={"id": None}) for p in list_pain_entries(diary)]
        return sessions, pain, get_profile(diary)
    finally:
        diary.close()


def test_a_csv_export_folder_round_trips(
    cli_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("profile", "set", "--age", "34", "--sport", "5-a-side", "--sport", "Mum's run")
    run("log", "session", "-a", "gym", "-d", "45", "-r", "6", "--date", "2025-06-02",
        "-e", "Split Squat 3x8 @22,5kg", "-e", "plank", "--notes", "=felt fine")  # fmt: skip
    run("log", "session", "-a", "rest", "-d", "0", "--date", "2025-06-03")
    run("log", "session", "-a", "Laufen Überlandstraße", "-d", "50", "--date", "2025-06-04",
        "--distance", "8.5", "--start", "07:15")  # fmt: skip
    run("log", "pain", "--knee", "left", "--during", "3", "--no-night-pain", "--date", "2025-06-04")
    run("log", "pain", "--knee", "right", "--after", "2", "--date", "2025-06-05")
    before = _contents()
    folder = tmp_path / "export"
    run("export", "--format", "csv", "--out", str(folder))

    _use(tmp_path / "other", monkeypatch)
    said = run("import", str(folder))
    assert "3 session(s) and 2 pain entries added" in said
    assert _contents() == before
    again = run("import", str(folder))
    assert "0 session(s) and 0 pain entries added" in again
    assert _contents() == before


def test_parts_not_imported_are_counted(
    cli_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("log", "session", "-a", "cycling", "-d", "60", "-r", "5", "--date", "2025-06-02")
    folder = tmp_path / "export"
    run("export", "--format", "csv", "--out", str(folder))
    (folder / "questionnaires.csv").write_text(
        "id,instrument,date,score,answers\n1,koos12,2025-06-01,55,{}\n", encoding="utf-8"
    )
    _use(tmp_path / "other", monkeypatch)
    said = run("import", str(folder))
    assert "Not imported" in said and "1 questionnaire answer(s) (questionnaires.csv)" in said


def test_a_bad_profile_in_the_folder_saves_nothing(
    cli_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("log", "session", "-a", "cycling", "-d", "60", "-r", "5", "--date", "2025-06-02")
    folder = tmp_path / "export"
    run("export", "--format", "csv", "--out", str(folder))
    profile = (folder / "profile.csv").read_text(encoding="utf-8").splitlines()
    header = profile[0].split(",")
    cells = [""] * len(header)
    cells[header.index("age")] = "300"
    (folder / "profile.csv").write_text(",".join(header) + "\n" + ",".join(cells) + "\n")
    _use(tmp_path / "other", monkeypatch)
    said = run("import", str(folder), ok=False)
    assert "profile.csv" in said and "nothing was imported" in said
    assert _contents()[0] == []


def test_a_folder_that_is_not_an_export_names_the_file_to_give(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "activities.csv").write_text("Activity ID,Activity Date\n", encoding="utf-8")
    (folder / "notes.txt").write_text("hello", encoding="utf-8")
    said = " ".join(run("import", str(folder), ok=False).split())
    assert "is a folder without diary.csv" in said
    assert "files in it that may be imported one at a time: activities.csv" in said
    assert "notes.txt" not in said
    assert "Give one file: kneewise import" in said


def test_a_folder_with_another_format_asked_for_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "tracks"
    folder.mkdir()
    said = " ".join(run("import", str(folder), "--format", "gpx", ok=False).split())
    assert "only kneewise's CSV export is imported as a folder" in said
