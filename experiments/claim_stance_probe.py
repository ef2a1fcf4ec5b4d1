"""Probe for issue 5: do attribution features help claim-level stance on UnifiedFC? (negative so far)

    python experiments/claim_stance_probe.py ../shared/external/unifiedfc

Deterministic; about four minutes on one core. Writes
experiments/results/claim_stance_probe.md. This is a measurement, not the
``stance evaluate claim-stance`` command (issue 5); that command and its model
now live in stance.models.claim_stance, evaluated by
experiments/claim_stance_eval.py (results in experiments/results/claim_stance.md).

Claim-level stance: does an article agree with a claim, disagree, discuss it, or not relate to it?

The signal the project adds to text similarity is *how* the article carries
the claim: an article that reports the claim only through distancing cues
(زعم، ادعى) discusses it; one that asserts it in its own voice agrees; one whose
sources deny it (نفى، كذّب) disagrees. So the features of a (claim, article)
pair are:

- **similarity** (also in the baseline): TF-IDF cosine of claim and article,
  the best and the mean of the three best claim-sentence cosines, the share
  of the claim's words, numbers and parties the article has;
- **attribution** (stance's own): in the article's sentences closest to the
  claim and in the whole article, the attributions by coarse stance (endorse,
  neutral, distance, deny), negated and hedged ones, and the sentences the
  writer asserts in its own voice;
- the word TF-IDF of the closest sentences.

:func:`cross_validate` runs the five claim-level folds of UnifiedFC (claim-level
splits of train_test_splits.txt, all five folds, as the issue allows for this
cross-validation) with these models and the baseline (character TF-IDF of the
article's first 3,000 characters + the similarity features + logistic
regression, no attribution features), on the same folds.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.preprocessing import StandardScaler

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from stance.attribution import DocumentAttributions  # noqa: E402
from stance.datasets.unifiedfc import STANCES, UnifiedFC, read_unifiedfc  # noqa: E402
from stance.pipeline import Pipeline  # noqa: E402
from stance.records import Document  # noqa: E402


_TOP = 3
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
SIMILARITY_FEATURES = ("cos_article", "cos_best_sentence", "cos_top3", "claim_words", "claim_numbers",
                       "claim_parties")
_STANCE_KEYS = ("endorse", "neutral", "distance", "deny")
ATTRIBUTION_FEATURES = tuple(
    [f"top_{s}" for s in _STANCE_KEYS] + ["top_negated", "top_hedged", "top_assertions"]
    + [f"all_{s}" for s in _STANCE_KEYS] + ["all_negated", "all_hedged", "all_assertions", "n_attributions"]
    + [f"claim_{s}" for s in _STANCE_KEYS]
)


@dataclass(frozen=True)
class PairAnalysis:
    """What the pipeline sees in one (claim, article) pair before any fitting."""

    claim_id: str
    article_id: str
    claim: str  # normalised
    article: str  # normalised story text (boilerplate removed)
    sentences: tuple[str, ...]  # normalised sentences of the story
    attributions: tuple[tuple[int, str, bool, bool], ...]  # (sentence, stance, negated, hedged)
    assertions: tuple[int, ...]  # sentences asserted in the writer's voice
    claim_stances: tuple[str, ...]  # the coarse stances of the claim's own cues
    claim_parties: frozenset[str]
    article_parties: frozenset[str]


def analyse_pairs(data: UnifiedFC, pipeline: Pipeline) -> tuple[list[PairAnalysis], np.ndarray, np.ndarray]:
    """Run the text and attribution layers on every article; return the pairs, their labels and folds."""
    norm = pipeline.normaliser
    parties = pipeline.extractor.parties
    tok = pipeline.tokeniser

    def party_set(text: str) -> frozenset[str]:
        words = [t.norm if t.kind == "word" else "" for t in tok.iter_tokens(norm.normalise(text))]
        return frozenset(m.party for m in parties.mentions(words))

    fold_of = {cid: name for name, ids in data.folds.items() for cid in ids}
    pairs, labels, folds = [], [], []
    for cid, claim in data.claims.items():
        claim_res = pipeline.attributions(Document(id=f"claim:{cid}", source="claim", text=claim.text))
        claim_stances = tuple(a.stance for a in claim_res.attributions)
        claim_parties = party_set(claim.text)
        for doc, stance in zip(claim.articles, claim.stances):
            res: DocumentAttributions = pipeline.attributions(doc)
            sents = tuple(s.norm for s in res.sentences)
            pairs.append(PairAnalysis(
                cid, doc.id, norm(claim.text), " ".join(sents), sents,
                tuple((a.sentence, a.stance, a.negated, a.hedged) for a in res.attributions),
                tuple(a.sentence for a in res.assertions), claim_stances, claim_parties,
                party_set(doc.text)))
            labels.append(stance)
            folds.append(fold_of[cid])
    return pairs, np.array(labels), np.array(folds)


def _cos(a, b) -> np.ndarray:
    """Row-wise cosine of two L2-normalised sparse matrices of the same shape."""
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


class _Features:
    """Fitted on the training pairs of a fold; computes every pair's numbers once."""

    def __init__(self, train: Sequence[PairAnalysis]) -> None:
        self.words = TfidfVectorizer(ngram_range=(1, 1), min_df=2, sublinear_tf=True, token_pattern=r"\S\S+")
        self.words.fit([p.article for p in train] + sorted({p.claim for p in train}))

    def tops(self, pairs: Sequence[PairAnalysis]) -> list[list[tuple[float, int]]]:
        """The three sentences of each article closest to its claim: (cosine, sentence index)."""
        sents = [s for p in pairs for s in p.sentences]
        S = self.words.transform(sents) if sents else None
        claims = sorted({p.claim for p in pairs})
        C = self.words.transform(claims)
        row_of = {c: k for k, c in enumerate(claims)}
        out, at = [], 0
        for p in pairs:
            n = len(p.sentences)
            if n == 0:
                out.append([])
                continue
            sims = np.asarray((S[at:at + n] @ C[row_of[p.claim]].T).todense()).ravel()
            at += n
            order = np.argsort(-sims, kind="stable")[:_TOP]
            out.append([(float(sims[k]), int(k)) for k in order])
        return out

    @staticmethod
    def top_text(p: PairAnalysis, top: list[tuple[float, int]]) -> str:
        return " ".join(p.sentences[k] for _, k in top)

    def similarity(self, pairs: Sequence[PairAnalysis], tops: list[list[tuple[float, int]]]) -> np.ndarray:
        art = self.words.transform([p.article for p in pairs])
        cl = self.words.transform([p.claim for p in pairs])
        cos = _cos(art, cl)
        rows = []
        for p, top, c in zip(pairs, tops, cos):
            cw = {w for w in p.claim.split() if len(w) > 2}
            aw = set(p.article.split())
            nums = set(_NUMBER.findall(p.claim))
            anum = set(_NUMBER.findall(p.article))
            rows.append([
                c, top[0][0] if top else 0.0, float(np.mean([t[0] for t in top])) if top else 0.0,
                len(cw & aw) / len(cw) if cw else 0.0,
                len(nums & anum) / len(nums) if nums else 0.0,
                len(p.claim_parties & p.article_parties) / len(p.claim_parties) if p.claim_parties else 0.0,
            ])
        return np.array(rows)

    @staticmethod
    def attribution(pairs: Sequence[PairAnalysis], tops: list[list[tuple[float, int]]]) -> np.ndarray:
        rows = []
        for p, top in zip(pairs, tops):
            near = {k for _, k in top}
            best = top[0][1] if top else -1
            n = max(len(p.attributions), 1)
            row = []
            row += [sum(1 for s, st, _, _ in p.attributions if s in near and st == key) for key in _STANCE_KEYS]
            row += [sum(1 for s, _, neg, _ in p.attributions if s in near and neg),
                    sum(1 for s, _, _, h in p.attributions if s in near and h),
                    sum(1 for s in p.assertions if s in near)]
            row += [sum(1 for s, st, _, _ in p.attributions if s == best and st == key) for key in _STANCE_KEYS]
            row += [float(best in p.assertions),
                    sum(1 for w in _neg_words(p, near))]
            row += [sum(1 for _, st, _, _ in p.attributions if st == key) / n for key in _STANCE_KEYS]
            row += [sum(1 for _, _, neg, _ in p.attributions if neg) / n,
                    sum(1 for _, _, _, h in p.attributions if h) / n,
                    len(p.assertions) / max(len(p.sentences), 1), math.log1p(len(p.attributions))]
            row += [sum(1 for st in p.claim_stances if st == key) for key in _STANCE_KEYS]
            row += [float(any(w in _NEGATION for w in p.claim.split()))]
            rows.append(row)
        return np.array(rows, dtype=float)


_NEGATION = frozenset("لم لن لا ليس ليست غير عدم نفي نفت ينفي تنفي كذب كذبت زعم زعمت مزاعم ادعاءات شائعات "
                      "عار صحه".split())


def _neg_words(p: PairAnalysis, near: set[int]) -> list[str]:
    return [w for k in near for w in p.sentences[k].split() if w in _NEGATION]


def _lr(num_tr, num_te, sparse_tr=(), sparse_te=()) -> tuple:
    scale = StandardScaler().fit(num_tr)
    X_tr = sparse.hstack([sparse.csr_matrix(scale.transform(num_tr)), *sparse_tr]).tocsr()
    X_te = sparse.hstack([sparse.csr_matrix(scale.transform(num_te)), *sparse_te]).tocsr()
    return X_tr, X_te


MODELS = {
    "baseline: similarity + article characters": ("sim", "chars"),
    "similarity + attribution + article characters": ("sim", "att", "chars"),
    "similarity + attribution + closest-sentence words": ("sim", "att", "top"),
}


def cross_validate(pairs: Sequence[PairAnalysis], labels: np.ndarray, folds: np.ndarray) -> dict[str, dict]:
    """Five claim-level folds; every model of MODELS on the same splits (logistic regression, balanced)."""
    preds = {name: np.empty(len(labels), dtype=object) for name in MODELS}
    for fold in sorted(set(folds)):
        test, train = np.where(folds == fold)[0], np.where(folds != fold)[0]
        tr, te = [pairs[i] for i in train], [pairs[i] for i in test]
        feats = _Features(tr)
        tops_tr, tops_te = feats.tops(tr), feats.tops(te)
        blocks = {"sim": (feats.similarity(tr, tops_tr), feats.similarity(te, tops_te)),
                  "att": (feats.attribution(tr, tops_tr), feats.attribution(te, tops_te))}
        words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"\S\S+",
                                max_features=50000)
        blocks["top"] = (words.fit_transform([feats.top_text(p, t) for p, t in zip(tr, tops_tr)]),
                         words.transform([feats.top_text(p, t) for p, t in zip(te, tops_te)]))
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=3, sublinear_tf=True,
                                max_features=100000)
        blocks["chars"] = (chars.fit_transform([p.article[:3000] for p in tr]),
                           chars.transform([p.article[:3000] for p in te]))
        for name, parts in MODELS.items():
            num = [blocks[p] for p in parts if p in ("sim", "att")]
            sp = [blocks[p] for p in parts if p not in ("sim", "att")]
            X_tr, X_te = _lr(np.hstack([a for a, _ in num]), np.hstack([b for _, b in num]),
                             [a for a, _ in sp], [b for _, b in sp])
            model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=3000).fit(X_tr, labels[train])
            preds[name][test] = model.predict(X_te)
    return {name: summary(labels, p.astype(str)) for name, p in preds.items()}


def summary(y: np.ndarray, pred: np.ndarray) -> dict:
    """accuracy, macro_f1 and per_class F1 over the four stances."""
    per = f1_score(y, pred, labels=list(STANCES), average=None, zero_division=0)
    return {"accuracy": round(float(accuracy_score(y, pred)), 4),
            "macro_f1": round(float(f1_score(y, pred, labels=list(STANCES), average="macro", zero_division=0)), 4),
            "per_class": {s: round(float(v), 4) for s, v in zip(STANCES, per)}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("unifiedfc", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "experiments" / "results" / "claim_stance_probe.md")
    args = ap.parse_args()
    pairs, labels, folds = analyse_pairs(read_unifiedfc(args.unifiedfc), Pipeline())
    results = cross_validate(pairs, labels, folds)
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    lines = ["# Claim-level stance on UnifiedFC: do attribution features help? (probe)", "",
             f"Generated by `python experiments/claim_stance_probe.py ../shared/external/unifiedfc` (git {rev or 'unknown'}).",
             "", f"{len(labels)} claim-article pairs, five claim-level folds of train_test_splits.txt; logistic regression "
             "with balanced class weights for every model.", "",
             "| model | accuracy | macro-F1 | agree | disagree | discuss | unrelated |", "|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | " +
                     " | ".join(f"{r['per_class'][s]:.3f}" for s in STANCES) + " |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
