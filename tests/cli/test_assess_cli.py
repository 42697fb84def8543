"""`kneewise assess`, `kb` and `eval` run in-process, as a person would use them."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise import load_knowledge
from kneewise.cli import app
from kneewise.language import parse

KB = load_knowledge()

ROOT = Path(__file__).resolve().parents[2]
ACL = ROOT / "examples" / "acl.json"
runner = CliRunner()


def test_assess_json_from_file() -> None:
    result = runner.invoke(app, ["assess", "--intake", str(ACL), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["schema"] == "kneewise.assessment/1"
    assert answer["triage"]["level"] in {"see_doctor", "urgent"}
    assert answer["triage"]["headline"]
    assert "S83.5" in [code for c in answer["conditions"][:3] for code in c["icd10"]]
    first = answer["conditions"][0]
    assert {"id", "name", "icd10", "probability", "for", "against"} <= set(first)
    assert 0 <= first["probability"] <= 1
    assert all(card["sources"] for card in answer["advice"])


def test_assess_reads_stdin() -> None:
    result = runner.invoke(app, ["assess", "-i", "-", "--json"], input=ACL.read_text())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "kneewise.assessment/1"


def test_same_intake_same_answer() -> None:
    first = runner.invoke(app, ["assess", "-i", str(ACL), "--json"]).stdout
    assert first == runner.invoke(app, ["assess", "-i", str(ACL), "--json"]).stdout


def test_human_output_fits_80_columns() -> None:
    result = runner.invoke(app, ["assess", "-i", str(ACL), "--full"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "What is probably going on" in result.stdout
    assert "Sources" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


@pytest.mark.parametrize(
    ("intake", "expected"),
    [
        ('{"age": "30"}', ["age: got \"30\", allowed: a whole number from 0 to 100"]),
        ('{"colour": 1}', ["unknown field 'colour'"]),
        ('{"swelling": "huge", "pain_now": 11}',
         ["swelling: got \"huge\", allowed: one of: none, within_2h",
          "pain_now: got 11, allowed: a whole number from 0 to 10"]),
        ('{"location": ["elbow"]}', ["location[0]: got \"elbow\""]),
        ("[1, 2]", ["expected an object, got list"]),
        ("{not json", ["not valid JSON at line 1, column 2"]),
        ('{"age": 30, "pain_now": 3, "age": 70}', ['"age" is given more than once']),
        ('{"schema": "kneewise.intake/2", "swelling": "none", "swelling": "within_2h"}',
         ['"swelling" is given more than once']),
        ('{"pain_now": NaN}', ["pain_now: must be a number; NaN is not one"]),
    ],
)  # fmt: skip
def test_bad_intake_gets_one_message_per_problem(intake: str, expected: list[str]) -> None:
    result = runner.invoke(app, ["assess", "-i", "-", "--json"], input=intake)
    assert result.exit_code == 2
    for message in expected:
        assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_file_that_is_not_text_is_a_clear_error(tmp_path: Path) -> None:
    picture = tmp_path / "knee.json"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x00")
    result = runner.invoke(app, ["assess", "-i", str(picture)])
    assert result.exit_code == 2
    assert "is not text (UTF-8); an intake is a short JSON object" in " ".join(
        result.stderr.split()
    )
    assert "codec" not in result.stderr and "Traceback" not in result.output


def test_an_empty_file_a_folder_and_a_byte_order_mark(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["assess", "-i", str(empty)])
    assert result.exit_code == 2 and "the intake is empty" in result.stderr
    result = runner.invoke(app, ["assess", "-i", str(tmp_path)])
    assert result.exit_code == 2 and "it is a folder, not a file" in " ".join(result.stderr.split())
    marked = tmp_path / "marked.json"  # some editors write a byte-order mark first
    marked.write_bytes(b"\xef\xbb\xbf" + json.dumps({"age": 30}).encode())
    result = runner.invoke(app, ["assess", "-i", str(marked), "--json"])
    assert result.exit_code == 0, result.output
    assert "Errno" not in result.output


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "-i", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "cannot read intake file" in result.stderr


def test_conversation_reads_words_then_asks_what_is_missing() -> None:
    words = "24F, my knee hurts at the front after running, worse on stairs"
    # Accept what was read, give an answer out of range, then "none" and "don't know" to the rest.
    replies = ["", "99", "none"] + ["?"] * 40
    result = runner.invoke(app, ["assess"], input="\n".join([words, *replies]) + "\n")
    assert result.exit_code == 0, result.output
    assert "what kneewise understood" in result.stdout
    assert "“24F”" in result.stdout
    assert "type numbers from 1 to" in result.stdout
    assert "question screens; stopped because" in result.stdout
    assert "What is probably going on" in result.stdout


def line_of(words: str, field: str) -> str:
    """The number of a field's line in "what kneewise understood", as the parser orders it."""
    return str(list(parse(words, KB).values()).index(field) + 1)


def test_conversation_lets_the_person_correct_a_line_in_plain_words() -> None:
    words = "twisted my knee and it swelled up over a few days, no fever"
    fever, swelling = line_of(words, "fever"), line_of(words, "swelling")
    replies = ["9", fever, "maybe", "y", swelling, "2", ""] + ["?"] * 40
    result = runner.invoke(app, ["assess", "--text", words], input="\n".join(replies) + "\n",
                           env={"COLUMNS": "100"})  # fmt: skip
    assert result.exit_code == 0, result.output
    out = re.sub(r"[ \t]+", " ", result.stdout)  # table cells padded to their width
    assert "How long it has hurt │ 3 days" in out
    assert "When the swelling started │ Slowly, over days" in out
    assert "Type a number from 1 to 5, or press Enter." in out
    assert "That is not an answer to this question: type y / n." in out
    assert "Now: Fever: yes" in out
    assert "2. Within 2 hours" in out
    assert "Now: When the swelling started: Within 2 hours" in out
    assert "EMERGENCY" in out  # a fever with a swollen knee
    for code in ("within_2h", "duration_days", "['", "fever=", "drop "):
        assert code not in out


def test_text_json_answers_from_the_words_alone() -> None:
    words = "my knee popped and blew up within an hour, no fever, it gives way"
    result = runner.invoke(app, ["assess", "--text", words, "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["triage"]["level"] == "urgent"
    assert "S83.5" in [code for c in answer["conditions"][:3] for code in c["icd10"]]


def test_intake_and_text_together_is_an_error() -> None:
    result = runner.invoke(app, ["assess", "--text", "sore", "--intake", str(ACL)])
    assert result.exit_code == 2
    assert "either --intake or --text" in result.stderr


def test_kb_check_list_and_show() -> None:
    check = runner.invoke(app, ["kb", "check"])
    assert check.exit_code == 0
    assert "knowledge base OK" in check.stdout
    listing = runner.invoke(app, ["kb", "list", "conditions"], env={"COLUMNS": "200"})
    assert "acl_tear" in listing.stdout
    shown = runner.invoke(app, ["kb", "show", "acl_tear"])
    assert "S83.5" in shown.stdout
    missing = runner.invoke(app, ["kb", "show", "no_such_thing"])
    assert missing.exit_code == 2


def test_eval_prints_the_figures() -> None:
    result = runner.invoke(app, ["eval", "--vignettes", str(ROOT / "tests" / "vignettes")])
    assert result.exit_code == 0, result.output
    for measure in ("triage accuracy", "under-triage", "over-triage", "top-1", "top-3"):
        assert measure in result.stdout


def test_eval_interview_and_text_report_their_figures() -> None:
    result = runner.invoke(app, ["eval", "--interview", "--text"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "screens before the first result (median)" in result.stdout
    assert "text, then interview" in result.stdout
    assert "from text alone" in result.stdout
    assert "negated or unsaid red flags read as present: 0" in result.stdout


def test_eval_with_a_missing_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--vignettes", str(tmp_path)])
    assert result.exit_code == 2
    assert "no vignette files" in result.stderr


def test_save_keeps_the_assessment_in_the_diary(tmp_path: Path) -> None:
    from kneewise.diary import open_diary
    from kneewise.report import latest_assessment

    env = {"KNEEWISE_DATA_DIR": str(tmp_path), "KNEEWISE_DATABASE_URL": ""}
    result = runner.invoke(app, ["assess", "-i", str(ACL), "--save"], env=env)
    assert result.exit_code == 0, result.output
    assert "Saved in your diary as assessment 1" in result.stdout
    diary = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    saved = latest_assessment(diary)
    assert saved is not None
