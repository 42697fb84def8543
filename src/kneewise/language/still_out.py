"""A kneecap or knee that went out and is still out now, told in a clause of its own.

"my kneecap went right out to the side, it's still sitting out there", "dislocated my
kneecap just now, it hasn't gone back in", "it won't go back and I can't get it back in":
the going out is told in one clause and that it stays out in another, so no one phrase
reads it. Still out now is the question "does the knee or kneecap look out of place right
now?" (`deformity`): a dislocation not gone back is the emergency of a knee out of place
(deformity_after_injury: Medina 2014, Boyce 2015). Read as a kneecap that went out and
back, or not read at all, it was lost (kind 15e). A going back told after it ("it won't go
back ... then it popped back") still wins: the story's last word on where it is counts.
"""

from __future__ import annotations

from kneewise.language.context import Context
from kneewise.language.kneecap import BACK_VERBS, KNEECAP, OUT_VERBS, went_back_at
from kneewise.language.mention import Mention

_JOINT = KNEECAP | {"knee", "knees"}
#: Where a kneecap is when it is out: "out", "to the side", "on the outside".
_OUT = frozenset({"out", "outside", "sideways", "across", "outwards", "outward", "dislocated",
    "displaced", "subluxed", "off", "over"})  # fmt: skip
#: Between the verb of going out and where it went: "went right out", "popped clean off".
_HOW_FAR = frozenset({"right", "straight", "clean", "completely", "fully", "totally", "all",
    "way", "the", "to", "off", "over"})  # fmt: skip
#: Between "still" and where it is: "it's still sitting right out there".
_STAYING = frozenset({"sitting", "sat", "sits", "stuck", "lying", "lies", "poking", "sticking",
    "hanging", "is", "'s", "right", "way", "well", "completely", "totally", "clearly", "all",
    "just", "very", "round", "around", "to", "on", "the", "my"})  # fmt: skip
#: A going back that is not the kneecap's: "gone back to work", "come back down".
_NOT_ITS_BACK = frozenset({"to", "for", "home", "up", "down", "over", "out", "from", "with"})
#: Verbs of a going back a denial tells undone: the lexicon's $BACKV and "gone back".
_BACK = BACK_VERBS | {"gone", "go", "come", "comes", "get", "gotten", "push", "put", "move",
    "pop", "goes", "going"}  # fmt: skip
_NOT = frozenset({"not", "never", "no", "nt", "n't"})
#: What a denied going back or a "still" may stand after and still be the joint's: "it",
#: the joint, or nothing told ("..., and never went back in"; "still out now").
_ITS = frozenset({"it", "its", "it's", "and", "but", "yet", "so", "which", "though", "now",
    "just", "still", "my", "the", "his", "her", "their", "has", "have", "had", "is", "'s", "was",
    "did", "does", "do", "will", "would", "can", "could", "really", "even",
    "properly"}) | _JOINT  # fmt: skip
#: Words that start a new part of a clause: what stands before them is another's.
_JOINS = frozenset({"and", "but", "so", "then", "yet", "though", "which"})
#: A person doing the going back ("I can't get it back in") needs "it" or the joint after.
_PEOPLE = frozenset({"i", "we", "you", "he", "she", "they", "mum", "dad", "paramedics",
    "doctor", "nurse", "physio", "someone", "nobody"})  # fmt: skip
_CONFIDENCE = 0.8
_OUT_FIELDS = frozenset({"deformity", "kneecap_slipped_out"})


def still_out(mentions: list[Mention], context: Context) -> list[Mention]:
    """The mentions with a going out told still out now read as `deformity`."""
    doc = context.doc
    words = [t.norm_ for t in doc]
    cues = [cue for i in range(len(words)) if (cue := _stays_out(words, i)) is not None]
    backs = [b for i in range(len(words)) if (b := _back(words, i)) is not None]
    found = list(mentions)
    for start, end in cues:
        clause = context.clause_of(start)
        if any(b > end for b in backs) or context.about_someone_else(clause):
            continue  # gone back after all, or someone else's
        out = _gone_out(words, mentions, context, start)
        if out is None or context.past(clause) or context.past(context.clause_of(out[0])):
            continue
        span = (doc[start].idx, doc[end].idx + len(doc[end].text))
        unsure = context.hedged(clause)
        # "never went back in" read by its words as not out of place: it is still out
        found = [m for m in found if not _told_in_place(m, span)]
        found.append(Mention("deformity", True, *span, _CONFIDENCE, unsure=unsure))
        went = (doc[out[0]].idx, doc[out[1]].idx + len(doc[out[1]].text))
        if not any(m.start <= went[0] < m.end and m.field in _OUT_FIELDS for m in found):
            # its going out's words are used: "my kneecap went right out to the side"
            found.append(Mention("deformity", True, *went, _CONFIDENCE, unsure=unsure))
    return found + _dislocated_and_stuck(found, words)


def _told_in_place(mention: Mention, span: tuple[int, int]) -> bool:
    return (
        mention.field == "deformity"
        and mention.value is False
        and (span[0] <= mention.start < span[1] or mention.start <= span[0] < mention.end)
    )


def _stays_out(words: list[str], i: int) -> tuple[int, int] | None:
    """Tokens (first, last) of a telling that it is out now, starting at token i."""
    if words[i] == "still" and _its(words, i):
        j = i + 1
        while j < min(i + 5, len(words)) and words[j] in _STAYING:
            j += 1
        if j < len(words) and words[j] in _OUT and _place(words, j):
            return i, j
        if j < len(words) and words[j - 1] in {"the", "my"} and words[j] == "side":
            return i, j  # "still round the side", "still on the side"
        if words[j : j + 1] in (["not"], ["nt"]) and words[j + 1 : j + 2] == ["back"]:
            return i, j + 1  # "still not back"
        return None
    if words[i] in {"stuck", "stayed", "stays", "staying", "remained", "remains"} and _its(
        words, i
    ):
        j = i + 1
        while j < min(i + 3, len(words)) and words[j] in {"right", "way", "well", "all"}:
            j += 1
        if j < len(words) and words[j] in _OUT and words[j] != "off" and _place(words, j):
            return i, j
        return None
    if words[i] in _BACK and _NOT & set(words[max(i - 3, 0) : i]):
        return _not_back(words, i)
    return None


def _not_back(words: list[str], verb: int) -> tuple[int, int] | None:
    """A denied going back of the joint: "it hasn't gone back (in)", "can't get it back"."""
    between = words[verb + 1 : verb + 3]
    if "back" not in between:
        return None
    back = verb + 1 + between.index("back")
    if back + 1 < len(words) and words[back + 1] in _NOT_ITS_BACK:
        return None  # "haven't gone back to football", "hasn't come back down"
    first = next(j for j in range(max(verb - 3, 0), verb) if words[j] in _NOT)
    subject = _subject(words, first)
    if subject in _PEOPLE:
        if not ({"it", "them"} | _JOINT) & set(words[verb + 1 : back]):
            return None  # "I haven't gone back since": the person, not the kneecap
    elif subject not in _ITS and subject != "":
        return None  # "the feeling hasn't come back": something else's
    end = back + 1 if back + 1 < len(words) and words[back + 1] in {"in", "into"} else back
    return first, end


def _subject(words: list[str], at: int) -> str:
    """The word a clause's verb at `at` stands after, past its helping words."""
    j = at - 1
    while j >= 0 and words[j] in {"has", "have", "had", "did", "does", "do", "will", "would",
        "can", "could", "is", "'s", "was", "still", "just", "even", "really"}:  # fmt: skip
        j -= 1
    if j < 0 or not words[j].isalpha():
        return ""
    return words[j]


def _its(words: list[str], i: int) -> bool:
    """Nothing but "it", the joint or helping words before token i in its clause."""
    j = i - 1
    while j >= 0 and words[j].replace("'", "").isalpha():
        if words[j] in _JOINS:
            return True  # "... out of its groove and it's still not back": a new part
        if words[j] not in _ITS:
            return False
        j -= 1
    return True


def _place(words: list[str], j: int) -> bool:
    """ "out" of a place, not "out of breath" or "out of action"."""
    if words[j] != "out" or words[j + 1 : j + 2] != ["of"]:
        return True
    return words[j + 2 : j + 3] in (["place"], ["position"], ["line"], ["joint"], ["socket"])


def _back(words: list[str], i: int) -> int | None:
    """A going back told ("popped back in", "it's back in place now") ending at token i."""
    went = went_back_at(words, i)
    if went is not None:
        return went
    if words[i] == "back" and words[i + 1 : i + 2] in (["in"], ["into"]):
        return i if words[i - 1 : i] in (["'s"], ["is"], ["it"], ["was"]) else None
    return i if words[i] == "reduced" else None


def _gone_out(
    words: list[str], mentions: list[Mention], context: Context, cue: int
) -> tuple[int, int] | None:
    """Tokens of the going out a stays-out cue at `cue` tells of: the nearest told before
    it, else one told after ("I can't get it back in, it popped out when I turned")."""
    for i in [*range(cue - 1, -1, -1), *range(cue + 1, len(words))]:
        if words[i] not in _JOINT:
            continue
        for j in range(i + 1, min(i + 6, len(words))):
            if words[j] in OUT_VERBS:
                k = j + 1
                while k < len(words) and k <= j + 3 and words[k] in _HOW_FAR and words[k] != "off":
                    k += 1
                if k < len(words) and words[k] in _OUT | {"side"}:
                    return i, k
            if words[j] in {"dislocated", "subluxed", "subluxated", "dislocation"}:
                return i, j
    doc = context.doc
    told = [m for m in mentions if m.value is True and not m.negated]
    told = [m for m in told if m.field in ("kneecap_slipped_out", "deformity")]
    for mention in told:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and span.start < cue:
            return span.start, span.end - 1
    if _JOINT & set(words[max(cue - 4, 0) : cue]):
        return cue, cue  # "my kneecap won't go back in": the joint told with it
    return None


def _dislocated_and_stuck(found: list[Mention], words: list[str]) -> list[Mention]:
    """A kneecap dislocated this time, never told gone back, with the leg stuck bent now
    ("dislocated my kneecap, leg stuck bent"): still out of place. A kneecap that stays out
    holds the knee bent and the person cannot straighten it; read as out and back in, the
    emergency of a knee out of place was lost (re-trial 32)."""
    dislocated = [m for m in found if m.field == "kneecap_slipped_out_this_time" and m.value]
    if not dislocated or any(m.field == "deformity" for m in found):
        return []
    back = any(_back(words, i) is not None for i in range(len(words)))
    bent = [m for m in found if m.field == "locking" and m.value == "now" and not m.negated]
    if back or not bent:
        return []
    first = dislocated[0]
    return [Mention("deformity", True, first.start, first.end, min(first.confidence, 0.75))]
