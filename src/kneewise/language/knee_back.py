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

Round 19b, the same told in other or clinical words: a going out at an angle or inwards
("bent inwards at a horrible angle, then snapped back straight"), a going back told as
"relocated" or "reduced" ("knee hyperextended and it relocated on its own", "my knee
reduced itself"), as "went back" at a clause's end after a dislocation ("dislocated but it
went back"), or a knee put back by someone ("put back in by the physio on the pitch":
only a knee that was out is put back). A bent-back knee (hyperextended) that only
"snapped back" is the bending itself, so it counts only with a going back in words.
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
_OUT_WORDS = frozenset({"backwards", "backward", "sideways", "dislocated", "dislocation",
    "inwards", "inward", "outwards", "outward", "angle"})  # fmt: skip
#: Bent too far back: a going out only with a going back in words ("relocated", "back in"),
#: never a snap ("hyperextended and snapped back" is how a knee bends back and returns).
_STRAINED = frozenset({"hyperextended", "hyperextension", "overextended", "hyperextend"})
#: Told dislocated with no knee word ("dislocated but it went back"): the knee's unless
#: another joint is named.
_DISLOCATED = frozenset({"dislocated", "dislocation"})
_OTHER_JOINTS = frozenset({"shoulder", "shoulders", "finger", "fingers", "thumb", "elbow",
    "wrist", "hip", "hips", "ankle", "ankles", "toe", "toes", "jaw", "collarbone"})  # fmt: skip
#: A going back in clinical words: "it relocated on its own", "my knee reduced itself".
_RELOCATED = frozenset({"relocated", "relocate", "relocates", "relocating", "reduced",
    "reduce", "reduces", "realigned", "realign", "realigns"})  # fmt: skip
#: Said of itself, it went back by itself or was put back: "reduced itself", "on its own",
#: "spontaneously", "by the paramedics".
_SELF = frozenset({"itself", "own", "spontaneously", "by"})
#: Between a knee and what it did: "my knee was then reduced", "it just relocated".
_AUX = frozenset({"was", "got", "has", "had", "have", "been", "then", "just", "is", "s", "'s",
    "spontaneously", "finally", "eventually", "immediately", "quickly", "instantly",
    "straight", "all", "being", "get", "gets", "getting", "were", "luckily"})  # fmt: skip
#: A knee told after one of these is where another thing is: "the swelling in my knee".
_OF = frozenset({"in", "of", "on", "around", "behind", "under", "above", "below", "over"})
#: Someone putting a knee back ("the physio put my knee back in", "knee was popped back in
#: by the paramedic"): only a knee that was out is put back.
_PUT = frozenset({"put", "pushed", "popped", "forced", "knocked", "shoved", "yanked",
    "pulled", "clicked", "manipulated", "eased", "snapped", "got", "putting",
    "pushing"})  # fmt: skip
#: The knee told put back: passive ("was put back in") or had done ("had my knee put back").
_PASSIVE = frozenset({"was", "got", "been", "being", "get", "gets", "getting", "is", "were",
    "had"})  # fmt: skip
#: What ends a going back told with no "in": "it went back.", "went back by itself", never
#: "slipped back on the ice" or "went back after lunch".
_ENDS = frozenset({"", ",", ".", "!", ";", "and", "then", "by", "itself", "straight", "again",
    "but", "now", "-", "so"})  # fmt: skip
#: Who went back when it is a person: "then I went back in", "she went back".
_PEOPLE = frozenset({"i", "he", "she", "you", "we", "they"})
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
#: After a knee put "back in": "at A&E", "on the pitch" (where), never "the brace" (what in).
_PUT_ENDS = _AFTER_IN | {"at", "on"}
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
        out = _knee_went_out(said, back, strained=True) if back is not None else None
        if out is None:  # "went sideways then popped back in": back after the knee's going out
            out, back = _snapped_back(said)
        if out is None:  # "it relocated on its own", "put back in by the physio"
            out, back = _relocated(said)
        if out is None:
            out, back = _put_back(said)
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


def _knee_went_out(said: list[str], back: int, strained: bool = False) -> int | None:
    """The knee's word before a going out of the whole knee told before the going back;
    a knee bent too far back counts when `strained` (a going back told in words)."""
    for i in range(back):
        way = any(tuple(said[i : i + len(w)]) == w for w in _OUT_WAYS) or said[i] in _OUT_WORDS
        if not (way or (strained and said[i] in _STRAINED)):
            continue
        knees = [k for k in range(max(i - 8, 0), i) if said[k] in _KNEE]
        if knees:
            return knees[-1]
        if said[i] in _DISLOCATED and not _OTHER_JOINTS & set(said):
            return i  # "dislocated but it went back": no other joint named, the knee's
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
        # "dislocated but it went back": a going back that ends its clause (never "went
        # back to work"), once a whole knee's going out was told
        ended = verb in _WENT and after[0] in _ENDS and said[j - 1] not in _PEOPLE
        if not (verb in _SNAPPED or (verb in _WENT and told_in) or ended):
            continue
        if j > 0 and said[j - 1] in _NOT_KNEE:
            continue  # "the pain came back in": the pain's coming back
        out = _knee_went_out(said, j, strained=told_in or ended)
        if out is not None:
            return out, i + 1 if told_in else i
    return None, None


def _relocated(said: list[str]) -> tuple[int | None, int | None]:
    """A knee told relocated or reduced ("it relocated on its own", "my knee reduced
    itself", "knee was reduced by the paramedics"): the knee's word, or the one a going
    out was told with before "it", and the relocation's; (None, None) when there is none.

    Only of the knee itself (its word, or "it" after a going out): "the swelling reduced"
    and "we relocated to Leeds" are not; "reduced" needs the knee or "itself", "on its
    own", "by" someone after it, so "it reduced with ice" is no knee put back.
    """
    for i, word in enumerate(said):
        if word not in _RELOCATED or said[i + 1 : i + 2] == ["to"]:
            continue
        k = i - 1
        while k >= 0 and said[k] in _AUX:
            k -= 1
        subject = said[k] if k >= 0 else ""
        owner = said[max(k - 2, 0) : k]  # "the swelling in my knee reduced": the swelling's
        if subject in _KNEE and not _OF & set(owner):
            return k, i
        obj = i + 1 + (said[i + 1 : i + 2] in (["my"], ["the"], ["his"], ["her"], ["their"]))
        told = [*said[obj : obj + 2], "", ""]
        if told[0] in _KNEE and told[1] in _AFTER_IN | {"at", "in", "back", "for", "there"}:
            return i, obj  # "the paramedics reduced my knee", never "reduced my knee pain"
        if subject in ("and", "then", "but", ","):  # "went the wrong way and relocated"
            out = _knee_went_out(said, k + 1, strained=True)
            if out is not None:
                return out, i
        self_told = bool(_SELF & set(said[i + 1 : i + 4])) or said[i - 1 : i] == ["spontaneously"]
        if subject in ("it", "which") and (self_told or not word.startswith("reduc")):
            out = _knee_went_out(said, k, strained=True)
            if out is not None or self_told:
                knees = [n for n in range(k) if said[n] in _KNEE]
                if out is not None or knees:
                    return (out if out is not None else knees[-1]), i
    return None, None


def _put_back(said: list[str]) -> tuple[int | None, int | None]:
    """A knee someone put back: "the physio put my knee back in", "my knee was popped back
    into place by the paramedic", "had my knee put back"; the knee's word and the going
    back's last word, or (None, None)."""
    for i, word in enumerate(said):
        if word != "back" or i < 2:
            continue
        after = [*said[i + 1 : i + 3], "", ""]
        # "put back in at A&E": a place after it is where, never what it went back into
        ends = after[0] in _AFTER_IN or (after[0] in ("in", "into") and after[1] in _PUT_ENDS)
        place = _back_into_place(said[i:]) is not None
        if not (ends or place):
            continue
        # the knee between the verb and "back": "put my knee back in", "popped the knee back"
        knees = [k for k in range(max(i - 3, 0), i) if said[k] in _KNEE]
        if knees and said[knees[0] - 1] in _PUT | {"my", "the", "his", "her", "their"}:
            verbs = [v for v in range(max(knees[0] - 2, 0), knees[0]) if said[v] in _PUT]
            by_me = bool(verbs) and "i" in said[max(verbs[0] - 2, 0) : verbs[0]]
            if verbs and not by_me:  # "i put my knee back into position on the foam roller"
                return knees[-1], i + 1 if after[0] in ("in", "into") else i
        # the knee told put back: "knee was put back in", "had my knee popped back in";
        # never "my knee popped back in" alone, which may be a kneecap (kept unknown)
        j = i - 1
        while j > 0 and said[j] in _BETWEEN:
            j -= 1
        if said[j] not in _PUT:
            continue
        passive = said[j - 1] in _PASSIVE  # "was put back", "got popped back"
        had = said[j - 1] in _KNEE and bool({"had", "got"} & set(said[max(j - 4, 0) : j - 1]))
        knees = [k for k in range(max(j - 5, 0), j) if said[k] in _KNEE]
        if knees and (passive or had):
            return knees[-1], i + 1 if after[0] in ("in", "into") else i
    return None, None
