"""Statistics the comparator reports about sources.

One public function per capability:

- :func:`jensen_shannon` -- Jensen-Shannon *divergence* (not distance) between
  two cue-class profiles;
- :func:`chi_square` -- chi-square test of independence of a source x class
  contingency table, with Cramér's V;
- :func:`permutation_test` -- two-sample permutation test of whether two
  sources' label sequences come from the same distribution, with the JS
  divergence as statistic;
- :func:`pairwise_permutation_tests` -- that test for every pair of sources,
  with Benjamini-Hochberg q-values over the pairs;
- :func:`benjamini_hochberg` -- BH-adjusted p-values (q-values);
- :func:`bootstrap_mean` -- a mean with its n and a percentile bootstrap
  confidence interval.

Conventions shared by all of them: bad arguments raise
:class:`stance.errors.OptionError` (a ``ValueError``) before any work is done;
a quantity that is undefined for the data given (an empty sample, a table
with a single non-empty row) is returned as ``nan`` rather than raised, so
that a report over many sources never stops at one thin source.
"""

from __future__ import annotations

from collections import Counter

import math
from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations
from typing import NamedTuple

import numpy as np
from scipy import special, stats

from stance.errors import OptionError

__all__ = [
    "ChiSquare",
    "MeanCI",
    "PairTest",
    "Permutation",
    "benjamini_hochberg",
    "bootstrap_mean",
    "chi_square",
    "jensen_shannon",
    "jensen_shannon_matrix",
    "pairwise_permutation_tests",
    "permutation_test",
    "permutation_test_counts",
]

_NAN = float("nan")
_LN2 = math.log(2.0)


# ---------------------------------------------------------------- results


class ChiSquare(NamedTuple):
    """Chi-square test of independence of a contingency table.

    Attributes
    ----------
    statistic : float
        Pearson's chi-square statistic (no continuity correction); ``nan``
        when the test is undefined (fewer than two non-empty rows or columns).
    dof : int
        Degrees of freedom ``(r - 1) * (c - 1)`` of the table after dropping
        all-zero rows and columns; ``0`` when the test is undefined.
    p_value : float
        Upper-tail probability of ``statistic`` under the chi-square
        distribution with ``dof`` degrees of freedom; ``nan`` when undefined.
    cramers_v : float
        Cramér's V, ``sqrt(statistic / (n * (min(r, c) - 1)))``, in [0, 1];
        ``nan`` when undefined.
    n : int
        Total count of the table (also when the test is undefined).
    """

    statistic: float
    dof: int
    p_value: float
    cramers_v: float
    n: int


class Permutation(NamedTuple):
    """Two-sample permutation test.

    Attributes
    ----------
    statistic : float
        Jensen-Shannon divergence (base 2, in [0, 1]) between the two label
        distributions; ``nan`` when a sample is empty.
    p_value : float
        ``(k + 1) / (n_resamples + 1)`` where ``k`` counts resamples whose
        statistic is at least the observed one; in (0, 1]; ``nan`` when a
        sample is empty.
    n_resamples : int
        Number of random relabellings drawn; ``0`` when a sample is empty
        (no test was run).
    """

    statistic: float
    p_value: float
    n_resamples: int


class PairTest(NamedTuple):
    """Permutation test of one pair of sources, with its BH q-value.

    Attributes
    ----------
    a, b : str
        The two sources, ``a < b``.
    statistic : float
        Jensen-Shannon divergence (base 2) between their label distributions.
    p_value : float
        Permutation p-value (see :class:`Permutation`).
    q_value : float
        Benjamini-Hochberg adjusted p-value over all pairs reported together.
    """

    a: str
    b: str
    statistic: float
    p_value: float
    q_value: float


class MeanCI(NamedTuple):
    """A mean with its sample size and a bootstrap confidence interval.

    Attributes
    ----------
    mean : float
        Arithmetic mean of the values; ``nan`` when ``n == 0``.
    low, high : float
        Percentile bootstrap confidence bounds, ``low <= high``; both equal
        ``mean`` when the values are constant (including ``n == 1``); ``nan``
        when ``n == 0``.
    n : int
        Number of values.
    """

    mean: float
    low: float
    high: float
    n: int


# ---------------------------------------------------------------- argument checks


def _check_resamples(n_resamples: object) -> int:
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, (int, np.integer)) or n_resamples < 1:
        raise OptionError(f"n_resamples must be a positive integer, got {n_resamples!r}; pass e.g. n_resamples=9999")
    return int(n_resamples)


def _check_seed(seed: object) -> int | None:
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise OptionError(
            f"seed must be a non-negative integer (or None for a fresh random stream), got {seed!r}"
        )
    return int(seed)


def _labels(sample: object, name: str) -> list[Hashable]:
    if isinstance(sample, (str, bytes)):
        raise OptionError(
            f"{name} must be a sequence of class labels, got the string {sample!r}; "
            f"wrap a single label in a list, e.g. [{sample!r}]"
        )
    try:
        labels = list(sample)  # type: ignore[call-overload]
    except TypeError:
        raise OptionError(
            f"{name} must be a sequence of hashable class labels, got {type(sample).__name__}"
        ) from None
    for label in labels:
        if not isinstance(label, Hashable):
            raise OptionError(
                f"{name} holds an unhashable label {label!r} ({type(label).__name__}); "
                "use strings, numbers or tuples as class labels"
            )
    return labels


# ---------------------------------------------------------------- Jensen-Shannon


def _js_bits(counts_a: np.ndarray, counts_b: np.ndarray) -> np.ndarray:
    """JS divergence in bits between the rows of two count matrices of shape (m, k).

    Each row must have a positive sum. Returns shape (m,), clipped to [0, 1]
    against round-off.
    """
    p = counts_a / counts_a.sum(axis=-1, keepdims=True)
    q = counts_b / counts_b.sum(axis=-1, keepdims=True)
    m = (p + q) / 2
    js = (special.rel_entr(p, m).sum(axis=-1) + special.rel_entr(q, m).sum(axis=-1)) / (2 * _LN2)
    return np.clip(js, 0.0, 1.0)


def jensen_shannon_matrix(counts: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """Jensen-Shannon divergence (bits) between every two rows of a count matrix, at once.

    Parameters
    ----------
    counts : array-like of shape (n, k)
        Non-negative counts (or probabilities), one row per sample.

    Returns
    -------
    array of shape (n, n)
        ``jensen_shannon(counts[i], counts[j])`` in cell (i, j); ``nan`` in the rows and
        columns of all-zero samples.
    """
    c = np.asarray(counts, dtype=float)
    if c.ndim != 2 or (c.size and (not np.all(np.isfinite(c)) or np.any(c < 0))):
        raise OptionError(f"counts must be a 2-D array of non-negative numbers, got shape {c.shape}")
    n = c.shape[0]
    empty = c.sum(axis=1) == 0
    out = np.full((n, n), np.nan)
    full = np.flatnonzero(~empty)
    if len(full):
        a = np.repeat(c[full], len(full), axis=0)
        b = np.tile(c[full], (len(full), 1))
        out[np.ix_(full, full)] = _js_bits(a, b).reshape(len(full), len(full))
    return out


def _distribution(v: object, name: str) -> np.ndarray:
    try:
        arr = np.asarray(v, dtype=float)
    except (TypeError, ValueError):
        raise OptionError(f"{name} must be a 1-D array of non-negative numbers, got {v!r}") from None
    if arr.ndim != 1:
        raise OptionError(f"{name} must be 1-D (one weight per class), got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise OptionError(f"{name} holds nan or infinite values; pass finite counts or probabilities")
    if np.any(arr < 0):
        raise OptionError(f"{name} holds negative values ({arr.min()}); pass counts or probabilities")
    if arr.sum() == 0:
        raise OptionError(f"{name} is all zero; a profile needs at least one positive count")
    return arr


def jensen_shannon(p: Sequence[float] | np.ndarray, q: Sequence[float] | np.ndarray, *, base: float = 2.0) -> float:
    """Jensen-Shannon divergence between two discrete distributions.

    ``JS(P, Q) = (KL(P || M) + KL(Q || M)) / 2`` with ``M = (P + Q) / 2``.
    This is the divergence, the square of scipy's
    :func:`scipy.spatial.distance.jensenshannon` distance.

    Parameters
    ----------
    p, q : array-like of shape (k,)
        Non-negative counts or probabilities over the same ``k`` classes, in
        the same order; each is normalised to sum to one. Neither may be all
        zero.
    base : float, default 2.0
        Logarithm base, greater than 1. With base 2 the divergence is in bits
        and lies in [0, 1].

    Returns
    -------
    float
        The divergence, in ``[0, log_base(2)]``: 0 when the normalised
        distributions are identical, ``log_base(2)`` when their supports are
        disjoint.

    Raises
    ------
    OptionError
        For vectors that are not 1-D, differ in length, hold negative or
        non-finite values or are all zero, and for a base not greater than 1.
    """
    if isinstance(base, bool) or not isinstance(base, (int, float, np.integer, np.floating)) or not (
        math.isfinite(base) and base > 1
    ):
        raise OptionError(f"base must be a finite number greater than 1, got {base!r}; use 2 for bits, e for nats")
    pa = _distribution(p, "p")
    qa = _distribution(q, "q")
    if pa.shape != qa.shape:
        raise OptionError(
            f"p and q must have the same length (one entry per class, same order), got {pa.shape[0]} and {qa.shape[0]}"
        )
    bits = float(_js_bits(pa[None, :], qa[None, :])[0])
    return bits * _LN2 / math.log(base)


# ---------------------------------------------------------------- chi-square


def chi_square(table: Sequence[Sequence[int]] | np.ndarray) -> ChiSquare:
    """Chi-square test of independence of a source x class contingency table.

    All-zero rows (sources with no observation) and all-zero columns (classes
    nobody used) are dropped first: they carry no information and would make
    expected frequencies zero. The test is Pearson's chi-square, computed by
    :func:`scipy.stats.chi2_contingency` with ``correction=False`` for every
    shape, 2 x 2 included: no Yates continuity correction is applied, so that
    the statistic, Cramér's V and
    ``scipy.stats.contingency.association(table, method="cramer")`` agree.

    The chi-square approximation is poor when expected counts are small
    (rule of thumb: below 5); use :func:`permutation_test` for thin sources.

    Parameters
    ----------
    table : array-like of shape (n_sources, n_classes)
        Non-negative integer counts; rows are sources, columns are classes.

    Returns
    -------
    ChiSquare
        ``(statistic, dof, p_value, cramers_v, n)``. When fewer than two
        non-empty rows or fewer than two non-empty columns remain (including
        an all-zero table), there is nothing to test: ``statistic``,
        ``p_value`` and ``cramers_v`` are ``nan``, ``dof`` is 0 and ``n`` is
        the total count.

    Raises
    ------
    OptionError
        For a table that is not 2-D or holds negative, non-finite or
        non-integer values.
    """
    try:
        t = np.asarray(table, dtype=float)
    except (TypeError, ValueError):
        raise OptionError("table must be a 2-D array of non-negative integer counts (sources x classes)") from None
    if t.ndim != 2:
        raise OptionError(f"table must have shape (n_sources, n_classes), got shape {t.shape}")
    if not np.all(np.isfinite(t)):
        raise OptionError("table holds nan or infinite values; pass integer counts")
    if np.any(t < 0):
        raise OptionError(f"table holds negative counts ({t.min()}); pass non-negative integer counts")
    if np.any(t != np.round(t)):
        raise OptionError("table holds non-integer values; a contingency table holds counts of observations")
    n = int(t.sum())
    t = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]
    r, c = t.shape
    if r < 2 or c < 2:
        return ChiSquare(_NAN, 0, _NAN, _NAN, n)
    res = stats.chi2_contingency(t, correction=False)
    statistic = float(res.statistic)
    v = min(1.0, math.sqrt(statistic / (n * (min(r, c) - 1))))
    return ChiSquare(statistic, int(res.dof), float(res.pvalue), v, n)


# ---------------------------------------------------------------- permutation tests


def permutation_test(
    a: Sequence[Hashable], b: Sequence[Hashable], *, n_resamples: int = 9999, seed: int | None = 0
) -> Permutation:
    """Permutation test of whether two label sequences share one distribution.

    The statistic is the Jensen-Shannon divergence (base 2) between the label
    distributions of ``a`` and ``b`` over the union of their labels; large
    values speak against a common distribution (one-sided, "greater").

    Under the null hypothesis every relabelling of the pooled labels into
    groups of sizes ``len(a)`` and ``len(b)`` is equally likely, and the
    statistic depends only on the class counts of the first group, which then
    follow a multivariate hypergeometric distribution. Resamples are drawn
    from that distribution directly, which is exactly equivalent to shuffling
    the pooled labels (as ``scipy.stats.permutation_test`` with
    ``permutation_type="independent"`` does) but costs O(n_classes) per
    resample instead of O(len(a) + len(b)).

    The p-value is always a Monte Carlo estimate, ``(k + 1) / (n_resamples +
    1)`` with ``k`` the resamples whose statistic is at least the observed
    one (within a relative tolerance of 100 machine epsilons, as scipy uses);
    it is never an exact enumeration, even for tiny samples.

    Parameters
    ----------
    a, b : sequence of hashable, of lengths (n_a,) and (n_b,)
        Class labels, one per observation (e.g. the cue class of each
        attribution of a source).
    n_resamples : int, default 9999
        Number of random relabellings.
    seed : int or None, default 0
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same
        result. ``None`` draws fresh entropy.

    Returns
    -------
    Permutation
        ``(statistic, p_value, n_resamples)``. When either sample is empty,
        ``statistic`` and ``p_value`` are ``nan`` and ``n_resamples`` is 0.

    Raises
    ------
    OptionError
        For a string passed as a sample, unhashable labels, a non-positive
        ``n_resamples`` or a negative seed.
    """
    xs = _labels(a, "a")
    ys = _labels(b, "b")
    return _permutation(xs, ys, _check_resamples(n_resamples), _check_seed(seed))


def _permutation(xs: list[Hashable], ys: list[Hashable], n_resamples: int, seed: int | None) -> Permutation:
    """:func:`permutation_test` on validated arguments."""
    return permutation_test_counts(Counter(xs), Counter(ys), n_resamples, seed)


def permutation_test_counts(ca: Mapping[Hashable, int], cb: Mapping[Hashable, int], n_resamples: int = 9999,
                            seed: int | None = 0) -> Permutation:
    """:func:`permutation_test` from the two samples' class counts (``collections.Counter`` of the labels).

    For callers that test many pairs of the same samples: counting once is cheaper than passing
    the label sequences again for every pair. Classes are ordered by first appearance in ``ca``
    then ``cb``; a ``Counter`` of a label sequence keeps the order of first appearance, so
    ``permutation_test_counts(Counter(a), Counter(b))`` equals ``permutation_test(a, b)``.
    Arguments are not validated (counts must be non-negative integers).
    """
    n_a, n_b = sum(ca.values()), sum(cb.values())
    if not n_a or not n_b:
        return Permutation(_NAN, _NAN, 0)
    order = list(ca) + [label for label in cb if label not in ca]
    count_a = np.array([ca.get(label, 0) for label in order], dtype=np.int64)
    count_b = np.array([cb.get(label, 0) for label in order], dtype=np.int64)
    pooled = count_a + count_b
    observed = float(_js_bits(count_a[None, :].astype(float), count_b[None, :].astype(float))[0])

    rng = np.random.default_rng(seed)
    null_a = rng.multivariate_hypergeometric(pooled, n_a, size=n_resamples)
    null = _js_bits(null_a.astype(float), (pooled - null_a).astype(float))
    tolerance = abs(observed) * np.finfo(float).eps * 100
    hits = int(np.count_nonzero(null >= observed - tolerance))
    return Permutation(observed, (hits + 1) / (n_resamples + 1), n_resamples)


def pairwise_permutation_tests(
    samples: Mapping[str, Sequence[Hashable]], *, n_resamples: int = 9999, seed: int | None = 0
) -> list[PairTest]:
    """Permutation tests for every pair of sources, with BH q-values.

    Parameters
    ----------
    samples : mapping of str to sequence of hashable
        Each source's class labels (see :func:`permutation_test`).
    n_resamples : int, default 9999
        Relabellings per pair.
    seed : int or None, default 0
        Every pair is tested with this same seed, so a pair's statistic and
        p-value equal ``permutation_test(samples[a], samples[b],
        n_resamples=n_resamples, seed=seed)`` and do not depend on which other
        sources are present.

    Returns
    -------
    list of PairTest, of length n_sources * (n_sources - 1) / 2
        One record per unordered pair ``(a, b)`` with ``a < b``, in sorted
        order of ``(a, b)``. ``q_value`` is the Benjamini-Hochberg adjustment
        over all pairs; a pair with an empty sample has ``nan`` statistic,
        p-value and q-value and does not count towards the number of tests.
        Fewer than two sources give an empty list.

    Raises
    ------
    OptionError
        For a source name that is not a string, or any argument
        :func:`permutation_test` rejects.
    """
    if not isinstance(samples, Mapping):
        raise OptionError(
            f"samples must map source names to label sequences, got {type(samples).__name__}; "
            "pass e.g. {'source_a': [...], 'source_b': [...]}"
        )
    for name in samples:
        if not isinstance(name, str):
            raise OptionError(f"source names must be strings, got {name!r} ({type(name).__name__})")
    n_resamples = _check_resamples(n_resamples)
    seed = _check_seed(seed)
    labels = {name: _labels(samples[name], f"samples[{name!r}]") for name in samples}
    pairs = list(combinations(sorted(labels), 2))
    counts = {name: Counter(v) for name, v in labels.items()}
    tests = [permutation_test_counts(counts[x], counts[y], n_resamples, seed) for x, y in pairs]
    q = benjamini_hochberg([t.p_value for t in tests])
    return [PairTest(x, y, t.statistic, t.p_value, float(qv)) for (x, y), t, qv in zip(pairs, tests, q)]


# ---------------------------------------------------------------- multiple testing


def benjamini_hochberg(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values).

    ``q_(i) = min_{j >= i} min(1, m * p_(j) / j)`` for the sorted p-values
    ``p_(1) <= ... <= p_(m)``; rejecting every hypothesis with ``q <= alpha``
    controls the false discovery rate at ``alpha`` (Benjamini & Hochberg
    1995). Same values as ``scipy.stats.false_discovery_control(p,
    method="bh")``, with ``nan`` support.

    Parameters
    ----------
    p_values : array-like of shape (m,)
        P-values in [0, 1]; ``nan`` marks a test that was not run.

    Returns
    -------
    ndarray of shape (m,)
        Q-values in the order of the input: each at least its p-value, at
        most 1, and non-decreasing as the p-value grows. ``nan`` inputs give
        ``nan`` and are left out of the number of tests ``m``.

    Raises
    ------
    OptionError
        For input that is not 1-D or holds values outside [0, 1] or infinite.
    """
    try:
        p = np.asarray(p_values, dtype=float)
    except (TypeError, ValueError):
        raise OptionError(f"p_values must be a 1-D array of numbers in [0, 1], got {p_values!r}") from None
    if p.ndim != 1:
        raise OptionError(f"p_values must be 1-D, got shape {p.shape}; flatten them first")
    present = ~np.isnan(p)
    if np.any((p[present] < 0) | (p[present] > 1)):
        bad = p[present][(p[present] < 0) | (p[present] > 1)][0]
        raise OptionError(f"p-values must lie in [0, 1], got {bad}; use nan for a test that was not run")
    q = np.full(p.shape, np.nan)
    m = int(present.sum())
    if m == 0:
        return q
    values = p[present]
    order = np.argsort(values, kind="stable")
    scaled = values[order] * (m / np.arange(1, m + 1))  # m / i >= 1, so never below p after rounding
    adjusted = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    out = np.empty(m)
    out[order] = adjusted
    q[present] = out
    return q


# ---------------------------------------------------------------- bootstrap


def bootstrap_mean(
    values: Sequence[float] | np.ndarray,
    *,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = 0,
) -> MeanCI:
    """Mean with a percentile bootstrap confidence interval.

    The interval comes from :func:`scipy.stats.bootstrap` with
    ``method="percentile"``: the ``(1 - confidence) / 2`` and
    ``(1 + confidence) / 2`` quantiles of the means of ``n_resamples``
    resamples drawn with replacement. The percentile method is used
    throughout, not BCa: BCa is undefined for constant data and unstable for
    small, discrete samples (scipy then returns ``nan`` with a
    ``DegenerateDataWarning``), and one method for every source keeps the
    intervals comparable.

    Parameters
    ----------
    values : array-like of shape (n,)
        Finite numbers (e.g. the credence of each attribution of a source).
        Drop missing values before calling.
    confidence : float, default 0.95
        Confidence level, strictly between 0 and 1.
    n_resamples : int, default 2000
        Bootstrap resamples.
    seed : int or None, default 0
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same
        interval. ``None`` draws fresh entropy.

    Returns
    -------
    MeanCI
        ``(mean, low, high, n)``. ``n == 0`` gives ``nan`` for ``mean``,
        ``low`` and ``high``. Constant values (including ``n == 1``) give
        ``low == high == mean`` without resampling.

    Raises
    ------
    OptionError
        For values that are not 1-D or not finite, a confidence outside
        (0, 1), a non-positive ``n_resamples`` or a negative seed.
    """
    try:
        x = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise OptionError(f"values must be a 1-D array of numbers, got {values!r}") from None
    if x.ndim != 1:
        raise OptionError(f"values must be 1-D, got shape {x.shape}; flatten them first")
    if not np.all(np.isfinite(x)):
        raise OptionError("values hold nan or infinite entries; drop missing values before calling bootstrap_mean")
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float, np.integer, np.floating)) or not (
        0 < confidence < 1
    ):
        raise OptionError(f"confidence must lie strictly between 0 and 1, got {confidence!r}; e.g. 0.95")
    n_resamples = _check_resamples(n_resamples)
    seed = _check_seed(seed)
    n = int(x.size)
    if n == 0:
        return MeanCI(_NAN, _NAN, _NAN, 0)
    if np.all(x == x[0]):
        mean = float(x[0])  # exact, where np.mean may be off by round-off
        return MeanCI(mean, mean, mean, n)
    mean = float(np.mean(x))
    res = stats.bootstrap(
        (x,),
        np.mean,
        n_resamples=n_resamples,
        batch=max(1, 10_000_000 // n),  # bound memory at about 80 MB per batch
        vectorized=True,
        confidence_level=float(confidence),
        method="percentile",
        rng=np.random.default_rng(seed),
    )
    return MeanCI(mean, float(res.confidence_interval.low), float(res.confidence_interval.high), n)
