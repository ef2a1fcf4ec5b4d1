"""A statistical framing classifier: which frame a sentence carries, learned from annotated sentences.

:class:`FramingClassifier` is a scikit-learn estimator over raw sentences: the
features are character n-gram TF-IDF of the normalised text, optionally joined
by the counts of the lexicon's framing terms per frame in the sentence; the
model is a logistic regression. Its label for a sentence is the frame of the
sentence's first framing term, or ``"none"``. ``experiments/framing_model.py``
compares it with the lexicon by cross-validation on the framing gold set.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from stance.framing.extract import FRAMES
from stance.text.normalise import Normaliser

__all__ = ["FramingClassifier", "lexicon_frame_counts"]


def lexicon_frame_counts(framings_per_sentence: Sequence[Sequence[str]]) -> np.ndarray:
    """A (n_sentences, n_frames) matrix of how many lexicon terms of each frame each sentence has."""
    out = np.zeros((len(framings_per_sentence), len(FRAMES)))
    for i, frames in enumerate(framings_per_sentence):
        for f in frames:
            out[i, FRAMES.index(f)] += 1
    return out


class FramingClassifier(ClassifierMixin, BaseEstimator):
    """Character n-gram TF-IDF (+ lexicon frame counts) and logistic regression.

    Parameters
    ----------
    ngram_range : tuple of int, default (2, 5)
        Character n-gram lengths (within word boundaries).
    C : float, default 4.0
        Inverse regularisation strength of the logistic regression.
    class_weight : "balanced" or None, default "balanced"
    lexicon_weight : float, default 1.0
        Scale of the lexicon-count features; 0 drops them (text only).

    ``X`` is a sequence of sentences (str), or of pairs ``(sentence, frames)``
    where ``frames`` lists the frames of the lexicon terms found in it.
    """

    def __init__(self, ngram_range: tuple[int, int] = (2, 5), C: float = 4.0,
                 class_weight: str | None = "balanced", lexicon_weight: float = 1.0) -> None:
        self.ngram_range = ngram_range
        self.C = C
        self.class_weight = class_weight
        self.lexicon_weight = lexicon_weight

    def _split(self, X) -> tuple[list[str], list[Sequence[str]]]:
        texts, frames = [], []
        for x in X:
            if isinstance(x, str):
                texts.append(x)
                frames.append(())
            else:
                texts.append(x[0])
                frames.append(x[1])
        norm = Normaliser()
        return [norm(t) for t in texts], frames

    def _features(self, X, fit: bool):
        texts, frames = self._split(X)
        tf = self.vectorizer_.fit_transform(texts) if fit else self.vectorizer_.transform(texts)
        if self.lexicon_weight:
            lex = sparse.csr_matrix(lexicon_frame_counts(frames) * self.lexicon_weight)
            return sparse.hstack([tf, lex]).tocsr()
        return tf

    def fit(self, X, y):
        """Learn from sentences (or (sentence, lexicon frames) pairs) and their frame labels."""
        y = np.asarray(y)
        self.vectorizer_ = TfidfVectorizer(analyzer="char_wb", ngram_range=self.ngram_range, sublinear_tf=True)
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000)
        self.model_.fit(self._features(X, fit=True), y)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "model_")
        return self.model_.predict_proba(self._features(X, fit=False))

    def predict(self, X) -> np.ndarray:
        check_is_fitted(self, "model_")
        return self.model_.predict(self._features(X, fit=False))
