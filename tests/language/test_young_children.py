"""An age under 5 is never dropped unsaid (re-trial 25: "my 2yo is limping and feverish").

The intake's ages start at 5, as the knowledge's age bands do, so no age is read; a note
says so in plain words and that a child that young with a limp, a leg not stood on or a
fever is seen by a doctor today. Phrasings written fresh for this test.
"""

from __future__ import annotations

import pytest

from kneewise import load_knowledge
from kneewise.language import parse

KB = load_knowledge()
SAID = "kneewise is made for ages 5 and over"


@pytest.mark.parametrize(
    "text",
    [
        "our wee one is 3 and keeps limping on her right leg",
        "my 2 yr old boy won't put any weight on his leg, knee looks puffy",
        "toddler (4) hot to touch and not walking",
        "my grandson is 1 and screams when I bend his knee",
    ],
)
def test_an_age_under_five_is_said_back_with_what_to_do(text: str) -> None:
    parsed = parse(text, KB)
    assert "age" not in parsed.values()
    note = next(note for note in parsed.set_aside() if SAID in note)
    assert "doctor today" in note


@pytest.mark.parametrize(
    "text",
    [
        "I'm 45 with a 4 year old knee injury that flares up",
        "did 4 sets of 10 squats and it ached",
        "my 9 year old fell off her scooter",
    ],
)
def test_an_age_of_a_thing_or_an_older_child_gets_no_such_note(text: str) -> None:
    assert not any(SAID in note for note in parse(text, KB).set_aside())
