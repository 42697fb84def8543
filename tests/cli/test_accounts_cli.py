"""`kneewise accounts …` run in-process on a SQLite diary, as a server's administrator would.

A password is never an option and never printed; a wrong or weak one makes
nothing; the first account keeps the diary's data; a reset or sign-up code
printed works once; remove asks for the name again (or --yes) and never
leaves the server without an administrator.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.accounts.admin import sign_up_with_code, use_reset_code
from kneewise.accounts.store import authenticate
from kneewise.cli import app
from kneewise.diary import Diary, open_diary
from kneewise.diary.models import PERSONAL_ACCOUNT_ID
from kneewise.diary.repository import count_records

runner = CliRunner()
CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.delenv("KNEEWISE_ACCOUNTS", raising=False)
    return tmp_path


def run(*args: str, typed: str = "") -> tuple[int, str]:
    # Wide: these read what is said; 80 columns is checked by test_plain_output.
    result = runner.invoke(app, list(args), input=typed, env={"COLUMNS": "200"})
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def diary() -> Diary:
    return open_diary(owner_id=None)


def test_the_first_account_keeps_the_diary_it_was_made_on() -> None:
    code, _ = run("log", "session", "-a", "running", "-d", "30", "-r", "5")
    assert code == 0
    code, out = run("accounts", "add", "Ana", "--admin", "--password-stdin", typed=PASSWORD + "\n")
    assert code == 0, out
    assert "Made ana (an administrator)" in out and "the diary's data so far is theirs" in out
    assert PASSWORD not in out
    assert "Accounts are off here" in out and "KNEEWISE_ACCOUNTS=true" in out
    person = authenticate(diary(), "ANA", PASSWORD)
    assert person is not None and person.id == PERSONAL_ACCOUNT_ID and person.is_admin
    assert count_records(diary().for_owner(person.id))["training_session"] == 1


def test_a_password_is_asked_twice_without_being_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNEEWISE_ACCOUNTS", "true")
    run("accounts", "add", "root", "--admin", "--password-stdin", typed=PASSWORD + "\n")
    typed = f"{PASSWORD}\nsomething else entirely\nben's password\nben's password\n"
    code, out = run("accounts", "add", "ben", typed=typed)
    assert code == 0, out
    assert "Accounts are off" not in out  # KNEEWISE_ACCOUNTS=true here
    assert "do not match" in out
    assert "ben's password" not in out and PASSWORD not in out
    ben = authenticate(diary(), "ben", "ben's password")
    assert ben is not None and not ben.is_admin


@pytest.mark.parametrize(
    ("typed", "says"),
    [("short\n", "at least 8 characters"), ("\n", "read no password"), ("", "read no password")],
)
def test_a_weak_or_missing_password_makes_nothing(typed: str, says: str) -> None:
    code, out = run("accounts", "add", "ana", "--password-stdin", typed=typed)
    assert code == 2
    assert says in out
    code, out = run("accounts", "list")
    assert "No accounts yet" in out and "kneewise accounts add NAME --admin" in out


def test_a_taken_name_is_refused_whatever_its_case() -> None:
    run("accounts", "add", "ana", "--password-stdin", typed=PASSWORD + "\n")
    code, out = run("accounts", "add", "ANA", "--password-stdin", typed="another password\n")
    assert code == 2
    assert "taken" in out
    assert authenticate(diary(), "ana", PASSWORD) is not None


def test_the_list_names_roles_and_dates_and_nothing_secret(today: dt.date) -> None:
    run("accounts", "add", "root", "--admin", "--password-stdin", typed=PASSWORD + "\n")
    run("accounts", "add", "ben", "--password-stdin", typed="ben's password\n")
    code, out = run("accounts", "list")
    assert code == 0
    assert f"ben  person, made {today}, never signed in, no access tokens" in out
    assert f"root  administrator, made {today}" in out
    assert "$argon2" not in out and PASSWORD not in out


def test_a_printed_reset_code_works_once() -> None:
    run("accounts", "add", "root", "--admin", "--password-stdin", typed=PASSWORD + "\n")
    run("accounts", "add", "ben", "--password-stdin", typed="ben's password\n")
    code, out = run("accounts", "reset-password", "Ben")
    assert code == 0
    (reset,) = CODE.findall(out)
    assert "24 hours" in out and "/reset" in out
    use_reset_code(diary(), reset, "ben's new password")
    assert authenticate(diary(), "ben", "ben's new password") is not None
    from kneewise._errors import AccountError

    with pytest.raises(AccountError):
        use_reset_code(diary(), reset, "a third password")


def test_a_printed_signup_code_makes_one_account() -> None:
    code, out = run("accounts", "invite")
    assert code == 0
    (invitation,) = CODE.findall(out)
    assert "/signup" in out and "7 days" in out
    assert sign_up_with_code(diary(), invitation, "cy", "cy's own password").username == "cy"


@pytest.mark.parametrize("args", [["reset-password", "nobody"], ["remove", "nobody", "--yes"]])
def test_an_unknown_name_is_said_so(args: list[str]) -> None:
    code, out = run("accounts", *args)
    assert code == 2
    assert "there is no account named 'nobody'" in out


def test_remove_asks_for_the_name_again() -> None:
    run("accounts", "add", "root", "--admin", "--password-stdin", typed=PASSWORD + "\n")
    run("accounts", "add", "ben", "--password-stdin", typed="ben's password\n")
    code, out = run("accounts", "remove", "ben", typed="bob\n")
    assert code == 1
    assert "Nothing was removed" in out
    assert authenticate(diary(), "ben", "ben's password") is not None
    code, out = run("accounts", "remove", "ben", typed="Ben\n")
    assert code == 0
    assert "Removed ben and all of their data" in out
    assert authenticate(diary(), "ben", "ben's password") is None


def test_the_last_administrator_stays() -> None:
    run("accounts", "add", "root", "--admin", "--password-stdin", typed=PASSWORD + "\n")
    code, out = run("accounts", "remove", "root", "--yes")
    assert code == 2
    assert "only administrator" in out and "kneewise accounts add NAME --admin" in out
    assert authenticate(diary(), "root", PASSWORD) is not None
