"""Where kneewise keeps its data, read from the environment.

`KNEEWISE_DATABASE_URL` points the diary at any SQLAlchemy URL (for example
PostgreSQL); without it the diary is a SQLite file in `KNEEWISE_DATA_DIR`,
which defaults to the per-user data directory of the operating system.
`KNEEWISE_EMERGENCY_NUMBER` is the local emergency telephone number the
"check my knee" result offers to call (112 by default: the European one;
911 in North America, 999 in the United Kingdom, 000 in Australia).

The web app answers only to the host names 127.0.0.1, localhost and [::1]
plus those in `KNEEWISE_ALLOWED_HOSTS` (comma-separated, e.g.
`knee.home.arpa,192.168.1.20`), refuses request bodies larger than
`KNEEWISE_MAX_BODY_BYTES` (1 MiB by default), and signs its form tokens with
`KNEEWISE_SECRET_KEY` (a new random key at each start when unset).

Accounts (docs/accounts.md, docs/deploy.md): `KNEEWISE_ACCOUNTS=true` turns a
personal app into a server for many people: every page and API call then
needs a signed-in person or a personal access token. `KNEEWISE_SIGNUP` says
who may make an account (`invite`, the default: only with an administrator's
invitation; `open`: anyone; `closed`: only an administrator on the command
line). Sessions last `KNEEWISE_SESSION_DAYS` (14) in cookies marked Secure
unless `KNEEWISE_COOKIE_SECURE=false` (plain http on a test machine only).
Sign-in attempts are limited per name and per address to
`KNEEWISE_LOGIN_RATE_LIMIT` (`limits` notation, "5/minute"), counted in
`KNEEWISE_RATE_LIMIT_STORAGE` (`memory://` per process; a shared
`redis://…` when several app processes serve one site).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from kneewise._errors import SettingsError

SQLITE_FILENAME = "diary.sqlite3"
DEFAULT_EMERGENCY_NUMBER = "112"
#: Host names the web app always answers to: the person's own machine.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
_PHONE_NUMBER = re.compile(r"\+?[0-9]{2,15}")


def phone_number(text: str) -> str:
    """A telephone number as dialled: digits (and a leading +), spaces and dashes dropped.

    Raises ValueError, in plain words, when it is not one.
    """
    number = re.sub(r"[\s().-]", "", text)
    if not _PHONE_NUMBER.fullmatch(number):
        raise ValueError("an emergency number is 2 to 15 digits, for example 112, 911 or 999")
    return number


def _default_data_dir() -> Path:
    return platformdirs.user_data_path("kneewise", appauthor=False)


class Settings(BaseSettings):
    """kneewise settings; every field comes from a `KNEEWISE_*` variable."""

    # Other engineers' variables share the prefix, so unknown ones are ignored.
    model_config = SettingsConfigDict(env_prefix="KNEEWISE_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = None
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_body_bytes: int = Field(default=DEFAULT_MAX_BODY_BYTES, gt=0)
    secret_key: str | None = None
    accounts: bool = False
    signup: Literal["invite", "open", "closed"] = "invite"
    session_days: int = Field(default=14, ge=1, le=365)
    cookie_secure: bool = True
    # Defaults known good are not checked: checking imports `limits` (and asyncio, ssl)
    # on every command, and `kneewise log pain` must start quickly (issue #11).
    login_rate_limit: str = Field(default="5/minute", validate_default=False)
    rate_limit_storage: str = Field(default="memory://", validate_default=False)

    @field_validator("emergency_number")
    @classmethod
    def _dialable(cls, value: str) -> str:
        return phone_number(value)

    @field_validator("login_rate_limit")
    @classmethod
    def _rate(cls, value: str) -> str:
        from limits import parse  # only when the setting is read: the CLI starts quickly

        try:
            parse(value)
        except ValueError:
            raise ValueError(
                "a rate is a number of tries per time, for example 5/minute, 10 per hour "
                "or 20/15 minutes"
            ) from None
        return value

    @field_validator("rate_limit_storage")
    @classmethod
    def _rate_storage(cls, value: str) -> str:
        from limits.errors import ConfigurationError
        from limits.storage import storage_from_string

        known = (
            "where sign-in attempts are counted: memory:// (each app process on its own) "
            "or a shared store such as redis://host:6379 or memcached://host:11211"
        )
        scheme = value.split("://", 1)[0].lower()
        if "://" not in value or scheme.startswith("async+"):
            raise ValueError(known)
        try:
            storage_from_string(value)  # a missing client library is said now, not at sign-in
        except ConfigurationError as error:
            # Never the library's text: it repeats the address, which may hold a password.
            if "prerequisite" in str(error):
                raise ValueError(
                    f"{scheme}:// needs its client library: pip install it (for redis:// "
                    "the redis package)"
                ) from None
            raise ValueError(known) from None
        return value

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _host_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [host.strip() for host in value.split(",") if host.strip()]
        return value

    @property
    def hosts(self) -> list[str]:
        """Every host name the web app answers to: the loopback ones and the added ones."""
        return [
            *LOOPBACK_HOSTS,
            *(h.lower() for h in self.allowed_hosts if h not in LOOPBACK_HOSTS),
        ]

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file used when no database URL is set."""
        return self.data_dir / SQLITE_FILENAME

    def diary_url(self) -> str:
        """The database URL of the diary: the configured one, else the SQLite file.

        The file's URL is built by SQLAlchemy's `URL.create`, whose text escapes the
        path (SQLAlchemy 2.1, sqlalchemy/sqlalchemy#11234): a data folder named
        `my?knee` or `#2` is that folder, not a query string or a fragment, so this
        path opens the same file as the command line's quick sqlite3 path.
        """
        if self.database_url:
            return self.database_url
        # Imported here: `kneewise log pain` reads the settings without SQLAlchemy (issue #11).
        from sqlalchemy.engine import URL

        url = URL.create("sqlite", database=str(self.sqlite_path))
        return url.render_as_string(hide_password=False)


def load_settings() -> Settings:
    """Read the settings from the environment now (not cached: tests change it).

    Raises SettingsError naming each `KNEEWISE_*` variable that is not allowed
    and what is, on one line (`plain_problems`).
    """
    try:
        return Settings()
    except ValidationError as error:
        raise SettingsError(f"a setting is not valid: {plain_problems(error)}") from None


def plain_problems(error: ValidationError) -> str:
    """Each setting's problem as `KNEEWISE_NAME: what is allowed`, joined by "; ".

    A validator's own words are taken from the ValueError it raised, so pydantic's
    "Value error," prefix never reaches a person; pydantic's messages for types and
    bounds ("Input should be a valid integer") never quote the value given.
    """
    problems = []
    for problem in error.errors(include_url=False, include_input=False):
        variable = f"KNEEWISE_{str(problem['loc'][0]).upper()}" if problem["loc"] else "KNEEWISE"
        cause = problem.get("ctx", {}).get("error")
        said = str(cause) if problem["type"] == "value_error" and cause else problem["msg"]
        problems.append(f"{variable}: {said}")
    return "; ".join(problems)
