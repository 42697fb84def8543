"""Fixtures shared by the programme tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI's own data folder, apart from the app's (`tmp_path / "data"`) in the same test."""
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "cli-data"))
    return tmp_path / "cli-data"
