"""A blow told of another body part is no knee injury: "not sure if he hit his head",
"banged her elbow on the door", "knocked my head on the cupboard".

Re-trial 36: "dad fell, not sure if he hit his head, knee swollen" read the head's knock as
the knee's way of injury; hedged, it was asked and took the place of the fall, so a fall at 79
was lost. The knock is the head's: the knee's injury is what else is told (the fall). A part
named and then the knee ("hit her head and her knee"), or a part of the knee ("the back of my
knee"), leaves the blow the knee's.
"""

from __future__ import annotations

from spacy.tokens import Span

#: Parts of the body that are not the knee or the leg below or above it.
_ELSEWHERE = frozenset({
    "head", "face", "nose", "eye", "eyes", "chin", "jaw", "forehead", "mouth", "lip", "lips",
    "teeth", "tooth", "ear", "ears", "elbow", "elbows", "arm", "arms", "hand", "hands", "wrist",
    "wrists", "finger", "fingers", "thumb", "shoulder", "shoulders", "back", "chest", "ribs",
    "neck", "collarbone", "cheek",
})  # fmt: skip
_OWNERS = frozenset({"his", "her", "my", "their", "your", "the", "our", "its", "a"})
#: The knee named within a few words after the other part: "hit her head and her knee".
_KNEE = frozenset({"knee", "knees", "kneecap", "kneecaps", "leg", "legs", "shin", "thigh"})


def blow_elsewhere(span: Span) -> bool:
    """Whether the blow `span` tells landed on another body part, not the knee."""
    if _part_within(span):
        return True
    doc = span.doc
    i = span.end
    while i < len(doc) and doc[i].lower_ in _OWNERS:
        i += 1
    if i >= len(doc) or doc[i].lower_ not in _ELSEWHERE:
        return False
    after: list[str] = []
    for token in doc[i + 1 : i + 5]:
        if token.is_punct:  # "hit his head, knee swollen": the next clause is no part of it
            break
        after.append(token.lower_)
    if after[:1] == ["of"]:
        return False  # "the back of my knee": a part of the knee
    return _KNEE.isdisjoint(after)


def _part_within(span: Span) -> bool:
    """The other part named inside the blow's own words: "hit his head on (the radiator)".

    A pattern's gap ("hit *2 on") can take the part in (round 17b: "tripped and hit his head on
    the radiator" was a knee blow, the trip lost, and "banged my head on the cupboard last year"
    a knee injury before); a knee named in it too leaves the blow the knee's.
    """
    words = [token.lower_ for token in span[1:]]
    if not _KNEE.isdisjoint(words):
        return False
    for word in words:
        if word in _ELSEWHERE:
            return True
        if word not in _OWNERS:
            return False  # "hit it on the back": only the part right after the verb counts
    return False
