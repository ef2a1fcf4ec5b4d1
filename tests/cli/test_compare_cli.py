"""``stance compare``: formats, the JSON contract, one-line errors, UnifiedFC folders."""

import csv
import io
import json

from typer.testing import CliRunner

from stance.cli import app

from conftest import SEEDS

runner = CliRunner()
FAST = ["--resamples", "200", "--permutations", "199"]


def run(*args):
    return runner.invoke(app, list(args))


def test_json_has_the_contract_keys():
    r = run("compare", str(SEEDS), "--format", "json", *FAST)
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    for key in ("corpus", "sources", "credence", "reliability", "divergence", "syndication", "numbers", "tests"):
        assert key in d
    assert set(d["corpus"]) >= {"documents", "analysed", "rejected"}
    rel = d["reliability"]
    k = len(rel["sources"])
    assert set(rel) >= {"sources", "alpha", "n_shared", "overall"}
    assert len(rel["alpha"]) == k and all(len(row) == k for row in rel["alpha"])
    assert len(rel["n_shared"]) == k
    for cells in d["credence"].values():
        for cell in cells.values():
            assert set(cell) == {"mean", "low", "high", "n"}
    for pair in d["syndication"]:
        assert {"a", "b", "share"} <= set(pair)


def test_table_markdown_and_csv_carry_the_same_findings():
    table = run("compare", str(SEEDS), *FAST)
    assert table.exit_code == 0
    for title in ("Credence by source and party", "Reliability", "Numbers", "Syndication", "Tests"):
        assert title in table.stdout
    md = run("compare", str(SEEDS), "--format", "markdown", *FAST)
    assert "## Syndication" in md.stdout and "| wires-eg" in md.stdout
    rows = list(csv.DictReader(io.StringIO(run("compare", str(SEEDS), "--format", "csv", *FAST).stdout)))
    assert {"section", "a", "b", "key", "value", "low", "high", "n"} == set(rows[0])
    synd = [r for r in rows if r["section"] == "syndication"]
    assert [(r["a"], r["b"]) for r in synd] == [("wires-eg", "wires-gulf")]
    assert {r["section"] for r in rows} >= {"corpus", "credence", "reliability", "divergence", "numbers", "tests"}


def test_min_documents_leaves_sources_out_and_says_so():
    r = run("compare", str(SEEDS), "--format", "json", "--min-documents", "2", *FAST)
    d = json.loads(r.stdout)
    assert d["sources"] == [] and set(d["excluded_sources"]) == {"ajel", "alosboa", "outlet-004", "wires-eg",
                                                                 "wires-gulf"}


def test_errors_are_one_line_with_exit_code_2(tmp_path):
    for args in (["--min-documents", "0"], ["--similarity", "2"], ["--jobs", "-1"], ["--resamples", "5"]):
        r = run("compare", str(SEEDS), *args)
        assert r.exit_code == 2, args
        assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("stance: error:")
    r = run("compare", str(tmp_path / "missing"))
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_a_unifiedfc_folder_is_read_as_a_corpus(tmp_path):
    (tmp_path / "dataset").mkdir()
    (tmp_path / "train_test_splits.txt").write_text("Fold_1: c1\n", encoding="utf-8")
    claim = {"claim": "ادعاء", "article": ["قال المتحدث إن الجيش أرسل قوات.", ""],
             "url": ["https://www.example.com/a", "https://news.example.org/b"], "stance": ["agree", "discuss"]}
    (tmp_path / "dataset" / "c1.json").write_text(json.dumps(claim, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "dataset" / "c2.json").write_text("{not json", encoding="utf-8")
    r = run("compare", str(tmp_path), "--format", "json", *FAST)
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["sources"] == ["example.com"] and d["corpus"]["stories"] == {"c1": 1}
    rejected = {x["id"]: x["reason"] for x in d["corpus"]["rejected"]}
    assert set(rejected) == {"unifiedfc:c1:1", "c2"}
    assert "empty" in rejected["unifiedfc:c1:1"] and "UnifiedFC" in rejected["c2"]
    assert "rejected unifiedfc:c1:1" in r.stderr


def test_method_hybrid_lets_the_bundled_model_drop_cues():
    lex = json.loads(run("compare", str(SEEDS), "--format", "json", *FAST).stdout)
    r = run("compare", str(SEEDS), "--format", "json", "--method", "hybrid", *FAST)
    assert r.exit_code == 0, r.output
    hyb = json.loads(r.stdout)
    n = {s: c["*"]["n"] for s, c in lex["credence"].items()}
    m = {s: c["*"]["n"] for s, c in hyb["credence"].items()}
    assert all(m[s] <= n[s] for s in n) and sum(m.values()) < sum(n.values())
    r = run("compare", str(SEEDS), "--model", str(SEEDS))
    assert r.exit_code == 2 and "--method lexicon" in r.stderr


def test_cli_defaults_are_the_library_defaults():
    import typer

    from stance.compare.claims import SIMILARITY
    from stance.compare.comparison import CompareOptions

    o = CompareOptions()
    params = {p.name: p.default for p in typer.main.get_command(app).commands["compare"].params}
    assert (params["similarity"], params["resamples"], params["permutations"], params["min_attributions"]) == (
        SIMILARITY, o.n_resamples, o.permutations, o.min_attributions)
