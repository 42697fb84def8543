"""Every query and every new record of a person's data is scoped by its owner, here.

A diary opened for an account (`Diary.for_owner`) marks each of its sessions
with that account's id. Two session events then do the scoping for all code
at once, so no route or repository function filters by owner itself:

- `do_orm_execute` adds `owner_id = <account>` to every ORM SELECT, UPDATE
  and DELETE of an `Owned` table, relationship loads included
  (`with_loader_criteria`; SQLAlchemy's "Adding global WHERE / ON criteria").
  Another person's record therefore reads as absent: a route answers 404,
  never 403, and says nothing of its existence.
- `before_flush` gives every new `Owned` record the session's owner and
  refuses one that names another owner.

A session without an owner (the account tables' own work) that touches an
`Owned` table raises `OwnershipError`: forgetting the owner fails loudly
instead of showing everyone's data.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker, with_loader_criteria

from kneewise._errors import OwnershipError
from kneewise.diary.models import Owned

OWNER_KEY = "kneewise_owner_id"


def owner_of(session: Session) -> int | None:
    """The account whose data `session` may touch; None for an account-tables session."""
    owner = session.info.get(OWNER_KEY)
    return owner if isinstance(owner, int) else None


def require_owner(session: Session) -> int:
    """The session's owner, or OwnershipError when it has none."""
    owner = owner_of(session)
    if owner is None:
        raise OwnershipError("a person's records were reached without saying whose they are")
    return owner


def install(sessions: sessionmaker[Session]) -> None:
    """Scope every session `sessions` makes by the owner in its `info`."""
    event.listen(sessions, "do_orm_execute", _scope_statement)
    event.listen(sessions, "before_flush", _own_new_records)


def _touches_owned(state: ORMExecuteState) -> bool:
    return any(issubclass(mapper.class_, Owned) for mapper in state.all_mappers)


def _scope_statement(state: ORMExecuteState) -> None:
    owner = owner_of(state.session)
    if owner is None:
        if _touches_owned(state):
            raise OwnershipError("a person's records were queried without saying whose they are")
        return
    if state.is_insert:
        return  # an INSERT statement names its owner_id itself (checked by the tests)
    state.statement = state.statement.options(
        with_loader_criteria(Owned, lambda cls: cls.owner_id == owner, include_aliases=True)
    )


def _own_new_records(session: Session, _context: Any, _instances: Any) -> None:
    owner = owner_of(session)
    for record in session.new:
        if not isinstance(record, Owned):
            continue
        given = record.owner_id
        if owner is None:
            raise OwnershipError("a person's record was saved without saying whose it is")
        if given is None:
            record.owner_id = owner
        elif given != owner:
            raise OwnershipError("a record was saved into another person's diary")
