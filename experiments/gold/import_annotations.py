"""Turn annotators' task answers into stand-off gold files under data/gold/attribution/.

    python experiments/gold/import_annotations.py /tmp/gold-tasks/tasks.jsonl /tmp/gold-out

The second held-out set (fresh articles of folds 3-4, annotated blind to the
software after the first test split had been used for tuning):

    python experiments/gold/import_annotations.py /tmp/heldout2-tasks/tasks.jsonl /tmp/heldout2-out \
        --name heldout2 --main E F G H --second SECOND2

The third (annotated blind after heldout-2 had been used for tuning; tasks 0-74,
75-149, 150-224 and 225-299 by four annotators, every fifth task from task 2 a
second time):

    python experiments/gold/import_annotations.py /tmp/heldout3-tasks/tasks.jsonl /tmp/heldout3-out \
        --name heldout3 --main P Q R S --second SECOND3

The fourth (annotated blind after heldout-3 had been used for tuning; same layout):

    python experiments/gold/import_annotations.py /tmp/heldout4-tasks/tasks.jsonl /tmp/heldout4-out \
        --name heldout4 --main T U V W --second SECOND4

The fifth (annotated blind after heldout-4 had been used for tuning; tasks 0-74, 75-149,
150-224 and 225-299 by annotators A-D, every fifth task from task 2 a second time):

    python experiments/gold/import_annotations.py /tmp/heldout5-tasks/tasks.jsonl /tmp/heldout5-out         --name heldout5 --main A B C D --second SECOND5

The sixth (annotated blind after heldout-5 had been used for tuning; same layout, the second
annotation in annotator_SECOND.jsonl):

    python experiments/gold/import_annotations.py /tmp/heldout6-tasks/tasks.jsonl /tmp/heldout6-out \
        --name heldout6 --main A B C D --second SECOND

The targeted sample of denial and distancing sentences (three annotators, tasks
0-65, 66-132, 133-199; no second annotation):

    python experiments/gold/import_annotations.py /tmp/rare-tasks/tasks.jsonl /tmp/rare-out \
        --name rare --main X Y Z --second

Framing annotations (codebook framing-0.1) go to data/gold/framing/:

    python experiments/gold/import_annotations.py /tmp/framing-tasks/tasks.jsonl /tmp/framing-out \
        --kind framing --main I J K --second FSECOND

Reads annotator_{A,B,C,D}.jsonl (the main annotation, one annotator per task)
and annotator_SECOND.jsonl (an independent second annotation of a subset), and
writes ``gold.jsonl`` and ``second.jsonl``: one line per sentence with the
document id, the sentence's offsets, and for every attribution the offsets of
its cue, hedges and speaker in the ORIGINAL document text and its labels.
No text of the third-party corpus is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

CODEBOOK = {"attribution": "attribution-0.1", "framing": "framing-0.1"}
GOLD = Path(__file__).resolve().parents[2] / "data" / "gold"
CLASSES = {"factive": "endorse", "report": "neutral", "according": "neutral", "distancing": "distance",
           "denial": "deny", "estimate": "neutral"}


def find(text: str, needle: str, occurrence: int = 1) -> int | None:
    pos = -1
    for _ in range(max(occurrence, 1)):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    return pos


def locate(task: dict, item: dict, key: str, where: str, problems: list[str]) -> tuple[str, int] | None:
    """The annotated string ``item[key]`` and its offset in the task's sentence, or None (a problem noted)."""
    string = (item.get(key) or "").strip()
    pos = find(task["text"], string, int(item.get("occurrence") or 1)) if string else None
    if pos is None:
        problems.append(f"{where}: {key} {string!r} not found")
        return None
    return string, pos


def convert(task: dict, answer: dict, annotator: str, problems: list[str]) -> dict:
    text, base = task["text"], task["start"]
    out = []
    for k, a in enumerate(answer.get("attributions", [])):
        where = f"task {task['task']} ({annotator}) attribution {k}"
        found = locate(task, a, "cue", where, problems)
        if found is None:
            continue
        cue, pos = found
        cls = a.get("class")
        if cls not in CLASSES:
            problems.append(f"{where}: unknown class {cls!r}")
            continue
        hedges = []
        for h in a.get("hedges") or []:
            hp = find(text, h)
            if hp is not None:
                hedges.append([base + hp, base + hp + len(h)])
        speaker = None
        sp = (a.get("speaker") or "").strip()
        if sp:
            spos = find(text, sp)
            if spos is not None:
                speaker = [base + spos, base + spos + len(sp)]
        out.append({
            "start": base + pos, "end": base + pos + len(cue), "class": cls, "stance": CLASSES[cls],
            "negated": bool(a.get("negated")), "hedged": bool(a.get("hedged")) or cls == "estimate",
            "hedges": hedges, "speaker": speaker, "speaker_named": bool(sp),
            "speaker_inherited": bool(a.get("speaker_inherited")), "party": a.get("party") or None,
        })
    return {"doc": task["doc"], "fold": task["fold"], "sentence_start": base, "sentence_end": task["end"],
            "annotator": annotator, "codebook": CODEBOOK["attribution"], "assertion": bool(answer.get("assertion")) and not out,
            "attributions": sorted(out, key=lambda x: x["start"])}


def convert_framing(task: dict, answer: dict, annotator: str, problems: list[str]) -> dict:
    base = task["start"]
    out = []
    for k, t in enumerate(answer.get("terms", [])):
        where = f"task {task['task']} ({annotator}) term {k}"
        found = locate(task, t, "term", where, problems)
        if found is None:
            continue
        term, pos = found
        try:
            valence = float(t.get("valence"))
        except (TypeError, ValueError):
            problems.append(f"{where}: valence {t.get('valence')!r} is not a number")
            continue
        out.append({"start": base + pos, "end": base + pos + len(term), "referent": t.get("referent") or "-",
                    "name": t.get("name"), "frame": t.get("frame"), "role": t.get("role"),
                    "party": t.get("party") or None, "valence": valence})
    return {"doc": task["doc"], "fold": task["fold"], "sentence_start": base, "sentence_end": task["end"],
            "annotator": annotator, "codebook": CODEBOOK["framing"], "terms": sorted(out, key=lambda x: x["start"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tasks", type=Path)
    ap.add_argument("answers", type=Path)
    ap.add_argument("--kind", choices=["attribution", "framing"], default="attribution")
    ap.add_argument("--name", default="gold", help="output files NAME.jsonl and (second) NAME_second.jsonl")
    ap.add_argument("--main", nargs="+", default=list("ABCD"), help="annotators of the main annotation")
    ap.add_argument("--second", nargs="*", default=["SECOND"],
                    help="annotators of the second annotation (none: no second file)")
    args = ap.parse_args()
    tasks = {t["task"]: t for t in map(json.loads, args.tasks.read_text(encoding="utf-8").splitlines())}
    problems: list[str] = []
    out_dir = GOLD / args.kind
    out_dir.mkdir(parents=True, exist_ok=True)
    conv = convert if args.kind == "attribution" else convert_framing
    second = "second.jsonl" if args.name == "gold" else f"{args.name}_second.jsonl"
    for name, annotators in ((f"{args.name}.jsonl", args.main), (second, args.second)):
        if not annotators:
            continue
        rows = []
        for ann in annotators:
            path = args.answers / f"annotator_{ann}.jsonl"
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    answer = json.loads(line)
                    rows.append(conv(tasks[answer["task"]], answer, ann, problems))
        rows.sort(key=lambda r: (r["doc"], r["sentence_start"]))
        with open(out_dir / name, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        key = "attributions" if args.kind == "attribution" else "terms"
        print(f"{args.kind}/{name}: {len(rows)} sentences, {sum(len(r[key]) for r in rows)} {key}")
    for p in problems:
        print("problem:", p, file=sys.stderr)


if __name__ == "__main__":
    main()
