"""engine/analysis/ranges.py: every range of finite float64 values comes out finite, with no
overflow."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.analysis import landscape, ranges
from engine.errors import NetworkError
from engine.model.network import Layer, Network

FINITE = st.floats(allow_nan=False, allow_infinity=False)
MARGINS = st.floats(min_value=0.0, max_value=10.0)


def ordered(a: float, b: float) -> tuple[float, float]:
    return min(a, b), max(a, b)


@settings(max_examples=200)
@given(FINITE, FINITE)
def test_the_midpoint_is_finite_and_between_the_ends(a, b):
    low, high = ordered(a, b)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        middle = ranges.midpoint(low, high)
    assert math.isfinite(middle) and low <= middle <= high


@settings(max_examples=200)
@given(FINITE, FINITE)
def test_a_span_is_finite_exactly_when_the_plain_difference_is(a, b):
    low, high = ordered(a, b)
    with np.errstate(over="ignore"):
        plain = np.float64(high) - np.float64(low)
    assert ranges.span_is_finite(low, high) == bool(np.isfinite(plain) and plain <= ranges.LARGEST)
    assert not ranges.span_is_finite(high, low) or high == low


@settings(max_examples=200)
@given(FINITE, FINITE, MARGINS)
def test_widened_is_finite_contains_the_range_and_keeps_a_finite_span(a, b, margin):
    low, high = ordered(a, b)
    start, end = ranges.widened(low, high, margin)
    assert math.isfinite(start) and math.isfinite(end)
    assert start <= low and high <= end
    if ranges.span_is_finite(low, high):
        assert ranges.span_is_finite(start, end)


MODEST = st.floats(min_value=-1e100, max_value=1e100).filter(lambda v: v == 0 or abs(v) > 1e-100)


@settings(max_examples=200)
@given(MODEST, MODEST, MARGINS.filter(lambda m: m == 0 or m > 1e-10))
def test_widened_is_the_plain_formula_where_that_cannot_overflow(a, b, margin):
    """(Nor underflow: halving a subnormal number loses its last bit.)"""
    low, high = ordered(a, b)
    pad = margin * (high - low) if high > low else 1.0
    assert ranges.widened(low, high, margin) == (low - pad, high + pad)


@settings(max_examples=200)
@given(st.lists(FINITE, min_size=1, max_size=20), FINITE, FINITE)
def test_shares_lie_in_0_to_1_in_order_with_no_warning(values, a, b):
    low, high = ordered(a, b)
    values = np.array(sorted(values))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shares = ranges.shares(values, low, high)
    assert np.all((shares >= 0) & (shares <= 1))
    assert np.all(np.diff(shares) >= 0)


def test_shares_at_the_ends_of_a_range_beyond_the_largest_float():
    big = 1.7e308
    shares = ranges.shares(np.array([-big, 0.0, big, np.inf, -np.inf, np.nan]), -big, big)
    np.testing.assert_array_equal(shares[:5], [0.0, 0.5, 1.0, 1.0, 0.0])
    assert np.isnan(shares[5])


def test_plottable_leaves_a_plot_room_below_the_largest_float():
    assert ranges.plottable(-1e307, 1e307)
    assert ranges.plottable(2.0, 2.0)
    assert not ranges.plottable(-1.7e308, 1.7e308)  # the span overflows
    assert not ranges.plottable(0.0, 1.7e308)  # 2 % padding overflows
    assert not ranges.plottable(1.0, 0.0)
    assert not ranges.plottable(0.0, math.inf)


def test_finite_range_skips_what_is_not_finite():
    assert ranges.finite_range(np.array([[np.nan, 3.0], [-np.inf, -2.0]])) == (-2.0, 3.0)
    assert ranges.finite_range(np.array([np.nan, np.inf])) is None
    assert ranges.finite_range(np.array([])) is None


def test_the_data_range_of_the_largest_floats_stays_finite():
    assert landscape.data_range(np.array([-1.7e308, 1.7e308])) == (-1.7e308, 1.7e308)
    assert landscape.data_range(np.array([0.0, 1e308])) == (pytest.approx(-1e307), 1.1e308)


def test_a_plane_whose_span_is_beyond_the_floats_is_refused_not_gridded():
    network = Network(2, [Layer([[1.0, 1.0]], [0.0], "sigmoid")])
    inputs = np.array([[-1.7e308, 0.0], [1.7e308, 1.0]])
    with pytest.raises(NetworkError, match="too wide"):
        landscape.landscape(network, inputs=inputs)
    with pytest.raises(NetworkError, match="too wide"):
        landscape.landscape(network, x_range=(-1e308, 1e308), y_range=(0.0, 1.0))
