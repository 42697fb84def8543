"""Questions worded of someone else when the answers are theirs ("How old are they?").

A story of someone else's knee ("my son fell off his bike", `ParsedIntake.someone_else`)
has answers that are theirs, and a question asking "How old are you?" or "Do you have
sickle cell disease?" then asks the one answering. Every question's text and every box
of a tick-any screen is reworded from the knowledge: a question's `of_someone_else` text
where it has one (the one answering presses on the kneecap, so "you" stays), else its text
with "you" and "your" made "they", "them" and "their". Help texts stay: they speak to the
one answering ("compare both calves").
"""

from __future__ import annotations

import re

from kneewise.interview.model import Question
from kneewise.knowledge.model import KnowledgeBase

#: After these words "you" is an object: "wake you at night", "told you", "true for you".
_OBJECT_AFTER = frozenset({"wake", "wakes", "told", "tell", "of", "for", "to", "with", "help"})
_POSSESSIVE = {"your": "their", "yours": "theirs", "yourself": "themselves",
               "you're": "they're", "you've": "they've"}  # fmt: skip
_SECOND_PERSON = re.compile(r"\b(?:you're|you've|yourself|yours|your|you)\b", re.IGNORECASE)


def of_someone_else(text: str) -> str:
    """`text` with "you" and "your" made "they", "them" and "their"."""

    def swap(found: re.Match[str]) -> str:
        word = found.group(0)
        if word.lower() == "you":
            before = text[: found.start()].split()[-1:]
            new = "them" if before and before[0].lower() in _OBJECT_AFTER else "they"
        else:
            new = _POSSESSIVE[word.lower()]
        return new.capitalize() if word[0].isupper() else new

    return _SECOND_PERSON.sub(swap, text)


def texts_of_someone_else(kb: KnowledgeBase) -> dict[str, str]:
    """Each question's and each screen's text worded of someone else, by field or screen id."""
    worded = {q.field: q.of_someone_else or of_someone_else(q.text) for q in kb.questions}
    worded.update({g.id: g.of_someone_else or of_someone_else(g.text) for g in kb.groups})
    return worded


def worded_of_someone_else(question: Question, kb: KnowledgeBase) -> Question:
    """The question as asked when the answers are someone else's (its answered boxes too)."""
    worded = texts_of_someone_else(kb)
    answered = [item.model_copy(update={"label": worded.get(item.field, item.label)})
                for item in question.answered]  # fmt: skip
    others = [o.model_copy(update={"label": o.of_someone_else}) if o.of_someone_else else o
              for o in question.other_answers]  # fmt: skip
    return question.model_copy(update={
        "text": worded.get(question.id, question.text), "answered": answered,
        "other_answers": others,
    })  # fmt: skip
