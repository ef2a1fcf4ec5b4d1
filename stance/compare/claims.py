"""Claims and their alignment across sources.

A claim is a proposition a document carries: the content of an attribution
(what a source is reported to have said) or a sentence the writer asserts in its
own voice. Each claim has a credence code, the writer's presentation of the
proposition on an ordinal scale (codebook ``comparison-0.1`` in lexicons/README.md):

==========  ====  ================================================================
asserted     +2   the writer states it in its own voice (no attribution cue)
endorse      +1   reported through a factive cue (أكد، كشف، أثبت)
neutral       0   reported through a neutral cue (قال، أعلن، بحسب، قدّر), or any negated cue
distance     -1   reported through a distancing cue (زعم، ادعى، مزاعم)
deny         -2   reported as a source's denial (نفى، كذّب، رفض)
==========  ====  ================================================================

:func:`align_claims` groups the claims of one story that state the same
proposition: average-linkage clustering of a similarity that combines the cosine
of character n-gram TF-IDF vectors of the normalised text (numbers masked, so that
"10 آلاف جندي" and "11 ألف جندي" still align and their figures can be compared),
the parties both mention and the units of the quantities both give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from stance.compare.numbers import Quantity
from stance.compare.options import SIMILARITY
from stance.compare.vectors import Tfidf, ngrams

__all__ = ["CREDENCE_CODES", "Claim", "ClaimCluster", "align_claims", "alignment_key", "ClaimVectoriser", "claim_vectoriser", "claim_credence", "group_stories",
           "median_credence"]

CREDENCE_CODES: dict[str, int] = {"asserted": 2, "endorse": 1, "neutral": 0, "distance": -1, "deny": -2}
MIN_KEY_WORDS = 4  # shorter claims (في كل المجالات) are fragments that say too little to align
PARTY_WEIGHT = 0.15
UNIT_WEIGHT = 0.1
STORY_SIMILARITY = 0.15  # chosen on UnifiedFC folds 1-2 (experiments/story_grouping.py)
_STORY_WORD = re.compile(r"[\u0621-\u064a]{2,}")
_DIGITS = re.compile(r"\d+(?:[.,٫٬]\d+)*")


def claim_credence(stance: str, negated: bool = False) -> int:
    """The credence code of a claim carried with this coarse stance (``asserted`` for the writer's voice)."""
    if negated:
        return 0
    return CREDENCE_CODES[stance]


@dataclass(frozen=True)
class Claim:
    """One proposition a document carries.

    Attributes
    ----------
    doc_id, source, story : str
    sentence : int
    start, end : int
        The claim's span in the original text (the attribution's content, else its sentence).
    text : str
        The original text at start:end.
    norm : str
        Its normalised form.
    stance : str
        ``asserted`` or the attribution's coarse stance (endorse, neutral, distance, deny).
    credence : int
        The credence code, -2 .. +2.
    speaker_party : str or None
        The party the claim is attributed to (None for assertions and unnamed speakers).
    parties : tuple of str
        Parties the claim mentions.
    quantities : tuple of Quantity
        Numbers the claim gives, with their units.
    key : str
        What alignment compares: the normalised text with each party named replaced by its id
        and each quantity by its unit, words lightly stemmed (:func:`alignment_key`).
    """

    doc_id: str
    source: str
    story: str
    sentence: int
    start: int
    end: int
    text: str
    norm: str
    stance: str
    credence: int
    speaker_party: str | None
    parties: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    key: str = ""


_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_SUFFIXES = ("هما", "ها", "هم", "ون", "ين", "ات", "ان", "ه", "ي")
_STOP = frozenset("في من الى على عن ان ما لا لم لن قد مع هذا هذه ذلك تلك التي الذي الذين كان كانت او ثم بعد قبل "
                  "حتي خلال منذ عند بين كل بعض اي هو هي هم".split())


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 3:
            word = word[len(p):]
            break
    for x in _SUFFIXES:
        if word.endswith(x) and len(word) - len(x) >= 3:
            return word[: -len(x)]
    return word


def alignment_key(text: str, spans: Sequence[tuple[int, int, str]], normaliser, normalised=None) -> str:
    """The text alignment compares: spans (start, end, token) replaced, other words normalised and stemmed.

    ``spans`` are offsets into ``text`` with the token that stands for them (``P_KP`` for a
    mention of North Korea, ``Q_soldier`` for a quantity of soldiers); overlapping spans keep
    the first. ``normalised``: ``normaliser.normalise(text)`` when the caller has it.
    """
    nt = normalised if normalised is not None else normaliser.normalise(text)
    # normalisation is character by character: when it deleted nothing, offsets are the same in
    # both texts and the pieces can be cut from the normalised text
    piece = (lambda a, b: nt.text[a:b]) if nt.is_identity else (lambda a, b: normaliser(text[a:b]))
    out, pos = [], 0
    for a, b, token in sorted(spans):
        if a < pos:
            continue
        out.extend(_stem(w) for w in _WORDS.findall(piece(pos, a)) if w not in _STOP)
        out.append(token)
        pos = b
    out.extend(_stem(w) for w in _WORDS.findall(piece(pos, len(text))) if w not in _STOP)
    return " ".join(out)


_WORDS = re.compile(r"[\u0621-\u064a]+|\d+")


@dataclass(frozen=True)
class ClaimCluster:
    """Claims of one story that state the same proposition.

    ``claims`` are indexes into the story's claim list; ``sources`` the distinct sources.
    ``representative`` indexes the claim most similar to the others.
    """

    story: str
    claims: tuple[int, ...]
    sources: tuple[str, ...]
    representative: int


def _mask_numbers(norm: str) -> str:
    return _DIGITS.sub("0", norm)


class ClaimVectoriser:
    """The TF-IDF model of alignment keys: word unigrams and bigrams, sublinear term frequency."""

    def __init__(self) -> None:
        self._tfidf = Tfidf()

    def fit(self, keys: Sequence[str]) -> "ClaimVectoriser":
        self._tfidf.fit(ngrams(k.split(), 1, 2) for k in keys)
        return self

    def fit_transform(self, keys: Sequence[str]):
        return self._tfidf.fit_transform(ngrams(k.split(), 1, 2) for k in keys)

    def transform(self, keys: Sequence[str]):
        return self._tfidf.transform(ngrams(k.split(), 1, 2) for k in keys)


def claim_vectoriser() -> ClaimVectoriser:
    """A new, unfitted :class:`ClaimVectoriser`."""
    return ClaimVectoriser()


def align_claims(claims: Sequence[Claim], *, threshold: float = SIMILARITY, vectors=None) -> list[ClaimCluster]:
    """Cluster the claims of ONE story into propositions; return clusters spanning two or more sources.

    The similarity of two claims is the cosine of the TF-IDF vectors of their alignment keys
    (:func:`alignment_key`: words lightly stemmed, parties as ids, quantities as units; word
    unigrams and bigrams), plus a bonus for the parties they share (``PARTY_WEIGHT`` times the
    cosine of their party sets) and for the units of the quantities they give (``UNIT_WEIGHT``
    times the cosine of their unit sets), capped at 1. Clusters are cut from average-linkage
    clustering at ``threshold``.

    Parameters
    ----------
    claims : sequence of Claim
        The claims of one story (any number of sources and documents).
    threshold : float
        The average similarity at which two groups of claims merge, in (0, 1].
    vectors : sparse matrix of shape (len(claims), n_features), optional
        L2-normalised vectors of the claims' keys, when the caller fitted the model on a whole
        corpus (:func:`claim_vectoriser`); fitted on these claims otherwise.
    """
    n = len(claims)
    if n < 2 or len({c.source for c in claims}) < 2:
        return []
    keys = [c.key or _mask_numbers(c.norm) for c in claims]
    usable = [i for i, k in enumerate(keys) if k.count(" ") + 1 >= MIN_KEY_WORDS]
    if len(usable) < len(claims):
        sub = align_claims([claims[i] for i in usable], threshold=threshold,
                           vectors=None if vectors is None else vectors[usable])
        return [ClaimCluster(c.story, tuple(usable[i] for i in c.claims), c.sources, usable[c.representative])
                for c in sub]
    if vectors is None:
        try:
            vectors = claim_vectoriser().fit_transform(keys)
        except ValueError:  # no word at all
            return []
    # one product gives text cosine + PARTY_WEIGHT * party cosine + UNIT_WEIGHT * unit cosine
    parts = [vectors]
    for weight, sets in ((PARTY_WEIGHT, [set(c.parties) | ({c.speaker_party} if c.speaker_party else set())
                                         for c in claims]),
                         (UNIT_WEIGHT, [{q.unit for q in c.quantities if q.unit} for c in claims])):
        ind = _indicator(sets)
        norms = np.sqrt(ind.sum(axis=1, keepdims=True))
        parts.append(sparse.csr_matrix(np.sqrt(weight) * np.divide(ind, norms, out=np.zeros_like(ind),
                                                                   where=norms > 0)))
    x = sparse.hstack(parts, format="csr")
    # rounded: the feature columns follow Python's per-process string hashes, so the same cosine
    # differs in its last bits between runs; rounding keeps ties (in the linkage and in the
    # representative) tied, and a tie then goes to the first claim
    sim = np.round((x @ x.T).toarray(), 9)
    np.minimum(sim, 1.0, out=sim)
    dist = np.subtract(1.0, sim)
    np.maximum(dist, 0.0, out=dist)
    np.fill_diagonal(dist, 0.0)
    condensed = squareform(dist, checks=False)
    labels = fcluster(linkage(condensed, method="average"), t=1.0 - threshold, criterion="distance")
    source_of = np.array([c.source for c in claims])
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    out = []
    for idx in np.split(order, bounds):
        if len(idx) < 2 or (source_of[idx] == source_of[idx[0]]).all():
            continue
        rep = int(idx[np.argmax(sim[np.ix_(idx, idx)].sum(axis=1))])
        out.append(ClaimCluster(claims[0].story, tuple(int(i) for i in idx),
                                tuple(sorted(set(source_of[idx].tolist()))), rep))
    out.sort(key=lambda c: c.claims[0])  # in the order of their first claim
    return out


def _indicator(sets: Sequence[set[str]]) -> np.ndarray:
    """A 0/1 matrix: row i marks the members of sets[i]."""
    names = {x: k for k, x in enumerate(sorted(set().union(*sets)))}
    out = np.zeros((len(sets), max(1, len(names))))
    for i, members in enumerate(sets):
        for x in members:
            out[i, names[x]] = 1.0
    return out


def group_stories(doc_ids: Sequence[str], norms: Sequence[str], *, threshold: float = STORY_SIMILARITY,
                  prefix: str = "auto-") -> dict[str, str]:
    """Group documents into stories by the similarity of their words.

    Average-linkage clustering of the cosine of word TF-IDF vectors; documents at or
    above ``threshold`` average similarity share a story, named ``auto-1``, ``auto-2`` ...
    in the order of their first document.
    """
    if not doc_ids:
        return {}
    if len(doc_ids) == 1:
        return {doc_ids[0]: f"{prefix}1"}
    vec = Tfidf().fit_transform(_STORY_WORD.findall(n) for n in norms)
    sim = (vec @ vec.T).toarray()
    dist = (1.0 - sim)[np.triu_indices(len(doc_ids), 1)].clip(0.0, None)
    labels = fcluster(linkage(dist, method="average"), t=1.0 - threshold, criterion="distance")
    names: dict[int, str] = {}
    for lab in labels:
        names.setdefault(int(lab), f"{prefix}{len(names) + 1}")
    return {d: names[int(lab)] for d, lab in zip(doc_ids, labels)}


def median_credence(values: Iterable[int]) -> int:
    """A source's single value for a proposition it carries several times: the median, ties toward zero."""
    v = sorted(values)
    m = len(v) // 2
    if len(v) % 2:
        return v[m]
    lo, hi = v[m - 1], v[m]
    mid = (lo + hi) / 2
    return int(mid) if mid == int(mid) else (int(np.floor(mid)) if mid > 0 else int(np.ceil(mid)))
