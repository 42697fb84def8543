"""A parent's or grandparent's story of their own child, told with no age and no knee.

"my toddler has a fever and is limping", "my daughter has a fever and won't walk", "our
little one is burning up": the writer tells of their child and nothing of their own knee,
leg or symptoms, so the story is the child's, read as its subject exactly as when an age
is told ("my toddler is 2 and ..."). Round 16a: with no age and no "his knee" told, the
child's fever set the whole story aside as someone else's and the level was self care.
A story of two people stays apart: the writer's own knee or symptom told anywhere
(`told`: person.py's patterns) leaves it the writer's ("my son has a cold and my knee is
swollen"). Kept apart from person.py to keep it short.
"""

from __future__ import annotations

import re

#: The writer's own child or grandchild; a partner, parent or friend is no child of theirs,
#: and their story still needs a leg of theirs told (person.py).
_CHILD = (
    r"(?:son|daughter|boy|girl|lad|lass|kid|kiddo|child|toddler|baby|infant|bub|youngster"
    r"|teen|teenager|grandson|grandon|granddaughter|grandaughter|grandchild|grandkid|stepson"
    r"|stepdaughter|ds|dd|youngest|eldest|oldest|(?:little|wee|young)\s+(?:one|man|fella|lady))"
)
#: Words describing a child before its noun: "baby girl", "little boy", "eldest son", "teen
#: daughter", "twin boys" (round 18g: "teen daughter has ..." named the teen and set the
#: daughter aside as someone else, and "my teen daughter" named no one). person.py takes
#: the same words, so every telling of the child reads them alike.
DESCRIBED = (
    r"(?:baby|little|wee|lil|teen|teenage|teenaged|eldest|youngest|older|younger|oldest|twin"
    r"|middle|young)"
)
_DESCRIBED = rf"(?:{DESCRIBED}\s+)?"
#: Where the child opens a clause: never the object of the writer's deed ("carrying my
#: toddler up the stairs, knee gave way" is the writer's knee).
_OPENS = (
    r"(?:^|(?<=[,.;:!?(\n-])|\b(?:and|but|so|then|now|because|today|tonight|yesterday|hi|hello"
    r"|help|please)\b)\W*"
)
#: The child's own doing or state right after: "has", "is", "won't", "'s got", "keeps".
_THEIRS = (
    r"(?:\s*(?:'s|’s)\s+(?:got|been|not|so|very|really|feverish|burning|boiling|hot|warm"
    r"|poorly|unwell|limping|hobbling|crying|screaming|refusing|running)"
    r"|\s+(?:(?:just|also|really|now|still|suddenly|then|keeps?)\s+)?"
    r"(?:has|have|had|hasn'?t|is|isn'?t|was|wasn'?t|got|gets|seems|seemed|looks|looked|feels"
    r"|felt|started|woke|wakes|can|can'?t|cannot|could|couldn'?t|won'?t|wont|will|would"
    r"|wouldn'?t|does|doesn'?t|did|didn'?t|refuses|refused|keeps|kept|complains|complained"
    r"|cries|cried|screams|screamed|limps|limped|hobbles|hobbled|came|went|woke|ran|says|said"
    r"|started|developed|spiked|spiking|burning|running)\b)"
)
#: The writer's own sign told in their own words, beyond person.py's ("I've been limping
#: all week", "I am so stiff"): a "he", "she" or "it" between makes it the child's ("I
#: think she's limping").
_WRITER_SIGN = re.compile(
    r"\bi(?:'ve|’ve|'m|’m|ve|m)?\s+(?:(?!(?:he|she|they|it|his|her|their|him|them|he's|she's"
    r"|it's)\b)[\w']+\s+){0,3}?(?:limp\w*|hobbl\w*|swollen|swelling|sore|pain\w*|aching|achy"
    r"|hurt\w*|fever\w*|temp|temperature|shiver\w*|stiff|numb|locked|locking|twisted|injured"
    r"|sprained)\b",
    re.IGNORECASE,
)
OWN_CHILD = re.compile(
    rf"{_OPENS}(?:my|our)\s+{_DESCRIBED}(?P<noun>{_CHILD})\b(?={_THEIRS})", re.IGNORECASE
)


def own_child(text: str, told: tuple[re.Pattern[str], ...]) -> re.Match[str] | None:
    """The writer's child opening a clause of their own, when the writer tells nothing of
    their own knee, leg or symptoms (`told`)."""
    if _WRITER_SIGN.search(text) or any(pattern.search(text) for pattern in told):
        return None
    return OWN_CHILD.search(text)
