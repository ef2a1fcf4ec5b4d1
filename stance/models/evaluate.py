"""Cross-validated comparison of the lexicon, the model and the hybrid on the gold set.

:func:`cross_validate` trains a fresh :class:`~stance.models.attribution.AttributionStanceModel`
on all folds but one (grouped by document, stratified by label, fixed seed) and
predicts the held-out candidates with each method; :func:`score` turns the
predictions into metrics with 95% bootstrap intervals over sentences:

* on candidates (the lexicon's cues): accuracy, macro-F1 over the five labels
  (``endorse``, ``neutral``, ``distance``, ``deny``, ``none``) and the F1 of each;
* end to end (as ``experiments/attribution_eval.py`` scores the extractor):
  cue precision, recall and F1 against the gold cues (a cue labelled ``none``
  is dropped; spans match when they overlap), and stance accuracy on matched cues;
* for the model's probabilities: log-loss and Brier score.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from stance.errors import OptionError
from stance.models.attribution import LABELS, AttributionStanceModel, Method
from stance.models.data import Example, GoldSet

__all__ = ["CrossValidation", "Scores", "cross_validate", "score", "paired_difference", "SCORE_NAMES"]

_N = len(LABELS)
#: The metrics :func:`score` reports, in order.
SCORE_NAMES = ("accuracy", "macro_f1") + tuple(f"f1_{label}" for label in LABELS) + (
    "cue_precision", "cue_recall", "cue_f1", "stance_accuracy")


@dataclass(frozen=True)
class CrossValidation:
    """Held-out predictions of every method for every gold candidate.

    Attributes
    ----------
    gold : GoldSet
    labels : tuple of str
        The gold label of each candidate (``gold.candidates`` order).
    predictions : mapping of method name to tuple of str
    proba : ndarray of shape (n_candidates, 5)
        The model's held-out probabilities, columns in :data:`LABELS` order.
    folds : ndarray of shape (n_candidates,)
        The fold each candidate was held out in.
    fit_seconds : tuple of float
        Training time of each fold's model.
    """

    gold: GoldSet
    labels: tuple[str, ...]
    predictions: Mapping[str, tuple[str, ...]]
    proba: np.ndarray = field(repr=False)
    folds: np.ndarray = field(repr=False)
    fit_seconds: tuple[float, ...] = ()


@dataclass(frozen=True)
class Scores:
    """The metrics of one method: point estimates and 95% bootstrap intervals.

    ``values`` and ``intervals`` are keyed by :data:`SCORE_NAMES` (plus
    ``log_loss`` and ``brier`` for a method with probabilities).
    """

    method: str
    values: Mapping[str, float]
    intervals: Mapping[str, tuple[float, float]]


def cross_validate(gold: GoldSet, *, n_splits: int = 5, seed: int = 0,
                   make_model: Callable[[], AttributionStanceModel] = AttributionStanceModel,
                   silver: Sequence[Example] = (), silver_weight: float = 0.2,
                   missed: bool = False) -> CrossValidation:
    """Cross-validate the model and the hybrid against the lexicon on the gold candidates.

    Parameters
    ----------
    gold : GoldSet
    n_splits : int, default 5
        Folds, grouped by document and stratified by label.
    seed : int, default 0
    make_model : callable, default AttributionStanceModel
        Returns the unfitted model to train on each fold.
    silver : sequence of Example, optional
        Lexicon-labelled examples from other documents, added to every training fold.
    silver_weight : float, default 0.2
        Sample weight of a silver example (gold examples weigh 1).
    missed : bool, default False
        Add the gold cues the lexicon missed in the training documents (when
        ``gold`` has them) to the training folds.
    """
    if n_splits < 2:
        raise OptionError(f"n_splits={n_splits}: expected 2 or more folds")
    if not silver_weight > 0:
        raise OptionError(f"silver_weight={silver_weight}: expected a positive weight")
    cands = gold.candidates
    extra = [e for e in gold.examples if not e.candidate] if missed else []
    y = np.array([e.label for e in cands])
    groups = [e.doc_id for e in cands]
    preds = {m.value: np.empty(len(cands), dtype=object) for m in Method}
    proba = np.zeros((len(cands), _N))
    folds = np.full(len(cands), -1)
    seconds = []
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for k, (train, test) in enumerate(splitter.split(np.zeros(len(cands)), y, groups)):
        docs = {cands[i].doc_id for i in train}
        examples = [cands[i] for i in train] + [e for e in extra if e.doc_id in docs]
        n_gold = len(examples)
        examples += list(silver)
        weights = np.r_[np.ones(n_gold), np.full(len(silver), silver_weight)]
        start = time.perf_counter()
        model = make_model().fit([e.context for e in examples], [e.label for e in examples],
                                 sample_weight=weights if len(silver) else None,
                                 gold=[i < n_gold for i in range(len(examples))])
        seconds.append(time.perf_counter() - start)
        contexts = [cands[i].context for i in test]
        p = model.predict_proba(contexts)
        for j, c in enumerate(model.classes_):
            proba[test, LABELS.index(str(c))] = p[:, j]
        for m in Method:
            preds[m.value][test] = model.predict(contexts, m)
        folds[test] = k
    return CrossValidation(gold, tuple(y.tolist()), {m: tuple(p.tolist()) for m, p in preds.items()},
                           proba, folds, tuple(seconds))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _per_sentence(gold: GoldSet, labels: Sequence[str], pred: Sequence[str]) -> np.ndarray:
    """Per sentence: the 5x5 confusion counts of its candidates, then tp, fp, fn and stance-correct cues."""
    out = np.zeros((len(gold.sentences), _N * _N + 4))
    examples = gold.examples
    for s_i, s in enumerate(gold.sentences):
        kept = []
        for i in s.candidates:  # candidates come first in gold.examples: example i is candidate i
            out[s_i, LABELS.index(labels[i]) * _N + LABELS.index(pred[i])] += 1
            if pred[i] != "none":
                kept.append((examples[i].start, examples[i].end, pred[i]))
        used: set[int] = set()
        for gs, ge, stance in s.gold:
            hit = next((j for j, (ps, pe, _) in enumerate(kept) if j not in used and _overlaps((gs, ge), (ps, pe))),
                       None)
            if hit is None:
                out[s_i, -2] += 1  # fn
            else:
                used.add(hit)
                out[s_i, -4] += 1  # tp
                out[s_i, -1] += kept[hit][2] == stance
        out[s_i, -3] += len(kept) - len(used)  # fp
    return out


def _metrics(counts: np.ndarray) -> np.ndarray:
    """Metrics from summed counts; rows are resamples (or one row). Columns follow SCORE_NAMES."""
    conf = counts[:, :_N * _N].reshape(-1, _N, _N)
    tp_c = np.diagonal(conf, axis1=1, axis2=2)
    gold_c, pred_c = conf.sum(axis=2), conf.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(gold_c + pred_c > 0, 2 * tp_c / (gold_c + pred_c), np.nan)
        total = conf.sum(axis=(1, 2))
        acc = tp_c.sum(axis=1) / total
        present = gold_c + pred_c > 0  # macro-F1 over the labels in the (re)sample's gold or predictions
        macro = np.where(present, np.nan_to_num(f1), 0).sum(axis=1) / present.sum(axis=1)
        tp, fp, fn, ok = counts[:, -4], counts[:, -3], counts[:, -2], counts[:, -1]
        p = tp / (tp + fp)
        r = tp / (tp + fn)
        f = 2 * p * r / (p + r)
        st = ok / tp
    return np.column_stack([acc, macro, np.where(present, np.nan_to_num(f1), np.nan), p, r, f, st])


def _proba_scores(labels: Sequence[str], proba: np.ndarray) -> np.ndarray:
    """Per candidate: log-loss and Brier contributions of the model's probabilities."""
    y = np.zeros_like(proba)
    y[np.arange(len(labels)), [LABELS.index(label) for label in labels]] = 1
    p = np.clip(proba, 1e-15, 1)
    return np.column_stack([-(y * np.log(p)).sum(axis=1), ((proba - y) ** 2).sum(axis=1)])


def score(cv: CrossValidation, *, n_boot: int = 2000, seed: int = 0,
          methods: Sequence[str] | None = None, sentences: Sequence[bool] | None = None) -> dict[str, Scores]:
    """Metrics of each method with 95% percentile intervals (``n_boot`` resamples of sentences).

    The same resamples serve every method, so intervals of differences can be
    computed from :func:`paired_difference` with the same seed. ``sentences``
    (one flag per gold sentence) scores only the flagged sentences' candidates,
    e.g. those of one gold file; the predictions stay the cross-validated ones.
    """
    gold = cv.gold
    keep = _keep(gold, sentences)
    weights = _resample_weights(int(keep.sum()), n_boot, seed)
    per_cand_sentence = _candidate_sentences(gold)
    out = {}
    for m in methods or list(cv.predictions):
        per = _per_sentence(gold, cv.labels, cv.predictions[m])[keep]
        point = _metrics(per.sum(axis=0, keepdims=True))[0]
        boot = _metrics(weights @ per)
        values = dict(zip(SCORE_NAMES, point.tolist()))
        intervals = {k: _interval(boot[:, j]) for j, k in enumerate(SCORE_NAMES)}
        if m != Method.lexicon.value:
            contrib = _proba_scores(cv.labels, cv.proba)
            per_s = np.zeros((len(gold.sentences), 3))
            np.add.at(per_s, per_cand_sentence, np.column_stack([contrib, np.ones(len(contrib))]))
            per_s = per_s[keep]
            values["log_loss"], values["brier"] = (per_s[:, :2].sum(axis=0) / per_s[:, 2].sum()).tolist()
            b = weights @ per_s
            with np.errstate(invalid="ignore", divide="ignore"):
                intervals["log_loss"] = _interval(b[:, 0] / b[:, 2])
                intervals["brier"] = _interval(b[:, 1] / b[:, 2])
        out[m] = Scores(m, values, intervals)
    return out


def paired_difference(cv: CrossValidation, a: str, b: str, metric: str = "macro_f1", *,
                      n_boot: int = 2000, seed: int = 0,
                      sentences: Sequence[bool] | None = None) -> tuple[float, tuple[float, float]]:
    """``metric`` of method ``a`` minus that of ``b``, with a 95% interval over the same resamples."""
    j = SCORE_NAMES.index(metric)
    keep = _keep(cv.gold, sentences)
    weights = _resample_weights(int(keep.sum()), n_boot, seed)
    pa = _per_sentence(cv.gold, cv.labels, cv.predictions[a])[keep]
    pb = _per_sentence(cv.gold, cv.labels, cv.predictions[b])[keep]
    point = _metrics(pa.sum(axis=0, keepdims=True))[0, j] - _metrics(pb.sum(axis=0, keepdims=True))[0, j]
    diff = _metrics(weights @ pa)[:, j] - _metrics(weights @ pb)[:, j]
    return float(point), _interval(diff)


def _keep(gold: GoldSet, sentences: Sequence[bool] | None) -> np.ndarray:
    if sentences is None:
        return np.ones(len(gold.sentences), dtype=bool)
    keep = np.asarray(sentences, dtype=bool)
    if keep.shape != (len(gold.sentences),) or not keep.any():
        raise OptionError(f"sentences: expected one flag per gold sentence ({len(gold.sentences)}), "
                          f"at least one set; got {keep.shape[0] if keep.ndim else 0} with {int(keep.sum())} set")
    return keep


def _candidate_sentences(gold: GoldSet) -> np.ndarray:
    out = np.zeros(len(gold.candidates), dtype=int)
    for s_i, s in enumerate(gold.sentences):
        out[list(s.candidates)] = s_i
    return out


def _resample_weights(n: int, n_boot: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(n_boot, n))
    weights = np.zeros((n_boot, n))
    np.add.at(weights, (np.repeat(np.arange(n_boot), n), draws.ravel()), 1)
    return weights


def _interval(values: np.ndarray) -> tuple[float, float]:
    v = values[~np.isnan(values)]
    if not v.size:
        return (float("nan"), float("nan"))
    return float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))
