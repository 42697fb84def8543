"""Every command in docs/cli.md, run as a person would: no Python reprs, no stored names.

Each documented command has a run below (a new command without one fails
`test_every_documented_command_is_run`). The runs share one fresh diary, in
order. What a person reads must never show a Python list (`['running']`), a
dict, or a stored name (`duration_days`, `within_2h`); the knowledge-base and
evaluation tools, whose content is ids, and `--help` pages, which list the
values an option takes, are checked for reprs only. Every run is at
COLUMNS=80: no line may be longer, and no page may show a Python type name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.questionnaires import INSTRUMENTS, load

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTED = re.findall(r"^## `kneewise ([^`]+)`", (ROOT / "docs" / "cli.md").read_text(), re.M)
REPR = re.compile(r"\[['\"]|\{['\"]|\bNone\b|\bTrue\b|\bFalse\b")
STORED_NAME = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
COLUMNS = 80  # a real terminal's width (issue 14): no line may run past it
PYTHON_TYPE = re.compile(r"<(?:bool|int|float|str|list\[\w+\]|path|Path)>")
# What is typed is not echoed in this capture, so a prompt and what follows its
# answer share a line here; in a terminal the answer and Enter end it. A prompt
# ends with ": " (rich's prompts), so for typed runs lines are cut there.
ANSWERED_PROMPT = re.compile(r"(?<=\S: )")
HELP_ONLY = {"serve"}  # serves until stopped
IDS_ARE_CONTENT = ("kb", "eval")


def answers_for(command: str) -> str:
    """Typed answers for a questionnaire: the first allowed answer to each item, in order."""
    instrument = load(INSTRUMENTS[command])
    typed: list[str] = []
    groups: dict[str, list[str]] = {}
    for item in instrument.items:
        if item.group:
            groups.setdefault(item.group, []).append(item.number)
            continue
        if item.named:
            if typed and len(typed) // 2 >= (instrument.min_answered or 1):
                typed.append("")  # no more activities
                break
            typed.append(f"activity {item.number}")
        typed.append(str(item.answers[0]))
    for numbers in groups.values():
        first = next(i for i in instrument.items if i.number == numbers[0])
        typed += [numbers[0], str(first.answers[0])]
    return "\n".join(typed) + "\n"


def runs(tmp: Path) -> dict[str, tuple[list[str], str]]:
    """Each documented command: its arguments and what is typed, in the order they run."""
    acl, diary_csv = (
        str(ROOT / "examples" / "acl.json"),
        str(ROOT / "examples" / "diary" / "diary.csv"),
    )
    table: dict[str, tuple[list[str], str]] = {
        "profile set": (["profile", "set", "--age", "30", "--sport", "running", "--sport",
                         "football", "--knee", "left"], ""),
        "profile show": (["profile", "show"], ""),
        "log session": (["log", "session", "-a", "running", "-d", "45", "-r", "6"], ""),
        "log pain": (["log", "pain", "--during", "3", "--after", "4", "--morning", "2",
                      "--location", "front", "--location", "below_kneecap", "--swelling"], ""),
        "log list": (["log", "list"], ""),
        "log edit session": (["log", "edit", "session", "1", "--rpe", "7"], ""),
        "log edit pain": (["log", "edit", "pain", "1", "--during", "2"], ""),
        "import": (["import", diary_csv], ""),
        "status": (["status"], ""),
        "trends": (["trends"], ""),
        "assess": (["assess", "-i", acl, "--save"], ""),
        "assess, in own words": (["assess", "--text", "30, I run and play football; twisted my "
                                  "knee 2 days ago and it swelled up within an hour"],
                                 "\n" + "?\n" * 40),
        "assess --full": (["assess", "-i", acl, "--full"], ""),
        "report": (["report", "-o", str(tmp / "report.pdf")], ""),
        "fhir": (["fhir", "-o", str(tmp / "fhir.json")], ""),
        "export": (["export", "-o", str(tmp / "export.json")], ""),
        "kb check": (["kb", "check"], ""),
        "kb list": (["kb", "list", "conditions"], ""),
        "kb show": (["kb", "show", "acl_tear"], ""),
        "eval": (["eval"], ""),
        "delete": (["delete", "--session", "1", "--yes"], ""),
        "programme start": (["programme", "start", "itb-syndrome", "--cleared"], ""),
        "programme today": (["programme", "today"], ""),
        "programme calendar": (["programme", "calendar", "-o", str(tmp / "plan.ics")], ""),
        "programme stop": (["programme", "stop"], ""),
        "programme": (["programme", "start", "general-knee", "--cleared"], ""),
        "programme done": (["programme", "done", "--during", "2", "--met", "basics-easy"], ""),
        "programme status": (["programme", "status"], ""),
        "programme list": (["programme", "list"], ""),
        "programme show": (["programme", "show", "patellar-tendinopathy"], ""),
        "accounts add": (["accounts", "add", "ana", "--admin", "--password-stdin"],
                         "a long password\n"),
        "accounts": (["accounts", "add", "ben", "--password-stdin"], "another password\n"),
        "accounts invite": (["accounts", "invite"], ""),
        "accounts reset-password": (["accounts", "reset-password", "ana"], ""),
        "accounts list": (["accounts", "list"], ""),
        "accounts remove": (["accounts", "remove", "ben", "--yes"], ""),
    }  # fmt: skip
    for command in DOCUMENTED:
        words = command.split()
        if command.startswith("questionnaire ") and words[1] in INSTRUMENTS:
            table[command] = (words, answers_for(words[1]))
        elif command not in table:  # a group of commands, the audit tools, serve: their page
            table[command] = ([*words, "--help"], "")
    return table


def test_every_documented_command_is_run(tmp_path: Path) -> None:
    table = runs(tmp_path)
    assert set(DOCUMENTED) <= set(table)
    assert {c for c, (args, _) in table.items() if args[-1] == "--help"} <= {
        c for c in DOCUMENTED if c.split()[0] in ("kb", "log", "profile", "questionnaire")
        or c in HELP_ONLY or c.startswith("kb ") or c.startswith("log edit")
    }  # fmt: skip


def test_plain_and_within_80_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KNEEWISE_DATABASE_URL", "")
    runner = CliRunner()
    problems: list[str] = []
    for command, (args, typed) in runs(tmp_path).items():
        result = runner.invoke(app, args, input=typed, env={"COLUMNS": str(COLUMNS)})
        out = result.output
        if result.exit_code != 0 or "Traceback" in out:
            problems.append(f"{command}: exit {result.exit_code}: {out[-300:]}")
            continue
        problems += [
            f"{command}: {len(line)} characters: {line}"
            for piece in (ANSWERED_PROMPT.split(out) if typed else [out])
            for line in piece.splitlines()
            if len(line) > COLUMNS
        ]
        seen_types = PYTHON_TYPE.findall(out)
        if seen_types:
            problems.append(f"{command}: shows Python types {sorted(set(seen_types))}")
        seen = [m.group() for m in REPR.finditer(out)]
        if args[-1] != "--help" and not command.startswith(IDS_ARE_CONTENT):
            words = " ".join(w for w in out.split() if "/" not in w and "." not in w.strip(".,:;"))
            seen += STORED_NAME.findall(words)
        if seen:
            problems.append(f"{command}: shows {sorted(set(seen))}")
    assert not problems, "\n".join(problems)
