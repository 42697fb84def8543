"""A knee (not a kneecap) that went out of place and went back into place by itself.

"my knee bent the wrong way totally then went back into place by itself, now it looks
normal-ish", "my knee came out of joint and popped back into its socket": the whole knee
was out of place and went back. A knee dislocation often goes back on its own before anyone
sees it and is still the emergency of the artery behind the knee (Boyce 2015: "patients
presenting with knee pain in the setting of high- or low-energy trauma may have sustained
a knee dislocation that spontaneously reduced"; damage to the popliteal artery is common).
The lexicon reads "my knee dislocated and went back in" as `deformity` (a knee out of place,
the deformity_after_injury rule); this reads the same told in everyday words, and a "looks
normal(-ish)" after it is how it looks now, never a "no" to a knee that was out (round 16d:
read as `deformity: false`, see a doctor).

Only a going out that is the whole knee's (bent or gone the wrong way or backwards, out of
joint or of its socket) with a going back: told INTO place, joint or socket, or, after that
going out, as the knee snapping back ("went totally sideways then popped back in", "bent
backwards and clicked back", round 18e: read as giving way alone, and the re-trial's
motorbike story was "see a doctor"). A going back with no such going out before it ("slipped
out and straight back in", "popped out and back in") may be a kneecap or a knee giving way
(re-trial 6c keeps it unknown). A going back denied ("didn't go back into place") is a knee
still out, read the same. A kneecap named
in the sentence is kneecap.py's lesser thing (a kneecap out and back), never this.
"""

from __future__ import annotations

from kneewise.language.context import Context
from kneewise.language.kneecap import KNEECAP
from kneewise.language.mention import Mention

#: The whole knee's joint words ("leg" as people say "my leg went the wrong way").
_KNEE = frozenset({"knee", "knees", "leg", "legs", "joint"})
#: Where a going back ends: "back into place", "back in its socket", "back into joint".
_PLACE = frozenset({"place", "position", "joint", "socket", "alignment", "line"})
_INTO = frozenset({"in", "into", "to", "its", "the", "it", "s", "'s", "proper", "right"})
#: The whole knee going out: the wrong way, backwards, sideways, out of joint or socket.
#: Not "out of place": people say it of a kneecap too, and it stays the lexicon's.
_OUT_WAYS = (("wrong", "way"), ("out", "of", "joint"), ("out", "of", "its", "socket"),
    ("out", "of", "the", "socket"))  # fmt: skip
_OUT_WORDS = frozenset({"backwards", "backward", "sideways", "dislocated"})
#: A knee snapping back once it went out: "popped back", "clicked straight back in".
_SNAPPED = frozenset({"popped", "pop", "pops", "popping", "clicked", "click", "clicks",
    "clunked", "clunk", "clunks", "snapped", "snap", "snaps", "sprang", "sprung", "pinged",
    "slotted", "jumped", "jolted", "shot", "clonked", "thunked", "cracked"})  # fmt: skip
#: A going back that must say "in": "went back in", never "went back to work".
_WENT = frozenset({"went", "gone", "go", "goes", "came", "come", "moved", "shifted", "slid",
    "slipped", "got", "fell", "pushed", "put", "shoved", "forced", "knocked"})  # fmt: skip
#: Between the verb and "back": "popped straight back in", "I pushed it back in".
_BETWEEN = frozenset({"straight", "right", "just", "immediately", "instantly", "it", "itself",
    "all", "then", "quickly"})  # fmt: skip
#: What may follow "back in": the end of a clause or its going on ("back in by itself"),
#: never a time or a place ("went back in the game", "back in March").
_AFTER_IN = frozenset({"", ",", ".", "!", ";", "and", "then", "by", "on", "straight", "again",
    "itself", "-", "but", "now", "after", "when", "so", "with", "which"})  # fmt: skip
#: Who or what went back when it is not the knee: "the pain came back in the evening".
_NOT_KNEE = frozenset({"pain", "ache", "aching", "swelling", "feeling", "stiffness",
    "throbbing", "we", "they"})  # fmt: skip
_CONFIDENCE = 0.9


def knee_out_and_back(mentions: list[Mention], context: Context) -> list[Mention]:
    """A whole knee told out of place and back into place reads `deformity: true`."""
    doc = context.doc
    words = [t.norm_ for t in doc]
    found = list(mentions)
    for sent in doc.sents:
        said = words[sent.start : sent.end]
        if KNEECAP & set(said):
            continue
        back = _back_into_place(said)
        out = _knee_went_out(said, back) if back is not None else None
        if out is None:  # "went sideways then popped back in": back after the knee's going out
            out, back = _snapped_back(said)
        if back is None or out is None:
            continue
        clause = context.clause_of(sent.start + out)
        if context.about_someone_else(clause):
            continue
        start, end = doc[sent.start + out].idx, doc[sent.start + back].idx
        end += len(doc[sent.start + back].text)
        # how it looks now ("looks normal-ish") is no "no" to a knee that was out
        found = [m for m in found if not _looks_fine(m, sent.start_char, sent.end_char)]
        found.append(Mention("deformity", True, start, end, _CONFIDENCE))
    return found


def _looks_fine(mention: Mention, start: int, end: int) -> bool:
    """A "no" to a knee out of place told in the sentence: "looks normal-ish now"."""
    told = mention.field == "deformity" and mention.value is False
    return told and start <= mention.start < end


def _back_into_place(said: list[str]) -> int | None:
    """The token ending "back (in)to (its) place / joint / socket".

    A going back denied ("didn't go back into place") tells the knee still out: the same
    knee out of place, now too.
    """
    for i, word in enumerate(said):
        if word != "back":
            continue
        j = i + 1
        while j < len(said) and j <= i + 3 and said[j] in _INTO:
            j += 1
        if j < len(said) and said[j] in _PLACE and j > i + 1:
            return j
    return None


def _knee_went_out(said: list[str], back: int) -> int | None:
    """The knee's word before a going out of the whole knee told before the going back."""
    for i in range(back):
        way = any(tuple(said[i : i + len(w)]) == w for w in _OUT_WAYS) or said[i] in _OUT_WORDS
        if not way:
            continue
        knees = [k for k in range(max(i - 8, 0), i) if said[k] in _KNEE]
        if knees:
            return knees[-1]
    return None


def _snapped_back(said: list[str]) -> tuple[int | None, int | None]:
    """The knee's word and the token ending a snapping back told after the whole knee went
    out ("went sideways then popped back in"); (None, None) when there is none."""
    for i, word in enumerate(said):
        if word != "back" or i == 0:
            continue
        j = i - 1
        while j > 0 and said[j] in _BETWEEN:
            j -= 1
        verb = said[j]
        after = [*said[i + 1 : i + 3], "", ""]
        told_in = after[0] in ("in", "into") and after[1] in _AFTER_IN
        if not (verb in _SNAPPED or (verb in _WENT and told_in)):
            continue
        if j > 0 and said[j - 1] in _NOT_KNEE:
            continue  # "the pain came back in": the pain's coming back
        out = _knee_went_out(said, j)
        if out is not None:
            return out, i + 1 if told_in else i
    return None, None
