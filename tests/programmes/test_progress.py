"""Simulated people with pain trajectories: the programme moves on, holds, steps back and stops
exactly as the pain-monitoring rules say (kneewise.programmes.progress)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from kneewise.programmes.load import load_library
from kneewise.programmes.model import Programme
from kneewise.programmes.progress import Decision, LoggedSession, RedFlag, decide

LIBRARY = load_library()
PROGRAMMES = sorted(LIBRARY.programmes.values(), key=lambda p: p.id)
START = dt.date(2026, 1, 5)
FLAGS: tuple[RedFlag, ...] = ("swelling", "locking", "night_pain", "fever")


@dataclass
class Person:
    """A simulated person doing a programme: the state the diary keeps, moved by each decision."""

    programme: Programme
    stage: int = 0
    stage_started: dt.date = START
    confirms_checks: bool = True

    def __post_init__(self) -> None:
        self.sessions: list[LoggedSession] = []
        self.decisions: list[Decision] = []

    def log(self, session: LoggedSession) -> Decision:
        self.sessions.append(session)
        confirmed = (
            {c.id for s in self.programme.stages for c in s.move_on.checks}
            if self.confirms_checks
            else set()
        )
        decision = decide(
            self.programme, LIBRARY, self.stage, self.stage_started, self.sessions,
            confirmed, session.day + dt.timedelta(days=1),
        )  # fmt: skip
        self.decisions.append(decision)
        if decision.action in ("move_on", "step_back", "ease_off"):
            self.stage = decision.stage_index
            self.stage_started = session.day + dt.timedelta(days=1)
        return decision


def _within(programme: Programme) -> st.SearchStrategy[int]:
    return st.integers(0, programme.pain_limit.during)


@settings(max_examples=60, deadline=None)
@given(programme=st.sampled_from(PROGRAMMES), data=st.data())
def test_steady_pain_within_the_limit_moves_on_exactly_when_each_stage_is_done(
    programme: Programme, data: st.DataObject
) -> None:
    during = data.draw(_within(programme), label="pain during")
    morning = data.draw(_within(programme), label="pain next morning")
    person = Person(programme)
    total = sum(stage.move_on.min_sessions for stage in programme.stages)
    boundaries: list[int] = []
    needed = 0
    for stage in programme.stages:
        needed += stage.move_on.min_sessions
        boundaries.append(needed)
    for n in range(1, total + 1):
        decision = person.log(
            LoggedSession(START + dt.timedelta(days=n), "done", during, during, morning)
        )
        if n in boundaries:
            last = n == total
            assert decision.action == ("finish" if last else "move_on"), decision.sentence
            assert decision.rule == "criteria_met"
        else:
            assert decision.action == "stay", decision.sentence
            assert decision.rule == "criteria_not_met"
    assert person.decisions[-1].action == "finish"


@settings(max_examples=60, deadline=None)
@given(programme=st.sampled_from(PROGRAMMES), data=st.data())
def test_a_session_above_the_limit_steps_back_one_stage(
    programme: Programme, data: st.DataObject
) -> None:
    stage = data.draw(st.integers(0, len(programme.stages) - 1), label="stage")
    too_much = data.draw(st.integers(programme.pain_limit.during + 1, 10), label="pain during")
    earlier = data.draw(st.lists(_within(programme), max_size=5), label="earlier sessions")
    person = Person(programme, stage=stage, stage_started=START)
    day = START
    for pain in earlier:
        day += dt.timedelta(days=2)
        person.sessions.append(LoggedSession(day, "done", pain, pain, 0))
    decision = person.log(LoggedSession(day + dt.timedelta(days=2), "done", too_much, None, None))
    assert decision.rule == "above_limit"
    assert decision.action == ("ease_off" if stage == 0 else "step_back")
    assert decision.stage_index == max(0, stage - 1)
    assert f"{too_much}/10" in decision.sentence
    assert f"limit of {programme.pain_limit.during}/10" in decision.sentence


@settings(max_examples=60, deadline=None)
@given(programme=st.sampled_from(PROGRAMMES), data=st.data())
def test_pain_not_settled_by_next_morning_steps_back(
    programme: Programme, data: st.DataObject
) -> None:
    limit = programme.pain_limit.during
    first_morning = data.draw(st.integers(0, limit - 1), label="first morning")
    worse = data.draw(st.integers(first_morning + 1, 10), label="next morning")
    stage = data.draw(st.integers(0, len(programme.stages) - 1), label="stage")
    person = Person(programme, stage=stage)
    person.log(LoggedSession(START + dt.timedelta(days=1), "done", 0, 0, first_morning))
    person.stage, person.stage_started = stage, START
    decision = person.log(LoggedSession(START + dt.timedelta(days=3), "done", 0, 0, worse))
    assert decision.rule == "above_limit"
    assert decision.stage_index == max(0, stage - 1)
    assert "had not settled" in decision.sentence


@settings(max_examples=80, deadline=None)
@given(
    programme=st.sampled_from(PROGRAMMES),
    pains=st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10)), min_size=0, max_size=30),
    flag=st.sampled_from(FLAGS),
    at=st.integers(0, 30),
    from_diary=st.booleans(),
)
def test_a_red_flag_always_stops(
    programme: Programme,
    pains: list[tuple[int, int]],
    flag: RedFlag,
    at: int,
    from_diary: bool,
) -> None:
    sessions = [
        LoggedSession(START + dt.timedelta(days=i), "done", during, during, morning)
        for i, (during, morning) in enumerate(pains)
    ]
    flag_day = START + dt.timedelta(days=at)
    diary_flags: list[tuple[dt.date, RedFlag]] = []
    if from_diary:
        diary_flags.append((flag_day, flag))
    else:
        sessions.append(LoggedSession(flag_day, "partly", None, None, None, frozenset({flag})))
    everything = {c.id for s in programme.stages for c in s.move_on.checks}
    for stage in range(len(programme.stages)):
        decision = decide(
            programme, LIBRARY, stage, START, sessions, everything,
            flag_day + dt.timedelta(days=1), diary_flags,
        )  # fmt: skip
        assert decision.action == "stop"
        assert decision.rule == "red_flag"
        assert "have the knee checked" in decision.sentence


@settings(max_examples=60, deadline=None)
@given(programme=st.sampled_from(PROGRAMMES), data=st.data())
def test_pain_rising_week_on_week_holds_the_stage(
    programme: Programme, data: st.DataObject
) -> None:
    limit = programme.pain_limit.during
    last_week = data.draw(st.integers(0, limit - 1), label="pain last week")
    this_week = data.draw(st.integers(last_week + 1, limit), label="pain this week")
    stage = data.draw(st.integers(0, len(programme.stages) - 1), label="stage")
    sessions = [
        LoggedSession(START + dt.timedelta(days=d), "done", last_week, last_week, 0)
        for d in (1, 3, 5)
    ] + [
        LoggedSession(START + dt.timedelta(days=d), "done", this_week, this_week, 0)
        for d in (8, 10, 12)
    ]
    everything = {c.id for s in programme.stages for c in s.move_on.checks}
    decision = decide(
        programme, LIBRARY, stage, START, sessions, everything, START + dt.timedelta(days=14)
    )
    assert decision.action == "stay"
    assert decision.rule == "rising"
    assert decision.stage_index == stage


@settings(max_examples=40, deadline=None)
@given(programme=st.sampled_from(PROGRAMMES), data=st.data())
def test_sessions_without_pain_logged_never_count_towards_moving_on(
    programme: Programme, data: st.DataObject
) -> None:
    missing = data.draw(st.sampled_from(["during", "morning", "both"]), label="not logged")
    person = Person(programme)
    for n in range(1, sum(s.move_on.min_sessions for s in programme.stages) + 3):
        during = None if missing in ("during", "both") else 0
        morning = None if missing in ("morning", "both") else 0
        decision = person.log(
            LoggedSession(START + dt.timedelta(days=n), "done", during, None, morning)
        )
        assert decision.action == "stay"
        assert "still need their pain logged" in decision.sentence


@settings(max_examples=40, deadline=None)
@given(programme=st.sampled_from(PROGRAMMES))
def test_unconfirmed_checks_hold_the_stage_and_say_what_is_missing(programme: Programme) -> None:
    first = programme.stages[0]
    if not first.move_on.checks:
        return
    person = Person(programme, confirms_checks=False)
    for n in range(1, first.move_on.min_sessions + 2):
        decision = person.log(LoggedSession(START + dt.timedelta(days=n), "done", 0, 0, 0))
    assert decision.action == "stay"
    assert first.move_on.checks[0].text in decision.sentence


def test_skipped_sessions_are_neither_judged_nor_counted() -> None:
    programme = LIBRARY.programmes["general_knee"]
    sessions = [
        LoggedSession(START + dt.timedelta(days=n), "skipped", 9, 9, 9) for n in range(1, 10)
    ]
    decision = decide(programme, LIBRARY, 1, START, sessions, set(), START + dt.timedelta(10))
    assert decision.action == "stay"
    assert "0 of 12 sessions" in decision.sentence


def test_every_decision_names_its_source() -> None:
    programme = LIBRARY.programmes["patellar_tendinopathy"]
    decision = decide(
        programme, LIBRARY, 1, START,
        [LoggedSession(START + dt.timedelta(days=1), "done", 4, 4, 1)],
        set(), START + dt.timedelta(days=2),
    )  # fmt: skip
    assert decision.action == "step_back"
    assert "Silbernagel 2007" in decision.sentence
    assert "Malliaras 2015" in decision.sentence
    assert decision.sentence.count(".") >= 1 and "\n" not in decision.sentence


@settings(max_examples=40, deadline=None)
@given(programme=st.sampled_from(PROGRAMMES), flag=st.sampled_from(FLAGS), stage=st.integers(0, 3))
def test_a_stop_carried_out_says_it_is_done_and_who_to_see(
    programme: Programme, flag: RedFlag, stage: int
) -> None:
    stage = min(stage, len(programme.stages) - 1)
    flagged = [LoggedSession(START, "partly", None, None, None, frozenset({flag}))]
    done = decide(programme, LIBRARY, stage, START, flagged, set(), START, carried_out=True)
    to_do = decide(programme, LIBRARY, stage, START, flagged, set(), START)
    assert done.action == to_do.action == "stop"
    # Once stopped, the person is not told to stop: they are told it happened, why, and whom
    # to see; before (a preview, e.g. a diary entry), they are told to stop.
    assert done.sentence.startswith("Your programme has been stopped: you logged ")
    assert "Stop the programme" not in done.sentence
    assert "See a doctor or physiotherapist" in done.sentence
    assert (
        to_do.sentence.startswith("Stop the programme") and "has been stopped" not in to_do.sentence
    )
    assert "See a doctor or physiotherapist" in to_do.sentence
