"""A temperature measured and found normal is a "no" to fever.

The fever question asks for a temperature of 38 °C or more (questions.yaml), which only a
thermometer tells. "I took my temp and it's normal", "thermometer says normal", "checked
my temperature, all fine" answer it: no (re-trial 6b: "temp" alone was read as a fever,
sending a harmless story to the emergency department). A number is read by
`numbers.temperatures` ("temp was 36.8"). Feeling hot and cold, sweats with shivers or
rigors are a fever told in words (lexicon `fever`, weakly, and `unwell`: re-trial 9h).

The knee's own temperature ("my knee's temperature is up", "the temperature in my knee")
is its warmth, asked apart (`warm`): it is no fever either way, and its words are listed
as not used when nothing else was read from them.

Not read as a "no": a temperature above or not normal ("not normal", "higher than
normal"), one someone is unsure of ("not sure if my temp is normal"), the knee's or the
room's temperature. A fever told elsewhere in the story keeps its weight: the measured
normal is then no surer than it, so the warning sign wins the tie (resolve.py).

`measured_normal(mentions, context)` returns the mentions with these readings.
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.mention import Mention

_CONFIDENCE = 0.9
#: "temp" ... "normal" in one stretch of a sentence (no "but", no other body part).
_NORMAL_AFTER = re.compile(
    r"\b(?P<temp>temps?|temperatures?|thermometer)\b(?:'s|’s)?"
    r"(?P<between>(?:[\s,:\-–]+(?!(?:but|though|although|except|knee|knees|leg|skin)\b)"
    r"[\w'’]+){0,6}?)"
    r"[\s,:\-–]+(?P<normal>normal|fine|ok|okay|alright|all\s+right|not\s+(?:raised|high)"
    r"|nothing\s+(?:unusual|abnormal|high|raised))\b",
    re.IGNORECASE,
)
_NORMAL_BEFORE = re.compile(r"\bnormal\s+(?:body\s+)?(?:temps?|temperatures?)\b", re.IGNORECASE)
#: Right before "normal": it is not normal ("isn't normal", "above normal").
_NOT_NORMAL = re.compile(
    r"(?:\bnot|n'?t|n’t|\bnever|\babove|\bthan|\bhardly|\bfar\s+from|\bbut)\s*$", re.IGNORECASE
)
#: Whose temperature it is not: the knee's, the room's, the bath's.
_OTHER_TEMP = re.compile(
    r"\b(?:knee|knees|kneecap|skin|joint|leg|room|water|bath|outside|weather|pool|air|ice"
    r"|outdoor|summer|winter|freezing|sub-zero|daytime|sea|oven|fridge|body\s+of\s+water)"
    r"(?:'s|’s)?\s+(?:own\s+)?$",
    re.IGNORECASE,
)
#: After "temperature": a place's or the weather's ("the temperature in the room", "temps
#: outside", "temperatures at work"), never the person's (round 16b: read as a fever).
_OF_A_PLACE = re.compile(
    r"\s+(?:(?:in|of|inside|at|around)\s+(?:the|my|our|this|here|his|her|their)?\s*"
    r"(?:room|rooms|house|home|flat|office|work|car|ward|gym|pool|bath|water|shower|fridge"
    r"|freezer|oven|garden|kitchen|bedroom|building|country|city|town|weather|sea)\b"
    r"|outside|outdoors|today\s+(?:outside|out\s+there))",
    re.IGNORECASE,
)
#: Not knowing before it: "not sure if my temp is normal", "don't know whether".
_UNKNOWING = re.compile(
    r"\b(?:not sure|unsure|no idea|don'?t know|dont know|do not know|can'?t tell|wonder"
    r"|whether|if|maybe|might|probably|hopefully)\b",
    re.IGNORECASE,
)


#: After "temperature": whose it is ("the temperature in my knee", "of the joint").
_OF_THE_KNEE = re.compile(
    r"\s+(?:of|in|on|around|over)\s+(?:the|my|his|her|their|your)?\s*"
    r"(?:left\s+|right\s+|bad\s+|other\s+)?(?:knee|knees|kneecap|joint|leg|skin)\b",
    re.IGNORECASE,
)


def measured_normal(mentions: list[Mention], context: Context) -> list[Mention]:
    """Read each measured normal temperature as fever "no"; it replaces its own "temp".

    The knee's temperature is never read as a fever ("my knee's temperature feels up").
    """
    text = context.doc.text
    mentions = [
        m
        for m in mentions
        if not (
            m.field == "fever"
            and text[m.start : m.end].lower().startswith("temp")
            and (
                _OTHER_TEMP.search(text[max(0, m.start - 30) : m.start])
                or _OF_THE_KNEE.match(text, m.end)
                or _OF_A_PLACE.match(text, m.end)
            )
        )
    ]
    found: list[Mention] = []
    for start, end in _stretches(context):
        if context.about_someone_else(context.clause_at_char(start)):
            continue
        found.append(Mention("fever", False, start, end, _CONFIDENCE))
    if not found:
        return mentions

    def inside(mention: Mention) -> bool:
        return any(n.start <= mention.start < n.end for n in found)

    def worded(mention: Mention) -> bool:
        """A reading of the words ("temp"), not of a number on the thermometer ("36.9")."""
        said = context.doc.text[mention.start : mention.end]
        return mention.field == "fever" and not mention.unsure and not any(map(str.isdigit, said))

    # the words' own readings ("temp" as a fever, the lexicon's "temp was normal") give way
    kept = [m for m in mentions if not (worded(m) and inside(m))]
    told = [m.confidence for m in kept if m.field == "fever" and m.value is True and not m.unsure]
    if told:  # a fever told elsewhere: the measured normal is no surer, the warning sign stays
        found = [Mention("fever", False, n.start, n.end, min(told)) for n in found]
    return kept + found


def _stretches(context: Context) -> list[tuple[int, int]]:
    text = context.doc.text
    found: list[tuple[int, int]] = []
    for sentence in context.doc.sents:
        said = sentence.text
        base = sentence.start_char
        for match in _NORMAL_AFTER.finditer(said):
            before = said[: match.start()]
            if _NOT_NORMAL.search(said[: match.start("normal")]) or _unknown(before, said):
                continue
            if _OTHER_TEMP.search(before):
                continue  # "my knee temperature is normal": the knee's warmth, asked apart
            found.append((base + match.start(), base + match.end()))
        for match in _NORMAL_BEFORE.finditer(said):
            before = said[: match.start()]
            if not _NOT_NORMAL.search(before) and not _unknown(before, said):
                found.append((base + match.start(), base + match.end()))
    return [(a, b) for a, b in found if text[a:b].strip()]


def _unknown(before: str, sentence: str) -> bool:
    """Not knowing told before the temperature, in its part of the sentence."""
    cut = max(before.lower().rfind(" but "), before.rfind(","), before.rfind(";"))
    return bool(_UNKNOWING.search(before[cut + 1 :] if cut >= 0 else before))
