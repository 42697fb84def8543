"""The doctor's PDF says what was not checked and never claims an absence nobody asked about."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests._clock import TODAY

from kneewise import assess, load_knowledge, parse_intake
from kneewise.diary import Diary, save_assessment
from kneewise.engine.triage import NO_FLAG_REASON
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2
from kneewise.report import doctor_report, latest_assessment, report_content
from kneewise.report.saved import OLD_NO_FLAG_REASON, UNRECORDED_REASON

KB = load_knowledge()

INTAKES = Path(__file__).parents[1] / "cli" / "intakes"
ALL_NO = json.loads((INTAKES / "serious_rules_answered_no.json").read_text(encoding="utf-8"))
EMPTY: dict[str, Any] = {}
ALL_DONT_KNOW = {"schema": INTAKE_V2, "dont_know": list(INTAKE_FIELDS)}
NO_SIGNS_CLAIMS = ("None of the warning signs", "no warning signs", NO_FLAG_REASON)

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


@pytest.fixture
def diary(empty_diary: Diary) -> Diary:
    """The migrated empty diary of this folder's conftest, under a shorter name."""
    return empty_diary


def keep(diary: Diary, intake: dict[str, Any], answer: dict[str, Any] | None = None) -> None:
    person = parse_intake(intake)
    save_assessment(
        diary, person.known(), answer or assess(person, load_knowledge()).to_json_dict()
    )


def pdf_text(diary: Diary, pdftotext: str, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(doctor_report(diary, TODAY, TODAY, KB))
    out = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", out.stdout)


def claims_no_signs(text: str) -> bool:
    return any(claim.lower() in text.lower() for claim in NO_SIGNS_CLAIMS)


@pytest.mark.parametrize("intake", [EMPTY, ALL_DONT_KNOW], ids=["empty", "all_dont_know"])
def test_pdf_lists_what_was_not_checked(
    intake: dict[str, Any], diary: Diary, pdftotext: str, tmp_path: Path
) -> None:
    keep(diary, intake)
    text = pdf_text(diary, pdftotext, tmp_path)
    assert not claims_no_signs(text)
    assert "kneewise could not rule out" in text
    assert "Hot, swollen or red knee" in text
    assert "Do you have a fever of 38 °C (100.4 °F) or more?" in text
    assert "you said no" not in text


def test_pdf_lists_dont_know_answers_as_not_known(
    diary: Diary, pdftotext: str, tmp_path: Path
) -> None:
    keep(diary, ALL_DONT_KNOW)
    text = pdf_text(diary, pdftotext, tmp_path)
    assert "Not known" in text
    assert "The person answered “I don't know” to:" in text
    assert "Is the skin over the knee red?" in text


def test_pdf_says_no_warning_signs_when_every_serious_rule_was_answered_no(
    diary: Diary, pdftotext: str, tmp_path: Path
) -> None:
    keep(diary, ALL_NO)
    text = pdf_text(diary, pdftotext, tmp_path)
    assert NO_FLAG_REASON in text
    assert "could not rule out" not in text
    assert "Not known" not in text


def test_you_said_no_only_for_an_explicit_no(diary: Diary) -> None:
    keep(diary, {"age": 30, "worse_with": ["stairs_up"]})
    content = report_content(diary, TODAY, TODAY, KB)
    reasons = [r for c in content.conditions for r in c.for_ + c.against]
    assert not any("you said no" in r for r in reasons)
    keep(diary, {"age": 25, "mechanism": "twist", "onset": "sudden", "pop": False})
    content = report_content(diary, TODAY, TODAY, KB)
    said_no = [r for c in content.conditions for r in c.against if r.startswith("you said no")]
    assert said_no


def old_assessment(intake: dict[str, Any]) -> dict[str, Any]:
    """An assessment as kneewise saved it before open rules and don't-knows were recorded."""
    answer = assess(parse_intake(intake), load_knowledge()).to_json_dict()
    answer.pop("not_known")
    triage = {k: v for k, v in answer["triage"].items() if k != "undecided"}
    if not triage["rules"]:
        triage["reasons"] = [OLD_NO_FLAG_REASON]
    for condition in answer["conditions"]:
        for evidence in condition["evidence"]:
            evidence.pop("said_no")
    return {**answer, "triage": triage}


def test_an_old_assessment_still_renders_without_its_old_claim(
    diary: Diary, pdftotext: str, tmp_path: Path
) -> None:
    keep(diary, {"age": 30}, old_assessment({"age": 30}))
    saved = latest_assessment(diary)
    assert saved is not None
    assert saved.assessment.triage.reasons == [UNRECORDED_REASON]
    text = pdf_text(diary, pdftotext, tmp_path)
    assert not claims_no_signs(text)
    assert "did not record which warning signs were left unanswered" in text


def test_an_old_assessment_with_fired_rules_keeps_them(diary: Diary) -> None:
    intake = {"age": 30, "swelling": "within_2h", "pop": True}
    keep(diary, intake, old_assessment(intake))
    saved = latest_assessment(diary)
    assert saved is not None
    assert saved.assessment.triage.rules
    assert saved.assessment.triage.level == "urgent"
