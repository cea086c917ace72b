"""Each activation's facts (range, largest slope, dead units, kink, targets) agree with f, f′.

These facts are written once, on the activation, and read by the diagnosis, the output map, the
thumbnails, the gradient check and the data panel; here they are checked against the function.
"""

import numpy as np
import pytest

from engine.model.activations import ACTIVATIONS

Z = np.linspace(-30.0, 30.0, 6001)[np.newaxis, :]  # one row: softmax sees it as one sample
ELEMENTWISE = [a for a in ACTIVATIONS.values() if a.elementwise]


@pytest.mark.parametrize("function", ACTIVATIONS.values(), ids=lambda a: a.name)
def test_a_stated_output_range_holds_every_output(function):
    a = function(Z)
    if function.output_range is None:
        assert a.max() - a.min() > 2.0  # unbounded over this z: it could not have stated one
    else:
        low, high = function.output_range
        assert low <= a.min() and a.max() <= high


@pytest.mark.parametrize("function", ELEMENTWISE, ids=lambda a: a.name)
def test_the_largest_slope_is_the_derivatives_maximum(function):
    slope = function.derivative(Z, function(Z))
    if function.max_slope is None:
        assert not (slope.max() < 1.0 and slope[0, 0] < 1e-6 and slope[0, -1] < 1e-6)
    else:
        assert slope.max() == pytest.approx(function.max_slope)


@pytest.mark.parametrize("function", ELEMENTWISE, ids=lambda a: a.name)
def test_a_unit_can_die_exactly_when_its_slope_is_zero_below_zero(function):
    below = Z[Z < 0][np.newaxis, :]
    slope = function.derivative(below, function(below))
    assert function.can_die == bool(np.all(slope == 0.0))


@pytest.mark.parametrize("function", ELEMENTWISE, ids=lambda a: a.name)
def test_kinked_exactly_when_the_slope_jumps_at_zero(function):
    z = np.array([[-1e-9, 1e-9]])
    left, right = function.derivative(z, function(z))[0]
    assert function.kinked == (abs(right - left) > 1e-3)


def test_class_targets_suit_the_output_range():
    for function in ACTIVATIONS.values():
        if function.target_form == "signed":
            assert function.output_range == (-1.0, 1.0)
        if function.target_form == "one_hot":
            assert not function.elementwise  # one probability row: softmax
