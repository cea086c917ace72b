"""Zero gradient is not a minimum: the verdict on the current point along the shown parameters."""

import numpy as np
import pytest

from engine.analysis.critical_points import PointKind, classify, local_shape
from engine.analysis.loss_landscape import loss_landscape
from engine.files.presets import load_preset
from engine.model.network import Layer, Network
from engine.model.parameter_names import parse_parameter


def shape_of(preset, names, with_grid=True):
    experiment = load_preset(preset)
    network, data = experiment.network, experiment.data
    parameters = [parse_parameter(name, network) for name in names]
    lowest = None
    if with_grid:
        grid = loss_landscape(network, data.inputs, data.targets, parameters)
        lowest = float(grid.losses.min())
    return local_shape(network, data.inputs, data.targets, parameters, lowest=lowest)


def test_the_seed_has_a_slope_whose_gradient_is_the_backward_pass():
    shape = shape_of("seed", ["w2[1,1]", "b2[1]"])
    assert shape.kind is PointKind.SLOPE and not shape.kind.trap
    assert shape.loss == 0.5
    np.testing.assert_array_equal(shape.gradient, [3.0, 1.0])  # ∂E/∂w = (z − t)·y, ∂E/∂b
    assert "falls downhill" in shape.sentence()


def test_the_seed_curvature_is_the_second_derivative():
    # E(w) = ½(3w + 1 − 3)²: E'' = 9; E(w, b) has ∂²E/∂w∂b = 3, ∂²E/∂b² = 1
    shape = shape_of("seed", ["w2[1,1]", "b2[1]"])
    np.testing.assert_allclose(shape.curvature, [[9.0, 3.0], [3.0, 1.0]], rtol=1e-6)


def test_the_saddle_preset_is_named_a_saddle_along_its_two_weights():
    shape = shape_of("saddle", ["w2[1,1]", "w1[1,1]"])
    assert shape.kind is PointKind.SADDLE and shape.kind.trap
    assert shape.gradient_norm < 0.01
    assert shape.eigenvalues[0] == pytest.approx(-2.0, rel=1e-3)
    assert shape.eigenvalues[1] == pytest.approx(2.0, rel=1e-3)
    sentence = shape.sentence()
    assert sentence.startswith("gradient ≈ 0 here")
    assert "but E is not at its minimum: a saddle along w2[1,1] and w1[1,1]" in sentence


def test_along_one_weight_of_the_saddle_e_is_flat_but_lower_elsewhere():
    # along w alone (v ≈ 0) E barely changes: the saddle looks like a plateau from one side
    shape = shape_of("saddle", ["w2[1,1]"], with_grid=False)
    assert shape.kind is PointKind.PLATEAU


def test_the_plateau_preset_is_named_a_plateau():
    shape = shape_of("plateau", ["w2[1,1]", "b2[1]"])
    assert shape.kind is PointKind.PLATEAU
    assert shape.loss > 0.9
    assert "a plateau along w2[1,1] and b2[1]" in shape.sentence()


def test_a_minimum_and_a_maximum_of_a_parabola():
    # one identity neuron, E = ½(w·1 − 0)² over one sample: at w = 0 a minimum
    network = Network(1, [Layer([[0.0]], [0.0], "identity")], "half_sse", "sum")
    inputs, targets = np.array([[1.0]]), np.array([[0.0]])
    quantity = parse_parameter("w1[1,1]", network)
    shape = local_shape(network, inputs, targets, [quantity])
    assert shape.kind is PointKind.MINIMUM and not shape.kind.trap
    assert shape.curvature[0, 0] == pytest.approx(1.0)
    assert classify(1.0, np.array([0.0]), np.array([-1.0])) is PointKind.MAXIMUM


def test_flat_with_nothing_clearly_lower_is_flat_not_a_plateau():
    gradient, flat = np.array([0.0, 0.0]), np.array([0.0, 0.0])
    assert classify(0.3, gradient, flat, lowest=0.3) is PointKind.FLAT
    assert classify(0.3, gradient, flat, lowest=0.1) is PointKind.PLATEAU
    assert classify(0.3, np.array([0.5, 0.0]), flat) is PointKind.SLOPE


def test_the_tangent_has_the_gradient_as_slope():
    shape = shape_of("seed", ["w2[1,1]"])
    x, y = shape.tangent(2.0)
    np.testing.assert_array_equal(x, [-1.0, 3.0])
    np.testing.assert_array_equal(y, [0.5 - 3.0 * 2.0, 0.5 + 3.0 * 2.0])


def test_the_grid_and_the_verdict_come_together_and_a_stop_cancels():
    from engine.analysis.critical_points import shape_on_grid
    from engine.analysis.loss_landscape import Cancelled

    experiment = load_preset("saddle")
    network, data = experiment.network, experiment.data
    parameters = [parse_parameter(name, network) for name in ("w2[1,1]", "w1[1,1]")]
    grid = loss_landscape(network, data.inputs, data.targets, parameters, 2.0, 21)
    shape = shape_on_grid(network, data.inputs, data.targets, grid)
    assert grid.losses.shape == (21, 21) and shape.kind is PointKind.SADDLE
    assert grid.losses[10, 10] == pytest.approx(shape.loss, abs=1e-12)
    with pytest.raises(Cancelled):
        loss_landscape(network, data.inputs, data.targets, parameters, stop=lambda: True)


def test_along_one_weight_of_the_saddle_the_grid_shows_nothing_clearly_lower():
    shape = shape_of("saddle", ["w2[1,1]"])
    assert shape.kind is PointKind.FLAT and not shape.kind.trap
    assert "choose another parameter to look further" in shape.sentence()
