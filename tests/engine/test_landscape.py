"""The output over the input plane (2 inputs) and along x (1 input), in one batched pass."""

import math
import time

import numpy as np
import pytest

from engine.analysis.landscape import data_range, landscape, output_curve
from engine.errors import NetworkError
from engine.model.network import Layer, Network


def tanh_2_4_2_1(seed=0):
    rng = np.random.default_rng(seed)
    sizes = [2, 4, 2, 1]
    layers = [
        Layer(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), "tanh")
        for n_in, n_out in zip(sizes, sizes[1:], strict=False)
    ]
    return Network(2, layers)


# ----- hand-checked values ---------------------------------------------------------------------
def test_a_linear_map_has_the_hand_computed_values():
    net = Network(2, [Layer([[1.0, 2.0]], [0.5])])  # value = x + 2y + 0.5
    grid = landscape(net, (0.0, 1.0), (0.0, 2.0), resolution=3)
    assert grid.xs.tolist() == [0.0, 0.5, 1.0] and grid.ys.tolist() == [0.0, 1.0, 2.0]
    assert grid.value[2, 1] == 5.0  # x = 0.5, y = 2
    assert grid.value[0, 2] == 1.5  # x = 1, y = 0: row 0 is y_min
    assert grid.predicted_class is None
    assert grid.value_bounds == (0.5, 5.5)


def test_hidden_neuron_maps_hold_their_own_activations():
    net = Network(2, [Layer([[1.0, -1.0], [0.0, 3.0]], [0.0, -1.0], "tanh"), Layer([[1, 1]], [0])])
    grid = landscape(net, (-1.0, 1.0), (-1.0, 1.0), resolution=(5, 3))
    assert [a.shape for a in grid.activations] == [(2, 3, 5), (2, 3, 5), (1, 3, 5)]
    # neuron 0 at x = 0.5 (column 3), y = −1 (row 0): tanh(0.5 + 1)
    assert grid.activations[1][0, 0, 3] == pytest.approx(math.tanh(1.5), rel=1e-15)
    # neuron 1 at y = 1 (row 2): tanh(3 − 1)
    assert grid.activations[1][1, 2, 0] == pytest.approx(math.tanh(2.0), rel=1e-15)
    np.testing.assert_array_equal(grid.activations[0][0], np.tile(grid.xs, (3, 1)))
    np.testing.assert_array_equal(grid.activations[0][1], np.tile(grid.ys[:, None], (1, 5)))
    assert grid.value_bounds[0] < grid.value_bounds[1]


def test_softmax_map_gives_the_predicted_class_and_its_probability():
    net = Network(2, [Layer([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0], "softmax")])
    grid = landscape(net, (0.0, 1.0), (0.0, 1.0), resolution=2)
    # at (x, y) = (1, 0): logits (1, 0), class 0 with probability e / (e + 1)
    assert grid.predicted_class[0, 1] == 0
    assert grid.value[0, 1] == pytest.approx(math.e / (math.e + 1), abs=1e-15)
    assert grid.predicted_class[1, 0] == 1  # (0, 1)
    assert grid.outputs.shape == (2, 2, 2)
    assert grid.value_bounds == (0.0, 1.0)


def test_every_grid_point_matches_a_forward_pass_of_that_point_alone():
    net = tanh_2_4_2_1()
    grid = landscape(net, (-2.0, 3.0), (-1.0, 4.0), resolution=(7, 5))
    assert grid.value_bounds == (-1.0, 1.0)
    for i, y in enumerate(grid.ys):
        for j, x in enumerate(grid.xs):
            alone = net.forward([[x, y]])
            assert grid.value[i, j] == pytest.approx(alone.output[0, 0], abs=1e-15)
            for layer, a in enumerate(alone.activations):
                np.testing.assert_allclose(grid.activations[layer][:, i, j], a[0], atol=1e-15)


# ----- one batched pass, and fast --------------------------------------------------------------
def test_the_whole_grid_is_one_forward_pass(monkeypatch):
    calls = []
    original = Network.forward

    def counting(self, inputs):
        calls.append(np.shape(inputs))
        return original(self, inputs)

    monkeypatch.setattr(Network, "forward", counting)
    landscape(tanh_2_4_2_1(), (-1, 1), (-1, 1), resolution=64)
    assert calls == [(64 * 64, 2)]


def test_a_64_by_64_map_of_a_2_4_2_1_tanh_network_takes_well_under_2_ms():
    net = tanh_2_4_2_1()
    times = []
    for _ in range(60):
        start = time.perf_counter()
        landscape(net, (-6, 6), (-6, 6), resolution=64)
        times.append(time.perf_counter() - start)
    # measured about 0.15 ms; the margin absorbs a busy machine, a Python loop over points
    # (about 4096 × 30 µs) would not pass
    assert np.median(times) < 2e-3


# ----- ranges ----------------------------------------------------------------------------------
def test_default_ranges_come_from_the_data_with_a_margin():
    data = np.array([[0.0, -1.0], [1.0, 3.0]])
    grid = landscape(Network(2, [Layer([[1.0, 1.0]], [0.0])]), inputs=data, resolution=4)
    assert (grid.xs[0], grid.xs[-1]) == pytest.approx((-0.1, 1.1))
    assert (grid.ys[0], grid.ys[-1]) == pytest.approx((-1.4, 3.4))


def test_data_range_without_data_or_spread():
    assert data_range(None) == (-1.0, 1.0)
    assert data_range(np.array([2.0, 2.0])) == (1.0, 3.0)
    assert data_range(np.array([np.nan, np.inf])) == (-1.0, 1.0)
    assert data_range(np.array([0.0, 10.0]), margin=0.5) == (-5.0, 15.0)


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"x_range": (1.0, 1.0)}, "x_range"),
        ({"x_range": (2.0, 1.0)}, "x_range"),
        ({"y_range": (0.0, math.inf)}, "y_range"),
        ({"y_range": "wide"}, "y_range"),
        ({"resolution": 1}, "resolution"),
        ({"resolution": 1025}, "resolution"),
        ({"resolution": 64.0}, "resolution"),
        ({"resolution": (64, 64, 2)}, "resolution"),
    ],
)
def test_bad_ranges_and_resolutions_are_refused(options, key):
    with pytest.raises(NetworkError) as error:
        landscape(tanh_2_4_2_1(), **options)
    assert error.value.key == key


def test_a_grid_too_big_for_memory_is_refused_before_computing():
    wide = Network(2, [Layer(np.zeros((4000, 2)), np.zeros(4000))])
    with pytest.raises(NetworkError) as error:
        landscape(wide, (-1, 1), (-1, 1), resolution=1024)
    assert error.value.key == "resolution"


def test_a_map_needs_two_inputs_and_a_curve_one():
    with pytest.raises(NetworkError) as error:
        landscape(Network(1, [Layer([[1.0]], [0.0])]))
    assert error.value.key == "input_size"
    with pytest.raises(NetworkError) as error:
        output_curve(tanh_2_4_2_1())
    assert error.value.key == "input_size"


# ----- the 1-input curve -----------------------------------------------------------------------
def test_the_seed_network_curve_is_x_plus_2():
    net = Network(1, [Layer([[1.0]], [1.0]), Layer([[1.0]], [1.0])])
    curve = output_curve(net, (0.0, 4.0), resolution=5)
    assert curve.xs.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert curve.outputs.tolist() == [[2.0, 3.0, 4.0, 5.0, 6.0]]  # at x = 2 the output is 4
    assert curve.activations[1].tolist() == [[1.0, 2.0, 3.0, 4.0, 5.0]]  # the hidden y


def test_curve_range_defaults_to_the_data():
    net = Network(1, [Layer([[2.0], [-1.0]], [0.0, 0.0], "relu")])
    curve = output_curve(net, inputs=np.array([[-1.0], [1.0]]), resolution=3)
    assert curve.xs == pytest.approx([-1.2, 0.0, 1.2])
    np.testing.assert_allclose(curve.outputs, [[0.0, 0.0, 2.4], [1.2, 0.0, 0.0]])
