"""The diary file as both paths of `kneewise log` find it, and what they say when it fails.

Break-it trial faults 4, 5 and 11: a data folder whose name holds URL
characters ('?', '#', '%') is the same file on the quick sqlite3 path and the
SQLAlchemy path; a read-only diary file is said to be read-only (no "try
again"), in the same words on both; a diary another program holds locked is
said to be busy once, without a second wait on the SQLAlchemy path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from kneewise._errors import StorageError
from kneewise.cli import app
from kneewise.diary import direct, list_pain_entries, list_sessions, open_diary
from kneewise.diary.direct import open_direct
from kneewise.settings import SQLITE_FILENAME, load_settings

runner = CliRunner()


pytestmark = pytest.mark.usefixtures("no_other_settings")  # tests/diary/conftest.py


def _run(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    result = runner.invoke(app, args, env={"COLUMNS": "100", **env})
    return result.exit_code, result.stdout, result.stderr


def _url(file: Path) -> str:
    return URL.create("sqlite", database=str(file)).render_as_string(hide_password=False)


@pytest.mark.parametrize(
    "folder",
    ["my?knee", "knee #2", "100% knees", "a?b=c&d#e%20f"],
    ids=["a question mark", "a hash", "a percent sign", "all of them, as a query would"],
)
def test_a_folder_with_url_characters_is_one_diary_on_both_paths(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / folder
    env = {"KNEEWISE_DATA_DIR": str(data_dir)}
    # The first entry creates the diary (SQLAlchemy path), the next ones take the quick one.
    assert _run(["log", "pain", "-k", "left", "--during", "2", "--date", "2024-05-01"], env)[0] == 0
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(data_dir))
    quick = open_direct()
    assert quick is not None, "the second entry must take the quick sqlite3 path"
    quick.__exit__(None, None, None)
    monkeypatch.delenv("KNEEWISE_DATA_DIR")
    assert _run(["log", "pain", "-k", "right", "--after", "3", "--date", "2024-05-01"], env)[0] == 0
    assert _run(["log", "session", "-a", "running", "-d", "30", "--rpe", "4"], env)[0] == 0
    code, listed, _ = _run(["log", "list"], env)
    assert code == 0
    assert "the left knee on 2024-05-01" in listed and "the right knee on 2024-05-01" in listed
    assert "running" in listed
    # One file, where the folder names it; nothing made at a cut-off name beside it.
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == [
        Path(folder),
        Path(folder) / SQLITE_FILENAME,
    ]
    diary = open_diary(_url(data_dir / SQLITE_FILENAME))
    try:
        assert len(list_pain_entries(diary)) == 2 and len(list_sessions(diary)) == 1
    finally:
        diary.close()


@pytest.mark.parametrize("folder", ["my?knee", "knee #2", "100% knees"])
def test_the_settings_url_names_the_data_folder_s_file(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / folder))
    settings = load_settings()
    parsed = make_url(settings.diary_url())
    assert parsed.database == str(settings.sqlite_path) and not parsed.query


@pytest.fixture
def read_only_diary(tmp_path: Path) -> Iterator[Path]:
    """A migrated diary whose file cannot be written, even by root (`chattr +i`)."""
    file = tmp_path / "diary" / SQLITE_FILENAME
    open_diary(_url(file)).close()
    if os.geteuid() != 0:
        file.chmod(0o444)
        file.parent.chmod(0o555)
        yield file
        file.parent.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(file)], check=False).returncode:
        pytest.skip("this file system cannot make a file read-only for root")
    try:
        yield file
    finally:
        subprocess.run([chattr, "-i", str(file)], check=True)


@pytest.mark.parametrize(
    "command",
    [
        ["log", "pain", "-k", "left", "--during", "2"],
        ["log", "session", "-a", "cycling", "-d", "45", "--rpe", "3"],
    ],
    ids=["log pain", "log session"],
)
def test_a_read_only_diary_is_said_to_be_read_only_on_both_paths(
    command: list[str], read_only_diary: Path
) -> None:
    said = [
        _run(command, env)
        for env in (
            {"KNEEWISE_DATA_DIR": str(read_only_diary.parent)},
            {"KNEEWISE_DATABASE_URL": _url(read_only_diary)},
        )
    ]
    assert said[0] == said[1]
    code, out, err = said[0]
    words = " ".join(err.split())
    assert code == 2 and out == ""
    assert "the diary file is read-only" in words and "nothing was saved" in words
    assert "try again" not in words and "Traceback" not in err
    assert str(read_only_diary.parent) not in words


HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")  # not even a read goes through
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


@contextmanager
def held_locked(file: Path) -> Iterator[None]:
    """While inside, another process holds an exclusive lock on the SQLite `file`."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(file), "20"], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            yield
        finally:
            holder.kill()


def test_a_diary_held_locked_is_said_busy_by_the_quick_path_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / SQLITE_FILENAME
    open_diary(_url(file)).close()
    # Our own wait, shortened so the test does not sit out the 5 s a person would.
    monkeypatch.setattr(direct, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path))
    with held_locked(file), pytest.raises(StorageError) as raised:
        open_direct()  # before: None here, and the SQLAlchemy path waited as long again
    assert str(raised.value) == (
        "the diary database failed: it is busy with another change; try again in a moment"
    )


def test_a_diary_held_locked_is_said_busy_by_the_sqlalchemy_path_not_as_a_migration(
    tmp_path: Path,
) -> None:
    file = tmp_path / SQLITE_FILENAME
    open_diary(_url(file)).close()
    with held_locked(file), pytest.raises(StorageError) as raised:
        # pysqlite's `timeout` in the URL: a short wait instead of the 5 s default.
        open_diary(_url(file) + "?timeout=0.2")
    # Before: "cannot upgrade the diary database at <path>: database is locked", after
    # a second wait for the migration.
    assert str(raised.value) == (
        "the diary database failed: it is busy with another change; try again in a moment"
    )


@pytest.mark.parametrize("folder", ["my?knee", "knee #2", "100% knees", "plain"])
def test_the_quick_path_names_the_diary_in_the_log_as_the_sqlalchemy_path_does(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / folder / SQLITE_FILENAME
    diary = open_diary(_url(file))
    diary.close()
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(file.parent))
    quick = open_direct()
    assert quick is not None
    quick.__exit__(None, None, None)
    assert quick.url == diary.url
