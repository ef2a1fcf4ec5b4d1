"""Krippendorff's alpha for reliability data with missing values.

Implemented from Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
through the coincidence matrix: ``alpha = 1 - D_o / D_e`` with

    D_o = (1/n) sum_c sum_k o_ck delta2_ck
    D_e = 1/(n(n-1)) sum_c sum_k n_c n_k delta2_ck

where ``o_ck`` counts the c-k pairs of values within each unit (each pair weighted
by 1/(m_u - 1), m_u the number of values in the unit), ``n_c`` the marginals and
``n`` the number of pairable values.
"""

from __future__ import annotations

from typing import Literal, Sequence

import numpy as np

from stance.errors import OptionError

__all__ = ["LEVELS", "alpha", "alpha_from_coincidences", "bootstrap_alpha", "unit_coincidences"]

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")


def _delta2(values: np.ndarray, marginals: np.ndarray, level: str) -> np.ndarray:
    c = values[:, None]
    k = values[None, :]
    if level == "nominal":
        return (c != k).astype(float)
    if level == "interval":
        return (c - k) ** 2
    if level == "ratio":
        s = c + k
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(s == 0, 0.0, ((c - k) / np.where(s == 0, 1, s)) ** 2)
        return d
    # ordinal: (sum of marginals from c to k, minus half of the two ends)^2
    cum = np.concatenate([[0.0], np.cumsum(marginals)])
    i = np.arange(len(values))
    lo = np.minimum(i[:, None], i[None, :])
    hi = np.maximum(i[:, None], i[None, :])
    between = cum[hi + 1] - cum[lo]
    return (between - (marginals[lo] + marginals[hi]) / 2) ** 2


def alpha(reliability_data: Sequence[Sequence[float]] | np.ndarray, level: Level = "nominal") -> float:
    """Krippendorff's alpha of a coders-by-units matrix.

    Parameters
    ----------
    reliability_data : array-like of shape (n_coders, n_units)
        Numeric values; ``nan`` (or None) where a coder gave no value.
        Nominal categories must be coded as numbers.
    level : {"nominal", "ordinal", "interval", "ratio"}
        The metric of the values.

    Returns
    -------
    float
        Alpha in [-1, 1] (1 = perfect agreement, 0 = chance); ``nan`` when it
        is undefined (fewer than two pairable values, or a single value used).

    Raises
    ------
    OptionError
        For an unknown level or data that is not two-dimensional.
    """
    if level not in LEVELS:
        raise OptionError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    data = np.array(reliability_data, dtype=float)
    if data.ndim != 2:
        raise OptionError(f"reliability data must have shape (coders, units), got {data.shape}")
    if level == "ratio" and np.nanmin(data, initial=0) < 0:
        raise OptionError("ratio alpha needs non-negative values")
    values = np.unique(data[~np.isnan(data)])
    if len(values) == 0:
        return float("nan")
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for unit in data.T:
        present = unit[~np.isnan(unit)]
        m = len(present)
        if m < 2:
            continue
        counts = np.zeros(len(values))
        for v in present:
            counts[index[v]] += 1
        pairs = np.outer(counts, counts) - np.diag(counts)
        o += pairs / (m - 1)
    marginals = o.sum(axis=1)
    n = marginals.sum()
    if n <= 1:
        return float("nan")
    d2 = _delta2(values, marginals, level)
    d_o = (o * d2).sum()
    d_e = (np.outer(marginals, marginals) * d2).sum() / (n - 1)
    if d_e == 0:
        return float("nan")
    return float(1 - d_o / d_e)


def unit_coincidences(counts: np.ndarray) -> np.ndarray:
    """Each unit's contribution to the coincidence matrix.

    Parameters
    ----------
    counts : array of shape (n_units, n_values)
        How many coders gave each value in each unit.

    Returns
    -------
    array of shape (n_units, n_values, n_values)
        ``(n_c n_k - [c == k] n_c) / (m_u - 1)`` per unit; zero for units with fewer than two values.
    """
    counts = np.asarray(counts, dtype=float)
    m = counts.sum(axis=1)
    pairs = counts[:, :, None] * counts[:, None, :]
    idx = np.arange(counts.shape[1])
    pairs[:, idx, idx] -= counts
    scale = np.where(m >= 2, 1.0 / np.where(m >= 2, m - 1, 1.0), 0.0)
    return pairs * scale[:, None, None]


def alpha_from_coincidences(o: np.ndarray, values: Sequence[float], level: Level = "nominal") -> np.ndarray:
    """Alpha from coincidence matrices; vectorised over leading axes.

    Parameters
    ----------
    o : array of shape (..., n_values, n_values)
        Coincidence matrices (sums of :func:`unit_coincidences` over units).
    values : sequence of float, length n_values
        The value each row and column stands for, in increasing order.
    level : {"nominal", "ordinal", "interval", "ratio"}

    Returns
    -------
    array of shape (...)
        Alpha; ``nan`` where it is undefined.
    """
    if level not in LEVELS:
        raise OptionError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    o = np.asarray(o, dtype=float)
    vals = np.asarray(values, dtype=float)
    marginals = o.sum(axis=-1)
    n = marginals.sum(axis=-1)
    if level == "ordinal":
        cum = np.concatenate([np.zeros(marginals.shape[:-1] + (1,)), np.cumsum(marginals, axis=-1)], axis=-1)
        i = np.arange(len(vals))
        lo = np.minimum(i[:, None], i[None, :])
        hi = np.maximum(i[:, None], i[None, :])
        between = cum[..., hi + 1] - cum[..., lo]
        d2 = (between - (marginals[..., lo] + marginals[..., hi]) / 2) ** 2
    else:
        d2 = _delta2(vals, np.zeros(len(vals)), level)
    d_o = (o * d2).sum(axis=(-1, -2))
    with np.errstate(divide="ignore", invalid="ignore"):
        d_e = (marginals[..., :, None] * marginals[..., None, :] * d2).sum(axis=(-1, -2)) / (n - 1)
        out = 1 - d_o / d_e
    return np.where((n > 1) & (d_e > 0), out, np.nan)


def bootstrap_alpha(counts: np.ndarray, values: Sequence[float], level: Level = "nominal", *,
                    confidence: float = 0.95, n_resamples: int = 1000, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of alpha, resampling units with replacement.

    Parameters
    ----------
    counts : array of shape (n_units, n_values)
        Value counts per unit, as for :func:`unit_coincidences`.

    Returns
    -------
    (low, high)
        ``nan`` bounds when fewer than two units are pairable or every resample is undefined.
    """
    per_unit = unit_coincidences(counts)
    pairable = np.flatnonzero(np.asarray(counts).sum(axis=1) >= 2)
    if len(pairable) < 2:
        return float("nan"), float("nan")
    per_unit = per_unit[pairable].reshape(len(pairable), -1)
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(len(pairable), np.full(len(pairable), 1 / len(pairable)), size=n_resamples)
    k = len(values)
    boot = alpha_from_coincidences((weights @ per_unit).reshape(n_resamples, k, k), values, level)
    boot = boot[~np.isnan(boot)]
    if len(boot) == 0:
        return float("nan"), float("nan")
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(boot, [tail, 100 - tail])
    return float(low), float(high)
