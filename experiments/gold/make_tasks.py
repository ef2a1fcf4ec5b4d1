"""Sample sentences of UnifiedFC (folds 1-4 only) and the seeds for attribution annotation.

Deterministic (seeded). Writes annotation tasks (with the sentence text, for the
annotator's eyes only) to a path OUTSIDE the repository; the gold files that
come back are stand-off.

    python experiments/gold/make_tasks.py ../shared/external/unifiedfc /tmp/gold-tasks --n 420

A further held-out set, from articles no earlier gold sentence comes from:

    python experiments/gold/make_tasks.py ../shared/external/unifiedfc /tmp/heldout2-tasks \
        --n 240 --folds Fold_3 Fold_4 --exclude data/gold/attribution/gold.jsonl --no-seeds --seed 20261125

and a third, from articles neither earlier set drew on:

    python experiments/gold/make_tasks.py ../shared/external/unifiedfc /tmp/heldout3-tasks \
        --n 300 --folds Fold_3 Fold_4 --exclude data/gold/attribution/gold.jsonl \
        --exclude data/gold/attribution/heldout2.jsonl --no-seeds --seed 20261126

a fourth, annotated blind after heldout-3 had been used for tuning:

    python experiments/gold/make_tasks.py ../shared/external/unifiedfc /tmp/heldout4-tasks \
        --n 300 --folds Fold_3 Fold_4 --exclude data/gold/attribution/gold.jsonl \
        --exclude data/gold/attribution/heldout2.jsonl --exclude data/gold/attribution/heldout3.jsonl \
        --no-seeds --seed 20261127

a fifth, annotated blind after heldout-4 had been used for tuning:

    python experiments/gold/make_tasks.py ../shared/external/unifiedfc /tmp/heldout5-tasks         --n 300 --folds Fold_3 Fold_4 --exclude data/gold/attribution/gold.jsonl         --exclude data/gold/attribution/heldout2.jsonl --exclude data/gold/attribution/heldout3.jsonl         --exclude data/gold/attribution/heldout4.jsonl --exclude data/gold/attribution/rare.jsonl         --no-seeds --seed 20261129

a sixth, annotated blind after heldout-5 had been used for tuning. Folds 3-4 have no article
left that an earlier set did not draw on (4 sentences), so it samples the unused articles of
folds 1-4, which in practice are folds 1-2 articles; the lexicons were built from all four folds
alike, so these articles are as unseen as the earlier samples:

    python experiments/gold/make_tasks.py ../shared/external/unifiedfc /tmp/heldout6-tasks \
        --n 300 --folds Fold_1 Fold_2 Fold_3 Fold_4 --exclude data/gold/attribution/gold.jsonl \
        --exclude data/gold/attribution/heldout2.jsonl --exclude data/gold/attribution/heldout3.jsonl \
        --exclude data/gold/attribution/heldout4.jsonl --exclude data/gold/attribution/heldout5.jsonl \
        --exclude data/gold/attribution/rare.jsonl --no-seeds --seed 20261130

and a targeted set for the rare stances (denial and distancing), sampled only from
sentences that contain one of a fixed list of word stems (``RARE`` below: نفي، كذب،
زعم، ادعى، مزاعم، شائعات ...), written independently of the cue lexicon; it is
training data for the attribution-stance model, not a measure of the extractor,
since its sentences were chosen by their words:

    python experiments/gold/make_tasks.py ../shared/external/unifiedfc /tmp/rare-tasks \
        --n 200 --rare --exclude data/gold/attribution/gold.jsonl \
        --exclude data/gold/attribution/heldout2.jsonl --exclude data/gold/attribution/heldout3.jsonl \
        --exclude data/gold/attribution/heldout4.jsonl --no-seeds --seed 20261128

Sampling: sentences of at least six words from the cleaned story text of
articles of claims in Fold_1..Fold_4, stratified so that 60% contain a generic
sign of reported speech that does not depend on the cue lexicon (the
complementiser أن/إن, a colon or a quotation mark) and 40% do not; at most two
sentences per article. Each task carries the previous sentence as context.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from unifiedfc import documents, folds  # noqa: E402

from stance.corpus import read_corpus  # noqa: E402
from stance.pipeline import Pipeline  # noqa: E402

SIGN = re.compile(r'(?:^|\s)(?:ان|وان|فان|بان)(?:\s|$)|[:"]')
# Stems of denial and distancing, on normalised text (alef and hamza folded), for --rare.
RARE = re.compile(
    r"(?:^|\s)[وف]?(?:ل|ب)?(?:ال)?"
    r"(?:نفى|نفت|نفوا|ينفي|تنفي|ينفون|نفي|نفيه|نفيها|تكذيب|كذب|كذبت|يكذب|تكذب|دحض|يدحض|تفنيد|فند"
    r"|زعم|زعمت|زعموا|يزعم|تزعم|مزاعم|مزعوم|مزعومه|المزعوم|ادعى|ادعت|ادعوا|يدعي|تدعي|يدعون|ادعاء|ادعاءات"
    r"|شائعات|شائعه|اشاعات|اشاعه|مفبرك|مفبركه|فبركه|تكهنات|تنصل|انكر|ينكر|تنكر|انكار|استنكر)"
    r"(?:\s|$)")


def seed_tasks(pipe: Pipeline, seeds_dir: Path) -> list[dict]:
    """Every sentence of the seed articles as a task, with the previous sentence as context."""
    tasks = []
    for doc in read_corpus([seeds_dir]):
        res = pipe.text(doc)
        for s in res.sentences:
            prev = res.sentences[s.index - 1].text if s.index > 0 else ""
            tasks.append({"doc": f"seeds:{doc.id}", "fold": "seeds", "sentence": s.index, "start": s.start,
                          "end": s.end, "text": s.text, "context": prev})
    return tasks


def write_tasks(out: Path, tasks: list[dict]) -> None:
    """Number the tasks and write them to OUT/tasks.jsonl."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "tasks.jsonl", "w", encoding="utf-8") as f:
        for i, t in enumerate(tasks):
            f.write(json.dumps({"task": i, **t}, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("unifiedfc", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=420)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--folds", nargs="+", default=["Fold_1", "Fold_2", "Fold_3", "Fold_4"],
                    choices=["Fold_1", "Fold_2", "Fold_3", "Fold_4"], help="never Fold_5")
    ap.add_argument("--exclude", type=Path, action="append", default=[],
                    help="a gold file whose documents are not sampled again")
    ap.add_argument("--rare", action="store_true",
                    help="sample only sentences with a stem of denial or distancing (RARE); all unsigned")
    ap.add_argument("--no-seeds", action="store_true", help="do not add the seed sentences")
    ap.add_argument("--seeds-dir", type=Path, default=Path(__file__).resolve().parents[2] / "data" / "seeds")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pipe = Pipeline()
    fold = folds(args.unifiedfc)
    claims = [c for name in args.folds for c in fold[name]]
    excluded = {json.loads(line)["doc"] for path in args.exclude
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    signed, plain = [], []
    for doc, _ in documents(args.unifiedfc, claims):
        if doc.id in excluded:
            continue
        res = pipe.text(doc)
        sents = [s for s in res.sentences if len(s.norm.split()) >= 6 and (not args.rare or RARE.search(s.norm))]
        rng.shuffle(sents)
        for s in sents[:2]:
            prev = res.sentences[s.index - 1].text if s.index > 0 else ""
            task = {"doc": doc.id, "fold": next(k for k, v in fold.items() if doc.story in v),
                    "sentence": s.index, "start": s.start, "end": s.end, "text": s.text, "context": prev}
            (signed if SIGN.search(s.norm) else plain).append(task)
    rng.shuffle(signed)
    rng.shuffle(plain)
    n_signed = args.n if args.rare else round(args.n * 0.6)
    if args.rare:
        signed += plain
    tasks = signed[:n_signed] + plain[: args.n - n_signed]
    rng.shuffle(tasks)
    if not args.no_seeds:
        tasks += seed_tasks(pipe, args.seeds_dir)
    write_tasks(args.out, tasks)
    print(f"{len(tasks)} tasks ({n_signed} signed, {args.n - n_signed} plain, "
          f"{len(tasks) - args.n} seed sentences; {len(excluded)} documents excluded) -> {args.out / 'tasks.jsonl'}")


if __name__ == "__main__":
    main()
