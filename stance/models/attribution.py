"""A learned attribution-stance classifier over the cues the lexicon finds, and a hybrid of both.

The lexicon extractor (:mod:`stance.attribution`) proposes the candidates: every
cue it matches.  For each candidate the model sees a :class:`CueContext` (the
normalised cue, a few words on each side, and what the lexicon says about it:
lemma, class, stance, negation, hedges, quotation, speaker, content, position)
and predicts its coarse stance: ``endorse``, ``neutral``, ``distance``, ``deny``,
or ``none`` (the lexicon matched a word that is no attribution here: a cue word
in another sense, an act that reports no content).

Three pieces, each with one job:

* :class:`CueFeaturizer` turns contexts into a sparse count matrix: hashed
  character n-grams of the cue and of its window, window words, and the
  lexicon's decisions as one-hot features.  It is stateless (nothing is
  learned), so the same contexts always give the same matrix.
* :class:`AttributionStanceClassifier` is the scikit-learn estimator: TF-IDF
  weighting learned from the training matrix (columns seen in fewer than
  ``min_df`` training rows are dropped, which bounds the model's size),
  logistic regression, and sigmoid calibration of the probabilities by
  cross-validation.  It takes any 2-D numeric matrix and passes
  scikit-learn's ``parametrize_with_checks``.
* :class:`AttributionStanceModel` bundles the two with the hybrid rule and is
  what :mod:`stance.models.persist` saves; :func:`apply` runs it over the
  records of one document.

The **hybrid** uses each where it is strong.  On true cues the lexicon's stance is
right 99% of the time (``experiments/results/attribution.md``); what it cannot
tell is whether a matched word is an attribution at all.  So the hybrid keeps
the lexicon's stance for every cue, and drops a cue when the model's most
probable label is ``none``, except for the lemmas the lexicon gets right on the
training data (at least ``trust_min_count`` training candidates, precision at
least ``trust_precision``), which are never dropped.  It is not a scikit-learn
estimator: its input is the pair (features, lexicon decision), and hiding the
lexicon decision in numeric columns to fit the ``X -> y`` contract would make
the conformance checks meaningless.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data
from threadpoolctl import threadpool_limits

from stance.attribution import DocumentAttributions
from stance.errors import OptionError
from stance.models import Method
from stance.records import Attribution, Sentence
from stance.text.normalise import Normaliser

__all__ = [
    "LABELS",
    "FEATURES_VERSION",
    "Method",
    "CueContext",
    "cue_contexts",
    "span_context",
    "Trust",
    "CueFeaturizer",
    "AttributionStanceClassifier",
    "AttributionStanceModel",
    "apply",
]

#: The labels a candidate cue can take: the four coarse stances and ``none`` (no attribution).
LABELS = ("endorse", "neutral", "distance", "deny", "none")

#: Bump when :class:`CueContext` or :class:`CueFeaturizer` change what a model sees:
#: a saved model is only valid with the features it was trained on.
FEATURES_VERSION = "1"

_CONTEXT_WORDS = 8
_WORD = re.compile(r"\w+|[^\w\s]")
_QUOTES_OPEN = "«“"
_QUOTES_CLOSE = "»”"
_THAT = re.compile(r"^[بفو]?ا[ني](ه|ها|هم|هما|نا|ني)?$")


def _method(method: Method | str) -> Method:
    try:
        return Method(method)
    except ValueError:
        raise OptionError(f"unknown method {method!r}; expected one of: "
                          f"{', '.join(m.value for m in Method)}") from None


@dataclass(frozen=True, slots=True)
class CueContext:
    """What the model sees of one candidate cue.

    Attributes
    ----------
    cue : str
        The cue, normalised (``وأكدت`` -> ``واكدت``).
    left, right : tuple of str
        Up to eight normalised tokens (words and punctuation) before and after
        the cue in its sentence, nearest last (left) and nearest first (right).
    lemma, cue_class, stance : str or None
        The lexicon's lemma, class and coarse stance; None for a cue the
        lexicon did not find (gold cues added for training only).
    negated, hedged, quoted : bool
        The lexicon's negation and hedge flags; the cue stands inside quotation marks.
    speaker_rule : str
        How the lexicon found the speaker (``after_cue``, ``inherited``, ``none``, ...).
    has_speaker, has_party, has_content : bool
    opener : str
        What opens the content the lexicon found: ``that`` (أن، إن، بأن), ``colon``,
        ``quote``, ``bare`` (nothing: the words after the cue), ``none`` (no content).
    speaker_words : int
        Length of the speaker in words (0 without one).
    position : float
        Where the cue starts in its sentence, from 0 (first character) to 1.
    n_cues, index : int
        How many lexicon cues the sentence has, and which one this is (0 = first).
    """

    cue: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    lemma: str | None = None
    cue_class: str | None = None
    stance: str | None = None
    negated: bool = False
    hedged: bool = False
    quoted: bool = False
    speaker_rule: str = "none"
    has_speaker: bool = False
    has_party: bool = False
    has_content: bool = False
    opener: str = "none"
    speaker_words: int = 0
    position: float = 0.0
    n_cues: int = 1
    index: int = 0


def _inside_quotes(before: str) -> bool:
    depth = sum(before.count(c) for c in _QUOTES_OPEN) - sum(before.count(c) for c in _QUOTES_CLOSE)
    return depth > 0 or before.count('"') % 2 == 1


def span_context(text: str, sentence: Sentence, start: int, end: int, normaliser: Normaliser,
                 attribution: Attribution | None = None, n_cues: int = 1, index: int = 0) -> CueContext:
    """The context of the cue at ``text[start:end]`` inside ``sentence`` (offsets into ``text``).

    ``attribution`` gives the lexicon's decisions; without it the context is that
    of a cue the lexicon did not find.
    """
    before = text[sentence.start:start]
    # eight tokens fit in 300 characters but for freak tokens; the whole sentence would cost O(n) per cue
    left = tuple(_WORD.findall(normaliser(before[-300:]))[-_CONTEXT_WORDS:])
    right = tuple(_WORD.findall(normaliser(text[end:min(sentence.end, end + 300)]))[:_CONTEXT_WORDS])
    length = max(1, sentence.end - sentence.start)
    common = {"cue": normaliser(text[start:end]), "left": left, "right": right, "quoted": _inside_quotes(before),
              "position": round((start - sentence.start) / length, 3), "n_cues": n_cues, "index": index}
    if attribution is None:
        return CueContext(**common)
    a = attribution
    opener = "none"
    if a.content_start is not None:
        prev = _WORD.findall(normaliser(text[sentence.start:a.content_start])[-12:])
        first = _WORD.findall(normaliser(text[a.content_start:a.content_start + 12]))
        last = prev[-1] if prev else ""
        if last == ":":
            opener = "colon"
        elif last in ('"', "«", "“"):
            opener = "quote"
        elif _THAT.match(last) or (first and _THAT.match(first[0])):
            opener = "that"
        else:
            opener = "bare"
    return CueContext(opener=opener, speaker_words=len((a.speaker or "").split()),lemma=normaliser(a.lemma), cue_class=a.cue_class, stance=a.stance, negated=a.negated,
                      hedged=a.hedged, speaker_rule=a.speaker_rule, has_speaker=a.speaker is not None,
                      has_party=a.party is not None, has_content=a.content is not None, **common)


def cue_contexts(result: DocumentAttributions, normaliser: Normaliser | None = None) -> list[CueContext]:
    """One :class:`CueContext` per attribution of ``result``, in the same order.

    Parameters
    ----------
    result : DocumentAttributions
        What the lexicon extractor found in one document.
    normaliser : Normaliser, optional
        Defaults to the default normalisation pipeline (the one models are trained with).
    """
    normaliser = normaliser or _NORMALISER
    by_index = {s.index: s for s in result.sentences}
    per_sentence = Counter(a.sentence for a in result.attributions)
    seen: Counter = Counter()
    out = []
    text = result.document.text
    for a in result.attributions:
        s = by_index[a.sentence]
        out.append(span_context(text, s, a.start, a.end, normaliser, a, per_sentence[a.sentence], seen[a.sentence]))
        seen[a.sentence] += 1
    return out


_NORMALISER = Normaliser()


def _ngrams(text: str, prefix: str, low: int, high: int) -> list[str]:
    padded = f" {text} "
    return [prefix + padded[i:i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]


@dataclass(frozen=True)
class CueFeaturizer:
    """Turn :class:`CueContext` objects into a sparse matrix of feature counts.

    Stateless: features are named strings hashed into ``n_features`` columns,
    so nothing is learned and the same contexts always give the same matrix.

    Parameters
    ----------
    window : int, default 4
        Tokens on each side of the cue that the model sees (at most 8).
    ngram_range : tuple of int, default (2, 5)
        Character n-gram lengths of the cue; the window's n-grams are 2 to 4 long.
    n_features : int, default 2**20
        Columns of the hashed matrix.
    lexicon : bool, default True
        Include the lexicon's decisions (class, stance, lemma, flags); False
        gives a text-only model.
    """

    window: int = 4
    ngram_range: tuple[int, int] = (2, 5)
    n_features: int = 2 ** 20
    lexicon: bool = True
    _hasher: FeatureHasher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 1 <= self.window <= _CONTEXT_WORDS:
            raise OptionError(f"window={self.window}: expected 1 to {_CONTEXT_WORDS} tokens")
        low, high = self.ngram_range
        if not 1 <= low <= high:
            raise OptionError(f"ngram_range={self.ngram_range}: expected (low, high) with 1 <= low <= high")
        object.__setattr__(self, "_hasher", FeatureHasher(self.n_features, input_type="string",
                                                          alternate_sign=False))

    def features(self, c: CueContext) -> list[str]:
        """The named features of one context (what is hashed; useful to inspect a decision)."""
        left, right = c.left[-self.window:], c.right[:self.window]
        out = _ngrams(c.cue, "c:", *self.ngram_range)
        out.append(f"ntok={min(len(c.cue.split()), 3)}")
        out += [f"l:{w}" for w in left] + [f"r:{w}" for w in right]
        out += [f"l1:{left[-1] if left else '<s>'}", f"r1:{right[0] if right else '</s>'}",
                f"l2:{' '.join(left[-2:])}", f"r2:{' '.join(right[:2])}"]
        out += _ngrams(" ".join(left), "lx:", 2, 4) + _ngrams(" ".join(right), "rx:", 2, 4)
        out += [f"pos={min(int(c.position * 4), 3)}", f"n={min(c.n_cues, 3)}", f"i={min(c.index, 2)}",
                f"quoted={c.quoted}"]
        if self.lexicon:
            s = c.stance or "NA"
            out += [f"S={s}", f"K={c.cue_class}", f"L={c.lemma}", f"R={c.speaker_rule}",
                    f"S|neg={s}|{c.negated}", f"S|hedged={s}|{c.hedged}", f"S|quoted={s}|{c.quoted}",
                    f"S|speaker={s}|{c.has_speaker}", f"S|content={s}|{c.has_content}",
                    f"S|party={s}|{c.has_party}", f"L|content={c.lemma}|{c.has_content}",
                    f"L|speaker={c.lemma}|{c.has_speaker}", f"O={c.opener}", f"S|O={s}|{c.opener}",
                    f"L|O={c.lemma}|{c.opener}", f"SW={min(c.speaker_words, 4)}", f"S|R={s}|{c.speaker_rule}"]
        return out

    def __call__(self, contexts: Iterable[CueContext]) -> sparse.csr_matrix:
        """A (n_contexts, n_features) sparse matrix of feature counts."""
        return self._hasher.transform(self.features(c) for c in contexts)


class AttributionStanceClassifier(ClassifierMixin, BaseEstimator):
    """TF-IDF weighting, logistic regression and calibrated probabilities over feature counts.

    Parameters
    ----------
    min_df : int, default 2
        Drop the columns that are non-zero in fewer than ``min_df`` training
        samples (counted with their sample weights).
    sublinear_tf : bool, default True
        Replace each value ``x`` by ``sign(x) * log(1 + |x|)`` (``log(1 + x)`` for counts).
    norm : "l2" or None, default None
        Scale each row to unit Euclidean length after the IDF weighting.
    C : float, default 1.0
        Inverse regularisation strength of the logistic regression.
    class_weight : "balanced", dict or None, default "balanced"
        Passed to the logistic regression.
    calibration : "sigmoid", "isotonic", "temperature" or None, default "sigmoid"
        How :meth:`predict_proba` is calibrated (on cross-validated decision
        values, then one model refitted on all the data); None gives the
        logistic regression's own probabilities. "temperature" needs
        scikit-learn 1.8 or newer.
    cv : int or cross-validation splitter, default 5
        Folds of the calibration. An integer gives stratified folds in input
        order, fewer when the smallest class has fewer samples (at least 2 are
        needed); anything else is passed to
        :class:`~sklearn.calibration.CalibratedClassifierCV` as it is.

    ``X`` is a numeric (n_samples, n_features) matrix, dense or sparse:
    feature counts as :class:`CueFeaturizer` makes them.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int
    support_ : ndarray of shape (n_kept,)
        The columns kept after ``min_df``.
    idf_ : ndarray of shape (n_kept,)
    estimator_ : CalibratedClassifierCV or LogisticRegression
    """

    def __init__(self, min_df: int = 2, sublinear_tf: bool = True, norm: str | None = None, C: float = 1.0,
                 class_weight: str | dict | None = "balanced", calibration: str | None = "sigmoid",
                 cv=5) -> None:
        self.min_df = min_df
        self.sublinear_tf = sublinear_tf
        self.norm = norm
        self.C = C
        self.class_weight = class_weight
        self.calibration = calibration
        self.cv = cv

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags

    def _check_params(self) -> None:
        if isinstance(self.min_df, bool) or not isinstance(self.min_df, (int, np.integer)) or self.min_df < 1:
            raise ValueError(f"min_df={self.min_df!r}: expected an integer >= 1")
        if isinstance(self.C, bool) or not isinstance(self.C, (int, float)) or not self.C > 0:
            raise ValueError(f"C={self.C!r}: expected a positive number")
        if self.norm not in ("l2", None):
            raise ValueError(f"norm={self.norm!r}: expected 'l2' or None")
        if not (self.class_weight in ("balanced", None) or isinstance(self.class_weight, dict)):
            raise ValueError(f"class_weight={self.class_weight!r}: expected 'balanced', a dict or None")
        if self.calibration not in ("sigmoid", "isotonic", "temperature", None):
            raise ValueError(f"calibration={self.calibration!r}: expected 'sigmoid', 'isotonic', "
                             "'temperature' or None")
        if isinstance(self.cv, (int, np.integer)) and not isinstance(self.cv, bool) and self.cv < 2:
            raise ValueError(f"cv={self.cv!r}: expected an integer >= 2 or a cross-validation splitter")

    def _weigh(self, X) -> sparse.csr_matrix:
        """Keep the ``support_`` columns, apply sublinear tf and idf, normalise; O(non-zeros).

        (Selecting columns by slicing would build an index of all ``n_features_in_``
        columns on every call: most of the prediction time for one document.)
        """
        X = sparse.csr_matrix(X, dtype=np.float64)
        if not X.has_canonical_format:
            X = X.copy()
            X.sum_duplicates()
        support = self.support_
        pos = np.minimum(np.searchsorted(support, X.indices), support.size - 1)
        keep = support[pos] == X.indices
        rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))[keep]
        data = X.data[keep]
        if self.sublinear_tf:
            data = np.sign(data) * np.log1p(np.abs(data))
        cols = pos[keep]
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=X.shape[0]))])
        out = sparse.csr_matrix((data * self.idf_[cols], cols, indptr), shape=(X.shape[0], support.size))
        return normalize(out, copy=False) if self.norm else out

    def fit(self, X, y, sample_weight=None):
        """Learn from feature counts ``X`` and labels ``y``; returns self."""
        self._check_params()
        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=np.float64)
        check_classification_targets(y)
        sw = np.ones(X.shape[0]) if sample_weight is None else _check_sample_weight(sample_weight, X)
        weighted = np.unique(y[sw > 0])
        if weighted.size < 2:
            raise ValueError(f"{type(self).__name__} needs samples of at least two classes with a positive "
                             f"sample weight; got {weighted.size} class ({weighted.tolist()})")
        nonzero = sparse.csr_matrix(X != 0, dtype=np.float64) if sparse.issparse(X) else (X != 0).astype(np.float64)
        df = np.asarray(nonzero.T @ sw).ravel()
        support = np.flatnonzero(df >= self.min_df)
        if support.size == 0:
            raise ValueError(f"no feature is non-zero in {self.min_df} or more of the {X.shape[0]} samples; "
                             "lower min_df or give more data")
        self.support_ = support
        self.idf_ = np.log((1 + sw.sum()) / (1 + df[support])) + 1.0
        Xw = self._weigh(X)
        lr = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="newton-cg", max_iter=1000)
        # one BLAS thread: on these small sparse problems threads only compete (up to 10x slower on 2 cores)
        with threadpool_limits(limits=1, user_api="blas"):
            self._fit_estimator(lr, Xw, y, sw, sample_weight)
        self.classes_ = self.estimator_.classes_
        return self

    def _fit_estimator(self, lr: LogisticRegression, Xw, y, sw, sample_weight) -> None:
        if self.calibration is None:
            self.estimator_ = lr.fit(Xw, y, sample_weight=sample_weight)
        else:
            cv = self.cv
            if isinstance(cv, (int, np.integer)):
                smallest = int(np.unique(y[sw > 0], return_counts=True)[1].min())
                if smallest < 2:
                    raise ValueError(f"calibration={self.calibration!r} needs at least 2 samples of every class, "
                                     f"and one class has {smallest}; give more data or set calibration=None")
                cv = StratifiedKFold(n_splits=min(int(cv), smallest))
            self.estimator_ = CalibratedClassifierCV(lr, method=self.calibration, cv=cv, ensemble=False)
            self.estimator_.fit(Xw, y, sample_weight=sample_weight)

    def _transform(self, X):
        check_is_fitted(self, "estimator_")
        X = validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=False)
        return self._weigh(X)

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probabilities, (n_samples, n_classes) in the order of ``classes_``."""
        Xw = self._transform(X)
        return self.estimator_.predict_proba(Xw)

    def predict(self, X) -> np.ndarray:
        """The most probable class of each row."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


@dataclass(frozen=True)
class Trust:
    """Which lemmas the hybrid leaves to the lexicon, with the training evidence.

    ``table`` maps each lemma seen in training to (candidates, lexicon correct).
    """

    min_count: int
    precision: float
    table: Mapping[str, tuple[int, int]]

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(k for k, (n, ok) in self.table.items()
                         if n >= self.min_count and ok / n >= self.precision)

    @classmethod
    def learn(cls, contexts: Sequence[CueContext], y: Sequence[str], min_count: int = 5,
              precision: float = 0.95) -> "Trust":
        counts: dict[str, list[int]] = {}
        for c, label in zip(contexts, y):
            if c.lemma is None:
                continue
            n_ok = counts.setdefault(c.lemma, [0, 0])
            n_ok[0] += 1
            n_ok[1] += int(c.stance == label)
        return cls(min_count, precision, {k: (v[0], v[1]) for k, v in sorted(counts.items())})


class AttributionStanceModel:
    """A trained attribution-stance model: featuriser, classifier and hybrid rule.

    Parameters
    ----------
    featurizer : CueFeaturizer, optional
        Defaults to ``CueFeaturizer()``.
    classifier : AttributionStanceClassifier, optional
        An unfitted estimator (cloned by :meth:`fit`); defaults to
        ``AttributionStanceClassifier()``.
    trust_min_count : int, default 5
    trust_precision : float, default 0.95
        The hybrid never drops a cue of a lemma with at least
        ``trust_min_count`` training candidates of which at least this share
        have the lexicon's stance in the gold labels (gold examples only;
        silver examples say nothing about the lexicon's precision).

    Attributes (after :meth:`fit`)
    ------------------------------
    featurizer_ : CueFeaturizer
        The featuriser used (``featurizer``, or the default one).
    classifier_ : AttributionStanceClassifier
    trust_ : Trust
    """

    def __init__(self, featurizer: CueFeaturizer | None = None,
                 classifier: AttributionStanceClassifier | None = None,
                 trust_min_count: int = 5, trust_precision: float = 0.95) -> None:
        self.featurizer = featurizer
        self.classifier = classifier
        self.trust_min_count = trust_min_count
        self.trust_precision = trust_precision

    def fit(self, contexts: Sequence[CueContext], y: Sequence[str], sample_weight=None,
            gold: Sequence[bool] | None = None) -> "AttributionStanceModel":
        """Train on contexts and their labels (from :data:`LABELS`).

        ``gold`` marks the examples with gold labels (default: all); only those
        teach the hybrid which lemmas to trust.
        """
        y = list(y)
        unknown = sorted(set(y) - set(LABELS))
        if unknown:
            raise OptionError(f"unknown labels {unknown}; expected labels from: {', '.join(LABELS)}")
        if len(contexts) != len(y):
            raise OptionError(f"{len(contexts)} contexts but {len(y)} labels; give one label per context")
        counts = Counter(y)
        if len(counts) < 2:
            raise OptionError(f"all {len(y)} training examples are labelled {y[0] if y else None!r}; "
                              "the model needs examples of at least two labels")
        classifier = clone(self.classifier) if self.classifier is not None else AttributionStanceClassifier()
        rare = sorted(label for label, n in counts.items() if n < 2)
        if classifier.calibration is not None and rare:
            raise OptionError(f"label {rare[0]!r} has a single training example, and calibration needs 2 or more "
                              "of each label; give more data (more gold sentences, or fewer folds)")
        self.featurizer_ = self.featurizer if self.featurizer is not None else CueFeaturizer()
        self.classifier_ = classifier.fit(self.featurizer_(contexts), np.asarray(y), sample_weight=sample_weight)
        keep = [True] * len(y) if gold is None else list(gold)
        self.trust_ = Trust.learn([c for c, k in zip(contexts, keep) if k], [l for l, k in zip(y, keep) if k],
                                  self.trust_min_count, self.trust_precision)
        return self

    @property
    def classes_(self) -> np.ndarray:
        check_is_fitted(self.classifier_, "estimator_")
        return self.classifier_.classes_

    def predict_proba(self, contexts: Sequence[CueContext]) -> np.ndarray:
        """Calibrated probabilities of each label (columns in the order of ``classes_``)."""
        if not len(contexts):
            return np.zeros((0, len(self.classes_)))
        return self.classifier_.predict_proba(self.featurizer_(contexts))

    def predict(self, contexts: Sequence[CueContext], method: Method | str = Method.model) -> list[str]:
        """The label of each context by ``method``.

        ``lexicon``: the lexicon's stance (``none`` for a context without one);
        ``model``: the classifier's most probable label; ``hybrid``: the
        lexicon's stance, or ``none`` when the classifier says so for a lemma
        the lexicon is not trusted with.
        """
        method = _method(method)
        lexicon = [c.stance or "none" for c in contexts]
        if method is Method.lexicon or not len(contexts):
            return lexicon
        model = self.classes_[np.argmax(self.predict_proba(contexts), axis=1)].tolist()
        if method is Method.model:
            return model
        trusted = self.trust_.lemmas
        return ["none" if m == "none" and c.lemma not in trusted else lex
                for c, lex, m in zip(contexts, lexicon, model)]


def apply(model: AttributionStanceModel | None, result: DocumentAttributions,
          method: Method | str = Method.model) -> DocumentAttributions:
    """Decide the stance of each attribution of one document with ``method``.

    ``lexicon`` returns ``result`` itself, unchanged.  ``model`` sets each
    record's ``stance`` from the model (its ``lemma`` and ``cue_class`` stay the
    lexicon's); ``model`` and ``hybrid`` drop the records labelled ``none``
    (see :meth:`AttributionStanceModel.predict`).  Unattributed assertions are
    the extractor's and stay as they are (a sentence whose only cue is dropped
    does not become one).

    Raises
    ------
    OptionError
        For an unknown method, or ``model``/``hybrid`` without a model.
    """
    method = _method(method)
    if method is Method.lexicon:
        return result
    if model is None:
        raise OptionError(f"method {method.value!r} needs a trained model; pass one, or use method 'lexicon'")
    labels = model.predict(cue_contexts(result), method)
    kept = tuple(replace(a, stance=label) if label != a.stance else a
                 for a, label in zip(result.attributions, labels) if label != "none")
    return replace(result, attributions=kept)

