"""The bundled presets: valid files, reproducible, and showing what their descriptions claim."""

from __future__ import annotations

import re

import numpy as np
import pytest

from engine.errors import NetworkFileError
from engine.files import netfile, presets
from resources.examples import make_presets


@pytest.mark.parametrize("name", presets.PRESET_NAMES)
def test_every_preset_loads_with_a_name_and_description_for_a_learner(name):
    experiment = presets.load_preset(name)
    assert experiment.network.name
    assert len(experiment.network.description) > 40
    assert len(experiment.data) > 0
    assert presets.describe(name).startswith(experiment.network.name)
    assert netfile.load(f"preset:{name}").network.sizes == experiment.network.sizes


@pytest.mark.parametrize("name", presets.PRESET_NAMES)
def test_the_stored_file_is_what_the_generator_makes(name):
    stored = netfile.to_dict(presets.load_preset(name))
    generated = netfile.to_dict(make_presets.PRESETS[name]())
    assert generated == stored


def test_every_preset_file_in_the_folder_is_listed():
    on_disk = {path.stem for path in presets.EXAMPLES_FOLDER.glob("*.json")}
    assert on_disk == set(presets.PRESET_NAMES)


def test_an_unknown_preset_suggests_a_close_name():
    with pytest.raises(NetworkFileError) as caught:
        presets.preset_path("sede")
    assert caught.value.key == "preset"
    assert "did you mean 'seed'" in caught.value.problem


@pytest.mark.parametrize(("name", "loss"), [("seed", "half_sse"), ("seed-sse", "sse")])
def test_seed_presets_are_the_walkthrough_network(name, loss):
    experiment = presets.load_preset(name)
    network = experiment.network
    assert network.sizes == [1, 1, 1]
    assert [layer.activation for layer in network.layers] == ["identity", "identity"]
    for layer in network.layers:
        assert layer.weights.tolist() == [[1.0]] and layer.biases.tolist() == [1.0]
    assert (network.loss, network.reduction) == (loss, "sum")
    assert experiment.training.learning_rate == 0.1
    assert experiment.training.batch_size is None
    assert experiment.data.inputs.tolist() == [[2.0]]
    assert experiment.data.targets.tolist() == [[3.0]]


def test_xor_is_2_2_1_sigmoid_and_plain_gradient_descent_solves_it():
    experiment = presets.load_preset("xor")
    network = experiment.network
    assert network.sizes == [2, 2, 1]
    assert [layer.activation for layer in network.layers] == ["sigmoid", "sigmoid"]
    steps = make_presets.plain_gradient_descent(experiment, 5000, 0.01)
    assert steps is not None and steps < 5000
    assert f"after {steps} steps" in network.description


def _stated_ratio(description: str) -> float:
    return float(re.search(r"‖∂E/∂W₁‖ is (?:only )?([0-9.e+-]+) times", description).group(1))


def test_sigmoid_stack_starts_with_a_vanishing_first_layer_gradient():
    experiment = presets.load_preset("vanishing-sigmoid")
    hidden = experiment.network.layers[:-1]
    assert len(hidden) == 8 and {layer.activation for layer in hidden} == {"sigmoid"}
    ratio = make_presets.first_to_last_ratio(experiment)
    assert ratio < 1e-3
    assert _stated_ratio(experiment.network.description) == pytest.approx(ratio, rel=0.05)


def test_relu_stack_keeps_the_first_layer_gradient_alive():
    experiment = presets.load_preset("vanishing-relu")
    hidden = experiment.network.layers[:-1]
    assert len(hidden) == 8 and {layer.activation for layer in hidden} == {"relu"}
    ratio = make_presets.first_to_last_ratio(experiment)
    assert ratio > 0.1
    assert _stated_ratio(experiment.network.description) == pytest.approx(ratio, rel=0.05)


def test_the_two_vanishing_presets_share_their_data():
    sigmoid = presets.load_preset("vanishing-sigmoid").data
    relu = presets.load_preset("vanishing-relu").data
    np.testing.assert_array_equal(sigmoid.inputs, relu.inputs)
    np.testing.assert_array_equal(sigmoid.targets, relu.targets)


def test_softmax_blobs_has_one_hot_targets_for_three_classes():
    experiment = presets.load_preset("softmax-blobs")
    network, data = experiment.network, experiment.data
    assert network.input_size == 2 and network.output_size == 3
    assert network.layers[-1].activation == "softmax"
    assert network.loss == "cross_entropy"
    assert 50 <= len(data) <= 70
    assert set(data.targets.ravel().tolist()) == {0.0, 1.0}
    np.testing.assert_array_equal(data.targets.sum(axis=1), 1.0)
    assert (data.targets.sum(axis=0) > 0).all()  # every class has points


def test_sine_fits_noisy_sine_samples_with_tanh():
    experiment = presets.load_preset("sine")
    network, data = experiment.network, experiment.data
    assert network.input_size == 1
    assert network.layers[0].activation == "tanh"
    assert network.layers[-1].activation == "identity"
    assert network.loss == "half_sse"
    noise = data.targets - np.sin(data.inputs)
    assert 0 < np.abs(noise).max() < 0.3


def test_the_saddle_starts_next_to_a_zero_gradient_far_above_the_minimum():
    experiment = presets.load_preset("saddle")
    network, data = experiment.network, experiment.data
    assert network.sizes == [1, 1, 1]
    grads = network.backward(network.forward(data.inputs), data.targets, False)
    assert grads.loss > 0.99  # the minimum is 0
    every = np.concatenate([g.ravel() for g in grads.grad_weights + grads.grad_biases])
    assert np.abs(every).max() < 0.01
    steps = make_presets.plain_gradient_descent(experiment, 10_000, 0.01)
    assert steps is not None and f"after {steps} steps" in network.description
    # the saddle itself: at v = w = 0 the gradient is exactly zero
    at_saddle = network.copy()
    for layer in at_saddle.layers:
        layer.weights[:] = 0.0
    zero = at_saddle.backward(at_saddle.forward(data.inputs), data.targets, False)
    assert all(not g.any() for g in zero.grad_weights + zero.grad_biases)


def test_the_plateau_is_saturated_and_crawls():
    experiment = presets.load_preset("plateau")
    network, data = experiment.network, experiment.data
    assert {layer.activation for layer in network.layers} == {"sigmoid"}
    forward = network.forward(data.inputs)
    assert all((np.abs(z) > 4.99).all() for z in forward.pre_activations)
    grads = network.backward(forward, data.targets, False)
    assert grads.loss > 0.9
    every = np.concatenate([g.ravel() for g in grads.grad_weights + grads.grad_biases])
    assert np.linalg.norm(every) < 0.01
    steps = make_presets.plain_gradient_descent(experiment, 100_000, 0.5)
    assert steps is not None and steps > 1000
    assert f"needs {steps} steps" in network.description
