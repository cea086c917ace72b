"""σ(z) = 1/(1 + e^−z) against a 50-digit reference: exact to a few ulp wherever σ is a normal
number, 0 only where σ is below the smallest normal, and never a warning."""

from __future__ import annotations

import warnings
from decimal import Decimal, localcontext

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.model.activations import ACTIVATIONS

SIGMOID = ACTIVATIONS["sigmoid"]
TINY = np.finfo(float).tiny  # 2.2e-308, the smallest normal float64


def reference(z: float) -> float:
    """σ(z) in 50 decimal digits, rounded once to float64."""
    with localcontext() as context:
        context.prec = 50
        return float(1 / (1 + (-Decimal(z)).exp()))


def both_paths(z: float) -> tuple[float, float]:
    """σ(z) on rows and in place on columns."""
    row = SIGMOID(np.array([[z]]))[0, 0]
    out, column = np.empty((1, 1)), np.empty((1, 1))
    SIGMOID.forward_columns(np.array([[z]]), out, column)
    return float(row), float(out[0, 0])


def ulps_apart(x: float, y: float) -> float:
    return abs(x - y) / np.spacing(y)


@settings(max_examples=400, deadline=None)
@given(st.floats(min_value=-1000.0, max_value=1000.0, allow_nan=False))
def test_sigmoid_matches_fifty_digits(z):
    expected = reference(z)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning escapes either path
        values = both_paths(z)
    for value in values:
        assert 0.0 <= value <= 1.0
        if expected >= TINY:
            assert ulps_apart(value, expected) <= 2.0, (z, value, expected)
        else:  # z < −708.4: σ < 2.3e-308, the only place e^−z may overflow
            assert value <= TINY


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-700.0, max_value=-20.0))
def test_negative_tail_is_closer_than_the_old_formula(z):
    """exp(−log(1 + e^−z)), the formula it replaces, loses ~|z|·2⁻⁵² relatively in the tail;
    the new one stays within two ulp there."""
    old = float(np.exp(-np.logaddexp(0.0, -z)))
    new = both_paths(z)[0]
    expected = reference(z)
    assert ulps_apart(new, expected) <= 2.0
    assert ulps_apart(new, expected) <= ulps_apart(old, expected) + 1.0


def test_the_tails_exactly():
    assert both_paths(-800.0) == (0.0, 0.0)
    assert both_paths(40.0) == (1.0, 1.0)
    assert both_paths(0.0) == (0.5, 0.5)
    assert both_paths(-30.0)[0] == reference(-30.0)
