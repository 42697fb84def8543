"""The public API is exactly what __all__ lists, and each name resolves."""

import kneewise

EXPECTED = {
    "INTAKE_FIELDS", "Assessment", "DiaryError", "ImportFileError", "Intake", "IntakeError",
    "IntakeProblem", "KneewiseError", "KnowledgeBase", "KnowledgeError", "RankedCondition",
    "StorageError", "Triage", "TriageLevel", "VignetteError", "__version__", "assess",
    "load_knowledge", "parse_intake", "parse_intake_json",
}  # fmt: skip


def test_exports_do_not_drift() -> None:
    assert set(kneewise.__all__) == EXPECTED


def test_every_export_resolves() -> None:
    for name in kneewise.__all__:
        assert getattr(kneewise, name) is not None, name


def test_errors_share_one_base() -> None:
    for name in ("IntakeError", "KnowledgeError", "VignetteError", "DiaryError"):
        assert issubclass(getattr(kneewise, name), kneewise.KneewiseError)
