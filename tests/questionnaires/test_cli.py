"""`kneewise questionnaire …` asked through the terminal, with and without the diary."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app

KUJALA_75 = "5\n3\n5\n5\n5\n3\n7\n6\n6\n10\n10\n5\n5\n"


def test_kujala_scores_and_compares_with_a_given_previous_score() -> None:
    result = CliRunner().invoke(
        app, ["questionnaire", "kujala", "--no-save", "--previous", "60"], input=KUJALA_75
    )
    assert result.exit_code == 0, result.output
    assert "Score: 75" in result.output
    assert "Up 15 points since last time (60 → 75): better" in result.output


def test_visa_p_asks_which_part_of_item_8_applies() -> None:
    answers = "7\n6\n8\n5\n6\n4\n4\n8B\n10\n"
    result = CliRunner().invoke(app, ["questionnaire", "visa-p", "--no-save"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Score: 50" in result.output


def test_nrs_is_saved_and_compared_with_the_last_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KNEEWISE_DATABASE_URL", f"sqlite:///{tmp_path / 'diary.db'}")
    first = CliRunner().invoke(app, ["questionnaire", "nrs"], input="6\n")
    assert first.exit_code == 0, first.output
    assert "nothing saved yet" in first.output and "Saved in the diary." in first.output
    second = CliRunner().invoke(app, ["questionnaire", "nrs"], input="3\n")
    assert "Down 3 points since last time (6 → 3): better" in second.output


def test_sane_is_asked_in_full_words_and_a_number_out_of_range_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KNEEWISE_DATABASE_URL", f"sqlite:///{tmp_path / 'diary.db'}")
    first = CliRunner().invoke(app, ["questionnaire", "sane"], input="150\n60\n")
    assert first.exit_code == 0, first.output
    assert "how would you rate your knee today" in first.output
    assert "whole numbers from 0 to 100" in first.output and "Score: 60" in first.output
    second = CliRunner().invoke(app, ["questionnaire", "sane"], input="85\n")
    assert "Up 25 points since last time (60 → 85); not judged better or worse" in second.output


def test_psfs_keeps_the_activities_named_and_averages_their_ratings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kneewise.diary import list_questionnaire_answers, open_diary

    monkeypatch.setenv("KNEEWISE_DATABASE_URL", f"sqlite:///{tmp_path / 'diary.db'}")
    answers = "going down stairs\n4\nrunning 5 km\n7\n\n"
    result = CliRunner().invoke(app, ["questionnaire", "psfs"], input=answers)
    assert result.exit_code == 0, result.output
    assert "How well can you do this activity today?" in result.output
    assert "Score: 5.5" in result.output
    (saved,) = list_questionnaire_answers(open_diary(f"sqlite:///{tmp_path / 'diary.db'}"))
    assert saved.answers == {
        "1": 4, "2": 7, "1-name": "going down stairs", "2-name": "running 5 km",
    }  # fmt: skip


def test_a_licensed_form_says_where_to_get_it() -> None:
    result = CliRunner().invoke(app, ["questionnaire", "kujala", "--no-save"], input=KUJALA_75)
    assert "kneewise cannot show this questionnaire's questions" in result.output
    assert "Kujala et al. 1993" in result.output
