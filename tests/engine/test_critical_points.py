"""Zero gradient is not a minimum: the verdict on the current point along the shown parameters."""

import numpy as np
import pytest

from engine.analysis.critical_points import PointKind, classify, local_shape, shape_on_grid
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


def test_the_local_minimum_preset_is_a_true_local_minimum_above_a_better_point():
    experiment = load_preset("local-minimum")
    network, data = experiment.network, experiment.data
    grads = network.backward(network.forward(data.inputs), data.targets, False)
    gradient = np.array([grads.grad_weights[0][0, 0], grads.grad_biases[0][0]])
    assert np.linalg.norm(gradient) < 1e-12  # every parameter: there are only w and b
    layer = network.layers[0]
    start = (layer.weights[0, 0], layer.biases[0])

    def gradient_at(w, b):
        changed = network.copy()
        changed.layers[0].weights[0, 0], changed.layers[0].biases[0] = w, b
        g = changed.backward(changed.forward(data.inputs), data.targets, False)
        return np.array([g.grad_weights[0][0, 0], g.grad_biases[0][0]])

    h = 1e-6  # the full Hessian from central differences of the backward pass
    hessian = np.column_stack([(gradient_at(*(start + h * e)) - gradient_at(*(start - h * e)))
                               / (2 * h) for e in np.eye(2)])
    assert np.allclose(hessian, hessian.T, atol=1e-6)
    assert np.linalg.eigvalsh(hessian).min() > 0.1  # positive definite
    better = network.copy()
    better.layers[0].weights[0, 0], better.layers[0].biases[0] = 0.0115, -0.0078
    assert better.loss_value(data.inputs, data.targets) < grads.loss - 0.3  # 0.389 < 0.720


def test_the_verdict_names_a_local_minimum_and_where_e_is_lower():
    experiment = load_preset("local-minimum")
    network, data = experiment.network, experiment.data
    parameters = [parse_parameter(name, network) for name in ("w1[1,1]", "b1[1]")]
    grid = loss_landscape(network, data.inputs, data.targets, parameters)
    shape = shape_on_grid(network, data.inputs, data.targets, grid)
    assert shape.kind is PointKind.LOCAL_MINIMUM and shape.kind.trap
    assert np.all(shape.eigenvalues > 0)
    values, lowest = shape.lower
    assert lowest == grid.losses.min() < shape.loss
    j, i = list(grid.axes[0]).index(values[0]), list(grid.axes[1]).index(values[1])
    assert grid.losses[i, j] == lowest
    sentence = shape.sentence()
    assert sentence.startswith("gradient ≈ 0 here")
    assert "but E is not at its minimum: a local minimum along w1[1,1] and b1[1]" in sentence
    assert f"E = {lowest:.4g} is lower at w1[1,1] = {values[0]:.3g}, b1[1] = {values[1]:.3g}" \
        in sentence
