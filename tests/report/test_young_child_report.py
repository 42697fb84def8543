"""The doctor's PDF says why no likely causes are listed for a child under 5, and the rule."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

from kneewise import assess, load_knowledge, parse_intake
from kneewise.diary import Diary, save_assessment
from kneewise.intake import INTAKE_V2
from kneewise.report import doctor_report

KB = load_knowledge()
TODDLER = {"schema": INTAKE_V2, "age": 3, "sex": "female", "limp_from": "knee", "fever": False}
WITHHELD = "kneewise lists likely causes from the age of 5"


def _saved(diary: Diary) -> None:
    person = parse_intake(TODDLER)
    save_assessment(diary, person.known(), assess(person, KB).to_json_dict())


def test_the_pdf_says_why_no_cause_is_listed(
    empty_diary: Diary, pdftotext: str, tmp_path: Path, today: date
) -> None:
    _saved(empty_diary)
    path = tmp_path / "report.pdf"
    path.write_bytes(doctor_report(empty_diary, today, today, KB))
    out = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    text = re.sub(r"\s+", " ", out.stdout)
    assert WITHHELD in text
    assert "A child under 5 with a limp" in text
