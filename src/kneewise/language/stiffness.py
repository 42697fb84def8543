"""Morning stiffness in minutes, as people say it.

The intake's `morning_stiffness_min` is how long the knee stays stiff after getting up;
the rules read it at 30 and 60 minutes (rules.yaml `inflammatory_arthritis_pattern`:
NICE NG100, Aletaha 2010). People tell it in words as often as in digits: "takes half an
hour to loosen up", "stiff for a good twenty minutes when I get up", "an hour or so
before it eases". What they said is read as said ("about", "a good", "or so" keep the
number: it is the one they gave); what they did not say is never guessed: a range
("20-30 minutes") or a bound ("less than an hour", "under half an hour") gives no
number, so the interview asks.

`morning_stiffness(text)` yields Mentions of minutes (float), one per sentence at most.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kneewise.language.context import Context
from kneewise.language.mention import Mention
from kneewise.language.numbers import Text, amount
from kneewise.language.pipeline import SPAN_KEY
from kneewise.language.spelled import with_digits

#: Words saying the knee is stiff, or stops being stiff ("loosens up", "gets going").
_STIFF = re.compile(
    r"\b(?:stiff|stiffer|stiffness|stif|stiffnes|seize[sd]?\s+up|seizes|loosen(?:s|ed|ing)?"
    r"(?:\s+(?:it\s+)?up|\s+off)?|limber(?:s|ed)?\s+up|gets?\s+going|get\s+moving"
    # moving freely again ("45 mins before it moves freely"; re-trial 6b)
    r"|(?:move|moves|moving|bend|bends|bending)\s+(?:freely|properly|normally|easily)"
    r"|(?:works?|working)\s+(?:itself\s+)?(?:out|loose))\b",
    re.IGNORECASE,
)
#: "before it eases", "till it wears off": the end of a stiffness when no pain is named.
_EASES = re.compile(
    r"\b(?:eases?|eased|easing|wears?\s+off|wore\s+off|settles?|frees?\s+up|freed\s+up"
    r"|(?:feels?|feeling)\s+(?:normal|right|ok|okay))\b",
    re.IGNORECASE,
)
#: The pain easing is no stiffness ("the pain eases after an hour in the morning").
_PAIN = re.compile(r"\b(?:pain|painful|hurts?|hurting|ache|aches|aching|sore)\b", re.I)
#: After getting up in the morning; not getting up from a chair after sitting.
_MORNING = re.compile(
    r"\b(?:morning|mornings|first thing|(?:wake|wakes|waking|woke)\s+up|out of bed"
    r"|(?:get|gets|getting|got)\s+up(?!\s+(?:from|off|out of)\s+(?:a|the|my)\s+(?:chair|seat"
    r"|sofa|couch|desk|floor))|when i wake|in the am)\b",
    re.IGNORECASE,
)
_TIME = re.compile(
    # "half an hour", "a good half hour", "a solid hour": the number is the one they gave
    r"\b(?P<n>\d+(?:\.\d+)?|an?\s+(?:good|solid|full)(?:\s+half)?"
    r"|(?:a\s+|three\s+)?quarters?\s+of\s+an?|an?|one|two|three"
    r"|half(?:\s+an?)?|(?:a\s+)?couple(?:\s+of)?)\s*"
    r"(?P<unit>min|mins|minutes?|hour|hours|hr|hrs)\b(?P<half>\s+and\s+a\s+half)?",
    re.IGNORECASE,
)
#: Before the time: a range's first number or a bound, which is no number to read.
_NOT_SAID = re.compile(
    r"(?:\d+\s*(?:-|–|to|or)\s*|\b(?:less than|under|not even|not more than|no more than"
    r"|up to|at most|barely|not quite|almost|nearly)\s+(?:an?\s+|about\s+)?)$",
    re.IGNORECASE,
)
#: Training told in minutes is no stiffness ("ran for 20 minutes this morning").
_ACTIVITY = re.compile(
    r"\b(?:ran|run|running|jog|jogged|walk|walked|walking|cycled|rode|swam|trained|played"
    r"|sat|sitting|stretch|stretched|stretching)\s+(?:for\s+)?(?:about\s+|around\s+)?$",
    re.IGNORECASE,
)
#: "takes", "needs" before the time are part of saying it.
_TAKES = re.compile(r"\b(?:takes?|took|needs?|needed)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
#: "a good", "a solid", "a full" hour: the hour they gave.
_FILLERS = re.compile(r"\b(?:good|solid|full)\b", re.IGNORECASE)
#: How far from a stiffness word a time can be and still be its length (characters).
_NEAR = 60


def morning_stiffness(text: Text) -> Iterator[Mention]:
    """ "stiff for about an hour each morning", "takes half an hour to loosen up" → minutes."""
    digits, _ = with_digits(text.text)  # "twenty minutes" read as "20 minutes", same offsets
    for index, (start, end) in enumerate(text.sentences):
        sentence = digits[start:end]
        if not _MORNING.search(sentence) and not _morning_before(digits, text, index):
            continue
        cues = [m.start() + start for m in _STIFF.finditer(sentence)]
        if not _PAIN.search(sentence):
            cues += [m.start() + start for m in _EASES.finditer(sentence)]
        if not cues:
            continue
        times = [
            match
            for match in _TIME.finditer(digits, start, end)
            if min(abs(match.start() - cue) for cue in cues) <= _NEAR
        ]
        if not times:
            continue
        match = min(times, key=lambda m: min(abs(m.start() - cue) for cue in cues))
        before = digits[start : match.start()]
        if _NOT_SAID.search(before) or _ACTIVITY.search(before):
            continue  # "20-30 minutes", "less than an hour", "ran for 20 minutes": unknown
        said = match.group("n").lower()
        count = amount(_FILLERS.sub("", said)) if "quarter" not in said else None
        if "quarter" in said:  # "three quarters of an hour", "a quarter of an hour"
            count = 0.75 if said.startswith("three") else 0.25
        if count is None:
            continue
        hours = match.group("unit").lower().startswith("h")
        minutes = count * 60 if hours else count
        if match.group("half"):
            minutes += 30 if hours else 0.5
        # the words that said it run from the time to its stiffness word ("an hour or so
        # before it eases"), so none of them is shown as not used
        cue = min(cues, key=lambda c: abs(match.start() - c))
        cue_end = cue + len(_cue_word(digits, cue))
        lead = _TAKES.search(before)  # "knees take about 45 mins to loosen up"
        first = start + lead.start() if lead else match.start()
        span = (min(first, cue), max(match.end(), cue_end))
        yield Mention("morning_stiffness_min", minutes, *span, 0.85)


#: A time of its own in a sentence: its stiffness is not the morning's ("after sitting").
_OTHER_TIME = re.compile(
    r"\b(?:after|when|whenever|while|if|during|once|before\s+(?:a|my|the|each|every))\b"
    r"(?!\s+(?:i|it|i'?m)\s+(?:get|gets|wake|woke)\b)",
    re.IGNORECASE,
)


#: Training told with the morning: loosening up after it starts is the run's, not stiffness.
_TRAINS = re.compile(
    r"\b(?:run|runs|ran|running|jog|jogs|jogging|train|trains|training|cycle|cycling|ride"
    r"|swim|swimming|gym|session|workout|class|walk|walks|walking)\b",
    re.IGNORECASE,
)


def _morning_before(digits: str, text: Text, index: int) -> bool:
    """The morning told in the sentence just before ("Mornings are the worst. It takes a
    good half hour to loosen up."), with no other time in this one ("after sitting")."""
    if index == 0:
        return False
    before = digits[slice(*text.sentences[index - 1])]
    start, end = text.sentences[index]
    if _TRAINS.search(before):
        return False  # "I run in the mornings. Takes 20 minutes to loosen up": the run's
    return bool(_MORNING.search(before)) and not _OTHER_TIME.search(digits[start:end])


def _cue_word(text: str, at: int) -> str:
    found = _STIFF.match(text, at) or _EASES.match(text, at)
    return found.group() if found else ""


#: Words a bare list of joints is made of besides the joints ("knees and wrists", "both
#: hands, my feet too"); anything else is a statement of its own, read with its own cue.
_LIST_WORDS = frozenset({"and", "or", "my", "the", "both", "also", "too", "plus", "as", "well",
    "his", "her", "their", "all", "in", "knee", "knees", "joints", "small", "of", "even",
    "sometimes", "mostly", "especially", "&"})  # fmt: skip
_SWOLLEN = re.compile(r"\b(?:swollen|swelling|swells|puffy|inflamed)\b", re.IGNORECASE)


def joints_in_a_list(context: Context, mentions: list[Mention]) -> list[Mention]:
    """Other joints named in a bare list after the stiffness or pain they share.

    "stiff for an hour to get going in the mornings, knees and wrists": the wrists are
    stiff too (NICE NG100: joints other than the knee, with morning stiffness, are the
    inflammatory pattern), though the list stands apart from its symptom word. A joint in
    a clause of its own words ("my hands are cold") is read only with its own cue.
    """
    doc, lexicon = context.doc, context.lexicon
    read = {(m.start, m.end) for m in mentions if m.field == "other_joints"}
    found: list[Mention] = []
    for span in doc.spans[SPAN_KEY]:
        entry = lexicon.entries[span.label_]
        if entry.field != "other_joints" or (span.start_char, span.end_char) in read:
            continue
        clause = context.clause_of(span.start)
        if span._.negex or context.about_someone_else(clause) or context.past(clause):
            continue
        joints = {
            i for s in doc.spans[SPAN_KEY] if s.start >= clause.start and s.end <= clause.end
            if lexicon.entries[s.label_].field == "other_joints" for i in range(s.start, s.end)
        }  # fmt: skip
        words = [t for t in doc[clause.start : clause.end] if t.is_alpha and t.i not in joints]
        sentence = span.sent.text
        if all(t.norm_ in _LIST_WORDS for t in words) and (
            _STIFF.search(sentence) or _PAIN.search(sentence) or _SWOLLEN.search(sentence)
        ):
            found.append(Mention("other_joints", entry.value, span.start_char, span.end_char, 0.8))
    return found
