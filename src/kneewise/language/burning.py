"""A burning or bursting pain told in a clause of its own, the leg named in the sentence.

"crushed my leg under a pallet, calf is swelling up loads, burning pain that's getting
worse by the hour": the calf is told in one clause and the burning in the next, so no
lexicon phrase reads it (round 16d: lost, and the compartment syndrome emergency with
it). NHS Compartment syndrome names "a burning pain or a deep ache" in the muscle and "a
tingling or burning sensation"; BOAST 10. The burning is read as `burning_leg_pain` when
it is a pain or feeling ("burning pain", "a bursting ache", "burning sensation") and a
shin, calf, thigh or leg is named in its sentence.

Never a burning of the skin (a graze, chafing, a rash, sunburn, nettles, a heat pack),
of somewhere else (chest, stomach, pee, throat, eyes: heartburn or an infection) nor of
someone else.
"""

from __future__ import annotations

from kneewise.language.context import Context
from kneewise.language.mention import Mention

_FIELD = "burning_leg_pain"
_BURNING = frozenset({"burning", "bursting"})
_FEELING = frozenset({"pain", "pains", "ache", "aches", "aching", "sensation", "feeling",
    "feelings", "type", "kind", "sort"})  # fmt: skip
_LEG = frozenset({"calf", "calves", "shin", "shins", "shinbone", "thigh", "thighs", "leg",
    "legs", "lower_leg", "lower_legs", "muscle", "muscles"})  # fmt: skip
#: A burning that is not inside the leg's muscles: the skin's, or another part's.
_ELSEWHERE = frozenset({"skin", "graze", "grazed", "rash", "sunburn", "sunburnt", "sunburned",
    "nettle", "nettles", "sting", "stung", "chafe", "chafing", "chafed", "blister", "blisters",
    "friction", "cut", "scrape", "scraped", "carpet", "gel", "cream", "heat", "pack", "chest",
    "heartburn", "stomach", "throat", "eyes", "pee", "peeing", "wee", "weeing", "urine",
    "urinating", "feet", "foot", "toes", "sole", "soles", "back", "bum"})  # fmt: skip
_CONFIDENCE = 0.8


#: The skin's own burning, told anywhere in the sentence: "skin on my thigh is burning
#: after a long run, chafing" is no burning inside the muscle, whichever phrase read it.
_SKIN = frozenset({"chafe", "chafing", "chafed", "rubbed", "rubbing", "graze", "grazed", "rash",
    "sunburn", "sunburnt", "sunburned", "nettle", "nettles", "stung", "blister",
    "blisters"})  # fmt: skip


def burning_in_the_leg(mentions: list[Mention], context: Context) -> list[Mention]:
    """Read a burning pain told apart from the leg named in its sentence; drop the skin's."""
    doc = context.doc
    words = [t.norm_ for t in doc]
    found = [m for m in mentions if not (m.field == _FIELD and m.value and _skin(m, context))]
    if any(m.field == _FIELD for m in found):
        return found
    for i, word in enumerate(words):
        if word not in _BURNING or i + 1 >= len(words) or words[i + 1] not in _FEELING:
            continue
        sent = doc[i].sent
        said = set(words[sent.start : sent.end])
        clause = context.clause_of(i)
        if not _LEG & said or _ELSEWHERE & said or context.about_someone_else(clause):
            continue
        if words[i - 1 : i] and words[i - 1] in {"no", "not", "nt", "n't", "without"}:
            continue  # "no burning pain" is a denial the lexicon reads, or none
        end = doc[i + 1].idx + len(doc[i + 1])
        found.append(Mention(_FIELD, True, doc[i].idx, end, _CONFIDENCE))
        break
    return found


def _skin(mention: Mention, context: Context) -> bool:
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and bool(_SKIN & {t.norm_ for t in span.sent})
