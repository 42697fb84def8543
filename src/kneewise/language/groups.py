"""Children told as a group: twins of one age, a team's age group, a school year.

"my twins are 11; one of them has a hot swollen knee", "one of my under 12s", "U10s coach
here, one of the girls": the writer names a group and then one of it, and the group's age is
that one's (round 19d: the twins' story was set aside as someone else's and no age read; an
age group gave no child). Twins, triplets or children told "both" or "all" one age share it:
that age is the patient's (ages.py reads it, person.py names the one of them). An age group,
"under 12s", "U10s", "under-9s", gives only a bound: under N, so 16 or under (`is_child`)
when N is 17 or less, never an age (none is guessed: the interview asks it). A team the
writer or someone else coaches, runs or manages names the patient's only when the patient is
one of its players ("one of the girls"); "my dad coaches the under 12s and he fell" is
no child.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kneewise.language.mention import Mention

if TYPE_CHECKING:  # person.py takes GROUP_AGED from here, and context.py takes person.py
    from kneewise.language.context import Context

#: A group of the writer's told with one age, after its noun in person.py: "my twins are
#: 11", "my boys are both 10" ("my twins, 11," is read as any relative's age beside them).
#: Never two ages ("are 5 and 8").
GROUP_AGED = r"\s+(?:are|['’]re)\s+(?:both\s+|all\s+)?\d{1,2}\b(?!\s*(?:and|&|or|to|-)\s*\d)"
#: An age group: "under 12s", "U10s", "under-9s", "u-11s", "an under 12 player".
_AGE_GROUP = re.compile(
    r"\b(?:under[\s-]?|u-?)(?P<n>\d{1,2})(?:['’]?s\b|\s+(?=(?:team|side|squad|player|players"
    r"|girls?|boys?|lads?|kids?|league|football|netball|rugby|hockey|cricket|basketball"
    r"|match|game|training|group)\b))",
    re.IGNORECASE,
)
#: The group led by someone: "I coach the U10s", "U10s coach", "runs an under 12s side".
_LED = re.compile(
    r"\b(?:coach|coaches|coaching|coached|manage|manages|managing|run|runs|running|train"
    r"|trains|training|teach|teaches|teaching|referee|ref|help\s+(?:out\s+)?with)\s+"
    r"(?:(?:an?|the|my|our|his|her)\s+)?$",
    re.IGNORECASE,
)
_LEADER_AFTER = re.compile(
    r"\s*(?:side\s+|team\s+|squad\s+)?(?:coach|manager|teacher|leader|ref|referee)\b", re.I
)
#: Grown-ups named as the patient: an age group told beside them is a team they watch or
#: help with, never theirs ("my wife has a fever, she was at the under 12s match").
_GROWN_UPS = frozenset({"wife", "husband", "partner", "mum", "mom", "mam", "mother", "dad",
    "father", "grandma", "grandpa", "grandad", "granddad", "grandmother", "grandfather", "nan",
    "nana", "nanna", "gran", "granny", "grannie", "aunt", "auntie", "uncle", "boyfriend",
    "girlfriend", "hubby", "missus", "spouse", "fiance", "fiancee", "coach", "colleague",
    "neighbour", "neighbor", "parents", "grandparents"})  # fmt: skip
#: 16 or under is the bound `is_child` names: an under-17s player is 16 at most.
_CHILD_BOUND = 17


def age_group(context: Context, mentions: list[Mention]) -> list[Mention]:
    """`is_child` from the age group the patient plays in, when no age was read."""
    patient = context.patient
    if patient.kind != "other" or any(m.field in ("age", "is_child") for m in mentions):
        return []
    if patient.noun in _GROWN_UPS:
        return []
    text = context.doc.text
    for found in _AGE_GROUP.finditer(text):
        if int(found.group("n")) > _CHILD_BOUND:
            continue
        led = _LED.search(text[max(0, found.start() - 40) : found.start()]) or (
            _LEADER_AFTER.match(text, found.end())
        )
        # a team someone leads: its age is the patient's only if they are one of its players
        if led and patient.whose != "the":
            continue
        return [Mention("is_child", True, found.start(), found.end(), 0.85)]
    return []
