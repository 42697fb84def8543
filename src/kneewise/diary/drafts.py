"""A web check in progress, kept on the server so each of its pages has an address.

The web check is post/redirect/get: every form it shows adds one page to the
person's draft and is answered 303 with that page's address, so the browser's
Back, Forward and reload fetch a page already made and never send a form again
(migration 0011). A page is never changed once made: answering from an earlier
page (after Back) adds a new page made from it, and the later pages stay as
they were for Forward.

A draft belongs to one account (a personal app's first account, or the person
signed in) and is read by account and key together, so another person's key
reads as unknown, as an expired one does. It lasts `LIFETIME` after its last
page; expired drafts are deleted whenever a new one starts, and every draft of
an account with the account (ON DELETE CASCADE) or with `delete_drafts`.

What a page holds (`page`) is the web's business (kneewise.web.routes.pages_check);
this module keeps it as JSON and never reads inside it.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select

from kneewise._errors import StorageError
from kneewise.diary.models import CheckDraft, CheckDraftPage
from kneewise.diary.storage import Diary

#: How long a draft is kept after its last page. A check takes minutes; a day lets a
#: person leave a tab open and come back to it, and keeps no one's words for long.
LIFETIME = dt.timedelta(hours=24)
#: At most this many pages per draft (a check asks a few dozen questions at most):
#: a form sent again and again cannot grow the database without end.
MAX_PAGES = 400
#: A draft's key: 24 URL-safe characters (18 random bytes, `secrets.token_urlsafe`).
KEY = re.compile(r"[A-Za-z0-9_-]{24}")


class DraftFull(Exception):
    """The draft has `MAX_PAGES` pages already; the person must start the check again."""


@dataclass(frozen=True)
class DraftPage:
    """One stored page: its number, what it shows, and the page made from it last (if any)."""

    key: str
    number: int
    page: dict[str, Any]
    answered_by: dict[str, Any] | None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; they were stored in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def start_draft(diary: Diary, account_id: int, page: dict[str, Any]) -> tuple[str, int]:
    """A new draft of `account_id` whose first page is `page`: (its key, page number 0).

    Deletes every expired draft (anyone's: nothing is read from them) on the way.
    """
    now = _now()
    key = secrets.token_urlsafe(18)
    with diary.accounts().transaction() as session:
        expired = select(CheckDraft.id).where(CheckDraft.expires_at < now)
        session.execute(delete(CheckDraftPage).where(CheckDraftPage.draft_id.in_(expired)))
        session.execute(delete(CheckDraft).where(CheckDraft.expires_at < now))
        draft = CheckDraft(
            key=key, account_id=account_id, created_at=now, expires_at=now + LIFETIME
        )
        session.add(draft)
        session.flush()
        session.add(CheckDraftPage(draft_id=draft.id, number=0, made_from=None, page=page))
    return key, 0


def add_page(
    diary: Diary, account_id: int, key: str, made_from: int, page: dict[str, Any]
) -> int | None:
    """Add `page`, made from page `made_from`, to the draft; its number, or None if gone.

    None when the draft is unknown, expired or another account's. Raises DraftFull
    at `MAX_PAGES`. Each page made keeps the draft `LIFETIME` longer.
    """
    try:
        return _add_page(diary, account_id, key, made_from, page)
    except StorageError:
        # Two forms sent at once (a double click) may take the same number: the one that
        # lost takes the next; a second failure is not a race and is reported.
        return _add_page(diary, account_id, key, made_from, page)


def _add_page(
    diary: Diary, account_id: int, key: str, made_from: int, page: dict[str, Any]
) -> int | None:
    now = _now()
    with diary.accounts().transaction() as session:
        draft = _live(session, account_id, key, now)
        if draft is None:
            return None
        count = session.scalar(select(func.count()).where(CheckDraftPage.draft_id == draft.id))
        number = int(count or 0)
        if number >= MAX_PAGES:
            raise DraftFull(key)
        session.add(
            CheckDraftPage(draft_id=draft.id, number=number, made_from=made_from, page=page)
        )
        draft.expires_at = now + LIFETIME
    return number


def read_page(diary: Diary, account_id: int, key: str, number: int) -> DraftPage | None:
    """Page `number` of the draft, or None when the draft or the page is gone or not theirs."""
    with diary.accounts().reading() as session:
        draft = _live(session, account_id, key, _now())
        if draft is None:
            return None
        rows = session.scalars(
            select(CheckDraftPage)
            .where(CheckDraftPage.draft_id == draft.id)
            .where((CheckDraftPage.number == number) | (CheckDraftPage.made_from == number))
            .order_by(CheckDraftPage.number)
        ).all()
        found = [row for row in rows if row.number == number]
        if not found:
            return None
        later = [row.page for row in rows if row.made_from == number]
        return DraftPage(key, number, found[0].page, later[-1] if later else None)


def delete_drafts(diary: Diary, account_id: int) -> int:
    """Delete every draft of `account_id`; how many there were."""
    with diary.accounts().transaction() as session:
        theirs = select(CheckDraft.id).where(CheckDraft.account_id == account_id)
        session.execute(delete(CheckDraftPage).where(CheckDraftPage.draft_id.in_(theirs)))
        gone = session.execute(delete(CheckDraft).where(CheckDraft.account_id == account_id))
        return int(getattr(gone, "rowcount", 0) or 0)


def _live(session: Any, account_id: int, key: str, now: dt.datetime) -> CheckDraft | None:
    if not KEY.fullmatch(key):
        return None
    draft: CheckDraft | None = session.scalar(
        select(CheckDraft).where(CheckDraft.key == key, CheckDraft.account_id == account_id)
    )
    if draft is None or _aware(draft.expires_at) < now:
        return None
    return draft
