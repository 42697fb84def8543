"""A fever told as over is no fever now; one brought down by a medicine is still a fever.

The fever question asks about now ("Do you have a fever of 38 °C or more?", questions.yaml),
and the rules that read it (an infected joint, sepsis, a child's limp) read a fever present.
"had a fever last week but it's gone now", "the temperature broke two days ago", "my temp has
settled" tell one that is over: no fever now (round 19f: read as a fever now). Only where the
words clearly say so, of the fever itself: "the fever's not gone", "went up again", "the
swelling's gone" say nothing of it being over, and a doubt before it ("dunno if the fever's
gone") is asked. A fever that came down with paracetamol or ibuprofen is a fever all the same:
NICE NG143 (antipyretic interventions) warns not to tell serious illness from mild by the
fever's answer to such medicines, so it stays a fever (the negation of "went down" was read
as no fever).

`fever_over(mentions, context, notes)` returns the mentions with these readings.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: Words that may stand between the fever and its end: "'s", "has now", "it's", "finally".
_BETWEEN = (
    r"(?:[\s,]+|'s\b|’s\b|\b(?:has|have|had|is|was|it|it's|it’s|its|that|which|but|and|now"
    r"|finally|since|then|all|completely|totally|fully|properly|eventually|went|seems|seemed"
    r"|to\s+have|yesterday|last|night|week|this|morning|a|few|couple|of|days?|ago|\d+|two"
    r"|three|four|on|at|the|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)*?"
)
#: The fever over: gone, broken, come down, settled, back to normal.
_OVER = (
    r"(?:gone(?:\s+away|\s+down)?|went\s+away|went\s+down|go\s+down|come\s+down|came\s+down"
    r"|broke|broken|settled(?:\s+down)?|passed|cleared(?:\s+up)?|disappeared|resolved"
    r"|dropped|over(?=\s*(?:now\b|[.,;!)]|$))|back\s+(?:down\s+)?to\s+normal|normal\s+again)"
)
_TOLD_OVER = re.compile(
    rf"{_BETWEEN}\b{_OVER}\b(?!\s+(?:up|higher|through|to\s+\d))", re.IGNORECASE
)
#: Right after the end: a medicine brought it down (still a fever).
_BROUGHT_DOWN = re.compile(
    r"\b(?:with|after|thanks\s+to|because\s+of|paracetamol|calpol|ibuprofen|nurofen|tylenol"
    r"|advil|aspirin|tablets?|meds|medicine|medication|painkillers?|only\s+(?:for|while))\b",
    re.IGNORECASE,
)
#: Later in the sentence: it came back ("broke but came back last night").
_BACK = re.compile(
    r"\b(?:came|come|coming|comes)\s+back\b|\bback\s+again\b|\bagain\b|\breturned\b",
    re.IGNORECASE,
)
#: A doubt before the fever in its sentence: "not sure if the fever's gone" (asked).
_DOUBT = re.compile(
    r"\b(?:not\s+sure|unsure|no\s+idea|don'?t\s+know|dont\s+know|dunno|wonder|whether|if"
    r"|maybe|might|think|hope|hopefully)\b",
    re.IGNORECASE,
)
_NOTE = "“{said}” sounded unsure (gone or not), so kneewise will ask about the fever."
_FEVER_WORDS = re.compile(r"fever|temp|feverish|febrile", re.IGNORECASE)


def fever_over(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """Each fever told as over: no fever now; brought down by a medicine: a fever."""
    text = context.doc.text
    kept: list[Mention] = []
    for mention in mentions:
        said = text[mention.start : mention.end]
        if mention.field == "fever" and not mention.unsure and _FEVER_WORDS.match(said):
            mention = _read(mention, context, text, notes)
        kept.append(mention)
    return kept


def _read(mention: Mention, context: Context, text: str, notes: list[str]) -> Mention:
    for sentence in context.doc.sents:
        if not sentence.start_char <= mention.start < sentence.end_char:
            continue
        told = _TOLD_OVER.match(text, mention.end, sentence.end_char)
        if told is None:
            return mention
        rest = text[told.end() : sentence.end_char]
        if _BROUGHT_DOWN.match(rest.lstrip(" ,")) or _BACK.search(rest):
            # came back, or brought down by a medicine: a fever all the same
            return (
                replace(mention, value=True, negated=False) if mention.value is False else mention
            )
        if _DOUBT.search(text[sentence.start_char : mention.start]):
            notes.append(_NOTE.format(said=text[mention.start : told.end()]))
            return replace(mention, unsure=True, confidence=mention.confidence * 0.5)
        return replace(mention, value=False, end=told.end())  # its words used, never listed
    return mention
