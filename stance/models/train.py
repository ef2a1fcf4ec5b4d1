"""Train the attribution-stance model on the gold set (and optionally silver data), ready to save.

One function, :func:`train_attribution_stance`, shared by ``stance train``,
``stance evaluate`` and the experiments, so that all three train the same way.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from stance.errors import InputError, OptionError
from stance.models.attribution import AttributionStanceModel
from stance.models.data import GOLD_FILES, GOLD_FOLDS, GoldSet, default_gold_dir, load_gold, silver_examples
from stance.models.evaluate import CrossValidation, Scores, cross_validate, score
from stance.pipeline import Pipeline

__all__ = ["Trained", "train_attribution_stance", "scores_to_metrics"]


@dataclass(frozen=True)
class Trained:
    """A model trained on the full data, what it was trained on, and its cross-validated scores.

    Attributes
    ----------
    model : AttributionStanceModel or None
        None when only cross-validation was asked for (``final=False``).
    lexicon_version : str
    training_data : dict
        For the manifest: ``sha256`` (a digest of the gold files, the texts
        and the options), and a description of the gold and silver data.
    scores : dict of method to Scores, or None
        Cross-validated scores, when asked for.
    cv : CrossValidation or None
    fit_seconds : float
        Time to fit the final model.
    """

    model: AttributionStanceModel | None
    lexicon_version: str
    training_data: dict[str, Any]
    scores: Mapping[str, Scores] | None = None
    cv: CrossValidation | None = field(default=None, repr=False)
    fit_seconds: float = 0.0


def scores_to_metrics(scores: Mapping[str, Scores], digits: int = 4) -> dict[str, dict[str, Any]]:
    """Scores as plain, rounded JSON values: ``{method: {metric: value, metric_ci: [low, high]}}``."""
    out: dict[str, dict[str, Any]] = {}
    for method, s in scores.items():
        row: dict[str, Any] = {}
        for k, v in s.values.items():
            row[k] = round(float(v), digits)
            lo, hi = s.intervals.get(k, (float("nan"), float("nan")))
            row[f"{k}_ci"] = [round(float(lo), digits), round(float(hi), digits)]
        out[method] = row
    return out


def _check_inputs(unifiedfc: Path, gold_dir: Path, need_gold: bool) -> None:
    """Fail before any long step when an input folder is wrong."""
    if not (unifiedfc / "train_test_splits.txt").is_file() or not (unifiedfc / "dataset").is_dir():
        raise InputError(f"{unifiedfc}: not a UnifiedFC folder (expected dataset/ and train_test_splits.txt); "
                         "pass the folder that holds them")
    missing = [name for name in GOLD_FILES if not (gold_dir / name).is_file()]
    if need_gold and missing:
        raise InputError(f"{gold_dir}: no {', '.join(missing)}; pass the attribution gold folder with --gold "
                         "(data/gold/attribution of a source checkout)")


def train_attribution_stance(unifiedfc: str | Path, *, gold_dir: str | Path | None = None,
                             silver: bool = False, silver_docs: int = 400, silver_weight: float = 0.2,
                             folds: int = 5, seed: int = 0, n_boot: int = 2000,
                             make_model: Callable[[], AttributionStanceModel] = AttributionStanceModel,
                             gold: GoldSet | None = None, final: bool = True,
                             progress: Callable[[str], None] | None = None) -> Trained:
    """Train on every gold candidate (and silver examples), after cross-validating when ``folds`` > 0.

    Parameters
    ----------
    unifiedfc : path
        The UnifiedFC folder (folds 1-4 are read; fold 5 never).
    gold_dir : path, optional
        The gold files' folder (default: ``data/gold/attribution`` of the source tree).
    silver : bool, default False
        Add lexicon-labelled candidates from ``silver_docs`` UnifiedFC folds 1-4
        articles outside the gold set, weighted ``silver_weight``.
    folds : int, default 5
        Cross-validation folds for the recorded scores; 0 skips cross-validation.
    seed : int, default 0
        Seed of the folds, the silver sample and the bootstrap.
    gold : GoldSet, optional
        Already loaded gold candidates (skips :func:`load_gold`).
    final : bool, default True
        Fit the final model on all the data (False: cross-validate only).
    progress : callable, optional
        Called with a short message before each long step.
    """
    if folds == 1 or folds < 0:
        raise OptionError(f"folds={folds}: expected 0 (no cross-validation) or 2 or more")
    if not final and not folds:
        raise OptionError("nothing to do: final=False needs cross-validation folds (2 or more)")
    if silver_docs < 1:
        raise OptionError(f"silver_docs={silver_docs}: expected 1 or more articles")
    say = progress or (lambda message: None)
    _check_inputs(Path(unifiedfc), Path(gold_dir) if gold_dir is not None else default_gold_dir(), gold is None)
    if gold is None:
        say("reading the gold set and running the lexicon extractor on its documents")
        gold = load_gold(unifiedfc, gold_dir)
    extra = []
    silver_info = None
    digest = hashlib.sha256(gold.sha256.encode())
    if silver:
        say(f"labelling the candidates of {silver_docs} unlabelled articles with the lexicon (silver data)")
        extra, silver_digest = silver_examples(unifiedfc, gold.doc_ids, max_docs=silver_docs, seed=seed,
                                               pipeline=Pipeline())
        digest.update(silver_digest.encode())
        silver_info = {"sha256": silver_digest, "articles": silver_docs, "examples": len(extra),
                       "weight": silver_weight, "seed": seed, "folds": list(GOLD_FOLDS),
                       "labels": dict(sorted(Counter(e.label for e in extra).items()))}
    options = {"silver": silver, "silver_docs": silver_docs if silver else None,
               "silver_weight": silver_weight if silver else None, "seed": seed}
    digest.update(json.dumps(options, sort_keys=True).encode())
    cands = gold.candidates
    training_data = {
        "sha256": digest.hexdigest(),
        "description": "lexicon candidates in the attribution gold set (main annotations), labelled with the "
                       "overlapping gold cue's stance or none" + (", plus lexicon-labelled silver candidates"
                                                                   if silver else ""),
        "gold": {"sha256": gold.sha256, "files": list(GOLD_FILES), "sentences": len(gold.sentences),
                 "documents": len(gold.doc_ids), "candidates": len(cands),
                 "labels": dict(sorted(Counter(e.label for e in cands).items())),
                 "sources": ["data/seeds", "UnifiedFC " + ", ".join(GOLD_FOLDS)]},
        "silver": silver_info,
        "options": options,
    }
    cv = scores = None
    if folds:
        say(f"cross-validating ({folds} folds grouped by document)")
        cv = cross_validate(gold, n_splits=folds, seed=seed, make_model=make_model, silver=extra,
                            silver_weight=silver_weight, missed=False)
        scores = score(cv, n_boot=n_boot, seed=seed)
    if not final:
        return Trained(None, gold.lexicon_version, training_data, scores, cv, 0.0)
    say(f"training on {len(cands)} gold candidates" + (f" and {len(extra)} silver ones" if extra else ""))
    examples = list(cands) + list(extra)
    weights = [1.0] * len(cands) + [silver_weight] * len(extra)
    start = time.perf_counter()
    model = make_model().fit([e.context for e in examples], [e.label for e in examples],
                             sample_weight=weights if extra else None,
                             gold=[True] * len(cands) + [False] * len(extra))
    seconds = time.perf_counter() - start
    return Trained(model, gold.lexicon_version, training_data, scores, cv, seconds)
