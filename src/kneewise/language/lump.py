"""A lump near the knee that grows, wherever in the story its growth is told.

NICE NG12 (rec. 1.11) asks for an X-ray for an unexplained bone swelling in children and
young people, and the British Sarcoma Group (Gerrand 2016) for any palpable mass: a hard
lump on the bone near the knee that grows is `lump_on_bone_near_knee` (see a doctor). The
tender bump at the top of the shin in a sporty teenager (Osgood-Schlatter's) is
`bump_below_kneecap` and self care while it does not grow. People tell the growth apart from
the lump: "a rock hard bump on my shin just below the knee, it's been growing for a month",
"... under the knee that's getting bigger", "It has doubled in size" a sentence later
(re-trial 6a: each was the Osgood bump alone, self care).

A growth word ("growing", "got bigger", "doubled in size") is the lump's when the thing it
is said of is a lump: the noun it stands before ("a growing lump"), else the nearest thing
named before it, through "it", "that" or "which" and across the sentence before, where a
body part that only says where ("on my shin", "just below the knee") names no thing. Said of
a person ("he's growing fast"), a swelling ("the swelling is getting bigger") or the knee
itself ("my knee is getting bigger") it is not the lump's. `lump_growths` turns each growth
said of a lump into `lump_on_bone_near_knee` and drops the knee swelling the words "knee
... bigger" would otherwise give; a growth denied ("the bump hasn't got any bigger") says
nothing of whether there is a lump, so it answers nothing.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Literal

from spacy.tokens import Doc

from kneewise.language.lexicon import load_lexicon
from kneewise.language.mention import Mention

FIELD = "lump_on_bone_near_knee"
#: Words that tell something grew: "growing", "got bigger", "doubled in size".
GROWTH = frozenset({"growing", "grown", "grows", "grew", "grow", "enlarging", "enlarged",
    "expanding", "expanded", "bigger", "larger", "doubled", "tripled", "increased",
    "increasing", "twice", "double", "triple"})  # fmt: skip
#: Words that tell a size, not a growth: "the bump under his knee is huge".
_SIZE = frozenset({"big", "huge", "massive", "fat", "size"})
#: A lump: what NG12 calls a bone swelling, in the words people use.
_LUMPS = frozenset({"lump", "lumps", "bump", "bumps", "knob", "knobs", "knobble", "knobbly",
    "knot", "growth", "mass", "bulge", "bone", "bony", "nodule"})  # fmt: skip
#: After these, "growth" is no lump: "growth spurt", "growth plate".
_NOT_A_LUMP = frozenset({"spurt", "spurts", "plate", "plates"})
#: What else a growth can be said of: a swelling, pain, a cyst.
_OTHER_THINGS = frozenset({"swelling", "swollen", "swelled", "puffiness", "fluid", "cyst",
    "pain", "ache", "bruise", "bruising", "muscle", "muscles", "thighs", "calves", "quads",
    "hamstrings", "arms", "feet", "foot", "belly", "stomach", "tummy", "waist", "weight",
    "mileage", "distance", "load"})  # fmt: skip
_BODY = frozenset({"knee", "knees", "kneecap", "kneecaps", "patella", "leg", "legs", "shin",
    "shins", "shinbone", "tibia", "calf", "thigh", "thighbone", "femur", "ankle",
    "joint"})  # fmt: skip
#: Before a body part (through words like "the", "my", "top"), these make it a place.
_PLACE = frozenset({"on", "under", "underneath", "below", "beneath", "above", "over", "near",
    "around", "by", "at", "of", "in", "to", "from", "inside", "outside", "behind",
    "front"})  # fmt: skip
_BETWEEN = frozenset({"the", "my", "his", "her", "their", "your", "a", "left", "right", "bad",
    "upper", "lower", "top", "bottom", "front", "side", "inner", "outer", "just", "bit",
    "little", "below", "above", "under", "inside", "outside"})  # fmt: skip
#: Words that point back to a thing named before.
_POINTERS = frozenset({"it", "its", "it's", "this", "that", "which", "thing", "one"})
#: People as the subject of a growth ("he's growing"); "her knee" is a place, no subject.
_PEOPLE_WORDS = frozenset({"i", "he", "she", "they", "we", "you", "im"})
#: After "growing", these tell of a growing child, not a lump: "growing pains", "growing lad".
_GROWING_CHILD = frozenset({"pains", "pain", "up", "spurt", "taller", "tall", "older", "body",
    "bones", "kid", "child", "boy", "girl", "lad", "teen", "teenager"})  # fmt: skip
#: Words that compare a size: a growth only when told against before (`_grows`).
_COMPARED = frozenset({"bigger", "larger", "twice", "double", "triple"})
_BECOMING = frozenset({"getting", "got", "gotten", "grown", "become", "becoming", "gone", "grew",
    "grows", "grow", "growing", "get", "gets", "went", "go", "goes"})  # fmt: skip
_THEN = frozenset({"was", "used", "before", "ago", "last", "since", "then", "originally", "first",
    "earlier", "previously"})  # fmt: skip
#: Growth words said of things, not people: a sentence with no subject ("Getting bigger
#: every week.") goes on about the thing told of before.
_THINGS_GROW = frozenset({"bigger", "larger", "doubled", "tripled", "enlarged", "enlarging",
    "increased", "increasing", "expanding", "expanded", "twice", "double", "triple"})  # fmt: skip
#: How many sentences before the growth its thing may be named in.
_SENTENCES_BACK = 2

Owner = Literal["lump", "other"]


def lump_growths(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """Growth said of a lump is the lump's; a lump's growth or size is never the knee's.

    A `lump_on_bone_near_knee` reading that rests on a growth word is kept only when the
    growth is said of a lump; a swelling reading from a growth word said of a lump ("knee
    that's getting bigger") becomes the lump. A size said of a lump ("the size of an
    orange") is no growth: the swelling reading stays, as before.
    """
    kept: list[Mention] = []
    for mention in mentions:
        if mention.field not in (FIELD, "swelling"):
            kept.append(mention)
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        words = list(span) if span is not None else []
        grows = next((t.i for t in words if t.norm_ in GROWTH and _grows(doc, t.i)), None)
        sized = next((t.i for t in words if t.norm_ in _SIZE | GROWTH), None)
        said_at = grows if grows is not None else sized
        told_by_noun = mention.field == FIELD and not any(t.norm_ in GROWTH for t in words)
        if said_at is None or told_by_noun:
            # "a hard lump above the knee", "a big lump on my thigh", "swollen": no growth
            kept.append(mention)
            continue
        owner = growth_owner(doc, said_at)
        if owner == "other":
            if mention.field == "swelling":
                kept.append(mention)
            continue  # "he's growing fast", "the swelling is getting bigger": no lump
        if grows is not None and not mention.negated:
            kept.append(replace(mention, field=FIELD, value=True))
        elif grows is None and mention.field == "swelling":
            # "a lump the size of an orange above my knee": a size is no growth; the
            # swelling reading is kept, so a big lump is never lost to the knee's signs
            kept.append(mention)
        # a denied growth ("hasn't got any bigger") is no answer for the lump
    return kept


def _grows(doc: Doc, at: int) -> bool:
    """The word at `at` tells a growth, not a size against something else: "bigger" and
    "twice the size" only with a becoming before them or a then after them ("getting bigger",
    "bigger than it was", "twice the size it was in June", "bigger and bigger"); "bigger than
    the right one" or "twice the size of the other" compare two sides, which is no growth."""
    if doc[at].norm_ not in _COMPARED:
        return True
    before = doc[at - 1].norm_ if at > 0 else ""
    after = [t.norm_ for t in doc[at + 1 : at + 6]]
    return before in _BECOMING or bool(set(after) & _THEN) or after[:2] == ["and", doc[at].norm_]


def growth_owner(doc: Doc, at: int) -> Owner:
    """Whether the growth or size word at token `at` is said of a lump."""
    after = _word_after(doc, at)
    if doc[at].norm_ in ("growing", "enlarging", "expanding", "bigger", "larger"):
        if after in _LUMPS:
            return "lump"  # "a growing lump", "a bigger bump"
        if after in _GROWING_CHILD or after in _people():
            return "other"  # "growing pains", "a growing lad"
    first = doc[at].sent.start
    for _ in range(_SENTENCES_BACK):
        first = doc[first - 1].sent.start if first > 0 else first
    pointed = False
    for i in range(at - 1, first - 1, -1):
        word = doc[i].norm_
        if word in _LUMPS and not (word == "growth" and _word_after(doc, i) in _NOT_A_LUMP):
            return "lump"
        if word in _OTHER_THINGS:
            return "other"
        if word in _BODY and not _a_place(doc, i):
            return "other"  # "my knee is getting bigger": the knee swells
        if not pointed and (word in _PEOPLE_WORDS or word in _people()):
            return "other"  # "he's growing", "my son has grown": a person grows
        pointed = pointed or word in _POINTERS
        if not pointed and doc[i].is_sent_start:
            if doc[at].norm_ not in _THINGS_GROW:
                return "other"  # "Growing fast too.": nothing named, nothing pointed back to
            pointed = True  # "Getting bigger every week.": the thing told of before
    return "other"


def _a_place(doc: Doc, at: int) -> bool:
    """ "on my shin", "just below the knee", "at the top of the shin": a place, not a thing."""
    i = at - 1
    while i >= 0 and doc[i].norm_ in _BETWEEN and doc[i].norm_ not in _PLACE:
        i -= 1
    return i >= 0 and doc[i].norm_ in _PLACE


def _word_after(doc: Doc, at: int) -> str:
    """The next word that is not "hard", "bony" or "little": "a growing hard lump"."""
    for token in doc[at + 1 : at + 4]:
        if token.norm_ not in ("hard", "bony", "solid", "little", "small", "rock", "new"):
            return str(token.norm_)
    return ""


@cache
def _people() -> frozenset[str]:
    """Everyone the lexicon names: "son", "daughter", "lad"."""
    return frozenset().union(*load_lexicon().people.values())
