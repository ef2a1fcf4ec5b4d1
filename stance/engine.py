"""Run the per-document analysis over a corpus: in this process or in a local process pool.

Per-document analysis is a pure function of the document (and the lexicons), so
the pool gives exactly the results of one process, in input order; rejected
inputs pass through unchanged.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from stance.compare.comparison import DocumentSummary, document_summary
from stance.compare.syndication import CreditFinder
from stance.errors import OptionError
from stance.lexicon import load_lexicons
from stance.pipeline import Pipeline
from stance.records import Document, Rejected

__all__ = ["summarise_corpus"]

_CHUNK = 16
_worker: tuple[Pipeline, CreditFinder] | None = None


def _init(lexicons: str | None) -> None:
    global _worker
    pipeline = Pipeline(load_lexicons(Path(lexicons) if lexicons else None))
    _worker = (pipeline, CreditFinder(pipeline.lexicons))


def _summarise(docs: list[Document]) -> list[DocumentSummary]:
    assert _worker is not None
    pipeline, credits = _worker
    return [document_summary(pipeline.analyse(d), pipeline.lexicons, credits) for d in docs]


def summarise_corpus(items: Iterable[Document | Rejected], *, lexicons: Path | None = None,
                     jobs: int = 1) -> Iterator[DocumentSummary | Rejected]:
    """Analyse every document and reduce it to its comparison summary, in input order.

    Parameters
    ----------
    items : iterable of Document or Rejected
    lexicons : Path, optional
        A lexicon folder (default: the bundled lexicons).
    jobs : int
        Worker processes; 1 runs in this process, 0 uses every core.
    """
    if jobs < 0:
        raise OptionError(f"--jobs must be 0 (every core) or more, got {jobs}")
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        pipeline = Pipeline(load_lexicons(lexicons))
        credits = CreditFinder(pipeline.lexicons)
        for item in items:
            yield item if isinstance(item, Rejected) else document_summary(pipeline.analyse(item),
                                                                           pipeline.lexicons, credits)
        return
    load_lexicons(lexicons)  # a bad lexicon folder fails here, once, with its message
    it = iter(items)
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(str(lexicons) if lexicons else None,)) as pool:
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
