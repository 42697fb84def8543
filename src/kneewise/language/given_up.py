"""A medicine given up is not one taken now: "came off the blood thinners", "stopped my
warfarin", "finished my course of prednisolone", "the GP took me off rivaroxaban".

The intake asks whether the person takes blood thinners or immune-weakening medicines
(drugs.yaml); a medicine stopped, quit, finished or come off answers no, as "I stopped
taking apixaban" and "no longer on it" already did (negex). negex missed the other ways of
saying it: "came off the" is a pseudo-negation so that "came off the trampoline" stays a
fall, and "stopped my", "quit the", "gave up", "weaned off" were no negations at all, so
"I came off the blood thinners" read as taking them.

Never a treatment whose effect outlasts it (chemotherapy, ATC L01): "finished chemo last
month" is immune-weakened still, as "had chemo last month" is. An immune-weakening medicine
given up is no "no" either (`still_acting`): it is asked, the words read back. Never a stop
denied or undone: "haven't stopped my warfarin", "stopped it, then went back on it" are taken (the
"n't" denies the stop, not the medicine).
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from kneewise.language.lexicon import Entry

#: The ways of giving a medicine up, right before what it names.
_STOPS = (
    r"(?:stop(?:ped|ping|s)?|quit(?:ting|s)?|finish(?:ed|ing|es)?|discontinu(?:ed|ing|e)"
    r"|gave\s+up|give\s+up|given\s+up|giving\s+up|c[oa]me\s+off|coming\s+off|been\s+off"
    r"|went\s+off|got\s+off|(?:weaned|tapered|weaning|tapering)\s+(?:myself\s+)?off"
    r"|(?:took|taken|take|takes|taking)\s+(?:me|him|her|them|us)\s+off|(?:i'?m|am|now)\s+off"
    r"|(?:was|were|been|got|get|getting)\s+taken\s+off"
    r"|no\s+longer\s+(?:on|taking|take|using|use)|used\s+to\s+(?:take|be\s+on|have))"
)
#: Words between the stop and the medicine: "stopped taking my", "finished the course of".
_BETWEEN = (
    r"(?:(?:taking|using|the|my|his|her|their|all|of|course|a|those|these|daily|low|dose"
    r"|injections?|tablets?|pills?|meds|medication|medicine|oral|any)\s+)*"
)
_GIVEN_UP = re.compile(rf"\b{_STOPS}\s+{_BETWEEN}$", re.IGNORECASE)
#: The stop itself denied: "haven't stopped", "never came off", "can't come off".
#: A contraction spelled out, never a word ending in "nt" ("consultant", "parent", "patient"
#: took me off it: round 16m read those as a stop denied).
_STOP_DENIED = re.compile(
    r"(?:\b(?:do|does|did|have|has|had|ca|wo|is|are|was|were|should|could|would|must|need"
    r"|ai)n['’]?t|\bnot|\bnever)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: Told after the medicine: "warfarin was stopped", "the steroids were finished in May".
_STOPPED_AFTER = re.compile(
    r"^\s*(?:(?:injections?|tablets?|pills?|jabs?|course|treatment)\s+)?"
    r"(?:was|were|has\s+been|have\s+been|got|had\s+been)\s+(?:\w+\s+)?"
    r"(?:stopped|discontinued|finished)\b",
    re.IGNORECASE,
)
#: Taken again after: "stopped it and then went back on it", "restarted it last week".
_TAKEN_AGAIN = re.compile(
    r"\b(?:back\s+on|re-?started|started\s+(?:it|them|again)|going\s+back\s+on|put\s+(?:me|him"
    r"|her|them)\s+back\s+on|(?:taking|on)\s+(?:it|them)\s+again)\b",
    re.IGNORECASE,
)
_FORMS = r"(?:(?:tablets?|pills?|injections?|jabs?|meds)\s+)?"
#: After the medicine, a stop told by its negation: "not on my Humira anymore", "don't take
#: warfarin any longer", "not on the steroids now".
_ANY_MORE = re.compile(rf"^\s*{_FORMS}(?:any\s*more|any\s+longer)\b", re.IGNORECASE)
#: "not on the steroids now", "don't take it these days": a stop only after a negation.
_NOW = re.compile(rf"^\s*{_FORMS}(?:now|these\s+days|at\s+the\s+moment)\b", re.IGNORECASE)
_NOT = re.compile(r"(?:\bnot|\bnever|n['’]t)\s+(?:[\w'’]+\s+){0,3}$", re.IGNORECASE)
#: Treatments whose effect outlasts them: "finished chemo" is immune-weakened still.
_LASTING = re.compile(r"\b(?:chemo|chemotherapy|radiotherapy|transplant\w*)\b", re.IGNORECASE)


def _around(span: Span) -> tuple[str, str]:
    """The sentence's text before and after `span` (the medicine's name)."""
    sentence, text = span.sent, span.doc.text
    return text[sentence.start_char : span.start_char], text[span.end_char : sentence.end_char]


def given_up(span: Span, entry: Entry) -> bool | None:
    """Whether the medicine `span` names is told given up (True: not taken now), told not
    given up (False: "haven't stopped my warfarin" is taken, whatever "n't" denies), or
    neither (None)."""
    if not entry.key.startswith("drug:") or entry.key.startswith("drug:L01"):
        return None
    if _LASTING.search(span.text):
        return None
    before, after = _around(span)
    told = _GIVEN_UP.search(before)
    if told is None and (_ANY_MORE.match(after) or (_NOW.match(after) and _NOT.search(before))):
        return True  # "don't take methotrexate any more": "any more" needs the negation
    if told is None:
        told_after = _STOPPED_AFTER.match(after)
        if told_after is None:
            return None
        return _TAKEN_AGAIN.search(after, told_after.end()) is None
    if _STOP_DENIED.search(before, 0, told.start()):
        return False  # "haven't stopped my warfarin": taken still
    return _TAKEN_AGAIN.search(after) is None


def still_acting(entry: Entry) -> bool:
    """Whether a medicine of this entry, told given up, may still be acting now: one that
    weakens the immune system does so for months after the last dose, so its stop answers
    neither yes nor no and the question is asked.

    Sources: the Australian Immunisation Handbook (live zoster vaccine at least 3 months
    after stopping methotrexate, azathioprine or a T-cell inhibitor, 12 after a biologic;
    1 after a high steroid dose), UKHSA Green Book chapter 6 (recent immunosuppressive
    therapy counts as current), NICE NG169 rec. 4.5 (some drugs' immunosuppression goes
    on after stopping). A blood thinner stopped with no time told, or long ago, is not so:
    "stopped my warfarin" stays a no; one stopped in the last few days is (`thinner_acting`).
    """
    return entry.field == "immunosuppressed"


#: A stop told as within the last five days: "yesterday", "this morning", "3 days ago",
#: "a couple of days ago". Warfarin acts for 2 to 5 days after the last dose (Coumadin US
#: prescribing information, 12.2: "the duration of action of a single dose of racemic
#: warfarin is 2 to 5 days"; its INR falls back over days); the newer blood thinners
#: (apixaban, rivaroxaban, dabigatran) for a day or two, longer when the kidneys are weak.
#: Five days covers the longest of them; a week or more ago is past it.
_RECENT = re.compile(
    r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night|yesterday"
    r"|(?:the\s+)?day\s+before\s+yesterday|(?:[1-5]|one|two|three|four|five|a|a\s+couple\s+of"
    r"|couple\s+of|a\s+few|few)\s+days?\s+(?:ago|back)|(?:[1-9]|\d\d)\s*(?:hours?|hrs?)\s+ago"
    r"|just\s+(?:stopped|come\s+off|came\s+off|been\s+taken\s+off))\b",
    re.IGNORECASE,
)
#: Where a clause ends: a time past it is another clause's ("stopped warfarin, fell today").
_CLAUSE_END = re.compile(r"[,;:.!?]|\b(?:and|but|then|so|because)\b", re.IGNORECASE)
THINNER_ACTING = (
    "“{said}”: a blood thinner goes on thinning the blood for some days after the last"
    " dose, so kneewise read it as still taking it."
)


def thinner_acting(span: Span, entry: Entry) -> bool:
    """Whether a blood thinner `span` names, told given up, was given up within the last
    five days (`_RECENT`, told in the stop's own clause): it is still acting, so it is read
    as taken, with a note (round 17c: "stopped warfarin yesterday" was read as none)."""
    if entry.field != "anticoagulants":
        return False
    before, after = _around(span)
    stop = _GIVEN_UP.search(before)
    start = stop.start() if stop else len(before)
    cuts = list(_CLAUSE_END.finditer(before, 0, start))
    own_before = before[cuts[-1].end() : start] if cuts else before[:start]
    cut = _CLAUSE_END.search(after)
    own_after = after[: cut.start()] if cut else after
    stopped_at = stop or _STOPPED_AFTER.match(after)
    told = stopped_at and (_RECENT.search(own_before) or _RECENT.search(own_after))
    return bool(told or (stop and _RECENT.search(stop.group())))


#: Words between "off" and the medicine: "took me off the", "taken off all my".
_TO_MEDICINE = frozenset({"the", "my", "his", "her", "their", "all", "of", "those", "these"})


def off_a_medicine(span: Span, spans: list[Span]) -> bool:
    """`span` ends in "off" or "up" before a medicine: "taken off the Eliquis", "they took me
    off rivaroxaban" are no carrying off, "gave up the methotrexate" no giving up of sport."""
    doc = span.doc
    i = span.end
    if span[-1].lower_ not in ("off", "up"):
        if i >= len(doc) or doc[i].lower_ != "off":
            return False
        i += 1  # "they took me | off rivaroxaban"
    while i < len(doc) and doc[i].lower_ in _TO_MEDICINE:
        i += 1
    return any(s.start == i and s.label_.startswith("drug:") for s in spans)


def acting_note(span: Span, entry: Entry, said: str) -> str | None:
    """The note read back when a blood thinner given up is still acting (`thinner_acting`):
    it is then read as taken; None when it is not. `said`: the clause's words."""
    return THINNER_ACTING.format(said=said) if thinner_acting(span, entry) else None
