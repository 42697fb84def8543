"""A kneecap that went out and came back, told across a sentence, and when it did.

"my kneecap went out to the side, I could see it sitting on the outside of my knee, it
popped back when I straightened my leg": the going out and the coming back are told in
different clauses, too far apart for one lexicon phrase. Going back means it WAS out:
`kneecap_slipped_out` (intake v2), never a "no" to a knee out of place (clinical trial
22). Told of now, not of the past ("years ago"), it came out in this injury or flare-up:
`kneecap_slipped_out_this_time`, which the rule reads (rules.yaml, kneecap dislocation:
a timing not known keeps it; only "not this time" lifts it).
"""

from __future__ import annotations

from dataclasses import replace

from kneewise.language.context import Context
from kneewise.language.mention import Mention

KNEECAP = frozenset({"kneecap", "kneecaps", "patella", "patellae"})
#: Moving out: the lexicon's $OUTV.
OUT_VERBS = frozenset({"popped", "slipped", "slid", "came", "went", "jumped", "shot", "moved",
    "shifted", "flew", "dislocated", "subluxed", "subluxated", "pop", "slip", "slide", "go",
    "jump", "move", "shift", "going", "moving", "sliding", "slipping", "popping"})  # fmt: skip
_OUT = frozenset({"out", "sideways", "across", "outwards", "outward", "off", "over"})
#: Coming back: the lexicon's $BACKV, then "back" (or relocated on its own).
BACK_VERBS = frozenset({"popped", "slipped", "slid", "went", "came", "clicked", "clunked",
    "jumped", "moved", "snapped", "shifted", "got", "fell", "pushed", "put", "shoved",
    "knocked", "forced", "eased", "clicking",
    "popping", "sliding", "snapping", "pops", "goes", "slides", "clicks",
    # felt it "pop back", "jump back in" (re-trial 6b)
    "pop", "slip", "slide", "click", "clunk", "jump", "snap", "shift"})  # fmt: skip
#: How far it went, between the going and the out: "went right out", "popped clean out".
_HOW_FAR = frozenset({"right", "straight", "clean", "completely", "fully", "totally", "all"})
RELOCATED = frozenset({"relocated", "realigned"})
#: A going back denied: "has not gone back", "never went back", "will not go back".
_NOT = frozenset({"not", "never", "no", "nt", "n't"})
#: How far after the kneecap's going out its coming back may be told (tokens).
_REACH = 30
_CONFIDENCE = 0.85


def kneecap_out_and_back(mentions: list[Mention], context: Context) -> list[Mention]:
    """Add what the kneecap's going out and back says, and whether it was this time."""
    doc = context.doc
    found = list(mentions)
    words = [t.norm_ for t in doc]
    for at, word in enumerate(words):
        if word not in KNEECAP:
            continue
        out = _went_out(words, at)
        back = _came_back(words, out) if out is not None else None
        clause = context.clause_of(at)
        if back is None or context.about_someone_else(clause):
            continue
        start, end = doc[at].idx, doc[back].idx + len(doc[back].text)
        # "slid out sideways" then back: out of place then, not now (as one phrase swallows it)
        found = [m for m in found if not (m.field == "deformity" and start <= m.start < end)]
        # its going back ("then it snapped back") is no knee bent backwards (re-trial 6b)
        found = [m for m in found if not (_bent_back(m) and start <= m.start < end)]
        told = [m for m in found if m.field == "kneecap_slipped_out" and m.start <= start < m.end]
        if told:  # read already ("kneecap slid across"): its going back tells it too
            went = _back_verb(words, back)
            found.append(replace(told[0], start=doc[went].idx, end=end))
            continue
        unsure = context.hedged(clause)
        found.append(Mention("kneecap_slipped_out", True, start, end, _CONFIDENCE, False, unsure))
    now: list[Mention] = []
    for mention in found:
        if mention.field != "kneecap_slipped_out" or mention.value is not True or mention.unsure:
            continue
        if context.past(context.clause_at_char(mention.start)):
            continue  # "dislocated my kneecap years ago": not this time
        now.append(
            Mention(
                "kneecap_slipped_out_this_time",
                True,
                mention.start,
                mention.end,
                min(mention.confidence, _CONFIDENCE),
            )
        )
    return found + now


def _bent_back(mention: Mention) -> bool:
    return mention.field == "mechanism" and mention.value == "hyperextension"


def _went_out(words: list[str], at: int) -> int | None:
    """The token ending "kneecap ... went out / to the side", if told within a few words."""
    for i in range(at + 1, min(at + 5, len(words))):
        if words[i] in OUT_VERBS:
            following = words[i + 1 : i + 4]
            # "went right out", "shot straight out": how far is no other word (kind 15e)
            skip = next((j for j, w in enumerate(following) if w not in _HOW_FAR), 3)
            if following[skip : skip + 1] and following[skip] in _OUT:
                return i + skip + 1
            if following[:3] == ["to", "the", "side"]:
                return i + 3
    return None


def _back_verb(words: list[str], back: int) -> int:
    """The verb of a going back that ends at `back` ("clicked" in "clicked back")."""
    for i in range(back, max(back - 3, -1), -1):
        if words[i] in BACK_VERBS or words[i] in RELOCATED:
            return i
    return back


def _came_back(words: list[str], after: int) -> int | None:
    """The token ending its going back ("it popped back", "relocated") told soon after."""
    for i in range(after + 1, min(after + _REACH, len(words))):
        if words[i] in KNEECAP:
            return None  # another telling of the kneecap: read on its own
        back = went_back_at(words, i)
        if back is not None:
            return back
    return None


def went_back_at(words: list[str], i: int) -> int | None:
    """The token ending a going back whose verb is token i ("popped back", "relocated").

    Never one denied: "it hasn't gone back in", "never went back", "can't get it back"
    tell it is still out, not that it went back (kind 15e: read as out and back, and the
    knee out of place now was lost).
    """
    if i >= len(words) or _NOT & set(words[max(i - 3, 0) : i]):
        return None
    if words[i] in RELOCATED:
        return i
    if words[i] in BACK_VERBS and "back" in words[i + 1 : i + 3]:
        return i + words[i + 1 : i + 3].index("back") + 1
    return None
