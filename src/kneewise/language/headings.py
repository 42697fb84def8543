"""A body part written as a heading is told of by what follows it: "Foot: numb".

People answer like a form, a part per line ("Foot: not numb, not cold", "Toes - cold
and white", "Shin: tight"). The lexicon's phrases put a part and its finding in one
clause ("$FOOT *4 $NUMB"), and punctuation ends a clause, so the heading's mark hid
a numb foot (trial 23). The mark after such a heading is read as a space: the same
length, so every offset, and every quote of the person's words, stays theirs.
"""

from __future__ import annotations

import re

#: A leg part opening a line or sentence, then ":" or a dash, then the words about it.
_HEADING = re.compile(
    r"(?:^|(?<=[.;!?\n]))(?P<part>[ \t]*(?:(?:my|the|his|her|their|left|right|both)\s+){0,2}"
    r"(?:foot|feet|toes?|calf|calves|shin|shins|thigh|thighs|leg|legs|ankle|ankles"
    r"|knee|knees|kneecap|kneecaps)\s*)[:\-–—](?=\s)",
    re.IGNORECASE | re.MULTILINE,
)


def unheaded(text: str) -> str:
    """`text` with the mark after each body-part heading read as a space (same length)."""
    return _HEADING.sub(lambda found: found.group("part") + " ", text)
