"""The comparison of sources: credence, claim alignment, reliability, divergence, syndication, numbers.

:func:`document_summary` reduces one :class:`~stance.pipeline.DocumentAnalysis` to
what the comparison needs (a pure per-document function, so it runs in worker
processes); :func:`compare` combines the summaries of a corpus into a
:class:`Comparison`. The definitions (credence scale, how denials and negation
count, how syndicated copy is discounted) are the codebook ``comparison-0.1`` in
``lexicons/README.md``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations
from typing import Iterable, Mapping, Sequence

import numpy as np

from stance.compare.claims import (CREDENCE_CODES, Claim, ClaimCluster, align_claims, alignment_key,
                                   claim_credence, claim_vectoriser, group_stories, median_credence)
from stance.compare.numbers import Quantity, find_quantities
from stance.compare.options import CompareOptions
from stance.compare.reliability import alpha_from_coincidences, bootstrap_alpha, unit_coincidences
from stance.compare.stats import (benjamini_hochberg, bootstrap_mean, chi_square, jensen_shannon_matrix,
                                  permutation_test_counts)
from stance.compare.syndication import CreditFinder, SyndicationPair, find_copies, syndication_pairs
from stance.framing.profile import NamingTable, Profile, naming_table
from stance.framing.profile import profiles as framing_profiles
from stance.lexicon import Lexicons
from stance.pipeline import DocumentAnalysis
from stance.records import Framing, Rejected

__all__ = ["CUE_CLASSES", "STANCE_CREDENCE", "Comparison", "CompareOptions", "DocumentSummary", "NumberRow",
           "compare", "document_summary"]

CUE_CLASSES = ("factive", "report", "according", "estimate", "distancing", "denial")
STANCE_CREDENCE: dict[str, float] = {"endorse": 1.0, "neutral": 0.0, "distance": -1.0, "deny": 0.0}
NO_PARTY = "-"
_SCALE = tuple(sorted(CREDENCE_CODES.values()))  # -2 .. +2


@dataclass(frozen=True)
class DocumentSummary:
    """What the comparison keeps of one analysed document.

    Attributes
    ----------
    doc_id, source, story, date : str
        ``story`` is the document's own story field or ``""`` (grouped automatically later).
    n_sentences : int
    sentence_norms : tuple of str
        Normalised sentences (for copy detection).
    norm : str
        The normalised story text (for automatic story grouping).
    credence : tuple of (party, credence or None, cue_class, stance, negated, hedged)
        One entry per attribution; credence None for a negated cue.
    assertions : int
        Sentences the writer asserts in its own voice.
    claims : tuple of Claim
        Story is filled in by :func:`compare` when the document has none.
    credits : frozenset of str
        News agencies the document credits.
    framings : tuple of Framing
        The document's framing terms (for the framing profiles and naming tables).
    """

    doc_id: str
    source: str
    story: str
    date: str
    n_sentences: int
    sentence_norms: tuple[str, ...]
    norm: str
    credence: tuple[tuple[str, float | None, str, str, bool, bool], ...]
    assertions: int
    claims: tuple[Claim, ...]
    credits: frozenset[str]
    framings: tuple[Framing, ...] = ()


def attribution_credence(stance: str, negated: bool) -> float | None:
    """The credence an attribution grants its speaker: endorse +1, neutral 0, distance -1, deny 0.

    A denial is reported speech like any other (the writer reports that the party rejects
    something, without judging the party), so it counts 0 for the party; a negated cue
    (لم يؤكد، لم ينف) reports an act that did not happen and grants no credence: None, left
    out of the mean and counted as negated.
    """
    return None if negated else STANCE_CREDENCE[stance]


def document_summary(analysis: DocumentAnalysis, lexicons: Lexicons, credits: CreditFinder) -> DocumentSummary:
    """Reduce one document's analysis to its comparison summary (pure; runs in workers)."""
    doc = analysis.document
    normaliser = lexicons.normaliser
    by_sentence: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for i, a, b, party in analysis.mentions:
        by_sentence[i].append((a, b, party))
    sentences = {s.index: s for s in analysis.sentences}
    story = doc.story or ""
    quantities_of: dict[int, list[Quantity]] = {}

    def make(sentence: int, start: int, end: int, stance: str, negated: bool, speaker_party: str | None) -> Claim:
        text = doc.text[start:end]
        inside = [(a - start, b - start, p) for a, b, p in by_sentence[sentence] if a >= start and b <= end]
        s = sentences[sentence]
        if sentence not in quantities_of:  # once per sentence: a hedge before the claim's span still counts
            quantities_of[sentence] = find_quantities(s.text, normaliser, lexicons=lexicons)
        shift = start - s.start
        quantities = tuple(replace(q, start=q.start - shift, end=q.end - shift) for q in quantities_of[sentence]
                           if q.start >= shift and q.end <= end - s.start)
        spans = [(a, b, f"P_{p}") for a, b, p in inside] + [(q.start, q.end, f"Q_{q.unit or 'number'}")
                                                            for q in quantities]
        nt = normaliser.normalise(text)
        return Claim(doc.id, doc.source, story, sentence, start, end, text, nt.text,
                     stance, claim_credence(stance, negated), speaker_party, tuple(sorted({p for *_, p in inside})),
                     quantities, alignment_key(text, spans, normaliser, nt))

    claims = []
    for a in analysis.attributions:
        s = sentences[a.sentence]
        start, end = (a.content_start, a.content_end) if a.content_start is not None else (s.start, s.end)
        claims.append(make(a.sentence, start, end, a.stance, a.negated, a.party))
    for x in analysis.assertions:
        claims.append(make(x.sentence, x.start, x.end, "asserted", False, None))
    claims.sort(key=lambda c: (c.start, c.end))
    credit_lines = [r.text for r in analysis.removed if r.kind == "source_credit"]
    return DocumentSummary(
        doc.id, doc.source, story, doc.date or "", len(analysis.sentences),
        tuple(s.norm for s in analysis.sentences), " ".join(s.norm for s in analysis.sentences),
        tuple((a.party or NO_PARTY, attribution_credence(a.stance, a.negated), a.cue_class, a.stance, a.negated,
               a.hedged) for a in analysis.attributions),
        len(analysis.assertions), tuple(claims), credits.find(doc.text, credit_lines), analysis.framings)


@dataclass(frozen=True)
class NumberRow:
    """The figures sources give for one kind of quantity (a unit: soldiers, killed, dollars) in one story.

    Attributes
    ----------
    story, unit : str
    figures : dict of source to tuple of float
        The distinct values each source gives, ascending.
    approximate : dict of source to tuple of float
        The figures the source hedges (نحو، حوالي، ما يصل إلى، أكثر من).
    claims : tuple of (source, doc_id, sentence, text, value)
        Where each figure comes from.
    consistent : bool
        Every source gives the same single value.
    """

    story: str
    unit: str
    figures: dict[str, tuple[float, ...]]
    approximate: dict[str, tuple[float, ...]]
    claims: tuple[tuple[str, str, int, str, float], ...]
    consistent: bool


@dataclass(frozen=True)
class Comparison:
    """Everything ``stance compare`` reports; :meth:`to_dict` gives the JSON object."""

    documents: int
    analysed: int
    rejected: tuple[Rejected, ...]
    sources: tuple[str, ...]
    excluded_sources: dict[str, int]
    documents_per_source: dict[str, int]
    stories: dict[str, int]
    credence: dict[str, dict[str, tuple[float, float, float, int]]]
    profiles: dict[str, dict[str, int]]
    assertions: dict[str, tuple[int, int]]
    claims: tuple[dict, ...]
    reliability_alpha: list[list[float]]
    reliability_ordinal: list[list[float]]
    reliability_low: list[list[float]]
    reliability_high: list[list[float]]
    n_shared: list[list[int]]
    overall: dict[str, float | int]
    divergence: list[list[float]]
    chi: dict[str, float | int]
    pairwise: tuple[dict, ...]
    untested: tuple[str, ...]
    syndication: tuple[SyndicationPair, ...]
    numbers: tuple[NumberRow, ...]
    framing: tuple[Profile, ...] = ()
    naming: tuple[NamingTable, ...] = ()
    options: CompareOptions = field(default_factory=CompareOptions)

    def to_dict(self) -> dict:
        """The JSON object: corpus, sources, credence, reliability, divergence, syndication, numbers, tests."""
        return _json_safe({
            "corpus": {"documents": self.documents, "analysed": self.analysed,
                       "rejected": [{"id": r.id, "reason": r.reason, "origin": r.origin} for r in self.rejected],
                       "stories": self.stories},
            "sources": list(self.sources),
            "documents_per_source": self.documents_per_source,
            "excluded_sources": self.excluded_sources,
            "credence": {s: {p: {"mean": m, "low": lo, "high": hi, "n": n} for p, (m, lo, hi, n) in parties.items()}
                         for s, parties in self.credence.items()},
            "profiles": self.profiles,
            "framing": {s: {p.party: {"mean": p.valence, "low": p.low, "high": p.high, "n": p.n, "frames": p.frames,
                                      "roles": p.roles} for p in self.framing if p.source == s} for s in self.sources},
            "naming": [{"referent": t.referent, "counts": t.counts} for t in self.naming],
            "assertions": {s: {"assertions": a, "sentences": n, "share": a / n if n else None}
                           for s, (a, n) in self.assertions.items()},
            "claims": list(self.claims),
            "reliability": {"sources": list(self.sources), "alpha": self.reliability_alpha,
                            "alpha_ordinal": self.reliability_ordinal, "low": self.reliability_low,
                            "high": self.reliability_high, "n_shared": self.n_shared, "overall": self.overall},
            "divergence": {"sources": list(self.sources), "jensen_shannon": self.divergence,
                           "classes": list(CUE_CLASSES)},
            "syndication": [{"a": p.a, "b": p.b, "share": p.share, "sentences": p.sentences,
                             "documents": [{"a": x, "b": y, "share": s} for x, y, s in p.documents],
                             "credits": list(p.credits)} for p in self.syndication],
            "numbers": [{"story": r.story, "unit": r.unit,
                         "figures": {s: list(v) for s, v in r.figures.items()},
                         "approximate": {s: list(v) for s, v in r.approximate.items()},
                         "consistent": r.consistent,
                         "claims": [{"source": s, "doc_id": d, "sentence": i, "text": t, "value": v}
                                    for s, d, i, t, v in r.claims]} for r in self.numbers],
            "tests": {"chi_square": self.chi, "pairwise": list(self.pairwise), "untested": list(self.untested)},
            "options": {"min_documents": self.options.min_documents,
                        "count_syndicated": self.options.count_syndicated,
                        "similarity": self.options.similarity, "confidence": self.options.confidence,
                        "n_resamples": self.options.n_resamples, "permutations": self.options.permutations,
                        "min_attributions": self.options.min_attributions,
                        "seed": self.options.seed},
        })


def _json_safe(x):
    if isinstance(x, float):
        return None if math.isnan(x) or math.isinf(x) else round(x, 6)
    if isinstance(x, (np.floating, np.integer)):
        return _json_safe(x.item())
    if isinstance(x, dict):
        return {str(k): _json_safe(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_json_safe(v) for v in x]
    return x


def compare(items: Iterable[DocumentSummary | Rejected], options: CompareOptions | None = None) -> Comparison:
    """Compare the sources of a corpus.

    Parameters
    ----------
    items : iterable of DocumentSummary or Rejected
        One per input document, in input order (:func:`document_summary` of each analysis).
    options : CompareOptions
    """
    opt = options or CompareOptions()
    summaries: list[DocumentSummary] = []
    rejected: list[Rejected] = []
    for item in items:
        (rejected if isinstance(item, Rejected) else summaries).append(item)
    per_source = Counter(s.source for s in summaries)
    sources = tuple(sorted(s for s, n in per_source.items() if n >= opt.min_documents))
    kept = [s for s in summaries if s.source in set(sources)]

    # stories: the documents' own, else grouped automatically
    unstoried = [s for s in kept if not s.story]
    auto = group_stories([s.doc_id for s in unstoried], [s.norm for s in unstoried])
    story_of = {s.doc_id: s.story or auto[s.doc_id] for s in kept}

    credence, profiles, assertions = _credence(kept, sources, opt)
    groups = find_copies((s.doc_id, s.source, i, norm) for s in kept for i, norm in enumerate(s.sentence_norms))
    syndication = syndication_pairs(groups, {s.doc_id: (s.source, story_of[s.doc_id], s.n_sentences) for s in kept},
                                    {s.doc_id: s.credits for s in kept})
    copies = set() if opt.count_syndicated else _copies(groups, kept)

    claims_by_story: dict[str, list[Claim]] = defaultdict(list)
    for s in kept:
        for c in s.claims:
            claims_by_story[story_of[s.doc_id]].append(c if c.story else _with_story(c, story_of[s.doc_id]))
    units: list[dict[str, int]] = []
    claim_rows: list[dict] = []
    number_rows: list[NumberRow] = []
    all_claims = [c for story in sorted(claims_by_story) for c in claims_by_story[story]]
    try:
        vectors = claim_vectoriser().fit_transform([c.key for c in all_claims]) if all_claims else None
    except ValueError:  # not one word in any claim
        vectors = None
    offset = 0
    for story in sorted(claims_by_story):
        claims = claims_by_story[story]
        rows = None if vectors is None else vectors[offset:offset + len(claims)]
        offset += len(claims)
        if rows is None:
            continue
        for cluster in align_claims(claims, threshold=opt.similarity, vectors=rows):
            values: dict[str, list[int]] = defaultdict(list)
            copied: dict[str, int] = Counter()
            for i in cluster.claims:
                c = claims[i]
                if (c.doc_id, c.sentence) in copies:
                    copied[c.source] += 1
                    continue
                values[c.source].append(c.credence)
            unit = {src: median_credence(v) for src, v in values.items()}
            if len(unit) >= 2:
                units.append(unit)
            claim_rows.append(_claim_row(story, cluster, claims, unit, copied))

    for story in sorted(claims_by_story):
        number_rows.extend(_number_rows(story, claims_by_story[story]))
    rel = _reliability(units, sources, opt)
    div, chi, pairwise, untested = _divergence(kept, sources, story_of, opt)
    return Comparison(
        documents=len(summaries) + len(rejected), analysed=len(summaries), rejected=tuple(rejected),
        sources=sources, excluded_sources={s: n for s, n in sorted(per_source.items()) if s not in set(sources)},
        documents_per_source={s: per_source[s] for s in sources},
        stories=dict(sorted(Counter(story_of.values()).items())),
        credence=credence, profiles=profiles, assertions=assertions, claims=tuple(claim_rows),
        reliability_alpha=rel[0], reliability_ordinal=rel[1], reliability_low=rel[2], reliability_high=rel[3],
        n_shared=rel[4], overall=rel[5], divergence=div, chi=chi, pairwise=pairwise, untested=untested,
        syndication=tuple(syndication), numbers=tuple(number_rows),
        framing=tuple(framing_profiles((f for s in kept for f in s.framings), confidence=opt.confidence,
                               n_resamples=opt.n_resamples, seed=opt.seed)),
        naming=tuple(naming_table(f for s in kept for f in s.framings)), options=opt)


def _with_story(c: Claim, story: str) -> Claim:
    return replace(c, story=story)


def _credence(kept: Sequence[DocumentSummary], sources: Sequence[str], opt: CompareOptions):
    values: dict[str, dict[str, list[float]]] = {s: defaultdict(list) for s in sources}
    profiles: dict[str, dict[str, int]] = {s: dict.fromkeys(CUE_CLASSES + ("negated", "hedged"), 0) for s in sources}
    assertions: dict[str, list[int]] = {s: [0, 0] for s in sources}
    for s in kept:
        assertions[s.source][0] += s.assertions
        assertions[s.source][1] += s.n_sentences
        for party, cred, cls, _stance, negated, hedged in s.credence:
            profiles[s.source][cls] = profiles[s.source].get(cls, 0) + 1
            profiles[s.source]["negated"] += negated
            profiles[s.source]["hedged"] += hedged
            if cred is not None:
                values[s.source][party].append(cred)
                values[s.source]["*"].append(cred)
    credence: dict[str, dict[str, tuple[float, float, float, int]]] = {}
    for s in sources:
        cells = {}
        for party in sorted(values[s], key=lambda p: (p == "*", p == NO_PARTY, p)):
            ci = _mean_ci(tuple(sorted(values[s][party])), opt.confidence, opt.n_resamples, opt.seed)
            cells[party] = (ci.mean, ci.low, ci.high, ci.n)
        credence[s] = cells
    return credence, profiles, {s: (a, n) for s, (a, n) in assertions.items()}


@lru_cache(maxsize=4096)
def _mean_ci(values: tuple[float, ...], confidence: float, n_resamples: int, seed: int):
    """Bootstrap CI of a mean; cached, since cells of few discrete credences repeat (same seed, same result)."""
    return bootstrap_mean(values, confidence=confidence, n_resamples=n_resamples, seed=seed)


def _copies(groups, kept: Sequence[DocumentSummary]) -> set[tuple[str, int]]:
    """Sentences that are copies: in each copy group, every member but those of the earliest source's document."""
    order = {s.doc_id: (s.date or "~", s.source, s.doc_id) for s in kept}
    out = set()
    for g in groups:
        keep_doc = min(g.members, key=lambda m: order[m[0]])[0]
        out.update((doc_id, i) for doc_id, i in g.members if doc_id != keep_doc)
    return out


def _claim_row(story: str, cluster: ClaimCluster, claims: Sequence[Claim], unit: Mapping[str, int],
               copied: Mapping[str, int]) -> dict:
    rep = claims[cluster.representative]
    return {"story": story, "claim": rep.text, "sources": list(cluster.sources), "values": dict(sorted(unit.items())),
            "copies": dict(sorted(copied.items())),
            "members": [{"doc_id": claims[i].doc_id, "source": claims[i].source, "sentence": claims[i].sentence,
                         "start": claims[i].start, "end": claims[i].end, "stance": claims[i].stance,
                         "credence": claims[i].credence} for i in cluster.claims]}


def _number_rows(story: str, claims: Sequence[Claim]) -> list[NumberRow]:
    """One row per unit that two or more sources give a figure for in this story."""
    by_unit: dict[str, dict[str, list[tuple[Quantity, Claim]]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        seen = set()
        for q in c.quantities:
            if q.unit and (q.unit, q.value, q.start) not in seen:
                seen.add((q.unit, q.value, q.start))
                by_unit[q.unit][c.source].append((q, c))
    rows = []
    for unit, per_source in sorted(by_unit.items()):
        if len(per_source) < 2:
            continue
        figures = {s: tuple(sorted({q.value for q, _ in qs})) for s, qs in sorted(per_source.items())}
        approx = {s: tuple(sorted({q.value for q, _ in qs if q.approximate})) for s, qs in sorted(per_source.items())}
        where = tuple(sorted({(s, c.doc_id, c.sentence, c.text, q.value) for s, qs in per_source.items()
                              for q, c in qs}))
        distinct = {v for vs in figures.values() for v in vs}
        rows.append(NumberRow(story, unit, figures, approx, where, len(distinct) == 1))
    return rows


def _reliability(units: Sequence[Mapping[str, int]], sources: Sequence[str], opt: CompareOptions):
    k = len(sources)
    index = {v: i for i, v in enumerate(_SCALE)}
    nan = float("nan")
    alpha_n = [[nan] * k for _ in range(k)]
    alpha_o = [[nan] * k for _ in range(k)]
    low = [[nan] * k for _ in range(k)]
    high = [[nan] * k for _ in range(k)]
    shared = [[0] * k for _ in range(k)]
    pos = {s: i for i, s in enumerate(sources)}
    coded: dict[str, list[int]] = defaultdict(list)  # source -> unit numbers it codes
    for u, unit in enumerate(units):
        for s in unit:
            coded[s].append(u)
    for a in range(k):
        for b in range(a, k):
            sa, sb = sources[a], sources[b]
            common = sorted(set(coded[sa]) & set(coded[sb]))
            shared[a][b] = shared[b][a] = len(common)
            if not common:
                continue
            counts = np.zeros((len(common), len(_SCALE)))
            for r, u in enumerate(common):
                counts[r, index[units[u][sa]]] += 1
                counts[r, index[units[u][sb]]] += 1
            o = unit_coincidences(counts).sum(axis=0)
            alpha_n[a][b] = alpha_n[b][a] = float(alpha_from_coincidences(o, _SCALE, "nominal"))
            alpha_o[a][b] = alpha_o[b][a] = float(alpha_from_coincidences(o, _SCALE, "ordinal"))
            if a != b and len(common) >= 2:
                lo, hi = bootstrap_alpha(counts, _SCALE, "nominal", confidence=opt.confidence,
                                         n_resamples=opt.n_resamples, seed=opt.seed)
                low[a][b] = low[b][a] = lo
                high[a][b] = high[b][a] = hi
    counts = np.zeros((len(units), len(_SCALE)))
    for r, unit in enumerate(units):
        for s, v in unit.items():
            if s in pos:
                counts[r, index[v]] += 1
    overall: dict[str, float | int] = {"units": len(units), "nominal": nan, "ordinal": nan,
                                       "low": nan, "high": nan, "ordinal_low": nan, "ordinal_high": nan}
    if len(units):
        o = unit_coincidences(counts).sum(axis=0)
        overall["nominal"] = float(alpha_from_coincidences(o, _SCALE, "nominal"))
        overall["ordinal"] = float(alpha_from_coincidences(o, _SCALE, "ordinal"))
        overall["low"], overall["high"] = bootstrap_alpha(counts, _SCALE, "nominal", confidence=opt.confidence,
                                                          n_resamples=opt.n_resamples, seed=opt.seed)
        overall["ordinal_low"], overall["ordinal_high"] = bootstrap_alpha(
            counts, _SCALE, "ordinal", confidence=opt.confidence, n_resamples=opt.n_resamples, seed=opt.seed)
    return alpha_n, alpha_o, low, high, shared, overall


def _divergence(kept: Sequence[DocumentSummary], sources: Sequence[str], story_of: Mapping[str, str],
                opt: CompareOptions):
    """JSD matrix, chi-square over source x class, and permutation tests of source pairs.

    Pairs are tested only when both sources have ``min_attributions`` and cover at least one
    common story: outlets that never report the same events differ by topic as much as by
    outlet. Benjamini-Hochberg q-values are over the tested pairs.
    """
    labels: dict[str, list[str]] = {s: [] for s in sources}
    for s in kept:
        labels[s.source].extend(cls for _p, _c, cls, *_ in s.credence)
    counts = {s: np.array([labels[s].count(c) for c in CUE_CLASSES], dtype=float) for s in sources}
    k = len(sources)
    table = np.array([counts[s] for s in sources]) if sources else np.zeros((0, len(CUE_CLASSES)))
    div = jensen_shannon_matrix(table).tolist()
    cs = chi_square(table.astype(int)) if k >= 1 else None
    chi = ({"statistic": cs.statistic, "dof": cs.dof, "p_value": cs.p_value, "cramers_v": cs.cramers_v, "n": cs.n}
           if cs is not None else {})
    tested = {s: Counter(labels[s]) for s in sources if len(labels[s]) >= opt.min_attributions}
    stories: dict[str, set[str]] = defaultdict(set)
    for s in kept:
        stories[s.source].add(story_of[s.doc_id])
    pairs = [(a, b) for a, b in combinations(sorted(tested), 2) if stories[a] & stories[b]]
    tests = [permutation_test_counts(tested[a], tested[b], opt.permutations, opt.seed) for a, b in pairs]
    q = benjamini_hochberg([t.p_value for t in tests])
    pairwise = tuple({"a": a, "b": b, "jensen_shannon": t.statistic, "p_value": t.p_value, "q_value": float(qv),
                      "shared_stories": len(stories[a] & stories[b])}
                     for (a, b), t, qv in zip(pairs, tests, q))
    return div, chi, pairwise, tuple(s for s in sources if s not in tested)
