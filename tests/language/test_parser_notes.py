"""What the reader says about words it set aside is shown to the person (terminal, API):
plain words, never a field name, a character offset or a Python repr (issue 14)."""

from __future__ import annotations

import re

import pytest

from kneewise import load_knowledge
from kneewise.language import parse

KB = load_knowledge()
#: A field or choice name with an underscore, a repr's quotes, the reader's own jargon,
#: or a character offset. (A one-word field such as `swollen` is also a plain word.)
INTERNAL = re.compile(r"\b[a-z]+_[a-z0-9_]+\b|'|interview|hedged|: \d+$")


@pytest.mark.parametrize(
    ("story", "said"),
    [
        ("my knee is swollen", "swollen"),
        ("the knee has swelled up and it hurts on stairs", "swollen"),
        ("there's some swelling around the kneecap", "swollen"),
        ("maybe a bit warm", "unsure"),
        ("I think it might have popped", "unsure"),
        ("my brother had a swollen knee", "someone else"),
        ("my sister had a fever last week", "someone else"),
        ("i had an operation on my hip last year", "not used"),
    ],
)  # fmt: skip
def test_notes_are_plain_words(story: str, said: str) -> None:
    notes = parse(story, KB).notes
    assert notes, story
    assert any(said in note for note in notes), notes
    for note in notes:
        assert not INTERNAL.search(note), note
        assert note[:1].isupper() or note.startswith("“"), note
