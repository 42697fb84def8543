"""One who looks at, checks or feels the patient's knee: what they found is the patient's.

"my wife checked and there was no sign of anything out of place", "my mate had a look and
reckons it's swollen", "the husband felt it and it's boiling": the one named only examines,
the knee they name no one's but the patient's (round 19g: set aside as the examiner's own,
and the finding was lost). Never when the examiner's own body is told in the same stretch
("my wife checked her knee", "he looked at his leg"): then it is theirs. Kept apart from
whose_words.py to keep it short.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

#: The look itself, right after the one named: a verb of looking, feeling or checking, or
#: "had a look/feel/check", with nothing or only the knee ("it", "the knee", "the leg") as
#: its object, then the clause ends or goes on with what was found.
_LOOKED = re.compile(
    r"^\s*(?:(?-i:[A-Z][a-z]+)\s+)?(?:(?:also|then|just|quickly|carefully|properly|has|have)\s+)?"
    r"(?:(?:looked|checked|examined|inspected|felt|prodded|poked|assessed|palpated|tested"
    r"|looks|checks|examines|feels)(?:\s+at)?"
    r"|(?:had|has|took|gave\s+it)\s+a\s+(?:\w+\s+)?(?:look|feel|check|prod|poke|peek|glance"
    r"|squeeze)(?:\s+at)?)"
    r"(?:\s+(?:it|the\s+(?:knee|leg|joint|kneecap)))?(?:\s+over)?"
    r"(?:\s+(?:earlier|today|tonight|again|properly|carefully|quickly|for\s+me|this\s+\w+))?"
    r"\s*(?:[,;.:]|-|\band\b|\bbut\b|\bthen\b|\bsays\b|\bsaid\b|\breckons\b|\bthinks\b|$)",
    re.IGNORECASE,
)
#: The examiner's own words, "she said", "he reckons", are no body of theirs.
_REPORTED = re.compile(
    r"\b(?:he|she)\s+(?:said|says|reckons|reckoned|thinks|thought|told\s+me|reckoned)\b",
    re.IGNORECASE,
)
#: Someone else's own body or doing named in the same stretch: then the story may be theirs.
_THIRD_BODY = re.compile(
    r"\b(?:his|her|hers|him|he's|she's|hes|shes)\b|\b(?:he|she)\s+(?!(?:said|says|reckons"
    r"|reckoned|thinks|thought|told)\b)",
    re.IGNORECASE,
)


def examines_knee(after: str) -> bool:
    """The words right after a person named (`after`, to the end of the sentence) tell them
    looking at, feeling or checking the knee, and nothing of a body of theirs."""
    if not _LOOKED.match(after):
        return False
    return not _THIRD_BODY.search(_REPORTED.sub(" ", after))


#: The look, anywhere before in the sentence: "my wife looked at it, she says it's red".
_LOOK_BEFORE = re.compile(
    r"\b(?:looked|checked|examined|inspected|felt|prodded|assessed|had\s+a\s+(?:\w+\s+)?"
    r"(?:look|feel|check|peek|glance))\b(?:\s+(?:at\s+)?(?:it|the\s+knee|my\s+knee))?\s*[,;]?\s*$",
    re.IGNORECASE,
)
_SAYS = frozenset({"says", "said", "reckons", "reckoned", "thinks", "thought"})


def says_what_was_found(doc: Doc, start: int) -> bool:
    """The clause at token `start` opens "she says" or "he reckons" right after a look at the
    knee ("my wife looked at it, she says it's red"): the examiner telling what they found,
    never their own story."""
    if start + 1 >= len(doc) or doc[start].lower_ not in ("he", "she"):
        return False
    if doc[start + 1].lower_ not in _SAYS:
        return False
    before = doc[doc[start].sent.start : start].text
    return bool(_LOOK_BEFORE.search(before)) and not _THIRD_BODY.search(before)
