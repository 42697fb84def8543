"""Issue 13 item 6: the audit log shows the role a reader had when they read.

A share's role changes in place when the same viewer enters a newer code
(docs/sharing.md), so the role must be kept with each event, not looked up
when the log is shown. On SQLite and PostgreSQL (the `diary` fixture).
"""

from __future__ import annotations

from kneewise.accounts.audit import list_events, record_access
from kneewise.accounts.sharing import make_invitation, redeem_invitation, stop_sharing
from kneewise.accounts.store import create_account
from kneewise.diary.storage import Diary

PASSWORD = "a long test password"


def _read_by(diary: Diary, owner: int, viewer: int, what: str) -> None:
    record_access(
        diary.for_owner(owner), actor_id=viewer, action="read", what=what, route="", via="page"
    )


def test_each_read_keeps_the_role_the_reader_had_then(diary: Diary) -> None:
    owner = create_account(diary, "mia", PASSWORD).id
    viewer = create_account(diary, "dr_ola", PASSWORD).id
    _, code = make_invitation(diary, owner, "clinician")
    redeem_invitation(diary, viewer, code)
    _read_by(diary, owner, viewer, "the dashboard, as a clinician")
    _, code = make_invitation(diary, owner, "coach", "Seniors")  # the same viewer, a new role
    share = redeem_invitation(diary, viewer, code)
    _read_by(diary, owner, viewer, "the dashboard, as a coach")
    stop_sharing(diary, owner, share.id)
    events = list_events(diary.for_owner(owner))
    assert [(e.what, e.actor_role) for e in events] == [
        ("the dashboard, as a coach", "coach"),
        ("the dashboard, as a clinician", "clinician"),
    ]


def test_the_persons_own_reads_have_no_role(diary: Diary) -> None:
    owner = create_account(diary, "noa", PASSWORD).id
    _read_by(diary, owner, owner, "my own diary")
    (event,) = list_events(diary.for_owner(owner))
    assert event.actor_is_owner and event.actor_role is None
