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


#: A form's heading for the needle question, opening a line or sentence, and its answer:
#: "Recent injection: yes", "Any injections? no", "Joint aspiration - not sure". The heading
#: alone names no knee ("injection" is also a flu jab), so only as a form's field on a knee
#: form, answered after its mark, is it the needle question (re-trial 28: "Recent injection:
#: yes, steroid 5 days ago" was listed as not used: the question then went unasked).
_HEADED = re.compile(
    r"(?:^|(?<=[.;!\n]))[ \t]*(?P<head>(?:any\s+)?(?:recent\s+)?(?:knee\s+|joint\s+)?"
    r"(?:injections?|jabs?|aspirations?|needles?)"
    r"(?:\s*(?:or|/|&)\s*(?:injections?|jabs?|aspirations?|drainage|fluid\s+drained))?"
    r"(?:\s+in(?:to)?\s+(?:the\s+|this\s+|your\s+|my\s+)?(?:knee|joint))?"
    r"(?:\s+(?:in\s+the\s+)?(?:last|past)\s+\w+\s+(?:weeks?|months?))?)"
    r"[ \t]*[:?\-–—][ \t]*(?P<answer>yes|yeah|yep|yup|had\s+one|no|nope|nah|none|never"
    r"|not\s+sure|unsure|dunno|don'?t\s+know|can'?t\s+remember|not\s+that\s+i\s+know)\b",
    re.IGNORECASE | re.MULTILINE,
)
_NO = frozenset({"no", "nope", "nah", "none", "never"})
_YES_CONFIDENCE = 0.9


def headed(mentions: list[Mention], context: Context) -> list[Mention]:
    """The needle question answered as a form's field: yes, no, or asked when unsure.

    A "no" is a no only to the heading that asks it; a don't-know is asked, never "no".
    What the answer names as injected ("yes, steroid") is the needle's, so a steroid or
    cortisone read there as a medicine weakening the immune system is set aside.
    """
    text = context.doc.text
    found: list[Mention] = []
    for match in _HEADED.finditer(text):
        start, end = match.start("head"), match.end("answer")
        if any(m.field == FIELD and m.start < end and start < m.end for m in mentions):
            continue  # "Recent knee injection: yes" is read already
        clause = context.clause_at_char(start)
        if context.about_someone_else(clause):
            continue
        answer = " ".join(match.group("answer").lower().split())
        # the answer's line is the needle's: where it went ("yes, in my shoulder") and when
        end = _line_end(text, end)
        if answer in _NO:
            found.append(Mention(FIELD, False, start, end, _YES_CONFIDENCE, negated=True))
        elif answer in {"yes", "yeah", "yep", "yup", "had one"}:
            found.append(Mention(FIELD, True, start, end, _YES_CONFIDENCE))
        else:
            found.append(Mention(FIELD, True, start, end, _YES_CONFIDENCE / 2, unsure=True))
    if not found:
        return mentions
    lines = [(m.start, m.end) for m in found if m.value is True]
    kept = [
        m
        for m in mentions
        if not (m.field == "immunosuppressed" and any(a <= m.start < b for a, b in lines))
    ]
    return kept + found


def _line_end(text: str, at: int) -> int:
    """Where the heading's answer line ends: the next new line or sentence end."""
    found = re.search(r"[\n;]|\.(?:\s|$)", text[at:])
    return at + found.start() if found else len(text)
