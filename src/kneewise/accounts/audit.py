"""The audit log: who read, exported, changed or deleted what of a person's data.

Each event belongs to the person whose data was touched (`AuditEvent` is
`Owned`), so it is written and read through that person's diary
(`Diary.for_owner`) and the one place of scoping keeps one person's log from
another's. `actor_id` is who acted: the person, a clinician or coach they
shared with, or an administrator; `via` is how (page, api, token or cli).

`what` is a plain description of the kind of record and, for one record, its
number ("pain entry 12"), followed by the route it was reached through
("GET /api/v1/pain/{entry_id}"); never the data itself, so the log holds
nothing a person wrote. The web app writes events in one place
(`kneewise.web.audit`), not in each route.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, cast, get_args

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session, aliased

from kneewise._errors import AccountError
from kneewise._moments import as_utc as _aware
from kneewise.diary.models import Account, AuditEvent, Share
from kneewise.diary.ownership import require_owner
from kneewise.diary.storage import Diary

Action = Literal["read", "export", "change", "delete"]
Via = Literal["page", "api", "token", "cli"]
ACTIONS: tuple[Action, ...] = get_args(Action)
VIAS: tuple[Via, ...] = get_args(Via)
#: The column's width (migration 0005); a longer description is cut there.
WHAT_MAX = 200
#: Between the plain description and the route in `what`.
ROUTE_SEPARATOR = " | "
#: The most events one page of the log holds.
PAGE_MAX = 500


@dataclass(frozen=True)
class AccessEvent:
    """One event of a person's log as it is shown.

    `at` is UTC; `actor` the acting account's name (None: the account was
    deleted, or a personal app's unnamed first account), `actor_is_owner`
    whether the person acted themselves, `actor_role` clinician, coach or
    administrator when someone else did (None when unknown); `what` the plain
    description, `route` the method and route template ("" for the CLI).
    """

    id: int
    at: dt.datetime
    actor_id: int | None
    actor: str | None
    actor_is_owner: bool
    actor_role: str | None
    action: Action
    what: str
    route: str
    via: Via


@dataclass(frozen=True)
class Onlooker:
    """Someone other than the person who reached their data: how often and when last."""

    actor_id: int | None
    actor: str | None
    role: str | None
    events: int
    last_at: dt.datetime
    actions: tuple[Action, ...]


def stored_what(what: str, route: str = "") -> str:
    """The `what` column's text: the description, then the route, within `WHAT_MAX`."""
    plain = " ".join(what.replace(ROUTE_SEPARATOR.strip(), "/").split())
    text = f"{plain}{ROUTE_SEPARATOR}{route}" if route else plain
    return text[:WHAT_MAX]


def _split_what(text: str) -> tuple[str, str]:
    what, _, route = text.partition(ROUTE_SEPARATOR)
    return what, route


def record_access(
    diary: Diary, *, actor_id: int | None, action: Action, what: str, route: str, via: Via
) -> None:
    """Add one event to the log of the diary's owner (`diary` opened `for_owner`).

    Raises AccountError for an action or way not in `ACTIONS`/`VIAS` (a bug in
    the caller), OwnershipError for a diary opened for no one, StorageError
    when the database fails.
    """
    if action not in ACTIONS or via not in VIAS:
        raise AccountError(f"an audit event is one of {ACTIONS} via one of {VIAS}")
    with diary.transaction() as session:
        owner = require_owner(session)
        role = None
        if actor_id is not None and actor_id != owner:
            # The role now, kept with the event: a later code may change the share's role.
            roles = _roles(session, owner, {actor_id}) or _admins(session, {actor_id})
            role = roles.get(actor_id)
        session.add(
            AuditEvent(
                at=dt.datetime.now(dt.UTC),
                actor_id=actor_id,
                action=action,
                what=stored_what(what, route),
                via=via,
                actor_role=role,
            )
        )


def record_command(diary: Diary, *, action: Action, what: str, command: str) -> None:
    """An event for a command-line action on the data of the diary's owner, who acts.

    The command line works on one account's diary (the first account's unless
    told otherwise) as whoever can run it on the server: the owner, as far as
    kneewise can tell. `command` stands where a route would ("kneewise export").
    """
    with diary.reading() as session:
        owner = require_owner(session)
    record_access(diary, actor_id=owner, action=action, what=what, route=command, via="cli")


def list_events(
    diary: Diary, *, limit: int = 100, before: int | None = None, others_only: bool = False
) -> list[AccessEvent]:
    """The owner's log, newest first: at most `limit` events older than event `before`.

    `others_only` leaves out what the person did themselves. `limit` is 1 to
    `PAGE_MAX` (AccountError otherwise).
    """
    if not 1 <= limit <= PAGE_MAX:
        raise AccountError(f"a page of the log holds 1 to {PAGE_MAX} events, not {limit}")
    actor = aliased(Account)
    query = (
        select(AuditEvent, actor.username)
        .outerjoin(actor, actor.id == AuditEvent.actor_id)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    if before is not None:
        query = query.where(AuditEvent.id < before)
    with diary.reading() as session:
        owner = require_owner(session)
        if others_only:
            query = query.where((AuditEvent.actor_id != owner) | AuditEvent.actor_id.is_(None))
        rows = session.execute(query).all()
    events = []
    for row, username in rows:
        what, route = _split_what(row.what)
        is_owner = row.actor_id == owner
        # The role kept when the event happened (None: the person, or not known).
        role = None if is_owner else row.actor_role
        events.append(
            AccessEvent(
                id=row.id,
                at=_aware(row.at),
                actor_id=row.actor_id,
                actor=username,
                actor_is_owner=is_owner,
                actor_role=role,
                action=cast(Action, row.action),
                what=what,
                route=route,
                via=cast(Via, row.via),
            )
        )
    return events


def onlookers(diary: Diary, *, scan: int = PAGE_MAX) -> list[Onlooker]:
    """Everyone but the owner in the newest `scan` events: who, in what role, how often, last.

    Most recent first. A deleted account's events are gathered under None.
    """
    found: dict[int | None, list[AccessEvent]] = {}
    for event in list_events(diary, limit=scan, others_only=True):
        found.setdefault(event.actor_id, []).append(event)
    summary = [
        Onlooker(
            actor_id=actor_id,
            actor=events[0].actor,
            role=events[0].actor_role,
            events=len(events),
            last_at=events[0].at,
            actions=tuple(a for a in ACTIONS if any(e.action == a for e in events)),
        )
        for actor_id, events in found.items()
    ]
    return sorted(summary, key=lambda o: o.last_at, reverse=True)


def _roles(session: Session, owner: int, actors: Iterable[int | None]) -> dict[int | None, str]:
    """The role each actor holds now by the owner's shares (the newest share's role)."""
    ids = [a for a in actors if a is not None and a != owner]
    if not ids:
        return {}
    rows = session.execute(
        select(Share.viewer_id, Share.role)
        .where(Share.owner_id == owner, Share.viewer_id.in_(ids))
        .order_by(Share.created_at)
    ).all()
    return {viewer: role for viewer, role in rows}


def _admins(session: Session, actors: Iterable[int | None]) -> dict[int | None, str]:
    ids = [a for a in actors if a is not None]
    if not ids:
        return {}
    rows = session.scalars(
        select(Account.id).where(Account.id.in_(ids), Account.is_admin.is_(True))
    ).all()
    return dict.fromkeys(rows, "administrator")


def forget_actor(diary: Diary, account_id: int) -> None:
    """Make account `account_id` unnamed as an actor in everyone's logs.

    For the first account, which is emptied and unnamed rather than deleted
    (`admin.remove_account`): whoever names it next must not appear to have
    done what its earlier owner did. (A deleted account's events lose their
    actor through the database's ON DELETE SET NULL.) The events stay in their
    owners' logs, as "an account since deleted".
    """
    table = AuditEvent.__table__
    assert isinstance(table, Table)
    with diary.accounts().transaction() as session:
        # A Core statement on the table: it changes no one's data, only who is named.
        session.execute(update(table).where(table.c.actor_id == account_id).values(actor_id=None))
