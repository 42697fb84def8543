"""Words that always name a child aged 16 or under, told with no age: `is_child`.

"my toddler has a fever and is limping", "our little one won't stand", "grandson at
nursery, hot and limping": a baby, a toddler, a child at nursery is 16 or under whatever
their exact age, so the rules for children read it when no age is told (round 16a: the
child rule stayed open on a toddler's fever and limp). It is a reading of the age, not a
guess at one: the age itself stays unknown and asked (unused.unaged_child's note), and a
told age always wins (the rules test `is_child` only with the age unknown; no reading
here when an age is read). "my son", "my kid", "my child" and "my daughter" may be
adults, and a schoolboy or schoolgirl may be 17 or 18 in a sixth form: never these alone.
A school year ("in year 4") is an age already (ages.py).
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.mention import Mention
from kneewise.language.whose_words import BIRTH

#: A baby's or young child's name, or their place at nursery or primary school. Not
#: "in reception" (a hospital's too), nor daycare (older people go to one).
_YOUNG = re.compile(
    r"\b(?:bab(?:y|ies)|infants?|newborns?|toddlers?|tots?|pre-?schoolers?|bubba|bub"
    r"|(?:little|wee)\s+(?:one|ones|man|lad|boy|girl|mite)"
    r"|(?:at|to|from|in|after|started|starts|starting)\s+(?:pre-?school|nursery|kindergarten"
    r"|kinder|playgroup|creche|crèche)"
    r"|(?:at|in|to|from)\s+primary(?:\s+school)?|primary[\s-]+(?:school[\s-]+)?aged?)\b",
    re.IGNORECASE,
)
#: Before the word, a comparison or a time past names no child now: "cried like a baby",
#: "since she was a toddler", "as a newborn".
_NOT_NOW = re.compile(
    r"\b(?:like|as|was|were|been|since|when|than)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?$"
    r"|\b(?:such\s+a|a\s+(?:big|real|total|right|massive|proper))\s+$"
    r"|\b(?:expecting|pregnant\s+with)\s+(?:a\s+|our\s+|my\s+|her\s+)?$",
    re.IGNORECASE,
)
#: After the word, a thing named for babies: "the baby gate", "baby steps", "a tot of rum".
_A_THING = re.compile(
    r"\s*(?:gate|steps?|oil|wipes|monitor|walker|seat|carrier|bath|food|aspirin|sitter|sitting"
    r"|clothes|powder|bottle|group|class|massage|sling|bouncer|swing|formula|shower|of|boom"
    r"|weight|fat|teeth|tooth|brother|sister|cousin|sibling)\b",
    re.IGNORECASE,
)


def young_words(context: Context, mentions: list[Mention]) -> list[Mention]:
    """`is_child` from a word naming a young child in the patient's own words, when the
    story is someone else's (a parent's of their child) and no age was read."""
    if context.patient.kind != "other" or any(m.field == "age" for m in mentions):
        return []
    text = context.doc.text
    for found in _YOUNG.finditer(text):
        if _NOT_NOW.search(text[max(0, found.start() - 30) : found.start()]) or _A_THING.match(
            text, found.end()
        ):
            continue
        clause = context.clause_at_char(found.start())
        if context.about_someone_else(clause) or BIRTH.search(clause.words):
            continue  # "my wife had our baby": the mother is the patient
        return [Mention("is_child", True, found.start(), found.end(), 0.9)]
    return []
