"""The command line through typer's CliRunner: exit codes, formats, one-line errors."""

import csv
import io
import json

import pytest
import typer
from typer.testing import CliRunner

from stance import __version__
from stance.cli import app

from conftest import SEEDS

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def commands():
    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"stance {__version__}"


def test_help_lists_every_command():
    r = run("--help")
    assert r.exit_code == 0
    for name in commands():
        assert name in r.stdout


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_text(name):
    r = run(name, "--help")
    assert r.exit_code == 0
    group = typer.main.get_command(app)
    assert group.commands[name].help and len(group.commands[name].help) > 40


@pytest.mark.parametrize("name", commands())
def test_every_command_is_documented_in_the_readme(name):
    from conftest import ROOT

    assert f"stance {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_sentences_jsonl_points_into_the_original_text():
    r = run("sentences", str(SEEDS), "--format", "jsonl")
    assert r.exit_code == 0
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert {rec["doc_id"] for rec in records} == {p.stem for p in SEEDS.glob("*.txt")}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for rec in records:
        assert set(rec) == {"doc_id", "source", "sentence", "start", "end", "text"}
        assert texts[rec["doc_id"]][rec["start"]:rec["end"]] == rec["text"]
    assert "5 documents read: 5 analysed, 0 rejected" in r.stderr


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "jsonl"])
def test_every_format_carries_the_same_rows(fmt):
    r = run("sentences", str(SEEDS / "000_7d434dea3a0648c7.txt"), "--format", fmt)
    assert r.exit_code == 0
    out = r.stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == 15 and rows[0]["sentence"] == "0"
    elif fmt == "jsonl":
        assert len(out.splitlines()) == 15
    else:
        assert "وأكدت وزارة الدفاع الأمريكية" in out and "doc_id" in out


def test_keep_boilerplate_keeps_the_credit_line():
    path = str(SEEDS / "000_7d434dea3a0648c7.txt")
    kept = run("sentences", path, "--keep-boilerplate", "-f", "jsonl").stdout
    cleaned = run("sentences", path, "-f", "jsonl").stdout
    assert "المصدر: وكالات" in kept and "المصدر: وكالات" not in cleaned


def test_clean_reports_what_was_removed_per_document():
    r = run("clean", str(SEEDS), "--format", "jsonl")
    assert r.exit_code == 0
    kinds = {(json.loads(l)["doc_id"][:3], json.loads(l)["kind"]) for l in r.stdout.splitlines()}
    assert ("000", "source_credit") in kinds and ("003", "appended_article") in kinds


def test_stdin_jsonl_with_a_bad_line_lists_the_rejection():
    data = '{"id": "a", "source": "x", "text": "قال المتحدث إن الاتفاق نافذ."}\nnot json\n'
    r = run("sentences", "-", "-f", "jsonl", input=data)
    assert r.exit_code == 0
    assert json.loads(r.stdout.splitlines()[0])["doc_id"] == "a"
    assert "rejected stdin:2 (<stdin>:2): invalid JSON" in r.stderr
    assert "2 documents read: 1 analysed, 1 rejected" in r.stderr


def _one_line_error(r, *fragments):
    assert r.exit_code == 2
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("stance: error: ")
    assert "Traceback" not in r.output
    for f in fragments:
        assert f in lines[0]


def test_missing_path_is_one_line_and_exit_2(tmp_path):
    _one_line_error(run("sentences", str(tmp_path / "nope")), "nope")


def test_unknown_format_is_one_line_and_exit_2():
    _one_line_error(run("sentences", str(SEEDS), "--format", "xml"), "xml", "jsonl")


def test_unknown_encoding_is_one_line_and_exit_2():
    _one_line_error(run("sentences", str(SEEDS), "--encoding", "klingon"), "klingon")


def test_unsupported_input_is_one_line_and_exit_2(tmp_path):
    p = tmp_path / "paper.pdf"
    p.write_bytes(b"%PDF-1.4")
    _one_line_error(run("sentences", str(p)), "paper.pdf", ".pdf")


def test_broken_lexicon_is_one_line_and_exit_2(tmp_path):
    import shutil

    from stance.lexicon import default_lexicon_dir

    lex = tmp_path / "lex"
    shutil.copytree(default_lexicon_dir(), lex)
    with open(lex / "clitics.tsv", "a", encoding="utf-8") as f:
        f.write("و\tproclitic\tany\tconjunction\tand\tduplicate\n")
    _one_line_error(run("sentences", str(SEEDS), "--lexicons", str(lex)), "clitics.tsv:", "duplicate")


def test_missing_argument_is_one_line_and_exit_2():
    _one_line_error(run("sentences"), "PATH")


ATTRIBUTION_KEYS = {"doc_id", "source", "sentence", "start", "end", "cue", "lemma", "cue_class", "stance",
                    "negated", "hedged", "hedges", "speaker", "party", "content"}
FRAMING_KEYS = {"doc_id", "source", "sentence", "start", "end", "term", "frame", "role", "party", "valence", "rule"}


@pytest.mark.parametrize("command, keys, text_key", [("attributions", ATTRIBUTION_KEYS, "cue"),
                                                      ("framing", FRAMING_KEYS, "term")])
def test_jsonl_records_keep_their_public_keys(command, keys, text_key):
    r = run(command, str(SEEDS), "--format", "jsonl")
    assert r.exit_code == 0, r.output
    originals = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert rows and all(keys <= set(row) for row in rows)
    assert all(originals[row["doc_id"]][row["start"]:row["end"]] == row[text_key] for row in rows)


@pytest.mark.parametrize("report, keys", [("profile", {"source", "party", "n", "valence", "low", "high"}),
                                          ("naming", {"referent", "source", "name", "count", "terms"})])
def test_framing_reports(report, keys):
    r = run("framing", str(SEEDS), "--report", report, "--format", "jsonl")
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert rows and all(keys <= set(row) for row in rows)
