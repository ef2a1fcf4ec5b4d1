"""Claim-level stance: does an article agree with a claim, disagree, discuss it, or not relate to it?

The signal stance adds to text similarity is *how* the article carries the
claim. An article that reports the claim only through distancing cues (زعم،
ادعى) discusses it; one that asserts it in its own voice agrees; one whose
sources deny it (نفى، كذّب) or that calls it a rumour (شائعة، لا صحة، مفبرك)
disagrees. A (claim, article) pair is therefore first *prepared* by the
pipeline (:func:`prepare_pair`: sentences, attributions, assertions, parties),
and :class:`ClaimStanceClassifier` learns from the prepared pairs.

Features of a pair (all computed by the fitted estimator, never from labels):

- **similarity**: word (light-stemmed) and character TF-IDF cosines of the
  claim with the article and with its closest sentences, the share of the
  claim's words, word pairs, numbers and parties the article (and its closest
  sentence) has;
- **claim-relative**: the same similarities ranked and standardised among
  the articles of the same claim, and each article's similarity to the other
  articles of its claim. They use the claim's other *unlabelled* articles,
  which are available at prediction time: the estimator groups the pairs it
  is given by ``claim_id``;
- **attribution**: in the sentences closest to the claim and in the whole
  article, attributions by coarse stance (endorse, neutral, distance, deny),
  negated and hedged ones, and sentences asserted in the writer's own voice;
- **cue words** (``lexicons/claim_stance_cues.tsv``): refutation words
  (شائعة، لا صحة، مفبرك), verification formulas (لم يتسن التحقق), words that
  relay unconfirmed reports (أنباء، تداول، ناشطون) and confirmation words,
  near the claim, in the whole article and in the claim itself.

The prediction averages a gradient-boosting classifier over these features
and a logistic regression over them plus the article's character TF-IDF.
:class:`BaselineClaimStance` is the reference the issue names: character
TF-IDF of the article + claim similarity + logistic regression, without
attribution features. :func:`evaluate_claim_stance` runs both on the five
claim-level folds of UnifiedFC (``stance evaluate claim-stance``).

On UnifiedFC the model does not beat the baseline by more than the noise of
model selection (macro-F1 about 0.47-0.48 for both; see
experiments/results/claim_stance.md): the attribution and cue-word features
are implemented and tested, but add no measurable signal there.

The estimators take prepared pairs, not arrays, so they do not run
scikit-learn's ``check_estimator`` (whose checks feed numeric arrays); they
follow its contract otherwise (keyword parameters stored as given, checked
in ``fit``, learned attributes ending in ``_``, ``fit`` returning ``self``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from stance.datasets.unifiedfc import STANCES, UnifiedFC, read_unifiedfc
from stance.errors import OptionError
from stance.lexicon import load_lexicons
from stance.pipeline import Pipeline
from stance.records import Document

__all__ = [
    "LABELS",
    "ClaimArticlePair",
    "prepare_pair",
    "prepare_unifiedfc",
    "read_claim_cues",
    "ClaimStanceClassifier",
    "BaselineClaimStance",
    "FoldScores",
    "ClaimStanceScores",
    "ClaimStanceEvaluation",
    "evaluate_claim_stance",
]

LABELS: tuple[str, ...] = STANCES  # agree, disagree, discuss, unrelated
CUE_CLASSES = ("refutation", "unverified", "rumour_report", "confirmation")
_STANCE_KEYS = ("endorse", "neutral", "distance", "deny")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_PROCLITICS = re.compile(r"^(?:و|ف)?(?:ب|ك|ل)?(?:ال|ل)?")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A]+")
_TOP = 3


# ---------------------------------------------------------------------------------------------------------------
# Prepared pairs


@dataclass(frozen=True)
class ClaimArticlePair:
    """What the pipeline sees in one (claim, article) pair before any fitting.

    Attributes
    ----------
    claim_id : str
        Pairs with the same ``claim_id`` are the articles of one claim; the
        classifier compares each article with the others of its claim.
    article_id : str
    claim : str
        The claim, normalised.
    sentences : tuple of str
        The normalised sentences of the article's story (boilerplate removed).
    attributions : tuple of (int, str, bool, bool)
        ``(sentence index, coarse stance, negated, hedged)`` of each attribution.
    assertions : tuple of int
        Indices of the sentences the writer asserts in its own voice.
    claim_stances : tuple of str
        The coarse stances of the attribution cues inside the claim itself.
    claim_parties, article_parties : frozenset of str
        Canonical party ids mentioned in the claim and in the article.
    """

    claim_id: str
    article_id: str
    claim: str
    sentences: tuple[str, ...]
    attributions: tuple[tuple[int, str, bool, bool], ...] = ()
    assertions: tuple[int, ...] = ()
    claim_stances: tuple[str, ...] = ()
    claim_parties: frozenset[str] = field(default_factory=frozenset)
    article_parties: frozenset[str] = field(default_factory=frozenset)

    @property
    def article(self) -> str:
        """The normalised story text, sentences joined by spaces."""
        return " ".join(self.sentences)


class _ClaimCache:
    """The pipeline's view of one claim text, computed once for all its articles."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], tuple[str, tuple[str, ...], frozenset[str]]] = {}

    def get(self, pipeline: Pipeline, claim_id: str, text: str) -> tuple[str, tuple[str, ...], frozenset[str]]:
        key = (claim_id, text)
        if key not in self._seen:
            res = pipeline.attributions(Document(id=f"claim:{claim_id}", source="claim", text=text))
            self._seen[key] = (pipeline.normaliser(text), tuple(a.stance for a in res.attributions),
                               _parties(pipeline, text))
        return self._seen[key]


def _parties(pipeline: Pipeline, text: str) -> frozenset[str]:
    words = [t.norm if t.kind == "word" else "" for t in pipeline.tokeniser.iter_tokens(pipeline.normaliser.normalise(text))]
    return frozenset(m.party for m in pipeline.extractor.parties.mentions(words))


def prepare_pair(claim_id: str, claim: str, article: Document, pipeline: Pipeline | None = None,
                 *, _cache: _ClaimCache | None = None) -> ClaimArticlePair:
    """Run the text and attribution layers on one article and pair it with its claim.

    Parameters
    ----------
    claim_id : str
        Identifies the claim; give every article of one claim the same id.
    claim : str
        The claim text (raw; it is normalised here).
    article : Document
    pipeline : Pipeline, optional
        Defaults to ``Pipeline()`` with the bundled lexicons.
    """
    pipeline = pipeline if pipeline is not None else Pipeline()
    return _pair_of(claim_id, claim, article, pipeline.attributions(article), pipeline,
                    _cache if _cache is not None else _ClaimCache())


def _pair_of(claim_id: str, claim: str, article: Document, res, pipeline: Pipeline,
             cache: _ClaimCache) -> ClaimArticlePair:
    """The pair of ``claim`` and an ``article`` whose attributions ``res`` the pipeline has already found."""
    claim_norm, claim_stances, claim_parties = cache.get(pipeline, claim_id, claim)
    return ClaimArticlePair(
        claim_id=claim_id, article_id=article.id, claim=claim_norm,
        sentences=tuple(s.norm for s in res.sentences),
        attributions=tuple((a.sentence, a.stance, a.negated, a.hedged) for a in res.attributions),
        assertions=tuple(a.sentence for a in res.assertions),
        claim_stances=claim_stances, claim_parties=claim_parties,
        article_parties=_parties(pipeline, article.text))


def prepare_unifiedfc(data: UnifiedFC, pipeline: Pipeline | None = None
                      ) -> tuple[list[ClaimArticlePair], np.ndarray, np.ndarray]:
    """Prepare every (claim, article) pair of a UnifiedFC corpus.

    Returns
    -------
    pairs : list of ClaimArticlePair, length n
    labels : ndarray of str, shape (n,)
        The gold stance of each pair.
    folds : ndarray of str, shape (n,)
        The fold name (``Fold_1`` ...) of each pair's claim.
    """
    pipeline = pipeline if pipeline is not None else Pipeline()
    cache = _ClaimCache()
    fold_of = {cid: name for name, ids in data.folds.items() for cid in ids}
    pairs, labels, folds = [], [], []
    for cid, claim in data.claims.items():
        for doc, stance in zip(claim.articles, claim.stances):
            pairs.append(prepare_pair(cid, claim.text, doc, pipeline, _cache=cache))
            labels.append(stance)
            folds.append(fold_of[cid])
    return pairs, np.array(labels, dtype=object), np.array(folds, dtype=object)


# ---------------------------------------------------------------------------------------------------------------
# Cue words (lexicons/claim_stance_cues.tsv)


@lru_cache(maxsize=1)
def read_claim_cues(path: str | Path | None = None, pipeline: Pipeline | None = None) -> dict[str, tuple[str, ...]]:
    """The claim-stance cue words (``lexicons/claim_stance_cues.tsv``): class -> normalised forms.

    Read through the one lexicon loader, which validates the header, classes and duplicates
    and reports problems as ``file:line: message`` in a :class:`~stance.errors.LexiconError`.
    ``path`` reads another file with the same columns; otherwise the pipeline's lexicons (or
    the bundled ones) are used.
    """
    if path is not None:
        lexicons = load_lexicons(files={"claim_stance_cues": path})
    else:
        lexicons = pipeline.lexicons if pipeline is not None else load_lexicons()
    out: dict[str, list[str]] = {c: [] for c in CUE_CLASSES}
    for e in lexicons["claim_stance_cues"]:
        out[e["class"]].append(e.norm["form"])
    return {c: tuple(v) for c, v in out.items()}


class _CueCounter:
    """Counts cue words of each class in a normalised text (a form may carry proclitics and short suffixes)."""

    def __init__(self, cues: Mapping[str, Sequence[str]]) -> None:
        self.classes = tuple(cues)
        self.single = {c: frozenset(f for f in forms if " " not in f) for c, forms in cues.items()}
        self.multi = {c: tuple(f" {f} " for f in forms if " " in f) for c, forms in cues.items()}

    def count(self, text: str) -> list[int]:
        raw = _ARABIC_WORD.findall(text)
        words = [_stem(w) for w in raw]
        padded = f" {' '.join(raw)} "
        out = []
        for c in self.classes:
            forms = self.single[c]
            n = sum(1 for w in words if w in forms)
            n += sum(padded.count(f) for f in self.multi[c])
            out.append(n)
        return out


@lru_cache(maxsize=500_000)
def _stem(word: str) -> str:
    """Strip proclitics (و ف ب ك ل ال) when at least three letters remain; drop a final ه/ات/ين/ون."""
    m = _PROCLITICS.match(word)
    if m and m.end() and len(word) - m.end() >= 3:
        word = word[m.end():]
    for suffix in ("ات", "ين", "ون", "ه"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _stem_tokens(text: str) -> list[str]:
    return [_stem(w) for w in text.split() if len(w) > 1]


# ---------------------------------------------------------------------------------------------------------------
# Features


@lru_cache(maxsize=300_000)
def _tokens(text: str) -> tuple[str, ...]:
    """Light-stemmed words of a normalised text (cached: the same sentences recur across folds)."""
    return tuple(_stem_tokens(text))


def _identity(tokens):
    return tokens


def _cos(a, b) -> np.ndarray:
    """Row-wise cosine of two L2-normalised sparse matrices of the same shape."""
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


BASELINE_FEATURES = ("cos_article", "cos_best_sentence", "cos_top3", "claim_words", "claim_numbers", "claim_parties")
_RELATIVE = ("cos_article", "cos_chars", "cos_best_sentence", "claim_words", "claim_words_max_sentence",
             "claim_bigrams", "claim_words_idf")
_CHARS = 3000  # characters of the article the character TF-IDF sees


class _Featuriser:
    """Fitted on training pairs (TF-IDF vocabularies only, never labels); turns pairs into features.

    ``transform`` returns the dense feature matrix, its column names and the
    character TF-IDF matrix of the articles' first 3,000 characters.
    """

    def __init__(self, cues: Mapping[str, Sequence[str]], char_features: int) -> None:
        self.counter = _CueCounter(cues)
        self.words = TfidfVectorizer(analyzer=_identity, min_df=2, sublinear_tf=True)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=3, sublinear_tf=True,
                                     max_features=char_features)

    def fit(self, pairs: Sequence[ClaimArticlePair]) -> "_Featuriser":
        claims = sorted({p.claim for p in pairs})
        self.words.set_params(min_df=min(2, len(pairs)))
        self.chars.set_params(min_df=min(3, len(pairs)))
        self.words.fit([_article_tokens(p) for p in pairs] + [_tokens(c) for c in claims])
        self.idf = dict(zip(self.words.get_feature_names_out(), self.words.idf_))
        self.chars.fit([p.article[:_CHARS] for p in pairs])
        return self

    def transform(self, pairs: Sequence[ClaimArticlePair], *, full: bool = True):
        W_art = self.words.transform([_article_tokens(p) for p in pairs])
        W_cl = self.words.transform([_tokens(p.claim) for p in pairs])
        n_sent = np.array([len(p.sentences) for p in pairs])
        sents = [_tokens(x) for p in pairs for x in p.sentences]
        S = self.words.transform(sents) if sents else sparse.csr_matrix((0, W_cl.shape[1]))
        sent_cos = _cos(S, W_cl[np.repeat(np.arange(len(pairs)), n_sent)]) if sents else np.zeros(0)
        bounds = np.concatenate([[0], np.cumsum(n_sent)])
        C_art = self.chars.transform([p.article[:_CHARS] for p in pairs])
        cos_w = _cos(W_art, W_cl)
        cos_c = _cos(C_art, self.chars.transform([p.claim for p in pairs]))
        names: list[str] = []
        rows = []
        for i, p in enumerate(pairs):
            s = sent_cos[bounds[i]:bounds[i + 1]]
            row = self._pair(p, s, cos_w[i], cos_c[i], full)
            if not names:
                names = list(row)
            rows.append([row[k] for k in names])
        X = np.array(rows, dtype=float).reshape(len(pairs), -1)
        if full:
            rel, rel_names = _claim_relative(pairs, X, names, W_art)
            X, names = np.hstack([X, rel]), names + rel_names
        return X, names, C_art

    def _pair(self, p: ClaimArticlePair, s: np.ndarray, cos_w: float, cos_c: float, full: bool) -> dict[str, float]:
        order = np.argsort(-s, kind="stable")[:_TOP] if len(s) else np.zeros(0, dtype=int)
        near = {int(k) for k in order}
        best = int(order[0]) if len(order) else -1
        sent_toks = [_tokens(x) for x in p.sentences]
        ctoks = _tokens(p.claim)
        cw = {w for w in ctoks if len(w) > 2}
        art = _article_tokens(p)
        aw = set(art)
        nums, anum = set(_NUMBER.findall(p.claim)), set(_NUMBER.findall(p.article))
        row = {
            "cos_article": cos_w,
            "cos_best_sentence": float(s[best]) if best >= 0 else 0.0,
            "cos_top3": float(np.mean(s[order])) if len(order) else 0.0,
            "claim_words": len(cw & aw) / len(cw) if cw else 0.0,
            "claim_numbers": len(nums & anum) / len(nums) if nums else 0.0,
            "claim_parties": len(p.claim_parties & p.article_parties) / len(p.claim_parties) if p.claim_parties else 0.0,
        }
        if not full:
            return row
        sets = [set(t) for t in sent_toks]
        bw = sets[best] if best >= 0 else set()
        cbig = set(zip(ctoks, ctoks[1:]))
        abig = set(zip(art, art[1:]))
        bt = sent_toks[best] if best >= 0 else ()
        bbig = set(zip(bt, bt[1:]))
        idf_all = sum(self.idf.get(w, 0.0) for w in cw) or 1.0
        row.update({
            "cos_chars": cos_c,
            "cos_head": float(np.max(s[:2])) if len(s) else 0.0,
            "best_position": best / len(p.sentences) if best >= 0 else 1.0,
            "claim_words_best": len(cw & bw) / len(cw) if cw else 0.0,
            "claim_words_max_sentence": max((len(cw & x) / len(cw) for x in sets), default=0.0) if cw else 0.0,
            "claim_words_idf": sum(self.idf.get(w, 0.0) for w in cw & aw) / idf_all,
            "claim_words_idf_max_sentence": max((sum(self.idf.get(w, 0.0) for w in cw & x) / idf_all for x in sets),
                                                default=0.0),
            "claim_bigrams": len(cbig & abig) / len(cbig) if cbig else 0.0,
            "claim_bigrams_best": len(cbig & bbig) / len(cbig) if cbig else 0.0,
            "n_sentences": math.log1p(len(p.sentences)),
            "claim_length": math.log1p(len(ctoks)),
        })
        nat = max(len(p.attributions), 1)
        for key in _STANCE_KEYS:
            row[f"near_{key}"] = sum(1 for k, st, _, _ in p.attributions if k in near and st == key)
            row[f"best_{key}"] = sum(1 for k, st, _, _ in p.attributions if k == best and st == key)
            row[f"all_{key}"] = sum(1 for _, st, _, _ in p.attributions if st == key) / nat
            row[f"claim_{key}"] = sum(1 for st in p.claim_stances if st == key)
        row["near_negated"] = sum(1 for k, _, neg, _ in p.attributions if k in near and neg)
        row["near_hedged"] = sum(1 for k, _, _, h in p.attributions if k in near and h)
        row["near_assertions"] = sum(1 for k in p.assertions if k in near)
        row["best_asserted"] = float(best in p.assertions)
        row["all_negated"] = sum(1 for _, _, neg, _ in p.attributions if neg) / nat
        row["all_hedged"] = sum(1 for _, _, _, h in p.attributions if h) / nat
        row["all_assertions"] = len(p.assertions) / max(len(p.sentences), 1)
        row["n_attributions"] = math.log1p(len(p.attributions))
        texts = {"near": " ".join(p.sentences[k] for k in sorted(near)),
                 "best": p.sentences[best] if best >= 0 else "",
                 "head": " ".join(p.sentences[:2]), "all": p.article, "claim": p.claim}
        for where, text in texts.items():
            for cls, n in zip(self.counter.classes, self.counter.count(text)):
                row[f"cue_{where}_{cls}"] = math.log1p(n)
        return row


@lru_cache(maxsize=20_000)
def _sentence_tokens(sentences: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for x in sentences for w in _tokens(x))


def _article_tokens(p: ClaimArticlePair) -> tuple[str, ...]:
    return _sentence_tokens(p.sentences)


def _claim_relative(pairs: Sequence[ClaimArticlePair], X: np.ndarray, names: list[str], W_art
                    ) -> tuple[np.ndarray, list[str]]:
    """Standardise and rank similarities among the articles of each claim; similarity to the claim's other articles."""
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        groups.setdefault(p.claim_id, []).append(i)
    cols = [names.index(n) for n in _RELATIVE]
    k = len(cols)
    out = np.zeros((len(pairs), 4 * k + 3))
    for idx in groups.values():
        ix = np.array(idx)
        V = X[np.ix_(ix, cols)]
        mu, sd, mx = V.mean(axis=0), V.std(axis=0) + 1e-6, V.max(axis=0)
        ranks = (np.argsort(np.argsort(-V, axis=0, kind="stable"), axis=0) / (len(ix) - 1)
                 if len(ix) > 1 else np.zeros_like(V))
        out[ix, 0:k] = (V - mu) / sd
        out[ix, k:2 * k] = V - mx
        out[ix, 2 * k:3 * k] = ranks
        out[ix, 3 * k:4 * k] = V / (mx + 1e-6)
        if len(ix) > 1:
            A = W_art[ix]
            G = np.asarray((A @ A.T).todense())
            other = (G.sum(axis=1) - G.diagonal()) / (len(ix) - 1)
            out[ix, 4 * k] = other
            out[ix, 4 * k + 1] = (other - other.mean()) / (other.std() + 1e-6)
        out[ix, 4 * k + 2] = math.log(len(ix))
    rel_names = ([f"z_{n}" for n in _RELATIVE] + [f"gap_{n}" for n in _RELATIVE] + [f"rank_{n}" for n in _RELATIVE]
                 + [f"ratio_{n}" for n in _RELATIVE] + ["sim_other_articles", "z_sim_other_articles",
                                                         "log_claim_articles"])
    return out, rel_names


# ---------------------------------------------------------------------------------------------------------------
# Estimators


def _check_pairs(X) -> list[ClaimArticlePair]:
    pairs = list(X)
    bad = next((x for x in pairs if not isinstance(x, ClaimArticlePair)), None)
    if bad is not None:
        raise OptionError(f"expected ClaimArticlePair items (from prepare_pair or prepare_unifiedfc), got "
                          f"{type(bad).__name__}; prepare the (claim, article) pairs with prepare_pair first")
    if not pairs:
        raise OptionError("got no pairs; pass at least one ClaimArticlePair")
    return pairs


def _check_labels(y, n: int) -> np.ndarray:
    y = np.asarray(y, dtype=object)
    if y.shape != (n,):
        raise OptionError(f"expected {n} labels, one per pair, got an array of shape {y.shape}")
    unknown = sorted({str(v) for v in y} - set(LABELS))
    if unknown:
        raise OptionError(f"unknown stance label(s) {', '.join(unknown)}; expected {', '.join(LABELS)}")
    if len(set(y)) < 2:
        raise OptionError("the training labels hold a single class; a classifier needs at least two")
    return y.astype(str)


class _PairClassifier(ClassifierMixin, BaseEstimator):
    """Shared predict / predict_proba over prepared pairs."""

    def _not_fitted(self) -> None:
        check_is_fitted(self, "classes_", msg=f"This {type(self).__name__} instance is not fitted yet. "
                                              "Call 'fit' with prepared pairs and their labels first.")

    def predict(self, X: Sequence[ClaimArticlePair]) -> np.ndarray:
        """The most probable stance of each pair, shape (n,)."""
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]


class ClaimStanceClassifier(_PairClassifier):
    """Claim-level stance from similarity, claim-relative, attribution and cue-word features.

    ``X`` is a sequence of :class:`ClaimArticlePair` (from :func:`prepare_pair`
    or :func:`prepare_unifiedfc`); ``y`` the stances (``agree``, ``disagree``,
    ``discuss``, ``unrelated``). Claim-relative features compare each pair with
    the other pairs *of the same call* that share its ``claim_id``: pass all
    the articles of a claim together to :meth:`predict` (their labels are not
    needed).

    The prediction averages the class probabilities of two models fitted on
    the same features: a gradient-boosting classifier over the dense features
    and a logistic regression over the standardised dense features plus the
    character TF-IDF of the article's first 3,000 characters. Both weight the
    classes inversely to their frequency.

    Parameters
    ----------
    char_features : int, default 50000
        Size of the character 2-4-gram vocabulary.
    C : float, default 1.0
        Inverse regularisation strength of the logistic regression.
    learning_rate : float, default 0.05
    max_iter : int, default 200
    max_leaf_nodes : int, default 15
        Parameters of the gradient-boosting classifier.
    cues : str or Path, optional
        A cue-word TSV to use instead of ``lexicons/claim_stance_cues.tsv``.
    random_state : int, default 0

    Attributes
    ----------
    classes_ : ndarray of str
    feature_names_ : list of str
        Names of the dense features.
    """

    def __init__(self, *, char_features: int = 50000, C: float = 1.0, learning_rate: float = 0.05,
                 max_iter: int = 200, max_leaf_nodes: int = 15, cues: str | Path | None = None,
                 random_state: int = 0) -> None:
        self.char_features = char_features
        self.C = C
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.max_leaf_nodes = max_leaf_nodes
        self.cues = cues
        self.random_state = random_state

    def _validate(self) -> None:
        for name in ("char_features", "max_iter", "max_leaf_nodes"):
            v = getattr(self, name)
            if not isinstance(v, (int, np.integer)) or v < (2 if name == "max_leaf_nodes" else 1):
                raise OptionError(f"{name} must be a positive integer, got {v!r}")
        for name in ("C", "learning_rate"):
            v = getattr(self, name)
            if not isinstance(v, (int, float)) or not v > 0:
                raise OptionError(f"{name} must be a positive number, got {v!r}")

    def fit(self, X: Sequence[ClaimArticlePair], y) -> "ClaimStanceClassifier":
        """Fit the featuriser and both models on prepared pairs and their stances."""
        self._validate()
        pairs = _check_pairs(X)
        y = _check_labels(y, len(pairs))
        self.featuriser_ = _Featuriser(read_claim_cues(self.cues), self.char_features).fit(pairs)
        dense, self.feature_names_, chars = self.featuriser_.transform(pairs)
        return self._fit_matrices(dense, chars, y)

    def _fit_matrices(self, dense: np.ndarray, chars, y: np.ndarray) -> "ClaimStanceClassifier":
        """Fit both models on feature matrices (experiments add columns to ``dense`` through this)."""
        self.scaler_ = StandardScaler().fit(dense)
        self.boosting_ = HistGradientBoostingClassifier(
            learning_rate=self.learning_rate, max_iter=self.max_iter, max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=20, l2_regularization=1.0, class_weight="balanced",
            random_state=self.random_state).fit(dense, y)
        self.linear_ = LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000).fit(
            self._sparse(dense, chars), y)
        self.classes_ = self.linear_.classes_
        return self

    def _proba_matrices(self, dense: np.ndarray, chars) -> np.ndarray:
        return (self.boosting_.predict_proba(dense) + self.linear_.predict_proba(self._sparse(dense, chars))) / 2

    def _sparse(self, dense: np.ndarray, chars) -> sparse.csr_matrix:
        return sparse.hstack([sparse.csr_matrix(self.scaler_.transform(dense)), chars]).tocsr()

    def predict_proba(self, X: Sequence[ClaimArticlePair]) -> np.ndarray:
        """Class probabilities, shape (n, n_classes), columns in ``classes_`` order."""
        self._not_fitted()
        pairs = _check_pairs(X)
        dense, _, chars = self.featuriser_.transform(pairs)
        return self._proba_matrices(dense, chars)


class BaselineClaimStance(_PairClassifier):
    """The issue's reference: character TF-IDF + claim similarity + logistic regression, no attribution features.

    Features: the character 2-4-gram TF-IDF of the article's first 3,000
    characters and six claim-similarity numbers (word TF-IDF cosine of claim
    and article, the best and the mean of the three best claim-sentence
    cosines, the share of the claim's words, numbers and parties found in the
    article). Logistic regression with balanced class weights.

    Parameters
    ----------
    char_features : int, default 50000
    C : float, default 1.0
    """

    def __init__(self, *, char_features: int = 50000, C: float = 1.0) -> None:
        self.char_features = char_features
        self.C = C

    def fit(self, X: Sequence[ClaimArticlePair], y) -> "BaselineClaimStance":
        """Fit the vocabularies and the logistic regression on prepared pairs and their stances."""
        if not isinstance(self.char_features, (int, np.integer)) or self.char_features < 1:
            raise OptionError(f"char_features must be a positive integer, got {self.char_features!r}")
        if not isinstance(self.C, (int, float)) or not self.C > 0:
            raise OptionError(f"C must be a positive number, got {self.C!r}")
        pairs = _check_pairs(X)
        y = _check_labels(y, len(pairs))
        self.featuriser_ = _Featuriser({c: () for c in CUE_CLASSES}, self.char_features).fit(pairs)
        dense, self.feature_names_, chars = self.featuriser_.transform(pairs, full=False)
        self.scaler_ = StandardScaler().fit(dense)
        self.linear_ = LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000).fit(
            sparse.hstack([sparse.csr_matrix(self.scaler_.transform(dense)), chars]).tocsr(), y)
        self.classes_ = self.linear_.classes_
        return self

    def predict_proba(self, X: Sequence[ClaimArticlePair]) -> np.ndarray:
        """Class probabilities, shape (n, n_classes), columns in ``classes_`` order."""
        self._not_fitted()
        dense, _, chars = self.featuriser_.transform(_check_pairs(X), full=False)
        return self.linear_.predict_proba(
            sparse.hstack([sparse.csr_matrix(self.scaler_.transform(dense)), chars]).tocsr())


# ---------------------------------------------------------------------------------------------------------------
# Evaluation


@dataclass(frozen=True)
class FoldScores:
    """Scores of one model on one test fold."""

    fold: str
    n: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, float]

    def to_dict(self) -> dict:
        return {"fold": self.fold, "n": self.n, "accuracy": self.accuracy, "macro_f1": self.macro_f1,
                "per_class": dict(self.per_class)}


@dataclass(frozen=True)
class ClaimStanceScores:
    """Scores of one model over all folds (predictions pooled) and per fold.

    Attributes
    ----------
    accuracy, macro_f1 : float
        Over the pooled out-of-fold predictions of all pairs.
    per_class : dict of str to float
        F1 of each stance, pooled.
    per_fold : tuple of FoldScores
    mean_fold_macro_f1 : float
        The mean of the per-fold macro-F1.
    confusion : tuple of tuple of int
        Rows: gold stance, columns: predicted stance, both in ``LABELS`` order.
    """

    accuracy: float
    macro_f1: float
    per_class: dict[str, float]
    per_fold: tuple[FoldScores, ...]
    mean_fold_macro_f1: float
    confusion: tuple[tuple[int, ...], ...]

    def to_dict(self) -> dict:
        return {"accuracy": self.accuracy, "macro_f1": self.macro_f1, "per_class": dict(self.per_class),
                "mean_fold_macro_f1": self.mean_fold_macro_f1,
                "per_fold": [f.to_dict() for f in self.per_fold],
                "confusion": [list(r) for r in self.confusion]}


@dataclass(frozen=True)
class ClaimStanceEvaluation:
    """The claim-stance model and the baseline on the same claim-level folds.

    Attributes
    ----------
    accuracy, macro_f1, per_class, per_fold, mean_fold_macro_f1, confusion
        The model's scores (see :class:`ClaimStanceScores`).
    baseline : ClaimStanceScores
        The baseline's scores on the same folds.
    n : int
        Number of (claim, article) pairs.
    labels : tuple of str
    folds : tuple of str
        The test folds, in order.
    seed : int
    """

    accuracy: float
    macro_f1: float
    per_class: dict[str, float]
    per_fold: tuple[FoldScores, ...]
    mean_fold_macro_f1: float
    confusion: tuple[tuple[int, ...], ...]
    baseline: ClaimStanceScores
    n: int
    labels: tuple[str, ...]
    folds: tuple[str, ...]
    seed: int

    @property
    def model(self) -> ClaimStanceScores:
        """The model's scores as a :class:`ClaimStanceScores`."""
        return ClaimStanceScores(self.accuracy, self.macro_f1, self.per_class, self.per_fold,
                                 self.mean_fold_macro_f1, self.confusion)

    def to_dict(self) -> dict:
        """The JSON object of ``stance evaluate claim-stance --format json``."""
        out = self.model.to_dict()
        out["baseline"] = self.baseline.to_dict()
        out.update({"n": self.n, "labels": list(self.labels), "folds": list(self.folds), "seed": self.seed})
        return out


def _scores(y: np.ndarray, pred: np.ndarray, folds: np.ndarray, order: Sequence[str]) -> ClaimStanceScores:
    labels = list(LABELS)

    def one(yt, yp):
        per = f1_score(yt, yp, labels=labels, average=None, zero_division=0)
        return (round(float(accuracy_score(yt, yp)), 4),
                round(float(f1_score(yt, yp, labels=labels, average="macro", zero_division=0)), 4),
                {s: round(float(v), 4) for s, v in zip(labels, per)})

    acc, mf1, per = one(y, pred)
    fold_scores = []
    for f in order:
        m = folds == f
        fa, fm, fp = one(y[m], pred[m])
        fold_scores.append(FoldScores(f, int(m.sum()), fa, fm, fp))
    confusion = tuple(tuple(int(((y == g) & (pred == p)).sum()) for p in labels) for g in labels)
    return ClaimStanceScores(acc, mf1, per, tuple(fold_scores),
                             round(float(np.mean([s.macro_f1 for s in fold_scores])), 4), confusion)


def evaluate_claim_stance(root: str | Path, *, pipeline: Pipeline | None = None, seed: int = 0,
                          progress: Callable[[str], None] | None = None) -> ClaimStanceEvaluation:
    """Cross-validate :class:`ClaimStanceClassifier` and :class:`BaselineClaimStance` on UnifiedFC's five folds.

    Each fold of ``train_test_splits.txt`` is the test set once; both models
    are fitted on the other four folds (claim-level splits: a claim and all its
    articles are on one side). Scores pool the out-of-fold predictions of all
    pairs and are also given per fold.

    Parameters
    ----------
    root : str or Path
        The UnifiedFC folder (``dataset/`` and ``train_test_splits.txt``); a
        wrong folder raises :class:`~stance.errors.InputError`.
    pipeline : Pipeline, optional
        Runs the text and attribution layers (default: bundled lexicons).
    seed : int, default 0
        Random state of the gradient-boosting model.
    progress : callable, optional
        Called with a short message before each stage (preparing the pairs, each fold).
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise OptionError(f"seed must be a non-negative integer, got {seed!r}")
    say = progress or (lambda message: None)
    data = read_unifiedfc(root)
    say(f"preparing {sum(len(c.articles) for c in data.claims.values())} claim-article pairs")
    pairs, y, folds = prepare_unifiedfc(data, pipeline)
    y = y.astype(str)
    order = tuple(data.folds)
    pred = np.empty(len(y), dtype=object)
    base = np.empty(len(y), dtype=object)
    for f in order:
        test, train = np.where(folds == f)[0], np.where(folds != f)[0]
        tr, te = [pairs[i] for i in train], [pairs[i] for i in test]
        say(f"{f}: fitting on {len(train)} pairs, testing on {len(test)}")
        pred[test] = ClaimStanceClassifier(random_state=seed).fit(tr, y[train]).predict(te)
        base[test] = BaselineClaimStance().fit(tr, y[train]).predict(te)
    model = _scores(y, pred.astype(str), folds, order)
    baseline = _scores(y, base.astype(str), folds, order)
    return ClaimStanceEvaluation(model.accuracy, model.macro_f1, model.per_class, model.per_fold,
                                 model.mean_fold_macro_f1, model.confusion, baseline, len(y), LABELS, order, int(seed))
