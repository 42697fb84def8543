"""A calf sign told of the calf through another part or "it": the calf's own finding.

`calf_swelling` asks whether one calf is swollen, tender, warm or tight (NICE NG158: a
clot in a deep vein; NHS: swelling, pain, warm skin in the calf). The lexicon reads the
sign told next to the calf ("calf is tender"); told after another part joined to it ("my
calf and the back of my knee feel tight") or through "it" ("not sure if my calf is swollen
but its tight and sore") the words stood too far from the calf, and the clot sign was
lost after an arthroscopy or a cast (round 18d). bodypart.owner says which part such a
word is said of, as for swelling and warmth; only the calf's is kept.

A sign word before its own noun ("a hard calf session", "sore knee") is that noun's; a
calf that only names an exercise or a kit ("calf raises make it sore") is no calf; a sign
denied answers nothing, as a "no" to one part of the question does not deny the others.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kneewise.language.bodypart import owner, part_before, part_of
from kneewise.language.mention import Mention

SIGN = "_calf_sign"
#: After "calf", these make it a word about something else: an exercise, a kit, a stretch.
_NOT_THE_CALF = frozenset({"raise", "raises", "stretch", "stretches", "stretching",
    "exercise", "exercises", "sleeve", "sleeves", "guard", "guards", "support", "supports",
    "workout", "session", "machine", "roller"})  # fmt: skip


def calf_signs(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """Each calf sign word said of the calf as `calf_swelling`; the rest dropped."""
    kept: list[Mention] = []
    for mention in mentions:
        if mention.field == "calf_swelling" and _exercise(mention, doc):
            continue  # "calf raises make it sore", "calf sleeve is tight": no calf sign
        if mention.field != SIGN:
            kept.append(mention)
        elif not mention.negated and _of_the_calf(mention, doc):
            kept.append(replace(mention, field="calf_swelling", value=True,
                                confidence=min(mention.confidence, 0.75)))  # fmt: skip
    return kept


def _exercise(mention: Mention, doc: Doc) -> bool:
    """The calf the lexicon read names an exercise or a kit: "calf stretches feel tight"."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    calves = [i for i in range(span.start, span.end) if part_of(doc, i) == "calf"]
    return bool(calves) and all(
        i + 1 < len(doc) and doc[i + 1].norm_ in _NOT_THE_CALF for i in calves
    )


def _of_the_calf(mention: Mention, doc: Doc) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0 or part_before(doc, span[-1]) is not None:
        return False  # "a hard calf session", "sore knee": the noun after it is its own
    if "calf" not in owner(doc, span.start, span.end):
        return False
    first = doc[span.start].sent.start
    first = doc[first - 1].sent.start if first > 0 else first
    calves = [i for i in range(first, span.start) if part_of(doc, i) == "calf"]
    return any(i + 1 >= len(doc) or doc[i + 1].norm_ not in _NOT_THE_CALF for i in calves)
