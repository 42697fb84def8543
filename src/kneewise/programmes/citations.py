"""Where each number of a programme is in its source, in plain words for screens and reports.

A dose, pain limit or criterion cites passages (`source_id/passage_id`,
`kneewise.programmes.model.Passage`). `citations` turns them into
`Citation`s: the source's short name, where in it, what it says, and how
kneewise checked it, so every screen says when a figure was read only in
someone else's report of the paper, or not found at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kneewise.programmes.model import Checked, Library, Programme

#: How each way of checking reads on a screen; a figure read in its source needs no words.
CHECKED_WORDS: dict[Checked, str] = {
    "read": "",
    "second_hand": "read only in another publication's report of it",
    "not_verified": "not confirmed in the source",
}


@dataclass(frozen=True)
class Citation:
    """One cited passage: `short` ('Rio 2015'), `where` in it, what it `says`, how `checked`."""

    short: str
    where: str
    says: str
    checked: Checked
    found: str

    def line(self) -> str:
        """`Rio 2015, Methods …: what it says.` and, when not read there, how it was checked."""
        text = f"{self.short}, {self.where}: {self.says}"
        if self.checked != "read":
            text += f" ({CHECKED_WORDS[self.checked]}: {self.found})"
        return text


def labels(cited: Iterable[Citation]) -> list[str]:
    """One label per source, in order: `Rio 2015`, `Rio 2015 (read second-hand)`, `(not confirmed)`.

    When only some of a source's cited passages were read there, the label says
    `partly`: nothing claims a figure was read in a paper when it was not.
    """
    by_source: dict[str, set[Checked]] = {}
    for citation in cited:
        by_source.setdefault(citation.short, set()).add(citation.checked)
    shown: list[str] = []
    for short, checked in by_source.items():
        worst = "not_verified" if "not_verified" in checked else next(iter(checked - {"read"}), "")
        if not worst:
            shown.append(short)
            continue
        words = {"second_hand": "read second-hand", "not_verified": "not confirmed"}[worst]
        partly = "partly " if len(checked) > 1 else ""
        shown.append(f"{short} ({partly}{words})")
    return shown


def citations(library: Library, refs: Iterable[str]) -> list[Citation]:
    """The passages `refs` name, each once, in order; unknown ones are skipped.

    The loader has already refused data whose references do not resolve, so
    nothing is skipped for the packaged library.
    """
    found: list[Citation] = []
    for ref in dict.fromkeys(refs):
        source_id, _, passage_id = ref.partition("/")
        source = library.sources.get(source_id)
        passage = source.passage(passage_id) if source is not None else None
        if source is None or passage is None:
            continue
        found.append(
            Citation(source.short(), passage.where, passage.says, passage.checked, passage.found)
        )
    return found


def programme_refs(programme: Programme) -> list[str]:
    """Every passage a programme cites, in the order a reader meets them, each once."""
    refs = [*programme.pain_limit.cites]
    for stage in programme.stages:
        for dose in stage.doses:
            refs.extend(dose.cites)
        refs.extend(stage.move_on.cites)
    if programme.diagnosis_first is not None:
        refs.extend(programme.diagnosis_first.cites)
    return list(dict.fromkeys(refs))
