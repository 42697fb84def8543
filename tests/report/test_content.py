"""The parts of the report: weekly load, score histories, the story and the questions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from kneewise import assess, load_knowledge, parse_intake
from kneewise.diary import ProfileRecord, StoredQuestionnaire, pain_frame, sessions_frame
from kneewise.report import assessment_from_json, latest_assessment, score_histories, weekly_load
from kneewise.report.figures import monday
from kneewise.report.questions import VisitContext, visit_questions
from kneewise.report.story import complaint, who

MONDAY = dt.date(2024, 4, 1)


def sessions(rows: list[tuple[dt.date, float, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "date": [r[0] for r in rows],
            "duration_min": [r[1] for r in rows],
            "rpe": [r[2] for r in rows],
        },
        schema={"date": pl.Date, "duration_min": pl.Float64, "rpe": pl.Float64},
    )


def test_weekly_load_sums_each_week_and_fills_empty_weeks_with_zero() -> None:
    frame = sessions([
        (MONDAY, 60, 5), (MONDAY + dt.timedelta(days=6), 30, 4),
        (MONDAY + dt.timedelta(days=14), 40, None), (MONDAY + dt.timedelta(days=15), 50, 6),
    ])  # fmt: skip
    weekly = weekly_load(frame, MONDAY, MONDAY + dt.timedelta(days=20))
    assert weekly["week"].to_list() == [MONDAY + dt.timedelta(weeks=i) for i in range(3)]
    assert weekly["load"].to_list() == [420.0, 0.0, 300.0]
    assert weekly["acwr"].null_count() == 3  # a three-week diary is too short for a ratio


def test_weekly_load_uses_earlier_sessions_for_the_ratio() -> None:
    rows = [(MONDAY + dt.timedelta(days=i), 40.0, 5.0) for i in range(42)]
    weekly = weekly_load(sessions(rows), MONDAY + dt.timedelta(weeks=5), MONDAY + dt.timedelta(41))
    assert weekly.height == 1 and weekly["acwr"][0] == 1.0


def test_weekly_load_without_rated_sessions_is_empty() -> None:
    assert weekly_load(sessions([(MONDAY, 30, None)]), MONDAY, MONDAY).height == 0


def test_monday_starts_the_week() -> None:
    assert monday(dt.date(2024, 4, 7)) == MONDAY and monday(MONDAY) == MONDAY


def test_score_histories_judge_each_change_against_the_minimal_important_change() -> None:
    saved = [
        StoredQuestionnaire(1, "nrs", MONDAY, {"1": 6}, 6.0),
        StoredQuestionnaire(2, "nrs", MONDAY + dt.timedelta(days=7), {"1": 2}, 2.0),
        StoredQuestionnaire(3, "nrs", MONDAY + dt.timedelta(days=14), {"1": 3}, 3.0),
        StoredQuestionnaire(4, "nrs", MONDAY + dt.timedelta(days=99), {"1": 9}, 9.0),
    ]
    [history] = score_histories(saved, MONDAY + dt.timedelta(days=30))
    assert [row.change for row in history.rows] == ["", "-4: better", "+1: no clear change"]
    assert history.better == "lower is better"


def test_story_says_who_and_what_in_plain_words() -> None:
    profile = ProfileRecord(age=16, sex="male", sports=("football",), knee="right")
    assert who(profile) == "A 16-year-old man who does football. Knee of concern: the right knee."
    assert who(ProfileRecord(), {"age": 40}) == "A 40-year-old person."
    sentences = complaint(
        {"onset": "sudden", "mechanism": "twist", "pop": True, "swelling": "within_2h",
         "duration_days": 3, "fever": False, "other_joints": ["hands", "feet"]}
    )  # fmt: skip
    assert sentences == [
        "The pain came on suddenly.",
        "It started with a twist on a planted foot.",
        "A pop was felt or heard.",
        "It has lasted 3 days.",
        "Swelling that came within 2 hours.",
        "Fever: no.",
        "Other joints: hands and feet.",
    ]


def test_questions_follow_the_persons_data() -> None:
    urgent = assess(
        parse_intake({"mechanism": "twist", "can_walk_4_steps": False, "pop": True}),
        load_knowledge(),
    )
    weekly = pl.DataFrame({"week": [MONDAY], "load": [900.0], "acwr": [1.8]})
    questions = visit_questions(VisitContext(urgent, None, weekly, [], ["basketball"]))
    text = "\n".join(questions)
    assert urgent.triage.rules and f"“{urgent.triage.rules[0].title}”" in text
    assert "X-ray or an MRI" in text
    assert "ratio 1.8" in text
    assert "go back to basketball" in text


def test_saved_assessment_reads_back_equal(filled: Any) -> None:
    saved = latest_assessment(filled.diary)
    assert saved is not None
    again = assessment_from_json(saved.assessment.to_json_dict())
    assert again == saved.assessment
    assert saved.intake["pain_worst"] == 7


def test_frames_of_the_filled_diary_feed_the_figures(filled: Any) -> None:
    frame = sessions_frame(filled.diary)
    weekly = weekly_load(frame, filled.start, filled.today)
    assert weekly["load"].sum() == frame.height * 45 * 6
    assert pain_frame(filled.diary)["during"].max() == 8
