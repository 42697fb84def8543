"""A child's leg that hurts when someone else moves it: `pain_when_leg_moved`.

A baby or young child does not say "it hurts when you bend it": a parent sees the child cry,
scream or pull the leg away when it is moved, bent or touched, at a nappy change or when
dressed, or the child will not let anyone touch it. That is pain on passive movement, a red
feature of the Royal Cornwall guideline on a child's limp (RCHT 2021), the pseudoparalysis
of an infected joint or bone (NHSGGC 2019); before, its words were only listed as not used
("my daughter (10 months) cries when we move her leg" came out self care). Read here:

* crying out when someone else handles the leg: "cries when we move his leg", "howls if you
  bend it", "screams the place down when the nurse straightened her knee", "pulls away
  when I touch his knee" (`_HANDLED`), or when it is handled, told the other way round:
  "sobs whenever her leg is touched" (`_WHEN_HANDLED`);
* at a nappy change or when dressed, with the leg named in the sentence: "screams at every
  nappy change and when I touch the leg" (`_NAPPY`); a baby crying at a nappy change with
  no leg told is no sign of the leg;
* not letting anyone near it: "won't let anyone touch his left leg" (`_WONT_LET`);
* the leg pulled away when handled: "pulls her leg away if you go to touch it" (`_PULLS`);
* pain told when someone else handles it: "it hurts her when I bend her knee" (`_HURTS`);
* the handling told first: "I bend her knee and she screams" (`_HANDLED_FIRST`).

Only of a child (a child's noun, an age in weeks or months, a nappy, or an age under 17
read) who is not the writer, and only when someone else moves the leg: the writer's "it
hurts when I bend it" and a child's "cries when she bends it" are their own movement;
"cries when we leave him at nursery" or "cried when she fell" handle no leg. A denial
("doesn't cry when we move it", "used to scream when...") is never read as the sign: its
words stay listed as not used, and the question is asked.
"""

from __future__ import annotations

import re

from kneewise.language.ages import CHILD_NOUNS
from kneewise.language.context import Context
from kneewise.language.mention import Mention
from kneewise.language.still_leg import LEG_OWNER

_DISTRESS = (
    r"(?:scream\w*|screech\w*|cr(?:y|ies|ied|ying)|yell\w*|howl\w*|shriek\w*|winc(?:e|es|ed|ing)"
    r"|whimper\w*|squeal\w*|sob(?:s|bed|bing)?|wail\w*|flinch\w*|grizzl\w*|whing\w*|moan\w*"
    r"|(?:pull|jerk|draw|shrink)(?:s|ed|ing)?\s+away|recoil\w*|in\s+(?:tears|agony)"
    r"|(?:gets|got|getting|is|was|goes|went|going)\s+(?:\w+\s+)?(?:upset|distressed|hysterical))"
)
_WHEN = r"(?:when(?:ever)?|if|as\s+soon\s+as|every\s*time|each\s+time|the\s+moment|as|while|once)"
#: Who moves the leg: anyone but the child ("he", "she": the child's own movement).
_ACTOR = (
    r"(?:i|we|you|u|anyone|anybody|someone|somebody|they|people|mum|mom|mummy|mommy|dad|daddy"
    r"|(?:the|her|his|their|our|my)\s+(?:doctor|dr|gp|nurse|physio|paramedic|childminder|nanny"
    r"|wife|husband|partner|mum|mom|mother|dad|father|nan|gran|grandma|grandad))"
)
_TRY = r"(?:(?:try|tries|tried|trying|go|goes|went|start|starts|started)\s+(?:to\s+)?)?"
_HANDLE = (
    r"(?:mov(?:e|es|ed|ing)|touch(?:es|ed|ing)?|bend(?:s|ing)?|bent|lift(?:s|ed|ing)?"
    r"|straighten(?:s|ed|ing)?|stretch(?:es|ed|ing)?|handl(?:e|es|ed|ing)|wiggl(?:e|es|ed|ing)"
    r"|press(?:es|ed|ing)?|prod(?:s|ded|ding)?|examin(?:e|es|ed|ing)|feel(?:s|ing)?|felt"
    r"|chang(?:e|es|ed|ing)|dress(?:es|ed|ing)?|go\s+near|goes\s+near|went\s+near)"
)
_LEG = r"(?:legs?|knees?|hips?|thighs?|foot|feet|ankles?|shins?)"
#: What is handled: the leg or "it", or at a nappy change or dressing (then the leg must be
#: named in the sentence: `_NAPPY_WORD`).
_PART = rf"(?:{_LEG}|it|nappy|nappies|diapers?|trousers|leggings|tights|clothes)"
_SIDE = r"(?:(?P<side>left|right)\s+)?"
_GAP = r"(?:[\w'’]+\s+)"

_HANDLED = re.compile(
    rf"\b{_DISTRESS}\s+{_GAP}{{0,4}}?{_WHEN}\s+{_ACTOR}\s+{_GAP}{{0,2}}?{_TRY}{_HANDLE}\s+"
    rf"{_GAP}{{0,3}}?(?:{LEG_OWNER}\s+)?{_SIDE}{_PART}\b",
    re.IGNORECASE,
)
_WHEN_HANDLED = re.compile(
    rf"\b{_DISTRESS}\s+{_GAP}{{0,4}}?{_WHEN}\s+(?:{LEG_OWNER}\s+)?{_SIDE}(?:{_LEG}|it)\s+"
    r"(?:is|are|was|were|gets|get|got|being|has\s+been)\s+(?:\w+\s+)?"
    r"(?:moved|touched|bent|lifted|straightened|stretched|handled|pressed|examined|wiggled)\b",
    re.IGNORECASE,
)
_NAPPY = re.compile(
    rf"\b{_DISTRESS}\s+{_GAP}{{0,3}}?(?:at|during|with|on|for|through(?:out)?|in)\s+"
    r"(?:(?:every|each|a|the|all|his|her|their)\s+)?(?:nappy|diaper)\s+chang\w*",
    re.IGNORECASE,
)
_WONT_LET = re.compile(
    r"\b(?:won['’]?t|wont|will\s+not|would\s*n['’]?t|would\s+not|doesn['’]?t|does\s+not|didn['’]?t"
    r"|did\s+not|refus(?:es|ed|ing)\s+to)\s+let\s+"
    rf"(?:{_ACTOR}|me|us|him|her|them)\s+{_GAP}{{0,1}}?(?:{_HANDLE}|near|look\s+at)\s+"
    rf"{_GAP}{{0,2}}?(?:{LEG_OWNER}\s+)?{_SIDE}(?:{_LEG}|it)\b",
    re.IGNORECASE,
)
_PULLS = re.compile(
    r"\b(?:pull|jerk|snatch|yank|draw|whip)(?:s|es|ed|ing)?\s+"
    rf"(?:{LEG_OWNER}\s+)?{_SIDE}(?:legs?|knees?|foot|feet)\s+(?:away|back)\b",
    re.IGNORECASE,
)
_HURTS = re.compile(
    r"\b(?:hurts?|hurting|painful|sore|agony)\s+(?:(?:him|her|them)\s+)?"
    rf"{_GAP}{{0,2}}?{_WHEN}\s+{_ACTOR}\s+{_GAP}{{0,2}}?{_TRY}{_HANDLE}\s+{_GAP}{{0,2}}?"
    rf"(?P<owner>{LEG_OWNER}\s+)?{_SIDE}(?:{_LEG}|it)\b",
    re.IGNORECASE,
)
#: The handling told first, then the child's cry: "I bend her knee and she screams",
#: "when we straighten his leg he howls", "the GP lifted her leg to look and she shrieked"
#: (round 15b: the parent's "I" set the clause aside, and the sign was lost).
_HANDLED_FIRST = re.compile(
    rf"(?:\b{_WHEN}\s+)?\b{_ACTOR}\s+{_GAP}{{0,2}}?{_TRY}{_HANDLE}\s+{_GAP}{{0,2}}?"
    rf"(?:{LEG_OWNER}\s+)?{_SIDE}(?:{_LEG}|it)\b,?\s+(?:[\w'’]+,?\s+){{0,5}}?"
    rf"(?:he|she|they|(?:the\s+)?(?:{CHILD_NOUNS}))\s+"
    r"(?:(?:just|really|always|instantly|immediately|still|literally|then|starts?|started"
    r"|begins?|began|goes|went|to)\s+)*"
    rf"{_DISTRESS}",
    re.IGNORECASE,
)
_NAPPY_WORD = re.compile(
    r"\b(?:nappy|nappies|diapers?|trousers|leggings|tights|clothes)\s*$", re.IGNORECASE
)
_LEG_WORD = re.compile(rf"\b{_LEG}\b", re.IGNORECASE)
_TRIGGER = re.compile(rf"\b(?:{_HANDLE}|{_DISTRESS})\b", re.IGNORECASE)
#: A denial or a past habit just before the sign: "doesn't cry when...", "used to scream".
_DENIED = re.compile(
    r"(?:\bnot|n['’]?t|\bnever|\bno\s+longer|\bstopped|\bused\s+to|\bno)\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
#: The writer's own crying ("I cry when the physio bends it"): their own pain, not this.
_WRITER_SUBJECT = re.compile(
    r"\b(?:i|we|i['’]m|im)\s+(?:(?:always|still|just|really|literally|even|only|also|nearly"
    r"|almost|then|now)\s+)*$",
    re.IGNORECASE,
)
_A_CHILD = re.compile(
    rf"\b(?:{CHILD_NOUNS}|babies|newborn|nappy|nappies|diapers?"
    r"|(?:months?|mths?|mos?|weeks?|wks?)[\s-]*old)\b",
    re.IGNORECASE,
)
_THE_WRITERS = re.compile(r"\b(?:my|mine)\b", re.IGNORECASE)


def leg_moved(mentions: list[Mention], context: Context) -> list[Mention]:
    """The mentions with a child's pain on the leg being moved read, and its side when told."""
    text = context.said
    young = _A_CHILD.search(text) or any(
        m.field == "age" and isinstance(m.value, int) and m.value <= 16 for m in mentions
    )
    if not young:
        return mentions
    baby = re.search(r"\b(?:nappy|nappies|diapers?)\b", text, re.IGNORECASE)
    if context.patient.kind != "other" and not baby:
        return mentions  # the writer's own story: "it hurts when I bend it" is theirs
    found: list[tuple[int, int, str | None]] = []
    for pattern in (_HANDLED, _WHEN_HANDLED, _NAPPY, _WONT_LET, _PULLS, _HURTS, _HANDLED_FIRST):
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if any(a <= start < b or start <= a < end for a, b, _ in found):
                continue  # "pulls her leg away and howls if you bend it": read once
            if not _told_of_the_child(text, match, pattern):
                continue
            if context.about_someone_else(context.clause_at_char(start)):
                continue  # another child's leg, in a statement set aside
            side = match.groupdict().get("side")
            found.append((start, end, side.lower() if side else None))
    for start, end, side in found:
        mentions.append(Mention("pain_when_leg_moved", True, start, end, 0.9))
        if side is not None:
            mentions.append(Mention("side", side, start, end, 0.9))
    return mentions


def _told_of_the_child(text: str, match: re.Match[str], pattern: re.Pattern[str]) -> bool:
    """The sign is said, of the child, and of the leg."""
    said = match.group()
    before = text[max(0, match.start() - 40) : match.start()]
    if pattern is not _WONT_LET and _DENIED.search(before):
        return False  # "doesn't cry when we move it", "used to scream when": not now
    if _WRITER_SUBJECT.search(before) or _THE_WRITERS.search(said):
        return False  # "I cry when the physio bends my knee": the writer's own
    sentence = _sentence(text, match.start(), match.end())
    if pattern is _NAPPY or _NAPPY_WORD.search(said):
        # a nappy change or dressing is the leg's only with the leg named
        return bool(_LEG_WORD.search(sentence))
    if pattern is _PULLS:
        # "pulls her leg away" alone may be play: only when handled, or crying with it
        rest = sentence.replace(said, " ")
        return bool(_TRIGGER.search(rest))
    if pattern is _HURTS and re.search(rf"(?i)\b{_WHEN}\s+(?:you|u)\s", said):
        # "it hurts when you bend it" may be the child's own bending: "you" is someone
        # else's hands only with the child's leg named ("hurts her when you bend her knee")
        return (match.group("owner") or "").strip().lower() in {"his", "her", "their"}
    return True


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around the characters from start to end."""
    opening = max(text.rfind(mark, 0, start) for mark in ".!?\n;")
    closing = [i for i in (text.find(mark, end) for mark in ".!?\n;") if i != -1]
    return text[opening + 1 : min(closing) if closing else len(text)]
