"""Every output that shows the plan holds back the same cards and says the same "it waits".

A kneecap that slipped out and went back (see a doctor) and a jogger's aching knee
(self-care) go through `kneewise assess --json` and `--full`, `POST /api/v1/assess` and
the web check's result page. The doctor's views (FHIR, CDS Hooks, the PDF report) show the
triage and its reasons, not the plan's cards: the CDS card is checked to hold no training card.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from tests.web.test_check_flow import dont_know_until, start
from typer.testing import CliRunner

from kneewise import assess, load_knowledge
from kneewise.cli import app as cli
from kneewise.engine.plan import held_back
from kneewise.intake import parse_intake
from kneewise.interop.cds import triage_card

KB = load_knowledge()
CASES = {
    case["id"]: case
    for case in yaml.safe_load((Path(__file__).parent / "plan_held_back.yaml").read_text("utf-8"))
}
KNEECAP = CASES["kneecap_slipped_out_and_went_back_dancing"]
JOGGER = CASES["jogger_inner_knee_ache_on_stairs"]
#: See a doctor for overload pain of two months, every warning sign asked: training is kept.
JUMPER = CASES["jumper_aged_16_tendon_pain_for_two_months_all_asked"]
KEPT = KB.levels["see_doctor"].when_kept["training"]
WAITS = KB.levels["see_doctor"].holds_back["training"]
TITLE = {card.id: card.title for card in KB.advice}
#: Training cards a person at self-care is shown, in the titles a person reads.
PAIN_RULE = TITLE["tr_pain_monitoring"]
runner = CliRunner()


def _intake_file(tmp_path: Path, case: dict[str, Any]) -> Path:
    path = tmp_path / f"{case['id']}.json"
    path.write_text(json.dumps(case["intake"]), encoding="utf-8")
    return path


def _plan_ids(case: dict[str, Any]) -> list[str]:
    assessment = assess(parse_intake(case["intake"], schema="kneewise.intake/2"), KB)
    return [card.id for card in assessment.advice]


@pytest.mark.parametrize("case", [KNEECAP, JOGGER, JUMPER], ids=lambda case: case["id"])
def test_cli_json_and_api_give_the_engine_s_plan(
    case: dict[str, Any], tmp_path: Path, client: TestClient
) -> None:
    expected = _plan_ids(case)
    result = runner.invoke(cli, ["assess", "-i", str(_intake_file(tmp_path, case)), "--json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["advice"]] == expected
    response = client.post("/api/v1/assess", json=case["intake"])
    assert response.status_code == 200, response.text
    assert [a["id"] for a in response.json()["advice"]] == expected
    assert (WAITS in expected) == (case["categories"]["training"] == "held")
    assert (KEPT in expected) == (case["categories"]["training"] == "kept")


def test_the_cli_full_text_keeps_training_beside_see_a_doctor_for_overload(tmp_path: Path) -> None:
    path = _intake_file(tmp_path, JUMPER)
    text = runner.invoke(cli, ["assess", "-i", str(path), "--full"], env={"COLUMNS": "100"}).stdout
    flat = " ".join(text.replace("│", " ").split())
    assert TITLE[KEPT] in flat and TITLE["tr_tendon_loading"] in flat
    assert TITLE[WAITS] not in flat
    # "See a doctor" first, then the card saying that is no reason to stop training.
    said = flat.lower()
    assert said.index(KB.levels["see_doctor"].label.lower()) < said.index(TITLE[KEPT].lower())


def test_the_cli_full_text_says_training_waits_and_shows_no_training_card(tmp_path: Path) -> None:
    path = _intake_file(tmp_path, KNEECAP)
    text = runner.invoke(cli, ["assess", "-i", str(path), "--full"], env={"COLUMNS": "100"}).stdout
    flat = " ".join(text.replace("│", " ").split())
    assert TITLE[WAITS] in flat
    assert PAIN_RULE not in flat and TITLE["tr_graded_return"] not in flat
    calm = runner.invoke(cli, ["assess", "-i", str(_intake_file(tmp_path, JOGGER)), "--full"],
                         env={"COLUMNS": "100"}).stdout  # fmt: skip
    flat = " ".join(calm.replace("│", " ").split())
    assert PAIN_RULE in flat and TITLE[WAITS] not in flat


@pytest.mark.parametrize(
    ("story", "waits"),
    [
        (
            "I'm 15. Dancing yesterday I turned on my right leg and my kneecap popped out to "
            "the side, then went straight back in by itself. No swelling, I can walk fine.",
            True,
        ),
        ("my knee aches on stairs after running, I'm 52", False),
    ],
)
def test_the_web_result_page_says_the_same(client: TestClient, story: str, waits: bool) -> None:
    page = dont_know_until(client, start(client, story))
    assert page.is_result(), page.text
    assert ("triage triage-self_care" not in page.html) == waits
    assert (TITLE[WAITS] in page.text) == waits
    training = [TITLE[c.id] for c in KB.advice if c.category == "training" and c.id != WAITS]
    shown = [title for title in training if title in page.text]
    assert bool(shown) != waits, shown


def test_the_cds_card_shows_no_training_advice() -> None:
    assessment = assess(parse_intake(KNEECAP["intake"], schema="kneewise.intake/2"), KB)
    detail = triage_card(assessment, KB)["detail"]
    level = assessment.triage.level
    assert "training" in held_back(KB, level)
    training = [c.title for c in KB.advice if c.category == "training"]
    assert not [title for title in training if title in detail]
