"""`kneewise kb`: check, list and show knowledge-base entries."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
import yaml
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from kneewise._errors import KneewiseError
from kneewise.cli._app import app
from kneewise.cli._console import TerminalConsole
from kneewise.cli._errors import fail
from kneewise.knowledge.audit import KnowledgeAudit, NumberProvenance, audit, numbers_of
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase

kb_app = typer.Typer(help="Read the knowledge base: conditions, findings, rules, advice, sources.")
app.add_typer(kb_app, name="kb")


class Kind(StrEnum):
    conditions = "conditions"
    findings = "findings"
    rules = "rules"
    advice = "advice"
    sources = "sources"


def _entries(kb: KnowledgeBase, kind: Kind) -> list[BaseModel]:
    groups: dict[Kind, list[BaseModel]] = {
        Kind.conditions: list(kb.conditions.values()),
        Kind.findings: list(kb.findings.values()),
        Kind.rules: list(kb.rules),
        Kind.advice: list(kb.advice),
        Kind.sources: list(kb.sources.values()),
    }
    return groups[kind]


def _summary(entry: BaseModel) -> str:
    for attribute in ("name", "title", "label"):
        value = getattr(entry, attribute, None)
        if isinstance(value, str):
            return value
    return ""


def _load() -> KnowledgeBase:
    try:
        return load_knowledge()
    except KneewiseError as error:
        fail(error)


#: Columns kept free for the YAML's indent and the word that crosses PyYAML's width.
YAML_MARGIN = 24


@kb_app.command("check")
def check() -> None:
    """Validate every file and entry; report counts."""
    kb = _load()
    TerminalConsole(highlight=False).print(
        f"knowledge base OK: {len(kb.conditions)} conditions, {len(kb.findings)} findings, "
        f"{len(kb.rules)} rules, {len(kb.advice)} advice cards, {len(kb.sources)} sources, "
        f"{len(kb.questions)} questions"
    )


@kb_app.command("list")
def list_entries(kind: Annotated[Kind, typer.Argument(help="What to list.")]) -> None:
    """List the entries of one kind with their ids."""
    kb = _load()
    table = Table("id", "entry", expand=True)
    extra = {"conditions": "ICD-10", "rules": "level", "advice": "category", "sources": "year"}
    if kind.value in extra:
        table.add_column(extra[kind.value], no_wrap=True)
    for entry in _entries(kb, kind):
        row = [str(getattr(entry, "id", "")), _summary(entry)]
        if kind is Kind.conditions:
            row.append(", ".join(getattr(entry, "icd10", [])))
        elif kind.value in extra:
            row.append(str(getattr(entry, extra[kind.value].lower(), "")))
        table.add_row(*row)
    Console().print(table)


@kb_app.command("show")
def show(entry_id: Annotated[str, typer.Argument(help="The id of any entry.")]) -> None:
    """Show one entry in full, as YAML."""
    kb = _load()
    for kind in Kind:
        for entry in _entries(kb, kind):
            if getattr(entry, "id", None) == entry_id:
                data = entry.model_dump(mode="json", by_alias=True, exclude_defaults=True)
                typer.echo(f"# {kind.value[:-1] if kind is not Kind.advice else 'advice'}")
                # Why: PyYAML's width is where it starts looking for a break, not a limit;
                # a margin for the indent and one word keeps the lines within the terminal.
                fold = max(40, TerminalConsole().width - YAML_MARGIN)
                typer.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=fold))
                return
    fail(f"no entry with id {entry_id!r}; `kneewise kb list KIND` shows the ids")


@kb_app.command("audit")
def audit_numbers(
    entry_id: Annotated[
        str | None,
        typer.Argument(help="A condition or finding id: list each of its numbers and its source."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the audit as JSON.")] = False,
    without_study: Annotated[
        bool,
        typer.Option(
            "--without-study", help="Also list, per condition, the numbers no study is behind."
        ),
    ] = False,
) -> None:
    """How many numbers rest on a study: per condition, measured, converted, estimated.

    An estimate without a source has no study behind it. docs/knowledge-base.md
    explains each basis and how to change a number.
    """
    kb = _load()
    if entry_id is not None:
        numbers = numbers_of(kb, entry_id)
        if numbers is None:
            fail(f"no condition or finding with id {entry_id!r}; `kneewise kb list conditions` "
                 "and `kneewise kb list findings` show the ids")  # fmt: skip
        if as_json:
            typer.echo(json.dumps([n.model_dump() for n in numbers], indent=2, ensure_ascii=False))
        else:
            _print_numbers(entry_id, numbers)
        return
    report = audit(kb)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        _print_audit(report, without_study=without_study)


def _share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else "0"


AUDIT_ROW = "{:<27}{:>8}{:>9}{:>10}{:>11}{:>11}"


def _print_audit(report: KnowledgeAudit, *, without_study: bool = False) -> None:
    # Plain aligned columns: a bordered table truncates the ids in an 80-column terminal.
    typer.echo("Where the numbers come from (an estimate without a source has no study behind it)")
    typer.echo("")
    typer.echo(AUDIT_ROW.format("id", "numbers", "measured", "converted", "estimates", "no study"))
    for row in [*report.conditions, report.findings]:
        typer.echo(
            AUDIT_ROW.format(
                row.id, row.numbers, row.measured, row.converted,
                _share(row.estimates, row.numbers), _share(len(row.without_a_study), row.numbers),
            )
        )  # fmt: skip
    total = report.total
    typer.echo("")
    typer.echo(
        f"The whole knowledge base: {total.numbers} numbers; {total.measured} measured, "
        f"{total.converted} converted, {_share(total.estimates, total.numbers)} estimates, "
        f"{_share(len(total.without_a_study), total.numbers)} without a study behind them."
    )
    if without_study:
        for row in [*report.conditions, report.findings]:
            if row.without_a_study:
                typer.echo(f"\n{row.id}, without a study behind them:")
                typer.echo("\n".join(f"  {what}" for what in row.without_a_study))
    typer.echo("`kneewise kb audit ID` lists one entry's numbers with their sources.")


def _print_numbers(entry_id: str, numbers: list[NumberProvenance]) -> None:
    unsupported = sum(n.basis == "estimate" and n.source is None for n in numbers)
    typer.echo(f"{entry_id}: {len(numbers)} numbers, {unsupported} without a study behind them")
    for n in numbers:
        basis = f"converted from {n.converted_from}" if n.converted_from else n.basis
        if n.basis == "estimate" and n.source is None:
            basis = "estimate, no study behind it"
        source = f", {n.source}" if n.source else ""
        typer.echo(f"\n{n.what} = {n.value:g}\n  {basis}{source}")
        if n.note:
            typer.echo(f"  {n.note}")
