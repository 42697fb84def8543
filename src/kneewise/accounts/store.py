"""Accounts, signed-in sessions and access tokens in the diary database.

Each function is one transaction on the account tables (`Diary.accounts()`);
none touches a person's diary records. Tokens are 32 random bytes
(`secrets.token_urlsafe`); only their SHA-256 is stored, so a stolen database
holds nothing that signs in. (A slow hash is for passwords, which people
choose; a 256-bit random token needs none.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update

from kneewise._errors import AccountError
from kneewise._moments import as_utc as _aware
from kneewise._moments import utc_now as _now
from kneewise.accounts.passwords import decoy_hash, hash_password, needs_rehash, verify_password
from kneewise.diary.models import PERSONAL_ACCOUNT_ID, AccessToken, Account, LoginSession
from kneewise.diary.storage import Diary

#: What a personal access token may do: read the person's data, or also change it.
SCOPES = ("read", "write")
TOKEN_PREFIX = "kw_"
USERNAME_MAX = 60


@dataclass(frozen=True)
class Person:
    """Who is signed in: an account's id, name and whether it administers the server."""

    id: int
    username: str | None
    is_admin: bool


def digest(token: str) -> str:
    """The SHA-256 (hex) under which a token or one-time code is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def fold_username(username: str) -> str:
    """A username as stored: trimmed and in lower case; AccountError when unusable."""
    name = username.strip().casefold()
    if not 1 <= len(name) <= USERNAME_MAX or not name.isprintable():
        raise AccountError(
            f"a username has 1 to {USERNAME_MAX} printable characters (letters, digits, "
            "dots, dashes, an e-mail address)"
        )
    return name


def _person(account: Account) -> Person:
    return Person(account.id, account.username, account.is_admin)


def create_account(diary: Diary, username: str, password: str, *, is_admin: bool = False) -> Person:
    """A new account; the first one named claims account 1 (a personal diary's data).

    Raises AccountError when the name is taken, PasswordRefused for a weak password.
    """
    name = fold_username(username)
    password_hash = hash_password(password)
    with diary.accounts().transaction() as session:
        if session.scalar(select(Account.id).where(Account.username == name)) is not None:
            raise AccountError(f"the username {name!r} is taken; choose another")
        first = session.get(Account, PERSONAL_ACCOUNT_ID)
        if first is not None and first.username is None:
            account = first  # the first account owns what the personal diary held
            account.is_admin = account.is_admin or is_admin
        else:
            account = Account(is_admin=is_admin, created_at=_now())
            session.add(account)
        account.username = name
        account.password_hash = password_hash
        session.flush()
        return _person(account)


def authenticate(diary: Diary, username: str, password: str) -> Person | None:
    """The account whose name and password these are; None otherwise (same time either way)."""
    try:
        name = fold_username(username)
    except AccountError:
        name = ""
    with diary.accounts().transaction() as session:
        account = session.scalar(select(Account).where(Account.username == name)) if name else None
        stored = account.password_hash if account is not None else None
        if not verify_password(stored or decoy_hash(), password) or account is None:
            return None
        if stored is not None and needs_rehash(stored):
            account.password_hash = hash_password(password)
        return _person(account)


def set_password(diary: Diary, account_id: int, password: str) -> None:
    """Give an account a new password and end every session it had."""
    password_hash = hash_password(password)
    with diary.accounts().transaction() as session:
        account = session.get(Account, account_id)
        if account is None:
            raise AccountError("there is no such account")
        account.password_hash = password_hash
        account.sessions_valid_after = _now()
        session.execute(
            update(LoginSession)
            .where(LoginSession.account_id == account_id)
            .values(expires_at=_now())
        )


def begin_session(diary: Diary, account_id: int, *, days: int) -> str:
    """A new signed-in session lasting `days`; returns its token (kept only as a hash)."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with diary.accounts().transaction() as session:
        session.add(
            LoginSession(
                account_id=account_id,
                token_hash=digest(token),
                created_at=now,
                expires_at=now + dt.timedelta(days=days),
            )
        )
    return token


def person_of_session(diary: Diary, token: str) -> Person | None:
    """Who a session token signs in, while it is unexpired; None otherwise."""
    with diary.accounts().reading() as session:
        row = session.execute(
            select(LoginSession, Account)
            .join(Account, Account.id == LoginSession.account_id)
            .where(LoginSession.token_hash == digest(token))
        ).first()
        if row is None:
            return None
        login, account = row
        if _aware(login.expires_at) <= _now():
            return None
        valid_after = account.sessions_valid_after
        if valid_after is not None and _aware(login.created_at) < _aware(valid_after):
            return None
        return _person(account)


def end_session(diary: Diary, token: str) -> None:
    """Sign a session out (nothing happens for an unknown token)."""
    with diary.accounts().transaction() as session:
        session.execute(
            update(LoginSession)
            .where(LoginSession.token_hash == digest(token))
            .values(expires_at=_now())
        )


def end_all_sessions(diary: Diary, account_id: int) -> None:
    """Sign the account out in every browser at once (its access tokens are kept)."""
    with diary.accounts().transaction() as session:
        account = session.get(Account, account_id)
        if account is None:
            raise AccountError("there is no such account")
        account.sessions_valid_after = _now()
        session.execute(
            update(LoginSession)
            .where(LoginSession.account_id == account_id)
            .values(expires_at=_now())
        )


def create_access_token(
    diary: Diary, account_id: int, name: str, scopes: tuple[str, ...]
) -> tuple[int, str]:
    """A new personal access token: its id and the token, shown once (stored as a hash)."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise AccountError(f"a token's scopes are read, or read and write; not {unknown or '[]'}")
    label = name.strip()
    if not 1 <= len(label) <= USERNAME_MAX:
        raise AccountError(f"a token's name has 1 to {USERNAME_MAX} characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with diary.accounts().transaction() as session:
        row = AccessToken(
            account_id=account_id,
            name=label,
            token_hash=digest(token),
            scopes=sorted(set(scopes) | {"read"}),
            created_at=_now(),
        )
        session.add(row)
        session.flush()
        return row.id, token


def person_of_token(diary: Diary, token: str) -> tuple[Person, frozenset[str]] | None:
    """Who an access token acts for and its scopes, unless revoked; None otherwise."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    with diary.accounts().transaction() as session:
        row = session.execute(
            select(AccessToken, Account)
            .join(Account, Account.id == AccessToken.account_id)
            .where(AccessToken.token_hash == digest(token), AccessToken.revoked_at.is_(None))
        ).first()
        if row is None:
            return None
        access, account = row
        access.last_used_at = _now()
        return _person(account), frozenset(access.scopes)


def revoke_access_token(diary: Diary, account_id: int, token_id: int) -> bool:
    """Revoke one of the account's tokens at once; False when it has no such token."""
    with diary.accounts().transaction() as session:
        done = session.execute(
            update(AccessToken)
            .where(
                AccessToken.id == token_id,
                AccessToken.account_id == account_id,
                AccessToken.revoked_at.is_(None),
            )
            .values(revoked_at=_now())
        )
        return bool(getattr(done, "rowcount", 0))


def count_accounts(diary: Diary) -> int:
    """How many accounts have a name (the unclaimed first account is not counted)."""
    with diary.accounts().reading() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Account).where(Account.username.is_not(None))
            )
            or 0
        )
