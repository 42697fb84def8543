"""Where kneewise keeps its data, read from the environment.

`KNEEWISE_DATABASE_URL` points the diary at any SQLAlchemy URL (for example
PostgreSQL); without it the diary is a SQLite file in `KNEEWISE_DATA_DIR`,
which defaults to the per-user data directory of the operating system.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

SQLITE_FILENAME = "diary.sqlite3"


def _default_data_dir() -> Path:
    return platformdirs.user_data_path("kneewise", appauthor=False)


class Settings(BaseSettings):
    """kneewise settings; every field comes from a `KNEEWISE_*` variable."""

    # Other engineers' variables share the prefix, so unknown ones are ignored.
    model_config = SettingsConfigDict(env_prefix="KNEEWISE_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = None

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file used when no database URL is set."""
        return self.data_dir / SQLITE_FILENAME

    def diary_url(self) -> str:
        """The database URL of the diary: the configured one, else the SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.sqlite_path}"


def load_settings() -> Settings:
    """Read the settings from the environment now (not cached: tests change it)."""
    return Settings()
