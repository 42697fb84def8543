"""Accounts, signed-in sessions and personal access tokens (docs/accounts.md).

Passwords are hashed with Argon2id (`argon2-cffi`); session and access tokens
are random and stored only as their SHA-256, so a copy of the database lets no
one sign in. Everything here works on the account tables, never on anyone's
diary records (`Diary.accounts()`).
"""

from kneewise._errors import AccountError, PasswordRefused
from kneewise.accounts.passwords import check_password_rules
from kneewise.accounts.store import (
    SCOPES,
    Person,
    authenticate,
    begin_session,
    create_access_token,
    create_account,
    end_session,
    person_of_session,
    person_of_token,
    revoke_access_token,
)

__all__ = [
    "SCOPES",
    "AccountError",
    "PasswordRefused",
    "Person",
    "authenticate",
    "begin_session",
    "check_password_rules",
    "create_access_token",
    "create_account",
    "end_session",
    "person_of_session",
    "person_of_token",
    "revoke_access_token",
]
