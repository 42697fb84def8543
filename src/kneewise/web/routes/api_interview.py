"""POST /api/v1/interview: the answers so far in, the next question or the result out."""

from __future__ import annotations

from fastapi import APIRouter

from kneewise.interview import Question, next_step
from kneewise.web.deps import KnowledgeDep
from kneewise.web.inputs import EvidenceIn
from kneewise.web.json_body import JsonRoute
from kneewise.web.schemas import InterviewStep, ResultOut

router = APIRouter(tags=["assessment"], route_class=JsonRoute)


@router.post("/interview", response_model=InterviewStep)
def post_interview(evidence: EvidenceIn, knowledge: KnowledgeDep) -> Question | ResultOut:
    """The adaptive interview, stateless: send every answer so far each time.

    Red flags come first. `kind` tells a `question` (ask it, add the answer to
    `answers` or its fields to `unknown`, its id to `screens`, send again) from
    a `result`. A question's `fields` are only the open ones; `answered` lists
    what its screen already knows, to show as answered. A result with
    `more_questions` came early because the level is urgent or emergency:
    show it, then send again with `optional: true` to ask more.
    """
    step = next_step(evidence, knowledge)
    return step if isinstance(step, Question) else ResultOut.of(step)
