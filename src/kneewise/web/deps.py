"""Typed dependencies of the routes, as `Annotated` aliases.

`CallerDep` is who is asking: in a personal app (accounts off) always the
first account; with accounts on, the person a session cookie or a personal
access token names, else `NotSignedIn` (a page redirects to sign-in, the API
answers 401). `DiaryDep` is the diary of that person only: every query it
runs is scoped by its owner (`kneewise.diary.ownership`), so another
person's record reads as absent. A token without the `write` scope cannot
change anything (403). `KnowledgeDep` is the validated knowledge base,
`SettingsDep` the settings the app was made with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from kneewise.accounts.store import Person
from kneewise.diary.models import PERSONAL_ACCOUNT_ID
from kneewise.diary.storage import Diary
from kneewise.knowledge.model import KnowledgeBase
from kneewise.settings import Settings
from kneewise.web.audit import note_access
from kneewise.web.problems import ProblemError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class NotSignedIn(Exception):
    """The request needs a signed-in person (accounts are on) and names none."""


@dataclass(frozen=True)
class Caller:
    """Who is asking, and how: `via` is personal, session or token; `scopes` what it may do."""

    person: Person
    via: str
    scopes: frozenset[str] = field(default=frozenset({"read", "write"}))


PERSONAL_CALLER = Caller(Person(PERSONAL_ACCOUNT_ID, None, True), "personal")


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_knowledge(request: Request) -> KnowledgeBase:
    """The knowledge base the app loaded (async: read in the event loop, no thread hand-off)."""
    knowledge: KnowledgeBase = request.app.state.knowledge
    return knowledge


def get_caller(request: Request) -> Caller:
    """Who is asking (see the module docstring); raises NotSignedIn when no one is."""
    cached = getattr(request.state, "caller", None)
    if isinstance(cached, Caller):
        return cached
    settings = get_settings(request)
    caller = PERSONAL_CALLER if not settings.accounts else _signed_in(request)
    if caller is None:
        raise NotSignedIn
    request.state.caller = caller
    return caller


def _signed_in(request: Request) -> Caller | None:
    from kneewise.accounts.store import person_of_session, person_of_token
    from kneewise.web.session_cookie import read_session_cookie

    base: Diary = request.app.state.diary
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials:
        found = person_of_token(base, credentials.strip())
        return None if found is None else Caller(found[0], "token", found[1])
    token = read_session_cookie(request)
    if token is None:
        return None
    person = person_of_session(base, token)
    return None if person is None else Caller(person, "session")


def refuse_read_only(request: Request, caller: Caller) -> None:
    """Raise ProblemError 403 when a caller without the `write` scope uses an unsafe method.

    Called for every route by the app-wide `auth.require_person` and again by
    `get_diary` (its own guard, in case a diary is reached another way): a read-only
    token changes nothing through the API. (No token of any scope reaches a page's
    form: `security.refuse_token_on_page` refuses it before any route.)
    """
    if request.method not in SAFE_METHODS and "write" not in caller.scopes:
        raise ProblemError(
            403,
            "read-only-token",
            "This token may only read",
            "the access token has the read scope only; make one with the write scope to "
            "change anything",
        )


def get_diary(request: Request, caller: Annotated[Caller, Depends(get_caller)]) -> Diary:
    """The diary of the person asking; nothing of anyone else's is reachable through it."""
    refuse_read_only(request, caller)
    base: Diary = request.app.state.diary
    # The audit log notes the person's own access once the answer is a success.
    note_access(
        request,
        owner_id=caller.person.id,
        actor_id=caller.person.id,
        token=caller.via == "token",
    )
    return base.for_owner(caller.person.id)


CallerDep = Annotated[Caller, Depends(get_caller)]
DiaryDep = Annotated[Diary, Depends(get_diary)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(get_knowledge)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
