"""Which body part a finding is said of: the knee, the calf, other muscles, or elsewhere.

"My calf is puffy and sore when I squeeze it, and the skin there is warm" is
about the calf: the warmth is not the knee's. A finding word (swollen, warm,
red, bruised) belongs to

1. the part it stands before, through a chain of findings ("a hot, swollen
   calf", "red and puffy ankles");
2. else the nearest part named before it in the sentence ("my thighs and arms
   are rock hard and swollen");
3. else, across "it", "there" or "that side", the part named before when that
   is clear: every part named in the sentence so far and the one before is
   the same one, and it is not the knee;
4. else the knee (the story is about a knee).

Said of the calf or lower leg, swelling, warmth and redness are the calf
findings a clot gives (NHS: "swelling ... warm skin ... red or darkened skin
around the painful area"); swelling said of the thighs, arms or muscles is
`muscles_very_swollen`; said of anything else it is not the knee's. The shin, the
front of the lower leg over its bone, is not the calf (the question asks of "the calf
... more than the other calf"): its swelling alone answers no question (a tense shin
is `shin_tense_and_swollen`, read by its own words) and is listed as not used.

A finding word can also be used in another sense: "a hot gym", "the hot
weather", "a red-eye flight". A determiner before it and a word after it
that is neither a body part nor skin ("a hot gym") means another sense.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from spacy.tokens import Doc, Token

from kneewise.language.lump import lump_growths
from kneewise.language.mention import Mention

Part = Literal["knee", "calf", "shin", "muscle", "elsewhere"]

_WORDS: dict[Part, str] = {
    "knee": "knee knees kneecap kneecaps patella joint",
    "calf": "calf calves lower_leg lower_legs ankle ankles",
    # the front of the lower leg, over the bone: not the calf, the back of it (kind 15e:
    # "swelling on my shin bone just below the knee" was a swollen calf, a possible clot)
    "shin": "shin shins shinbone tibia fibula",
    "muscle": "thigh thighs quad quads quadriceps hamstring hamstrings arm arms biceps triceps "
    "forearms shoulders muscle muscles glutes buttocks",
    "elsewhere": "foot feet toe toes chest hip hips hand hands finger fingers wrist wrists elbow "
    "elbows face eye eyes neck head throat stomach tummy belly "
    # swollen glands are an infection's, never the knee's (round 18b: "swollen glands and a
    # sore knee" read a swollen knee)
    "gland glands lymph node nodes tonsil tonsils lip lips tongue cheek cheeks jaw gums "
    "eyelid eyelids testicle testicles",
}
_PARTS: dict[str, Part] = {word: part for part, words in _WORDS.items() for word in words.split()}
#: Words that point back to a part named before.
_POINTERS = frozenset({"it", "its", "there", "area", "spot"})
#: Words a chain of findings runs through before its noun ("a hot, swollen calf").
_CHAIN = frozenset({",", "and", "&", "-", "bit", "little", "very", "really", "quite", "slightly",
    "super", "left", "right", "lower", "upper", "swollen", "red", "hot", "warm", "puffy", "tender",
    "sore", "painful", "tight", "hard", "shiny", "bruised", "purple", "inflamed", "angry",
    "looking", "rock", "massively", "puffed", "up", "a"})  # fmt: skip
#: Words between a part and a list of its findings ("my calf is red, hot and swollen").
_COPULA = frozenset({"is", "are", "was", "were", "'s", "feels", "feel", "felt", "looks", "look",
    "got", "gone", "went", "become", "became", "has", "have", "been", "getting", "so", "too",
    "all", "now", "still", "bit", "not", "n't", "nt"})  # fmt: skip
_PREPOSITIONS = frozenset({"of", "in", "on", "over", "around", "across", "down"})
#: How far up or down, between such a noun and where it is: "a warm patch low down on".
_HOW_FAR = frozenset({"low", "high", "lower", "higher", "down", "up", "just", "right",
    "halfway", "further", "way"})  # fmt: skip
#: Nouns a finding word describes before where it is: "a hot lump on my ankle".
_FINDING_NOUNS = frozenset({"swelling", "lump", "bump", "patch", "area", "spot", "skin",
    "rash", "mark", "feeling", "sensation", "bruise", "bruising", "redness", "streak"})  # fmt: skip
_DETS = frozenset({"the", "my", "his", "her", "both", "their", "your"})
_LINKS = frozenset({",", "and", "&", "+", "or", "-"})
#: Findings that can belong to another part, and which words carry them.
LOCAL = frozenset({"swelling", "warm", "red", "bruising"})
_CLAUSE_WORDS = frozenset({"but", "so", "because", "though", "although", "however", "while"})
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "in", "such"})
#: After "hot"/"red", these keep the body sense ("a red rash", "a warm feeling").
_BODILY = frozenset({"skin", "rash", "patch", "patches", "area", "spot", "spots", "mark", "marks",
    "streak", "streaks", "lump", "swelling", "blotch", "blotches", "feeling", "sensation", "glow",
    "to", "and", "or", "but", "when", "now", "with", "sore", "ache", "pain", "swollen", "puffy",
    "tender", "painful", "bruise", "bump", "joint", "itchy", ",", "-", ".",
    # another finding in a chain: "a hot red knee" (re-trial 31: read as a red knee only,
    # its heat dropped as "a hot <thing>")
    "red", "hot", "warm", "inflamed", "angry", "shiny", "bruised", "purple", "tight"})  # fmt: skip
#: The finding named as a noun: "the redness" is the skin's, never a red thing's colour
#: (round 19g: "the redness on my knee is still there" was "the hot weather" and lost).
_FINDING_ITSELF = frozenset({"redness", "reddening"})
#: "red-eye", "red-faced": a compound that is not about the knee.
_COMPOUND = frozenset({"eye", "eyed", "faced", "handed", "headed", "carpet", "letter"})


def part_before(doc: Doc, token: Token) -> Part | None:
    """The part the words just after a finding name, through a chain of findings."""
    sentence = token.sent
    i = token.i + 1
    if i + 1 < sentence.end and doc[i].norm_ in _PREPOSITIONS:  # "swelling in my calf"
        return _part_at(doc, i + 1, sentence.end)
    while i < sentence.end and i - token.i <= 5:
        word = doc[i].norm_
        if (part := part_of(doc, i)) is not None:  # "hot, swollen calf", not "not warm, calf"
            return part if doc[i - 1].norm_ not in _LINKS else None
        # "hot swelling on the back of my calf", "a hot red area on my thigh": the noun the
        # finding describes, then where it is (round 15c: read as the knee's warmth)
        if word in _FINDING_NOUNS:
            at = i + 1  # "a warm patch low down on my calf": how far up or down, then where
            while at < sentence.end and at - i <= 2 and doc[at].norm_ in _HOW_FAR:
                at += 1
            if at + 1 < sentence.end and doc[at].norm_ in _PREPOSITIONS:
                return _part_at(doc, at + 1, sentence.end)
        if word not in _CHAIN:
            return None
        i += 1
    return None


def _part_at(doc: Doc, at: int, end: int) -> Part | None:
    """The part named from `at`, after where on it: "the inside of my shin"."""
    while at + 1 < end and doc[at].norm_ in _DETS | _SITE_LINKS:
        at += 1
    return part_of(doc, at)


def part_of(doc: Doc, i: int) -> Part | None:
    """The part token i names: "the back of my leg" is the calf.

    The back of the (one) leg is the calf to someone who has no word for it (round 18d:
    "back of my leg is tender and hard" after a cast was unread).
    """
    word = doc[i].norm_
    if word == "leg":
        j = i - 1
        while j > 0 and doc[j].norm_ in _DETS | {"left", "right"}:
            j -= 1
        if j > 0 and doc[j].norm_ == "of" and doc[j - 1].norm_ in ("back", "backs"):
            return "calf"
    return _PARTS.get(word)


def owner(doc: Doc, start: int, end: int) -> frozenset[Part]:
    """The body parts the finding at tokens [start, end) is said of."""
    forward = part_before(doc, doc[end - 1])
    if forward is not None:
        return frozenset({forward})
    sentence = doc[start].sent
    pointed, listed = False, True
    for i in range(start - 1, sentence.start - 1, -1):
        word = doc[i].norm_
        if part_of(doc, i) is not None and not pointed:
            return _coordinated(doc, i, sentence.start)
        if word == ",":
            if not listed:
                break  # "pain into the thigh, 8/10, swollen": a new thought
            listed = True
        elif word in _CLAUSE_WORDS:
            break
        else:
            listed = listed and word in _CHAIN | _COPULA
        pointed = pointed or word in _POINTERS
    if not pointed:
        return frozenset({"knee"})
    first = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    named = {part for i in range(first, start) if (part := part_of(doc, i)) is not None}
    return frozenset(named) if len(named) == 1 else frozenset({"knee"})


def _coordinated(doc: Doc, at: int, first: int) -> frozenset[Part]:
    """The part at a token and those joined to it ("the knee and calf", "thighs and arms").

    Where on a part may stand between them: "my calf and the back of my knee" (round 18d:
    only the knee's back was swollen, the calf lost after a cast).
    """
    parts = {part_of(doc, at)} - {None}
    linked = False
    i = at - 1
    while i >= first:
        found = part_of(doc, i)
        if found is not None and linked:
            parts.add(found)
            linked = False
        elif doc[i].norm_ in _LINKS:
            linked = True
        elif found is not None or doc[i].norm_ not in _DETS | _SITE_LINKS:
            break
        i -= 1
    return frozenset(p for p in parts if p is not None)


def other_sense(doc: Doc, start: int, end: int) -> bool:
    """ "a hot gym", "the hot weather", "a red-eye flight": not a finding of the body."""
    if end >= len(doc):
        return False
    after = doc[end].norm_
    if after == "-" and end + 1 < len(doc):
        return doc[end + 1].norm_ in _COMPOUND
    if doc[end].text.startswith("-"):  # "red-eye" joined (pipeline._join_hyphens)
        return after in _COMPOUND
    before = doc[start - 1].norm_ if start > 0 else ""
    if doc[end - 1].norm_ in _FINDING_ITSELF:
        return False
    if before not in _DETERMINERS or not doc[end].is_alpha:
        return False
    return after not in _PARTS and after not in _BODILY


def attribute(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """Give each local finding to the part it is said of; drop other senses.

    A growth or size said of a lump is the lump's, never the knee's or the calf's ("a lump
    just under the knee that's getting bigger": lump.py).
    """
    kept: list[Mention] = []
    for mention in lump_growths(mentions, doc):
        if mention.field == "calf_swelling" and _front_of_leg(mention, doc):
            continue  # "the front of my lower leg is swollen": the shin's, not the calf's
        if mention.field not in LOCAL:
            kept.append(mention)
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            kept.append(mention)
            continue
        if mention.field in ("warm", "red") and other_sense(doc, span.start, span.end):
            continue
        for part in sorted(owner(doc, span.start, span.end)):
            moved = _move(mention, part)
            if moved is not None:
                kept.append(moved)
    return kept


def _front_of_leg(mention: Mention, doc: Doc) -> bool:
    """A calf sign read from the lower leg's words told of its front: the shin (kind 15e)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span[0].norm_ not in {"lower_leg", "lower_legs", "leg", "legs"}:
        return False
    i = span.start - 1
    while i > 0 and doc[i].norm_ in _DETS | {"left", "right"}:
        i -= 1
    return i > 0 and doc[i].norm_ == "of" and doc[i - 1].norm_ == "front"


def _move(mention: Mention, part: Part) -> Mention | None:
    """The mention as a finding of its part, or None when it says nothing for the intake."""
    if part == "knee":
        return mention
    swelling = mention.field == "swelling"
    if part == "calf" and (swelling or not mention.negated):
        if mention.field == "bruising":
            return None
        confidence = mention.confidence if swelling else min(mention.confidence, 0.75)
        return replace(mention, field="calf_swelling", value=not mention.negated,
                       confidence=confidence)  # fmt: skip
    if part == "muscle" and swelling:
        return replace(mention, field="muscles_very_swollen", value=not mention.negated)
    return None


#: Bones and parts below or above the knee a site word can be said of: "the inside of my
#: shin bone", "the lower inner shin", "front of the thigh".
_NOT_THE_KNEE = frozenset({"shin", "shins", "shinbone", "tibia", "fibula", "calf", "calves",
    "lower_leg", "lower_legs", "ankle", "ankles", "thigh", "thighs", "thighbone", "femur",
    "foot", "feet", "heel", "heels", "hip", "hips", "groin"})  # fmt: skip
#: Words between a site and its part: "inside of my left", "lower inner".
_SITE_LINKS = frozenset({"of", "the", "my", "his", "her", "their", "your", "left", "right",
    "lower", "upper", "middle", "inner", "outer", "inside", "outside", "front", "back", "side",
    "sides", "part", "edge", "bottom", "top", "bit", "area", "surface", "border", "aspect",
    "both", "each", "one"})  # fmt: skip


def sited_elsewhere(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """Drop a knee site said of another part: "one spot on the inside of my shin bone".

    A site word ("inside", "inner", "front") with a shin, calf, thigh or foot right after
    it names where on that part, never the knee's inner or front side (re-trial 31: a spot
    on the shin bone read as inner knee pain, and the bone's one spot was lost). Its words
    are then the other part's, read there or listed as not used.
    """
    kept: list[Mention] = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if mention.field == "location" and span is not None and _part_after(doc, span.end):
            continue
        kept.append(mention)
    return kept


def _part_after(doc: Doc, at: int) -> bool:
    """The words from `at`, through site words, name a part that is not the knee."""
    while at < len(doc) and doc[at].norm_ in _SITE_LINKS:
        at += 1
    return at < len(doc) and doc[at].norm_ in _NOT_THE_KNEE
