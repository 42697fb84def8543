"""`kneewise kb audit`: its figures match the YAML, counted here independently of the model."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from kneewise import load_knowledge
from kneewise.cli import app
from kneewise.knowledge.audit import audit
from kneewise.knowledge.load import DATA_DIR

runner = CliRunner()


def _raw_numbers(condition: dict[str, Any]) -> Iterator[Any]:
    prior = condition["prior"]
    yield prior["base"]
    yield from (band["weight"] for band in prior.get("age_bands", []))
    yield from prior.get("sex", {}).values()
    yield from prior.get("activities", {}).values()
    yield from condition["likelihoods"].values()


def _tally(numbers: list[Any], default: str | None) -> dict[str, int]:
    """Count raw YAML numbers by basis: a bare number takes the entry's default basis."""
    tally = {"numbers": 0, "measured": 0, "converted": 0, "estimate": 0, "no study": 0}
    for number in numbers:
        basis = number["basis"] if isinstance(number, dict) else default
        assert basis is not None
        tally["numbers"] += 1
        tally[basis] += 1
        source = number.get("source") if isinstance(number, dict) else None
        tally["no study"] += basis == "estimate" and source is None
    return tally


def _expected() -> dict[str, dict[str, int]]:
    expected = {}
    for path in sorted((DATA_DIR / "conditions").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            expected[entry["id"]] = _tally(list(_raw_numbers(entry)), entry.get("default_basis"))
    findings = yaml.safe_load((DATA_DIR / "findings.yaml").read_text(encoding="utf-8"))
    rates = [(f[k], f.get("default_basis")) for f in findings for k in ("base_rate", "other_rate")
             if k in f]  # fmt: skip
    expected["findings"] = {
        k: 0 for k in ("numbers", "measured", "converted", "estimate", "no study")
    }
    for number, default in rates:
        for key, count in _tally([number], default).items():
            expected["findings"][key] += count
    return expected


def _as_tally(row: dict[str, Any]) -> dict[str, int]:
    return {
        "numbers": row["numbers"], "measured": row["measured"], "converted": row["converted"],
        "estimate": row["estimates"], "no study": len(row["without_a_study"]),
    }  # fmt: skip


def test_the_audit_counts_match_the_yaml() -> None:
    report = audit(load_knowledge()).model_dump()
    expected = _expected()
    rows = {row["id"]: row for row in [*report["conditions"], report["findings"]]}
    assert set(rows) == set(expected)
    for entry_id, row in rows.items():
        assert _as_tally(row) == expected[entry_id], entry_id
        assert row["estimate_share"] == pytest.approx(row["estimates"] / row["numbers"], abs=1e-4)
    total = _as_tally(report["total"])
    assert total == {k: sum(e[k] for e in expected.values()) for k in total}


def test_the_cli_prints_the_same_audit_as_json() -> None:
    result = runner.invoke(app, ["kb", "audit", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == audit(load_knowledge()).model_dump(mode="json")


def test_the_cli_table_shows_every_condition_and_the_whole() -> None:
    result = runner.invoke(app, ["kb", "audit"])
    assert result.exit_code == 0, result.output
    report = audit(load_knowledge())
    lines = result.stdout.splitlines()
    for row in [*report.conditions, report.findings]:
        line = next(x for x in lines if x.split()[:1] == [row.id])
        assert line.split()[1:4] == [str(row.numbers), str(row.measured), str(row.converted)]
    total = report.total
    assert f"The whole knowledge base: {total.numbers} numbers" in result.stdout
    assert f"{len(total.without_a_study)} (" in result.stdout


def test_one_condition_lists_each_number_with_its_source() -> None:
    result = runner.invoke(app, ["kb", "audit", "knee_fracture"])
    assert result.exit_code == 0, result.output
    assert (
        "P(cannot_bend_90 | knee_fracture) = 0.42\n  measured, jem1997_knee_radiography_rules"
        in (result.stdout)
    )
    assert "P(mech_fall | knee_fracture) = 0.4\n  estimate, no study behind it" in result.stdout
    listed = json.loads(runner.invoke(app, ["kb", "audit", "knee_fracture", "--json"]).stdout)
    assert len(listed) == len(list(load_knowledge().conditions["knee_fracture"].figures()))
    converted = next(n for n in listed if n["what"].startswith("P(could_not_walk_right_after"))
    assert converted["converted_from"] == "sensitivity"


def test_a_finding_lists_its_reference_rates() -> None:
    result = runner.invoke(app, ["kb", "audit", "dark_urine"])
    assert result.exit_code == 0, result.output
    assert "base rate = 0.005" in result.stdout
    assert "rate with an unrelated condition = 0.0005" in result.stdout


def test_an_unknown_id_is_a_clear_error_not_a_traceback() -> None:
    result = runner.invoke(app, ["kb", "audit", "no_such_cause"])
    assert result.exit_code == 2
    assert "no condition or finding with id 'no_such_cause'" in result.output
    assert "Traceback" not in result.output


def test_without_study_lists_each_unsupported_number_under_its_condition() -> None:
    result = runner.invoke(app, ["kb", "audit", "--without-study"])
    assert result.exit_code == 0, result.output
    report = audit(load_knowledge())
    doms = next(row for row in report.conditions if row.id == "doms")
    block = result.stdout.split("\ndoms, without a study behind them:\n")[1].split("\n\n")[0]
    assert block.splitlines() == [f"  {what}" for what in doms.without_a_study]
    assert "knee_fracture, without a study behind them:\n  prior × skiing" in result.stdout
    # A measured number has a study behind it.
    assert "P(cannot_bend_90 | knee_fracture)" not in result.stdout
