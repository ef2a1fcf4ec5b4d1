"""Comparator statistics: published worked examples, scipy as an oracle, and properties."""

import math
from collections import Counter
import time
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.spatial.distance import jensenshannon
from scipy.stats.contingency import association

import stance.compare.stats as stats_module
from stance.compare.stats import (
    ChiSquare,
    MeanCI,
    PairTest,
    Permutation,
    benjamini_hochberg,
    bootstrap_mean,
    chi_square,
    jensen_shannon,
    jensen_shannon_matrix,
    pairwise_permutation_tests,
    permutation_test,
    permutation_test_counts,
)
from stance.errors import OptionError

# Agresti (2007), An Introduction to Categorical Data Analysis, 2nd ed., Table 2.5:
# party identification by gender (GSS 2000); X^2 = 30.1 (G^2 = 30.0) on df = 2.
AGRESTI_PARTY_GENDER = [[762, 327, 468], [484, 239, 477]]
# Wikipedia, "Chi-squared test", example chi-squared test for categorical data:
# occupation (rows) by neighbourhood (columns) of 650 residents; X^2 ~ 24.6 on df = 6.
WIKIPEDIA_OCCUPATION = [[90, 60, 104, 95], [30, 50, 51, 20], [30, 40, 45, 35]]
# Benjamini & Hochberg (1995), section 4: 15 p-values; at q* = 0.05 the first four are rejected.
BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
           0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000]  # fmt: skip
# q_(i) = min_{j >= i} 15 p_(j) / j, worked by hand
BH_1995_Q = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0298 * 15 / 7, 0.0298 * 15 / 7, 0.0645,
             0.0765, 0.486, 0.4262 * 15 / 11, 0.714875, 0.6528 * 15 / 13, 0.759 * 15 / 14, 1.0]  # fmt: skip


def test_exact_public_api():
    assert sorted(stats_module.__all__) == [
        "ChiSquare", "MeanCI", "PairTest", "Permutation", "benjamini_hochberg", "bootstrap_mean",
        "chi_square", "jensen_shannon", "jensen_shannon_matrix", "pairwise_permutation_tests", "permutation_test",
        "permutation_test_counts",
    ]  # fmt: skip


# ---------------------------------------------------------------- Jensen-Shannon


def test_jensen_shannon_against_scipy_and_extremes():
    p, q = [10, 5, 0, 1], [2, 2, 7, 1]
    assert jensen_shannon(p, q) == pytest.approx(jensenshannon(p, q, base=2) ** 2, rel=1e-12)
    assert jensen_shannon(p, q, base=math.e) == pytest.approx(jensenshannon(p, q) ** 2, rel=1e-12)
    assert jensen_shannon([1, 0], [0, 1]) == pytest.approx(1.0)
    assert jensen_shannon([1, 2, 3], [2, 4, 6]) == 0.0  # counts are normalised
    # H(M) - (H(P) + H(Q)) / 2 with M = (3/4, 1/4): (2 - 3/4 log2 3) - (1 + 0) / 2
    assert jensen_shannon([0.5, 0.5], [1, 0]) == pytest.approx(1.5 - 0.75 * math.log2(3), rel=1e-12)


def test_jensen_shannon_bad_arguments():
    with pytest.raises(OptionError, match="same length"):
        jensen_shannon([1, 2], [1, 2, 3])
    with pytest.raises(OptionError, match="negative"):
        jensen_shannon([1, -1], [1, 1])
    with pytest.raises(OptionError, match="all zero"):
        jensen_shannon([0, 0], [1, 1])
    with pytest.raises(OptionError, match="1-D"):
        jensen_shannon([[1, 2]], [[1, 2]])
    with pytest.raises(OptionError, match="greater than 1"):
        jensen_shannon([1, 2], [1, 2], base=1)
    with pytest.raises(ValueError):  # OptionError is a ValueError
        jensen_shannon([1, float("nan")], [1, 2])


count_pairs = st.integers(1, 6).flatmap(
    lambda k: st.tuples(
        st.lists(st.integers(0, 20), min_size=k, max_size=k).filter(any),
        st.lists(st.integers(0, 20), min_size=k, max_size=k).filter(any),
    )
)


@given(count_pairs)
def test_jensen_shannon_properties(pq):
    p, q = pq
    d = jensen_shannon(p, q)
    assert d == jensen_shannon(q, p)
    assert 0.0 <= d <= 1.0
    assert jensen_shannon(p, p) == 0.0
    if np.allclose(np.array(p) / sum(p), np.array(q) / sum(q), rtol=0, atol=1e-12):
        assert d == pytest.approx(0.0, abs=1e-15)  # zero up to round-off for proportional counts
    else:
        assert d > 1e-9  # distinct distributions of small counts differ well above round-off
    assert d == pytest.approx(jensenshannon(p, q, base=2) ** 2, abs=1e-12)


# ---------------------------------------------------------------- chi-square


def test_chi_square_agresti_party_by_gender():
    r = chi_square(AGRESTI_PARTY_GENDER)
    assert isinstance(r, ChiSquare)
    assert round(r.statistic, 1) == 30.1 and r.dof == 2 and r.n == 2757
    assert r.p_value < 1e-6
    assert r.cramers_v == pytest.approx(math.sqrt(r.statistic / 2757), rel=1e-12)
    assert round(r.cramers_v, 3) == 0.104  # sqrt(30.07 / 2757)
    assert r.cramers_v == pytest.approx(association(AGRESTI_PARTY_GENDER, method="cramer"), rel=1e-12)


def test_chi_square_wikipedia_occupation_by_neighbourhood():
    r = chi_square(WIKIPEDIA_OCCUPATION)
    assert round(r.statistic, 1) == 24.6 and r.dof == 6 and r.n == 650
    assert round(r.cramers_v, 3) == 0.137  # sqrt(24.57 / (650 * 2))
    assert r.cramers_v == pytest.approx(association(WIKIPEDIA_OCCUPATION, method="cramer"), rel=1e-12)
    assert r.p_value == pytest.approx(stats.chi2.sf(r.statistic, 6))


def test_chi_square_two_by_two_has_no_yates_correction():
    a, b, c, d = 20, 10, 5, 15
    n = a + b + c + d
    by_hand = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    r = chi_square([[a, b], [c, d]])
    assert r.statistic == pytest.approx(by_hand) and r.dof == 1
    assert r.cramers_v == pytest.approx(abs(a * d - b * c) / math.sqrt((a + b) * (c + d) * (a + c) * (b + d)))


def test_chi_square_drops_empty_rows_and_columns_and_nan_when_undefined():
    padded = [[762, 0, 327, 468], [0, 0, 0, 0], [484, 0, 239, 477]]
    assert chi_square(padded) == chi_square(AGRESTI_PARTY_GENDER)
    for table in ([[3, 4, 5]], [[3], [4]], [[0, 0], [0, 0]], [[5, 0], [7, 0]]):
        r = chi_square(table)
        assert math.isnan(r.statistic) and math.isnan(r.p_value) and math.isnan(r.cramers_v)
        assert r.dof == 0 and r.n == int(np.sum(table))


def test_chi_square_bad_arguments():
    with pytest.raises(OptionError, match="shape"):
        chi_square([1, 2, 3])
    with pytest.raises(OptionError, match="negative"):
        chi_square([[1, -2], [3, 4]])
    with pytest.raises(OptionError, match="non-integer"):
        chi_square([[1.5, 2], [3, 4]])


tables = st.integers(1, 4).flatmap(
    lambda r: st.integers(1, 4).flatmap(
        lambda c: st.lists(st.lists(st.integers(0, 30), min_size=c, max_size=c), min_size=r, max_size=r)
    )
)


@given(tables)
def test_chi_square_properties(table):
    r = chi_square(table)
    assert r.n == sum(map(sum, table))
    if not math.isnan(r.statistic):
        assert 0.0 <= r.cramers_v <= 1.0
        assert 0.0 <= r.p_value <= 1.0
        t = np.array(table)
        t = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]
        assert r.cramers_v == pytest.approx(association(t, method="cramer"), abs=1e-12)


# ---------------------------------------------------------------- permutation tests


def test_permutation_clearly_different_and_identical():
    r = permutation_test(["a"] * 200, ["b"] * 200, n_resamples=999)
    assert isinstance(r, Permutation)
    assert r.statistic == pytest.approx(1.0) and r.p_value < 0.01 and r.n_resamples == 999
    assert r.p_value == 1 / 1000  # (0 + 1) / (999 + 1)
    same = ["x", "y", "z"] * 30
    r = permutation_test(same, list(reversed(same)), n_resamples=999)
    assert r.statistic == 0.0 and r.p_value == 1.0


def test_permutation_agrees_with_scipy_permutation_test():
    rng = np.random.default_rng(7)
    a = list(rng.choice(["report", "claim", "allege", "confirm"], 40, p=[0.4, 0.3, 0.2, 0.1]))
    b = list(rng.choice(["report", "claim", "allege", "confirm"], 30, p=[0.3, 0.3, 0.25, 0.15]))
    codes = {label: i for i, label in enumerate(sorted(set(a + b)))}
    x = np.array([codes[v] for v in a])
    y = np.array([codes[v] for v in b])

    def js(x, y, axis):
        cx = np.apply_along_axis(np.bincount, axis, x, minlength=len(codes))
        cy = np.apply_along_axis(np.bincount, axis, y, minlength=len(codes))
        return jensenshannon(cx, cy, base=2, axis=axis) ** 2

    oracle = stats.permutation_test((x, y), js, permutation_type="independent", vectorized=True,
                                    n_resamples=4999, alternative="greater", rng=1)  # fmt: skip
    ours = permutation_test(a, b, n_resamples=4999, seed=1)
    assert ours.statistic == pytest.approx(oracle.statistic, rel=1e-9)
    assert 0.05 < oracle.pvalue < 0.95  # a p-value in the body of the distribution
    assert ours.p_value == pytest.approx(oracle.pvalue, abs=0.04)  # two Monte Carlo estimates


def test_permutation_is_deterministic_and_seed_matters():
    a, b = list("aabbbcc"), list("abccccd")
    assert permutation_test(a, b, n_resamples=500, seed=3) == permutation_test(a, b, n_resamples=500, seed=3)
    assert permutation_test(a, b, n_resamples=500, seed=3) != permutation_test(a, b, n_resamples=500, seed=4)


def test_permutation_large_samples_are_fast():
    rng = np.random.default_rng(0)
    a = rng.choice(list("abcdefgh"), 5000).tolist()
    b = rng.choice(list("abcdefghi"), 5000).tolist()
    start = time.perf_counter()
    r = permutation_test(a, b, n_resamples=9999)
    assert time.perf_counter() - start < 1.0
    assert r.n_resamples == 9999


def test_permutation_empty_sample_is_nan_not_an_error():
    for a, b in (([], ["a"]), (["a"], []), ([], [])):
        r = permutation_test(a, b)
        assert math.isnan(r.statistic) and math.isnan(r.p_value) and r.n_resamples == 0


def test_permutation_bad_arguments():
    with pytest.raises(OptionError, match="string"):
        permutation_test("abc", ["a"])
    with pytest.raises(OptionError, match="unhashable"):
        permutation_test([["a"]], ["a"])
    with pytest.raises(OptionError, match="n_resamples"):
        permutation_test(["a"], ["b"], n_resamples=0)
    with pytest.raises(OptionError, match="seed"):
        permutation_test(["a"], ["b"], seed=-1)


label_lists = st.lists(st.sampled_from(["a", "b", "c", 1, ("d",)]), max_size=40)


@settings(max_examples=50)
@given(label_lists, label_lists, st.integers(0, 2**32 - 1))
def test_permutation_properties(a, b, seed):
    r = permutation_test(a, b, n_resamples=99, seed=seed)
    assert r == permutation_test(a, b, n_resamples=99, seed=seed)
    if not a or not b:
        assert math.isnan(r.p_value)
    else:
        assert 0.0 < r.p_value <= 1.0 and 0.0 <= r.statistic <= 1.0
        assert r.statistic == pytest.approx(permutation_test(b, a, n_resamples=99, seed=seed).statistic)


def test_pairwise_permutation_tests():
    samples = {
        "jazeera": ["claim"] * 60 + ["report"] * 40,
        "arabiya": ["claim"] * 20 + ["report"] * 80,
        "ahram": ["report"] * 55 + ["claim"] * 45,
        "empty": [],
    }
    pairs = pairwise_permutation_tests(samples, n_resamples=999, seed=5)
    assert all(isinstance(p, PairTest) for p in pairs)
    assert [(p.a, p.b) for p in pairs] == [
        ("ahram", "arabiya"), ("ahram", "empty"), ("ahram", "jazeera"),
        ("arabiya", "empty"), ("arabiya", "jazeera"), ("empty", "jazeera"),
    ]  # fmt: skip
    for p in pairs:
        single = permutation_test(samples[p.a], samples[p.b], n_resamples=999, seed=5)
        assert (p.statistic, p.p_value) == pytest.approx((single.statistic, single.p_value), nan_ok=True)
    q = benjamini_hochberg([p.p_value for p in pairs])
    np.testing.assert_array_equal([p.q_value for p in pairs], q)
    assert [math.isnan(p.q_value) for p in pairs] == [False, True, False, True, False, True]
    assert pairwise_permutation_tests({"only": ["a"]}) == []
    # counting first gives the same test (the comparator counts each source once for many pairs)
    a, b = samples["jazeera"], samples["arabiya"]
    assert permutation_test_counts(Counter(a), Counter(b), 999, 5) == permutation_test(a, b, n_resamples=999, seed=5)
    with pytest.raises(OptionError, match="strings"):
        pairwise_permutation_tests({1: ["a"], 2: ["b"]})


# ---------------------------------------------------------------- Benjamini-Hochberg


def test_benjamini_hochberg_1995_worked_example():
    q = benjamini_hochberg(BH_1995)
    np.testing.assert_allclose(q, BH_1995_Q, rtol=1e-12)
    assert (q <= 0.05).tolist() == [True] * 4 + [False] * 11
    np.testing.assert_allclose(q, stats.false_discovery_control(BH_1995, method="bh"), rtol=1e-12)


def test_benjamini_hochberg_nan_and_edge_cases():
    q = benjamini_hochberg([0.01, float("nan"), 0.04, 0.03])
    assert math.isnan(q[1])
    np.testing.assert_allclose(q[[0, 2, 3]], stats.false_discovery_control([0.01, 0.04, 0.03]))  # m = 3
    assert benjamini_hochberg([]).shape == (0,)
    assert np.isnan(benjamini_hochberg([float("nan")])).all()
    with pytest.raises(OptionError, match=r"\[0, 1\]"):
        benjamini_hochberg([0.5, 1.2])
    with pytest.raises(OptionError, match="1-D"):
        benjamini_hochberg([[0.5]])


p_lists = st.lists(st.floats(0, 1), min_size=1, max_size=30)


@given(p_lists, st.randoms(use_true_random=False))
def test_benjamini_hochberg_properties(p, random):
    q = benjamini_hochberg(p)
    p_arr = np.array(p)
    assert np.all(q >= p_arr) and np.all(q <= 1)
    order = np.argsort(p_arr, kind="stable")
    assert np.all(np.diff(q[order]) >= 0)
    perm = list(range(len(p)))
    random.shuffle(perm)
    np.testing.assert_array_equal(benjamini_hochberg(p_arr[perm]), q[perm])
    np.testing.assert_allclose(q, stats.false_discovery_control(p_arr, method="bh"), rtol=1e-12, atol=0)


# ---------------------------------------------------------------- bootstrap


def test_bootstrap_mean_matches_scipy_percentile_interval():
    values = np.random.default_rng(3).beta(2, 5, size=120)
    r = bootstrap_mean(values, n_resamples=999, seed=11)
    assert isinstance(r, MeanCI)
    oracle = stats.bootstrap((values,), np.mean, n_resamples=999, method="percentile",
                             rng=np.random.default_rng(11)).confidence_interval  # fmt: skip
    assert (r.low, r.high) == pytest.approx((oracle.low, oracle.high), rel=1e-12)
    assert r.mean == pytest.approx(values.mean()) and r.n == 120
    assert r == bootstrap_mean(values, n_resamples=999, seed=11)


def test_bootstrap_mean_degenerate_inputs_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        empty = bootstrap_mean([])
        assert empty.n == 0 and all(math.isnan(v) for v in empty[:3])
        assert bootstrap_mean([0.4]) == MeanCI(0.4, 0.4, 0.4, 1)
        assert bootstrap_mean([0.7] * 25) == MeanCI(0.7, 0.7, 0.7, 25)
        two = bootstrap_mean([0.0, 1.0], n_resamples=200)
        assert two.low <= 0.5 <= two.high


def test_bootstrap_mean_bad_arguments():
    with pytest.raises(OptionError, match="drop missing"):
        bootstrap_mean([1.0, float("nan")])
    with pytest.raises(OptionError, match="confidence"):
        bootstrap_mean([1.0, 2.0], confidence=95)
    with pytest.raises(OptionError, match="1-D"):
        bootstrap_mean([[1.0, 2.0]])
    with pytest.raises(OptionError, match="n_resamples"):
        bootstrap_mean([1.0, 2.0], n_resamples=-5)


@settings(max_examples=40)
@given(st.lists(st.floats(-1, 1), min_size=1, max_size=50), st.integers(0, 1000))
def test_bootstrap_mean_properties(values, seed):
    r = bootstrap_mean(values, n_resamples=99, seed=seed)
    assert r.n == len(values)
    assert r.low <= r.high
    slack = 1e-12
    assert r.low - slack <= r.mean <= r.high + slack


def test_jensen_shannon_matrix_equals_the_pairwise_divergences():
    counts = [[5, 1, 0], [0, 2, 7], [0, 0, 0], [3, 3, 3]]
    m = jensen_shannon_matrix(counts)
    for i in (0, 1, 3):
        for j in (0, 1, 3):
            assert m[i, j] == pytest.approx(jensen_shannon(counts[i], counts[j]), abs=1e-12)
    assert np.isnan(m[2]).all() and np.isnan(m[:, 2]).all()
    with pytest.raises(OptionError):
        jensen_shannon_matrix([[1, -1]])
