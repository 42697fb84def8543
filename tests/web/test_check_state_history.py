"""A check's earlier states are kept as counts of the next: a page grows with the answers,
not with their square.

Measured before (tests' fields answered one screen each, 'don't know'): the last page of a
77-answer check held 90,899 characters and its draft 2.4 million (each page kept every
earlier state whole), and past 200,000 characters (`MAX_STATE_CHARS`) a check could not go
on. Now 3,983 and 155,000. Every way a state changes (answer, don't know, more questions,
back, start again) reads back as it was, "back" included; a state kept whole by an older
page still reads; counts that do not fit are a clear 400, never a traceback.
"""

from __future__ import annotations

import json

import pytest

from kneewise.intake import INTAKE_FIELDS
from kneewise.web.check_state import MAX_STATE_CHARS, CheckState, load_state
from kneewise.web.problems import ProblemError

FIELDS = list(INTAKE_FIELDS)


def _walk(steps: int) -> CheckState:
    """`steps` screens each answered "don't know" (always a valid state), after a story."""
    state = CheckState(story="knee swelled after football", words={"age": "I'm 16"})
    for number in range(steps):
        state = state.advanced(f"screen-{number}", {}, [FIELDS[number]])
    return state


def _same(one: CheckState, other: CheckState) -> None:
    assert one == other
    # And going back all the way gives the same states on both.
    while one.history:
        (one, undone_one), (other, undone_other) = one.back(), other.back()
        assert one == other and undone_one == undone_other


def test_a_page_grows_with_the_answers_not_their_square() -> None:
    sizes = {steps: len(_walk(steps).to_json()) for steps in (20, 40, len(FIELDS))}
    # Twice the answers: about twice the page (it was four times).
    assert sizes[40] < 2.5 * sizes[20]
    assert sizes[len(FIELDS)] < MAX_STATE_CHARS / 20


@pytest.mark.parametrize("steps", [0, 1, 5, len(FIELDS)])
def test_every_earlier_state_reads_back_as_it_was(steps: int) -> None:
    state = _walk(steps)
    _same(load_state(state.to_json()), state)


def test_answers_more_questions_and_back_read_back() -> None:
    state = CheckState(answers={"age": 30}, words={"age": "30"}, story="I'm 30")
    state = state.advanced("swelling", {"swelling": "within_2h"}, [])
    state = state.advanced("pop", {"pop": True}, ["fever"])
    state = state.with_optional(True)
    state = state.advanced("locking", {}, ["locking"])
    state, undone = state.back()
    assert undone == {} and state.optional is True
    state = state.advanced("walking", {"can_walk_4_steps": True}, [])
    read = load_state(state.to_json())
    _same(read, state)
    before, undone = read.back()
    assert undone == {"can_walk_4_steps": True}
    assert before.answers == {"age": 30, "swelling": "within_2h", "pop": True}


def test_a_state_kept_whole_by_an_older_page_still_reads() -> None:
    state = _walk(6)
    whole = json.dumps(
        {
            **state.snapshot().to_dict(),
            "words": state.words,
            "history": [earlier.to_dict() for earlier in state.history],
            "story": state.story,
        }
    )
    _same(load_state(whole), state)


@pytest.mark.parametrize(
    "history",
    [
        [[99, 0, 0, False]],  # more answers than the state after it
        [[0, -1, 0, False]],
        [[0, 0, 0]],
        [[0, 0, 0, "false"]],
        [[0.0, 0, 0, False]],
        ["0,0,0"],
    ],
    ids=["too many", "negative", "three counts", "optional as text", "a float", "a text"],
)
def test_counts_that_do_not_fit_are_a_clear_400(history: list[object]) -> None:
    state = json.loads(_walk(2).to_json())
    state["history"] = history
    with pytest.raises(ProblemError) as refused:
        load_state(json.dumps(state))
    assert refused.value.problem.status == 400
    assert "start the check again" in refused.value.problem.detail
