"""Fixtures shared by the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A diary folder of its own (not yet made) and the embedded SQLite default; a module
    that needs more of the environment cleared defines its own `data_dir`."""
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    folder = tmp_path / "data"
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(folder))
    return folder
