"""A programme only for a diagnosed knee is offered, but never started without a clinician's word.

The ACL programme's rule (`diagnosis_first`, cited) holds for the side-ligament and hamstring
programmes too: the side-ligament sprain is told poorly by the story of an injury and much
better by examining the knee (Kastelein 2008), and the hamstring protocol was tried only on
MRI-verified injuries (Askling 2013). A saved self-care result leading with such a cause offers
its programme (`choose.offer` is the same for all), and the page, the API and the CLI then ask
for the word; programmes that need no diagnosis start on the offer alone. Cases in
diagnosis_first_cases.yaml; the real app in-process, the CLI through CliRunner, real SQLite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from tests.programmes._results import leading_result
from typer.testing import CliRunner

from kneewise.assessment import Assessment
from kneewise.cli import app as cli
from kneewise.diary import open_diary, save_assessment
from kneewise.knowledge.load import load_knowledge
from kneewise.programmes.choose import offer
from kneewise.programmes.load import load_library

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "diagnosis_first_cases.yaml").read_text(encoding="utf-8")
)
LIBRARY = load_library()
runner = CliRunner()
pytestmark = pytest.mark.usefixtures("today")  # the app's clock held on the run's TODAY


def _result(leading: str) -> Assessment:
    """A self-care result whose leading cause (70%) is `leading`."""
    return leading_result(load_knowledge(), leading)


def _id(case: dict[str, Any]) -> str:
    return str(case["programme"])


def test_the_cases_cover_every_programme_that_needs_a_diagnosis() -> None:
    asked = {c["programme"] for c in CASES if c["asks"]}
    assert asked == {p.id for p in LIBRARY.programmes.values() if p.diagnosis_first}
    for case in CASES:
        programme = LIBRARY.programmes[case["programme"]]
        assert (programme.diagnosis_first is not None) == case["asks"]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_the_offer_is_the_leading_causes_own_programme(case: dict[str, Any]) -> None:
    chosen = offer(_result(case["leading"]), LIBRARY)
    assert chosen.programme is not None and chosen.programme.id == case["programme"]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_page_and_api_ask_for_the_clinicians_word_only_when_a_diagnosis_is_needed(
    client: TestClient, case: dict[str, Any]
) -> None:
    save_assessment(client.app.state.diary, {}, _result(case["leading"]).to_json_dict())  # type: ignore[attr-defined]
    page = client.get("/programme").text
    offer_form = page[page.index('id="offer-title"') : page.index("All programmes")]
    assert ('name="cleared"' in offer_form) == case["asks"]
    started = client.post("/api/v1/programme", json={})
    if not case["asks"]:
        assert started.status_code == 201 and started.json()["programme_id"] == case["programme"]
        return
    assert started.status_code == 409 and case["words"] in started.json()["detail"].lower()
    assert case["words"] in " ".join(offer_form.split()).lower()
    unticked = client.post("/programme/start", data={"programme_id": case["programme"]})
    assert unticked.status_code == 422 and "tick the box" in unticked.text
    started = client.post("/api/v1/programme", json={"cleared": True})
    assert started.status_code == 201 and started.json()["programme_id"] == case["programme"]


@pytest.mark.parametrize("case", [c for c in CASES if c["asks"]], ids=_id)
def test_cli_asks_for_cleared_before_a_programme_that_needs_a_diagnosis(
    data_dir: Path, case: dict[str, Any]
) -> None:
    save_assessment(open_diary(), {}, _result(case["leading"]).to_json_dict())
    refused = runner.invoke(cli, ["programme", "start"])
    said = " ".join((refused.stdout + refused.stderr).split()).lower()
    assert refused.exit_code == 2 and case["words"] in said and "--cleared" in said
    started = runner.invoke(cli, ["programme", "start", "--cleared"])
    assert started.exit_code == 0
    name = LIBRARY.programmes[case["programme"]].name
    assert f"Started {name}" in " ".join(started.stdout.split())


def test_each_diagnosis_first_rule_cites_a_passage_read_that_backs_it() -> None:
    for programme in LIBRARY.programmes.values():
        if programme.diagnosis_first is None:
            continue
        for ref in programme.diagnosis_first.cites:
            source, passage_id = ref.split("/")
            passage = LIBRARY.sources[source].passage(passage_id)
            assert passage is not None and "diagnosis_first" in passage.supports
