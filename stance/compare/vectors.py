"""TF-IDF vectors of token sequences, for claim alignment, story grouping and copy detection.

The same weighting as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` (smooth
idf ``ln((1 + n) / (1 + df)) + 1``, rows L2-normalised), over word n-grams of
token lists the caller has already made. Written here so that ``stance compare``
does not import scikit-learn, which costs more than half a second at start-up;
``tests/compare/test_vectors.py`` checks the values against scikit-learn.

Features are identified by their 64-bit hash (``hash`` of the word or of the
tuple of words), counted with numpy: a collision between two of the few
million features of a corpus is improbable (about 1 in 10^6 per run) and would
only merge two rare features. Hashes differ between Python processes, so a
fitted model is only valid in the process that fitted it; the vectors' values
do not depend on them.
"""

from __future__ import annotations

from itertools import chain
from typing import Hashable, Iterable, Sequence

import numpy as np
from scipy import sparse

__all__ = ["Tfidf", "ngrams", "presence"]


def ngrams(tokens: Sequence[str], lo: int = 1, hi: int = 1) -> Iterable[Hashable]:
    """The word n-grams of lengths lo..hi: words for n = 1, tuples of words for n > 1."""
    parts = []
    for n in range(lo, hi + 1):
        parts.append(tokens if n == 1 else zip(*(tokens[k:] for k in range(n))))
    return chain.from_iterable(parts)


def _hashes(docs: Iterable[Iterable[Hashable]]) -> tuple[np.ndarray, np.ndarray, int]:
    """Row index and hash of every feature occurrence, and the number of documents."""
    lengths: list[int] = []
    hs: list[int] = []
    for features in docs:
        before = len(hs)
        hs.extend(map(hash, features))
        lengths.append(len(hs) - before)
    rows = np.repeat(np.arange(len(lengths)), lengths)
    return rows, np.array(hs, dtype=np.int64), len(lengths)


def presence(docs: Iterable[Iterable[Hashable]]) -> sparse.csr_matrix:
    """A 0/1 matrix (documents x distinct features) of which features each document has."""
    rows, hs, n = _hashes(docs)
    uniq, cols = np.unique(hs, return_inverse=True)
    x = sparse.csr_matrix((np.ones(len(hs)), (rows, cols.ravel())), shape=(n, max(1, len(uniq))))
    x.data[:] = 1.0
    return x


class Tfidf:
    """Sublinear TF-IDF with smooth idf and L2-normalised rows, over sequences of hashable features.

    ``fit`` learns the features and their idf; ``transform`` ignores features not seen in ``fit``.
    """

    def __init__(self) -> None:
        self.features_: np.ndarray = np.zeros(0, dtype=np.int64)  # sorted feature hashes
        self.idf_: np.ndarray = np.zeros(0)

    def fit(self, docs: Iterable[Iterable[Hashable]]) -> "Tfidf":
        self.fit_transform(docs)
        return self

    def fit_transform(self, docs: Iterable[Iterable[Hashable]]) -> sparse.csr_matrix:
        rows, hs, n = _hashes(docs)
        self.features_, cols = np.unique(hs, return_inverse=True)
        x = sparse.csr_matrix((np.ones(len(hs)), (rows, cols.ravel())), shape=(n, max(1, len(self.features_))))
        df = np.bincount(x.indices, minlength=x.shape[1])
        self.idf_ = np.log((1 + n) / (1 + df)) + 1
        return self._weight(x)

    def transform(self, docs: Iterable[Iterable[Hashable]]) -> sparse.csr_matrix:
        rows, hs, n = _hashes(docs)
        pos = np.searchsorted(self.features_, hs)
        pos[pos >= len(self.features_)] = 0
        seen = (self.features_[pos] == hs) if len(self.features_) else np.zeros(len(hs), dtype=bool)
        x = sparse.csr_matrix((np.ones(int(seen.sum())), (rows[seen], pos[seen])),
                              shape=(n, max(1, len(self.features_))))
        return self._weight(x)

    def _weight(self, x: sparse.csr_matrix) -> sparse.csr_matrix:
        x.sum_duplicates()
        if len(self.idf_):
            x.data = (np.log(x.data) + 1) * self.idf_[x.indices]
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1 / norms) @ x)
