"""One public output model: the CLI's JSON, the API's answer and a saved assessment agree.

The same intake goes through `kneewise assess --json`, `POST /api/v1/assess` and
the diary (saved, then read back as the report and FHIR read it); the three
must be the same document, and the API's published schema must name exactly
the keys that document has, so a field added in one place and not the others
fails here. Old documents (saved before `knowledge_hash`, `not_known`,
`undecided` and `said_no` existed) still read back, with what they lack shown
as not recorded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY
from typer.testing import CliRunner

from kneewise.cli import app as cli
from kneewise.diary import Diary, open_diary, save_assessment
from kneewise.interop import fhir_bundle
from kneewise.interop.fhir import KNOWLEDGE_TAG
from kneewise.knowledge.load import load_knowledge
from kneewise.report.content import KNOWLEDGE_NOT_RECORDED, report_content
from kneewise.report.saved import assessment_from_json, latest_assessment
from kneewise.settings import Settings
from kneewise.web import create_app

KB = load_knowledge()

ROOT = Path(__file__).resolve().parents[2]
INTAKES = [
    ROOT / "examples" / "acl.json",
    ROOT / "tests" / "cli" / "intakes" / "serious_rules_answered_no.json",
]
#: How an assessment was saved before this version: no knowledge hash, no "don't know"
#: list, no open rules or level label, and findings without `said_no`.
OLD_DOCUMENT: dict[str, Any] = {
    "schema": "kneewise.assessment/1",
    "triage": {
        "level": "see_doctor",
        "headline": "See a doctor or physiotherapist in the next few days.",
        "reasons": ["A pop and quick swelling after a twist can mean a torn ligament."],
        "rules": [],
    },
    "conditions": [
        {
            "id": "acl_tear", "name": "ACL tear", "icd10": ["S83.5"], "probability": 0.61,
            "description": "A tear of the anterior cruciate ligament.",
            "for": ["a pop", "swelling within two hours"], "against": [],
            "evidence": [{"finding": "pop", "label": "a pop", "present": True, "weight": 1.2}],
            "sources": ["bollen_2000"],
        }
    ],
    "advice": [],
    "sources": [],
    "answered": 9,
}  # fmt: skip


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One data folder for the CLI (through the environment) and the app (through settings)."""
    folder = tmp_path / "data"
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def api(data_dir: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=data_dir, database_url=None, allowed_hosts=["testserver"])
    with TestClient(create_app(settings)) as client:
        yield client


def _cli_json(intake: Path, *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["assess", "--intake", str(intake), "--json", *extra])
    assert result.exit_code == 0, result.output
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


@pytest.mark.parametrize("intake", INTAKES, ids=lambda p: p.stem)
def test_cli_api_and_saved_assessment_are_one_document(
    intake: Path, api: TestClient, data_dir: Path
) -> None:
    from_cli = _cli_json(intake, "--save")
    response = api.post("/api/v1/assess", json=json.loads(intake.read_text()))
    assert response.status_code == 200, response.text
    assert response.json() == from_cli
    assert assessment_from_json(from_cli).to_json_dict() == from_cli
    diary = open_diary()
    try:
        saved = latest_assessment(diary)
    finally:
        diary.close()
    assert saved is not None and saved.assessment.to_json_dict() == from_cli


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    """The schema behind a $ref, or the one non-null branch of an anyOf."""
    while True:
        if "$ref" in schema:
            schema = components[schema["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in schema:
            branches = [s for s in schema["anyOf"] if s.get("type") != "null"]
            if len(branches) != 1:
                return schema
            schema = branches[0]
        else:
            return schema


def _drift(value: Any, schema: dict[str, Any], components: dict[str, Any], at: str) -> list[str]:
    """Every place where the JSON and the published schema name different keys."""
    schema = _resolve(schema, components)
    if isinstance(value, dict) and "properties" in schema:
        published = set(schema["properties"])
        problems = [f"{at}: only in the JSON: {k}" for k in sorted(set(value) - published)]
        problems += [f"{at}: only in the schema: {k}" for k in sorted(published - set(value))]
        for key in set(value) & published:
            problems += _drift(value[key], schema["properties"][key], components, f"{at}.{key}")
        return problems
    if isinstance(value, list) and "items" in schema:
        return [p for item in value for p in _drift(item, schema["items"], components, at + "[]")]
    return []


def test_the_api_publishes_exactly_the_keys_the_cli_prints(api: TestClient) -> None:
    openapi = api.get("/openapi.json").json()
    components = openapi["components"]["schemas"]
    answer = openapi["paths"]["/api/v1/assess"]["post"]["responses"]["200"]
    schema = answer["content"]["application/json"]["schema"]
    # Every optional part present, so each nested model is compared too.
    documents = [_cli_json(intake) for intake in INTAKES]
    assert any(d["triage"]["rules"] for d in documents)
    assert any(d["triage"]["undecided"] for d in documents)
    assert [p for d in documents for p in _drift(d, schema, components, "assessment")] == []


def test_no_two_published_models_share_a_name(api: TestClient) -> None:
    openapi = api.get("/openapi.json").json()
    names = openapi["components"]["schemas"]
    assert not [n for n in names if n.endswith(("-Input", "-Output"))]
    # Two classes of one name in two modules come out as module-qualified twins.
    assert not [n for n in names if n.startswith("kneewise__")]
    assert {"Assessment", "FindingWeight"} <= set(names)
    assert names["FindingWeight"]["properties"].keys() >= {"finding", "weight"}
    body = openapi["paths"]["/api/v1/interview"]["post"]["requestBody"]
    answers = _resolve(body["content"]["application/json"]["schema"], names)
    assert answers["properties"].keys() >= {"answers", "unknown"}


def test_every_output_records_the_knowledge_it_came_from(
    api: TestClient, data_dir: Path, empty_diary: Diary
) -> None:
    from_cli = _cli_json(INTAKES[0])
    knowledge_hash = from_cli["knowledge_hash"]
    assert isinstance(knowledge_hash, str) and knowledge_hash
    assert api.get("/openapi.json").json()["components"]["schemas"]["Assessment"]["properties"][
        "knowledge_hash"
    ]
    save_assessment(empty_diary, json.loads(INTAKES[0].read_text()), from_cli)
    content = report_content(empty_diary, *_today_range(), KB)
    assert content.knowledge_version == knowledge_hash[: len(content.knowledge_version)]
    impression = _impression(empty_diary)
    assert {"system": KNOWLEDGE_TAG, "code": knowledge_hash}.items() <= impression["meta"]["tag"][
        0
    ].items()


def test_an_old_saved_assessment_reads_back_with_the_knowledge_not_recorded(
    empty_diary: Diary,
) -> None:
    save_assessment(empty_diary, {"pop": True}, OLD_DOCUMENT)
    saved = latest_assessment(empty_diary)
    assert saved is not None
    old = saved.assessment
    assert old.knowledge_hash is None and old.not_known == [] and old.triage.undecided == []
    assert old.conditions[0].for_ == ["a pop", "swelling within two hours"]
    assert old.conditions[0].evidence[0].said_no is False
    assert old.to_json_dict()["knowledge_hash"] is None
    assert report_content(empty_diary, *_today_range(), KB).knowledge_version == (
        KNOWLEDGE_NOT_RECORDED
    )
    impression = _impression(empty_diary)
    assert "meta" not in impression
    assert any("not recorded" in note["text"] for note in impression["note"])


def _today_range() -> tuple[Any, Any]:
    import datetime as dt

    return TODAY - dt.timedelta(days=7), TODAY


def _impression(diary: Diary) -> dict[str, Any]:
    bundle = fhir_bundle(diary)
    [found] = [e["resource"] for e in bundle["entry"]
               if e["resource"]["resourceType"] == "ClinicalImpression"]  # fmt: skip
    return found
