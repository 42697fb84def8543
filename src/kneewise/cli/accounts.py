"""`kneewise accounts add|list|reset-password|invite|remove`: the accounts of a server.

These work on the database the settings point at, whether accounts are
switched on or not, so the first administrator can be made before
`KNEEWISE_ACCOUNTS=true` (docs/accounts.md). The first account made claims
what a personal diary already holds. Passwords are asked twice without
showing them, or read as one line from standard input (`--password-stdin`,
for scripts); never as an option, which would stay in the shell's history.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kneewise.cli._app import app
from kneewise.cli._errors import fail
from kneewise.cli.diary import console, open_or_fail, reported

accounts_app = typer.Typer(
    help="The accounts of a server: add, list, reset a password, invite, remove."
)
app.add_typer(accounts_app, name="accounts")

Name = Annotated[str, typer.Argument(help="The account's username (case does not matter).")]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            fail("--password-stdin read no password; send it as one line on standard input")
        return line.rstrip("\r\n")
    password: str = typer.prompt(
        "Password (at least 8 characters; not shown)",
        hide_input=True,
        confirmation_prompt="The same password again",
    )
    return password


@accounts_app.command("add")
def accounts_add(
    name: Name,
    admin: Annotated[
        bool, typer.Option("--admin", help="May list accounts and make reset and sign-up codes.")
    ] = False,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password as one line from standard input."),
    ] = False,
) -> None:
    """Make an account; the first one made keeps what the diary already holds."""
    from kneewise.accounts.store import count_accounts, create_account

    diary = open_or_fail()
    with reported():
        first = count_accounts(diary) == 0
        person = create_account(diary, name, _password(password_stdin), is_admin=admin)
    role = "an administrator" if person.is_admin else "an account"
    console.print(f"Made {person.username} ({role}).")
    if first:
        console.print("It is the first account: the diary's data so far is theirs.")
    if not _accounts_on():
        console.print(
            "Accounts are off here, so no one signs in yet; set KNEEWISE_ACCOUNTS=true (and "
            "KNEEWISE_SECRET_KEY) to switch them on: see docs/accounts.md."
        )


def _accounts_on() -> bool:
    from kneewise._errors import SettingsError
    from kneewise.settings import load_settings

    try:
        return load_settings().accounts
    except SettingsError:
        return False  # open_or_fail has already said what is wrong with the settings


@accounts_app.command("list")
def accounts_list() -> None:
    """Every account: administrator or not, when made, last sign-in, access tokens."""
    from kneewise.accounts.admin import list_accounts

    with reported():
        found = list_accounts(open_or_fail())
    if not found:
        console.print("No accounts yet. Make the first: kneewise accounts add NAME --admin")
        return
    for account in found:
        role = "administrator" if account.is_admin else "person"
        seen = (
            "never signed in"
            if account.last_signed_in is None
            else f"last signed in {account.last_signed_in:%Y-%m-%d}"
        )
        tokens = {0: "no access tokens", 1: "1 access token"}.get(
            account.tokens, f"{account.tokens} access tokens"
        )
        console.print(
            f"{account.username}  {role}, made {account.created_at:%Y-%m-%d}, {seen}, {tokens}"
        )


@accounts_app.command("reset-password")
def accounts_reset_password(name: Name) -> None:
    """Print a one-time code with which this person chooses a new password."""
    from kneewise.accounts.admin import RESET_HOURS, create_reset_code, find_account

    diary = open_or_fail()
    with reported():
        person = find_account(diary, name)
        code = create_reset_code(diary, person.id, created_by=None)
    console.print(f"Reset code for {person.username}: {code}")
    console.print(
        f"Give it to them privately. It works once, for {RESET_HOURS} hours, on the page "
        "/reset; their current password keeps working until they use it."
    )


@accounts_app.command("invite")
def accounts_invite() -> None:
    """Print a one-time sign-up code for one new person (KNEEWISE_SIGNUP=invite)."""
    from kneewise.accounts.admin import SIGNUP_DAYS, create_signup_code

    with reported():
        made = create_signup_code(open_or_fail(), created_by=None)
    console.print(f"Sign-up code: {made.code}")
    console.print(
        f"It lets one person make an account on the page /signup, for {SIGNUP_DAYS} days."
    )


@accounts_app.command("remove")
def accounts_remove(
    name: Name,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
) -> None:
    """Remove an account and every record of its data, for good (never the last administrator)."""
    from kneewise.accounts.admin import find_account, remove_account

    diary = open_or_fail()
    with reported():
        person = find_account(diary, name)
    if not yes:
        typed = typer.prompt(
            f"This deletes {person.username}'s account and all of its diary for good. "
            "Type the name again to confirm",
            default="",
            show_default=False,
        )
        if typed.strip().casefold() != person.username:
            console.print("Nothing was removed.")
            raise typer.Exit(1)
    with reported():
        remove_account(diary, person.id)
    console.print(f"Removed {person.username} and all of their data.")
