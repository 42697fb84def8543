"""The report shows the activities a person named on the PSFS, in their own words (trial 20).

The Patient-Specific Functional Scale is the person's own list of activities their
knee makes hard, each rated 0-10 (Stratford et al. 1995); its average alone tells a
doctor nothing of what the person cannot do. The report once showed only the
averages. Now every saved name appears beside its rating, in any script, as text
(never as markup), with a name kept without a rating, a rating kept without a name
and an instrument kneewise no longer knows all still shown.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from kneewise.diary import Diary, add_questionnaire_answer, open_diary
from kneewise.knowledge.load import load_knowledge
from kneewise.questionnaires import load, score
from kneewise.report import doctor_report, report_html
from kneewise.report.figures import NamedActivity, named_activities

KB = load_knowledge()
PSFS = load("psfs")
#: Activities as people write them, in several scripts and with characters HTML reads.
NAME_SETS = {
    "german": ("Treppe hinuntergehen", "Fußball spielen", "In die Hocke gehen"),
    "cyrillic-greek": ("Приседания с весом", "Ποδήλατο στο βουνό"),
    "cjk-and-emoji": ("跑步 10 km", "正座する", "kneeling 🙏 in church"),
    "markup-like": ("<b>jump & land</b>", 'climb "steep" stairs', "5 < 10 km runs"),
    "french-turkish": ("jouer au ballon avec ma fille — 20 min", "merdiven çıkmak, ığdır"),
}


def visible(page: str) -> str:
    """The words a reader sees: tags gone, entities read, spaces squeezed."""
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def pdf_words(pdf: bytes, tmp_path: Path, pdftotext: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    done = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def psfs_answers(names: tuple[str, ...], ratings: tuple[int, ...]) -> dict[str, int | str]:
    answers: dict[str, int | str] = {}
    for number, (name, rating) in enumerate(zip(names, ratings, strict=True), start=1):
        answers[str(number)] = rating
        answers[f"{number}-name"] = name
    return answers


@pytest.fixture
def diary(tmp_path: Path) -> Iterator[Diary]:
    opened = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    try:
        yield opened
    finally:
        opened.close()


def save_psfs(diary: Diary, day: dt.date, answers: dict[str, int | str]) -> None:
    ratings = {k: int(v) for k, v in answers.items() if not k.endswith("-name")}
    add_questionnaire_answer(diary, "psfs", day, answers, score(PSFS, ratings))


@pytest.mark.parametrize("names", NAME_SETS.values(), ids=NAME_SETS.keys())
def test_each_activity_is_shown_in_the_persons_words_with_its_rating(
    diary: Diary, today: dt.date, names: tuple[str, ...]
) -> None:
    first, second = tuple(range(2, 2 + len(names))), tuple(range(6, 6 + len(names)))
    save_psfs(diary, today - dt.timedelta(days=20), psfs_answers(names, first))
    save_psfs(diary, today - dt.timedelta(days=1), psfs_answers(names, second))
    page = report_html(diary, today - dt.timedelta(days=30), today, KB, today=today)
    section = page[page.index('id="scores"') : page.index('id="questions"')]
    text = visible(section)
    for name, before, after in zip(names, first, second, strict=True):
        assert f"“{name}”: {before}/10" in text
        assert f"“{name}”: {after}/10" in text
        assert str(escape(name)) in section  # as text, never as markup
    assert "<b>" not in section
    listed = [visible(s) for s in re.findall(r'<span class="activity">(.*?)</span>', section)]
    assert [s.split("”:")[0].lstrip("“") for s in listed] == list(names) * 2  # their order
    assert "as well as before my knee problem" in text  # what the ratings mean


def test_the_pdf_holds_the_names_as_text(
    diary: Diary, today: dt.date, tmp_path: Path, pdftotext: str
) -> None:
    names = NAME_SETS["german"] + NAME_SETS["cyrillic-greek"]
    save_psfs(diary, today - dt.timedelta(days=3), psfs_answers(names[:5], (1, 3, 5, 7, 9)))
    pdf = doctor_report(diary, today - dt.timedelta(days=30), today, KB, today=today)
    words = pdf_words(pdf, tmp_path, pdftotext)
    for name, rating in zip(names[:5], (1, 3, 5, 7, 9), strict=True):
        assert f"“{name}”: {rating}/10" in words


def test_what_was_kept_half_is_shown_half(diary: Diary, today: dt.date) -> None:
    """A name without its rating, and a rating without its name, are both said, not dropped."""
    answers: dict[str, int | str] = {"1": 4, "1-name": "Treppen", "2": 6, "3-name": "Radfahren"}
    add_questionnaire_answer(diary, "psfs", today - dt.timedelta(days=2), answers, 5.0)
    text = visible(report_html(diary, today - dt.timedelta(days=9), today, KB, today=today))
    assert "“Treppen”: 4/10" in text
    assert "Activity 2 (its name was not kept): 6/10" in text
    assert "“Radfahren”: not rated" in text


def test_an_instrument_kneewise_no_longer_knows_keeps_its_names(
    diary: Diary, today: dt.date
) -> None:
    answers: dict[str, int | str] = {"1": 3, "1-name": "Bergwandern", "7-name": "Knien"}
    add_questionnaire_answer(diary, "old-scale", today - dt.timedelta(days=2), answers, 3.0)
    text = visible(report_html(diary, today - dt.timedelta(days=9), today, KB, today=today))
    assert "“Bergwandern”: 3" in text and "“Knien”: not rated" in text


def test_a_scale_without_named_activities_has_no_such_column(diary: Diary, today: dt.date) -> None:
    add_questionnaire_answer(diary, "nrs", today - dt.timedelta(days=2), {"1": 4}, 4)
    page = report_html(diary, today - dt.timedelta(days=9), today, KB, today=today)
    assert "own words" not in page and 'class="activities"' not in page


def test_names_follow_the_items_order_and_the_spaces_are_squeezed() -> None:
    answers = {
        "3-name": "  Radfahren\tim   Wald ",
        "3": 2,
        "1-name": "Treppe",
        "1": 5,
        "9-name": "x",
    }
    assert named_activities(answers, PSFS.items) == (
        NamedActivity("Activity 1", "Treppe", 5.0, 10),
        NamedActivity("Activity 3", "Radfahren im Wald", 2.0, 10),
        NamedActivity("Activity 9", "x", None, None),
    )


def test_named_on_the_page_shown_in_the_pdf(
    client: TestClient, today: dt.date, tmp_path: Path, pdftotext: str
) -> None:
    """End to end: the web form saves the names, the report the page offers prints them."""
    form = {"name-1": "Treppe hinuntergehen", "item-1": "3", "name-2": "Приседания", "item-2": "6"}
    saved = client.post("/questionnaires/psfs", data=form)
    assert saved.status_code == 200, saved.text
    pdf = client.get("/report.pdf")
    assert pdf.status_code == 200, pdf.text
    words = pdf_words(pdf.content, tmp_path, pdftotext)
    assert "“Treppe hinuntergehen”: 3/10" in words and "“Приседания”: 6/10" in words


def _scores_and_questions(diary: Diary, today: dt.date) -> tuple[str, str]:
    page = report_html(diary, today - dt.timedelta(days=30), today, KB, today=today)
    scores = visible(page[page.index('id="scores"') : page.index('id="questions"')])
    return scores, visible(page[page.index('id="questions"') :])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("Treppe", "Hocke"), ("Treppe", "Radfahren")),  # one activity swapped
        (("Treppe", "Hocke"), ("Treppe",)),  # one no longer rated
        (("Приседания",), ("Приседания", "Бег")),  # one added
    ],
)
def test_other_activities_are_not_judged_better_or_worse(
    diary: Diary, today: dt.date, before: tuple[str, ...], after: tuple[str, ...]
) -> None:
    """The PSFS compares the same activities rated again (Stratford 1995): a fall in the
    average over other activities is given in points, never called worse."""
    save_psfs(diary, today - dt.timedelta(days=20), psfs_answers(before, (9,) * len(before)))
    save_psfs(diary, today - dt.timedelta(days=1), psfs_answers(after, (2,) * len(after)))
    scores, questions = _scores_and_questions(diary, today)
    assert "-7: not judged: not the same activities as the time before" in scores
    assert "worse" not in scores and "PSFS" not in questions


def test_the_same_activities_in_other_capitals_are_judged(diary: Diary, today: dt.date) -> None:
    save_psfs(diary, today - dt.timedelta(days=20), psfs_answers(("treppe steigen",), (3,)))
    save_psfs(diary, today - dt.timedelta(days=1), psfs_answers(("Treppe Steigen",), (8,)))
    scores, _ = _scores_and_questions(diary, today)
    assert "+5: better" in scores


def test_a_worse_score_asks_about_the_activities_in_the_persons_words(
    diary: Diary, today: dt.date
) -> None:
    names = ("Treppe hinuntergehen", "跑步 10 km", "kneeling")
    save_psfs(diary, today - dt.timedelta(days=20), psfs_answers(names, (8, 7, 5)))
    save_psfs(diary, today - dt.timedelta(days=1), psfs_answers(names, (3, 4, 6)))
    scores, questions = _scores_and_questions(diary, today)
    assert "-2.4: worse" in scores  # 6.7 → 4.3, past the MDC of 2 (Stratford 1995)
    assert "harder now: “Treppe hinuntergehen” from 8 to 3, “跑步 10 km” from 7 to 4)" in questions
    assert "kneeling" not in questions  # it got easier
