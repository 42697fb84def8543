"""What an administrator does: list accounts, hand out one-time codes, remove an account.

One-time codes (a password reset, a sign-up invitation) are 16 characters of
Crockford's base32 (80 random bits), shown in groups of four, e.g.
`7KQ2-M9XD-4HTP-WB3R`: easy to read aloud or type on a phone. Reading one
back ignores case, spaces and dashes and takes O for 0 and I or L for 1
(https://www.crockford.com/base32.html). Only a code's SHA-256 is stored, and
each works once.

A reset code lasts `RESET_HOURS` and a sign-up code `SIGNUP_DAYS`: long
enough to pass on by message the same day or week, short enough that a code
found later in an old message no longer works (OWASP Forgot Password Cheat
Sheet: reset tokens are single use and expire). Making a new reset code for
a person voids their older ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from kneewise._errors import AccountError, KneewiseError
from kneewise._moments import as_utc as _aware
from kneewise._moments import utc_now as _now
from kneewise.accounts.audit import forget_actor
from kneewise.accounts.codes import new_code, read_code
from kneewise.accounts.passwords import hash_password
from kneewise.accounts.store import (
    Person,
    _person,
    create_account,
    digest,
    fold_username,
)
from kneewise.diary.models import (
    PERSONAL_ACCOUNT_ID,
    AccessToken,
    Account,
    LoginSession,
    PasswordReset,
    SignupInvitation,
)
from kneewise.diary.storage import Diary

RESET_HOURS = 24
SIGNUP_DAYS = 7
BAD_RESET_CODE = (
    f"this reset code does not work: it may be mistyped, already used, replaced by a newer "
    f"one or older than {RESET_HOURS} hours; ask an administrator for a new one"
)
BAD_SIGNUP_CODE = (
    f"this sign-up code does not work: it may be mistyped, already used, withdrawn or older "
    f"than {SIGNUP_DAYS} days; ask an administrator for a new one"
)


@dataclass(frozen=True)
class AccountSummary:
    """One account as an administrator sees it: never any of the person's diary data.

    `last_signed_in` is when the newest browser session began (None: never);
    `tokens` how many unrevoked access tokens the account has.
    """

    id: int
    username: str
    is_admin: bool
    created_at: dt.datetime
    last_signed_in: dt.datetime | None
    tokens: int


@dataclass(frozen=True)
class SignupCode:
    """A sign-up invitation: `code` is the code itself only just after it was made."""

    id: int
    created_at: dt.datetime
    expires_at: dt.datetime
    created_by: str | None
    code: str | None = None


def code_digest(code: str) -> str:
    """The stored form of a typed code: normalised (case, dashes, spaces, O/I/L), SHA-256."""
    return digest(read_code(code))


def list_accounts(diary: Diary) -> list[AccountSummary]:
    """Every named account, by name (the unclaimed first account is not one)."""
    last_session = (
        select(LoginSession.account_id, func.max(LoginSession.created_at).label("last"))
        .group_by(LoginSession.account_id)
        .subquery()
    )
    live_tokens = (
        select(AccessToken.account_id, func.count().label("tokens"))
        .where(AccessToken.revoked_at.is_(None))
        .group_by(AccessToken.account_id)
        .subquery()
    )
    with diary.accounts().reading() as session:
        rows = session.execute(
            select(Account, last_session.c.last, live_tokens.c.tokens)
            .outerjoin(last_session, last_session.c.account_id == Account.id)
            .outerjoin(live_tokens, live_tokens.c.account_id == Account.id)
            .where(Account.username.is_not(None))
            .order_by(Account.username)
        ).all()
    return [
        AccountSummary(
            id=account.id,
            username=account.username or "",
            is_admin=account.is_admin,
            created_at=_aware(account.created_at),
            last_signed_in=None if last is None else _aware(last),
            tokens=tokens or 0,
        )
        for account, last, tokens in rows
    ]


def find_account(diary: Diary, username: str) -> Person:
    """The named account; AccountError saying so when there is none."""
    name = fold_username(username)
    with diary.accounts().reading() as session:
        account = session.scalar(select(Account).where(Account.username == name))
        if account is None:
            raise AccountError(f"there is no account named {name!r}")
        return _person(account)


def count_admins(diary: Diary) -> int:
    """How many named accounts administer the server."""
    with diary.accounts().reading() as session:
        found = session.scalar(
            select(func.count())
            .select_from(Account)
            .where(Account.is_admin.is_(True), Account.username.is_not(None))
        )
        return found or 0


def create_reset_code(diary: Diary, account_id: int, *, created_by: int | None) -> str:
    """A one-time code with which account `account_id` chooses a new password (shown once).

    Older unused codes of the account stop working. AccountError for an unknown account.
    """
    code = new_code()
    now = _now()
    with diary.accounts().transaction() as session:
        account = session.get(Account, account_id)
        if account is None or account.username is None:
            raise AccountError("there is no such account")
        session.execute(
            update(PasswordReset)
            .where(PasswordReset.account_id == account_id, PasswordReset.used_at.is_(None))
            .values(expires_at=now)
        )
        session.add(
            PasswordReset(
                account_id=account_id,
                code_hash=code_digest(code),
                created_by=created_by,
                created_at=now,
                expires_at=now + dt.timedelta(hours=RESET_HOURS),
            )
        )
    return code


def use_reset_code(diary: Diary, code: str, password: str) -> Person:
    """Set a new password with a reset code, ending every session and access token of that account.

    One transaction: the code is used up, the password set and the sessions
    ended together, or none of it. Raises PasswordRefused for a password that
    breaks the rules (the code is kept for another try) and AccountError
    (`BAD_RESET_CODE`) for a code that does not work.
    """
    password_hash = hash_password(password)  # slow on purpose: before the transaction
    now = _now()
    with diary.accounts().transaction() as session:
        # Checked and used up in one statement, so two tries at once use it once.
        account_id = session.execute(
            update(PasswordReset)
            .where(
                PasswordReset.code_hash == code_digest(code),
                PasswordReset.used_at.is_(None),
                PasswordReset.expires_at > now,
            )
            .values(used_at=now)
            .returning(PasswordReset.account_id)
        ).scalar()
        account = None if account_id is None else session.get(Account, account_id)
        if account is None:
            raise AccountError(BAD_RESET_CODE)
        account.password_hash = password_hash
        account.sessions_valid_after = now
        session.execute(
            update(LoginSession).where(LoginSession.account_id == account.id).values(expires_at=now)
        )
        # A reset is account recovery: whoever knew the old password may have made a token
        # with it, so every access token stops too (the person makes new ones).
        session.execute(
            update(AccessToken)
            .where(AccessToken.account_id == account.id, AccessToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return _person(account)


def create_signup_code(diary: Diary, *, created_by: int | None) -> SignupCode:
    """A one-time sign-up invitation lasting `SIGNUP_DAYS`; its `code` is shown once."""
    code = new_code()
    now = _now()
    with diary.accounts().transaction() as session:
        row = SignupInvitation(
            code_hash=code_digest(code),
            created_by=created_by,
            created_at=now,
            expires_at=now + dt.timedelta(days=SIGNUP_DAYS),
        )
        session.add(row)
        session.flush()
        maker = session.get(Account, created_by) if created_by is not None else None
        return SignupCode(row.id, now, row.expires_at, maker.username if maker else None, code)


def pending_signup_codes(diary: Diary) -> list[SignupCode]:
    """Sign-up invitations neither used nor expired, newest first (without the codes)."""
    with diary.accounts().reading() as session:
        rows = session.execute(
            select(SignupInvitation, Account.username)
            .outerjoin(Account, Account.id == SignupInvitation.created_by)
            .where(SignupInvitation.used_at.is_(None))
            .order_by(SignupInvitation.created_at.desc(), SignupInvitation.id.desc())
        ).all()
    now = _now()
    return [
        SignupCode(row.id, _aware(row.created_at), _aware(row.expires_at), maker)
        for row, maker in rows
        if _aware(row.expires_at) > now
    ]


def withdraw_signup_code(diary: Diary, code_id: int) -> bool:
    """Make an unused sign-up invitation stop working; False when there is no such one."""
    now = _now()
    with diary.accounts().transaction() as session:
        done = session.execute(
            update(SignupInvitation)
            .where(
                SignupInvitation.id == code_id,
                SignupInvitation.used_at.is_(None),
                SignupInvitation.expires_at > now,
            )
            .values(expires_at=now)
        )
        return bool(getattr(done, "rowcount", 0))


def sign_up_with_code(diary: Diary, code: str, username: str, password: str) -> Person:
    """A new account made with a sign-up invitation, which is then used up.

    Raises AccountError (`BAD_SIGNUP_CODE`) for a code that does not work,
    AccountError for a taken name and PasswordRefused for a weak password (for
    those two the code is kept for another try).
    """
    from kneewise.accounts.passwords import check_password_rules

    fold_username(username)
    check_password_rules(password)
    now = _now()
    with diary.accounts().transaction() as session:
        # Taken in the same statement that checks it: two sign-ups with one code make one account.
        taken = session.execute(
            update(SignupInvitation)
            .where(
                SignupInvitation.code_hash == code_digest(code),
                SignupInvitation.used_at.is_(None),
                SignupInvitation.expires_at > now,
            )
            .values(used_at=now)
            .returning(SignupInvitation.id)
        ).scalar()
    if taken is None:
        raise AccountError(BAD_SIGNUP_CODE)
    try:
        person = create_account(diary, username, password)
    except KneewiseError:  # a taken name, or the database failing: the code is given back
        with diary.accounts().transaction() as session:
            session.execute(
                update(SignupInvitation).where(SignupInvitation.id == taken).values(used_at=None)
            )
        raise
    with diary.accounts().transaction() as session:
        session.execute(
            update(SignupInvitation).where(SignupInvitation.id == taken).values(used_by=person.id)
        )
    return person


def remove_account(diary: Diary, account_id: int) -> None:
    """Remove an account with every record of its data, its sessions, tokens and shares.

    The last administrator cannot be removed (AccountError says so). The first
    account (id 1, which a personal diary uses) is emptied and made unnamed
    again rather than deleted, so switching accounts off still finds it.
    """
    with diary.accounts().reading() as session:
        account = session.get(Account, account_id)
        if account is None or account.username is None:
            raise AccountError("there is no such account")
        is_admin = account.is_admin
    if is_admin and count_admins(diary) <= 1:
        raise AccountError(
            "this is the only administrator; make another account an administrator first "
            "(kneewise accounts add NAME --admin)"
        )
    if account_id == PERSONAL_ACCOUNT_ID:
        _empty_first_account(diary)
        # Whoever names it next must not appear in others' logs as having done what it did.
        forget_actor(diary, PERSONAL_ACCOUNT_ID)
    else:
        with diary.accounts().transaction() as session:
            # The database removes the account's records, sessions, tokens and shares with it.
            session.execute(delete(Account).where(Account.id == account_id))
    diary.vacuum()  # so the removed records' bytes leave the database file


def _empty_first_account(diary: Diary) -> None:
    from kneewise.diary.drafts import delete_drafts
    from kneewise.diary.models import ALL_TABLES, AuditEvent, CalendarFeed, Invitation, Share

    with diary.for_owner(PERSONAL_ACCOUNT_ID).transaction() as session:
        for table in (*ALL_TABLES, AuditEvent):  # children first
            session.execute(delete(table))
    with diary.accounts().transaction() as session:
        for kept_by_account in (LoginSession, AccessToken, PasswordReset, CalendarFeed):
            session.execute(
                delete(kept_by_account).where(kept_by_account.account_id == PERSONAL_ACCOUNT_ID)
            )
        session.execute(delete(Invitation).where(Invitation.owner_id == PERSONAL_ACCOUNT_ID))
        session.execute(
            delete(Share).where(
                (Share.owner_id == PERSONAL_ACCOUNT_ID) | (Share.viewer_id == PERSONAL_ACCOUNT_ID)
            )
        )
        # Not an administrator: whoever names this account next must not become one unasked.
        session.execute(
            update(Account)
            .where(Account.id == PERSONAL_ACCOUNT_ID)
            .values(username=None, password_hash=None, is_admin=False, sessions_valid_after=_now())
        )
    delete_drafts(diary, PERSONAL_ACCOUNT_ID)  # a check in progress holds their words too
