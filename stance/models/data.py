"""Training data for the attribution-stance model: gold candidates and silver candidates.

The gold set (``data/gold/attribution/*.jsonl``) is stand-off: document ids,
sentence offsets and cue annotations, never the texts.  The texts come from the
seed corpus (``data/seeds``) and from UnifiedFC, which the user keeps (folds 1-4
only; fold 5 is never read).

**Candidates** are the cues the lexicon extractor finds in the annotated
sentences.  A candidate's label is the coarse stance of the gold cue it
overlaps (matched one to one, in order, as ``experiments/attribution_eval.py``
does), or ``none`` when no gold cue overlaps it: a lexicon false positive.
Gold cues the lexicon misses can be added for training (their context carries
no lexicon decision); they are never candidates at prediction time.

**Silver** candidates are the lexicon's cues in sentences of UnifiedFC folds 1-4
articles that are not in the gold set, labelled with the lexicon's own stance
(weak supervision: the labelling function is the lexicon).
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from stance.corpus import read_corpus
from stance.datasets import read_unifiedfc
from stance.errors import InputError
from stance.models.attribution import CueContext, cue_contexts, span_context
from stance.pipeline import Pipeline
from stance.records import Document
from stance.text.normalise import Normaliser

__all__ = ["GOLD_FILES", "GOLD_FOLDS", "Example", "GoldSentence", "GoldSet", "default_gold_dir", "load_gold",
           "silver_examples"]

#: The main annotations of the gold set (the second annotations only measure agreement).
GOLD_FILES = ("gold.jsonl", "heldout2.jsonl", "heldout3.jsonl", "heldout4.jsonl", "heldout5.jsonl",
              "heldout6.jsonl", "rare.jsonl")
#: The UnifiedFC folds that gold and silver data may come from; fold 5 is never read.
GOLD_FOLDS = ("Fold_1", "Fold_2", "Fold_3", "Fold_4")


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate cue with its label.

    Attributes
    ----------
    context : CueContext
    label : str
        ``endorse``, ``neutral``, ``distance``, ``deny`` or ``none``.
    doc_id : str
    sentence : int
        Index of the sentence in :attr:`GoldSet.sentences`; -1 for silver examples.
    start, end : int
        The cue's span in the document text.
    candidate : bool
        The lexicon found this cue (False: a gold cue it missed, for training only).
    """

    context: CueContext
    label: str
    doc_id: str
    sentence: int
    start: int
    end: int
    candidate: bool = True


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """An annotated sentence: its gold cues ``(start, end, stance)`` and its candidates' example indices."""

    doc_id: str
    fold: str
    file: str
    start: int
    end: int
    gold: tuple[tuple[int, int, str], ...]
    candidates: tuple[int, ...]


@dataclass(frozen=True)
class GoldSet:
    """The gold set as training and evaluation data.

    Attributes
    ----------
    sentences : tuple of GoldSentence
    examples : tuple of Example
        The lexicon's candidates (``candidate=True``) first, then, when asked
        for, the gold cues the lexicon missed; ``GoldSentence.candidates``
        indexes this tuple.
    sha256 : str
        A digest of everything the examples were made from: the gold files and
        the text of every document they annotate.
    lexicon_version : str
    """

    sentences: tuple[GoldSentence, ...]
    examples: tuple[Example, ...]
    sha256: str
    lexicon_version: str

    @property
    def candidates(self) -> list[Example]:
        """The lexicon's candidates: the first examples."""
        return [e for e in self.examples if e.candidate]

    @property
    def doc_ids(self) -> set[str]:
        return {s.doc_id for s in self.sentences}


def default_gold_dir() -> Path:
    """``data/gold/attribution`` of the source tree (the gold set is not part of the installed package)."""
    return Path(__file__).resolve().parents[2] / "data" / "gold" / "attribution"


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"{path}: cannot read the gold file ({e.strerror}); pass the folder that holds "
                         f"{', '.join(GOLD_FILES)} with --gold") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except ValueError as e:
            raise InputError(f"{path}:{n}: invalid JSON ({e}); fix or restore the file") from None
        missing = [k for k in ("doc", "sentence_start", "sentence_end", "attributions")
                   if not isinstance(r, dict) or k not in r]
        if missing:
            raise InputError(f"{path}:{n}: a gold sentence record needs {', '.join(missing)}; fix or restore the file")
        rows.append(r)
    return rows


def _documents(unifiedfc: Path, seeds: Path, doc_ids: Iterable[str]) -> dict[str, Document]:
    wanted = set(doc_ids)
    out: dict[str, Document] = {}
    if any(d.startswith("seeds:") for d in wanted):
        for d in read_corpus([seeds]):
            if isinstance(d, Document) and f"seeds:{d.id}" in wanted:
                out[f"seeds:{d.id}"] = d
    ufc = read_unifiedfc(unifiedfc, GOLD_FOLDS)
    for claim in ufc.claims.values():
        for d in claim.articles:
            if d.id in wanted:
                out[d.id] = d
    missing = sorted(wanted - set(out))
    if missing:
        raise InputError(f"{len(missing)} gold documents not found (first: {missing[0]}); pass the UnifiedFC "
                         "folder the gold set was annotated on (and data/seeds for the seeds)")
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def load_gold(unifiedfc: str | Path, gold_dir: str | Path | None = None, *, seeds: str | Path | None = None,
              pipeline: Pipeline | None = None, missed: bool = False,
              files: Sequence[str] = GOLD_FILES) -> GoldSet:
    """Build the candidates of the gold set and their labels.

    Parameters
    ----------
    unifiedfc : path
        The UnifiedFC folder (``dataset/`` and ``train_test_splits.txt``).
    gold_dir : path, optional
        The folder of the gold files; defaults to :func:`default_gold_dir`.
    seeds : path, optional
        The seed corpus (texts of the ``seeds:`` gold documents); defaults to ``data/seeds`` of the source tree.
    pipeline : Pipeline, optional
        Defaults to the bundled lexicons with boilerplate kept (annotators read
        whole documents).
    missed : bool, default False
        Also add the gold cues the lexicon misses as examples (for training).
    files : sequence of str
        The gold files to read.

    Raises
    ------
    InputError
        When a gold file, the UnifiedFC folder or a gold document cannot be read.
    """
    gold_dir = Path(gold_dir) if gold_dir is not None else default_gold_dir()
    seeds = Path(seeds) if seeds is not None else default_gold_dir().parents[1] / "seeds"
    pipeline = pipeline or Pipeline(keep_boilerplate=True)
    digest = hashlib.sha256()
    records = []
    for name in files:
        path = gold_dir / name
        rows = _read_jsonl(path)
        digest.update(f"{name}\0".encode() + path.read_bytes())
        records += [(name, r) for r in rows]
    docs = _documents(Path(unifiedfc), seeds, (r["doc"] for _, r in records))
    for doc_id in sorted(docs):
        digest.update(f"{doc_id}\0{docs[doc_id].text}\0".encode())
    results = {doc_id: pipeline.attributions(doc) for doc_id, doc in docs.items()}
    contexts = {doc_id: cue_contexts(res) for doc_id, res in results.items()}
    normaliser = Normaliser()
    sentences: list[GoldSentence] = []
    examples: list[Example] = []
    extra: list[Example] = []
    for name, r in records:
        res = results[r["doc"]]
        s0, s1 = r["sentence_start"], r["sentence_end"]
        idx = [k for k, a in enumerate(res.attributions) if s0 <= a.start < s1]
        gold = [(g["start"], g["end"], g["stance"]) for g in r["attributions"]]
        labels = ["none"] * len(idx)
        used: set[int] = set()
        matched_gold = set()
        for gi, (gs, ge, stance) in enumerate(gold):
            hit = next((j for j, k in enumerate(idx) if j not in used
                        and _overlaps((gs, ge), (res.attributions[k].start, res.attributions[k].end))), None)
            if hit is not None:
                used.add(hit)
                labels[hit] = stance
                matched_gold.add(gi)
        first = len(examples)
        n = len(sentences)
        for k, label in zip(idx, labels):
            a = res.attributions[k]
            examples.append(Example(contexts[r["doc"]][k], label, r["doc"], n, a.start, a.end))
        if missed:
            sentence = next((s for s in res.sentences if s.start <= s0 < s.end), None)
            for gi, (gs, ge, stance) in enumerate(gold):
                if gi in matched_gold or sentence is None:
                    continue
                ctx = span_context(res.document.text, sentence, gs, ge, normaliser)
                extra.append(Example(ctx, stance, r["doc"], n, gs, ge, candidate=False))
        sentences.append(GoldSentence(r["doc"], r.get("fold", ""), name, s0, s1, tuple(gold),
                                      tuple(range(first, len(examples)))))
    return GoldSet(tuple(sentences), tuple(examples + extra), digest.hexdigest(), pipeline.lexicons.version)


def silver_examples(unifiedfc: str | Path, exclude: Iterable[str], *, max_docs: int = 400, seed: int = 0,
                    pipeline: Pipeline | None = None) -> tuple[list[Example], str]:
    """Lexicon-labelled candidates from UnifiedFC folds 1-4 articles outside the gold set.

    ``max_docs`` articles are drawn with a fixed ``seed`` (deterministic) from
    the articles whose id is not in ``exclude``; every cue the lexicon finds in
    their story sentences becomes an example labelled with the lexicon's
    stance.  Returns the examples and a sha256 digest of the texts used.
    """
    pipeline = pipeline or Pipeline()
    excluded = set(exclude)
    ufc = read_unifiedfc(unifiedfc, GOLD_FOLDS)
    pool = sorted((d for c in ufc.claims.values() for d in c.articles if d.id not in excluded and d.text.strip()),
                  key=lambda d: d.id)
    chosen = sorted(random.Random(seed).sample(pool, min(max_docs, len(pool))), key=lambda d: d.id)
    digest = hashlib.sha256()
    out: list[Example] = []
    for doc in chosen:
        digest.update(f"{doc.id}\0{doc.text}\0".encode())
        res = pipeline.attributions(doc)
        for a, ctx in zip(res.attributions, cue_contexts(res)):
            out.append(Example(ctx, a.stance, doc.id, -1, a.start, a.end))
    return out, digest.hexdigest()

