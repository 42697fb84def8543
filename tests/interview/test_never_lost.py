"""What a person said is never lost, and "don't know" is never read as "no" (issue 8).

Properties over every vignette and every parser narrative: no step asks again
what is answered, grouped screens show answered items as answered, and no
submitted screen can change an earlier answer. Plus the cases the issue saw.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneewise import load_knowledge
from kneewise.engine.assess import assess
from kneewise.engine.triage import NO_FLAG_REASON, NOT_RULED_OUT
from kneewise.evaluation import load_vignettes
from kneewise.evaluation.interview import evaluate_interview
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2, Intake, parse_intake
from kneewise.interview import Evidence, Question, Result, next_step
from kneewise.language.evaluate import load_narratives

KB = load_knowledge()
TESTS = Path(__file__).parents[1]
VIGNETTES = load_vignettes(TESTS / "vignettes")
NARRATIVES = load_narratives(TESTS / "narratives")
STARTS = [(f"vignette:{v.id}", v.intake.known()) for v in VIGNETTES] + [
    (f"narrative:{n.id}", dict(n.expect)) for n in NARRATIVES
]


def _walk(start: dict[str, Any], truth: dict[str, Any]) -> list[tuple[Evidence, Question]]:
    """Answer from `truth` (don't know where silent), keeping every step's evidence."""
    answers, unknown, screens = dict(start), [], []
    steps = []
    optional = False
    for _ in range(80):
        evidence = Evidence(answers=answers, unknown=unknown, screens=screens, optional=optional)
        reply = next_step(evidence, KB)
        if isinstance(reply, Result):
            if reply.more_questions and not optional:
                optional = True
                continue
            return steps
        steps.append((evidence, reply))
        screens = [*screens, reply.id]
        for name in reply.fields:
            if name in truth:
                answers = {**answers, name: truth[name]}
            else:
                unknown = [*unknown, name]
    raise AssertionError("the interview did not end")


def _half(known: dict[str, Any]) -> dict[str, Any]:
    """Every other answer: what a person might have said in their own words first."""
    return {name: value for i, (name, value) in enumerate(sorted(known.items())) if i % 2 == 0}


@pytest.mark.parametrize(("case", "known"), STARTS, ids=[case for case, _ in STARTS])
def test_no_step_asks_again_what_is_answered(case: str, known: dict[str, Any]) -> None:
    for evidence, question in _walk(_half(known), known):
        settled = evidence.settled()
        assert not set(question.fields) & settled, f"{case}: {question.id} re-asks"
        assert question.fields, f"{case}: {question.id} asks nothing"
        assert {item.field for item in question.answered} <= settled
        # An earlier answer survives every later step unchanged.
        later = evidence.intake().known()
        assert all(later[name] == value for name, value in _half(known).items())


def test_issue_case_hot_red_knee_with_fever_is_an_emergency_at_once() -> None:
    # "my knee is hot, red and swollen since yesterday and I have a temperature of 39"
    said = {"warm": True, "red": True, "fever": True, "swollen": True, "age": 34}
    reply = next_step(Evidence(answers=said, words={"fever": "a temperature of 39"}), KB)
    assert isinstance(reply, Result)
    assert reply.assessment.triage.level == "emergency"
    assert reply.more_questions
    # Answering more is optional, and never re-asks what was said.
    more = next_step(Evidence(answers=said, optional=True), KB)
    assert isinstance(more, Question)
    assert more.optional and more.level_so_far == "emergency"
    assert not {"warm", "red", "fever", "swollen"} & set(more.fields)


def test_a_grouped_screen_shows_answered_items_with_the_persons_words() -> None:
    said = {"age": 30, "fever": False, "warm": True}
    words = {"warm": "it feels hot"}
    reply = next_step(Evidence(answers=said, words=words), KB)
    screens = [reply]
    evidence = Evidence(answers=said, words=words)
    while isinstance(reply, Question) and reply.id != "infection_signs":
        evidence = Evidence(answers=evidence.answers, unknown=[*evidence.unknown, *reply.fields],
                            words=words)  # fmt: skip
        reply = next_step(evidence, KB)
        screens.append(reply)
    assert isinstance(reply, Question), "the infection screen was never shown"
    assert "fever" not in reply.fields and "warm" not in reply.fields
    answered = {item.field: item for item in reply.answered}
    assert answered["warm"].value is True and answered["warm"].words == "it feels hot"
    assert answered["fever"].value is False


def test_at_urgent_only_questions_that_could_make_it_an_emergency_come_first() -> None:
    said = {"age": 30, "mechanism": "twist", "swelling": "within_2h"}  # urgent: haemarthrosis
    reply = next_step(Evidence(answers=said), KB)
    emergency = {r.id for r in KB.rules if r.level == "emergency"}
    evidence = Evidence(answers=said)
    while isinstance(reply, Question):
        from kneewise.engine.logic import predicate_fields

        reads = {f for r in KB.rules if r.id in emergency for f in predicate_fields(r.when)}
        assert set(reply.fields) & reads, f"{reply.id} cannot make it an emergency"
        evidence = Evidence(answers=evidence.answers, unknown=[*evidence.unknown, *reply.fields])
        reply = next_step(evidence, KB)
    assert reply.assessment.triage.level == "urgent"
    assert reply.more_questions


def test_nothing_known_never_claims_there_are_no_warning_signs() -> None:
    for intake in (Intake(), parse_intake({"schema": INTAKE_V2, "dont_know": list(INTAKE_FIELDS)})):
        triage = assess(intake, KB).triage
        assert NO_FLAG_REASON not in triage.reasons
        assert any(reason.startswith(NOT_RULED_OUT) for reason in triage.reasons)
        assert {r.level for r in triage.not_ruled_out()} == {"urgent", "emergency"}
        assert triage.headline != KB.levels[triage.level].headline  # never reads as all clear
        assert "not checked" in triage.headline
        assert all(r.questions for r in triage.undecided)


def test_all_dont_know_interview_lists_what_was_not_known() -> None:
    evidence = Evidence()
    reply = next_step(evidence, KB)
    while isinstance(reply, Question):
        evidence = Evidence(unknown=[*evidence.unknown, *reply.fields],
                            screens=[*(evidence.screens or []), reply.id])  # fmt: skip
        reply = next_step(evidence, KB)
    assessment = reply.assessment
    assert NO_FLAG_REASON not in assessment.triage.reasons
    assert assessment.triage.not_ruled_out()
    assert {item.field for item in assessment.not_known} == set(evidence.unknown)
    assert reply.questions_asked == len(evidence.screens or [])


def test_no_warning_signs_is_said_only_when_every_serious_rule_is_decided() -> None:
    serious = {r.id for r in KB.rules if r.level in ("urgent", "emergency")}
    from kneewise.engine.logic import predicate_fields

    fields = {f for r in KB.rules if r.id in serious for f in predicate_fields(r.when)}
    calm: dict[str, Any] = {}
    for name in fields:
        spec = INTAKE_FIELDS[name]
        calm[name] = {"bool": False, "choice": "none", "choices": []}.get(spec.kind, 0)
    calm.update(age=30, mechanism="none", onset="gradual", swelling="none", locking="none",
                duration_days=30, arthritis="none", had_knee_surgery=False,
                can_walk_4_steps=True, walked_right_after=True, can_bend_90=True)  # fmt: skip
    calm.pop("weeks_since_surgery", None)
    triage = assess(parse_intake({"schema": INTAKE_V2, **calm}), KB).triage
    assert triage.not_ruled_out() == []
    assert triage.reasons == [NO_FLAG_REASON]
    assert triage.headline == KB.levels[triage.level].headline


def test_swelling_with_an_unknown_start_fires_the_rules_that_need_only_swelling() -> None:
    intake = parse_intake({"schema": INTAKE_V2, "swollen": True, "fever": True})
    assert assess(intake, KB).triage.level == "emergency"  # septic arthritis (Coakley 2006)
    haemarthrosis = parse_intake({"schema": INTAKE_V2, "swollen": True, "mechanism": "twist"})
    open_ids = {r.id for r in assess(haemarthrosis, KB).triage.undecided}
    assert "swelling_within_two_hours" in open_ids  # its timing is still open, not "no"


def test_never_operated_rules_out_the_post_operative_rules_and_condition() -> None:
    hot = {"schema": INTAKE_V2, "warm": True, "swollen": True, "red": True}
    unknown = assess(parse_intake(hot), KB)
    never = assess(parse_intake({**hot, "had_knee_surgery": False}), KB)
    post_op = {r.id for r in KB.rules if "surgery" in r.title.lower()}
    assert post_op & {r.id for r in unknown.triage.undecided}
    assert not post_op & {r.id for r in never.triage.undecided}
    assert "postoperative_infection" not in [c.id for c in never.conditions[:5]]
    assert all(c.probability == 0 for c in never.conditions if c.id == "postoperative_infection")


def test_the_surgery_question_takes_never_operated_as_an_answer() -> None:
    question = next(q for q in KB.questions if q.field == "weeks_since_surgery")
    never = {o.id: o for o in question.other_answers}["never_operated"]
    evidence = Evidence(answers={**never.answers})
    assert "weeks_since_surgery" not in _open_fields(evidence)


def _open_fields(evidence: Evidence) -> set[str]:
    reply = next_step(evidence, KB)
    asked: set[str] = set()
    while isinstance(reply, Question):
        asked |= set(reply.fields)
        evidence = Evidence(answers=evidence.answers, unknown=[*evidence.unknown, *reply.fields])
        reply = next_step(evidence, KB)
    return asked


def test_you_said_no_only_for_an_explicit_no() -> None:
    told = {"swelling": "gradual", "mechanism": "twist", "giving_way": False, "pop": True}
    gradual = assess(parse_intake({**told, "age": 25}), KB)
    evidence = [e for c in gradual.conditions for e in c.evidence]
    said_no = {e.finding for e in evidence if e.said_no}
    assert said_no and said_no <= {"giving_way"}
    otherwise = {e.finding for e in evidence if not e.present and not e.said_no}
    assert "swelling_within_2h" in otherwise
    against = [text for c in gradual.conditions for text in c.against]
    assert "you said no: Swelled up within two hours" not in against


def test_progress_counts_only_screens_shown() -> None:
    told = {"age": 30, "mechanism": "twist", "pop": True, "warm": False, "red": False}
    reply = next_step(Evidence(answers=told, screens=[]), KB)
    assert isinstance(reply, Question)
    assert reply.asked_so_far == 0
    assert reply.most_remaining >= 1


def test_v1_documents_cannot_carry_v2_fields_without_saying_so() -> None:
    from kneewise._errors import IntakeError

    with pytest.raises(IntakeError, match=r"kneewise\.intake/2"):
        parse_intake({"swollen": True})
    with pytest.raises(IntakeError, match="swelling"):
        parse_intake({"schema": INTAKE_V2, "swollen": False, "swelling": "gradual"})
    with pytest.raises(IntakeError, match="weeks_since_surgery"):
        parse_intake({"schema": INTAKE_V2, "had_knee_surgery": False, "weeks_since_surgery": 3})
    assert parse_intake({"swelling": "within_2h"}).swollen is True


def test_text_then_interview_under_triages_no_urgent_or_emergency_vignette() -> None:
    both = evaluate_interview(VIGNETTES, KB, from_text=True)
    missed = [
        run.first.vignette.id
        for run in both.runs
        if run.first.under_triaged
        and set(run.first.vignette.acceptable_triage) <= {"urgent", "emergency"}
    ]
    assert missed == []
    # The level shown first is the level at the end: optional questions never lower it.
    assert all(run.first.level == run.case.level for run in both.runs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_don_t_knows_never_reopen_or_reask(data: st.DataObject) -> None:
    case, known = data.draw(st.sampled_from(STARTS))
    said = {k: v for k, v in known.items() if data.draw(st.booleans(), label=k)}
    silent = [f for f in INTAKE_FIELDS if f not in parse_intake(said, schema=INTAKE_V2).known()]
    unknown = data.draw(st.lists(st.sampled_from(silent), unique=True, max_size=10))
    evidence = Evidence(answers=said, unknown=unknown)
    reply = next_step(evidence, KB)
    if isinstance(reply, Question):
        assert not set(reply.fields) & evidence.settled(), case
    else:
        assert {n.field for n in reply.assessment.not_known} == set(unknown)


def test_a_list_from_the_persons_words_does_not_deny_what_it_leaves_out() -> None:
    told = {"schema": INTAKE_V2, "worse_with": ["stairs_down"], "mentioned_only": ["worse_with"]}
    mentioned = assess(parse_intake(told), KB)

    from kneewise.engine.differential import finding_states
    from kneewise.engine.logic import predicate_fields

    def denied(intake: Intake) -> set[str]:
        states = finding_states(KB, intake.known())
        return {f for f, present in states.items() if not present
                and "worse_with" in predicate_fields(KB.findings[f].when)}  # fmt: skip

    assert "worse_running" in denied(parse_intake({"worse_with": ["stairs_down"]}))
    assert denied(parse_intake(told)) == set()
    assert not any("Worse when running" in t for c in mentioned.conditions for t in c.against)
    # The interview treats a list taken from free text the same way.
    evidence = Evidence(answers={"worse_with": ["stairs_down"]}, words={"worse_with": "stairs"})
    assert evidence.intake().mentioned_only == ["worse_with"]


def test_mentioned_only_must_name_an_answered_list() -> None:
    from kneewise._errors import IntakeError

    with pytest.raises(IntakeError, match="not a list field"):
        parse_intake({"schema": INTAKE_V2, "fever": True, "mentioned_only": ["fever"]})
    with pytest.raises(IntakeError, match="not answered"):
        parse_intake({"schema": INTAKE_V2, "mentioned_only": ["location"]})


def test_only_answers_that_fit_are_offered() -> None:
    said = {"age": 70, "swollen": True, "mechanism": "none", "had_knee_surgery": False}
    evidence = Evidence(answers=said)
    reply = next_step(evidence, KB)
    while isinstance(reply, Question) and reply.id != "swelling":
        evidence = Evidence(answers=said, unknown=[*evidence.unknown, *reply.fields])
        reply = next_step(evidence, KB)
    assert isinstance(reply, Question), "the swelling time was never asked"
    assert "none" not in reply.choices and "gradual" in reply.choices
    assert [o.id for o in reply.other_answers] == ["swollen_time_unknown"]


@pytest.mark.parametrize("vignette", VIGNETTES[::7], ids=lambda v: v.id)
def test_help_the_doctor_is_offered_only_when_it_asks_something(vignette: Any) -> None:
    truth = vignette.intake.known()
    evidence = Evidence()
    reply = next_step(evidence, KB)
    while isinstance(reply, Question):
        answers = {**evidence.answers, **{f: truth[f] for f in reply.fields if f in truth}}
        unknown = [*evidence.unknown, *(f for f in reply.fields if f not in truth)]
        evidence = Evidence(answers=answers, unknown=unknown)
        reply = next_step(evidence, KB)
    more = next_step(evidence.model_copy(update={"optional": True}), KB)
    assert reply.more_questions == isinstance(more, Question)


@pytest.mark.parametrize(
    ("field", "said", "text"),
    [
        ("location", ["front"], "it hurts at the front of my knee when I squat"),
        ("other_joints", ["hands"], "my fingers ache in the mornings too, and now the knee"),
    ],
)
def test_other_lists_from_words_deny_nothing_they_leave_out(
    field: str, said: list[str], text: str
) -> None:
    from kneewise.engine.differential import finding_states
    from kneewise.engine.logic import predicate_fields
    from kneewise.language import parse

    def denied(intake: Intake) -> set[str]:
        states = finding_states(KB, intake.known())
        return {f for f, present in states.items() if not present
                and field in predicate_fields(KB.findings[f].when)}  # fmt: skip

    complete = parse_intake({field: said})
    mentioned = parse_intake({"schema": INTAKE_V2, field: said, "mentioned_only": [field]})
    assert denied(complete), f"a complete {field} list should deny something"
    assert denied(mentioned) == set()
    from_words = parse(text, KB).intake()
    if field in from_words.known():  # the reader marks every list it reads
        assert field in from_words.mentioned_only
