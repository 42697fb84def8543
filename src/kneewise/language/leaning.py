"""A "no" told leaning ("temp normal I think", "probably no fever") is asked, not firm.

"I think", "probably", "I reckon", "as far as I know" say what the person leans to, not
what they know. A "no" told so is a leaning no: "don't know" is never "no" (design.md,
safety rule 1), and "I don't think it's swollen" is already asked, so this is too: the
reading is unsure, out of the intake, and kneewise asks (re-trial 27: "temp normal i think"
was read as a firm no fever). A yes told leaning ("I think it popped", "I think I've got a
fever") stays a yes: a warning sign the person leans to is acted on, never dropped, and
the interview can still ask. Only the reassuring answer is doubted: a "no" that can fire a
rule ("I think I can't walk on it") stays as told.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: Words of leaning, as clause words (normalised, spaced): "i 'd say" is "I'd say".
_LEANING = (" i think ", " i believe ", " i reckon ", " i suppose ", " i assume ",
    " i presume ", " probably ", " prob ", " presumably ", " as far as i know ",
    " as far as i can tell ", " afaik ", " i would say ", " i 'd say ", " think so ",
    " i think so ", " i would think ", " i imagine ")  # fmt: skip
#: Choices whose "none" is the reassuring answer (a "no injury" can fire rules: kept).
_NONE_REASSURES = frozenset({"swelling", "locking"})
_NOTE = "“{said}” sounded unsure, so kneewise will ask about it."


def leaning_denials(
    mentions: list[Mention], context: Context, notes: list[str], alarming: Mapping[str, bool]
) -> list[Mention]:
    """Each reassuring "no" in a clause told leaning becomes unsure, with a note."""
    kept: list[Mention] = []
    for mention in mentions:
        if _reassuring(mention, alarming) and not mention.unsure:
            clause = context.clause_at_char(mention.start)
            if any(cue in clause.words for cue in _LEANING):
                said = context.doc.text[mention.start : mention.end]
                if (note := _NOTE.format(said=said)) not in notes:
                    notes.append(note)
                mention = replace(mention, unsure=True, confidence=mention.confidence * 0.5)
        kept.append(mention)
    return kept


def _reassuring(mention: Mention, alarming: Mapping[str, bool]) -> bool:
    if mention.value is False:
        return alarming.get(mention.field) is not False
    return mention.value == "none" and mention.field in _NONE_REASSURES
