"""Corpus ingestion: read documents from directories, JSONL, CSV/TSV, text files or stdin.

The first stage of the pipeline.  :func:`read_corpus` streams every input
document as a :class:`~stance.records.Document`, or as a
:class:`~stance.records.Rejected` record saying why it cannot be analysed, so
that nothing is dropped silently.  Text encodings (UTF-8, UTF-16,
Windows-1256) are detected per input by :func:`detect_encoding`; outlets are
named after url domains by :func:`source_from_url`.

Examples
--------
>>> import io
>>> data = '{"id": "a1", "url": "https://www.aljazeera.net/news/1", "text": "قال المتحدث"}\\n'
>>> [doc.source for doc in read_corpus(["-"], stdin=io.BytesIO(data.encode()))]
['aljazeera.net']
"""

from stance.corpus.encoding import detect_encoding
from stance.corpus.metadata import source_from_url
from stance.corpus.readers import read_corpus

__all__ = ["read_corpus", "detect_encoding", "source_from_url"]
