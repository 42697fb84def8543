"""`kneewise kb`: check, list and show knowledge-base entries."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
import yaml
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from kneewise._errors import KneewiseError
from kneewise.cli._app import app
from kneewise.cli._errors import fail
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


@kb_app.command("check")
def check() -> None:
    """Validate every file and entry; report counts."""
    kb = _load()
    typer.echo(
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
                typer.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
                return
    fail(f"no entry with id {entry_id!r}; `kneewise kb list KIND` shows the ids")
