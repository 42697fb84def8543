"""Someone's home is a place, not the person the story is about: "went round to Sarah's".

"Popped over to Dave's and slipped on his kitchen floor", "I was at my mum's when it gave
way": the relative or friend named as the owner of a place, after "at", "to", "from",
"round" or "over", is where the writer was, not someone whose knee it is (stop 25: such
clauses were set aside as about someone else, and a fall in them was lost; "his floor"
made the writer a man). Not "looked at my son's swollen knee": a leg told after the name
is theirs, and only a place, an event or the clause's end may follow.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

_PLACE = re.compile(
    r"\b(?:at|to|from|round|over|outside|near|leaving|left)\s+(?:(?:my|our|the|his|her|their)\s+)?"
    r"(?:(?:best|old|little|big|older|younger|eldest|youngest)\s+)?"
    r"(?P<owner>[a-z]+(?:'s|’s|s'))"
    r"(?=\s*(?:[,.;:!?)\n]|$)|\s+(?:and|then|when|to|for|on|at|in|with|last|this|yesterday"
    r"|earlier|after|before|i|we|where|while|but|so|over|house|home|place|flat|garden"
    r"|yard|drive|driveway|kitchen|stairs|staircase|steps|farm|cottage|caravan|bungalow"
    r"|party|wedding|funeral|bbq|barbecue|birthday|christening|do|allotment|shop|pub)\b)",
    re.IGNORECASE,
)


#: A home named by its owner with no "at" or "to": "my mum's house has steep stairs".
_HOME = re.compile(
    r"\b(?:my|our|his|her|their)\s+(?P<owner>[a-z]+(?:'s|’s|s'))"
    r"(?=\s+(?:house|home|place|flat|garden|yard|drive|driveway|kitchen|stairs|staircase"
    r"|farm|cottage|caravan|bungalow|allotment|patio|decking|path|steps|car|van|truck|taxi)\b)"
    # a vehicle or home typed with no apostrophe: "hopped to my mates car" (re-trial 32:
    # set aside as the mate's story)
    r"|\b(?:my|our)\s+(?P<bare>[a-z]+s)(?=\s+(?:car|van|truck|house|flat|place|garden)\b)",
    re.IGNORECASE,
)


@cache
def place_owners(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) character offsets of each owner named as a place ("Sarah's")."""
    found = [*_PLACE.finditer(text), *_HOME.finditer(text)]
    return tuple(sorted({match.span("owner" if match["owner"] else "bare") for match in found}))


def within_place(text: str, start: int, end: int) -> bool:
    """The words start..end name a place's owner, or hold one ("my mum's")."""
    return any(start < b and a < end for a, b in place_owners(text))


def owns_place(doc: Doc, token: int) -> bool:
    """The token is the owner of a place: "mum" in "round at my mum's"."""
    at = doc[token].idx
    return within_place(doc.text, at, at + len(doc[token].text))
