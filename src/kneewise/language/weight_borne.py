"""Weight borne now with difficulty: neither "can walk" nor "cannot", so it is asked.

The Ottawa knee rule's "unable to bear weight" is fewer than four steps, both right after
the injury and when examined, a limp counting as able (Stiell 1995; the intake's
`can_walk_4_steps`). "can hardly put weight on it", "can barely stand on it", "can only
just put my foot down", "can just about put weight on it" say the person bears some
weight, with difficulty, not whether four steps can be taken: the answer is kept out of
the intake (unsure) and the interview asks, with a note in the person's own words.
So is walking with difficulty now, "can barely walk", "can only just hobble", "struggling
to walk", also misspelt ("can hardley wlak"; round 19a: it was read as able), but not a
distance or a way ("can barely walk far", "struggling to walk up hills"), nor one told able
after it ("but I can"). Told with "could" the time is unsaid, and the words are listed as
not used (`_unasked`).

Steps told with a count are the same question, never the stairs (re-trial 9f: "cant
manage 4 steps" was read as worse on stairs): fewer than four is unable, "can't manage
more than 10" is able; "a few" as a limit ("can't manage more than a few steps", "can only
take a few") is about three, so unable (re-trial 10), "can take a few" is asked
(`steps_counted`). Able to walk, limited after it ("I can walk but only a couple of
steps") is the count's answer, never "can walk" (re-trial 27).
"""

from __future__ import annotations

import re

from kneewise.language import walk_words
from kneewise.language.context import Context
from kneewise.language.history import told_of_past
from kneewise.language.mention import Mention
from kneewise.language.spelled import with_digits

#: "can hardly put weight on it", "barely able to stand": the words, present tense.
_HARDLY_BORNE = re.compile(
    r"\b(?:can|cn)\s+(?:only\s+)?(?:barely|hardly|just\s+about|just|only\s+just)\s+"
    r"(?:put|take|bear|stand|weight[\s_-]*bear)\b"
    r"(?:\s+(?:any|much|my|the|his|her|their|full|body|some)){0,2}"
    r"(?:\s+(?:weight(?:\s+(?:on|through)(?:\s+(?:it|that|this|my|the|his|her|their))?"
    r"(?:\s+(?:leg|foot|knee|side))?)?|(?:on|up)(?:\s+(?:it|that|this|my|the|his|her))?"
    r"(?:\s+(?:leg|foot|knee))?|foot\s+down|feet\s+down|leg\s+down))?"
    r"|\b(?:barely|hardly|only\s+just|just\s+about)\s+able\s+to\s+(?:put|take|bear|stand)\b"
    r"(?:\s+(?:any|much|my|the)){0,2}(?:\s+(?:weight|on\s+it|up))?"
    # walking with difficulty now (round 19a: "can barely walk" was read as able): "can hardly
    # walk", "barely able to walk", "struggling to walk", "can only just walk"; never a
    # distance, a way or stairs ("can barely walk far", "struggling to walk up hills"), which
    # say some walking is done
    r"|(?:\b(?:can|cn)\s+(?:only\s+)?(?:barely|hardly|only\s+just|just\s+about)"
    # "i cant hardly walk" says the same, never "cannot" (cut "ca" + "nt", shown "cannt")
    r"|\b(?:can|cn)(?:n?'?t|not|\s+not)\s+(?:barely|hardly)"
    r"|\b(?:barely|hardly|only\s+just|just\s+about)\s+able\s+to"
    r"|\b(?:i\s+am|i'?m|am|is|are|'s|s|been|really|still)\s+struggling\s+to"
    r"|\bi\s+(?:really\s+|now\s+)?struggle\s+to|(?:^|[,;:.!?]|\band\b)\s*struggling\s+to)"
    r"\s+(?:walk|hobble|stand|put\s+weight|bear\s+weight|weight[\s_-]*bear)\b"
    r"(?!\s+(?:far|long|distances?|any\s+distance|up|down|upstairs|downstairs|uphill|the|to"
    r"|fast|quickly|very|more|for|a\s+mile|miles|round\s+the|around\s+the|with(?!out)|in)\b)"
    r"(?:\s+(?:on|through)(?:\s+(?:it|that|this|my|the|his|her|their))?"
    r"(?:\s+(?:leg|foot|knee))?)?",
    re.IGNORECASE | re.MULTILINE,
)
#: Able after all, told after it: "I can barely walk on it but I can" walks.
#: (only walking, or nothing after it: "but I can stand" walks no more than before)
_BUT_CAN = re.compile(r"^[^.!?;]*?\bbut\s+(?:i|he|she|they|we)\s+(?:still\s+)?(?:can|do|does)"
                      r"(?:\s+(?:still\s+)?walk\b|\s*(?:[.,!?;]|$))", re.IGNORECASE)  # fmt: skip
_ASKED = "“{words}” does not say whether {who} can take four steps, so kneewise will ask."


def weight_borne_hardly(
    mentions: list[Mention], context: Context, notes: list[str]
) -> list[Mention]:
    """The mentions with an unsure "can you take four steps?" for weight borne with difficulty.

    Each match becomes an unsure `can_walk_4_steps` mention at its words (kept out of the
    intake, so the interview asks), a note is added for it, and a "can walk" read inside
    the same words ("barely able to stand": "able to stand") is dropped. A statement
    about someone else or in the past gives none.
    """
    found: list[Mention] = []
    normed, where = walk_words.normed(context.doc)  # "can hardly wlak": as if spelt right
    for told in _HARDLY_BORNE.finditer(normed):
        start, end = where(told.start(), told.end())
        words = context.doc.text[start:end].strip()
        if " " not in words or _BUT_CAN.match(context.doc.text[end:]):
            continue
        clause = context.clause_at_char(start)
        if context.about_someone_else(clause) or context.past(clause):
            continue
        found.append(Mention("can_walk_4_steps", None, start, end, 0.45, False, True))
        who = "you" if context.patient.kind == "self" else "they"
        if (note := _ASKED.format(words=words, who=who)) not in notes:
            notes.append(note)
    kept = [
        m
        for m in mentions
        if not (m.field == "can_walk_4_steps" and any(f.start <= m.start < f.end for f in found))
    ]
    return steps_counted(kept + found, context, notes)


_STEPS = re.compile(
    r"\b(?:(?P<pre>only|barely|hardly|just)\s+)?"
    r"(?:(?P<neg>can'?t|cant|cannot|can\s+not|unable\s+to|not\s+able\s+to"
    r"|(?P<past_neg>couldn'?t|couldnt|could\s+not))|(?P<past>could)|can|cn|able\s+to)\s+"
    r"(?:(?P<limit>only|just\s+about|just|barely|hardly)\s+|(?:even|really|still|manage\s+to)\s+)*"
    r"(?:manage|take|do|make|walk|hobble|limp|go|get)\s+"
    r"(?:(?:more|further)\s+than\s+|over\s+|(?P<upto>up\s+to)\s+)?"
    r"(?:(?:about|around|like|maybe|roughly)\s+)?"
    r"(?P<n>\d{1,3}|one|two|three|four|(?P<few>a\s+few|a\s+handful\s+of)|(?P<two>a\s+couple(?:\s+of)?))"
    r"\s+(?:(?:small|tiny|little|single|proper)\s+)?steps?\b",
    re.IGNORECASE,
)
#: Able to walk, limited after it to a count: "I can walk but only a couple of steps",
#: "able to hobble, just 2 or 3 steps" (re-trial 27: read as able). The limit is the answer.
_ONLY_STEPS = re.compile(
    r"\b(?:(?P<past>could)|can|cn|able\s+to)\s+(?:still\s+|just\s+about\s+)?"
    r"(?:(?:stand|get\s+up)\s+(?:and|or)\s+)?(?:walk|hobble|limp|stand|move|get\s+about|get\s+around|weight[\s_-]*bear)\b"
    r"(?:\s+(?:on\s+it|a\s+bit|a\s+little|now))?\s*,?\s*(?:but\s+)?(?P<limit>only|just)\s+"
    r"(?:(?:for|about|around|like|maybe|manage|take|do|walk|a\s+max\s+of)\s+)*"
    r"(?P<n>\d{1,3}|one|two|three|four|(?P<few>a\s+few|a\s+handful\s+of)"
    r"|(?P<two>a\s+couple(?:\s+of)?))(?:\s*(?:-|or|to)\s*(?:\d|one|two|three|four))?"
    r"\s+(?:(?:small|tiny|little|single|proper)\s+)?steps?\b",
    re.IGNORECASE,
)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}


def _can_walk_four(match: re.Match[str]) -> bool | None:
    """Whether four steps can be taken, by the count and how it is told; None: asked.

    "a few" as a limit ("can't manage more than a few steps", "can only take a few") is
    about three, under four (re-trial 10 asked it: self care after a tackle); a few told
    as able ("can take a few steps", "can just about do a few") may be all they can, so it
    is asked, as is "a handful".
    """
    # "only"/"just" limit the count; "barely", "just about" tell difficulty (asked)
    told = match.groupdict()
    limited = (told["limit"] or told.get("pre") or "").lower() in ("only", "just")
    if told["few"]:
        if "handful" in told["few"].lower():
            return None
        return False if told.get("neg") or limited else None
    n = 2 if told["two"] else _WORDS.get(told["n"].lower()) or int(told["n"])
    more = "than" in match.group().lower() or " over " in match.group().lower()
    if told.get("neg"):
        if more:
            return n >= 4  # "can't walk more than 2 steps": 2 at most
        return False if n <= 4 else None  # "can't manage 4 steps"; "can't walk 20": how many?
    if more:
        return True if n >= 3 else None  # "can walk more than 3 steps"
    return n >= 4  # "can only take 2 steps" is under four (Ottawa; Stiell 1995)


def steps_counted(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """The mentions with `can_walk_4_steps` read from a count of steps, in place of stairs.

    "cant manage 4 steps", "can only take a couple of steps", "can't do more than 2 steps":
    the four-steps question, never worse on stairs. A reading of either inside the words is
    dropped; an uncertain count is asked, with a note; nothing is read of someone else or
    of the past; told with "could" it is right after the injury (`walked_right_after`).
    """
    text = with_digits(context.doc.text)[0]
    found: list[Mention] = []
    counted = list(_STEPS.finditer(text))
    counted += [
        match
        for match in _ONLY_STEPS.finditer(text)
        if not any(match.start() < m.end() and m.start() < match.end() for m in counted)
    ]
    for match in counted:
        told = match.groupdict()
        clause = context.clause_at_char(match.start())
        span = context.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        # the clause up to the steps: "can only walk 3 steps before I grab something" is now
        upto = (
            "".join(
                f" {t.norm_}" for t in context.doc[clause.start : span.end if span else clause.end]
            )
            + " "
        )
        if context.about_someone_else(clause) or told_of_past(upto, context.lexicon.history_cues):
            continue
        then = bool(told["past"] or told.get("past_neg"))
        if then and (
            not (told.get("past_neg") or told["limit"] or told.get("pre"))
            or re.search(r"\b(?:if|whether)\b", upto)
        ):
            continue  # "no idea if I could walk 4 steps": a wondering, not a past told
        value = _can_walk_four(match)
        # "couldn't manage more than a few steps after the fall": then, right after it (the
        # Ottawa rule's first time, as "couldn't walk" reads in lexicon.yaml; Stiell 1995)
        field = "walked_right_after" if then else "can_walk_4_steps"
        found.append(Mention(field, value, match.start(), match.end(), 0.9, False, value is None))
        if value is None:
            words = context.doc.text[match.start() : match.end()]
            who = "you" if context.patient.kind == "self" else "they"
            if (note := _ASKED.format(words=words, who=who)) not in notes:
                notes.append(note)
    kept = [
        m
        for m in mentions
        if m.field not in ("can_walk_4_steps", "walked_right_after", "worse_with")
        or not any(m.start < f.end and f.start < m.end for f in found)
    ]
    return kept + found
