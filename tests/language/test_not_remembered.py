"""Not knowing, not remembering or being unsure is never "no" (nor "yes"): asked, not assumed.

Cases in not_remembered.yaml (trial fault 1): each unsure phrasing leaves its field out of
the intake, marks it unsure in `fields` (or leaves it out), says so in a note, and never
lets an unsure pop or injury decide how the trouble started. End to end, a warning sign
told unsure keeps its emergency rule open (`triage.undecided`), never ruled out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kneewise import assess, load_knowledge
from kneewise.cli import app
from kneewise.language import parse

KB = load_knowledge()
CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (Path(__file__).parent / "not_remembered.yaml").read_text(encoding="utf-8")
)


def test_the_table_covers_the_warning_signs() -> None:
    fields = {case["field"] for case in CASES["unsure"]}
    assert len(CASES["unsure"]) >= 40
    wanted = {"pop", "fever", "foot_numb_or_cold", "calf_swelling", "giving_way", "locking",
        "walked_right_after", "swollen", "breathless_or_chest_pain"}  # fmt: skip
    assert wanted <= fields


@pytest.mark.parametrize("case", CASES["unsure"], ids=lambda c: f"{c['field']}: {c['text']}")
def test_an_unsure_finding_is_asked_not_assumed(case: dict[str, Any]) -> None:
    parsed = parse(case["text"], KB)
    field = case["field"]
    assert field not in parsed.intake().known()
    read = parsed.fields.get(field)
    assert read is None or read.unsure
    assert "onset" not in parsed.values()  # an unsure pop or injury says nothing sure
    assert any("sounded unsure" in note for note in parsed.notes)


@pytest.mark.parametrize("case", CASES["certain"], ids=lambda c: f"{c['field']}: {c['text']}")
def test_a_doubt_about_a_detail_keeps_the_finding(case: dict[str, Any]) -> None:
    parsed = parse(case["text"], KB)
    assert parsed.intake().known().get(case["field"]) == case["value"]
    assert not parsed.fields[case["field"]].unsure


# Stories with a warning sign told unsure, and the serious rule that must stay open.
OPEN_RULES = [
    ("I'm 35, hurt my knee snowboarding this afternoon and it's swollen. I honestly can't "
     "recall whether my toes went numb", "cold_or_numb_foot_after_injury"),
    ("I'm 57, my knee is hot and puffy since Tuesday and I've no idea whether I've had "
     "a temperature", "infected_joint_with_fever"),
    ("Sore knee after a long coach trip. I forget whether my calf swelled up, and maybe I was a "
     "bit short of breath", "clot_in_lung_signs"),
    ("landed badly at netball, 24, might have had pins and needles in my foot after",
     "cold_or_numb_foot_after_injury"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "rule"), OPEN_RULES, ids=[r for _, r in OPEN_RULES])
def test_an_unsure_warning_sign_keeps_its_rule_open(text: str, rule: str) -> None:
    triage = assess(parse(text, KB).intake(), KB).triage
    assert rule in {r.id for r in triage.undecided}
    assert rule not in {r.id for r in triage.rules}


def test_assess_text_json_keeps_the_emergency_open() -> None:
    text = "I'm 29, twisted my knee at football an hour ago, I can't remember if my foot went cold"
    result = CliRunner().invoke(app, ["assess", "--text", text, "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert "cold_or_numb_foot_after_injury" in {r["id"] for r in answer["triage"]["undecided"]}


# Through POST /api/v1/parse: `fields` says unsure where `intake` leaves the value out.
API_CASES = [
    ("I can't recall whether my toes went numb", "foot_numb_or_cold"),
    ("dunno if I had a temperature", "fever"),
    ("maybe it popped, I couldn't tell you", "pop"),
    ("not certain whether it catches or locks", "locking"),
]


@pytest.mark.parametrize(("text", "field"), API_CASES, ids=[f for _, f in API_CASES])
def test_parse_api_marks_unsure_fields_and_leaves_them_out(
    client: TestClient, text: str, field: str
) -> None:
    body = client.post("/api/v1/parse", json={"text": text}).json()
    assert body["fields"][field]["unsure"] is True
    assert field not in body["intake"]
    assert "onset" not in body["intake"]
    assert any("sounded unsure" in note for note in body["notes"])
