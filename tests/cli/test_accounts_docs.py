"""docs/accounts.md says what the code does: its commands, settings, paths, messages and times."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.routing import compile_path

from kneewise.accounts.admin import RESET_HOURS, SIGNUP_DAYS
from kneewise.cli.serve import MIN_SECRET_CHARS, refusal
from kneewise.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "accounts.md").read_text(encoding="utf-8")
CLI_REFERENCE = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_every_accounts_command_named_is_a_real_one() -> None:
    named = set(re.findall(r"kneewise accounts ([a-z-]+)", PAGE))
    assert named == {"add", "list", "reset-password", "invite", "remove"}
    for command in named:
        assert f"## `kneewise accounts {command}`" in CLI_REFERENCE
    for option in re.findall(r"kneewise accounts [a-z-]+ [A-Z]*\s*\[?(--[a-z-]+)", PAGE):
        assert f"`{option}`" in CLI_REFERENCE


def test_the_refusal_shown_is_the_one_serve_prints(tmp_path: Path) -> None:
    shown = PAGE.split("$ kneewise serve --host 0.0.0.0\n", 1)[1].split("```", 1)[0]
    said = refusal("0.0.0.0", Settings(data_dir=tmp_path))
    assert " ".join(shown.split()) == f"Error: {said}"


def test_the_settings_table_names_real_settings_with_their_defaults(tmp_path: Path) -> None:
    rows = re.findall(r"^\| `KNEEWISE_([A-Z_]+)` \| ([^|]+) \|", PAGE, re.M)
    assert len(rows) == 7
    defaults = Settings(data_dir=tmp_path)
    for name, default in rows:
        value = getattr(defaults, name.lower())
        if name == "SECRET_KEY":
            assert value is None  # "a new random key at each start" (web/app.py)
            continue
        assert default.strip() == f"`{str(value).lower()}`", name


def test_the_times_and_lengths_are_the_codes_own() -> None:
    assert f"works for {RESET_HOURS} hours" in PAGE
    assert f"works for {SIGNUP_DAYS} days" in PAGE
    assert f"at least {MIN_SECRET_CHARS} characters" in PAGE
    assert "16 characters of\nCrockford's base 32 (80 random bits)" in PAGE


def test_the_key_command_makes_a_key_serve_takes(tmp_path: Path) -> None:
    command = re.search(r'^python3 -c "(.+)"$', PAGE, re.M)
    assert command is not None
    made = subprocess.run(
        [sys.executable, "-c", command.group(1)], capture_output=True, text=True, check=True
    )
    key = made.stdout.strip()
    settings = Settings(data_dir=tmp_path, accounts=True, secret_key=key)
    assert refusal("0.0.0.0", settings) is None


@pytest.mark.parametrize(
    "path",
    sorted(
        set(re.findall(r"`(/(?:api/v1/tokens|account/tokens|admin|reset|signup)[^`\s]*)`", PAGE))
    ),
)
def test_every_path_named_is_served(server_app: FastAPI, path: str) -> None:
    formats = [c.path_format for c in iter_route_contexts(list(server_app.routes))]
    patterns = [compile_path(f)[0] for f in formats if f]
    assert any(p.fullmatch(path) for p in patterns), path
