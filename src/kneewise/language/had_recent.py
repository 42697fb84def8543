"""A relative who "had" something recent and whose own leg is told: the patient.

"had" alone is family history ("my dad had a DVT", "my mum had arthritis"), so a statement
like that is set aside as someone else's. But a parent writes "my son had a temp of 38.5
yesterday and now he won't walk on his leg", "my mum had her knee replaced 2 weeks ago and
now she's got a temp": the thing had is recent and their own knee, leg, limp or walking is
told, so they are the patient (re-trial 27: these were set aside whole and a hot joint
after an operation, or a feverish child off their leg, read as self care). A fall had
("my husband had a bad fall") is a deed, as "fell" is.
"""

from __future__ import annotations

#: The rest of the statement from here: a decimal point ("38.5") does not end it.
_STATEMENT = r"(?:[^.;!?\n]|\.\d)*?"
#: Something told as recent: a time close by, or "now" / "since" after it.
_RECENT = (
    r"\b(?:yesterday|last\s+night|this\s+(?:morning|afternoon|evening|week)|today|tonight"
    r"|overnight|the\s+other\s+day|last\s+(?:week|weekend|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)|(?:at|over)\s+the\s+weekend"
    r"|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|now|since|still|a\s+fortnight|fortnight"
    r"|(?:\d{1,2}|a|an|one|two|three|four|five|six|a\s+few|a\s+couple\s+of)\s+"
    r"(?:days?|weeks?|wks?|hours?|hrs?)\s+(?:ago|back))\b"
)
#: Their own leg, limp or walking told: "his leg", "her knee", "is limping", "he won't walk".
_THEIR_LEG = (
    r"\b(?:his|her|their)\s+(?:\w+\s+){0,2}?(?:knee|knees|leg|legs|kneecap|calf)\b"
    r"|\b(?:he|she|they|and)(?:'s|’s|\s+is|\s+are|\s+has\s+been|\s+have\s+been)?\s+(?:\w+\s+)?"
    r"(?:limping|limps|hobbling|hobbles|won'?t\s+(?:walk|stand|put)|wont\s+(?:walk|stand|put)"
    r"|can'?t\s+(?:walk|stand|put)|cannot\s+(?:walk|stand|put)|not\s+walking"
    r"|refus\w*\s+to\s+(?:walk|stand))\b"
)
#: "had" with something recent and their leg told after it in the same statement; or a
#: fall, tumble or accident had, which is a deed like "fell".
HAD_RECENT = (
    rf"|(?:just\s+|recently\s+)?had\s+(?=(?:[^.;!?\n]|\.\d)*?{_RECENT})"
    rf"(?={_STATEMENT}(?:{_THEIR_LEG}))"
    r"|(?:just\s+|recently\s+)?had\s+(?:a|an)\s+(?:\w+\s+)?(?:fall|tumble|accident|spill"
    r"|collision|crash)\b"
)
