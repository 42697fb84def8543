"""A question that asks "X or Y": denying one part never answers the whole.

Several intake questions ask about two or more things at once ("Do you have pain in the
hip or groin, or are you limping?", "Is the foot numb, pale or cold?"): a yes to any part
is a yes, but a no is a no only when every part is denied. "It's his knee not his hip"
says nothing about a limp, so `hip_pain_or_limp` stays unknown and the interview asks;
reading it as "no" would claim an absence that was not asked (clinical trial 22: a
limping 12-year-old, a slipped growth plate felt in the knee, sent home as self care).

`PARTS` gives, for each such field, its parts as the words that name them (from the
question's text in knowledge/data/questions.yaml). A denial that names no part ("my foot
is fine", "no problems down there") speaks of the whole and answers it. A denial that
names some parts counts for those; the parts denied across the story are pooled, so "no
limp, and no pain in his hip" answers the whole. A limp denied alone is still kept as
what it says: `limp_from: none`, not limping.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from kneewise.labels import FIELD_LABELS
from kneewise.language.context import NEGATIONS, Context
from kneewise.language.mention import Mention

_Parts = Mapping[str, frozenset[str]]

#: Each "X or Y" question's parts, by the words that name them.
PARTS: Mapping[str, _Parts] = {
    # "Do you have pain in the hip or groin, or are you limping?"
    "hip_pain_or_limp": {
        "hip": frozenset({"hip", "hips", "groin"}),
        "limp": frozenset({"limp", "limping", "limps", "limped", "hobbling", "hobble"}),
    },
    # "Is the foot below the painful knee numb, pale or cold?"
    "foot_numb_or_cold": {
        "numb": frozenset(
            {
                "numb",
                "numbness",
                "tingling",
                "tingly",
                "tingles",
                "pins_and_needles",
                "dead",
                "feel",  # "I can still feel my toes fine" denies numbness only (re-trial 22)
                "feeling",
            }
        ),
        # comparatives too: "isn't any colder" names the cold part only, never the whole
        "pale": frozenset(
            {
                "pale",
                "paleness",
                "pallor",
                "white",
                "blue",
                "colour",
                "color",
                "paler",
                "whiter",
                "bluer",
                "dusky",
                "mottled",
                "bluish",
                "blueish",
            }
        ),
        "cold": frozenset({"cold", "coldness", "freezing", "warm", "colder", "cool", "cooler"}),
    },
    # "... new shortness of breath or chest pain?"
    "breathless_or_chest_pain": {
        "breath": frozenset(
            {"breath", "breathless", "breathlessness", "breathe", "breathing", "sob", "air"}
        ),
        "chest": frozenset({"chest"}),
    },
    # "numbness between your legs or around your bottom, or new trouble passing or holding
    # urine or stool?"
    "saddle_numbness_or_bladder": {
        "numb": frozenset({"numb", "numbness", "tingling", "pins_and_needles", "feeling"}),
        "urine": frozenset(
            {"bladder", "pee", "peeing", "wee", "weeing", "urine", "urinate", "urinating", "wet"}
        ),
        "stool": frozenset({"bowel", "bowels", "stool", "poo", "pooing"}),
    },
    # "pins and needles or tingling in your lower leg or foot"
    "leg_tingling": {
        "leg": frozenset(
            {"leg", "legs", "shin", "shins", "calf", "calves", "lower_leg", "lower_legs", "ankle"}
        ),
        "foot": frozenset({"foot", "feet", "toes", "toe"}),
    },
    # "Does the knee or kneecap look out of place or oddly shaped right now?": gone back
    # ("popped back", "relocated") says it is in place, not its shape, and that it WAS out
    "deformity": {
        "place": frozenset({"place", "back", "relocated", "realigned", "position", "line"}),
        "shape": frozenset({"shape", "shaped", "lumpy", "swollen"}),
    },
    # "unable to straighten the knee ..., or to lift the leg off the bed"
    # "straightening it and lifting my leg are both fine" names both (round 6d)
    "cannot_straighten_or_lift_leg": {
        "straighten": frozenset({"straighten", "straightens", "straightening", "extend"}),
        "lift": frozenset({"lift", "raise", "raises", "lifting", "raising", "lifts"}),
    },
    "could_not_straighten_or_lift_at_first": {
        "straighten": frozenset({"straighten", "extend", "straightening"}),
        "lift": frozenset({"lift", "raise", "lifting", "raising"}),
    },
}
#: Words that make a denial of one part the whole question's: "out of place" denied of how
#: the knee looked ("didn't look out of place", "nothing seemed out of place") or of
#: anything at all ("no sign of anything out of place") says it looked as it should, its
#: shape with it (round 19b: asked, though told). A going back ("popped back into place")
#: stays a part (where, not shape), and so does a shape alone ("doesn't look an odd shape").
#: Said of the knee, kneecap or leg itself, with no look word, it is the plain "no" too
#: ("the knee wasn't out of place", "my kneecap isn't out of line": round 19g, asked).
_WHOLE: Mapping[str, frozenset[str]] = {
    "deformity": frozenset({"look", "looks", "looked", "looking", "seem", "seems", "seemed",
        "appear", "appears", "appeared", "nothing", "anything", "everything"}),
}  # fmt: skip
#: A going back: "didn't look like it popped back in" is no look at the knee's shape.
_GONE_BACK = frozenset({"back", "relocated", "realigned"})
#: Words that join a list's items: "numb, pale or cold", "neither numb nor cold".
_JOINS = frozenset({",", "or", "nor", "and", "&", "/", "but"})
#: Joins that close a list a negation carries through: "not numb, pale or cold",
#: "no numbness/coldness/paleness".
_CLOSING = frozenset({"or", "nor", "/"})
#: Words that deny the item they stand in: "not pale", "no coldness", "neither numb".
_DENYING = NEGATIONS | {"neither", "nor"}
#: Words inside a listed item that name no part: "no pain in the hip", "my foot isn't numb".
_FILLERS = frozenset({"my", "the", "his", "her", "their", "your", "a", "any", "in", "of", "on",
    "pain", "is", "are", "was", "were", "'s", "feels", "feel", "felt", "looks", "look", "seems",
    "foot", "feet", "toe", "toes", "either", "at", "all", "really", "very", "ever", "too",
    "also", "skin", "gone", "went", "turned", "turning", "going", "become", "got", "bit",
    "little", "quite", "slightly",
    # the thing told of goes on ("no numbness in my foot, it's not cold or pale"); an item
    # it brings with no negation of its own is never denied ("isn't numb, it's cold")
    "it", "its", "it's"})  # fmt: skip
#: Words that go on about the thing just told of: "my foot isn't numb, it's cold".
_POINTERS = frozenset({"it", "its", "it's"})
#: Questions whose every part is a warning sign alone: one told present through "it" is a
#: yes (a cold or pale foot below an injured knee; NICE CKS, BOAST: vascular injury).
_SIGNS_ALONE = frozenset({"foot_numb_or_cold"})
#: Confidence of a part told through "it", not beside the foot's own word.
_TOLD_ON = 0.75
#: Said of a part alone, this is unknown for the question and kneewise asks.
_PARTLY = "“{words}” answers only part of a question ({label}), so kneewise will ask about it."


def whole_denials(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """Drop a "no" to an "X or Y" question unless every part of it was denied.

    Returns the mentions kept, in order; for each field answered only in part, a note
    quoting the words (shown to the person) is added to `notes`. A limp denied alone
    becomes `limp_from: none` (v2: not limping).
    """
    denied: dict[str, set[str]] = {}
    reach: dict[int, tuple[int, int]] = {}  # the words each denial answered with, its list's
    kept: list[Mention] = []
    for mention in mentions:
        parts = PARTS.get(mention.field)
        if parts is not None and mention.value is False and not mention.unsure:
            named, reach[id(mention)], told = _named(mention, parts, context)
            denied.setdefault(mention.field, set()).update(named)
            if mention.field in _SIGNS_ALONE:
                # "my foot isn't numb, it's pale and cold": the foot goes on, and is pale
                kept += [Mention(mention.field, True, *chars, _TOLD_ON) for chars in told]
    partial = {field for field, named in denied.items() if named != set(PARTS[field])}
    for mention in mentions:
        if mention.field not in partial or mention.value is not False:
            # "his foot isn't cold, pale or numb": every listed word gave the answer
            start, end = reach.get(id(mention), (mention.start, mention.end))
            kept.append(
                replace(mention, start=min(start, mention.start), end=max(end, mention.end))
            )
            continue
        words = context.doc.text[_denial_start(mention, context) : mention.end]
        note = _PARTLY.format(words=words, label=FIELD_LABELS[mention.field].lower())
        if note not in notes:
            notes.append(note)
        if mention.field == "hip_pain_or_limp" and "limp" in denied[mention.field]:
            kept.append(replace(mention, field="limp_from", value="none"))
    return kept


def _named(
    mention: Mention, parts: _Parts, context: Context
) -> tuple[set[str], tuple[int, int], list[tuple[int, int]]]:
    """The parts a denial names, from its negation (else its clause's start: "I can still
    feel my toes fine" speaks of feeling) to its end, and the parts of a list it stands in
    that the list's negation reaches ("isn't numb, pale or cold"); none named: all of them.
    With them, the characters of the items denied (the mention's own when none) and of
    each part told present through "it" ("..., it's cold")."""
    start = _denial_start(mention, context, from_clause=True)
    span = context.doc.char_span(start, mention.end, alignment_mode="expand")
    if span is None:
        return set(parts), (mention.start, mention.end), []
    listed, reach, told = _listed_denials(span, parts)
    words = {t.norm_ for t in span} | listed
    named = {part for part, names in parts.items() if words & names}
    whole = _WHOLE.get(mention.field, frozenset())
    if named == {"place"} and (words & whole or _said_of_joint(mention, context, whole)):
        named = set(parts) if not words & _GONE_BACK else named
    return named or set(parts), reach or (mention.start, mention.end), told


#: The joint itself as what is denied out of place: "the knee wasn't out of place".
_JOINT = frozenset({"knee", "knees", "kneecap", "kneecaps", "patella", "leg", "joint", "it"})


def _said_of_joint(mention: Mention, context: Context, whole: frozenset[str]) -> bool:
    """The clause of a deformity denial names the knee, kneecap or leg (or "it") as its
    subject: the whole question is denied (no other part than its place told)."""
    if not whole:
        return False
    clause = context.clause_at_char(mention.start)
    return any(
        t.norm_ in _JOINT for t in context.doc[clause.start : clause.end] if t.idx < mention.end
    )


def _listed_denials(
    span: Span, parts: _Parts
) -> tuple[set[str], tuple[int, int] | None, list[tuple[int, int]]]:
    """The part words a list around a denial denies, read item by item in its sentence,
    the characters from the first item denied to the last (None when none is), and the
    characters of the items told present through "it" ("isn't numb, it's pale and cold").

    An item with its own negation is denied ("not numb, not pale and not cold", "no
    numbness, no tingling"); one without is denied only when a negation before it carries
    through a list closed by "or" or "nor" ("isn't numb, pale or cold", "neither numb nor
    cold", "no numbness, paleness or coldness"). "and" with no negation of its own ends
    what the negation reaches ("not numb, and cold"), and so does a list left open
    ("isn't numb, cold though"): one part denied stays unknown, never "no". An item that
    goes on with "it" or "but" and no negation tells the part present ("isn't numb but
    it's gone white"), with what is joined to it.
    """
    doc = span.doc
    everything = set().union(*parts.values())
    listing = everything | _JOINS | _DENYING | _FILLERS
    first, last = span.start, span.end
    while first > span.sent.start and doc[first - 1].norm_ in listing:
        first -= 1
    while last < span.sent.end and doc[last].norm_ in listing:
        last += 1
    items: list[_Item] = []
    item = _Item(",", first)
    for token in doc[first:last]:
        word = token.norm_
        if word in _JOINS:
            if item.words or item.denying:
                items.append(item)
                item = _Item(word, token.i)
            elif word in _CLOSING or item.join not in _CLOSING:
                item.join = word  # ", or": the closing join
        elif item.first is None:
            item.first = token.i
        if word in _DENYING:
            item.denying = True
        elif word in everything:
            item.words.add(word)
        item.end = token.i + 1
    items.append(item)
    denied: list[_Item] = []
    waiting: list[_Item] = []  # listed after a comma: denied if the list closes with "or"
    told: list[_Item] = []  # "..., it's pale and cold": told present
    carrying = telling = False
    for item in items:
        pointed = item.first is not None and doc[item.first].norm_ in _POINTERS
        if item.denying:
            denied.append(item)
            carrying, waiting, telling = True, [], False
        elif item.words and (pointed or telling or item.join == "but") and denied:
            told.append(item)
            carrying, waiting, telling = False, [], True
        elif carrying and item.join in _CLOSING:
            denied += [*waiting, item]
            waiting = []
        elif carrying and item.join == ",":
            waiting.append(item)
        else:
            carrying, waiting = False, []
    if not denied:
        return set(), None, []
    words = set().union(*(item.words for item in denied))
    return words, _chars(doc, denied), [_chars(doc, [item]) for item in told]


def _chars(doc: Doc, items: list[_Item]) -> tuple[int, int]:
    """The characters from the first of `items` to the last, less the join before it."""
    start = min(item.start for item in items)
    end = max(item.end for item in items)
    while start < end and doc[start].norm_ in _JOINS:
        start += 1  # the comma before an item is not part of it
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


@dataclass
class _Item:
    """One listed item: the join before it, its own negation, the part words it names."""

    join: str
    start: int
    end: int = 0
    denying: bool = False
    words: set[str] = field(default_factory=set)
    #: The item's first word after its join ("it" in ", it's cold").
    first: int | None = None


def _denial_start(mention: Mention, context: Context, from_clause: bool = False) -> int:
    """Where the denial starts: its negation word in the clause ("no hip pain or limp");
    without one, the mention's start, or the clause's when `from_clause`."""
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return mention.start
    clause = context.clause_of(span.start)
    for token in reversed(context.doc[clause.start : span.start]):
        if token.norm_ in NEGATIONS:
            return token.idx
    return context.doc[clause.start].idx if from_clause else mention.start
