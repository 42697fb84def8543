"""The test run's one "today" (tests/_clock.py), and the rule that keeps it one.

A CI run that crossed midnight failed 13 tests because modules read the date
at import and the app read it half an hour later.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
import time_machine
from tests._clock import TODAY, held_on, held_start

TESTS = Path(__file__).resolve().parent
CLOCK_CALLS = {"today", "now", "utcnow", "time"}


def _reads_the_clock(node: ast.AST) -> bool:
    """`….today()`, `….now(…)`, `….utcnow()`, `time.time()` anywhere inside `node`."""
    return any(
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in CLOCK_CALLS
        and (call.func.attr != "time" or ast.unparse(call.func) == "time.time")
        for call in ast.walk(node)
    )


def _import_time_clock_reads(path: Path) -> list[int]:
    """Lines of module-level statements (run at import) that read the clock."""
    module = ast.parse(path.read_text(encoding="utf-8"))
    return [
        statement.lineno
        for statement in module.body
        if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and _reads_the_clock(statement)
    ]


def test_no_test_module_reads_the_clock_when_it_is_imported() -> None:
    offenders = {
        str(path.relative_to(TESTS)): lines
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != "_clock.py" and (lines := _import_time_clock_reads(path))
    }
    assert offenders == {}, "use TODAY from tests/_clock.py, or read the date inside the test"


def test_the_rule_sees_a_date_read_at_import(tmp_path: Path) -> None:
    module = tmp_path / "test_example.py"
    module.write_text(
        "import datetime as dt\nTODAY = dt.date.today().isoformat()\n"
        "def test_it():\n    assert dt.datetime.now()\n",
        encoding="utf-8",
    )
    assert _import_time_clock_reads(module) == [2]


@pytest.mark.parametrize(
    ("now", "day", "start"),
    [
        ("2026-11-30T23:40:00+00:00", "2026-11-30", None),  # the same day: the real clock
        ("2026-12-01T00:10:00+00:00", "2026-11-30", "2026-11-30T00:10:00+00:00"),
        ("2026-12-02T09:00:00+01:00", "2026-11-30", "2026-11-30T09:00:00+01:00"),
    ],
)
def test_only_the_date_moves_and_only_after_midnight(now: str, day: str, start: str | None) -> None:
    moved = held_start(dt.datetime.fromisoformat(now), dt.date.fromisoformat(day))
    assert moved == (None if start is None else dt.datetime.fromisoformat(start))


def test_a_test_that_starts_after_midnight_still_sees_the_run_s_day() -> None:
    after_midnight = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(0, 5)).astimezone()
    with time_machine.travel(after_midnight, tick=False):
        assert dt.date.today() == TODAY + dt.timedelta(days=1)
        with held_on(TODAY) as day:
            assert day == TODAY
            assert dt.date.today() == TODAY and dt.datetime.now().time() >= dt.time(0, 5)
        assert dt.date.today() == TODAY + dt.timedelta(days=1)


def test_the_today_fixture_is_the_run_s_day(today: dt.date) -> None:
    assert today == TODAY == dt.date.today()
