"""A clinician's or coach's way into a diary shared with them: the one place that checks it.

`SharedDep` is the only way a route reaches another person's diary. On every
request it asks the account tables whether the caller holds an unstopped
share of that person's diary (`kneewise.accounts.sharing.share_between`); if
not, the answer is a 404 that says nothing of whether the person exists, the
same as for any record that is not the caller's. Stopping a share therefore
takes effect at the viewer's next request.

What it hands out is `ReadOnlyDiary`: the person's diary, scoped by its owner
as every diary is (`kneewise.diary.ownership`), whose `transaction()` refuses
to start, so even a mistaken write through it fails instead of changing the
person's data. Only GET routes take it.

Each diary handed out is noted for the audit log (`web/audit.note_access`):
the viewer's reads appear in the person's own "Who saw my data".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from kneewise._errors import OwnershipError
from kneewise.accounts.sharing import Sharing, share_between, shares_received
from kneewise.diary.storage import Diary
from kneewise.web.audit import note_access
from kneewise.web.deps import Caller, CallerDep, SettingsDep
from kneewise.web.inputs import RecordId
from kneewise.web.problems import ProblemError

SHARING_OFF = (
    "sharing needs accounts: this kneewise serves one person on this computer; a server "
    "with KNEEWISE_ACCOUNTS=true lets people share their diary (docs/sharing.md)"
)


class ReadOnlyDiary(Diary):
    """A shared person's diary as their clinician or coach reads it: reading only."""

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Refused: a viewer never changes a shared diary (raises OwnershipError)."""
        raise OwnershipError("a shared diary was about to be changed by someone reading it")
        yield  # pragma: no cover - makes this a generator, as contextmanager needs


@dataclass(frozen=True)
class SharedDiary:
    """The share that lets the caller read a person's diary, and that diary (read-only)."""

    sharing: Sharing
    diary: Diary


def require_accounts(settings: SettingsDep) -> None:
    """A 404 saying how to switch sharing on when accounts are off (one person, no one to share)."""
    if not settings.accounts:
        raise ProblemError(404, "not-found", "Not found", SHARING_OFF)


def require_session(caller: Caller) -> None:
    """A 403 for an access token: sharing codes are made and used by a signed-in person only.

    A token's holder could otherwise give the diary away for good: a share outlives
    the token it was made with.
    """
    if caller.via not in ("session", "personal"):
        raise ProblemError(
            403,
            "needs-signed-in-person",
            "Only a signed-in person can do this",
            "sharing codes are made and entered on the sharing pages by a signed-in person, "
            "not with an access token",
        )


def open_shared(request: Request, caller: Caller, sharing: Sharing) -> SharedDiary:
    """The diary `sharing` lets the caller read, read-only; noted in the person's audit log."""
    base: Diary = request.app.state.diary
    # The read goes in the shared person's log, with the viewer as who read it.
    note_access(
        request, owner_id=sharing.person_id, actor_id=caller.person.id, token=caller.via == "token"
    )
    # The same engine and scoped sessions as every diary, under the person's id.
    shared = ReadOnlyDiary(base.engine, sharing.person_id, sessions=base._sessions)
    return SharedDiary(sharing, shared)


def get_shared(
    request: Request, caller: CallerDep, settings: SettingsDep, person_id: RecordId
) -> SharedDiary:
    """The diary `person_id` shares with the caller, read-only; a 404 when there is no share."""
    require_accounts(settings)
    sharing = share_between(request.app.state.diary, caller.person.id, person_id)
    if sharing is None:
        raise ProblemError(
            404, "not-found", "Not found", f"no one with number {person_id} shares a diary with you"
        )
    return open_shared(request, caller, sharing)


def get_all_shared(request: Request, caller: CallerDep, settings: SettingsDep) -> list[SharedDiary]:
    """Every diary shared with the caller now (unstopped shares), read-only, oldest share first."""
    require_accounts(settings)
    everyone = shares_received(request.app.state.diary, caller.person.id)
    return [open_shared(request, caller, sharing) for sharing in everyone]


AccountsOnDep = Annotated[None, Depends(require_accounts)]
SharedDep = Annotated[SharedDiary, Depends(get_shared)]
AllSharedDep = Annotated[list[SharedDiary], Depends(get_all_shared)]
