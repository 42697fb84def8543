"""Words a writer describes the person they write about with: "a big lad", "the boy".

A grandparent writes "he is 12 and a big lad for his age": the lad is the grandson, so his
age and what follows are his, never set aside as someone else's (round 6d). A writer says
"I'm 15 and a big lad" of themselves. `describes_patient` tells such a word from a new
person ("a lad from the other team tackled him").
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from kneewise.language.lexicon import load_lexicon

if TYPE_CHECKING:
    from kneewise.language.person import Patient
    from kneewise.language.sex import Sex

#: Words a writer describes the child or person they write about with, not kin: "he is 12
#: and a big lad for his age", "the boy keeps limping", "my girl is 13" (round 6d: "a big
#: lad" was read as someone else, and the grandson's age with it).
DESCRIBING: dict[Sex | None, frozenset[str]] = {
    "male": frozenset({"lad", "boy", "fella", "fellow", "man", "chap"}),
    "female": frozenset({"girl", "lass", "lady"}),
    None: frozenset({"kid", "child", "teen", "teenager", "youngster", "kiddo", "one", "toddler"}),
}
#: Words that may stand between the determiner and the describing word: "a big lad".
_DESCRIPTIONS = frozenset({"big", "little", "wee", "young", "tall", "small", "sporty", "active",
    "strapping", "skinny", "tiny", "heavy", "fit", "lovely", "poor", "bright",
    "healthy", "chunky", "stocky", "growing", "old", "overweight", "chubby", "tubby", "podgy",
    "plump", "lanky", "athletic", "heavyset", "obese", "large", "slim", "thin", "sturdy",
    "solid", "cheeky", "quiet", "busy", "bouncy", "keen"})  # fmt: skip
_DEFINITE = frozenset({"the", "this", "my", "our"})
_COPULA = frozenset({"is", "'s", "’s", "was", "s", "be"})
_SUBJECTS = frozenset({"he", "she", "they"})
_BETWEEN_COPULA = frozenset({"and", "quite", "really", "such", "very", "also", "just", ","})


def describes_patient(patient: Patient, doc: Doc, at: int) -> bool:
    """The describing word at token `at` is the relative the story is about, not a new person.

    A writer about their grandson calls him "a big lad", "the boy" or "my little man": told
    with "the", "my" or "our", in apposition ("my daughter, a sporty girl of 14"), or said of
    him ("he is 12 and a big lad"), it is the patient. Not when the word is kin, of the other
    sex, or brought in with "a" as a new one ("a girl in his class"). Anyone who did
    something to the patient ("a lad from the other team tackled him and his knee swelled")
    is told of in the patient's story: the blow and what followed are the patient's, as
    "my brother fell on me" is the writer's (person.py), so True too.
    """
    word = doc[at].norm_
    if patient.kind == "other" and word in _people() and _done_to(patient, doc, at):
        return True  # "a lad from the other team tackled him": the patient's blow
    sexes = [sex for sex, words in DESCRIBING.items() if word in words]
    if not sexes or (sexes[0] not in (None, patient.sex) and patient.sex is not None):
        return False
    if patient.kind == "self":
        return _writer_described(doc, at)
    i = at - 1
    while i >= 0 and doc[i].norm_ in _DESCRIPTIONS:
        i -= 1
    if i < 0 or (word in ("one", "man", "fella", "fellow", "lady") and i == at - 1):
        return False  # "one", "man" alone name no child: "the little one", "young fella"
    determiner = doc[i].norm_
    if determiner in _DEFINITE:
        return True
    if _bare_beside(patient, doc, i):
        return True  # "my son 13, chunky lad, been limping": the son described
    if determiner not in ("a", "an"):
        return False
    before = list(doc[max(doc[at].sent.start, i - 10) : i])
    words = [t.norm_ for t in before]
    noun = (patient.noun or "").lower()
    if len(words) >= 2 and words[-1] == "," and words[-2].rstrip("s") == noun:
        return True  # "my daughter, a sporty girl of 14"
    # "he is 12 and a big lad", "she's quite a tall girl": said of the patient, nothing else
    # between ("she is friends with a girl" is someone else)
    copula = max((n for n, w in enumerate(words) if w in _COPULA), default=None)
    if copula is None or not set(words[:copula]) & (_SUBJECTS | {noun}):
        return False
    return all(t.like_num or t.norm_ in _BETWEEN_COPULA for t in before[copula + 1 :])


#: Before a describing word told bare, what puts it beside the one named: their age ("my
#: son 13 chunky lad"), a comma, a bracket or a dash ("son, 13, big lad,"), a full stop
#: ("my son, 13. Chunky lad.").
_BESIDE = frozenset({",", "(", "-", "–", "—", ":", ".", "aged", "age", "old", "yo", "yrs"})


def _bare_beside(patient: Patient, doc: Doc, i: int) -> bool:
    """A describing word with no "a" or "the", right after the patient's name or age or
    opening a clause after it, describes the patient named before it (round 18e: "my son 13
    chunky lad been limping 3 weeks" set the whole story aside as the lad's, someone else)."""
    if i < 1 or not (doc[i].like_num or doc[i].norm_ in _BESIDE):
        return False
    noun = (patient.noun or "").lower().rstrip("s")
    return bool(noun) and any(t.norm_.rstrip("s") == noun for t in doc[max(0, i - 12) : i])


#: Someone's deed done to a person: "tackled him", "fell on her", "went through him".
_DEEDS = (
    r"(?:kicked|tackled|hit|fouled|knocked|clattered|barged|tripped|pushed|caught|booted|kneed"
    r"|elbowed|clipped|flattened|smashed|nailed|studded|raked|took\s+out"
    r"|(?:fell|landed|stood|sat|jumped|rolled|stamped|trod)\s+on"
    r"|(?:ran|crashed|slid|went|came)\s+(?:into|through))"
)
_PRONOUNS = {"male": "him", "female": "her", None: "him|her|them"}


def _done_to(patient: Patient, doc: Doc, at: int) -> bool:
    """The person at token `at` did something to the patient in the words after them."""
    sentence = doc[at].sent
    rest = doc.text[doc[at].idx + len(doc[at].text) : sentence.end_char]
    deed = re.match(
        rf"([^.;!?]{{0,60}}?)\b{_DEEDS}\s+(?:{_PRONOUNS[patient.sex]})\b", rest, re.IGNORECASE
    )
    # a new person named before the deed did it: in "my boy has a fever and my girl fell
    # on her knee" the girl fell, the boy did nothing to her (re-trial 31)
    return deed is not None and not set(re.findall(r"[\w']+", deed.group(1).lower())) & _people()


@cache
def _people() -> frozenset[str]:
    """Everyone the lexicon names, and the describing words: "teammate", "lad"."""
    return frozenset().union(*load_lexicon().people.values(), *DESCRIBING.values())


def _writer_described(doc: Doc, at: int) -> bool:
    """ "I'm 15 and a big lad", "I am quite a tall girl": the writer describing themselves."""
    i = at - 1
    while i >= 0 and doc[i].norm_ in _DESCRIPTIONS:
        i -= 1
    if i < 1 or doc[i].norm_ not in ("a", "an"):
        return False
    before = list(doc[max(doc[at].sent.start, i - 6) : i])
    words = [t.lower_ for t in before]
    spoken = [n for n, w in enumerate(words) if w in ("'m", "’m", "am", "m", "i'm", "im")]
    if not spoken or (words[spoken[-1]] in ("'m", "’m", "am", "m") and "i" not in words):
        return False
    return all(t.like_num or t.norm_ in _BETWEEN_COPULA for t in before[spoken[-1] + 1 :])


#: The last word of an age told before a person ("13 year old", "14 y/o", "12yo"), and the
#: words that end a description of them ("13yo and my brother": two people).
_AGE_UNITS = frozenset({"old", "yo", "o", "yr", "yrs"})
_NOT_DESCRIBING = frozenset({"and", "or", "but", "with", "my", "his", "her", "the", "a", "an",
    "our", "their", "is", "was", "me", "i"})  # fmt: skip


def aged_before(doc: Doc, at: int) -> bool:
    """An age, then one or two describing words, before the person word at `at` ("13yo
    overweight lad", "a 12 year old sporty girl"): the person the age is told of, described
    (the writer telling of a child they care for), not a statement about someone else
    (re-trial 28). Right after the age ("16yo boy") is the caller's own test; a school year
    right before ("Year 4 boy": ages.py reads the age) is told of the one aged too."""
    if at > 1 and doc[at - 1].like_num and doc[at - 2].norm_ in ("year", "yr"):
        return True
    i, skipped = at - 1, 0
    while i >= 0 and skipped < 2 and doc[i].is_alpha:
        if doc[i].norm_ in _AGE_UNITS or doc[i].norm_ in _NOT_DESCRIBING:
            break
        i, skipped = i - 1, skipped + 1
    if skipped == 0 or i < 0:
        return False
    word = doc[i].norm_
    return word in _AGE_UNITS or re.fullmatch(r"\d{1,2}(?:yo|y/o|yrs?)", word) is not None
