"""Opening a diary whose schema is already current skips Alembic (every `kneewise log`
pays for the import otherwise); an older schema is still brought up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from kneewise.diary import open_diary
from kneewise.diary.storage import (
    MIGRATIONS_DIR,
    downgrade_to,
    head_revision,
    stored_revision,
)


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_heads() == [head_revision()]


def test_an_older_schema_is_still_upgraded_on_opening(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'diary.db'}"
    diary = open_diary(url)
    downgrade_to(diary, "0002")
    assert stored_revision(diary) == "0002"
    diary.close()
    reopened = open_diary(url)
    assert stored_revision(reopened) == head_revision()
    reopened.close()


def test_a_new_database_has_no_revision_until_migrated(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    bare = open_diary(url, migrate=False)
    assert stored_revision(bare) is None
    bare.close()
    assert stored_revision(open_diary(url)) == head_revision()


def test_opening_a_current_diary_does_not_import_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'diary.db'}"
    open_diary(url).close()
    code = (
        "import sys; from kneewise.diary import open_diary; "
        f"open_diary({url!r}).close(); print('alembic' in sys.modules)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "False"
