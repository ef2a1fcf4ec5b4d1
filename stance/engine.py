"""Run the per-document analysis over a corpus: in this process or in a local process pool.

Per-document analysis is a pure function of the document (and the lexicons), so
the pool gives exactly the results of one process, in input order; rejected
inputs pass through unchanged.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from stance.attribution import DocumentAttributions
from stance.compare.comparison import DocumentSummary, document_summary
from stance.compare.syndication import CreditFinder
from stance.errors import OptionError
from stance.lexicon import load_lexicons
from stance.pipeline import Pipeline
from stance.records import Document, Rejected

__all__ = ["summarise_corpus"]

_CHUNK = 16
_worker: Callable[[Document], DocumentSummary] | None = None


def _summariser(lexicons: Path | None, method: str, model_dir: Path | None) -> Callable[[Document], DocumentSummary]:
    """The per-document function: analyse, let the model decide the attributions' stance, summarise."""
    pipeline = Pipeline(load_lexicons(lexicons))
    credits = CreditFinder(pipeline.lexicons)
    if method == "lexicon":
        if model_dir is not None:
            raise OptionError("--model has no effect with --method lexicon; add --method model or --method hybrid")
        return lambda d: document_summary(pipeline.analyse(d), pipeline.lexicons, credits)
    from stance.models import apply, default_model_dir, load_model  # scikit-learn only when a model is used

    model = load_model(model_dir or default_model_dir(), lexicon_version=pipeline.lexicons.version)

    def run(d: Document) -> DocumentSummary:
        a = pipeline.analyse(d)
        refined = apply(model, DocumentAttributions(d, a.sentences, a.removed, a.attributions, a.assertions), method)
        return document_summary(replace(a, attributions=refined.attributions), pipeline.lexicons, credits)

    return run


def _init(lexicons: str | None, method: str, model_dir: str | None) -> None:
    global _worker
    _worker = _summariser(Path(lexicons) if lexicons else None, method, Path(model_dir) if model_dir else None)


def _summarise(docs: list[Document]) -> list[DocumentSummary]:
    assert _worker is not None
    return [_worker(d) for d in docs]


def summarise_corpus(items: Iterable[Document | Rejected], *, lexicons: Path | None = None, jobs: int = 1,
                     method: str = "lexicon", model_dir: Path | None = None) -> Iterator[DocumentSummary | Rejected]:
    """Analyse every document and reduce it to its comparison summary, in input order.

    Parameters
    ----------
    items : iterable of Document or Rejected
    lexicons : Path, optional
        A lexicon folder (default: the bundled lexicons).
    jobs : int
        Worker processes; 1 runs in this process, 0 uses every core.
    method : {"lexicon", "model", "hybrid"}
        Who decides each attribution's stance (see ``stance attributions --method``).
    model_dir : Path, optional
        A model saved by ``stance train attribution-stance`` (default: the bundled one).
    """
    if jobs < 0:
        raise OptionError(f"--jobs must be 0 (every core) or more, got {jobs}")
    jobs = jobs or os.cpu_count() or 1
    method = str(getattr(method, "value", method))
    if method not in ("lexicon", "model", "hybrid"):
        raise OptionError(f"unknown method {method!r}; expected lexicon, model or hybrid")
    summarise = _summariser(lexicons, method, model_dir)  # bad lexicons or a refused model fail here, once
    if jobs == 1:
        for item in items:
            yield item if isinstance(item, Rejected) else summarise(item)
        return
    it = iter(items)
    initargs = (str(lexicons) if lexicons else None, method, str(model_dir) if model_dir else None)
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=initargs) as pool:
        pending = []
        while True:
            chunk = list(islice(it, _CHUNK * jobs * 4))
            if not chunk:
                break
            docs = [x for x in chunk if isinstance(x, Document)]
            parts = [docs[i:i + _CHUNK] for i in range(0, len(docs), _CHUNK)]
            pending = list(pool.map(_summarise, parts))
            done = iter([s for part in pending for s in part])
            for x in chunk:
                yield x if isinstance(x, Rejected) else next(done)
