"""Weight borne now with difficulty: neither "can walk" nor "cannot", so it is asked.

The Ottawa knee rule's "unable to bear weight" is fewer than four steps, both right after
the injury and when examined, a limp counting as able (Stiell 1995; the intake's
`can_walk_4_steps`). "can hardly put weight on it", "can barely stand on it", "can only
just put my foot down", "can just about put weight on it" say the person bears some
weight, with difficulty, not whether four steps can be taken: the answer is kept out of
the intake (unsure) and the interview asks, with a note in the person's own words.
"can barely walk" is walking (lexicon.yaml); told with "could" the time is unsaid, and
the words are listed as not used (`_unasked`).
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: "can hardly put weight on it", "barely able to stand": the words, present tense.
_HARDLY_BORNE = re.compile(
    r"\b(?:can|cn)\s+(?:only\s+)?(?:barely|hardly|just\s+about|just|only\s+just)\s+"
    r"(?:put|take|bear|stand|weight[\s_-]*bear)\b"
    r"(?:\s+(?:any|much|my|the|his|her|their|full|body|some)){0,2}"
    r"(?:\s+(?:weight(?:\s+(?:on|through)(?:\s+(?:it|that|this|my|the|his|her|their))?"
    r"(?:\s+(?:leg|foot|knee|side))?)?|(?:on|up)(?:\s+(?:it|that|this|my|the|his|her))?"
    r"(?:\s+(?:leg|foot|knee))?|foot\s+down|feet\s+down|leg\s+down))?"
    r"|\b(?:barely|hardly|only\s+just|just\s+about)\s+able\s+to\s+(?:put|take|bear|stand)\b"
    r"(?:\s+(?:any|much|my|the)){0,2}(?:\s+(?:weight|on\s+it|up))?",
    re.IGNORECASE,
)
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
    for match in _HARDLY_BORNE.finditer(context.doc.text):
        words = match.group().strip()
        if " " not in words:
            continue
        clause = context.clause_at_char(match.start())
        if context.about_someone_else(clause) or context.past(clause):
            continue
        found.append(
            Mention("can_walk_4_steps", None, match.start(), match.end(), 0.45, False, True)
        )
        who = "you" if context.patient.kind == "self" else "they"
        if (note := _ASKED.format(words=words, who=who)) not in notes:
            notes.append(note)
    kept = [
        m
        for m in mentions
        if not (m.field == "can_walk_4_steps" and any(f.start <= m.start < f.end for f in found))
    ]
    return kept + found
