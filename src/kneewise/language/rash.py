"""A rash's own colour and heat, and a rash's fading told unsure (round 19c).

A rash is its own finding (`rash_not_fading`, the glass test; NICE NG240). Two of its
words were misread:

- its colour or heat was read as the knee's: "a pink rash that fades", "dark red
  pinprick dots", "heat rash", "prickly heat" gave a red or warm knee. Red or warm said
  of a rash ("a red rash", "the spots are red", "the rash on her legs is hot") is the
  rash's; the knee told red or hot ("my knee is red and hot", "a red, hot knee with a
  rash") is still the knee's. The knee's redness or warmth is then asked, never a "no".
- its fading told with a doubt ("not sure if it fades", "can't tell if the rash goes away
  when I press it", "haven't tried the glass test") was lost: nothing was read and the
  words were listed as unused, or worse read as the "no" of a rash that fades. Don't
  know is never no: `rash_not_fading` is told unsure, so the question is asked.

`rash_words(mentions, context, notes)` returns the mentions with both done.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: What a rash is called, as its noun: the colour before or after it is the rash's.
RASH_NOUNS = frozenset({"rash", "rashes", "spots", "dots", "blotches", "blotch", "splotches",
    "splotch", "pinpricks", "specks", "speckles", "petechiae", "hives", "welts"})  # fmt: skip
#: Words that describe a rash between its colour and its noun, or after its noun before
#: the colour: "dark red pinprick dots", "the rash is itchy, red and hot".
_DESCRIBING = frozenset({"red", "pink", "purple", "dark", "bright", "light", "deep", "reddish",
    "pinkish", "purplish", "raised", "itchy", "angry", "hot", "warm", "blotchy", "spotty",
    "speckly", "tiny", "small", "little", "big", "pinprick", "pin_prick", "pinpoint",
    "pin_point", "flat", "bumpy", "lumpy", "heat", "prickly", "sore", "burning", "very",
    "really", "quite", "bit", "a", "slightly", "so", "too", "all", "-", "ish"})  # fmt: skip
#: Describing words that describe nothing themselves: "redness and a rash" is two things.
_DEGREE = frozenset({"very", "really", "quite", "bit", "a", "slightly", "so", "too", "all", "-",
    "ish"})  # fmt: skip
#: Between a rash and its colour told after it: "the spots on his legs are red".
_TELLING = frozenset({"is", "are", "was", "were", "'s", "s", "looks", "look", "looking",
    "looked", "feels", "feel", "felt", "seems", "seem", "gone", "went", "got", "turned",
    "turning", "become", "became", "been", "has", "have", "that", "which", "now", "still",
    "getting"})  # fmt: skip
#: Where on the body a rash is, between it and its colour: "the rash on her legs is hot".
_WHERE = frozenset({"on", "over", "around", "across", "behind", "under", "of", "the", "my",
    "his", "her", "their", "your", "our", "both", "left", "right", "back", "front", "side",
    "inside", "outside", "legs", "leg", "arms", "arm", "tummy", "belly", "chest", "face",
    "thigh", "thighs", "shin", "shins", "ankles", "ankle", "feet", "foot", "bottom", "neck",
    "hands", "skin", "body", "bum", "torso", "knee", "knees", "calf", "calves"})  # fmt: skip
_KNEE = frozenset({"knee", "knees", "kneecap", "kneecaps", "joint"})
_PREPOSITIONS = frozenset({"on", "over", "around", "across", "behind", "under", "of"})
#: Between a preposition and the knee it places: "on the back of my left knee".
_ON_THE = frozenset({"the", "my", "his", "her", "their", "your", "left", "right", "both",
    "back", "front", "side", "of"})  # fmt: skip


def rash_words(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """The mentions less a rash's colour or heat, with its fading told unsure added."""
    doc = context.doc
    kept = [m for m in mentions if not (m.field in ("red", "warm") and _the_rashs(m, doc))]
    return kept + _doubted_fading(kept, context, notes)


def _the_rashs(mention: Mention, doc: Doc) -> bool:
    """The red or warm word at the mention describes a rash, not the knee."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if span.start > 0 and doc[span.start - 1].norm_ == "prickly" and span[-1].norm_ == "heat":
        return True  # "prickly heat": a heat rash, never a hot knee
    return _rash_after(doc, span.end) or _rash_before(doc, span.start) or _rash_it(doc, span.start)


def _rash_after(doc: Doc, at: int) -> bool:
    """The words after the colour, through describing words, name a rash: "red spotty rash"."""
    end = min(len(doc), at + 5)
    linked = False  # "hot, rash on his legs": a list of two things, the heat not the rash's
    while at < end and doc[at].norm_ in _DESCRIBING | {",", "and"}:
        if doc[at].norm_ in {",", "and"}:
            linked = True
        elif doc[at].norm_ not in _DEGREE:
            linked = False  # "red, itchy rash": the list describes the rash
        at += 1
    return not linked and at < len(doc) and doc[at].norm_ in RASH_NOUNS


def _rash_before(doc: Doc, at: int) -> bool:
    """The colour is told of a rash named before it: "the spots on his legs are red".

    The knee told as what is red ("my knee is red", "rash on my arm and my knee is hot")
    stops the search: the knee's own redness is kept. The knee after "on" is only where
    the rash is ("the rash on my knee is red"), so the search goes on through it.
    """
    start = doc[at].sent.start if at < len(doc) else 0
    i = at - 1
    while i >= start:
        word = doc[i].norm_
        if word in RASH_NOUNS:
            return True
        if word in _KNEE and not _placed(doc, i, start):
            return False
        if word in (",", "and", "&"):
            if i - 1 < start or doc[i - 1].norm_ not in _DESCRIBING:
                return False  # "spots on his legs, and he's hot": another thought
        elif word not in _DESCRIBING | _TELLING | _WHERE:
            return False
        i -= 1
    return False


#: What points back to a rash told in the clause before: "a rash on his legs, it's red".
_POINTING = frozenset({"it", "they", "these", "those", "its", "both"})
#: Between two clauses: where the pointing word's clause starts.
_JOINS = frozenset({",", "and", "but", "&", ";", "-", "now", "which", "so"})


def _rash_it(doc: Doc, at: int) -> bool:
    """The colour is told of "it" or "they" in a clause after one that names a rash: "there's
    a rash on his legs, it's red", "spots on her shins and they're hot" (round 19g: read as a
    red knee). The thing last named before decides: a knee told of ("my knee is swollen, it's
    red") keeps its colour; a knee the rash is only on ("a rash on my knee, it's red") does not.
    """
    i = at - 1
    start = doc[at].sent.start if at < len(doc) else 0
    while i >= start and doc[i].norm_ in (_TELLING | _DEGREE | {"bright", "dark", "deep", "very"}):
        i -= 1
    if i < start or doc[i].norm_ not in _POINTING:
        return False
    if i > start and doc[i - 1].norm_ not in _JOINS:
        return False  # "a rash on it is red": "it" is where, read by the words before
    first = doc[start - 1].sent.start if i == start and start > 0 else start
    j = i - 1
    while j >= first:
        word = doc[j].norm_
        if word in RASH_NOUNS:
            return True
        if word in _KNEE and not _placed(doc, j, first):
            return False
        j -= 1
    return False


def _placed(doc: Doc, i: int, start: int) -> bool:
    """The knee at token i is where something is ("on my knee"), not what is told of."""
    j = i - 1
    while j >= start and doc[j].norm_ in _ON_THE:
        if doc[j].norm_ == "of" and j - 1 >= start and doc[j - 1].norm_ in _PREPOSITIONS:
            return True
        j -= 1
    return j >= start and doc[j].norm_ in _PREPOSITIONS


#: Doubt or not having looked, before the fading: "not sure if", "can't tell if",
#: "haven't tried". Not trying the glass test says nothing either way.
_DOUBT = re.compile(
    r"\b(?:not\s+sure|unsure|dunno|no\s+idea|not\s+certain|hard\s+to\s+tell|wondering"
    r"|(?:don'?t|do\s+not|didn'?t|did\s+not|dont|didnt)\s+know|can'?t\s+tell|cannot\s+tell"
    r"|cant\s+tell|can\s+not\s+tell|(?:haven'?t|havent|have\s+not|hasn'?t|hasnt|has\s+not"
    r"|didn'?t|didnt|did\s+not|not|never)\s+(?:yet\s+)?(?:tried|try|done|do|did|checked|check"
    r"|pressed|press|tested|test|looked|rolled|roll))\b",
    re.IGNORECASE,
)
#: Words only the glass test uses: told with a doubt they are the rash's, any story.
_TEST_WORDS = re.compile(r"\b(?:blanch\w*|glass|tumbler)\b", re.IGNORECASE)
#: A fading, or a going away with a pressing: in a story that tells a rash.
_FADING = re.compile(
    r"\b(?:fade[sd]?|fading)\b|\b(?:go(?:es)?|went|going)\s+(?:away|white|pale)\b"
    r"|\bdisappear\w*|\bvanish\w*",
    re.IGNORECASE,
)
_PRESS = re.compile(r"\bpress\w*|\bpush\w*|\bglass\b|\btumbler\b", re.IGNORECASE)
_RASH = re.compile(r"\b(?:" + "|".join(sorted(RASH_NOUNS - {"hives"})) + r"|spotty|blotchy)\b",
                   re.IGNORECASE)  # fmt: skip
#: What else fades or goes away: "not sure if the bruise fades", "if the pain goes away".
_OTHER = re.compile(r"\b(?:bruis\w*|pain|ache|swelling|swollen|headache|cold|temp\w*|fever)\b",
                    re.IGNORECASE)  # fmt: skip
_NOTE = "“{said}” sounded unsure, so kneewise will ask about it."


def _doubted_fading(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """The fading told unsure in a sentence of its own: `rash_not_fading` unsure, asked."""
    text = context.doc.text
    rash_told = bool(_RASH.search(text))
    found: list[Mention] = []
    for sentence in context.doc.sents:
        s, e = sentence.start_char, sentence.end_char
        if any(m.field == "rash_not_fading" and s <= m.start < e for m in mentions):
            continue  # read there already (hedged or not): the reader's own answer stands
        doubt = _DOUBT.search(text, s, e)
        if doubt is None:
            continue
        rest = text[doubt.end() : e]
        if not (_TEST_WORDS.search(rest) or _rash_fading(rest, rash_told)):
            continue
        found.append(Mention("rash_not_fading", True, doubt.start(), e, 0.45, False, True))
        notes.append(_NOTE.format(said=text[doubt.start() : e].strip(" ,.;")))
    return found


def _rash_fading(rest: str, rash_told: bool) -> bool:
    """The words after a doubt tell a rash's fading: "if it fades", "if it goes away when I
    press it" in a story with a rash; never a bruise's, a pain's or a swelling's fading."""
    fading = _FADING.search(rest)
    if fading is None or _OTHER.search(rest):
        return False  # "not sure if the bruise fades", "if the swelling goes away"
    if "fad" in fading.group().lower():
        return True
    return rash_told and bool(_PRESS.search(rest))  # "goes away" only when pressed
