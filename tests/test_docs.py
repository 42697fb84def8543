"""Docs that cannot drift: the CLI reference and the README's first commands."""

from pathlib import Path

from kneewise.cli.reference import reference

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "cli.md").read_text()
    assert committed == reference(), "docs/cli.md is stale: run `make docs`"


def test_every_cli_option_is_documented() -> None:
    text = reference()
    for option in ("--intake", "--json", "--text", "--vignettes"):
        assert f"`{option}`" in text


def test_readme_starts_with_the_two_setup_commands() -> None:
    commands = [
        line.strip()
        for line in (ROOT / "README.md").read_text().splitlines()
        if line.strip().startswith("make ")
    ]
    assert commands[:2] == ["make run", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()
