"""A place told of "it" when "it" is the knee named before: "a hard lump just below it".

"my left knee has been aching for weeks ... there's a hard lump just below it now": the
place ("just below it") is told of the knee through "it", and read with the word as it was
written no place field, nor the teenager's bony bump (bump_below_kneecap), was read (kind
15e). "Below my knee" read. So "it" (or "them") after a word of place ("below", "under",
"behind", "the side of") takes the norm of the knee or kneecap it points back to, when that
is the nearest thing named before it in its sentence or the one before; the lexicon's place
phrases then read it as they read the knee's own word. Pointing back to anything else ("a
cut on my knee and redness around it": the cut; "a lump on my shin just below it") it stays.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

_KNEES = frozenset({"knee", "knees", "kneecap", "kneecaps", "patella", "patellae"})
#: Places said right before "it": "below it", "just under it", "behind it".
_BEFORE = frozenset({"below", "under", "underneath", "beneath", "above", "behind", "beside",
    "around", "round"})  # fmt: skip
#: Sides said with "the ... of it": "the side of it", "the back of it". Not "on top of it",
#: which is also "as well" ("and on top of it I've a cold").
_SIDES = frozenset({"side", "sides", "front", "back", "bottom", "top", "inside", "outside",
    "edge", "underside"})  # fmt: skip
#: Other things "it" can be: other parts, marks on the skin, lumps, what is worn or put on.
_THINGS = frozenset({"shin", "shins", "shinbone", "tibia", "calf", "calves", "lower_leg",
    "thigh", "thighs", "femur", "leg", "legs", "foot", "feet", "ankle", "ankles", "hip", "hips",
    "toe", "toes", "lump", "lumps", "bump", "bumps", "knob", "knot", "mass", "growth", "cyst",
    "cut", "cuts", "bruise", "bruises", "wound", "scar", "graze", "blister", "rash", "mark",
    "bite", "spot", "swelling", "tendon", "muscle", "bone", "incision", "stitches", "staples",
    "dressing", "bandage", "plaster", "cast", "brace", "support", "ice", "pillow", "cushion",
    "ball", "hole", "dent", "gap", "patch", "area", "skin"})  # fmt: skip
#: Words that end what a place is told of: "my knee hurts, and a lump is below it".
_JOINS = frozenset({"and", "but", "so", "then", "&", "n", "because", "which"})
_POINTERS = {"it": frozenset(_KNEES - {"knees", "kneecaps", "patellae"}),
    "them": frozenset({"knees", "kneecaps", "patellae"})}  # fmt: skip


@Language.component("kneewise_pointed")
def pointed_places(doc: Doc) -> Doc:
    """Give "it" after a word of place the norm of the knee it points back to."""
    for token in doc:
        knees = _POINTERS.get(token.norm_)
        if knees is None or not _after_place(token):
            continue
        named = _named_before(token)
        if named is not None and named in knees:
            token.norm_ = named
    return doc


def _after_place(token: Token) -> bool:
    doc, i = token.doc, token.i
    before = doc[i - 1].norm_ if i else ""
    if before in _BEFORE:
        return True
    return before == "of" and i >= 3 and doc[i - 2].norm_ in _SIDES and doc[i - 3].norm_ == "the"


def _named_before(token: Token) -> str | None:
    """The nearest knee or other thing named before `token`, in its sentence or the last.

    Not the thing the place is told of: in "a hard lump just below it" the lump is what is
    below, so "it" is named before the lump, and the lump is passed over while no comma or
    "and" stands between them.
    """
    start = token.sent.start
    if start > 0:
        start = token.doc[start - 1].sent.start
    located = True  # still in the words that say what is at the place
    for i in range(token.i - 1, start - 1, -1):
        word = token.doc[i]
        if word.is_punct or word.norm_ in _JOINS:
            located = False
        elif word.norm_ in _KNEES:
            return word.norm_
        elif word.norm_ in _THINGS:
            if not located:
                return word.norm_
            located = False
    return None
