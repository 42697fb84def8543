"""Fixtures for the web tests: the real app on a throwaway SQLite diary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kneewise.settings import load_settings
from kneewise.web import create_app


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    """The app as `kneewise serve` makes it, with KNEEWISE_DATA_DIR in a temporary folder."""
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    return create_app(load_settings())


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
