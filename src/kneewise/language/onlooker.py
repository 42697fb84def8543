"""The writer only looks on: the person they name, then tell of as "he" or "she", is the patient.

"found dad on the floor this morning, he cant get up", "I found my mum on the kitchen
floor, she can't get up", "went to check on gran and she was on the floor": the one
named as the object of the writer's verb is the patient (re-trial 31: named after a
verb, they were someone else, and the whole story was set aside). Never when the writer
tells of their own knee, leg, symptoms or of being hurt (person.py passes those
patterns), and never when the "I" does anything but look on or care ("I fell over my
dog", "I think I hurt it lifting dad"). So too one told of only as "he" or "she" whom the
writer heard or watched, and a "she" story naming her after ("mum is 88": `named_later`).
Kept apart from person.py to keep it short.
"""

from __future__ import annotations

import re

from kneewise.language.whose_words import AUXILIARIES, ONLOOKING, REPORTING

#: The first person or a third one, whichever the story names first.
FIRST_NAMED = re.compile(
    r"\b(?:(?P<writer>i|i'm|im|i've|ive|i'd|me|my|myself)|he|she|he's|she's|hes|shes|his|her)\b",
    re.IGNORECASE,
)
#: The writer telling of their own body, or of something done to them.
WRITER_TOLD = re.compile(
    # "won't let me touch her leg" is the writer's hands on the child, never their own body
    r"(?<!\blet\s)\bme\b|\b(?:myself|mine)\b"
    r"|\bi\s*(?:can'?t|cannot|can\s+not|couldn'?t|could\s+not)\s+(?:\w+\s+)?(?:walk|stand|bend"
    r"|straighten|put|bear|move|feel|lift|kneel|squat|run|sleep)"
    # "I can't lift him", "couldn't move her": the writer's hands on the patient, no own body
    r"(?!\w*\s+(?:him|her|them|his|their)\b)"
    r"|\bi\s*(?:have|'ve|ve|had)?\s*(?:got\s+)?(?:a\s+|an\s+)?(?:fever|temp|temperature|high"
    r"|swollen|swelling|sore|pain|numb|limp|the\s+(?:chills|shivers|sweats))\b"
    r"|\bi(?:'m|\s+am|m)\s+(?:\w+\s+)?(?:limping|hobbling|shivering|shivery|feverish|sore|in\s+pain"
    r"|in\s+agony|burning|boiling|struggling|unable|numb|sweating)\b",
    re.IGNORECASE,
)
#: The writer's coming to the patient, beside ONLOOKING's seeing and caring: "went round".
_ARRIVING = frozenset({"went", "came", "got", "popped", "rushed", "ran", "walked", "checked",
    "check", "checking", "go", "come", "phoned", "visited", "arrived", "woke", "heard",
    "helped", "lifted", "lift", "tried", "trying"})  # fmt: skip
#: Modals between "I" and its verb, written whole: "I couldn't lift her".
_MODALS = frozenset({"can't", "cant", "couldn't", "couldnt", "can’t", "couldn’t", "could"})
_LEG = re.compile(r"\b(?:knee|knees|leg|legs|kneecap|calf|shin|ankle|hip)\b", re.IGNORECASE)
_THIRD = re.compile(r"\b(?:he|she|he's|she's|hes|shes|he'd|she'd)\b", re.IGNORECASE)


def writer_looks_on(text: str, told: tuple[re.Pattern[str], ...], opened: bool = False) -> bool:
    """The story opens with "he" or "she" and the writer only looks on or cares for them.

    So too when it opens with the person's noun (`opened`): "toddler screams when I touch
    her leg", "baby cries when we move his leg" (re-trial 31: set aside as another's).

    "he keeps the right one still when I change his nappy, he's 6 weeks old", "she won't
    walk on it and feels hot, I think she's about 3" (re-trial 28's helper: a parent's
    "I" set the child's story aside as someone else's, so nothing was read). Never when
    the writer tells of their own knee, leg, symptoms or of being hurt (`told`).
    """
    first = FIRST_NAMED.search(text)
    if not opened and (first is None or first.group("writer")):
        return False
    return not any(pattern.search(text) for pattern in told)


def named_then_told(
    text: str, people: str, told: tuple[re.Pattern[str], ...]
) -> re.Match[str] | None:
    """The person the writer names ("dad", "my mum") before telling of them as he or she.

    Only when the writer's own words are those of an onlooker: "my" before a person,
    "I" before a verb of seeing, finding or coming to them. The person is the first one
    named, and comes before the first "he" or "she" (whose sex must not gainsay them).
    """
    if any(pattern.search(text) for pattern in told):
        return None
    third = _THIRD.search(text)
    if third is None:
        return None
    named = re.search(
        rf"\b(?:(?:my|our|the)\s+)?(?:(?:old|poor|elderly)\s+)?(?P<noun>{people})\b",
        text[: third.start()],
        re.IGNORECASE,
    )
    if named is None or not _only_onlooking(text, people):
        return None
    if _LEG.search(text, 0, named.start()):
        return None  # "knee aches after squash, my sister says ...": the knee told first
    if any(_tells_of_another(text, at) for at in (named.end(), third.end())):
        return None  # "my sister says it's torn", "went with mum, she said": she tells
    if re.search(r"\bwith\s+$", text[: named.start()], re.IGNORECASE):
        return None  # "went to the GP with my partner": who came along, not the patient
    return named


def onlooks_unnamed(text: str, people: str, told: tuple[re.Pattern[str], ...]) -> bool:
    """The writer only looks on at someone told of only as "he" or "she": "I watched her
    collapse in the hall, she's 90" (round 13e: her age and "can't get up" were set aside
    as someone else's). Never when the writer tells of their own knee or symptoms."""
    third = _THIRD.search(text)
    if third is None or any(pattern.search(text) for pattern in told):
        return False
    return _only_onlooking(text, people) and not _tells_of_another(text, third.end())


#: Before a person, words that make them another's or only company: "her mum", "with the
#: grandkids", "to see dad" (the one named is not who "she" is).
_NOT_THEM = re.compile(
    r"(?:\b(?:his|her|their|your|with|to|for|from|by|at|beside|near|without|and\s+his|and\s+her)"
    r"|['’]s)\s+(?:(?:the|my|our|little|old|poor|elderly)\s+)?$",
    re.IGNORECASE,
)


def named_later(text: str, people: str, told: tuple[re.Pattern[str], ...]) -> re.Match[str] | None:
    """The person a story told of "he" or "she" names after: "she was on the floor for
    hours, mum is 88", "he's gone down in the garden, grandad's 90".

    In British English "mum", "dad", "nan", "grandad" without "my" are the writer's own
    (round 13e: "mum is 88 and her hip hurts" was set aside as someone else's, and nothing
    was read). Only one person, never one who is another's or only company ("her mum",
    "playing with the grandkids"), never several ("the kids"), and never when the writer
    tells of their own knee or symptoms (`told`).
    """
    if _THIRD.search(text) is None or any(pattern.search(text) for pattern in told):
        return None
    for named in re.finditer(rf"\b(?:(?:my|our)\s+)?(?P<noun>{people})\b", text, re.I):
        if _NOT_THEM.search(text[: named.start()]) or named["noun"].lower() in _SEVERAL:
            continue
        if _tells_or_tends(text, named.end()):
            continue  # "dad thinks it's broken", "mum took her to A&E": not who "she" is
        return named
    return None


#: "him" or "her" as what someone did something to: "took her to A&E", "helped him up".
_DONE_TO = re.compile(
    r"\b(?:him|her|them)\b(?=\s*(?:$|[,.;!?]|(?:to|up|in|out|home|over|into|off|back|down"
    r"|from|at|with|and|onto|inside)\b))",
    re.IGNORECASE,
)


def _tells_or_tends(text: str, at: int) -> bool:
    """The one named at `at` tells of the patient ("dad thinks it's broken") or does
    something to them ("mum took her to A&E"): a teller or helper, not the patient."""
    after = re.match(r"\s*(?:(?:just|also|then|has|had|'s)\s+)?([\w'’]+)", text[at:])
    if after is not None and after.group(1).lower() in REPORTING | {"reckons", "thinks"}:
        return True
    statement = re.split(r"[,.;!?\n]", text[at:], maxsplit=1)[0]
    return _DONE_TO.search(statement) is not None


#: People named only in the plural, or any of many: never the one told of as "she".
_SEVERAL = frozenset({"kids", "children", "kiddies", "kiddos", "twins", "parents", "grandparents",
    "grandkids", "grandchildren", "boys", "girls", "folks", "family", "players", "friends",
    "mates", "teammates", "neighbours", "neighbors", "lads"})  # fmt: skip


def _tells_of_another(text: str, at: int) -> bool:
    """A reporting verb at `at` whose statement tells nothing of the teller's own ("she
    said it's a sprain"); "she says her knee hurts" is hers."""
    after = re.match(r"\s*([\w'’]+)", text[at:])
    if after is None or after.group(1).lower() not in REPORTING:
        return False
    statement = re.split(r"[.;!?\n]", text[at + after.end() :], maxsplit=1)[0]
    return re.search(r"\b(?:he|his|him|she|her|hers)\b", statement, re.IGNORECASE) is None


def _only_onlooking(text: str, people: str) -> bool:
    """Every first-person word is "my"/"our" before a person, or an onlooking "I"."""
    for match in re.finditer(r"\b(?:i|i'm|im|i've|ive|i'd|me|my|our|myself)\b", text, re.I):
        word = match.group().lower()
        rest = text[match.end() :]
        if word in ("my", "our"):
            if re.match(rf"\s+(?:(?:old|poor|elderly)\s+)?(?:{people})\b", rest, re.I) is None:
                return False
            continue
        if word in ("me", "myself"):
            return False
        following = [w.lower() for w in re.findall(r"[\w'’]+", rest[:60])]
        verbs = [w for w in following if w not in AUXILIARIES | _MODALS]
        if not verbs or verbs[0] not in ONLOOKING | _ARRIVING:
            return False
    return True
