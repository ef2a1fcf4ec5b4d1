"""Probe for issue 5: does a sentence-level evidence model learned from UnifiedFC's rationales help claim stance?

    python experiments/claim_stance_rationale_probe.py ../shared/external/unifiedfc

Deterministic; about seven minutes on one core. Writes
experiments/results/claim_stance_rationale_probe.md. A measurement, not part of
the shipped model (a negative result so far).

UnifiedFC marks, for every agree and disagree article, the lines that carry
the evidence (``rationale``). The idea: learn from those lines which sentence
of an article states (or contradicts) the claim, then describe each article by
its best evidence sentences: the highest evidence probability, the mean of
the best two, their sum, the highest agree and disagree probabilities, the
share of disagree in the best sentence, how many sentences pass 0.3, where
the best one stands, and the same ranked and standardised among the articles
of the claim. These features are added to those of
``stance.models.claim_stance.ClaimStanceClassifier`` (boosting + logistic
regression over dense features and character TF-IDF, averaged).

The sentence model is a gradient-boosting classifier (agree evidence,
disagree evidence, none) over features of a (claim, sentence) pair: word
TF-IDF cosine with the claim and its gap to the article's best sentence and
rank, the share of the claim's words (plain, IDF-weighted), word pairs and
numbers in the sentence, its position and length, the attributions by coarse
stance and the negated and hedged ones in it, whether the writer asserts it,
and the claim-stance cue words in it. Rationale lines are mapped to the
pipeline's sentences by character overlap. Outer loop: the five claim-level
folds. The article model of each outer fold learns from evidence features
computed out of fold (leave one training fold out), so no article's features
come from a sentence model that saw its own rationales.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score, roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from stance.datasets.unifiedfc import read_unifiedfc  # noqa: E402
from stance.models.claim_stance import (  # noqa: E402
    LABELS, _NUMBER, ClaimArticlePair, ClaimStanceClassifier, _ClaimCache, _CueCounter, _Featuriser, _pair_of,
    _tokens, read_claim_cues)
from stance.pipeline import Pipeline  # noqa: E402

_KEYS = ("endorse", "neutral", "distance", "deny")


def prepare(root: Path) -> tuple[list[ClaimArticlePair], np.ndarray, np.ndarray, list[tuple[bool, ...]], tuple]:
    """Pairs as prepare_unifiedfc makes them, with a rationale flag per pipeline sentence."""
    data = read_unifiedfc(root)
    pipe, cache = Pipeline(), _ClaimCache()
    fold_of = {cid: name for name, ids in data.folds.items() for cid in ids}
    pairs, y, folds, flags = [], [], [], []
    for cid, claim in data.claims.items():
        rationale = json.loads((root / "dataset" / f"{cid}.json").read_text(encoding="utf-8"))["rationale"]
        for k, (doc, stance) in enumerate(zip(claim.articles, claim.stances)):
            lines = set(json.loads(rationale[k])) if rationale[k] else set()
            spans, pos = [], 0
            for line in doc.text.split("\n"):
                spans.append((pos, pos + len(line)))
                pos += len(line) + 1
            marked = [spans[i] for i in lines if i < len(spans)]
            res = pipe.attributions(doc)
            flags.append(tuple(any(s.start < e and s.end > b for b, e in marked) for s in res.sentences))
            pairs.append(_pair_of(cid, claim.text, doc, res, pipe, cache))
            y.append(stance)
            folds.append(fold_of[cid])
    return pairs, np.array(y, dtype=str), np.array(folds, dtype=str), flags, tuple(data.folds)


def sentence_features(fz: _Featuriser, counter: _CueCounter, pairs, y, flags, idx):
    """(claim, sentence) features of the pairs ``idx``: rows, labels, the pair of each row."""
    rows, labels, owner = [], [], []
    claims = fz.words.transform([_tokens(pairs[i].claim) for i in idx])
    for j, i in enumerate(idx):
        p = pairs[i]
        if not p.sentences:
            continue
        cos = np.asarray((fz.words.transform([_tokens(s) for s in p.sentences]) @ claims[j].T).todense()).ravel()
        rank = np.argsort(np.argsort(-cos, kind="stable"))
        ct = _tokens(p.claim)
        cw = {w for w in ct if len(w) > 2}
        idf_all = sum(fz.idf.get(w, 0.0) for w in cw) or 1.0
        cbig, nums = set(zip(ct, ct[1:])), set(_NUMBER.findall(p.claim))
        att: dict[int, list[int]] = {}
        for k, st, neg, hedged in p.attributions:
            d = att.setdefault(k, [0] * 6)
            d[_KEYS.index(st)] += 1
            d[4] += neg
            d[5] += hedged
        asserted, n = set(p.assertions), len(p.sentences)
        for k, s in enumerate(p.sentences):
            t = _tokens(s)
            ws = set(t)
            r = [cos[k], cos[k] - cos.max(), rank[k] / max(n - 1, 1), float(rank[k] == 0), float(rank[k] < 3),
                 len(cw & ws) / len(cw) if cw else 0.0, sum(fz.idf.get(w, 0.0) for w in cw & ws) / idf_all,
                 len(cbig & set(zip(t, t[1:]))) / len(cbig) if cbig else 0.0,
                 len(nums & set(_NUMBER.findall(s))) / len(nums) if nums else 0.0,
                 k / n, float(k < 2), math.log1p(len(t)), math.log1p(n), float(k in asserted)]
            r += att.get(k, [0] * 6) + [math.log1p(v) for v in counter.count(s)]
            rows.append(r)
            labels.append(y[i] if flags[i][k] else "none")
            owner.append(i)
    return np.array(rows, dtype=float), np.array(labels), np.array(owner)


def sentence_model(X, labels) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(learning_rate=0.1, max_iter=150, max_leaf_nodes=15, min_samples_leaf=40,
                                          random_state=0).fit(X, labels)


def evidence(model, X, owner, idx) -> np.ndarray:
    """Article features from the sentence model's probabilities (zeros for an article without sentences)."""
    P, cl = model.predict_proba(X), list(model.classes_)
    pa = P[:, cl.index("agree")] if "agree" in cl else np.zeros(len(X))
    pd = P[:, cl.index("disagree")] if "disagree" in cl else np.zeros(len(X))
    pe = pa + pd
    out = np.zeros((len(idx), 9))
    where = {i: j for j, i in enumerate(idx)}
    rows: dict[int, list[int]] = {}
    for r, o in enumerate(owner):
        rows.setdefault(int(o), []).append(r)
    for o, rs in rows.items():
        rs = np.array(rs)
        e = pe[rs]
        top = np.sort(e)[::-1]
        best = int(rs[np.argmax(e)])
        out[where[o]] = [top[0], top[:2].mean(), e.sum(), pa[rs].max(), pd[rs].max(), pd[best] / (pe[best] + 1e-9),
                         (e > 0.3).sum(), np.argmax(e) / len(rs), math.log(e.sum() + 1e-3)]
    return out


def claim_relative(pairs, idx, E) -> np.ndarray:
    """The best evidence and the best disagree probability standardised and as a gap to the claim's maximum."""
    out = np.zeros((len(idx), 4))
    groups: dict[str, list[int]] = {}
    for j, i in enumerate(idx):
        groups.setdefault(pairs[i].claim_id, []).append(j)
    for js in groups.values():
        js = np.array(js)
        for c, col in enumerate((0, 4)):
            v = E[js, col]
            out[js, 2 * c] = (v - v.mean()) / (v.std() + 1e-6)
            out[js, 2 * c + 1] = v - v.max()
    return out


def ensemble(Xtr, Ctr, ytr, Xte, Cte) -> tuple[np.ndarray, np.ndarray]:
    """ClaimStanceClassifier's two models on the given matrices; their class probabilities averaged."""
    model = ClaimStanceClassifier()._fit_matrices(Xtr, Ctr, ytr)
    return model.classes_, model._proba_matrices(Xte, Cte)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("unifiedfc", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "experiments" / "results" / "claim_stance_rationale_probe.md")
    args = ap.parse_args()
    t0 = time.time()
    pairs, y, folds, flags, order = prepare(args.unifiedfc)
    cues = read_claim_cues()
    counter = _CueCounter(cues)
    pred = {k: np.empty(len(y), dtype=object) for k in ("without", "with")}
    best_evidence, best_cosine = np.zeros(len(y)), np.zeros(len(y))
    for f in order:
        tr, te = np.where(folds != f)[0], np.where(folds == f)[0]
        fz = _Featuriser(cues, 50000).fit([pairs[i] for i in tr])
        Xtr, names, Ctr = fz.transform([pairs[i] for i in tr])
        Xte, _, Cte = fz.transform([pairs[i] for i in te])
        S_tr, L_tr, O_tr = sentence_features(fz, counter, pairs, y, flags, tr)
        S_te, _, O_te = sentence_features(fz, counter, pairs, y, flags, te)
        E_tr, at = np.zeros((len(tr), 9)), {i: j for j, i in enumerate(tr)}
        for g in order:  # out-of-fold evidence for the training articles
            if g == f:
                continue
            inner = folds[O_tr] != g
            held = np.array(sorted(set(O_tr[~inner].tolist())))
            E = evidence(sentence_model(S_tr[inner], L_tr[inner]), S_tr[~inner], O_tr[~inner], held)
            for j, i in enumerate(held):
                E_tr[at[i]] = E[j]
        E_te = evidence(sentence_model(S_tr, L_tr), S_te, O_te, te)
        E_tr = np.hstack([E_tr, claim_relative(pairs, tr, E_tr)])
        E_te = np.hstack([E_te, claim_relative(pairs, te, E_te)])
        classes, P = ensemble(Xtr, Ctr, y[tr], Xte, Cte)
        pred["without"][te] = classes[P.argmax(axis=1)]
        classes, P = ensemble(np.hstack([Xtr, E_tr]), Ctr, y[tr], np.hstack([Xte, E_te]), Cte)
        pred["with"][te] = classes[P.argmax(axis=1)]
        best_evidence[te], best_cosine[te] = E_te[:, 0], Xte[:, names.index("cos_best_sentence")]
        print(f"{f} done ({time.time() - t0:.0f} s)", file=sys.stderr)

    def auc(pos, neg, v):
        m = np.isin(y, pos + neg)
        return roc_auc_score(np.isin(y[m], pos), v[m])

    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    lines = ["# Claim stance: a sentence evidence model learned from UnifiedFC's rationales (probe)", "",
             f"Generated by `python experiments/claim_stance_rationale_probe.py ../shared/external/unifiedfc` "
             f"(git {rev or 'unknown'}; {time.time() - t0:.0f} s). What the probe does: its docstring.", "",
             f"{len(y)} claim-article pairs, {sum(map(sum, flags))} pipeline sentences marked as rationale; the five "
             "claim-level folds of train_test_splits.txt. Pooled out-of-fold predictions.", "",
             "| article model | macro-F1 | F1 agree | F1 disagree | F1 discuss | F1 unrelated |", "|---|---|---|---|---|---|"]
    for name, label in (("without", "claim-stance model features"), ("with", "+ evidence features")):
        p = pred[name].astype(str)
        per = f1_score(y, p, labels=list(LABELS), average=None)
        lines.append(f"| {label} | {f1_score(y, p, labels=list(LABELS), average='macro'):.3f} | "
                     + " | ".join(f"{v:.3f}" for v in per) + " |")
    lines += ["", "How well one number separates the classes (ROC AUC, out of fold): the best evidence probability "
              "against the claim-sentence cosine of the article's closest sentence.", "",
              "| classes | best evidence probability | best sentence cosine |", "|---|---|---|"]
    for pos, neg in ((["agree", "disagree"], ["discuss"]), (["agree", "disagree"], ["unrelated"]),
                     (["discuss"], ["unrelated"]), (["disagree"], ["agree"])):
        lines.append(f"| {' + '.join(pos)} vs {' + '.join(neg)} | {auc(pos, neg, best_evidence):.3f} | "
                     f"{auc(pos, neg, best_cosine):.3f} |")
    gain = (f1_score(y, pred["with"].astype(str), average="macro")
            - f1_score(y, pred["without"].astype(str), average="macro"))
    lines += ["", f"Evidence features change the article model's macro-F1 by {gain:+.3f} (one run, the same folds; "
              "differences of about 0.01 are within the noise of model selection here, see claim_stance.md)."]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
