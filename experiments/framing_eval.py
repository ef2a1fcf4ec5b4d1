"""Evaluate the lexicon-based framing extractor on the framing gold set; measure annotator agreement.

    python experiments/framing_eval.py ../shared/external/unifiedfc

Deterministic. Writes experiments/results/framing.md (quoted in the README).

The gold set (data/gold/framing/, codebook framing-0.1) was annotated by the
codebook without the lexicon: annotators mark every framing term, whether or
not frames.tsv lists it. The lexicon was written from a survey of the seeds and
UnifiedFC folds 1-4 before the gold set existed; the attachment rules were
tuned on ``dev`` (the seeds and folds 1-2) only, and ``test`` (folds 3-4) is
held out. Fold 5 is never read.

Metrics, per split, with 95% bootstrap intervals over sentences:

- term detection: precision, recall, F1 (a predicted term matches a gold term
  when their spans overlap);
- frame-to-party attachment, end to end: a (term, party) pair is correct when
  a predicted term overlaps a gold term and both give the same party;
  precision over predicted terms with a party, recall over gold terms with a
  party, F1 (detection errors count against it);
- frame-to-party attachment of the terms found: the same on the terms both
  the extractor and the annotator marked, which measures the attachment rules
  apart from term detection;
- on matched terms: frame, role and party accuracy, and the mean absolute
  difference of valence.

Agreement between the two annotations of the double-annotated sentences:
detection F1 and Krippendorff's alpha (nominal for frame, role, party; interval
for valence) on the terms both marked.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "experiments"))
from attribution_eval import bootstrap, documents, load, match  # noqa: E402

from stance.compare import alpha  # noqa: E402
from stance.pipeline import Pipeline  # noqa: E402

GOLD = ROOT / "data" / "gold" / "framing"
SPLITS = {"dev": {"seeds", "Fold_1", "Fold_2"}, "test": {"Fold_3", "Fold_4"}}


def counts(pairs) -> dict[str, float]:
    c: dict[str, float] = defaultdict(float)
    for g, p in pairs:
        if g is not None and p is not None:
            c["tp"] += 1
            c["frame_ok"] += g["frame"] == p["frame"]
            c["role_ok"] += g["role"] == p["role"]
            c["val_err"] += abs(g["valence"] - p["valence"])
            if g["party"]:
                c["party_n"] += 1
                c["party_ok"] += g["party"] == p["party"]
            if g["party"] and p["party"] == g["party"]:
                c["att_tp"] += 1
                c["m_att_tp"] += 1
            c["m_att_gold"] += bool(g["party"])
            c["m_att_pred"] += bool(p["party"])
        elif g is not None:
            c["fn"] += 1
        else:
            c["fp"] += 1
        if g is not None and g["party"]:
            c["att_gold"] += 1
        if p is not None and p["party"]:
            c["att_pred"] += 1
    return c


def metrics(cs: list[dict]) -> dict[str, float]:
    t: dict[str, float] = defaultdict(float)
    for c in cs:
        for k, v in c.items():
            t[k] += v
    div = lambda a, b: a / b if b else float("nan")  # noqa: E731
    f1 = lambda p, r: 2 * p * r / (p + r) if p + r else float("nan")  # noqa: E731
    p, r = div(t["tp"], t["tp"] + t["fp"]), div(t["tp"], t["tp"] + t["fn"])
    ap, ar = div(t["att_tp"], t["att_pred"]), div(t["att_tp"], t["att_gold"])
    mp, mr = div(t["m_att_tp"], t["m_att_pred"]), div(t["m_att_tp"], t["m_att_gold"])
    return {"precision": p, "recall": r, "f1": f1(p, r), "att_precision": ap, "att_recall": ar,
            "att_f1": f1(ap, ar), "m_att_precision": mp, "m_att_recall": mr, "m_att_f1": f1(mp, mr), "frame": div(t["frame_ok"], t["tp"]), "role": div(t["role_ok"], t["tp"]),
            "party": div(t["party_ok"], t["party_n"]), "valence_mae": div(t["val_err"], t["tp"]),
            "n_gold": t["tp"] + t["fn"], "n_pred": t["tp"] + t["fp"], "n_att": t["att_gold"]}


def agreement(main: list[dict], second: list[dict]) -> dict[str, float]:
    by_key = {(r["doc"], r["sentence_start"]): r for r in main}
    rows: dict[str, list[list[float]]] = {k: [[], []] for k in ("frame", "role", "party", "valence")}
    codes: dict[str, int] = {}
    both = n_a = n_b = n_sent = 0
    for s in second:
        m = by_key.get((s["doc"], s["sentence_start"]))
        if m is None:
            continue
        n_sent += 1
        for g, p in match(m["terms"], s["terms"]):
            n_a += g is not None
            n_b += p is not None
            if g is None or p is None:
                continue
            both += 1
            for k in ("frame", "role", "party"):
                rows[k][0].append(codes.setdefault(f"{k}:{g[k]}", len(codes)))
                rows[k][1].append(codes.setdefault(f"{k}:{p[k]}", len(codes)))
            rows["valence"][0].append(g["valence"])
            rows["valence"][1].append(p["valence"])
    out = {k: alpha(np.array(v, dtype=float), "interval" if k == "valence" else "nominal") for k, v in rows.items()}
    out["detection_f1"] = 2 * both / (n_a + n_b) if n_a + n_b else float("nan")
    out["sentences"], out["terms_a"], out["terms_b"], out["both"] = n_sent, n_a, n_b, both
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("unifiedfc", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "experiments" / "results" / "framing.md")
    args = ap.parse_args()
    gold = load(GOLD / "gold.jsonl")
    second = load(GOLD / "second.jsonl")
    pipe = Pipeline(keep_boilerplate=True)
    docs = documents(args.unifiedfc, {r["doc"] for r in gold})
    predicted = {}
    rules: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc_id, doc in docs.items():
        predicted[doc_id] = [{"start": f.start, "end": f.end, "frame": f.frame, "role": f.role, "party": f.party,
                              "valence": f.valence, "rule": f.rule} for f in pipe.framing(doc).framings]
    per_split: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for r in gold:
        pred = [p for p in predicted[r["doc"]] if r["sentence_start"] <= p["start"] < r["sentence_end"]]
        pairs = match(r["terms"], pred)
        for name, folds in SPLITS.items():
            if r["fold"] in folds:
                per_split[name].append(counts(pairs))
                if name == "dev":
                    for g, p in pairs:
                        if g is not None and p is not None and g["party"]:
                            rules[p["rule"]][0] += 1
                            rules[p["rule"]][1] += g["party"] == p["party"]
    rng = random.Random(0)
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    lines = ["# Framing: lexicon-based extractor on the framing gold set", "",
             f"Generated by `python experiments/framing_eval.py ../shared/external/unifiedfc` "
             f"(git {rev or 'unknown'}, lexicons {pipe.lexicons.version}, codebook {gold[0]['codebook']}).", "",
             "dev = seed sentences + UnifiedFC folds 1-2 (attachment rules tuned here); test = folds 3-4 (held out). "
             "Intervals: 95% bootstrap over sentences.", "",
             "| split | sentences | gold terms | predicted | precision | recall | F1 | attachment F1, end to end (n) | "
             "attachment P / R / F1, terms found | frame acc. | role acc. | valence MAE |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, cs in per_split.items():
        m, ci = metrics(cs), bootstrap(cs, rng, measure=metrics)
        fmt = lambda k: (f"{m[k]:.3f} [{ci[k][0]:.3f}, {ci[k][1]:.3f}]" if k in ci else f"{m[k]:.3f}")  # noqa: E731
        fmt2 = lambda k: f"{m[k]:.3f}"  # noqa: E731
        lines.append(f"| {name} | {len(cs)} | {int(m['n_gold'])} | {int(m['n_pred'])} | {fmt2('precision')} | "
                     f"{fmt2('recall')} | {fmt('f1')} | {fmt('att_f1')} ({int(m['n_att'])}) | "
                     f"{fmt2('m_att_precision')} / {fmt2('m_att_recall')} / {fmt('m_att_f1')} | {fmt2('frame')} | "
                     f"{fmt2('role')} | {fmt2('valence_mae')} |")
    lines += ["", "Party accuracy by attachment rule (dev, matched terms whose gold has a party):", "",
              "| rule | n | correct |", "|---|---|---|"]
    for rule, (n, ok) in sorted(rules.items(), key=lambda x: -x[1][0]):
        lines.append(f"| {rule} | {n} | {ok / n:.3f} |")
    ag = agreement(gold, second)
    lines += ["", "## Inter-annotator agreement", "",
              f"Second independent annotation of {ag['sentences']} sentences: {ag['terms_a']} and {ag['terms_b']} "
              f"terms marked, {ag['both']} by both (overlapping spans). Detection agreement is the F1 of one annotation "
              "against the other; the rest is Krippendorff's alpha on the terms both marked (nominal; interval for "
              "valence).", "",
              "| detection F1 | frame | role | party | valence |", "|---|---|---|---|---|",
              "| " + " | ".join(f"{ag[k]:.3f}" for k in ("detection_f1", "frame", "role", "party", "valence")) + " |"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
