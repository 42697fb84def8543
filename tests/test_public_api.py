"""The public API is exactly what __all__ lists, and each name resolves."""

import kneewise

EXPECTED = {
    "INTAKE_FIELDS", "Assessment", "DiaryError", "Evidence", "ImportFileError", "Intake",
    "IntakeError", "IntakeProblem", "KneewiseError", "KnowledgeBase", "KnowledgeError",
    "ParsedIntake", "RankedCondition", "StorageError", "Triage", "TriageLevel", "VignetteError",
    "__version__", "assess", "load_knowledge", "next_step", "parse", "parse_intake",
    "parse_intake_json",
}  # fmt: skip


def test_exports_do_not_drift() -> None:
    assert set(kneewise.__all__) == EXPECTED


def test_every_export_resolves() -> None:
    for name in kneewise.__all__:
        assert getattr(kneewise, name) is not None, name


def test_errors_share_one_base() -> None:
    for name in ("IntakeError", "KnowledgeError", "VignetteError", "DiaryError"):
        assert issubclass(getattr(kneewise, name), kneewise.KneewiseError)


def _subclasses(base: type) -> set[type]:
    found = set(base.__subclasses__())
    return found | {sub for cls in found for sub in _subclasses(cls)}


def test_every_error_is_drawn_in_the_hierarchy() -> None:
    import importlib
    import pkgutil

    import kneewise._errors as errors

    for module in pkgutil.walk_packages(kneewise.__path__, "kneewise."):
        if ".migrations" not in module.name:  # Alembic scripts run only under Alembic
            importlib.import_module(module.name)
    for error in _subclasses(kneewise.KneewiseError):
        assert error.__module__ == "kneewise._errors", error
        assert f" {error.__name__} " in (errors.__doc__ or ""), error
