"""Sharing a diary read-only with a clinician or a coach (docs/sharing.md).

A person makes a one-time sharing code (`make_invitation`) and gives it to
their clinician or coach, who enters it while signed in (`redeem_invitation`):
from then on that account may read the person's diary, never change it, until
the person stops sharing (`stop_sharing`), which takes effect at the next
request because every viewer request asks `share_between` again.

A code is 16 characters of Crockford's base 32 (80 random bits, `secrets`),
shown once as four groups of four; only its SHA-256 is stored, like the
access tokens (`store.digest`: a random code needs no slow hash). It can be
used once and expires after `INVITATION_DAYS`. Reading it back forgives what
Crockford's alphabet forgives: case, spaces and dashes, O for 0, I and L for 1.

Everything here works on the account tables (`Diary.accounts()`), never on
anyone's diary records: the viewer's pages open the person's diary themselves
after `share_between` said yes (`kneewise.web.shared`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import aliased

from kneewise._errors import AccountError
from kneewise._moments import as_utc as _aware
from kneewise._moments import utc_now as _now
from kneewise.accounts.codes import CODE_LENGTH, is_well_formed, new_code, read_code
from kneewise.accounts.store import digest
from kneewise.diary.models import Account, Invitation, Share
from kneewise.diary.records import control_character
from kneewise.diary.storage import Diary

Role = Literal["clinician", "coach"]
#: Who a person can share with; a team name is only for a coach.
ROLES: tuple[Role, ...] = ("clinician", "coach")
#: How long a sharing code can be used (kneewise's choice: a week to pass it on).
INVITATION_DAYS = 7
TEAM_MAX = 60
CODE_RULE = (
    f"a sharing code has {CODE_LENGTH} letters and digits, as given "
    "(for example 7K3M-Q9TX-2C4R-HW8D); spaces and dashes do not matter"
)


@dataclass(frozen=True)
class SharingCode:
    """A sharing code not used yet, as its maker sees it (the code itself is not kept)."""

    id: int
    role: Role
    team: str | None
    created_at: dt.datetime
    expires_at: dt.datetime


@dataclass(frozen=True)
class Sharing:
    """One person's diary shared read-only with one viewer (a clinician or coach)."""

    id: int
    person_id: int
    person_name: str
    viewer_id: int
    viewer_name: str
    role: Role
    team: str | None
    since: dt.datetime


def _name(username: str | None) -> str:
    # Account 1 has no name until its owner claims it (docs/accounts.md).
    return username or "the first account"


def check_role(role: str) -> Role:
    """`role` when it is one kneewise knows; AccountError naming the choices otherwise."""
    for known in ROLES:
        if role == known:
            return known
    raise AccountError(f"share with a clinician or a coach; {role[:20]!r} is neither")


def check_team(role: Role, team: str | None) -> str | None:
    """The team name as kept (trimmed; None when empty); AccountError when unusable.

    A team name is one line: a control character (a tab, a new line, a NUL: the
    notes' check, `control_character`) is refused, naming it and where it is,
    never silently turned into a space.
    """
    problem = control_character(team or "", kept="")
    if problem is not None:
        raise AccountError(
            f"the team name {problem}; a team name is one line of 1 to {TEAM_MAX} letters, "
            "digits or spaces, with no tabs, new lines or other control characters"
        )
    name = " ".join((team or "").split())
    if not name:
        return None
    if role != "coach":
        raise AccountError("a team name is for a coach only; leave it empty for a clinician")
    if len(name) > TEAM_MAX or not name.isprintable():
        raise AccountError(f"a team name has 1 to {TEAM_MAX} letters, digits or spaces")
    return name


def normalise_code(code: str) -> str:
    """A code as typed, read as Crockford reads it; AccountError saying the rule otherwise."""
    plain = read_code(code)
    if not is_well_formed(plain):
        raise AccountError(CODE_RULE)
    return plain


def _code_view(row: Invitation) -> SharingCode:
    return SharingCode(
        row.id, check_role(row.role), row.team, _aware(row.created_at), _aware(row.expires_at)
    )


def make_invitation(
    diary: Diary,
    owner_id: int,
    role: str,
    team: str | None = None,
    *,
    now: dt.datetime | None = None,
) -> tuple[SharingCode, str]:
    """A new one-time sharing code for a clinician or coach: its record and the code (shown once).

    The code expires `INVITATION_DAYS` days after `now`. Raises AccountError for
    an unknown role or an unusable team name (a team is for a coach only).
    """
    kind = check_role(role)
    team_name = check_team(kind, team)
    moment = now or _now()
    code = new_code()
    with diary.accounts().transaction() as session:
        row = Invitation(
            owner_id=owner_id,
            code_hash=digest(normalise_code(code)),
            role=kind,
            team=team_name,
            created_at=moment,
            expires_at=moment + dt.timedelta(days=INVITATION_DAYS),
        )
        session.add(row)
        session.flush()
        return _code_view(row), code


def pending_invitations(
    diary: Diary, owner_id: int, *, now: dt.datetime | None = None
) -> list[SharingCode]:
    """The person's sharing codes not used, withdrawn or expired yet, newest first."""
    moment = now or _now()
    with diary.accounts().reading() as session:
        rows = session.scalars(
            select(Invitation)
            .where(Invitation.owner_id == owner_id, Invitation.used_at.is_(None))
            .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        )
        return [_code_view(row) for row in rows if _aware(row.expires_at) > moment]


def withdraw_invitation(diary: Diary, owner_id: int, invitation_id: int) -> bool:
    """Make one of the person's unused codes unusable at once; False when there is none."""
    with diary.accounts().transaction() as session:
        row = session.scalar(
            select(Invitation).where(
                Invitation.id == invitation_id,
                Invitation.owner_id == owner_id,
                Invitation.used_at.is_(None),
            )
        )
        if row is None:
            return False
        session.delete(row)
        return True


def redeem_invitation(
    diary: Diary, viewer_id: int, code: str, *, now: dt.datetime | None = None
) -> Sharing:
    """Use a sharing code: the code's maker now shares their diary with `viewer_id`.

    Raises AccountError, saying what to do, when the code is malformed, unknown,
    used, expired, or the viewer's own. A second code from the same person
    replaces the role and team of the share the viewer already has.
    """
    code_hash = digest(normalise_code(code))
    moment = now or _now()
    with diary.accounts().transaction() as session:
        row = session.scalar(select(Invitation).where(Invitation.code_hash == code_hash))
        if row is None:
            raise AccountError(
                "no sharing code matches this one: check it letter by letter, or ask for a new one"
            )
        if row.used_at is not None:
            raise AccountError("this sharing code has been used already; ask for a new one")
        if _aware(row.expires_at) <= moment:
            raise AccountError(
                f"this sharing code expired on {_aware(row.expires_at):%d %B %Y}; ask for a new one"
            )
        if row.owner_id == viewer_id:
            raise AccountError(
                "this is your own sharing code: give it to your clinician or coach to enter"
            )
        # One use only, even when two people enter the same code at the same moment.
        used = session.execute(
            update(Invitation)
            .where(Invitation.id == row.id, Invitation.used_at.is_(None))
            .values(used_at=moment, used_by=viewer_id)
        )
        if not getattr(used, "rowcount", 0):
            raise AccountError("this sharing code has been used already; ask for a new one")
        share = session.scalar(
            select(Share).where(
                Share.owner_id == row.owner_id,
                Share.viewer_id == viewer_id,
                Share.revoked_at.is_(None),
            )
        )
        if share is None:
            share = Share(owner_id=row.owner_id, viewer_id=viewer_id, created_at=moment)
            session.add(share)
        share.role, share.team = row.role, row.team
        session.flush()
        share_id = share.id
    found = _shares(diary, Share.id == share_id)
    return found[0]


def _shares(diary: Diary, *conditions: ColumnElement[bool]) -> list[Sharing]:
    person, viewer = aliased(Account), aliased(Account)
    query = (
        select(Share, person.username, viewer.username)
        .join(person, person.id == Share.owner_id)
        .join(viewer, viewer.id == Share.viewer_id)
        .where(Share.revoked_at.is_(None), *conditions)
        .order_by(Share.created_at, Share.id)
    )
    with diary.accounts().reading() as session:
        return [
            Sharing(
                share.id,
                share.owner_id,
                _name(person_name),
                share.viewer_id,
                _name(viewer_name),
                check_role(share.role),
                share.team,
                _aware(share.created_at),
            )
            for share, person_name, viewer_name in session.execute(query)
        ]


def shares_given(diary: Diary, owner_id: int) -> list[Sharing]:
    """Who can see the person's diary now (shares not stopped), oldest first."""
    return _shares(diary, Share.owner_id == owner_id)


def shares_received(diary: Diary, viewer_id: int) -> list[Sharing]:
    """The people who share their diary with `viewer_id` now, oldest first."""
    return _shares(diary, Share.viewer_id == viewer_id)


def share_between(diary: Diary, viewer_id: int, person_id: int) -> Sharing | None:
    """The share that lets `viewer_id` read `person_id`'s diary now; None when there is none.

    Asked on every request of a viewer, so stopping a share takes effect at once.
    """
    found = _shares(diary, Share.viewer_id == viewer_id, Share.owner_id == person_id)
    return found[0] if found else None


def _end(diary: Diary, share_id: int, *whose: ColumnElement[bool]) -> bool:
    with diary.accounts().transaction() as session:
        done = session.execute(
            update(Share)
            .where(Share.id == share_id, Share.revoked_at.is_(None), *whose)
            .values(revoked_at=_now())
        )
        return bool(getattr(done, "rowcount", 0))


def stop_sharing(diary: Diary, owner_id: int, share_id: int) -> bool:
    """The person ends one of their shares at once; False when they have no such share."""
    return _end(diary, share_id, Share.owner_id == owner_id)


def leave_share(diary: Diary, viewer_id: int, share_id: int) -> bool:
    """A clinician or coach takes a person off their list (ends the share); False when none."""
    return _end(diary, share_id, Share.viewer_id == viewer_id)
