"""A typed reply to one terminal question, as the intake wants it ("y", "2", "1,3", "?").

Split from interactive.py (kept under ~400 lines): the words that mean yes, no, none and
"don't know", the hint shown beside a question, the limits on words and replies, and
turning a reply into a field's value.
"""

from __future__ import annotations

from typing import Any

from kneewise.intake import FieldSpec
from kneewise.labels import UNITS, choice_label

UNKNOWN = {"?", "dk", "don't know", "dont know", "not sure", "unknown"}
BACK = {"back", "b"}
YES = {"y", "yes", "true"}
NO = {"n", "no", "false"}
NONE = {"none", "none of these", "0", "no", "n"}
SAY_UNSURE = "or ? if you don't know"
OTHER_KEYS = "abcdefghij"
# The web check reads at most this many characters of a person's own words
# (web/routes/pages_check.py MAX_TEXT); the terminal keeps the same limit.
MAX_WORDS = 5000
# No answer to one question needs more; a longer reply is refused, not read.
MAX_REPLY = 200


def too_long(text: str, limit: int = MAX_WORDS, what: str = "Your words are") -> str:
    """The message for words longer than kneewise reads, naming the limit."""
    return f"{what} {len(text):,} characters long; kneewise reads at most {limit:,}. " \
        "Please say it in fewer words."  # fmt: skip


def hint_for(spec: FieldSpec) -> str:
    if spec.kind == "bool":
        return "y / n"
    if spec.kind == "choice":
        return f"a number from 1 to {len(spec.choices)}"
    if spec.kind == "choices":
        return "the numbers that apply, e.g. 1,3 — or none"
    unit = UNITS.get(spec.name, ("", ""))[1].removesuffix(" ago")
    return spec.allowed() + (f", in {unit}" if unit and not unit.startswith("out of") else "")


def convert(spec: FieldSpec, reply: str) -> Any:
    """A typed reply as the intake wants it; left as text when it does not fit.

    For choices a number picks from the list as shown (1 is the first).
    """
    if spec.kind == "bool":
        return (reply in YES) if reply in YES | NO else reply
    if spec.kind == "choices":
        if reply in NONE:
            return []
        return [_choice(spec, item.strip()) for item in reply.split(",") if item.strip()]
    if spec.kind == "choice":
        return _choice(spec, reply)
    if spec.kind in ("int", "number"):
        try:
            number = float(reply.replace(",", "."))
        except ValueError:
            return reply
        return int(number) if spec.kind == "int" and number.is_integer() else number
    return reply


def _choice(spec: FieldSpec, reply: str) -> str:
    """A choice by its number, its stored name or its words as shown."""
    if reply.isdigit() and 1 <= int(reply) <= len(spec.choices):
        return spec.choices[int(reply) - 1]
    said = {choice_label(spec.name, c).lower(): c for c in spec.choices}
    return said.get(reply, reply.replace(" ", "_"))
