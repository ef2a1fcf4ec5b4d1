"""Claim-level stance on UnifiedFC (issue 5, part 3): the model against the baseline on the five folds.

    python experiments/claim_stance_eval.py ../shared/external/unifiedfc

Deterministic (seed 0). Runs :func:`stance.models.claim_stance.evaluate_claim_stance`,
the library call behind ``stance evaluate claim-stance``, and writes
experiments/results/claim_stance.md: pooled and per-fold macro-F1, per-class
F1 (agree, disagree, discuss, unrelated) and confusion matrices of the model
and the baseline, run on the same folds in the same call, with the list of
what was tried before the configuration was fixed. 5 to 10 minutes on
one core (the attribution pass over the 3,042 articles is about one).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from stance.models.claim_stance import LABELS, ClaimStanceScores, evaluate_claim_stance  # noqa: E402

# What was compared on the outer folds before the shipped configuration was fixed (see the results file).
TRIED = """\
Configurations compared on the five outer folds during development (pooled macro-F1; every one
between 0.43 and 0.49, against 0.46-0.47 for the baseline):

| # | features | model | macro-F1 |
|---|---|---|---|
| 1 | similarity + attribution + cue words + claim-relative | logistic regression (balanced) | 0.454 |
| 2 | the same without claim-relative features | logistic regression (balanced) | 0.449 |
| 3 | similarity + attribution + cue words + claim-relative | gradient boosting, no class weights | 0.398 |
| 4 | the same | gradient boosting (balanced) | 0.458 |
| 5 | the same without claim-relative features | gradient boosting (balanced) | 0.466 |
| 6 | all dense features + article character TF-IDF | logistic regression (balanced) | 0.454 |
| 7 | average of 4 and 1 | | 0.479 |
| 8 | average of 4 and 6 | | 0.484 |
| 9 | average of 4, 1 and 6 | | 0.473 |
| 10 | average of 4 and the baseline | | 0.474 |
| 11-13 | + LSA cosines, IDF-weighted claim coverage, headline cosine: boosting (15 leaves), LR, their average | | 0.446, 0.446, 0.462 |
| 14-16 | the same, boosting with 7 leaves, its average with LR, with LR + characters | | 0.465, 0.474, 0.472 |
| 17 | two stages: related vs unrelated, then agree / disagree / discuss (boosting) | | 0.459 |
| 18 | 11 + a claim-text prior (character TF-IDF of the claim, stacked by inner grouped CV) | | 0.431 |
| 19 | average of 17 and 18 | | 0.431 |
| 20 | 11 + frequency and sentence density of the claim's three rarest words (boosting) | | 0.440 (11 alone: 0.446) |
| 21 | the shipped features + sentence evidence features learned from UnifiedFC's rationale lines (`experiments/claim_stance_rationale_probe.py`, lexicons 0.5.0) | the shipped average | 0.476, 0.478 in two runs (0.483 without them in each) |

Per-class decision offsets chosen on the pooled out-of-fold probabilities of 4, 1 and 7 (an
*oracle*, since it looks at the test folds, used only to bound what threshold tuning could give)
reached at most 0.487, so nested threshold tuning was not pursued. The shipped model is 8 with the
feature set of 11 less the LSA cosines (fixed before the runs reported above). No
hyperparameter was tuned: boosting uses learning rate 0.05, 200 iterations, 15 leaves, 20 samples
per leaf, L2 1.0; logistic regression C = 1. Because about twenty configurations were compared on
the same five folds, the small differences between them (and between the model and the baseline)
are within selection noise. The shipped configuration itself scored 0.479, 0.480, 0.469 and 0.483
in four runs on the same folds while the attribution extractor and the lexicons were being changed
by other work; the baseline, which uses no attributions, scored 0.472, 0.472, 0.472 and 0.471.
"""


def _revision() -> str:
    """The checked-out commit, read from .git without running git."""
    head = ROOT / ".git" / "HEAD"
    try:
        ref = head.read_text(encoding="utf-8").strip()
        if not ref.startswith("ref: "):
            return ref[:7]
        name = ref[5:]
        path = ROOT / ".git" / name
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()[:7]
        packed = ROOT / ".git" / "packed-refs"
        for line in packed.read_text(encoding="utf-8").splitlines():
            if line.endswith(" " + name):
                return line.split()[0][:7]
    except OSError:
        pass
    return "unknown"


def _row(name: str, s: ClaimStanceScores) -> str:
    return (f"| {name} | {s.accuracy:.3f} | {s.macro_f1:.3f} | {s.mean_fold_macro_f1:.3f} | "
            + " | ".join(f"{s.per_class[k]:.3f}" for k in LABELS) + " |")


def _confusion(name: str, s: ClaimStanceScores) -> list[str]:
    lines = [f"{name} (rows: gold, columns: predicted)", "",
             "| gold \\ predicted | " + " | ".join(LABELS) + " |", "|---|" + "---|" * len(LABELS)]
    lines += [f"| {g} | " + " | ".join(str(v) for v in row) + " |" for g, row in zip(LABELS, s.confusion)]
    return lines + [""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("unifiedfc", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "experiments" / "results" / "claim_stance.md")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    start = time.perf_counter()
    ev = evaluate_claim_stance(args.unifiedfc, seed=args.seed)
    seconds = time.perf_counter() - start
    meta = json.loads((ROOT / "lexicons" / "meta.json").read_text(encoding="utf-8"))
    m, b = ev.model, ev.baseline
    lines = [
        "# Claim-level stance on UnifiedFC: model and baseline on the five claim-level folds", "",
        f"Generated by `python experiments/claim_stance_eval.py ../shared/external/unifiedfc` (git {_revision()}, "
        f"lexicons {meta.get('version', '?')}, seed {ev.seed}; {seconds / 60:.1f} minutes on one core of a "
        "shared machine). The same numbers come from `stance evaluate claim-stance DIR --format json`.", "",
        f"{ev.n} claim-article pairs; each of the five folds of train_test_splits.txt is the test set once "
        "(claim-level: a claim and all its articles are on one side). Pooled scores are computed over all "
        "out-of-fold predictions; the mean of the per-fold macro-F1 is given too.", "",
        "**Result: the issue's target (macro-F1 >= 0.60) is not reached.** The model is "
        f"{'above' if m.macro_f1 > b.macro_f1 else 'not above'} the baseline in this run "
        f"({m.macro_f1:.3f} against {b.macro_f1:.3f} pooled, {m.mean_fold_macro_f1:.3f} against "
        f"{b.mean_fold_macro_f1:.3f} as the mean over folds), a difference within the noise of model selection "
        "(see below). Attribution and cue-word features do not add measurable signal to claim similarity on "
        "this corpus.", "",
        "| model | accuracy | macro-F1 | mean fold macro-F1 | " + " | ".join(f"F1 {k}" for k in LABELS) + " |",
        "|---|---|---|---|" + "---|" * len(LABELS),
        _row("claim-stance model", m), _row("baseline (characters + similarity + LR)", b), "",
        "## Per fold", "",
        "| fold | pairs | model macro-F1 | baseline macro-F1 | model F1 disagree | baseline F1 disagree | "
        "model F1 discuss | baseline F1 discuss |", "|---|---|---|---|---|---|---|---|",
    ]
    for fm, fb in zip(m.per_fold, b.per_fold):
        lines.append(f"| {fm.fold} | {fm.n} | {fm.macro_f1:.3f} | {fb.macro_f1:.3f} | {fm.per_class['disagree']:.3f} | "
                     f"{fb.per_class['disagree']:.3f} | {fm.per_class['discuss']:.3f} | {fb.per_class['discuss']:.3f} |")
    lines += ["", "## Confusion matrices", ""] + _confusion("Model", m) + _confusion("Baseline", b)
    lines += [
        "## The model", "",
        "`stance.models.claim_stance.ClaimStanceClassifier`: the average of the class probabilities of a "
        "gradient-boosting classifier over dense features and a logistic regression over the same features "
        "(standardised) plus the character 2-4-gram TF-IDF of the article's first 3,000 characters; both with "
        "balanced class weights. Dense features (about 100): word (light-stemmed) TF-IDF cosine of claim and "
        "article, best / top-3 / headline sentence cosines, character cosine, the share of the claim's words "
        "(plain and IDF-weighted, in the article and in its best sentence), word pairs, numbers and parties; "
        "the same similarities standardised, ranked and divided by the maximum among the articles of the same "
        "claim, and each article's similarity to the claim's other articles (claim-relative, label-free); "
        "attributions by coarse stance, negated and hedged ones and own-voice assertions in the three "
        "sentences closest to the claim, in the closest one and in the whole article; the stances of the "
        "claim's own cues; cue words of `lexicons/claim_stance_cues.tsv` (refutation: شائعة، لا صحة، مفبرك، "
        "عار عن الصحة ...; unverified: لم يتسن التحقق; rumour reports: أنباء، تداول، ناشطون; confirmation) in "
        "the closest sentences, the headline, the article and the claim.", "",
        "The baseline (`BaselineClaimStance`) is the issue's reference: the same character TF-IDF plus six "
        "similarity numbers (article cosine, best and top-3 sentence cosines, shares of claim words, numbers "
        "and parties) and a balanced logistic regression.", "",
        "## What was tried", "", TRIED,
        "## Why the target is out of reach here", "",
        "- `discuss` articles are hardly closer to the claim than `unrelated` ones by every similarity measured (mean "
        "best-sentence cosine 0.29 against 0.19, mean share of claim words 0.61 against 0.50), and the "
        "annotation of the two is inconsistent (articles on the claim's event are labelled either way).",
        "- `disagree` has 87 pairs in all (6 in Fold_3); most of them contradict the claim with other facts "
        "rather than with refutation words, so refutation and denial cues fire in few of them.",
        "- The cue words and attribution counts separate the classes only weakly one at a time (AUC 0.55-0.62 "
        "for disagree against agree), and add nothing measurable to similarity in any model tried.",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:14]))


if __name__ == "__main__":
    main()
