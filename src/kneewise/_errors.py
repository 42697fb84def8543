"""Exceptions kneewise raises on purpose.

    KneewiseError                 anything kneewise reports to a person
    ├── IntakeError               an intake breaks the v1 contract (one problem per field)
    ├── KnowledgeError            a knowledge-base file or entry is broken (names both)
    ├── VignetteError             a vignette file is broken (names file and vignette)
    └── DiaryError                the diary cannot do what was asked
        ├── ImportFileError       an import file has bad rows (all-or-nothing; lists lines)
        └── StorageError          the database cannot be reached or migrated

The CLI turns each into a plain message and exit code 2; none reaches a
person as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class KneewiseError(Exception):
    """Base of every error kneewise reports to a person."""


@dataclass(frozen=True)
class IntakeProblem:
    """One thing wrong with an intake: the field and what is allowed."""

    field: str
    message: str


class IntakeError(KneewiseError):
    """An intake that breaks the v1 contract; `problems` lists every fault."""

    def __init__(self, problems: list[IntakeProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


class KnowledgeError(KneewiseError):
    """A broken knowledge-base file or entry."""


class VignetteError(KneewiseError):
    """A broken vignette file."""


class DiaryError(KneewiseError):
    """The diary cannot do what was asked."""


class ImportFileError(DiaryError):
    """An import file with bad rows; nothing from it was saved."""


class StorageError(DiaryError):
    """The database cannot be reached, created or migrated."""
