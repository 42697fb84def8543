"""Exceptions kneewise raises on purpose.

    KneewiseError                 anything kneewise reports to a person
    ├── IntakeError               an intake breaks the v1 contract (one problem per field)
    ├── KnowledgeError            a knowledge-base file or entry is broken (names both)
    ├── VignetteError             a vignette file is broken (names file and vignette)
    ├── NarrativeError            a parser narratives file is broken
    ├── AnalyticsError            a frame given to the analytics lacks a column or has bad values
    ├── QuestionnaireError        questionnaire answers break the instrument's scoring rules
    ├── ReportError               a doctor's report, FHIR bundle or CDS card cannot be made
    │   └── CdsRequestError       a CDS Hooks request lacks a required field (a 400, not a 500)
    ├── AccountError              an account, sign-in, token or share cannot do what was asked
    │   └── PasswordRefused       a new password breaks the rules (says which)
    ├── SettingsError             a KNEEWISE_* setting is not allowed (names it and what is)
    └── DiaryError                the diary cannot do what was asked
        ├── RecordError           a diary record breaks its rules (one problem per field)
        ├── ImportFileError       an import file has bad rows (all-or-nothing; lists lines)
        ├── StoppedByWarning      a warning sign stopped the programme (says which, and what to do)
        └── StorageError          the database cannot be reached or migrated
            └── OwnershipError    a person's records reached without their owner (a bug)

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


class NarrativeError(KneewiseError):
    """A parser narratives file that cannot be read."""


class DiaryError(KneewiseError):
    """The diary cannot do what was asked."""


class RecordError(DiaryError):
    """A diary record (session, pain entry, profile) with invalid fields.

    `problems` holds one message per faulty field, each naming what is allowed.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class RowProblem:
    """One bad row of an import file: where it is (line or item) and what is wrong."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportFileError(DiaryError):
    """An import file with bad rows; nothing from it was saved.

    `problems` lists every bad row found (empty when the file as a whole is unreadable).
    """

    def __init__(self, message: str, problems: list[RowProblem] | None = None) -> None:
        self.problems = problems or []
        super().__init__(message)


class StoppedByWarning(DiaryError):
    """The programme was stopped by a warning sign; the message is the stop's sentence."""


class StorageError(DiaryError):
    """The database cannot be reached, created or migrated."""


class OwnershipError(StorageError):
    """A person's records were reached without saying whose, or given to another (a bug)."""


class AccountError(KneewiseError, ValueError):
    """An account, sign-in, access token or share that cannot do what was asked."""


class PasswordRefused(AccountError):
    """A new password that breaks the rules; the message says which and what is allowed."""


class SettingsError(KneewiseError, ValueError):
    """A `KNEEWISE_*` setting with a value that is not allowed.

    The message is one plain line per setting: its variable name and what is
    allowed (never pydantic's "Value error," prefix, never the value itself,
    which may hold a password).
    """


class AnalyticsError(KneewiseError, ValueError):
    """A frame given to the analytics lacks a column or holds a value out of range."""


class QuestionnaireError(KneewiseError, ValueError):
    """Questionnaire answers that the instrument's scoring rules do not allow."""


class ReportError(KneewiseError, ValueError):
    """A doctor's report, FHIR bundle or CDS card that cannot be made (bad range, no data)."""


class CdsRequestError(ReportError):
    """A CDS Hooks request that lacks a required field or names another hook."""
