"""`kneewise serve` starting: what it says off this computer, and one clear line when it cannot.

A storage or settings fault at start-up is one line naming what is wrong and what
is allowed: no traceback, and never a password from the database URL.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.cli.serve import start_lines
from kneewise.settings import Settings

runner = CliRunner()
SECRET = "s3cret-Pa55"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_on_this_computer_only_the_address_is_shown(host: str, tmp_path: Path) -> None:
    lines = start_lines(host, 8000, Settings(data_dir=tmp_path))
    assert len(lines) == 1
    assert "KNEEWISE_ALLOWED_HOSTS" not in lines[0]
    assert ":8000" in lines[0]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "my-laptop.local"])
def test_off_this_computer_the_allowed_names_are_explained(host: str, tmp_path: Path) -> None:
    lines = start_lines(host, 8123, Settings(data_dir=tmp_path))
    assert "http://127.0.0.1:8123" in lines[0]
    assert "KNEEWISE_ALLOWED_HOSTS (now: none yet)" in lines[1]
    assert "docs/web-security.md" in lines[1]
    named = start_lines(host, 8123, Settings(data_dir=tmp_path, allowed_hosts=["kw.home"]))
    assert "(now: kw.home)" in named[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_on_every_address_prints_the_hint_before_it_listens(tmp_path: Path) -> None:
    # Off this computer only with accounts on, a secret key and an administrator (cli/serve.py).
    from kneewise.accounts.store import create_account
    from kneewise.diary import open_diary

    diary = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    create_account(diary, "ana", "a long password", is_admin=True)
    diary.close()
    env = {**os.environ, "KNEEWISE_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    env |= {"KNEEWISE_ACCOUNTS": "true", "KNEEWISE_SECRET_KEY": "k" * 43}
    env.pop("KNEEWISE_DATABASE_URL", None)
    env.pop("KNEEWISE_ALLOWED_HOSTS", None)
    command = [sys.executable, "-c", "from kneewise.cli import main; main()"]
    command += ["serve", "--host", "0.0.0.0", "--port", str(_free_port())]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            printed = [server.stdout.readline(), server.stdout.readline()]
        finally:
            server.terminate()
    assert "open http://127.0.0.1:" in printed[0]
    assert "KNEEWISE_ALLOWED_HOSTS" in printed[1]


@pytest.mark.parametrize(
    ("setting", "value", "says"),
    [
        ("DATABASE_URL", f"postgresql://me:{SECRET}@db.invalid:port/kw", "not a database URL"),
        ("DATABASE_URL", f"not a url {SECRET}", "not a database URL"),
        ("DATABASE_URL", f"mysql://me:{SECRET}@localhost/kw", "cannot use the database URL"),
        ("DATABASE_URL", f"postgresql+psycopg://me:{SECRET}@127.0.0.1:1/kw", "cannot upgrade"),
        ("MAX_BODY_BYTES", "-1", "KNEEWISE_MAX_BODY_BYTES"),
    ],
)
def test_a_start_up_fault_is_one_plain_line(
    setting: str, value: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "400")  # one message; the terminal may wrap it, not we
    monkeypatch.setenv(f"KNEEWISE_{setting}", value)
    started = time.monotonic()
    result = runner.invoke(app, ["serve", "--port", str(_free_port())])
    assert time.monotonic() - started < 60
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert SECRET not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert says in lines[0]


def test_a_data_folder_that_cannot_be_made_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(blocker / "diary"))
    result = runner.invoke(app, ["serve", "--port", str(_free_port())])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    line = result.stderr.strip()
    assert "cannot create the data folder" in line
    assert "KNEEWISE_DATA_DIR" in line
