"""Hostile and broken import files: gzip bombs, damaged FIT, unclosed quotes, fuzzing.

Each is refused with a plain "this file is not a valid ..." (exit 2 on the
command line), never a traceback, and nothing is saved.
"""

from __future__ import annotations

import gzip
import random
import struct
import time
import tracemalloc
from pathlib import Path

import fitparse
import gpxpy
import pytest
from fitparse.records import Crc
from typer.testing import CliRunner

from kneewise._errors import ImportFileError
from kneewise.cli import app
from kneewise.diary import Diary, count_records, import_file, importers, list_sessions, open_diary

EXAMPLES = Path(__file__).parents[2] / "examples" / "diary"
HEADER = "date,activity,duration_min,rpe,notes\n"
runner = CliRunner()


def bomb(tmp_path: Path, name: str, expanded_mb: int) -> Path:
    """A small .csv.gz that expands to `expanded_mb` MB: one 1 MB gzip member repeated."""
    block = (HEADER + "2024-05-01,running,45,6,easy\n" * 40_000)[: 1024 * 1024].encode()
    member = gzip.compress(block, compresslevel=9)
    path = tmp_path / name
    path.write_bytes(member * expanded_mb)
    return path


def test_a_gzip_bomb_is_refused_without_being_read_whole(diary: Diary, tmp_path: Path) -> None:
    path = bomb(tmp_path, "bomb.csv.gz", 1024)  # ~1 GiB once uncompressed
    assert path.stat().st_size < 16 * 1024 * 1024
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(ImportFileError, match=r"bomb.csv.gz expands to more than 50 MB"):
            import_file(diary, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 20
    # Reading stops one byte past the 50 MB limit: about 2x the limit at most, not 1 GiB.
    assert peak < 3 * importers.MAX_FILE_BYTES
    assert count_records(diary)["training_session"] == 0


def test_the_limit_applies_to_plain_files_and_is_named(
    diary: Diary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 1024 * 1024)
    big = tmp_path / "big.csv"
    big.write_text(HEADER + "2024-05-01,running,45,6,x\n" * 60_000)
    with pytest.raises(ImportFileError, match=r"big.csv is larger than 1 MB; .* up to 1 MB"):
        import_file(diary, big)
    with pytest.raises(ImportFileError, match=r"expands to more than 1 MB"):
        import_file(diary, bomb(tmp_path, "two.csv.gz", 2))


def test_a_gzip_file_under_the_limit_still_imports(diary: Diary, tmp_path: Path) -> None:
    path = tmp_path / "diary.csv.gz"
    path.write_bytes(gzip.compress((EXAMPLES / "diary.csv").read_bytes()))
    assert import_file(diary, path).added == 14


def test_the_cli_refuses_a_bomb_with_exit_code_2(cli_data_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(bomb(tmp_path, "bomb.csv.gz", 64))])
    assert result.exit_code == 2
    assert "expands to more than 50 MB" in result.stderr
    assert "Traceback" not in result.output


def fit_with_byte_25(value: int) -> bytes:
    """The example with the base type of the first uint32 field (0x86) in its first
    definition message replaced (byte 25 in the original hand-written file)."""
    data = bytearray((EXAMPLES / "run.fit").read_bytes())
    start = data[0]  # the header's size (12 or 14); then record header, reserved, arch, global
    bases = [start + 6 + 3 * number + 2 for number in range(data[start + 5])]
    index = next(at for at in bases if data[at] == 0x86)
    data[index] = value
    return bytes(data)


def test_a_fit_file_that_crashes_fitparse_is_not_a_valid_fit_file(
    diary: Diary, tmp_path: Path
) -> None:
    path = tmp_path / "run.fit"
    path.write_bytes(fit_with_byte_25(0x5B))  # fitparse raised TypeError here
    with pytest.raises(ImportFileError, match=r"^this file is not a valid FIT file \("):
        import_file(diary, path)


def test_the_cli_says_so_with_exit_code_2_and_no_traceback(
    cli_data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "run.fit"
    path.write_bytes(fit_with_byte_25(0x5B))
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2
    assert "this file is not a valid FIT file" in result.stderr
    assert "Traceback" not in result.output


def test_any_library_error_becomes_not_a_valid_file(
    diary: Diary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object) -> None:
        raise AttributeError("'NoneType' object has no attribute 'x'")

    for module, name, example, label in (
        (gpxpy, "parse", "run.gpx", "GPX"),
        (importers.strava, "numbered_csv_rows", "activities.csv", "Strava activities.csv"),
        (importers.diary_csv, "numbered_csv_rows", "diary.csv", "diary CSV"),
        (fitparse, "FitFile", "run.fit", "FIT"),
    ):
        with monkeypatch.context() as patch:
            patch.setattr(module, name, crash)
            with pytest.raises(ImportFileError) as refused:
                import_file(diary, EXAMPLES / example)
            assert str(refused.value) == (
                f"this file is not a valid {label} file ('NoneType' object has no attribute 'x')"
            )


UNCLOSED = (
    "date,activity,duration_min,rpe,notes\n"
    '2024-05-01,running,45,6,"tired legs\n'
    "2024-05-02,running,30,5,easy\n"
)


def test_an_unclosed_quote_is_refused_and_names_the_line(diary: Diary, tmp_path: Path) -> None:
    path = tmp_path / "diary.csv"
    path.write_text(UNCLOSED)
    with pytest.raises(ImportFileError, match=r"^line 2: a quoted cell .* never closes"):
        import_file(diary, path)
    assert count_records(diary)["training_session"] == 0


def test_text_after_a_closing_quote_is_refused(diary: Diary, tmp_path: Path) -> None:
    path = tmp_path / "diary.csv"
    path.write_text(
        "date,activity,duration_min,rpe,notes\n"
        '2024-05-01,running,45,6,"tired legs\n'
        '2024-05-02,running,30,5,"easy"\n'
    )
    with pytest.raises(ImportFileError, match=r"^line 3: text follows a closing quote; .* line 2"):
        import_file(diary, path)


def test_strava_csv_quoting_is_strict_too(diary: Diary, tmp_path: Path) -> None:
    text = (EXAMPLES / "activities.csv").read_text()
    header, first, *_ = text.splitlines()
    path = tmp_path / "activities.csv"
    path.write_text(f'{header}\n{first},"unclosed\n')
    with pytest.raises(ImportFileError, match=r"^line 2: a quoted cell"):
        import_file(diary, path)


def test_the_cli_refuses_an_unclosed_quote(cli_data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "diary.csv"
    path.write_text(UNCLOSED)
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2
    assert "line 2: a quoted cell" in result.stderr
    assert list_sessions(open_diary()) == []


def test_a_closed_multi_line_note_still_imports(diary: Diary, tmp_path: Path) -> None:
    path = tmp_path / "diary.csv"
    path.write_text(
        "date,activity,duration_min,rpe,notes\n"
        '2024-05-01,running,45,6,"tired legs\nsaid ""ouch"""\n'
        "2024-05-02,running,30,5,easy\n"
    )
    assert import_file(diary, path).sessions_added == 2
    assert list_sessions(diary)[0].notes == 'tired legs\nsaid "ouch"'


# A bounded, seeded mutation fuzz: every mutated copy imports or is refused cleanly.
FUZZ_SEED = 20261130
FUZZ_COPIES = 40  # per example file: 160 in all (plus gzip copies)


# Text files mostly get characters that mean something to CSV and XML parsers, so
# the mutants reach the parsers instead of stopping at "not UTF-8".
TEXT_BYTES = b"\",\n\r<>/=&;:-.0123456789aZ \t'\xff"
ANY_BYTE = bytes(range(256))


def mutate(data: bytes, rng: random.Random, alphabet: bytes = ANY_BYTE) -> bytes:
    copy = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(copy))
        roll = rng.random()
        if roll < 0.6:
            copy[at] = rng.choice(alphabet)
        elif roll < 0.8:
            del copy[at : at + rng.randint(1, 8)]
        else:
            copy[at:at] = bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
    return bytes(copy)


def with_fit_crc(data: bytes) -> bytes:
    """Mend the file CRC so the mutation reaches fitparse's decoding, not only its CRC check."""
    if len(data) < 16:
        return data
    body = data[:-2]
    return body + struct.pack("<H", Crc.calculate(body))


@pytest.mark.parametrize("name", ["run.fit", "run.gpx", "diary.csv", "activities.csv"])
def test_mutated_examples_import_or_are_refused_cleanly(
    diary: Diary, tmp_path: Path, name: str
) -> None:
    original = (EXAMPLES / name).read_bytes()
    rng = random.Random(f"{FUZZ_SEED}-{name}")
    outcomes = {"imported": 0, "refused": 0}
    for number in range(FUZZ_COPIES):
        data = mutate(original, rng, ANY_BYTE if name.endswith(".fit") else TEXT_BYTES)
        if name.endswith(".fit") and number % 2:
            data = with_fit_crc(data)
        if number % 8 == 0:
            data = mutate(gzip.compress(data), rng) if number % 16 else gzip.compress(data)
            path = tmp_path / f"{number}-{name}.gz"
        else:
            path = tmp_path / f"{number}-{name}"
        path.write_bytes(data)
        try:
            import_file(diary, path, options=importers.ImportOptions(rpe=5, activity="running"))
        except ImportFileError as exc:
            assert str(exc).strip(), f"copy {number} was refused without a reason"
            outcomes["refused"] += 1
        else:
            outcomes["imported"] += 1
    assert sum(outcomes.values()) == FUZZ_COPIES
    assert outcomes["refused"] > 0
