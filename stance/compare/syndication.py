"""Syndication: copy that sources share, found by shingling sentences, and agency credits.

Two outlets that print the same agency story are not two independent witnesses.
:func:`find_copies` finds near-duplicate sentences across sources (Jaccard
similarity of word-trigram shingles over normalised words; one sparse product of
the sentence-by-shingle matrix compares only sentences that share a shingle) and groups them
into copy groups; :class:`CreditFinder` lists the news agencies a document
credits (its removed source-credit lines and its parenthesised credits, from
``lexicons/agencies.tsv``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

from stance.compare.vectors import ngrams, presence
from stance.lexicon import Lexicons

__all__ = ["CopyGroup", "CreditFinder", "SyndicationPair", "find_copies", "syndication_pairs"]

SHINGLE = 3
MIN_WORDS = 6  # shorter sentences (datelines, short quotes) say too little to prove copying
THRESHOLD = 0.5
_COMMON = 50  # a shingle in more sentences than this is boilerplate, not evidence of copying
_WORD = re.compile(r"[\u0621-\u064a\w]+")


@dataclass(frozen=True)
class CopyGroup:
    """Sentences of different sources that are near-duplicates of each other.

    ``members`` are ``(doc_id, sentence index)`` pairs; ``sources`` the sources they come from.
    """

    members: tuple[tuple[str, int], ...]
    sources: tuple[str, ...]


def find_copies(sentences: Iterable[tuple[str, str, int, str]], *, threshold: float = THRESHOLD,
                min_words: int = MIN_WORDS) -> list[CopyGroup]:
    """Group near-duplicate sentences across sources.

    Parameters
    ----------
    sentences : iterable of (doc_id, source, sentence index, normalised text)
    threshold : float
        Jaccard similarity of the shingle sets at or above which two sentences are copies.
    min_words : int
        Sentences with fewer words (fewer than ``min_words - 2`` distinct trigrams) are never
        counted as copies.

    Returns
    -------
    list of CopyGroup
        Connected components of the copy relation that span at least two sources, in the
        order of their first member.
    """
    keys: list[tuple[str, int]] = []
    srcs: list[str] = []
    norms: list[str] = []
    for doc_id, source, i, norm in sentences:
        keys.append((doc_id, i))
        srcs.append(source)
        norms.append(norm)
    parent = list(range(len(keys)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if keys:
        x = presence(ngrams(_WORD.findall(norm), SHINGLE, SHINGLE) for norm in norms)
        sizes = np.diff(x.indptr).astype(float)  # distinct shingles per sentence
        kept = np.flatnonzero(sizes >= max(1, min_words - SHINGLE + 1))
        x, sizes = x[kept], sizes[kept]
        df = np.bincount(x.indices, minlength=x.shape[1])
        x = x[:, np.flatnonzero((df >= 2) & (df <= _COMMON))]  # shingles no other sentence has, or boilerplate
        inter = sparse.triu(x @ x.T, k=1).tocoo()
        source_ids = {s: k for k, s in enumerate(sorted(set(srcs)))}
        src = np.array([source_ids[srcs[k]] for k in kept])
        jaccard = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
        hit = (jaccard >= threshold) & (src[inter.row] != src[inter.col])
        for m, n in zip(kept[inter.row[hit]], kept[inter.col[hit]]):
            parent[find(int(m))] = find(int(n))
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(keys)):
        groups[find(n)].append(n)
    out = []
    for members in groups.values():
        sources = sorted({srcs[m] for m in members})
        if len(sources) > 1:
            out.append(CopyGroup(tuple(keys[m] for m in members), tuple(sources)))
    return out


@dataclass(frozen=True)
class SyndicationPair:
    """Copy shared by two sources.

    Attributes
    ----------
    a, b : str
        The sources, ``a < b``.
    share : float
        The share of the two sources' sentences (in the stories both cover) that have a
        near-duplicate in the other source: (copied of a + copied of b) / (sentences of a + b).
    sentences : int
        Copied sentences of a and b together.
    documents : tuple of (str, str, float)
        Document pairs with copy: (doc of a, doc of b, share of the shorter one copied).
    credits : tuple of str
        Agencies both sources credit in a story they share.
    """

    a: str
    b: str
    share: float
    sentences: int
    documents: tuple[tuple[str, str, float], ...]
    credits: tuple[str, ...]


def syndication_pairs(groups: Sequence[CopyGroup], documents: Mapping[str, tuple[str, str, int]],
                      credits: Mapping[str, frozenset[str]]) -> list[SyndicationPair]:
    """Aggregate copy groups into source pairs.

    Parameters
    ----------
    groups : the copy groups of :func:`find_copies`
    documents : {doc_id: (source, story, number of sentences)}
    credits : {doc_id: agencies the document credits}
    """
    copied: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)  # (source, other) -> sentences
    doc_pairs: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for g in groups:
        for d1, i1 in g.members:
            for d2, i2 in g.members:
                s1, s2 = documents[d1][0], documents[d2][0]
                if s1 != s2:
                    copied[(s1, s2)].add((d1, i1))
                    if s1 < s2:
                        doc_pairs[(d1, d2)].add((i1, i2))
    by_source_story: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    docs_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc_id, (source, story, n) in documents.items():
        by_source_story[source][story] += n
        docs_of[(source, story)].append(doc_id)
    sources = sorted(by_source_story)
    out = []
    for x, a in enumerate(sources):
        for b in sources[x + 1:]:
            stories = set(by_source_story[a]) & set(by_source_story[b])
            if not stories:
                continue
            shared_credits = set()
            for st in stories:
                ca = set().union(*(credits.get(d, frozenset()) for d in docs_of[(a, st)]))
                cb = set().union(*(credits.get(d, frozenset()) for d in docs_of[(b, st)]))
                shared_credits |= ca & cb
            n_copied = len(copied.get((a, b), ())) + len(copied.get((b, a), ()))
            if not n_copied and not shared_credits:
                continue
            total = sum(by_source_story[a][s] + by_source_story[b][s] for s in stories)
            pairs = []
            for (d1, d2), matched in sorted(doc_pairs.items()):
                if documents[d1][0] == a and documents[d2][0] == b:
                    shorter = min(documents[d1][2], documents[d2][2])
                    n_match = min(len({i for i, _ in matched}), len({j for _, j in matched}))
                    pairs.append((d1, d2, round(n_match / shorter, 4) if shorter else 0.0))
            out.append(SyndicationPair(a, b, n_copied / total if total else 0.0, n_copied, tuple(pairs),
                                       tuple(sorted(shared_credits))))
    return out


class CreditFinder:
    """Finds the news agencies a document credits, from ``lexicons/agencies.tsv``.

    A credit is an agency form inside a removed source-credit line (``المصدر: وكالات``)
    or inside parentheses (``موسكو (رويترز) -``, ``(أ ف ب)``). Agencies a document only
    quotes (``قالت رويترز``) are attributions, not credits.
    """

    _PARENS = re.compile(r"[(\[]([^()\[\]]{1,60})[)\]]")

    def __init__(self, lexicons: Lexicons) -> None:
        self.normaliser = lexicons.normaliser
        forms = {e.norm["form"]: e["agency"] for e in lexicons["agencies"]}
        self._forms = forms
        alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        self._regex = re.compile(rf"(?<![\u0621-\u064a])(?:و|ب|ل)?(?:{alts})(?![\u0621-\u064a])")

    def find(self, text: str, credit_lines: Iterable[str] = ()) -> frozenset[str]:
        """Agencies credited by a document's text (parenthesised) and its removed credit lines."""
        spans = [m.group(1) for m in self._PARENS.finditer(text)] + list(credit_lines)
        found = set()
        for span in spans:
            norm = self.normaliser(span)
            for m in self._regex.finditer(norm):
                word = m.group()
                found.add(self._forms.get(word) or self._forms[word[1:]])
        return frozenset(found)
