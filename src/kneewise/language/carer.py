"""A nurse, carer, doctor or coach writing of the one person in their care: their story.

"I'm a nurse writing about my patient: his knee is hot and swollen", "I look after an
elderly lady, her knee is hot", "I'm his carer. He's 81", "district nurse here, patient is
3 weeks post op", "a player of mine went down in training": the writer tells their role,
then the one they care for by a noun ("the resident", "a client of mine") or as "he" or
"she". What follows is that person's, read as the story's subject exactly as a parent's
words of a child (round 15d: "his knee is hot and swollen" was set aside as someone
else's and only the fever kept). Never when the writer tells of their own knee, leg or
symptoms (person.py passes those patterns): a story of two people keeps them apart.
Kept apart from person.py to keep it short.
"""

from __future__ import annotations

import re

#: The writer's role in someone else's care or sport.
_ROLE = (
    r"(?:nurse|carer|caregiver|care[\s-]giver|care\s+(?:worker|assistant|manager)"
    r"|support\s+worker|healthcare\s+assistant|health\s+care\s+assistant|hca"
    r"|nursing\s+assistant|doctor|gp|medic|paramedic|physio|physiotherapist|therapist"
    r"|osteopath|chiropractor|midwife|coach|trainer|teacher|first[\s-]aider|pharmacist"
    r"|personal\s+trainer|pt|matron|sister|consultant|registrar|junior\s+doctor)"
)
#: Those a nurse or carer writes a case note about.
_IN_CARE = r"(?:patient|resident|client|service\s+user)s?"
#: The role told by the writer: "I'm a nurse", "I'm his carer", "as a paramedic", "GP
#: here", "I work in a care home", "I look after an elderly lady", "the lad I coach".
ROLE_TOLD = re.compile(
    rf"\b(?:i'?m|im|i\s+am|as|i\s+work\s+as)\s+(?:a|an|the|his|her|their|your|one\s+of\s+(?:his"
    rf"|her|their|the))\s+(?:[\w-]+\s+){{0,2}}?{_ROLE}s?\b"
    rf"|\b{_ROLE}\s+here\b"
    r"|\bi\s+work\s+(?:in|at|on)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:care\s+home|nursing\s+home|home|ward|hospital|practice|surgery|clinic|club|school)\b"
    r"|\bi\s+(?:\w+\s+)?(?:look\s+after|care\s+for|nurse|support|coach|train|teach|visit)"
    r"\s+(?:a|an|the|this|him|her|my|our|one)\b"
    r"|\b(?:lad|boy|girl|kid|player|athlete|lady|man|woman|gentleman)s?\s+i\s+(?:look\s+after"
    r"|care\s+for|coach|train|teach|support|nurse|visit)\b"
    # "a player of mine", "a patient of ours": one of those in the writer's care
    r"|\b(?:a|an|one)\s+(?:[\w-]+\s+)?(?:patient|resident|client|service\s+user|pupil|player"
    r"|athlete)s?\s+of\s+(?:mine|ours)\b"
    # "Care home resident, 91,", "Elderly patient (88)": the story opens with them and their age
    r"|^\W*(?:[\w-]+\s+){0,2}?(?:patient|resident|client|service\s+user)\s*(?:,|\(|:|is|aged?)?"
    r"\s*\(?\d{1,3}\b"
    # a note of a case: "writing about a patient", "re: a patient, 84F", "regarding my
    # resident" (round 16e: "nurse here writing about a patient, 84F" was set aside)
    r"|\b(?:writing|asking|emailing|messaging|enquiring|here)\s+(?:about|for|regarding|re|on"
    rf"\s+behalf\s+of)\s+(?:a|an|my|our|the|this)\s+(?:[\w-]+\s+){{0,2}}?{_IN_CARE}\b"
    rf"|(?:^|\n)\W*(?:re|regarding|subject)\s*:?\s+(?:a|an|my|our|the|this)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{_IN_CARE}\b",
    re.IGNORECASE,
)
#: "of mine" is the writer's tie to the one in their care, never the writer's own body.
_OF_MINE = re.compile(r"\bof\s+(?:mine|ours)\b", re.IGNORECASE)
#: The one in their care, named: "my patient", "the resident", "a 70 year old man", "a
#: client of mine", "one of our residents", "an elderly lady".
_CARED = (
    r"(?:patient|resident|client|service\s+user|pupil|student|athlete|player|lady|gentleman"
    r"|gent|man|woman|lad|boy|girl|chap|fella|bloke)"
)
CARED_NAMED = re.compile(
    rf"\b(?:(?:my|our|the|a|an|this|that|one\s+of\s+(?:my|our|the))\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?(?P<noun>{_CARED})s?\b",
    re.IGNORECASE,
)
_THEIR_AGE = re.compile(
    rf"\b{_IN_CARE}\s*[,(]\s*(?:aged?\s+)?\d{{1,3}}\s?(?:[mf]|yo|y/o|yrs?)?\b", re.IGNORECASE
)
_THIRD = re.compile(r"\b(?:he|she|his|her|him|he's|she's|hes|shes)\b", re.IGNORECASE)


def in_care(text: str, told: tuple[re.Pattern[str], ...]) -> tuple[str | None, int, str] | None:
    """The one the writer cares for, when the story is theirs: (their noun or None, where,
    whose: "your" when the writer says "my" or "our", else "the").

    The writer's role must be told, then that person by a noun or as "he" or "she", and the
    writer must tell nothing of their own body (`told`).
    """
    role = ROLE_TOLD.search(text)
    # "of mine" and the age and sex told beside the one in their care ("a patient, 84F,") are
    # theirs, never the writer's own (person._SELF_KNEE reads ", 84F" as the writer)
    own = _THEIR_AGE.sub("", _OF_MINE.sub("", text))
    if role is None or any(pattern.search(own) for pattern in told):
        return None
    named = CARED_NAMED.search(text, role.start())
    third = _THIRD.search(text)
    if named is not None and (third is None or named.start() < third.start()):
        whose = "your" if re.match(r"(?:my|our)\b", named.group(), re.I) else "the"
        return named.group("noun").lower(), named.start("noun"), whose
    if third is not None:
        return None, third.start(), "the"
    return None
