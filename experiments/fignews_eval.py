"""External check of party valence against FIGNEWS 2024 bias labels.

    python experiments/fignews_eval.py ../shared/external/fignews

Deterministic. Writes experiments/results/fignews.md (quoted in the README).

FIGNEWS 2024 (Gaza war posts in five languages, each with an Arabic version)
gives, per post, how many annotators chose each bias label. The gold label of
a post is the majority among the five bias labels (Biased against Palestine,
against Israel, against both, against others, Unbiased); posts where no label
wins outright are left out and counted. The lexicon was not looked at against
FIGNEWS: this is an external check.

For each post, ``stance`` extracts the framing terms of its Arabic text and
sums the valence of the terms attached to the Israeli side (IL) and to the
Palestinian side (PS, HAMAS, PIJ, FATAH), quoted terms included. Two
predictors use only those numbers:

- **rule**: both sides negative → against both; otherwise the side with the
  lower valence sum is the one the post is biased against; no difference →
  unbiased (never "against others");
- **logistic**: a logistic regression on the two sums and the two term
  counts, 5-fold stratified cross-validation (seeded).

Reported: macro-F1 and accuracy against the majority-class baseline, and the
AUC of the valence difference (Palestinian side minus Israeli side) for
"against Israel" vs the rest and of its negation for "against Palestine" vs
the rest (a score that carries no information has AUC 0.5); coverage (posts
with at least one term attached to a side).
"""

from __future__ import annotations

import argparse
import csv
import warnings
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from stance.pipeline import Pipeline  # noqa: E402
from stance.records import Document  # noqa: E402

LABELS = ["Biased against Palestine", "Biased against Israel", "Biased against both Palestine and Israel",
          "Biased against others", "Unbiased"]
SHORT = {LABELS[0]: "against Palestine", LABELS[1]: "against Israel", LABELS[2]: "against both",
         LABELS[3]: "against others", LABELS[4]: "unbiased"}
ISRAEL = {"IL"}
PALESTINE = {"PS", "HAMAS", "PIJ", "FATAH"}


def load(root: Path) -> tuple[list[tuple[str, str, str]], int]:
    """(key, Arabic text, majority label) per post with a clear majority; and the number of ties."""
    csv.field_size_limit(10**9)
    with open(root / "FIGNEWS-2024-TEXT-IAA.tsv", encoding="utf-8", newline="") as f:
        texts = {(r["Batch"], r["Source Language"], r["ID"]): r["Arabic MT"] or r["Text"]
                 for r in csv.DictReader(f, delimiter="\t")}
    posts, ties = [], 0
    with open(root / "FIGNEWS-2024-ALL-CLEAN-FLAT.tsv", encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t")
        header = next(rows)
        idx = [header.index(label) for label in LABELS]
        for r in rows:
            key = (r[0], r[1], r[2])
            if key not in texts:
                continue
            votes = [int(r[i] or 0) for i in idx]
            top = max(votes)
            if top == 0 or votes.count(top) > 1:
                ties += 1
                continue
            posts.append(("/".join(key), texts[key], SHORT[LABELS[votes.index(top)]]))
    return posts, ties


def features(pipe: Pipeline, key: str, text: str) -> list[float]:
    found = pipe.framing(Document(id=key, source="fignews", text=text)).framings
    il = [f.valence for f in found if f.party in ISRAEL]
    pal = [f.valence for f in found if f.party in PALESTINE]
    return [sum(il), sum(pal), len(il), len(pal)]


def rule(x: list[float]) -> str:
    s_il, s_pal = x[0], x[1]
    if s_il < 0 and s_pal < 0:
        return "against both"
    if s_pal < s_il:
        return "against Palestine"
    if s_il < s_pal:
        return "against Israel"
    return "unbiased"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("fignews", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "experiments" / "results" / "fignews.md")
    args = ap.parse_args()
    posts, ties = load(args.fignews)
    pipe = Pipeline()
    X = np.array([features(pipe, k, t) for k, t, _ in posts])
    y = np.array([label for _, _, label in posts])
    labels = sorted(set(y))
    majority = Counter(y).most_common(1)[0][0]
    base = np.array([majority] * len(y))
    pred_rule = np.array([rule(list(x)) for x in X])
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    warnings.filterwarnings("ignore", message="The least populated class")  # "against both" has one post
    pred_lr = cross_val_predict(LogisticRegression(max_iter=1000), X, y, cv=cv)
    diff = X[:, 1] - X[:, 0]
    covered = int(((X[:, 2] + X[:, 3]) > 0).sum())

    def scores(pred):
        return (f1_score(y, pred, labels=labels, average="macro", zero_division=0), accuracy_score(y, pred),
                {c: f1_score(y, pred, labels=[c], average="macro", zero_division=0) for c in labels})

    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    lines = ["# FIGNEWS 2024: does party valence predict annotators' bias labels?", "",
             f"Generated by `python experiments/fignews_eval.py ../shared/external/fignews` (git {rev or 'unknown'}, "
             f"lexicons {pipe.lexicons.version}).", "",
             f"{len(posts)} posts with a majority bias label ({ties} posts without one left out); labels: "
             + ", ".join(f"{c} {n}" for c, n in Counter(y).most_common()) + f". Posts with at least one framing term "
             f"attached to the Israeli or the Palestinian side: {covered} ({covered / len(posts):.1%}).", "",
             "| predictor | macro-F1 | accuracy | " + " | ".join(f"F1 {c}" for c in labels) + " |",
             "|---|---|---|" + "---|" * len(labels)]
    for name, pred in (("majority baseline", base), ("valence rule", pred_rule), ("valence logistic (5-fold CV)", pred_lr)):
        m, acc, per = scores(pred)
        lines.append(f"| {name} | {m:.3f} | {acc:.3f} | " + " | ".join(f"{per[c]:.3f}" for c in labels) + " |")
    rng = np.random.default_rng(0)

    def auc(target: np.ndarray, score: np.ndarray) -> str:
        value = roc_auc_score(target, score)
        boot = []
        for _ in range(1000):
            k = rng.integers(0, len(target), len(target))
            if 0 < target[k].sum() < len(k):
                boot.append(roc_auc_score(target[k], score[k]))
        return f"{value:.3f} [{np.percentile(boot, 2.5):.3f}, {np.percentile(boot, 97.5):.3f}]"

    lines += ["", "AUC of the valence difference, with 95% bootstrap intervals over posts (a score without "
              "information has 0.5):", "", "| label vs rest | AUC |", "|---|---|",
              f"| against Israel (score: Palestinian minus Israeli valence) | {auc(y == 'against Israel', diff)} |",
              f"| against Palestine (score: Israeli minus Palestinian valence) | {auc(y == 'against Palestine', -diff)} |"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
