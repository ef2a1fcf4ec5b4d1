"""Krippendorff's alpha against the published worked examples, and the krippendorff package as an oracle."""

import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from stance.compare import alpha
from stance.errors import OptionError

nan = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 coders x 12 units
FOUR_BY_TWELVE = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]
# the 3 x 15 example of the krippendorff package and of Wikipedia
THREE_BY_FIFTEEN = [
    [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
    [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
    [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
]
# Krippendorff (2011), example A: binary data, two observers, ten units
BINARY = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]


@pytest.mark.parametrize("level, expected", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)])
def test_four_coders_twelve_units(level, expected):
    assert round(alpha(FOUR_BY_TWELVE, level), 3) == expected


@pytest.mark.parametrize("level, expected", [("nominal", 0.691358), ("interval", 0.810845)])
def test_three_coders_fifteen_units(level, expected):
    assert round(alpha(THREE_BY_FIFTEEN, level), 6) == expected


def test_binary_two_coders():
    assert round(alpha(BINARY, "nominal"), 3) == 0.095


def test_perfect_agreement_is_one_and_undefined_cases_are_nan():
    assert alpha([[1, 2, 3, 1], [1, 2, 3, 1]]) == 1.0
    assert math.isnan(alpha([[1, 1, 1], [1, 1, 1]]))  # one value only: no variation to agree on
    assert math.isnan(alpha([[1, nan], [nan, 2]]))  # no unit with two values


def test_bad_arguments():
    with pytest.raises(OptionError, match="unknown level 'cardinal'"):
        alpha(BINARY, "cardinal")
    with pytest.raises(OptionError, match="shape"):
        alpha([1, 2, 3])


krippendorff = pytest.importorskip("krippendorff")

matrices = st.integers(2, 5).flatmap(
    lambda coders: st.integers(2, 12).flatmap(
        lambda units: st.lists(
            st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=units, max_size=units),
            min_size=coders, max_size=coders,
        )
    )
)


@given(matrices, st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_agrees_with_the_krippendorff_package(rows, level):
    data = np.array([[nan if v is None else v for v in r] for r in rows], dtype=float)
    ours = alpha(data, level)
    try:
        with np.errstate(all="ignore"):
            theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    except (ValueError, ZeroDivisionError):
        return  # the oracle refuses degenerate data; ours returns nan there
    if math.isnan(ours) or not np.isfinite(theirs):
        return
    assert ours == pytest.approx(theirs, abs=1e-9)
    assert -1 - 1e-9 <= ours <= 1 + 1e-9
