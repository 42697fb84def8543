"""The quick sqlite3 path of `kneewise log pain|session` stores what the SQLAlchemy path does.

Each case of `data/direct_cases.yaml` runs its commands on two fresh diaries:
one as the default personal diary (`KNEEWISE_DATA_DIR`: the quick path), one
named by `KNEEWISE_DATABASE_URL` (the SQLAlchemy path). What each prints, its
exit code, every column of every table (read with sqlite3, as stored) and the
records read back through the ORM repository must be the same. Then: which
diaries take which path (an older schema is migrated by the SQLAlchemy path, a
newer one refused by it), a busy diary says the same on both, and the quick
path's copies of the settings' names agree with `kneewise.settings`.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from alembic.config import Config
from alembic.script import ScriptDirectory
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.diary import (
    ProfileRecord,
    build,
    direct,
    get_profile,
    list_pain_entries,
    list_sessions,
    models,
    open_diary,
    storage,
    update_profile,
)
from kneewise.diary.direct import default_sqlite_path, open_direct
from kneewise.settings import SQLITE_FILENAME, load_settings

CASES = yaml.safe_load((Path(__file__).parent / "data" / "direct_cases.yaml").read_text())
runner = CliRunner()


pytestmark = pytest.mark.usefixtures("no_other_settings")  # tests/diary/conftest.py


def _run(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    result = runner.invoke(app, args, env={"COLUMNS": "100", **env})
    return result.exit_code, result.stdout, result.stderr


def _stored(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, as stored (sqlite3's own types, in rowid order)."""
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        found = {
            t: connection.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables
        }
    connection.close()
    return found


def _read_back(url: str) -> tuple[object, ...]:
    diary = open_diary(url)
    try:
        return list_pain_entries(diary), list_sessions(diary), get_profile(diary)
    finally:
        diary.close()


@pytest.fixture
def two_diaries(tmp_path: Path) -> Iterator[tuple[dict[str, str], dict[str, str], Path, Path]]:
    """Two migrated, empty, equal diaries: (quick env, SQLAlchemy env, their two files)."""
    quick_file = tmp_path / "quick" / SQLITE_FILENAME
    orm_file = tmp_path / "orm" / SQLITE_FILENAME
    open_diary(f"sqlite:///{quick_file}").close()
    orm_file.parent.mkdir()
    shutil.copyfile(quick_file, orm_file)  # the same to the byte (the account's creation time)
    yield (
        {"KNEEWISE_DATA_DIR": str(quick_file.parent)},
        {"KNEEWISE_DATABASE_URL": f"sqlite:///{orm_file}"},
        quick_file,
        orm_file,
    )


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_both_paths_store_and_say_the_same(
    case: dict[str, Any],
    two_diaries: tuple[dict[str, str], dict[str, str], Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    quick_env, orm_env, quick_file, orm_file = two_diaries
    for file in (quick_file, orm_file):
        if case["profile"]:
            diary = open_diary(f"sqlite:///{file}")
            update_profile(diary, build(ProfileRecord, case["profile"]))
            diary.close()
    monkeypatch.setenv("KNEEWISE_DATA_DIR", quick_env["KNEEWISE_DATA_DIR"])
    quick = open_direct()
    assert quick is not None, "the quick diary must take the sqlite3 path"
    quick.__exit__(None, None, None)
    monkeypatch.delenv("KNEEWISE_DATA_DIR")
    for command in case["commands"]:
        said_quick = _run(command, quick_env)
        said_orm = _run(command, orm_env)
        assert said_quick == said_orm, command
        assert "Traceback" not in said_quick[2]
    assert _stored(quick_file) == _stored(orm_file)
    assert _read_back(f"sqlite:///{quick_file}") == _read_back(f"sqlite:///{orm_file}")


def test_the_cases_write_something_and_refuse_something() -> None:
    # The table must hold both kinds, or "the same" could be "nothing, twice".
    words = " ".join(" ".join(command) for case in CASES for command in case["commands"])
    assert "log pain" in words and "log session" in words
    assert any("refused" in case["name"] or "bad" in case["name"] for case in CASES)


def _log_pain(data_dir: Path, *more: str) -> tuple[int, str, str]:
    return _run(
        ["log", "pain", "--knee", "left", "--during", "2", *more],
        {"KNEEWISE_DATA_DIR": str(data_dir)},
    )


def test_an_older_schema_is_migrated_by_the_sqlalchemy_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / SQLITE_FILENAME
    diary = open_diary(f"sqlite:///{file}")
    storage.downgrade_to(diary, "0004")
    diary.close()
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path))
    assert open_direct() is None
    code, out, err = _log_pain(tmp_path)
    assert (code, err) == (0, "")
    assert out.startswith("Logged the left knee")
    migrated = open_diary(f"sqlite:///{file}", migrate=False)
    assert storage.stored_revision(migrated) == storage.head_revision()
    assert [e.during for e in list_pain_entries(migrated)] == [2]
    migrated.close()


def test_a_missing_diary_is_made_by_the_sqlalchemy_path(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "folder"
    code, out, _ = _log_pain(data_dir)
    assert code == 0 and out.startswith("Logged the left knee")
    assert (data_dir / SQLITE_FILENAME).is_file()
    code, out, _ = _log_pain(data_dir, "--after", "3")  # now at the head: the quick path
    assert code == 0 and out.startswith("Updated the left knee")


def test_a_diary_from_a_newer_kneewise_is_refused_as_before(tmp_path: Path) -> None:
    file = tmp_path / SQLITE_FILENAME
    open_diary(f"sqlite:///{file}").close()
    with sqlite3.connect(file) as connection:
        connection.execute(f"UPDATE {direct.VERSION_TABLE} SET version_num = '9999'")
    connection.close()
    code, _, err = _log_pain(tmp_path)
    assert code == 2
    assert "a database written by a newer kneewise needs that newer version" in " ".join(
        err.split()
    )
    assert "Traceback" not in err


def test_a_file_that_is_not_a_diary_is_reported_by_the_sqlalchemy_path(tmp_path: Path) -> None:
    (tmp_path / SQLITE_FILENAME).write_text("a shopping list, not a database\n")
    code, _, err = _log_pain(tmp_path)
    assert code == 2 and "Error:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "settings",
    [
        {"KNEEWISE_DATABASE_URL": "sqlite:///{folder}/diary.sqlite3"},
        {"KNEEWISE_ACCOUNTS": "true", "KNEEWISE_DATA_DIR": "{folder}"},
    ],
    ids=["a database URL", "accounts on"],
)
def test_a_configured_database_or_accounts_take_the_sqlalchemy_path(
    settings: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_diary(f"sqlite:///{tmp_path / SQLITE_FILENAME}").close()
    for name, value in settings.items():
        monkeypatch.setenv(name, value.format(folder=tmp_path))
    assert open_direct() is None


def test_another_valid_setting_still_takes_the_quick_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_diary(f"sqlite:///{tmp_path / SQLITE_FILENAME}").close()
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KNEEWISE_EMERGENCY_NUMBER", "911")
    quick = open_direct()
    assert quick is not None
    quick.__exit__(None, None, None)


def test_a_setting_that_is_not_allowed_is_said_as_before(tmp_path: Path) -> None:
    open_diary(f"sqlite:///{tmp_path / SQLITE_FILENAME}").close()
    env = {"KNEEWISE_DATA_DIR": str(tmp_path), "KNEEWISE_EMERGENCY_NUMBER": "call mum"}
    code, _, err = _run(["log", "pain", "--knee", "left", "--during", "2"], env)
    assert code == 2
    said = " ".join(err.split())
    assert "KNEEWISE_EMERGENCY_NUMBER: an emergency number is 2 to 15 digits" in said


@pytest.mark.parametrize(
    "environment",
    [{}, {"KNEEWISE_DATA_DIR": "relative/folder"}, {"kneewise_data_dir": "/srv/knees"}],
    ids=["the per-user folder", "a relative folder", "the name in lower case"],
)
def test_the_quick_path_finds_the_file_the_settings_name(
    environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert default_sqlite_path() == load_settings().sqlite_path


def test_the_quick_path_leaves_other_settings_to_the_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", "/srv/knees")
    monkeypatch.setenv("KNEEWISE_SIGNUP", "open")
    assert default_sqlite_path() is None


def test_the_quick_paths_names_are_those_of_the_schema_and_the_settings() -> None:
    config = Config()
    config.set_main_option("script_location", str(storage.MIGRATIONS_DIR))
    # A new migration fails here: check direct.py's statements against it, then update.
    assert ScriptDirectory.from_config(config).get_heads() == [direct.WRITTEN_FOR_REVISION]
    assert direct.VERSION_TABLE == storage.VERSION_TABLE
    assert direct.PERSONAL_ACCOUNT_ID == models.PERSONAL_ACCOUNT_ID
    assert direct.SQLITE_FILENAME == SQLITE_FILENAME


BUSY = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")  # another writer, mid-change: reads still go
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


def test_a_busy_diary_says_the_same_on_both_paths(tmp_path: Path) -> None:
    file = tmp_path / SQLITE_FILENAME
    open_diary(f"sqlite:///{file}").close()
    kneewise = str(Path(sys.executable).with_name("kneewise"))
    command = [kneewise, "log", "pain", "--knee", "left", "--during", "2"]
    base = {k: v for k, v in os.environ.items() if not k.upper().startswith("KNEEWISE_")}
    with subprocess.Popen(
        [sys.executable, "-c", BUSY, str(file), "20"], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            # Both wait out their 5 s at once, each on its own path.
            runs = [
                subprocess.Popen(
                    command,
                    env={**base, **env, "COLUMNS": "100"},
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for env in (
                    {"KNEEWISE_DATA_DIR": str(tmp_path)},
                    {"KNEEWISE_DATABASE_URL": f"sqlite:///{file}"},
                )
            ]
            said = []
            for run in runs:
                with run:
                    out, err = run.communicate(timeout=60)
                said.append((run.returncode, out, err))
        finally:
            holder.kill()
    assert said[0] == said[1]
    code, out, err = said[0]
    assert code == 2 and out == ""
    assert "the diary database failed: it is busy with another change" in " ".join(err.split())
    assert "Traceback" not in err and str(tmp_path) not in err.split("Error:")[-1]
