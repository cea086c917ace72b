"""E along two random filter-normalised directions (Li et al. 2018) and the trajectory's
projection onto that plane."""

import csv
import threading

import numpy as np
import pytest

from engine.analysis import random_slice as module
from engine.analysis.blas_threads import use_one_blas_thread
from engine.analysis.loss_landscape import Cancelled
from engine.analysis.random_slice import (
    parameter_vector,
    project,
    random_directions,
    random_slice,
    slice_losses,
)
from engine.errors import NetworkError
from engine.files.presets import load_preset
from tests.engine.test_loss_landscape import run, softmax_network

SAME_E = 1e-12  # float64: only the order of sums differs from the engine's forward pass
SINGLE_E = 1e-5  # float32 hidden layers: relative


def moved(network, directions, alpha, beta):
    """A copy of ``network`` at θ + α d₁ + β d₂."""
    changed = network.copy()
    one, two = directions
    for k, layer in enumerate(changed.layers):
        layer.weights += alpha * one.weights[k] + beta * two.weights[k]
        layer.biases += alpha * one.biases[k] + beta * two.biases[k]
    return changed


def test_each_neurons_direction_has_the_norm_of_its_weights_and_biases_are_not_moved():
    network, _, _ = softmax_network()
    network.layers[1].weights[2] = 0.0  # a neuron without weights gets no direction
    for direction in random_directions(network, seed=4):
        for layer, d, b in zip(network.layers, direction.weights, direction.biases, strict=True):
            np.testing.assert_allclose(np.linalg.norm(d, axis=1),
                                       np.linalg.norm(layer.weights, axis=1), rtol=1e-14)
            assert not b.any()
    assert not random_directions(network, 4)[0].weights[1][2].any()


def test_the_same_seed_gives_the_same_directions_and_another_seed_others():
    network, _, _ = softmax_network()
    a, b, c = (random_directions(network, s) for s in (7, 7, 8))
    assert np.array_equal(a[0].vector(), b[0].vector())
    assert np.array_equal(a[1].vector(), b[1].vector())
    assert not np.array_equal(a[0].vector(), a[1].vector())
    assert not np.array_equal(a[0].vector(), c[0].vector())


@pytest.mark.parametrize("preset", ["xor", "softmax-blobs", "vanishing-relu", "seed"])
def test_every_grid_point_is_the_engines_e_at_the_moved_parameters(preset):
    experiment = load_preset(preset)
    network, data = experiment.network, experiment.data
    grid = random_slice(network, data.inputs, data.targets, seed=2, span=0.8, points=5)
    assert grid.losses.shape == (5, 5)
    np.testing.assert_array_equal(grid.alphas, [-0.8, -0.4, 0.0, 0.4, 0.8])
    for i, beta in enumerate(grid.betas):
        for j, alpha in enumerate(grid.alphas):
            expected = moved(network, grid.directions, alpha, beta).loss_value(
                data.inputs, data.targets)
            assert grid.losses[i, j] == pytest.approx(expected, rel=SAME_E, abs=SAME_E)
    assert grid.losses[2, 2] == pytest.approx(network.loss_value(data.inputs, data.targets),
                                              rel=SAME_E)


def test_single_precision_agrees_to_a_relative_1e_5_and_small_chunks_change_nothing(monkeypatch):
    network, inputs, targets = softmax_network(3)
    whole = random_slice(network, inputs, targets, seed=1, points=9)
    single = random_slice(network, inputs, targets, seed=1, points=9, dtype=np.float32)
    np.testing.assert_allclose(single.losses, whole.losses, rtol=SINGLE_E)
    monkeypatch.setattr(module, "CHUNK_VALUES", 1)  # one grid point per chunk
    np.testing.assert_allclose(random_slice(network, inputs, targets, seed=1, points=9).losses,
                               whole.losses, rtol=SAME_E)


def test_the_network_is_not_changed_and_given_directions_are_used():
    network, inputs, targets = softmax_network(5)
    before = parameter_vector(network).copy()
    directions = random_directions(network, 9)
    grid = random_slice(network, inputs, targets, seed=0, points=3, directions=directions)
    assert grid.directions is directions
    assert np.array_equal(parameter_vector(network), before)
    values = slice_losses(network, inputs, targets, directions, [[0.3, -0.2]])
    expected = moved(network, directions, 0.3, -0.2).loss_value(inputs, targets)
    assert values[0] == pytest.approx(expected, rel=SAME_E)


def test_projection_recovers_alpha_and_beta_of_points_on_the_plane():
    network, _, _ = softmax_network(2)
    directions = random_directions(network, 3)
    centre = parameter_vector(network)
    points = np.array([parameter_vector(moved(network, directions, a, b))
                       for a, b in [(0.0, 0.0), (0.5, -1.25), (-2.0, 0.75)]])
    np.testing.assert_allclose(project(directions, centre, points),
                               [[0.0, 0.0], [0.5, -1.25], [-2.0, 0.75]], atol=1e-12)


def test_refusals_name_the_key_and_a_stop_cancels():
    network, inputs, targets = softmax_network()
    for kwargs, key in (({"span": 0.0}, "span"), ({"span": float("nan")}, "span"),
                        ({"points": 1}, "points"), ({"points": 1002}, "points")):
        with pytest.raises(NetworkError) as error:
            random_slice(network, inputs, targets, **kwargs)
        assert error.value.key == key
    with pytest.raises(Cancelled):
        random_slice(network, inputs, targets, stop=lambda: True)


def test_one_blas_thread_is_available_with_numpys_openblas():
    taken = []  # in a thread of its own: the setting is the calling thread's
    thread = threading.Thread(target=lambda: taken.append(use_one_blas_thread()))
    thread.start()
    thread.join()
    assert taken == [True]


def test_the_command_writes_alpha_beta_loss_rows_equal_to_the_engines_slice(tmp_path, capsys):
    out = tmp_path / "slice.csv"
    status, text, err = run(["landscape", "preset:xor", "--random", "--seed", "3", "--points",
                             "5", "--span", "0.5", "--csv", out], capsys)
    assert status == 0 and err == [], err
    assert "seed 3" in text and "25 points" in text
    with open(out, newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["alpha", "beta", "loss"]
    experiment = load_preset("xor")
    data = experiment.data
    grid = random_slice(experiment.network, data.inputs, data.targets, seed=3, span=0.5, points=5)
    values = np.array(rows[1:], dtype=float)
    assert values.shape == (25, 3)
    assert list(values[:5, 0]) == [-0.5] * 5  # α outermost
    assert list(values[:5, 1]) == list(grid.betas)
    for alpha, beta, loss in values:
        j, i = list(grid.alphas).index(alpha), list(grid.betas).index(beta)
        assert loss == grid.losses[i, j]  # written at full precision
    centre = values[(values[:, 0] == 0) & (values[:, 1] == 0), 2][0]
    assert centre == pytest.approx(experiment.network.loss_value(data.inputs, data.targets),
                                   rel=SAME_E)


@pytest.mark.parametrize(
    ("extra", "word"),
    [
        (["--random", "--param", "w2[1,1]"], "--param"),
        (["--random", "--param2", "b2[1]"], "--param2"),
        (["--random", "--seed", "-1"], "--seed"),
        (["--random", "--span", "0"], "--span"),
        (["--random", "--points", "1"], "--points"),
        ([], "--random"),
    ],
)
def test_bad_random_arguments_exit_2_with_one_line(extra, word, tmp_path, capsys):
    out = tmp_path / "out.csv"
    status, text, err = run(["landscape", "preset:xor", *extra, "--csv", out], capsys)
    assert status == 2 and text == "" and len(err) == 1 and word in err[0], err
    assert not out.exists()


def test_axes_labelled_from_a_trajectorys_coordinates_keep_the_same_losses():
    network, inputs, targets = softmax_network(4)
    directions = random_directions(network, 1)
    plain = random_slice(network, inputs, targets, points=5, directions=directions)
    shifted = random_slice(network, inputs, targets, points=5, directions=directions,
                           at=(0.25, -1.0))
    np.testing.assert_array_equal(shifted.losses, plain.losses)
    np.testing.assert_allclose(shifted.alphas, [-0.75, -0.25, 0.25, 0.75, 1.25])
    np.testing.assert_allclose(shifted.betas, [-2.0, -1.5, -1.0, -0.5, 0.0])
    assert shifted.at == (0.25, -1.0)
