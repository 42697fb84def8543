"""The doctor's report: the person's figures are in the PDF's text, bad ranges are clear errors."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kneewise._errors import KneewiseError, ReportError
from kneewise.diary import Diary
from kneewise.knowledge.load import load_knowledge
from kneewise.report import doctor_report, report_content, report_html
from kneewise.report.svg import long_day

KB = load_knowledge()


def pdf_text(pdftotext: str, pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", " ", result.stdout)


@pytest.fixture
def report_text(filled: Any, pdftotext: str, tmp_path: Path) -> str:
    pdf = doctor_report(filled.diary, filled.start, filled.today, KB)
    assert pdf.startswith(b"%PDF-")
    return pdf_text(pdftotext, pdf, tmp_path)


def test_pdf_holds_the_persons_story_and_figures(report_text: str, filled: Any) -> None:
    worst_day = filled.worst_day
    assert "A 34-year-old woman who does running" in report_text
    assert "Knee of concern: the left knee" in report_text
    assert "Pain at its worst 7/10" in report_text
    assert f"Worst pain during activity: 8/10 on {long_day(worst_day)}" in report_text


def test_pdf_names_the_knowledge_version_of_the_assessment(report_text: str) -> None:
    from kneewise.knowledge.compiled import compiled
    from kneewise.report.content import KNOWLEDGE_HASH_SHOWN

    version = compiled(KB).content_hash[:KNOWLEDGE_HASH_SHOWN]
    assert f"Knowledge version: {version}" in report_text


def test_pdf_holds_the_assessment_with_icd10_codes(report_text: str) -> None:
    assert "SEE A DOCTOR SOON" in report_text.upper()
    assert "Book a visit with a GP" in report_text
    assert "Patellofemoral pain" in report_text and "M22.2" in report_text


def test_pdf_holds_light_charts_scores_and_questions(report_text: str) -> None:
    assert "Traffic light on" in report_text and "Amber" in report_text
    assert "Knee pain (0–10)" in report_text and "Training load per week" in report_text
    assert "Knee pain rating (0-10)" in report_text and "+4: worse" in report_text
    assert "Questions to ask at the visit" in report_text
    assert "When and how can I go back to running?" in report_text
    assert "Do you agree, and what would tell these apart?" in report_text


def test_first_page_renders_as_an_image(filled: Any, pdftoppm: str, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(doctor_report(filled.diary, filled.start, filled.today, KB))
    subprocess.run(
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = tmp_path / "page-1.png"
    assert image.read_bytes().startswith(b"\x89PNG") and image.stat().st_size > 5000


def test_html_is_self_contained(filled: Any) -> None:
    html = report_html(filled.diary, filled.start, filled.today, KB)
    assert "<script" not in html and "<link" not in html
    assert 'src="http' not in html and "@import" not in html
    assert html.count("<svg") == 2


def test_content_is_limited_to_the_range(filled: Any) -> None:
    last_week = filled.today - dt.timedelta(days=6)
    content = report_content(filled.diary, last_week, filled.today, KB)
    assert content.summary.sessions == 4 and content.summary.pain_days in (2, 3)
    assert content.load_svg.count('class="bar"') in (1, 2)


def test_end_before_start_is_a_clear_error(filled: Any) -> None:
    today = filled.today
    with pytest.raises(ReportError, match=r"ends \(.*\) before it starts"):
        doctor_report(filled.diary, today, today - dt.timedelta(days=1), KB)


def test_a_range_in_the_future_or_too_long_is_refused(filled: Any) -> None:
    today = filled.today
    with pytest.raises(ReportError, match="starts in the future"):
        doctor_report(filled.diary, today + dt.timedelta(days=1), today + dt.timedelta(days=9), KB)
    with pytest.raises(ReportError, match="at most 731 days"):
        doctor_report(filled.diary, today - dt.timedelta(days=1000), today, KB)


def test_an_empty_diary_has_nothing_to_report(today: dt.date, empty_diary: Diary) -> None:
    with pytest.raises(ReportError, match="nothing to report") as caught:
        doctor_report(empty_diary, today - dt.timedelta(days=30), today, KB)
    assert isinstance(caught.value, KneewiseError)


def test_a_range_before_any_entry_but_with_an_assessment_still_reports(filled: Any) -> None:
    today = filled.today
    content = report_content(filled.diary, today, today, KB)
    assert content.assessment is not None
    assert "No training sessions" in content.load_svg or content.summary.sessions == 1
