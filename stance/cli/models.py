"""The ``train`` and ``evaluate`` command groups: learned models and how they compare with the lexicon.

``train_app`` and ``evaluate_app`` are typer groups, so that other models can
add their own sub-commands (``stance evaluate claim-stance``) next to
``attribution-stance``. The model code (scikit-learn) is imported inside the
commands, so that it costs nothing to the other commands' start-up.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, Optional

import typer

from stance.cli import app
from stance.cli.text import FormatOpt
from stance.report import Format, RecordWriter

__all__ = ["train_app", "evaluate_app"]

train_app = typer.Typer(
    name="train", no_args_is_help=True, rich_markup_mode=None,
    help="Train a model and save it with a manifest (sub-commands: one per model kind).")
evaluate_app = typer.Typer(
    name="evaluate", no_args_is_help=True, rich_markup_mode=None,
    help="Cross-validate a model against the lexicon on the gold set (sub-commands: one per model kind).")
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")

UnifiedFCArg = typer.Argument(..., metavar="UNIFIEDFC_DIR",
                              help="The UnifiedFC folder (dataset/ and train_test_splits.txt); folds 1-4 are read.")
GoldOpt = typer.Option(None, "--gold", help="Folder of the attribution gold files (default: data/gold/attribution "
                                            "of the source tree).")
SilverOpt = typer.Option(False, "--silver/--no-silver",
                         help="Also learn from lexicon-labelled candidates of unlabelled UnifiedFC articles.")
SilverDocsOpt = typer.Option(400, "--silver-docs", min=1, help="How many unlabelled articles give silver data.")
SilverWeightOpt = typer.Option(0.2, "--silver-weight", min=0.001, help="Sample weight of a silver example (gold: 1).")
SeedOpt = typer.Option(0, "--seed", help="Seed of the folds, the silver sample and the bootstrap.")

_TABLE_COLUMNS = ("method", "accuracy", "macro_f1", "macro_f1_low", "macro_f1_high", "f1_endorse", "f1_neutral",
                  "f1_distance", "f1_deny", "f1_none", "cue_precision", "cue_recall", "cue_f1")


def _progress(message: str) -> None:
    typer.echo(f"stance: {message} ...", err=True)


def _rows(metrics: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    from stance.models.evaluate import SCORE_NAMES

    rows = []
    for method, m in metrics.items():
        row: dict[str, Any] = {"method": method}
        for k in SCORE_NAMES + ("log_loss", "brier"):
            if k in m:
                row[k] = m[k]
                row[f"{k}_low"], row[f"{k}_high"] = m[f"{k}_ci"]
            else:
                row[k] = row[f"{k}_low"] = row[f"{k}_high"] = None
        rows.append(row)
    return rows


@train_app.command("attribution-stance")
def train_attribution_stance_command(
    unifiedfc: Path = UnifiedFCArg,
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write model.joblib and manifest.json into."),
    silver: bool = SilverOpt,
    silver_docs: int = SilverDocsOpt,
    silver_weight: float = SilverWeightOpt,
    folds: int = typer.Option(5, "--folds", min=0,
                              help="Cross-validation folds whose scores the manifest records (0: none)."),
    seed: int = SeedOpt,
    gold: Optional[Path] = GoldOpt,
) -> None:
    """Train the attribution-stance model on the gold set and save it.

    The model labels each cue the lexicon finds endorse, neutral, distance,
    deny or none (no attribution). It learns from every candidate of the
    attribution gold set, whose texts come from data/seeds and UnifiedFC
    folds 1-4, cross-validates first (the scores go into the manifest), and
    writes model.joblib and manifest.json (versions, hashes, training data)
    into --out. Use it with 'stance attributions --method model --model DIR'.
    """
    from stance.models.persist import save_model
    from stance.models.train import scores_to_metrics, train_attribution_stance

    start = time.perf_counter()
    trained = train_attribution_stance(unifiedfc, gold_dir=gold, silver=silver, silver_docs=silver_docs,
                                       silver_weight=silver_weight, folds=folds, seed=seed, progress=_progress)
    metrics = {"cv": {"folds": folds, "seed": seed, "grouped_by": "document",
                      "methods": scores_to_metrics(trained.scores)}} if trained.scores else {}
    manifest = save_model(trained.model, out, lexicon_version=trained.lexicon_version,
                          training_data=trained.training_data, metrics=metrics)
    summary = ""
    if trained.scores:
        m = trained.scores
        summary = "; cross-validated macro-F1 " + ", ".join(
            f"{k} {m[k].values['macro_f1']:.3f}" for k in ("lexicon", "model", "hybrid"))
    typer.echo(f"stance: trained on {trained.training_data['gold']['candidates']} gold candidates in "
               f"{trained.fit_seconds:.1f} s ({time.perf_counter() - start:.0f} s in all){summary}; wrote {manifest}",
               err=True)


@evaluate_app.command("attribution-stance")
def evaluate_attribution_stance_command(
    unifiedfc: Path = UnifiedFCArg,
    fmt: Format = FormatOpt,
    silver: bool = SilverOpt,
    silver_docs: int = SilverDocsOpt,
    silver_weight: float = SilverWeightOpt,
    folds: int = typer.Option(5, "--folds", min=2, help="Cross-validation folds (grouped by document)."),
    seed: int = SeedOpt,
    gold: Optional[Path] = GoldOpt,
) -> None:
    """Compare the lexicon, the model and the hybrid by cross-validation on the gold set.

    One row per method: accuracy, macro-F1 over endorse, neutral, distance,
    deny and none, and the F1 of each label, on the candidates the lexicon
    finds; end to end (cues labelled none dropped), cue precision, recall and
    F1 against the gold cues; for the model, log-loss and Brier score of its
    calibrated probabilities. Intervals (_low, _high): 95% bootstrap over
    sentences. Table format shows the main columns; csv and jsonl carry all.
    """
    from stance.models.train import scores_to_metrics, train_attribution_stance

    trained = train_attribution_stance(unifiedfc, gold_dir=gold, silver=silver, silver_docs=silver_docs,
                                       silver_weight=silver_weight, folds=folds, seed=seed, final=False,
                                       progress=_progress)
    rows = _rows(scores_to_metrics(trained.scores, digits=3))
    columns = _TABLE_COLUMNS if fmt in (Format.table, Format.markdown) else tuple(rows[0])
    writer = RecordWriter(sys.stdout, fmt, columns)
    for row in rows:
        writer.write({k: row[k] for k in columns})
    writer.close()
    cands = trained.training_data["gold"]["candidates"]
    typer.echo(f"stance: {folds}-fold cross-validation on {cands} candidates of "
               f"{trained.training_data['gold']['sentences']} gold sentences"
               + (f" with {trained.training_data['silver']['examples']} silver examples" if silver else ""), err=True)
