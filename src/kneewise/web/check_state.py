"""The "check my knee" flow keeps its state in the form: the engine is stateless.

Each page carries the answers so far, the fields the person did not know and
the history of earlier states (for "back") as JSON in one hidden field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from kneewise._errors import IntakeError, IntakeProblem
from kneewise.intake import INTAKE_FIELDS, parse_intake
from kneewise.interview import Evidence
from kneewise.web.problems import ProblemError

MAX_STATE_CHARS = 200_000


@dataclass
class CheckState:
    """Answers, unknown fields, and the earlier (answers, unknown) pairs for going back."""

    answers: dict[str, Any] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    history: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)

    def evidence(self) -> Evidence:
        return Evidence(answers=self.answers, unknown=self.unknown)

    def to_json(self) -> str:
        return json.dumps(
            {
                "answers": self.answers,
                "unknown": self.unknown,
                "history": [[a, u] for a, u in self.history],
            }
        )

    def advanced(self, given: dict[str, Any], unknown: list[str]) -> CheckState:
        """The state after one more screen."""
        return CheckState(
            {**self.answers, **given},
            [*self.unknown, *unknown],
            [*self.history, (self.answers, self.unknown)],
        )

    def back(self) -> tuple[CheckState, dict[str, Any]]:
        """The state before the last screen, and the answers that screen had given."""
        answers, unknown = self.history[-1]
        undone = {k: v for k, v in self.answers.items() if answers.get(k) != v}
        return CheckState(answers, unknown, self.history[:-1]), undone


def _damaged(why: str) -> ProblemError:
    return ProblemError(
        400,
        "invalid-request",
        "The check could not continue",
        f"the answers carried by the page are damaged ({why}); please start the check again",
    )


def load_state(text: str) -> CheckState:
    """Read the hidden state back, or fail with a 400 problem."""
    if len(text) > MAX_STATE_CHARS:
        raise _damaged("too long")
    try:
        data = json.loads(text or "{}")
        state = CheckState(
            dict(data.get("answers", {})),
            list(data.get("unknown", [])),
            [(dict(a), list(u)) for a, u in data.get("history", [])],
        )
        for answers, unknown in [(state.answers, state.unknown), *state.history]:
            Evidence(answers=answers, unknown=unknown)
    except (ValueError, TypeError, AttributeError, ValidationError) as error:
        raise _damaged(type(error).__name__) from None
    return state


def _number(text: str, kind: str) -> int | float | str:
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if kind == "int" and number.is_integer() else number


def given_answers(form: FormData, fields: list[str], answer_type: str) -> dict[str, Any]:
    """The answers one question screen gave; IntakeError when one is missing or wrong."""
    if answer_type == "tick_any":
        ticked = set(form.getlist("ticked"))
        return {name: name in ticked for name in fields}
    name = fields[0]
    spec = INTAKE_FIELDS[name]
    value: Any
    if answer_type == "several_of":
        value = [str(v) for v in form.getlist(name)]
    else:
        raw = str(form.get(name) or "").strip()
        if not raw:
            message = f"Please answer, or choose “Don't know” ({spec.allowed()})."
            raise IntakeError([IntakeProblem(field=name, message=message)])
        if answer_type == "yes_no":
            value = {"yes": True, "no": False}.get(raw, raw)
        elif answer_type == "number":
            value = _number(raw, spec.kind)
        else:
            value = raw
    parse_intake({name: value})
    return {name: value}
