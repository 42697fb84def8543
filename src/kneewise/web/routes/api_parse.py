"""POST /api/v1/parse: a knee story in everyday words → intake fields with their spans."""

from __future__ import annotations

from fastapi import APIRouter

from kneewise.language import parse
from kneewise.web.deps import KnowledgeDep
from kneewise.web.json_body import JsonRoute
from kneewise.web.schemas import ParsedOut, TextIn

router = APIRouter(tags=["assessment"], route_class=JsonRoute)


@router.post("/parse", response_model=ParsedOut)
def post_parse(body: TextIn, knowledge: KnowledgeDep) -> ParsedOut:
    """Each field read, with the words (`text`) and character `span` it came from.

    `intake` holds only the confident values; the rest is left for the interview.
    """
    return ParsedOut.of(parse(body.text, knowledge))
