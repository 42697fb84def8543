"""Personal access tokens over the API: make one, list them, revoke one.

`POST /api/v1/tokens` answers the token once (`kw_…`); the server keeps only
its SHA-256. Only a browser signed in with a password may call these (a
token, even a write one, gets 403: a leaked token cannot make itself a
successor or hide by revoking others); a personal app (accounts off) has no
tokens (404). Another person's token reads as absent (404).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, Field

from kneewise.accounts.store import USERNAME_MAX, create_access_token, revoke_access_token
from kneewise.accounts.tokens import TokenSummary, list_access_tokens
from kneewise.diary.storage import Diary
from kneewise.web.inputs import RecordId
from kneewise.web.json_body import JsonRoute
from kneewise.web.problems import not_found
from kneewise.web.routes.pages_tokens import BrowserCaller
from kneewise.web.schemas import Strict

router = APIRouter(prefix="/tokens", tags=["access tokens"], route_class=JsonRoute)
Scope = Literal["read", "write"]
SCOPE_ORDER: tuple[Scope, ...] = ("read", "write")
REFUSED: dict[int | str, dict[str, Any]] = {
    403: {"description": "Refused: tokens are managed only by a browser signed in with a password"},
    404: {"description": "This server has no accounts (so no tokens), or no such token of yours"},
}


class TokenBase(BaseModel):
    """A token's name and what it may do."""

    name: str = Field(description="what the token is for, e.g. `watch export`")
    scopes: list[Scope] = Field(
        description="`read`: read the diary; `write`: also add, change and delete (implies read)"
    )


class TokenCreate(TokenBase, Strict):
    """A token to make."""

    name: Annotated[str, Field(min_length=1, max_length=USERNAME_MAX)]
    scopes: Annotated[list[Scope], Field(min_length=1, max_length=2)]


class TokenPublic(TokenBase):
    """A token that works, without the token itself (it is never kept)."""

    id: int
    created_at: dt.datetime
    last_used_at: dt.datetime | None = Field(description="null: never used")

    @classmethod
    def of(cls, token: TokenSummary) -> TokenPublic:
        return cls(
            id=token.id,
            name=token.name,
            scopes=[s for s in SCOPE_ORDER if s in token.scopes],
            created_at=token.created_at,
            last_used_at=token.last_used_at,
        )


class TokenMade(TokenPublic):
    """A token just made: `token` is shown this once."""

    token: str = Field(description="send as `Authorization: Bearer <token>`; shown only now")


def _diary(request: Request) -> Diary:
    diary: Diary = request.app.state.diary
    return diary


@router.get("", response_model=list[TokenPublic], responses=REFUSED)
def list_tokens(request: Request, caller: BrowserCaller) -> list[TokenPublic]:
    """Your tokens that still work, newest first."""
    return [TokenPublic.of(t) for t in list_access_tokens(_diary(request), caller.person.id)]


@router.post("", response_model=TokenMade, status_code=status.HTTP_201_CREATED, responses=REFUSED)
def make_token(
    body: TokenCreate, request: Request, caller: BrowserCaller, response: Response
) -> TokenMade:
    """Make a token; the answer holds it this once."""
    diary = _diary(request)
    token_id, token = create_access_token(diary, caller.person.id, body.name, tuple(body.scopes))
    made = next(t for t in list_access_tokens(diary, caller.person.id) if t.id == token_id)
    response.headers["Location"] = f"/api/v1/tokens/{token_id}"
    return TokenMade(**TokenPublic.of(made).model_dump(), token=token)


@router.delete("/{token_id}", status_code=status.HTTP_204_NO_CONTENT, responses=REFUSED)
def revoke_token(token_id: RecordId, request: Request, caller: BrowserCaller) -> Response:
    """Revoke a token at once: programs using it are refused from the next request."""
    if not revoke_access_token(_diary(request), caller.person.id, token_id):
        raise not_found(f"access token {token_id} of yours that still works")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
