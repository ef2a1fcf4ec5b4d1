"""Per source × party framing profiles and naming tables, from framing records.

A profile counts, for one source and one party, the framing terms attached to
the party by frame category and by role, and gives a **valence index**: the
mean valence of those terms (-2 .. +2), with a percentile bootstrap confidence
interval (``scipy.stats.bootstrap``). A naming table shows, for each referent
(an event such as ``UKRAINE_WAR`` or a party such as ``SY``), which naming
categories each source uses and how often.

By default only the outlet's own voice counts: terms inside quotation marks
are the quoted source's words, and are left out unless ``quoted=True``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np

from stance.records import Framing

__all__ = ["Profile", "NamingTable", "profiles", "naming_table", "valence_interval"]


@dataclass(frozen=True)
class Profile:
    """The framing of one party by one source."""

    source: str
    party: str
    n: int
    frames: dict[str, int]
    roles: dict[str, int]
    valence: float
    low: float | None  # None when n < 2
    high: float | None


@dataclass(frozen=True)
class NamingTable:
    """For one referent: how many times each source uses each naming category, and the terms."""

    referent: str
    counts: dict[str, dict[str, int]]  # source -> name -> count
    terms: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # source -> name -> term -> count


def valence_interval(values: Iterable[float], confidence: float = 0.95, n_resamples: int = 2000,
                     seed: int = 0) -> tuple[float, float | None, float | None]:
    """Mean of ``values`` with a percentile bootstrap interval; (mean, None, None) for fewer than two."""
    v = np.asarray(list(values), dtype=float)
    if v.size == 0:
        raise ValueError("no values")
    mean = float(v.mean())
    if v.size < 2:
        return mean, None, None
    from stance.compare.stats import bootstrap_mean  # here: scipy.stats takes half a second to import

    ci = bootstrap_mean(v, confidence=confidence, n_resamples=n_resamples, seed=seed)
    return mean, ci.low, ci.high


def profiles(records: Iterable[Framing], *, quoted: bool = False, confidence: float = 0.95,
             n_resamples: int = 2000, seed: int = 0) -> list[Profile]:
    """One :class:`Profile` per (source, party) with at least one term attached, sorted."""
    groups: dict[tuple[str, str], list[Framing]] = defaultdict(list)
    for r in records:
        if r.party is not None and (quoted or not r.quoted):
            groups[(r.source, r.party)].append(r)
    out = []
    for (source, party), rs in sorted(groups.items()):
        mean, low, high = valence_interval((r.valence for r in rs), confidence, n_resamples, seed)
        out.append(Profile(source, party, len(rs), dict(Counter(r.frame for r in rs).most_common()),
                           dict(Counter(r.role for r in rs).most_common()), mean, low, high))
    return out


def naming_table(records: Iterable[Framing], *, quoted: bool = False) -> list[NamingTable]:
    """One :class:`NamingTable` per referent other than ``-``, sorted by referent."""
    counts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    terms: dict[tuple[str, str], dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for r in records:
        if r.referent == "-" or (r.quoted and not quoted):
            continue
        counts[r.referent][r.source][r.name] += 1
        terms[(r.referent, r.source)][r.name][r.term] += 1
    return [NamingTable(ref, {s: dict(c.most_common()) for s, c in sorted(counts[ref].items())},
                        {s: {n: dict(c.most_common()) for n, c in terms[(ref, s)].items()} for s in sorted(counts[ref])})
            for ref in sorted(counts)]
