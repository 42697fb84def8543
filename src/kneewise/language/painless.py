"""A knee told painless: "doesn't hurt at all", "no pain whatsoever", "completely painless".

The intake's pain scores are `pain_now` (0-10, right now) and `pain_worst` (0-10, at its
worst in the last 24 hours). A clause that says nothing but that the knee does not hurt,
with no time or trigger ("doesn't hurt at all", "never hurts"), tells no pain now and none
at its worst: 0 for both. Told of now ("doesn't hurt at the moment") it is `pain_now` only.
A denial tied to a time or a movement ("doesn't hurt when resting", "no pain on stairs")
is not a whole denial and is read elsewhere (scope.py), and nothing is read when the story
tells a pain anywhere else: a told pain is never scored nought. What this changes: a click
told painless is not the painful catch of rules.yaml `catching_or_intermittent_locking`
(NICE CKS knee pain; Siemieniuk 2017: mechanical symptoms), and the interview does not
ask for a score already told.

A click or catch told painless in its own sentence or the next ("it clicks but doesn't
hurt", "clicky, no pain", "clunks without any pain") answers the catching question, which
asks of a painful catch ("Clicking that does not hurt does not count"): `catching` is no.
Told of now only ("no pain at the moment"), beside a pain ("it clicks and hurts, no
pain now"), graded ("doesn't hurt much") or with an exception ("no pain except when it
catches") it is left as it was.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: The whole clause: a subject at most, the denial of pain, an emphasis, a time of now.
_PAINLESS = re.compile(
    r"^\W*(?:(?:but|and|though|although|thankfully|luckily|it|its|it's|he|she|they|his|her"
    r"|their|my|the|knee|knees|one|which|that)\W+)*"
    r"(?:(?:does|do|did)\s*(?:n'?t|not)|doesnt|dont|isnt|isn't|is\s+not|never|not)\s+"
    r"(?:hurt|hurts|painful|sore|ache|aches|bother\s+(?:him|her|me|them))"
    r"(?P<tail>(?:\W+(?:at\s+all|one\s+bit|a\s+bit|in\s+the\s+slightest|whatsoever|though|tho"
    r"|thankfully|luckily|now|right\s+now|at\s+the\s+moment|today|currently|anymore))*)\W*$"
    r"|^\W*(?:(?:but|and|though|it's|its|it\s+is|it|is|totally|completely)\W+)*"
    r"(?:no\s+pain(?:\s+at\s+all|\s+whatsoever)?|painless|pain_free|pain\s+free)"
    r"(?P<tail2>(?:\W+(?:at\s+all|whatsoever|though|tho|now|right\s+now|at\s+the\s+moment"
    r"|today|currently))*)\W*$",
    re.IGNORECASE,
)
_NOW = re.compile(r"\b(?:now|moment|today|currently)\b", re.IGNORECASE)


def painless(context: Context, mentions: list[Mention], notes: list[str]) -> list[Mention]:
    """The mentions with a painless click as no catch, and no pain where none is told."""
    return _no_pain(context, _painless_clicks(context, mentions, notes))


#: A pain denied in a click's sentence: "doesn't hurt", "no pain", "without pain".
_DENIED_PAIN = re.compile(
    r"\b(?:(?:does|do|did|is|was)\s*(?:n'?t|not)|doesnt|dont|isnt|never|not)\s+"
    r"(?:hurt|hurts|painful|sore|ache|aches|bother\s+(?:me|him|her|them))\b"
    # "doesn't hurt much", "not that painful": some pain
    r"(?!\s+(?:much|that|too|a\s+lot|as|so|very|unless|until|except))"
    r"|\bno\s+(?:pain|discomfort)\b(?!\s+(?:unless|until|except|apart|other|only|but\s+when|really))|\bpain[\s_-]*(?:free|less)\b|\bpainless(?:ly)?\b"
    r"|\bwithout\s+(?:any\s+)?(?:pain|discomfort|hurting)\b",
    re.IGNORECASE,
)
#: A told pain beside it, or a denial of now only: the click is left as it was.
_PAIN_TOLD = re.compile(
    r"\b(?:hurts|hurt|hurting|painful|pain|sore|aches|aching|agony|twinge)\b", re.IGNORECASE
)
#: "no pain except when it clicks", "doesn't hurt until it catches": a pain after all.
_EXCEPT = re.compile(
    r"\b(?:except|apart\s+from|unless|until|other\s+than|only\s+when|only\s+if|but\s+when)\b",
    re.IGNORECASE,
)
_NOW_ONLY = re.compile(
    r"\b(?:now(?!\s+and\s+(?:then|again))|moment|today|currently|anymore|any\s+more|at\s+rest"
    r"|resting|night)\b",
    re.IGNORECASE,
)


_CLICK_NOTE = (
    "“{said}”: a click with no pain named is not the painful catch asked about, so kneewise"
    " will ask about it."
)


def _painless_clicks(context: Context, mentions: list[Mention], notes: list[str]) -> list[Mention]:
    sentences = list(context.doc.sents)
    kept: list[Mention] = []
    for mention in mentions:
        if mention.field == "catching" and mention.value is True and not mention.unsure:
            at = next((i for i, s in enumerate(sentences) if s.end_char > mention.start), 0)
            told = [sentences[at].text]
            after = sentences[at + 1].text if at + 1 < len(sentences) else ""
            if _DENIED_PAIN.search(after) and len(_DENIED_PAIN.sub(" ", after).split()) <= 3:
                told.append(after)  # "It clicks. Doesn't hurt him though."
            said = " ".join(told)
            rest = _DENIED_PAIN.sub(" ", said)
            if (
                _DENIED_PAIN.search(said)
                and not _PAIN_TOLD.search(rest)
                and not _NOW_ONLY.search(said)
                and not _EXCEPT.search(said)
            ):
                mention = replace(mention, value=False, confidence=min(mention.confidence, 0.8))
            elif _unpained_click(context, mention, sentences, at) or _hedged_painless(said):
                # "my knee just clicks": no painful catch told, asked (unknown), the words kept
                note = _CLICK_NOTE.format(said=context.said[mention.start : mention.end].strip())
                if note not in notes:
                    notes.append(note)
                continue
        kept.append(mention)
    return kept


#: A pain denied with a hedge: "doesn't really hurt", "not really sore", "no pain really",
#: "doesn't really bother me". Some pain may be there, so it is no "no" to a painful catch,
#: and no "yes" either (round 15c: "clicks when I squat, doesn't really hurt" read as one).
_HEDGED_DENIAL = re.compile(
    r"\b(?:(?:does|do|did|is|was)\s*(?:n'?t|not)|doesnt|dont|isnt|wasnt|not)\s+really\s+"
    r"(?:hurt|hurts|hurting|painful|sore|ache|aches|achy|bother\s+(?:me|him|her|them))\b"
    r"|\bno\s+(?:real\s+)?(?:pain|discomfort)\s+really\b|\bno\s+real\s+(?:pain|discomfort)\b",
    re.IGNORECASE,
)


def _hedged_painless(said: str) -> bool:
    """A click's words tell its pain only with a hedged denial: asked, never a yes."""
    if not _HEDGED_DENIAL.search(said) or _EXCEPT.search(said):
        return False
    return not _PAIN_TOLD.search(_HEDGED_DENIAL.sub(" ", said))


#: A click's own words: a catch, a snag or "getting caught" is the catch itself.
_CLICK = re.compile(r"^(?:click|clicks|clicking|clicky|clicked|clunks|clunking)$", re.IGNORECASE)


def _unpained_click(context: Context, mention: Mention, sentences: list[Span], at: int) -> bool:
    """A click told with no pain in its sentence or the ones either side: "my knee just
    clicks", "it clicks when I squat" (re-trial 31: read as the painful catch of NICE CKS,
    an appointment). The catching question asks of a painful catch ("Clicking that does not
    hurt does not count"): with no pain named it is asked, never a yes and never a no."""
    if not _CLICK.match(context.said[mention.start : mention.end].strip()):
        return False
    cues = context.lexicon.pain_cues | _DISCOMFORT
    near = sentences[max(at - 1, 0) : at + 2]
    return not any(t.norm_ in cues for sentence in near for t in sentence)


#: A click felt as unpleasant, not a pain word: "sends shivers down my spine when it clicks",
#: "makes me wince" (the catch the question asks of is one that bothers the person).
_DISCOMFORT = frozenset({"wince", "winces", "wincing", "cringe", "cringes", "shivers", "spine",
    "ouch", "ow", "yelp", "discomfort", "uncomfortable", "nasty", "horrible"})  # fmt: skip


def _no_pain(context: Context, mentions: list[Mention]) -> list[Mention]:
    """The mentions and `pain_now` (and, untimed, `pain_worst`) of 0 for each clause that
    tells no pain.

    None when another clause tells a pain (a pain word not in a painless clause) or a
    pain score is read already, or the clause is about someone else or in the past.
    """
    if any(m.field in ("pain_now", "pain_worst") for m in mentions):
        return mentions
    doc, cues = context.doc, context.lexicon.pain_cues
    found: list[Mention] = []
    told_pain = False
    for clause in context.clauses:
        tokens = doc[clause.start : clause.end]
        match = _PAINLESS.match(tokens.text)
        if match is None:
            told_pain = told_pain or any(t.norm_ in cues for t in tokens)
            continue
        if context.about_someone_else(clause) or context.past(clause):
            continue
        start, end = tokens.start_char, tokens.end_char
        found.append(Mention("pain_now", 0, start, end, 0.8))
        if not _NOW.search(match.group("tail") or match.group("tail2") or ""):
            found.append(Mention("pain_worst", 0, start, end, 0.75))
    return mentions if told_pain else mentions + found


#: No pain told with a hedge ("no pain really", "doesn't really hurt", "no real pain"): a
#: leaning no, as "not really" is elsewhere (form_answers.py): some pain may be there.
_HEDGED_PAINLESS = re.compile(
    r"^\W*(?:(?:but|and|though|although|it|its|it's|he|she|they|his|her|their|my|the|knee"
    r"|knees|there's|theres|there\s+is|is)\W+)*"
    r"(?:no\s+(?:real\s+)?(?:pain|discomfort)\s+really|no\s+real\s+(?:pain|discomfort)"
    r"|not\s+really\s+(?:any\s+pain|painful|sore|hurting|achy|aching)"
    r"|(?:does|do|did|is)\s*(?:n'?t|not)\s+really\s+(?:hurt|hurts|ache|aches|hurting|painful|sore)"
    r"|(?:doesnt|dont|isnt)\s+really\s+(?:hurt|hurts|ache|aches|hurting|painful|sore))"
    r"(?:\W+(?:though|tho|now|to\s+be\s+honest|tbh|as\s+such))*\W*$",
    re.IGNORECASE,
)
_HEDGED_NOTE = "“{said}” sounded unsure, so kneewise will ask about it."


def leaning_no_pain(context: Context, mentions: list[Mention], notes: list[str]) -> list[Mention]:
    """A hedged "no pain" is asked, never a firm 0 nor lost (re-trial 28: "no pain really"
    was listed as not used): the pain now is unsure, with a note."""
    if any(m.field in ("pain_now", "pain_worst") for m in mentions):
        return mentions
    doc = context.doc
    for clause in context.clauses:
        tokens = doc[clause.start : clause.end]
        if not _HEDGED_PAINLESS.match(tokens.text) or context.about_someone_else(clause):
            continue
        start, end = tokens.start_char, tokens.end_char
        said = doc.text[start:end].strip(" ,.;")
        mentions = [*mentions, Mention("pain_now", 0, start, end, 0.45, unsure=True)]
        notes.append(_HEDGED_NOTE.format(said=said))
    return mentions
