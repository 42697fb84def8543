"""The state of a "check my knee" in progress: the engine is stateless.

Each page of the person's check draft keeps it as JSON (`to_json`,
`kneewise.diary.drafts`; a form made before drafts carried it whole): the answers so far, the
fields the person did not know, the screens they answered (for honest
progress), their own words from the free-text step (shown beside what was
taken from them), whether they chose to answer optional questions after a
serious result, and the earlier states (for "back").

`given_answers` reads one submitted screen against the question the state
leads to (recomputed by the server, never trusted from the form): an
untouched grouped or several-of screen is not an answer, and "None of these"
is an explicit choice, as a telephone triage nurse would ask it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from kneewise._errors import IntakeError
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2, parse_intake
from kneewise.interview import Evidence, Question
from kneewise.web.problems import ProblemError

MAX_STATE_CHARS = 200_000
OTHER_PREFIX = "other:"


@dataclass(frozen=True)
class Snapshot:
    """What one earlier state held, for going back."""

    answers: dict[str, Any]
    unknown: list[str]
    screens: list[str]
    optional: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "unknown": self.unknown,
            "screens": self.screens,
            "optional": self.optional,
        }


@dataclass
class CheckState:
    """Answers, don't-knows, screens answered, own words, and the earlier states."""

    answers: dict[str, Any] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    screens: list[str] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)
    optional: bool = False
    history: list[Snapshot] = field(default_factory=list)
    story: str = ""  # what the person wrote first, given back if they go back to it
    # the story is of someone else's knee: the questions are worded of them (interview.wording)
    someone_else: bool = False

    def snapshot(self) -> Snapshot:
        return Snapshot(self.answers, self.unknown, self.screens, self.optional)

    def evidence(self) -> Evidence:
        return Evidence(
            answers=self.answers,
            unknown=self.unknown,
            screens=self.screens,
            words=self.words,
            optional=self.optional,
        )

    def to_json(self) -> str:
        """The state as JSON, its earlier states written by how much of the next they hold.

        Every step only adds (an answer never changes: `advanced`), so an earlier state's
        answers, don't-knows and screens are the first few of the next state's. Kept whole,
        each page of a draft held every earlier state in full: a page grew with the square
        of the answers, a draft with the cube (77 answers: 91,000 characters a page and
        2.4 million a draft), and past `MAX_STATE_CHARS` a check could not go on. Now an
        earlier state is [answers, don't-knows, screens, optional] counts (`_prefix`), and
        one that is not a prefix (never made here) is kept whole.
        """
        later = self.snapshot()
        past: list[Any] = []
        for earlier in reversed(self.history):
            counts = _prefix(earlier, later)
            past.append(counts if counts is not None else earlier.to_dict())
            later = earlier
        return json.dumps(
            {
                **self.snapshot().to_dict(),
                "words": self.words,
                "history": past[::-1],
                "story": self.story,
                "someone_else": self.someone_else,
            }
        )

    def _with(self, now: Snapshot) -> CheckState:
        return CheckState(
            now.answers, now.unknown, now.screens, self.words, now.optional,
            [*self.history, self.snapshot()], self.story, self.someone_else,
        )  # fmt: skip

    def advanced(self, screen: str, given: dict[str, Any], unknown: list[str]) -> CheckState:
        """The state after one more answered screen.

        Raises AnswerRefused when the screen would change an earlier answer: a
        screen answers only its own open questions (going back changes the others).
        """
        changed = [k for k, v in given.items() if k in self.answers and self.answers[k] != v]
        if changed:
            raise AnswerRefused(CHANGES_EARLIER)
        unknown = [*self.unknown, *(f for f in unknown if f not in self.unknown)]
        now = Snapshot({**self.answers, **given}, unknown, [*self.screens, screen], self.optional)
        return self._with(now)

    def with_optional(self, optional: bool) -> CheckState:
        """The state after choosing to answer more questions (or to skip to the result)."""
        return self._with(Snapshot(self.answers, self.unknown, self.screens, optional))

    def back(self) -> tuple[CheckState, dict[str, Any]]:
        """The state before the last step, and the answers that step had given."""
        before = self.history[-1]
        undone = {k: v for k, v in self.answers.items() if before.answers.get(k) != v}
        state = CheckState(
            before.answers, before.unknown, before.screens, self.words, before.optional,
            self.history[:-1], self.story, self.someone_else,
        )  # fmt: skip
        return state, undone


def _damaged(why: str) -> ProblemError:
    return ProblemError(
        400,
        "invalid-request",
        "The check could not continue",
        f"the answers carried by the page are damaged ({why}); please start the check again",
    )


def _prefix(earlier: Snapshot, later: Snapshot) -> list[Any] | None:
    """`earlier` as counts of `later`'s first answers, don't-knows and screens, or None."""
    answers = list(later.answers.items())[: len(earlier.answers)]
    if (
        answers != list(earlier.answers.items())
        or later.unknown[: len(earlier.unknown)] != earlier.unknown
        or later.screens[: len(earlier.screens)] != earlier.screens
    ):
        return None
    return [len(earlier.answers), len(earlier.unknown), len(earlier.screens), earlier.optional]


def _earlier(entry: object, later: Snapshot) -> Snapshot:
    """An earlier state read back: counts of `later` (`_prefix`) or a whole one."""
    if isinstance(entry, dict):
        return _snapshot(entry)
    if not isinstance(entry, list) or len(entry) != 4:
        raise TypeError("an earlier state is neither counts nor whole")
    answers, unknown, screens, optional = entry
    counts = (answers, unknown, screens)
    sizes = (len(later.answers), len(later.unknown), len(later.screens))
    if not all(type(n) is int and 0 <= n <= size for n, size in zip(counts, sizes, strict=True)):
        raise ValueError("an earlier state counts more than the state after it")
    return Snapshot(
        dict(list(later.answers.items())[:answers]),
        later.unknown[:unknown],
        later.screens[:screens],
        _flag(optional),
    )


def _snapshot(data: dict[str, Any]) -> Snapshot:
    return Snapshot(
        dict(data.get("answers", {})),
        [str(f) for f in data.get("unknown", [])],
        [str(s) for s in data.get("screens", [])],
        _flag(data.get("optional", False)),
    )


def _flag(value: object) -> bool:
    if not isinstance(value, bool):  # "false" is a string, not false
        raise TypeError("optional is not true or false")
    return value


def load_state(text: str) -> CheckState:
    """Read the hidden state back, or fail with a 400 problem."""
    if len(text) > MAX_STATE_CHARS:
        raise _damaged("too long")
    try:
        data = json.loads(text or "{}")
        now = _snapshot(data)
        words = {str(k): str(v) for k, v in dict(data.get("words", {})).items()}
        history: list[Snapshot] = []
        later = now
        for entry in reversed(list(data.get("history", []))):
            later = _earlier(entry, later)
            history.append(later)
        history.reverse()
        story = data.get("story", "")
        if not isinstance(story, str):
            raise TypeError("story is not text")
        state = CheckState(
            now.answers, now.unknown, now.screens, words, now.optional, history, story,
            _flag(data.get("someone_else", False)),
        )  # fmt: skip
        for s in [now, *history]:
            Evidence(answers=s.answers, unknown=s.unknown, screens=s.screens, words=words)
    except (ValueError, TypeError, AttributeError, ValidationError, RecursionError) as error:
        raise _damaged(type(error).__name__) from None
    return state


class AnswerRefused(Exception):
    """A screen was sent without a usable answer; `message` says, in plain words, what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


UNSURE = "If you are not sure, press “Don't know”."
CHANGES_EARLIER = (
    "That answer would change one you gave earlier. To change an earlier answer, go back to it."
)


def _number(text: str, kind: str) -> int | float | str:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text
    return int(number) if kind == "int" and number.is_integer() else number


def _number_hint(q: Question) -> str:
    low = f"{q.minimum:g}" if q.minimum is not None else None
    high = f"{q.maximum:g}" if q.maximum is not None else None
    if low and high:
        return f"Please type a number from {low} to {high}."
    if low:
        return f"Please type a number of {low} or more."
    return "Please type a number."


def _ticked(form: FormData, name: str, allowed: list[str]) -> list[str]:
    """The ticked boxes of a screen with "None of these": a list, or a refusal."""
    ticked = [str(v) for v in form.getlist(name) if str(v) in allowed]
    none = bool(form.get("none"))
    if none and ticked:
        raise AnswerRefused(
            "You ticked “None of these” and also something on the list. Please untick one of them."
        )
    if not none and not ticked:
        raise AnswerRefused(
            f"Please tick what applies, or tick “None of these” if nothing does. {UNSURE}"
        )
    return ticked


def given_answers(form: FormData, q: Question) -> tuple[dict[str, Any], list[str]]:
    """The answers and don't-knows one question screen gave; AnswerRefused if there are none."""
    if q.type == "tick_any":
        ticked = set(_ticked(form, "ticked", q.fields))
        return {name: name in ticked for name in q.fields}, []
    name = q.fields[0]
    spec = INTAKE_FIELDS[name]
    other_ids = {OTHER_PREFIX + o.id: o for o in q.other_answers}
    raw = str(form.get(name) or "").strip()
    chosen = str(form.get("other") or "") if q.type == "number" else raw
    if chosen in other_ids:
        if q.type == "number" and raw:
            raise AnswerRefused("Please either type a number or choose the answer below it.")
        other = other_ids[chosen]
        return dict(other.answers), list(other.dont_know)
    value: Any
    if q.type == "several_of":
        value = _ticked(form, name, q.choices)
    elif not raw:
        hint = _number_hint(q) if q.type == "number" else "Please choose an answer."
        raise AnswerRefused(f"{hint} {UNSURE}")
    elif q.type == "yes_no":
        value = {"yes": True, "no": False}.get(raw, raw)
    elif q.type == "number":
        value = _number(raw, spec.kind)
    else:
        value = raw
    try:
        parse_intake({name: value}, schema=INTAKE_V2)
    except IntakeError:
        hint = _number_hint(q) if q.type == "number" else "Please choose one of the answers."
        raise AnswerRefused(f"{hint} {UNSURE}") from None
    return {name: value}, []
