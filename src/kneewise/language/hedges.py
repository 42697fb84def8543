"""A hedge on how, not whether: "kind of limping" is limping, a little.

"kind of", "sort of", "kinda", "sorta" right before what was seen or felt describe its
manner or degree ("walking funny, kind of limping": he is limping, oddly), so they do
not doubt the finding; before anything else ("I kind of think it's swollen", "sort of
maybe warm") they still hedge the clause and the interview asks (docs/free-text.md).
"""

from __future__ import annotations

#: Hedge cues that, right before a finding, say how it is, not whether it is.
MANNER_CUES = frozenset({"kind of", "sort of", "kinda", "sorta"})
#: Words that may stand between such a cue and the finding: "kind of a limp".
_BETWEEN = ("", "a ", "an ")


def describes_manner(cue: str, at: int, before: str) -> bool:
    """Whether the cue found at `at` in a clause's words stands right before the finding.

    `before` is the clause's normalised words up to the finding (" w1 w2 ... ", spaced
    as `Clause.words`); `at` is where " cue " starts in them.
    """
    if cue not in MANNER_CUES or at + len(cue) + 2 > len(before):
        return False  # another hedge, or one told after the finding
    rest = before[at + len(cue) + 2 :]
    return rest in _BETWEEN
