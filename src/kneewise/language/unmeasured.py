"""A fever guessed and not measured is told unsure: asked, never a yes or a no.

"think i had a temp but didnt check", "reckon he's got a fever, haven't taken it": the
writer guesses ("think", "reckon", "guess") and says in the same sentence that no
thermometer was used. The guess is the writer's doubt, and the not measuring says
nothing either way (bare_answers.NOT_MEASURED), so the fever is asked, as "might have
had a fever" already is (the lexicon's unknowing cues; round 18a: the guess was read as a
firm fever, because "didn't check" after "but" is a clause of its own and a not-knowing
cue doubts only what follows it). A fever told plainly beside a thermometer not used ("had
a temp, didn't check it", "burning up, no thermometer") is a fever told in words and stays
one (NHS: feeling hot or shivery may be a high temperature); a number ("38.5") is measured.

A fever told in feeling words ("feel hot and cold", "shivery", "burning up") beside the
temperature itself doubted ("not sure if i have a temperature, feel hot and cold") is the
writer's reason for the doubt, not a fever told sure: it is asked too (round 19j: the feeling
read as a sure fever outweighed the doubt, an over-triage). A number is measured and stays.
"Burning up all night" is a fever through the night, never night pain: "burning" there is no
pain word (round 19j: it was read as pain at night).

`guessed_unmeasured(mentions, context, notes)` returns the mentions with such fevers unsure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kneewise.language.bare_answers import NOT_MEASURED
from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: A guess before the fever, in its own part of the sentence: "I think I had a temp".
_GUESS = re.compile(
    r"\b(?:think|thinks|thought|reckon|reckons|reckoned|guess|guessed|suppose|supposed"
    r"|believe|believed|imagine|suspect|suspected)\b",
    re.IGNORECASE,
)
#: Nothing measured, anywhere in the sentence ("didnt check", "never measured it").
_NOT_MEASURED = re.compile(
    r"\b(?:" + "|".join(re.escape(said) for said in NOT_MEASURED) + r")\b"
    r"|\bwithout\s+(?:checking|measuring|taking)\b"
    r"|\b(?:never|not|didn'?t|did\s+not)\s+took\b",
    re.IGNORECASE,
)
#: Where a part of the sentence ends before the fever: a guess there is about something else.
_PART_END = re.compile(r".*(?:\bbut\b|\band\b|[,;:])", re.IGNORECASE | re.DOTALL)
_NOTE = "“{said}” sounded unsure (a guess, not measured), so kneewise will ask about it."
#: The fever named by its own words, not felt: "temperature", "temp", "fever", "pyrexia".
_FEVER_WORD = re.compile(r"\b(?:fever\w*|febrile|temp\w*|pyrexi\w*)\b", re.IGNORECASE)
#: Rigors are no mere feeling: "shaking uncontrollably", "teeth chattering" (round 12b).
_RIGORS = re.compile(r"uncontroll|rigou?r|chatter|stop|violent|all\s+night", re.IGNORECASE)
_FELT_NOTE = (
    "“{said}” was told beside a temperature you were unsure of, so kneewise will ask about it."
)


def guessed_unmeasured(
    mentions: list[Mention], context: Context, notes: list[str]
) -> list[Mention]:
    """Each fever told as a guess in a sentence saying nothing was measured: unsure."""
    text = context.doc.text
    kept: list[Mention] = []
    for mention in mentions:
        if _guessed(mention, context, text):
            notes.append(_NOTE.format(said=text[mention.start : mention.end]))
            mention = replace(mention, confidence=mention.confidence * 0.5, unsure=True)
        kept.append(mention)
    return _felt_beside_doubt(_no_burning_up_pain(kept, context), text, notes)


def _no_burning_up_pain(mentions: list[Mention], context: Context) -> list[Mention]:
    """Night pain dropped when its only pain word is the fever's "burning up"."""
    doc = context.doc
    kept: list[Mention] = []
    for mention in mentions:
        if mention.field == "night_pain" and mention.value is True:
            clause = context.clause_at_char(mention.start)
            cues = [
                t
                for t in doc[max(clause.start - 4, 0) : clause.end]
                if t.norm_ in context.lexicon.pain_cues and not mention.start <= t.idx < mention.end
            ]
            if cues and all(
                t.norm_ == "burning" and doc[t.i + 1 : t.i + 2].text.lower() == "up" for t in cues
            ):
                continue  # "burning up all night": the fever's night, no pain told
        kept.append(mention)
    return kept


def _felt_beside_doubt(mentions: list[Mention], text: str, notes: list[str]) -> list[Mention]:
    """Fevers told in feeling words made unsure when the temperature itself was doubted."""
    doubted = any(
        # a doubt, never a denial told unsure ("no fever that I know of": round 13c)
        m.field == "fever"
        and m.unsure
        and m.value is not False
        and _FEVER_WORD.search(text[m.start : m.end])
        for m in mentions
    )
    if not doubted:
        return mentions
    kept: list[Mention] = []
    for mention in mentions:
        said = text[mention.start : mention.end]
        felt = not (_FEVER_WORD.search(said) or _RIGORS.search(said) or any(map(str.isdigit, said)))
        if mention.field == "fever" and mention.value is True and not mention.unsure and felt:
            notes.append(_FELT_NOTE.format(said=said))
            mention = replace(mention, confidence=mention.confidence * 0.5, unsure=True)
        kept.append(mention)
    return kept


def _guessed(mention: Mention, context: Context, text: str) -> bool:
    said = text[mention.start : mention.end]
    if mention.field != "fever" or mention.value is not True or mention.unsure:
        return False
    if any(map(str.isdigit, said)):
        return False  # a number is measured
    for sentence in context.doc.sents:
        if sentence.start_char <= mention.start < sentence.end_char:
            before = text[sentence.start_char : mention.start]
            part = _PART_END.sub("", before)
            return bool(_GUESS.search(part)) and bool(_NOT_MEASURED.search(sentence.text))
    return False
