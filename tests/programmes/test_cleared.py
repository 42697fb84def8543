"""A programme started by hand after a result that withheld the offer so that someone sees the
knee first (a must-not-miss cause shown, or one not yet ruled out): the CLI, the API and the
page all ask for the person's word that a clinician has seen the knee, and only then.

The cases are tests/programmes/withhold_cases.yaml, the same table that drives the offer's own
rule (test_choose.py), saved in a real SQLite diary and started the three ways.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kneewise import load_knowledge
from kneewise.assessment import Assessment
from kneewise.cli import app
from kneewise.diary import open_diary, save_assessment
from kneewise.programmes.choose import clinician_first, offer
from kneewise.programmes.load import load_library

KB = load_knowledge()
LIBRARY = load_library()
CASES = yaml.safe_load((Path(__file__).parent / "withhold_cases.yaml").read_text())
#: Offers withheld for another kind of reason (kneewise has no programme for the leading cause,
#: which is not a serious one) or given: a programme started by hand needs no word.
NOT_SERIOUS = [
    {"id": "no_programme_for_a_bruised_knee", "level": "self_care",
     "conditions": [["knee_contusion", 0.7], ["patellofemoral_pain", 0.1]], "withheld": False},
    {"id": "gout_leading_nothing_serious_behind", "level": "see_doctor",
     "conditions": [["gout", 0.6], ["pseudogout", 0.2]], "withheld": False},
]  # fmt: skip
runner = CliRunner()


def _answer(case: dict[str, Any]) -> Assessment:
    raw: dict[str, Any] = {
        "triage": {
            "level": case["level"], "headline": "h", "reasons": [], "rules": [],
            "undecided": [
                {"id": rid, "level": lv, "title": "Leg clot signs", "questions": ["q"],
                 "fields": ["f"]}
                for rid, lv in case.get("undecided", [])
            ],
        },
        "conditions": [
            {"id": cid, "name": KB.conditions[cid].name, "icd10": [], "probability": p,
             "description": "", "for": [], "against": [], "evidence": [], "sources": [],
             "kept_by": []}
            for cid, p in case["conditions"]
        ],
        "advice": [], "sources": [], "answered": 10,
    }  # fmt: skip
    return Assessment.model_validate(raw)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["programme", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", CASES + NOT_SERIOUS, ids=lambda c: c["id"])
def test_the_cli_asks_for_cleared_exactly_when_the_offer_was_withheld_for_a_serious_cause(
    case: dict[str, Any],
) -> None:
    answer = _answer(case)
    save_assessment(open_diary(), {}, answer.to_json_dict())
    code, out, err = _cli("start", "itb_syndrome")
    if case["withheld"]:
        assert clinician_first(answer, LIBRARY) is not None
        assert code == 2 and "--cleared" in err and "Traceback" not in err
        assert case.get("names", "").lower() in " ".join(err.lower().split())
        code, out, _ = _cli("start", "itb_syndrome", "--cleared")
        assert code == 0 and "Started" in out
    else:
        assert clinician_first(answer, LIBRARY) is None
        assert code == 0 and "Started" in out, err


@pytest.mark.parametrize("case", [c for c in CASES if c["withheld"]][:3], ids=lambda c: c["id"])
def test_the_api_and_the_page_ask_for_the_same_word(
    client: TestClient, case: dict[str, Any]
) -> None:
    answer = _answer(case)
    save_assessment(client.app.state.diary, {}, answer.to_json_dict())  # type: ignore[attr-defined]
    refused = client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    assert refused.status_code == 409
    detail = refused.json()["detail"]
    assert "cleared=true" in detail and offer(answer, LIBRARY).reason in detail
    page = client.get("/programme").text
    assert "has checked my knee and said I can start" in page and 'name="cleared"' in page
    posted = client.post("/programme/start", data={"programme_id": "general_knee"})
    assert posted.status_code == 422 and "tick" in posted.text
    assert client.get("/api/v1/programme").status_code == 404  # nothing was started
    ticked = client.post(
        "/programme/start",
        data={"programme_id": "general_knee", "cleared": "yes"},
        follow_redirects=False,
    )
    assert ticked.status_code == 303
    assert client.get("/api/v1/programme").json()["programme_id"] == "general_knee"


def test_the_page_and_api_need_no_word_when_nothing_serious_was_shown(client: TestClient) -> None:
    case = next(c for c in CASES if not c["withheld"])
    save_assessment(client.app.state.diary, {}, _answer(case).to_json_dict())  # type: ignore[attr-defined]
    page = client.get("/programme").text
    # Only a programme for a knee a clinician has diagnosed asks, on its own.
    diagnosed_first = {p.id for p in LIBRARY.programmes.values() if p.diagnosis_first}
    assert diagnosed_first == {
        "acl_without_surgery",
        "collateral_ligament_sprain",
        "hamstring_strain",
    }
    assert page.count('name="cleared"') == len(diagnosed_first)
    started = client.post("/api/v1/programme", json={"programme_id": "itb_syndrome"})
    assert started.status_code == 201
