"""Sample sentences of UnifiedFC (folds 1-4 only) and the seeds for framing annotation.

Deterministic (seeded). Writes annotation tasks (with the sentence text, for the
annotator's eyes only) to a path OUTSIDE the repository; the gold files that
come back are stand-off (experiments/gold/import_annotations.py --kind framing).

    python experiments/gold/make_framing_tasks.py ../shared/external/unifiedfc /tmp/framing-tasks --n 220

Sampling: every sentence of the five seeds, plus sentences of at least six
words from the cleaned story text of articles of claims in Fold_1..Fold_4, at
most one per article, 70% of them naming a party (by the party lexicon, which
is independent of the framing lexicon) and 30% not.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_tasks import seed_tasks, write_tasks  # noqa: E402
from unifiedfc import documents, folds  # noqa: E402

from stance.pipeline import Pipeline  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("unifiedfc", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=220)
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--seeds-dir", type=Path, default=Path(__file__).resolve().parents[2] / "data" / "seeds")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pipe = Pipeline()
    parties = pipe.extractor.parties
    tok = pipe.tokeniser
    fold = folds(args.unifiedfc)
    claims = [c for name in ("Fold_1", "Fold_2", "Fold_3", "Fold_4") for c in fold[name]]
    named, plain = [], []
    for doc, _ in documents(args.unifiedfc, claims):
        res = pipe.text(doc)
        sents = [s for s in res.sentences if len(s.norm.split()) >= 6]
        if not sents:
            continue
        s = rng.choice(sents)
        prev = res.sentences[s.index - 1].text if s.index > 0 else ""
        task = {"doc": doc.id, "fold": next(k for k, v in fold.items() if doc.story in v),
                "sentence": s.index, "start": s.start, "end": s.end, "text": s.text, "context": prev}
        words = [t.norm if t.kind == "word" else "" for t in tok.iter_tokens(pipe.normaliser.normalise(s.text))]
        (named if parties.mentions(words) else plain).append(task)
    rng.shuffle(named)
    rng.shuffle(plain)
    n_named = round(args.n * 0.7)
    tasks = named[:n_named] + plain[: args.n - n_named]
    tasks += seed_tasks(pipe, args.seeds_dir)
    rng.shuffle(tasks)
    write_tasks(args.out, tasks)
    print(f"{len(tasks)} tasks ({n_named} naming a party, {args.n - n_named} not, "
          f"{len(tasks) - args.n} seed sentences) -> {args.out / 'tasks.jsonl'}")


if __name__ == "__main__":
    main()
