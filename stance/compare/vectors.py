"""TF-IDF vectors of token sequences, for claim alignment, story grouping and copy detection.

The same weighting as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` (smooth
idf ``ln((1 + n) / (1 + df)) + 1``, rows L2-normalised), over word n-grams of
token lists the caller has already made. Written here so that ``stance compare``
does not import scikit-learn, which costs more than half a second at start-up;
``tests/compare/test_vectors.py`` checks the values against scikit-learn.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

import numpy as np
from scipy import sparse

__all__ = ["Tfidf", "ngrams", "presence"]


def ngrams(tokens: Sequence[str], lo: int = 1, hi: int = 1) -> list[str]:
    """The word n-grams of lengths lo..hi, joined by spaces, in order."""
    if lo == hi == 1:
        return list(tokens)
    out = []
    for n in range(lo, hi + 1):
        out.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return out


def _counts(docs: Iterable[Sequence[str]], vocab: dict[str, int], grow: bool):
    indptr, indices, data = [0], [], []
    for features in docs:
        for f, c in Counter(features).items():
            k = vocab.setdefault(f, len(vocab)) if grow else vocab.get(f)
            if k is not None:
                indices.append(k)
                data.append(c)
        indptr.append(len(indices))
    return indptr, indices, data


def presence(docs: Iterable[Sequence[str]]) -> sparse.csr_matrix:
    """A 0/1 matrix (documents x distinct features) of which features each document has."""
    vocab: dict[str, int] = {}
    indptr, indices, _ = _counts(docs, vocab, True)
    return sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(indptr) - 1, max(1, len(vocab))))


class Tfidf:
    """Sublinear TF-IDF with smooth idf and L2-normalised rows, over lists of features.

    ``fit`` learns the vocabulary and idf; ``transform`` ignores features not seen in ``fit``.
    """

    def __init__(self) -> None:
        self.vocabulary_: dict[str, int] = {}
        self.idf_: np.ndarray = np.zeros(0)

    def fit(self, docs: Sequence[Sequence[str]]) -> "Tfidf":
        self.fit_transform(docs)
        return self

    def fit_transform(self, docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        self.vocabulary_ = {}
        x = self._matrix(docs, grow=True)
        n = x.shape[0]
        df = np.bincount(x.indices, minlength=x.shape[1])
        self.idf_ = np.log((1 + n) / (1 + df)) + 1
        return self._weight(x)

    def transform(self, docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        return self._weight(self._matrix(docs, grow=False))

    def _matrix(self, docs: Sequence[Sequence[str]], grow: bool) -> sparse.csr_matrix:
        indptr, indices, data = _counts(docs, self.vocabulary_, grow)
        return sparse.csr_matrix((np.asarray(data, dtype=float), indices, indptr),
                                 shape=(len(indptr) - 1, max(1, len(self.vocabulary_))))

    def _weight(self, x: sparse.csr_matrix) -> sparse.csr_matrix:
        x.data = (np.log(x.data) + 1) * self.idf_[x.indices] if len(self.idf_) else x.data
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1 / norms) @ x)
