"""Unknown stays unknown in `kneewise assess`: its text, its JSON and the intake versions.

An empty intake and one where every question was answered "don't know" must
never claim that there are no warning signs, and must list what was not
checked; only an intake that answers every urgent and emergency rule "no"
may say so.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.engine.triage import NO_FLAG_REASON
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2

INTAKES = Path(__file__).parent / "intakes"
ALL_NO = json.loads((INTAKES / "serious_rules_answered_no.json").read_text(encoding="utf-8"))
EMPTY: dict[str, Any] = {}
ALL_DONT_KNOW = {"schema": INTAKE_V2, "dont_know": list(INTAKE_FIELDS)}
NO_SIGNS_CLAIMS = ("None of the warning signs", "no warning signs", NO_FLAG_REASON)
runner = CliRunner()


def plain(output: str) -> str:
    """Terminal text without box drawing, on one line: wrapped sentences read whole."""
    return re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─━┃┏┓┗┛┡┩╇┳┻╈]", " ", output))


def run(intake: dict[str, Any], *args: str) -> Any:
    result = runner.invoke(
        app, ["assess", "-i", "-", *args], input=json.dumps(intake), env={"COLUMNS": "100"}
    )
    assert result.exit_code == 0, result.output
    return result


def claims_no_signs(text: str) -> bool:
    return any(claim.lower() in text.lower() for claim in NO_SIGNS_CLAIMS)


@pytest.mark.parametrize("intake", [EMPTY, ALL_DONT_KNOW], ids=["empty", "all_dont_know"])
def test_text_lists_what_was_not_checked(intake: dict[str, Any]) -> None:
    brief = plain(run(intake).stdout)
    assert not claims_no_signs(brief)
    assert "Not ruled out" in brief
    assert "Hot, swollen or red knee" in brief  # an open warning sign by its title
    text = plain(run(intake, "--full").stdout)
    assert not claims_no_signs(text)
    assert "kneewise could not rule out" in text
    assert "Hot, swollen or red knee" in text
    assert "Do you have a fever of 38 °C (100.4 °F) or more?" in text  # and its question


@pytest.mark.parametrize("intake", [EMPTY, ALL_DONT_KNOW], ids=["empty", "all_dont_know"])
def test_json_carries_the_open_rules(intake: dict[str, Any]) -> None:
    answer = json.loads(run(intake, "--json").stdout)
    triage = answer["triage"]
    assert not claims_no_signs(" ".join(triage["reasons"]))
    assert "kneewise could not rule out" in triage["reasons"][-1]
    serious = [rule for rule in triage["undecided"] if rule["level"] in ("urgent", "emergency")]
    assert serious
    assert all(rule["questions"] and rule["fields"] for rule in serious)
    assert ("not_known" in answer) and (bool(answer["not_known"]) == (intake is ALL_DONT_KNOW))


def test_all_dont_know_is_listed_as_not_known() -> None:
    assert "You said you don't know" in plain(run(ALL_DONT_KNOW).stdout)
    text = plain(run(ALL_DONT_KNOW, "--full").stdout)
    assert "You said you don't know:" in text
    assert "Is the skin over the knee red?" in text
    answer = json.loads(run(ALL_DONT_KNOW, "--json").stdout)
    assert {"field": "red", "question": "Is the skin over the knee red?"} in answer["not_known"]


def test_no_warning_signs_only_when_every_serious_rule_is_answered_no() -> None:
    for shown in (run(ALL_NO).stdout, run(ALL_NO, "--full").stdout):
        text = plain(shown)
        assert NO_FLAG_REASON in text
        assert "could not rule out" not in text and "Not ruled out" not in text
    answer = json.loads(run(ALL_NO, "--json").stdout)
    assert answer["triage"]["reasons"] == [NO_FLAG_REASON]
    assert all(r["level"] not in ("urgent", "emergency") for r in answer["triage"]["undecided"])


def test_v1_documents_are_read_unchanged() -> None:
    answer = json.loads(run({"age": 30, "swelling": "gradual"}, "--json").stdout)
    assert answer["schema"] == "kneewise.assessment/1"


@pytest.mark.parametrize("field", ["swollen", "had_knee_surgery", "dont_know"])
def test_v2_fields_need_the_schema_key(field: str) -> None:
    value: Any = ["fever"] if field == "dont_know" else True
    result = runner.invoke(app, ["assess", "-i", "-", "--json"], input=json.dumps({field: value}))
    assert result.exit_code == 2
    assert f'{field} is an intake v2 field: add "schema": "kneewise.intake/2"' in result.stderr
    assert "Traceback" not in result.output


def test_v2_swollen_without_timing_fires_what_needs_only_swollen() -> None:
    intake = {"schema": INTAKE_V2, "swollen": True, "warm": True, "fever": True}
    answer = json.loads(run(intake, "--json").stdout)
    assert answer["triage"]["level"] == "emergency"
