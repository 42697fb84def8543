"""Confusion or severe pain told as long-standing is not new (re-trials 27 and 28).

`confused_or_drowsy` is NICE NG51's *new* altered mental state. "She's always a bit
muddled with her dementia, nothing new there", "he's been forgetful and confused for
years", "muddled as usual" tell the person's usual self: no new confusion, so the
emergency rule it feeds is not fired by it. Told as a change ("more confused than usual",
"her dementia, but much worse since yesterday", "suddenly muddled") it stays new, and a
sentence that tells both keeps the change: under-triage is the worse fault.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: The person's usual state: confusion that has always been there.
_USUAL = re.compile(
    r"\b(?:always|for (?:years|ages|a long time|a while now|as long as)|dementia|alzheimer'?s"
    r"|nothing new|not new|(?:the )?same as (?:always|ever|usual|normal)|as (?:usual|always|ever)"
    r"|long[- ]standing|normal for (?:her|him|them|me)|usual (?:muddled |confused |forgetful )?self"
    r"|no different|nothing different|no change|every day|most days|all the time"
    r"|has been like (?:that|this) for)\b",
    re.IGNORECASE,
)
#: A change: new, worse or sudden ("more confused than usual", "since yesterday").
_CHANGE = re.compile(
    r"\b(?:more|worse|worsening|worse than|than (?:usual|normal)|suddenly|sudden|new(?:ly)?"
    r"|since|today|tonight|yesterday|this (?:morning|week|afternoon|evening)|lately|recently"
    r"|last (?:night|few days|day or two)|become|became|getting|got|gone|started|starting"
    r"|not (?:her|his|their|my) usual|out of character|unlike (?:her|him|them|me))\b",
    re.IGNORECASE,
)
#: A change denied ("nothing new", "no worse", "not any more than usual") is none.
_NOT_NEW = re.compile(r"\b(?:nothing|not|no|never)(?: any)? (?:new|worse|more)\b", re.IGNORECASE)


def usual_confusion(mentions: list[Mention], context: Context) -> list[Mention]:
    """A new confusion told as the person's usual state is read "no", in its own words."""
    kept: list[Mention] = []
    for mention in mentions:
        if mention.field == "confused_or_drowsy" and mention.value is True:
            span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            said = span.sent.text if span is not None else ""
            usual = list(_USUAL.finditer(said))
            if span is not None and usual and not _CHANGE.search(_NOT_NEW.sub(" ", said)):
                # the words that tell it usual gave the answer too ("nothing new there")
                told = usual + list(_NOT_NEW.finditer(said))
                start = min(mention.start, span.sent.start_char + min(m.start() for m in told))
                end = max(mention.end, span.sent.start_char + max(m.end() for m in told))
                mention = replace(mention, value=False, start=start, end=end)
        kept.append(mention)
    return kept


#: The severest pain told in words, not measured against an injury: "agony", "worst pain ever".
_SEVERE = re.compile(
    r"\b(?:agony|agonising|agonizing|excruciating|unbearable|horrendous|horrific|worst|most"
    r"|screaming|crying|howling|writhing)\b",
    re.IGNORECASE,
)
#: Pain that has gone on for weeks or more ("for months", "for years", "on and off").
_LASTING = re.compile(
    r"\b(?:for|past|last|over|been)\s+(?:the\s+)?(?:last\s+|past\s+)?(?:\w+\s+)?(?:weeks|months"
    r"|years|ages|yrs)\b|\bfor (?:ages|years|months|a long time)\b|\bon and off\b|\bchronic\b"
    r"|\bfor (?:a|one|1) (?:year|month)\b",
    re.IGNORECASE,
)


def lasting_severe_pain(mentions: list[Mention], context: Context) -> list[Mention]:
    """Severe pain told of weeks or months is not pain out of proportion to an injury.

    "Agony" and "the worst pain ever" are BOAST 10's pain out of proportion in a person's
    words only for a new injury or session (re-trial 28); "in agony on the stairs for
    months" is long-standing pain, which the compartment rules must not read. A time of
    more than a fortnight read elsewhere in the story says the same. Painkillers that do
    not touch it stay the finding however long it has lasted.
    """
    # a time of weeks told anywhere counts only with no injury told: "kicked an hour ago,
    # in agony; bad knees for years" keeps the new injury's agony (under-triage is worse)
    injured = any(m.field == "mechanism" and m.value not in (None, "none") for m in mentions)
    weeks = not injured and any(
        m.field == "duration_days" and isinstance(m.value, float) and m.value > 14 for m in mentions
    )
    kept: list[Mention] = []
    for m in mentions:
        if m.field == "pain_out_of_proportion" and m.value is True:
            words = context.said[m.start : m.end]
            span = context.doc.char_span(m.start, m.end, alignment_mode="expand")
            sentence = span.sent.text if span is not None else words
            if _SEVERE.search(words) and (weeks or _LASTING.search(sentence)):
                continue  # long-standing pain: the words stay the pain's, no finding
        kept.append(m)
    return kept
