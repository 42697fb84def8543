"""`kneewise import FILE` and `kneewise export`: files in and out of the diary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from kneewise.cli._app import app
from kneewise.cli._errors import fail
from kneewise.cli.diary import console, open_or_fail, reported
from kneewise.cli.numbers import RPE

if TYPE_CHECKING:
    from kneewise.diary.storage import Diary

EXPORT_FORMATS = ("csv", "json")
# Below this many rows an import is over before a bar could help.
LARGE_FILE_ROWS = 1000


class ProgressBar:
    """A Rich progress bar (on stderr) that appears only for large files."""

    def __init__(self) -> None:
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._progress is None:
            if total < LARGE_FILE_ROWS:
                return
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage.capitalize(), total=total)
        self._progress.update(self._tasks[stage], completed=done, total=total)

    def stop(self) -> None:
        """Remove the bar from the terminal."""
        if self._progress is not None:
            self._progress.stop()


@app.command("import")
def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="A diary CSV, kneewise's JSON export or CSV export folder, Strava "
            "activities.csv, GPX or FIT."
        ),
    ],
    file_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="csv, json, strava, gpx or fit (default: detected)."),
    ] = None,
    rpe: Annotated[
        float | None,
        typer.Option("--rpe", parser=RPE, help="Session RPE (0-10) for sessions without one."),
    ] = None,
    activity: Annotated[
        str | None, typer.Option("--activity", help="Activity for GPX/FIT tracks without one.")
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz",
            help="Where you were, e.g. Europe/Berlin, for files that do not say (Strava's "
            "activities.csv, tracks without positions); dates are that place's local time.",
        ),
    ] = None,
) -> None:
    """Import a file, all or nothing: any bad row (reported by line) means nothing is saved."""
    # The file parsers (FIT, GPX, time zones) load only for an import.
    from kneewise.diary import FORMATS, ImportOptions, import_file

    if file_format is not None and file_format not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}; got {file_format!r}")
    diary = open_or_fail()
    bar = ProgressBar()
    with reported():
        try:
            options = ImportOptions(rpe, activity, tz)
            report = import_file(diary, file, file_format, options, bar)
        finally:
            bar.stop()
    updated = (
        f"{report.sessions_updated} session(s) already in the diary completed or corrected; "
        if report.sessions_updated
        else ""
    )
    console.print(
        f"Imported {file.name} ({report.format}): {report.sessions_added} session(s) and "
        f"{report.pain_entries_added} pain entr{'y' if report.pain_entries_added == 1 else 'ies'}"
        f" added; {updated}{report.duplicates} duplicate(s) skipped.",
        markup=False,
    )
    for note in report.notes:
        console.print(f"  - {note}", markup=False)


def _note_export(diary: Diary, file_format: str) -> None:
    from kneewise.accounts.audit import record_command

    what = "the diary as CSV files" if file_format == "csv" else "everything as a JSON file"
    record_command(
        diary, action="export", what=what, command=f"kneewise export --format {file_format}"
    )


def _may_replace(paths: list[Path], yes: bool) -> None:
    """Go on only if none of `paths` exists, `--yes` was given, or the person agrees."""
    there = [path for path in paths if path.exists()]
    if not there or yes:
        return
    if there[0].is_dir():
        fail(f"{there[0]} is a folder; give a file name with --out")
    folder = there[0].parent
    names = str(there[0]) if len(paths) == 1 else f"{', '.join(p.name for p in there)} in {folder}"
    if sys.stdin.isatty() and typer.confirm(f"Replace {names}?", default=False):
        return
    fail(f"there is already {names}; nothing was written. Give another --out, or add --yes "
         "to replace it")  # fmt: skip


@app.command("export")
def export_command(
    file_format: Annotated[str, typer.Option("--format", "-f", help="csv or json.")] = "json",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="JSON: a file (default: print it). CSV: a folder (default: kneewise-export-DATE).",
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Replace an earlier export there without asking.")
    ] = False,
) -> None:
    """Export everything in the diary: sessions, pain, profile, assessments, questionnaires."""
    from kneewise.diary import export_csv, export_json, get_profile
    from kneewise.diary.days import person_today
    from kneewise.diary.export import CSV_FILES

    if file_format not in EXPORT_FORMATS:
        fail(f"--format must be one of {', '.join(EXPORT_FORMATS)}; got {file_format!r}")
    # A name that says the other format would mislead whoever opens or imports the file.
    if out is not None and file_format == "json" and out.suffix.lower() == ".csv":
        fail(f"{out} ends in .csv but this export is JSON (the default). For CSV files give "
             "--format csv with a folder as --out; for JSON name the file .json")  # fmt: skip
    if out is not None and file_format == "csv" and out.suffix.lower() == ".json":
        fail(f"a CSV export is a folder of CSV files, not {out}; give a folder as --out, "
             "or leave out --format csv for one JSON file")  # fmt: skip
    diary = open_or_fail()
    folder = out
    if folder is None:
        with reported():  # the person's day (their profile's zone), not this computer's date
            folder = Path(f"kneewise-export-{person_today(get_profile(diary))}")
    if file_format == "csv":
        _may_replace([folder / name for name in CSV_FILES], yes)
    elif out is not None:
        _may_replace([out], yes)
    with reported():
        # Noted in the log of who saw the data before anything leaves (as the web app does).
        _note_export(diary, file_format)
        if file_format == "csv":
            written = export_csv(diary, folder)
            console.print(f"Exported to {folder}: " + ", ".join(p.name for p in written))
            return
        text = export_json(diary)
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror}")
    console.print(f"Exported to {out}.")
