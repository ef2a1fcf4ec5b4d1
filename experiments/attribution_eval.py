"""Evaluate the lexicon-based attribution extractor on the gold set; measure annotator agreement.

    python experiments/attribution_eval.py ../shared/external/unifiedfc

Deterministic. Writes experiments/results/attribution.md (quoted in the README).

Splits: the extractor's rules were developed on the seeds and on the gold
sentences of UnifiedFC folds 1-2 (``dev``). The first sample of folds 3-4
(``test-1``) was held out until the extractor's third revision, then used for
tuning too; ``heldout-2`` (240 sentences from folds 3-4 articles no earlier gold
sentence came from, annotated blind) was the held-out result of the fourth
revision and then used for tuning; ``heldout-3`` (300 sentences from folds 3-4
articles neither earlier set drew on, annotated blind before heldout-2 was
tuned on) was the held-out result of the sixth revision and then used for
tuning; ``heldout-4`` (300 sentences from folds 3-4 articles no earlier set drew
on, annotated blind and imported after the seventh revision was committed) is
the held-out result now. ``rare`` (200 sentences of folds 1-4 chosen because
they contain a word stem of denial or distancing, see
experiments/gold/make_tasks.py) is reported apart: its sentences were chosen by
their words, so it measures the rare stances, not the extractor on news text at
large. The lexicons were written from a survey
of folds 1-4 before the gold set was annotated. Fold 5 is never read.

Metrics, per split, with 95% bootstrap intervals over sentences (2,000
resamples): cue detection precision, recall and F1 (a predicted cue matches a
gold cue when their spans overlap); on matched cues, coarse stance accuracy,
party accuracy (on cues whose gold speaker has a party), negation accuracy and
hedge accuracy. Agreement: Krippendorff's alpha between the main and the
second annotation on the sentences both annotated.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "experiments"))
from unifiedfc import claim  # noqa: E402

from stance.compare import alpha  # noqa: E402
from stance.corpus import read_corpus  # noqa: E402
from stance.pipeline import Pipeline  # noqa: E402

GOLD = ROOT / "data" / "gold" / "attribution"
SPLITS = {"dev": ("gold.jsonl", {"seeds", "Fold_1", "Fold_2"}),
          "test-1": ("gold.jsonl", {"Fold_3", "Fold_4"}),
          "heldout-2": ("heldout2.jsonl", {"Fold_3", "Fold_4"}),
          "heldout-3": ("heldout3.jsonl", {"Fold_3", "Fold_4"}),
          "heldout-4": ("heldout4.jsonl", {"Fold_3", "Fold_4"}),
          "heldout-5": ("heldout5.jsonl", {"Fold_3", "Fold_4"}),
          "heldout-6": ("heldout6.jsonl", {"Fold_1", "Fold_2", "Fold_3", "Fold_4"}),
          "rare (targeted)": ("rare.jsonl", {"Fold_1", "Fold_2", "Fold_3", "Fold_4"})}
AGREEMENT = {"gold.jsonl": "second.jsonl", "heldout2.jsonl": "heldout2_second.jsonl",
             "heldout3.jsonl": "heldout3_second.jsonl", "heldout4.jsonl": "heldout4_second.jsonl",
             "heldout5.jsonl": "heldout5_second.jsonl", "heldout6.jsonl": "heldout6_second.jsonl"}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def documents(unifiedfc: Path, doc_ids: set[str]) -> dict:
    seeds = {f"seeds:{d.id}": d for d in read_corpus([ROOT / "data" / "seeds"])}
    out = {}
    from stance.records import Document

    for doc_id in sorted(doc_ids):
        if doc_id.startswith("seeds:"):
            out[doc_id] = seeds[doc_id]
        else:
            _, cid, n = doc_id.split(":")
            c = claim(unifiedfc, cid)
            out[doc_id] = Document(id=doc_id, source="unifiedfc", text=c["article"][int(n)], story=cid)
    return out


def overlaps(a, b) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def match(gold: list[dict], pred: list[dict]) -> list[tuple[dict | None, dict | None]]:
    pairs, used = [], set()
    for g in gold:
        hit = next((k for k, p in enumerate(pred) if k not in used and overlaps(g, p)), None)
        if hit is None:
            pairs.append((g, None))
        else:
            used.add(hit)
            pairs.append((g, pred[hit]))
    pairs += [(None, p) for k, p in enumerate(pred) if k not in used]
    return pairs


def sentence_counts(pairs) -> dict[str, float]:
    c = defaultdict(float)
    for g, p in pairs:
        if g is not None and p is not None:
            c["tp"] += 1
            c["stance_ok"] += g["stance"] == p["stance"]
            c["neg_ok"] += g["negated"] == p["negated"]
            c["hedge_ok"] += g["hedged"] == p["hedged"]
            if g["party"]:
                c["party_n"] += 1
                c["party_ok"] += g["party"] == p["party"]
        elif g is not None:
            c["fn"] += 1
        else:
            c["fp"] += 1
    return c


def metrics(counts: list[dict]) -> dict[str, float]:
    t = defaultdict(float)
    for c in counts:
        for k, v in c.items():
            t[k] += v
    p = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else float("nan")
    r = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else float("nan")
    f = 2 * p * r / (p + r) if p + r else float("nan")
    div = lambda a, b: a / b if b else float("nan")  # noqa: E731
    return {"precision": p, "recall": r, "f1": f, "stance": div(t["stance_ok"], t["tp"]),
            "party": div(t["party_ok"], t["party_n"]), "negation": div(t["neg_ok"], t["tp"]),
            "hedge": div(t["hedge_ok"], t["tp"]), "n_gold": t["tp"] + t["fn"], "n_pred": t["tp"] + t["fp"],
            "n_party": t["party_n"]}


def bootstrap(counts: list[dict], rng: random.Random, n: int = 2000,
              measure=None) -> dict[str, tuple[float, float]]:
    """Percentile intervals of ``measure`` (default: this script's metrics) over sentences resampled."""
    measure = measure or metrics
    samples = defaultdict(list)
    for _ in range(n):
        m = measure([counts[rng.randrange(len(counts))] for _ in counts])
        for k, v in m.items():
            if not np.isnan(v):
                samples[k].append(v)
    return {k: (float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))) for k, v in samples.items()}


def agreement(main: list[dict], second: list[dict]) -> dict[str, float]:
    by_key = {(r["doc"], r["sentence_start"]): r for r in main}
    classes = ["none", "factive", "report", "according", "distancing", "denial", "estimate"]
    stances = ["none", "endorse", "neutral", "distance", "deny"]
    rows = {"class": [[], []], "stance": [[], []], "cue": [[], []], "assertion": [[], []],
            "party": [[], []], "negated": [[], []], "hedged": [[], []]}
    parties: dict[str, int] = {}
    n_sent = 0
    for s in second:
        m = by_key.get((s["doc"], s["sentence_start"]))
        if m is None:
            continue
        n_sent += 1
        rows["assertion"][0].append(int(m["assertion"]))
        rows["assertion"][1].append(int(s["assertion"]))
        for g, p in match(m["attributions"], s["attributions"]):
            rows["cue"][0].append(int(g is not None))
            rows["cue"][1].append(int(p is not None))
            rows["class"][0].append(classes.index(g["class"]) if g else 0)
            rows["class"][1].append(classes.index(p["class"]) if p else 0)
            rows["stance"][0].append(stances.index(g["stance"]) if g else 0)
            rows["stance"][1].append(stances.index(p["stance"]) if p else 0)
            if g and p:
                for key in ("negated", "hedged"):
                    rows[key][0].append(int(g[key]))
                    rows[key][1].append(int(p[key]))
                rows["party"][0].append(parties.setdefault(str(g["party"]), len(parties)))
                rows["party"][1].append(parties.setdefault(str(p["party"]), len(parties)))
    out = {k: alpha(np.array(v, dtype=float), "nominal") for k, v in rows.items() if k != "cue"}
    both = sum(1 for a, b in zip(*rows["cue"]) if a and b)
    out["cue_f1"] = 2 * both / (sum(rows["cue"][0]) + sum(rows["cue"][1]))
    out["sentences"] = n_sent
    out["units"] = len(rows["cue"][0])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("unifiedfc", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "experiments" / "results" / "attribution.md")
    args = ap.parse_args()
    sets = {name: load(GOLD / name) for name in dict.fromkeys(f for f, _ in SPLITS.values()) if (GOLD / name).exists()}
    # The annotators read whole documents; boilerplate removal is measured on its own
    # (experiments/boilerplate_eval.py), so the extractor is scored on every annotated sentence.
    pipe = Pipeline(keep_boilerplate=True)
    docs = documents(args.unifiedfc, {r["doc"] for rows in sets.values() for r in rows})
    predicted = {}
    for doc_id, doc in docs.items():
        res = pipe.attributions(doc)
        predicted[doc_id] = [{"start": a.start, "end": a.end, "stance": a.stance, "negated": a.negated,
                              "hedged": a.hedged, "party": a.party, "cue_class": a.cue_class} for a in res.attributions]
    per_split = {name: [] for name, (f, _) in SPLITS.items() if f in sets}
    errors = []
    for name, (file, folds) in SPLITS.items():
        for r in sets.get(file, []):
            if r["fold"] not in folds:
                continue
            pred = [p for p in predicted[r["doc"]] if r["sentence_start"] <= p["start"] < r["sentence_end"]]
            pairs = match(r["attributions"], pred)
            per_split[name].append(sentence_counts(pairs))
            errors += [(name, r["doc"], g, p) for g, p in pairs if g is None or p is None
                       or g["stance"] != p["stance"] or (g["party"] and g["party"] != p["party"])]
    rng = random.Random(0)
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    lines = ["# Attribution extraction: lexicon-based extractor on the gold set", "",
             f"Generated by `python experiments/attribution_eval.py ../shared/external/unifiedfc` "
             f"(git {rev or 'unknown'}, lexicons {pipe.lexicons.version}, codebook {sets['gold.jsonl'][0]['codebook']}).", "",
             "dev = seed sentences + UnifiedFC folds 1-2 (rules developed here); test-1 = a first sample of folds 3-4 "
             "(held out for two revisions, then used for tuning); heldout-2 = a fresh sample of folds 3-4 articles "
             "annotated afterwards (the held-out result of the fourth revision, then used for tuning); heldout-3 = a "
             "third sample of folds 3-4 articles, annotated blind before any tuning on heldout-2 (the held-out result "
             "of the sixth revision, then used for tuning); heldout-4 = a fourth sample of folds 3-4 articles, "
             "annotated blind and imported after the seventh revision was committed (its held-out result), then "
             "used for tuning; heldout-5 = a fifth sample of folds 3-4 articles, annotated blind and imported after "
             "the eighth revision was committed (its held-out result), then used for tuning; heldout-6 = a sixth "
             "sample, of the folds 1-4 articles no earlier sample drew on (folds 3-4 had none left, so folds 1-2 "
             "articles), annotated blind and imported after the ninth revision was committed, never used for "
             "tuning: the held-out result. rare (targeted) = 200 sentences of folds 1-4 chosen for a word stem of denial or "
             "distancing (training data for the rare stances; not a sample of news text at large).",
             "Intervals: 95% bootstrap over sentences.", "",
             "| split | sentences | gold cues | predicted | precision | recall | F1 | stance acc. | party acc. (n) | negation acc. | hedge acc. |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, counts in per_split.items():
        m, ci = metrics(counts), bootstrap(counts, rng)
        fmt = lambda k: f"{m[k]:.3f} [{ci[k][0]:.3f}, {ci[k][1]:.3f}]" if k in ci else f"{m[k]:.3f}"  # noqa: E731
        lines.append(f"| {name} | {len(counts)} | {int(m['n_gold'])} | {int(m['n_pred'])} | {fmt('precision')} | "
                     f"{fmt('recall')} | {fmt('f1')} | {fmt('stance')} | {fmt('party')} ({int(m['n_party'])}) | "
                     f"{fmt('negation')} | {fmt('hedge')} |")
    lines += ["", "## Inter-annotator agreement", "",
              "Independent second annotations (cue units: cues marked by either annotator, matched by overlap). Cue "
              "detection agreement is the F1 of one annotation against the other (alpha is undefined for presence when "
              "units are only the marked cues); the rest is Krippendorff's alpha (nominal), on all units for class and "
              "stance ('none' where one annotator marked no cue), on cues both marked for negated, hedged and party "
              "('all equal' where every unit has the same value in both annotations: alpha is undefined, "
              "agreement is complete):", "",
              "| set | sentences | cue units | cue F1 | class (incl. none) | stance (incl. none) | negated | hedged | party | assertion (per sentence) |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for main_file, second_file in AGREEMENT.items():
        if main_file in sets and (GOLD / second_file).exists():
            ag = agreement(sets[main_file], load(GOLD / second_file))
            lines.append(f"| {main_file.removesuffix('.jsonl')} | {ag['sentences']} | {ag['units']} | " + " | ".join(
                "all equal" if np.isnan(ag[k]) else f"{ag[k]:.3f}"
                for k in ("cue_f1", "class", "stance", "negated", "hedged", "party", "assertion")) + " |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    err_path = Path("/tmp/attribution_errors.jsonl")
    with open(err_path, "w", encoding="utf-8") as f:
        for split, doc_id, g, p in errors:
            f.write(json.dumps({"split": split, "doc": doc_id, "gold": g, "pred": p}, ensure_ascii=False) + "\n")
    print(f"\n{len(errors)} disagreements written to {err_path} (not committed: they quote third-party text offsets only)")


if __name__ == "__main__":
    main()
