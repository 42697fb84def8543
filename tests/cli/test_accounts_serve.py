"""`kneewise serve` off this computer needs accounts, a shared secret key and an administrator.

Each refusal is one plain message that says how to put it right, and comes
before anything listens (the runs here would otherwise serve until stopped).
Serving on this computer without accounts (the personal mode, `make run`)
is never refused; with everything in place serve starts on every address
(tests/web/test_api_startup.py runs it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.accounts.store import create_account
from kneewise.cli import app
from kneewise.cli.serve import no_administrator, refusal
from kneewise.diary import open_diary
from kneewise.settings import Settings

runner = CliRunner()
KEY = "k" * 43
NOT_HERE = ["0.0.0.0", "::", "192.168.1.20", "my-laptop.local", "[::]"]
HERE = ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"]


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path))
    for name in ("DATABASE_URL", "ACCOUNTS", "SECRET_KEY"):
        monkeypatch.delenv(f"KNEEWISE_{name}", raising=False)
    return tmp_path


def serve(*args: str, **env: str) -> tuple[int, str]:
    settings = {f"KNEEWISE_{name}": value for name, value in env.items()}
    result = runner.invoke(app, ["serve", *args], env={"COLUMNS": "300", **settings})
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("host", NOT_HERE)
def test_other_addresses_without_accounts_are_refused_saying_how(host: str) -> None:
    code, out = serve("--host", host, "--port", "8765")
    assert code == 2
    assert f"will not listen on {host} without accounts" in out
    assert "KNEEWISE_ACCOUNTS=true" in out and "KNEEWISE_SECRET_KEY" in out
    assert "kneewise accounts add NAME --admin" in out and "leave out --host" in out


@pytest.mark.parametrize("host", HERE)
def test_this_computer_without_accounts_is_never_refused(host: str, tmp_path: Path) -> None:
    assert refusal(host, Settings(data_dir=tmp_path)) is None


@pytest.mark.parametrize(("key", "says"), [(None, "is not set"), ("short key", "has 9 characters")])
@pytest.mark.parametrize("host", ["0.0.0.0", "127.0.0.1"])
def test_accounts_without_a_long_secret_key_are_refused(
    host: str, key: str | None, says: str
) -> None:
    env = {"ACCOUNTS": "true"} | ({} if key is None else {"SECRET_KEY": key})
    code, out = serve("--host", host, "--port", "8765", **env)
    assert code == 2
    assert f"KNEEWISE_SECRET_KEY is needed and it {says}" in out
    assert "at least 32 random characters" in out
    assert "secrets.token_urlsafe(32)" in out


def test_accounts_without_an_administrator_are_refused(tmp_path: Path) -> None:
    code, out = serve("--host", "0.0.0.0", "--port", "8765", ACCOUNTS="true", SECRET_KEY=KEY)
    assert code == 2
    assert "needs an administrator first" in out
    assert "kneewise accounts add NAME --admin" in out
    # An account that administers nothing does not count.
    diary = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    create_account(diary, "root", "the administrator's password", is_admin=True)
    create_account(diary, "ben", "ben's own password")
    assert no_administrator(diary) is None
    diary.close()


def test_with_accounts_a_key_and_an_administrator_nothing_is_refused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, accounts=True, secret_key=KEY)
    for host in (*NOT_HERE, *HERE):
        assert refusal(host, settings) is None


def test_plain_http_cookies_are_warned_about(tmp_path: Path) -> None:
    from kneewise.cli.serve import start_lines

    settings = Settings(data_dir=tmp_path, accounts=True, secret_key=KEY, cookie_secure=False)
    (warning,) = [line for line in start_lines("0.0.0.0", 8000, settings) if "plain" in line]
    assert "KNEEWISE_COOKIE_SECURE=false" in warning and "test machine only" in warning
    secure = Settings(data_dir=tmp_path, accounts=True, secret_key=KEY)
    assert not [line for line in start_lines("0.0.0.0", 8000, secure) if "plain" in line]
