"""The model commands and options through typer's CliRunner: train, evaluate, attributions --method."""

import json

import pytest
from conftest import EXTERNAL, ROOT, SEEDS
from typer.testing import CliRunner

from stance.cli import app
from stance.models.data import GOLD_FILES

runner = CliRunner()
UNIFIEDFC = EXTERNAL / "unifiedfc"
needs_external = pytest.mark.skipif(not UNIFIEDFC.is_dir(), reason="../shared/external/unifiedfc not available")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def rows(r):
    return [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]


def one_line_error(r, *fragments):
    assert r.exit_code == 2, r.output
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("stance: error: "), r.stderr
    for f in fragments:
        assert f in lines[0]


@pytest.fixture(scope="module")
def lexicon_rows():
    return rows(run("attributions", SEEDS, "-f", "jsonl"))


def test_lexicon_is_the_default_method(lexicon_rows):
    assert rows(run("attributions", SEEDS, "-f", "jsonl", "--method", "lexicon")) == lexicon_rows


def test_hybrid_keeps_lexicon_stances_and_may_only_drop_cues(lexicon_rows):
    r = run("attributions", SEEDS, "-f", "jsonl", "--method", "hybrid")
    assert r.exit_code == 0, r.output
    hybrid = rows(r)
    lexicon = {(row["doc_id"], row["start"]): row for row in lexicon_rows}
    assert hybrid and all(lexicon[(row["doc_id"], row["start"])] == row for row in hybrid)
    assert f"; {len(hybrid)} attributions" in r.stderr


def test_model_method_with_the_bundled_model(lexicon_rows):
    r = run("attributions", SEEDS, "-f", "jsonl", "--method", "model")
    assert r.exit_code == 0, r.output
    model = rows(r)
    starts = {(row["doc_id"], row["start"]) for row in lexicon_rows}
    assert model and all((row["doc_id"], row["start"]) in starts for row in model)
    assert all(row["stance"] in ("endorse", "neutral", "distance", "deny") for row in model)


def test_model_option_needs_a_model_method(tmp_path):
    one_line_error(run("attributions", SEEDS, "--model", tmp_path), "--model has no effect with --method lexicon")


def test_unknown_method_is_one_line_and_exit_2():
    one_line_error(run("attributions", SEEDS, "--method", "vote"), "vote", "lexicon", "hybrid")


def test_missing_model_folder_is_one_line_and_exit_2(tmp_path):
    one_line_error(run("attributions", SEEDS, "--method", "model", "--model", tmp_path / "none"),
                   "no such model folder")


def test_tampered_model_is_one_line_and_exit_2(tmp_path):
    import shutil

    from stance.models import default_model_dir

    shutil.copytree(default_model_dir(), tmp_path / "m")
    with open(tmp_path / "m" / "model.joblib", "ab") as f:
        f.write(b"\0")
    one_line_error(run("attributions", SEEDS, "--method", "hybrid", "--model", tmp_path / "m"), "sha256")


@pytest.mark.parametrize("group", ["train", "evaluate"])
def test_groups_list_the_attribution_stance_command(group):
    r = run(group, "--help")
    assert r.exit_code == 0 and "attribution-stance" in r.stdout
    r = run(group, "attribution-stance", "--help")
    assert r.exit_code == 0 and "UNIFIEDFC_DIR" in r.stdout


def test_train_rejects_a_folder_that_is_not_unifiedfc(tmp_path):
    one_line_error(run("train", "attribution-stance", tmp_path, "--out", tmp_path / "m", "--folds", "0"),
                   "not a UnifiedFC folder")


def _small_gold(tmp_path, n):
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in GOLD_FILES:
        lines = (ROOT / "data" / "gold" / "attribution" / name).read_text(encoding="utf-8").splitlines()
        (gold / name).write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
    return gold


@needs_external
def test_train_writes_a_model_that_attributions_can_use(tmp_path):
    gold = _small_gold(tmp_path, 60)
    r = run("train", "attribution-stance", UNIFIEDFC, "--out", tmp_path / "m", "--folds", "0", "--gold", gold)
    assert r.exit_code == 0, r.output
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["training_data"]["gold"]["sentences"] == 60 * len(GOLD_FILES) and manifest["metrics"] == {}
    r = run("attributions", SEEDS, "-f", "jsonl", "--method", "model", "--model", tmp_path / "m")
    assert r.exit_code == 0, r.output


@needs_external
def test_evaluate_reports_every_method_with_intervals(tmp_path):
    gold = _small_gold(tmp_path, 60)
    r = run("evaluate", "attribution-stance", UNIFIEDFC, "--gold", gold, "--folds", "2", "-f", "jsonl")
    assert r.exit_code == 0, r.output
    out = {row["method"]: row for row in rows(r)}
    assert set(out) == {"lexicon", "model", "hybrid"}
    assert out["lexicon"]["f1_none"] == 0 and out["lexicon"]["log_loss"] is None
    for row in out.values():
        assert row["macro_f1_low"] <= row["macro_f1"] <= row["macro_f1_high"]
    assert "2-fold cross-validation" in r.stderr
