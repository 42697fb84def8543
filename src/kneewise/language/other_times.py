"""A time told of another symptom, illness, treatment or medicine is not how long the knee
has hurt.

"temperatures on and off since yesterday", "had a fever for 2 days", "stopped warfarin
yesterday": the time is the fever's or the medicine's, and read as the knee's duration it
told the rules a knee only a day old (round 17c). The times are read from the words alone
(times.py); here each is given to what is told nearest before it in its stretch (a stretch
ends at a comma, a full stop or "but", never at a decimal point), or, with nothing before
it, nearest after it ("since yesterday he has had a temperature"). A time given to the fever
or to a medicine is dropped, so the interview asks how long the knee has hurt; the fever and
the medicine are read as before. The knee's own time told beside them stands ("knee sore for
3 weeks and a fever for 2 days": 3 weeks).
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: The fields a time of the knee's trouble sets.
_TIMES = frozenset({"duration_days", "days_since_session"})
#: Medicines whose start or stop has a time of its own ("came off apixaban 2 days ago").
_MEDICINES = frozenset({"anticoagulants", "immunosuppressed"})
#: Another symptom: a fever and its signs, or a common illness of the whole body; or
#: another illness or its treatment, a time of its own ("had food poisoning 2 weeks ago",
#: "in a cast for 5 weeks", "on antibiotics for a week": round 19d, read as how long the
#: knee had hurt).
_OTHER = re.compile(
    r"\b(?:sweats?|sweating|shivery|shivering|shivers|chills|rigors|temp|temps|temperatures?"
    r"|fevers?|feverish|febrile|flu|cold|cough(?:ing)?|vomit(?:ing|ed)?|throwing up|rash"
    r"|headaches?|sore throat|tummy bug|d\s*&\s*v"
    r"|food poisoning|poisoning|(?:stomach|tummy|sickness|winter|vomiting)\s+bug|bug|virus"
    r"|viral|covid(?:-?19)?|norovirus|noro|gastro(?:enteritis)?|diarrho?ea|(?:chest|ear|water"
    r"|kidney|urine|bladder|sinus|throat|tooth|eye)\s+infection|uti|tonsillitis|pneumonia"
    r"|bronchitis|chicken\s?pox|shingles|measles|mumps|glandular\s+fever|migraines?"
    r"|antibiotics|chemo(?:therapy)?|radiotherapy|casts?|plaster(?:\s+cast)?|in\s+plaster)\b",
    re.IGNORECASE,
)
#: The knee, the leg or the pain: a time told of these is the knee's.
_KNEE = re.compile(
    r"\b(?:knees?|kneecaps?|legs?|pain|painful|hurts?|hurting|hurt|sore|aches?|aching|ached"
    r"|swollen|swelled|swelling|stiff|twisted|fell|fall|injured|injury|popped|limp\w*|walk\w*"
    r"|giving way|gave way|locks?|locked|clicks?)\b",
    re.IGNORECASE,
)
#: Where a stretch ends (a decimal point is none: "temp 38.2 since last night").
_ENDS = re.compile(r"(?<!\d)[.,;!?\n]|[.,;!?\n](?!\d)|\bbut\b", re.IGNORECASE)


def other_times(mentions: list[Mention], context: Context) -> list[Mention]:
    """`mentions` without the times told of a fever, another illness or a medicine."""
    text = context.doc.text
    medicines = [(m.start, m.end) for m in mentions if m.field in _MEDICINES]
    return [m for m in mentions if m.field not in _TIMES or not _anothers(text, m, medicines)]


def _anothers(text: str, time: Mention, medicines: list[tuple[int, int]]) -> bool:
    """Whether what is told nearest before the time in its stretch (or, with nothing before
    it, nearest after it) is another symptom or a medicine, not the knee."""
    starts = [m.end() for m in _ENDS.finditer(text, 0, time.start)]
    start = starts[-1] if starts else 0
    end_at = _ENDS.search(text, time.end)
    end = end_at.start() if end_at else len(text)
    before = _told(text, start, time.start, medicines)
    if before:
        return max(before)[1]  # the last one told before the time
    after = _told(text, time.end, end, medicines)
    return min(after)[1] if after else False


def _told(
    text: str, start: int, end: int, medicines: list[tuple[int, int]]
) -> list[tuple[int, bool]]:
    """Where the knee (False) and other things (True) are told between `start` and `end`."""
    found = [(m.start(), False) for m in _KNEE.finditer(text, start, end)]
    found += [(m.start(), True) for m in _OTHER.finditer(text, start, end)]
    found += [(s, True) for s, e in medicines if start <= s and e <= end]
    return found
