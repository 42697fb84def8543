"""A needle into the knee (an injection, or fluid drawn off) and when it was.

The question asks about the last 4 months: septic arthritis after a joint injection
showed up 1 to 16 weeks later (Mueller 2026). So a time told of the needle is the
needle's, never how long the knee has hurt ("had a cortisone jab 2 weeks ago and now
it's hot"), and a needle told only at a time further back than that ("6 months ago")
answers nothing: it is set aside with a note and asked, never read as "no".
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.mention import Mention
from kneewise.language.numbers import _AMOUNT, _UNIT, _days

FIELD = "recent_knee_injection"
#: The question's window, in days (16 weeks, rounded up to 4 months).
WINDOW_DAYS = 120
#: Words that tell a needle was put in or fluid drawn off: a time in their stretch is theirs.
NEEDLE = re.compile(
    r"\b(?:injections?|injected|jabs?|jabbed|aspirat(?:ed|ion|ions)|drained|drew off"
    r"|(?:steroid|cortisone|gel|prp|hyaluronic|lubricant) shots?"
    r"|fluid (?:\w+ ){0,3}(?:drained|taken|drawn|removed|off|out)|infiltration)\b",
    re.IGNORECASE,
)
_AGO = re.compile(rf"\b{_AMOUNT}\s*{_UNIT}\s+(?:ago|back)\b", re.IGNORECASE)
#: Told of long ago without a number: "years ago", "last year", "used to have them".
_LONG_AGO = re.compile(
    r"\b(?:years? ago|last year|a year ago|used to|in the past|previously|as a (?:kid|child))\b",
    re.IGNORECASE,
)
_NOTE = (
    "“{said}” was more than 4 months ago, so it was not used; kneewise will ask about the"
    " last 4 months."
)


def long_ago(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """Drop a needle told only at times outside the question's window ("6 months ago")."""
    kept: list[Mention] = []
    for mention in mentions:
        if mention.field == FIELD and mention.value is True:
            span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            sentence = span.sent.text if span is not None else ""
            days = [d for m in _AGO.finditer(sentence) if (d := _days(m)) is not None]
            recent = any(d <= WINDOW_DAYS for d in days)
            if not recent and (days or _LONG_AGO.search(sentence)):
                # unknown for the last 4 months: asked, and the words are shown in a note
                notes.append(_NOTE.format(said=context.doc.text[mention.start : mention.end]))
                continue
        kept.append(mention)
    return kept


#: Words that name where a needle went, right after it ("a steroid injection for my back").
_TO = frozenset({"for", "in", "into", "to", "on"})


def given_to(mention: Mention, context: Context) -> set[str]:
    """The words after a needle's "for", "in" or "into": the part it went to, if any."""
    if mention.field != FIELD:
        return set()
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return set()
    after = [t.norm_.lower() for t in context.doc[span.end : span.end + 4]]
    return set(after[1:]) if after[:1] and after[0] in _TO else set()
