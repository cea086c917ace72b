"""Dead ReLUs, saturated sigmoid/tanh units and classification accuracy, on chosen weights."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.analysis.diagnostics import (
    accuracy,
    diagnose,
    layer_ratios,
    sample_gradient_norms,
    target_classes,
)
from engine.errors import NetworkError
from engine.files.presets import load_preset
from engine.model.activations import get_activation
from engine.model.losses import reduction_scale
from engine.model.network import Layer, Network
from engine.training.datasets import xor_gate

UNIT_SQUARE = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def one_layer(activation, weights, biases, n_in=2):
    return Network(n_in, [Layer(weights, biases, activation)])


# ----- dead ReLU units -------------------------------------------------------------------------
def test_a_relu_with_negative_z_on_every_sample_is_dead():
    # on the unit square: unit 0 has z = x1 + x2 ≥ 0 but is 0 at (0, 0) only; unit 1 has
    # z = −x1 − x2 − 0.5 < 0 everywhere; unit 2 has z = x1 − 0.5, positive for x1 = 1
    net = one_layer("relu", [[1, 1], [-1, -1], [1, 0]], [0, -0.5, -0.5])
    layer = diagnose(net, UNIT_SQUARE).layers[0]
    assert layer.dead.tolist() == [False, True, False]
    assert layer.dead_count == 1 and layer.n_units == 3


def test_a_dead_unit_gets_no_gradient_on_its_weights():
    net = Network(
        2, [Layer([[1, 1], [-1, -1]], [0, -0.5], "relu"), Layer([[1, 1]], [0])], loss="half_sse"
    )
    forward = net.forward(UNIT_SQUARE)
    grads = net.backward(forward, xor_gate().targets)
    dead = diagnose(net, UNIT_SQUARE, forward=forward).layers[0].dead
    assert dead.tolist() == [False, True]
    assert np.all(grads.grad_weights[0][dead] == 0.0) and grads.grad_biases[0][1] == 0.0
    assert np.any(grads.grad_weights[0][~dead] != 0.0)


def test_relu_with_z_exactly_zero_everywhere_is_dead_but_leaky_relu_never_is():
    zero = [[0.0, 0.0]], [0.0]
    assert diagnose(one_layer("relu", *zero), UNIT_SQUARE).layers[0].dead.tolist() == [True]
    negative = [[-1.0, -1.0]], [-1.0]
    leaky = diagnose(one_layer("leaky_relu", *negative), UNIT_SQUARE).layers[0]
    assert leaky.dead_count == 0


# ----- saturated sigmoid and tanh units --------------------------------------------------------
@pytest.mark.parametrize(
    ("activation", "bias", "saturated"),
    [
        ("sigmoid", 5.0, True),  # f′ = σ(5)(1 − σ(5)) = 0.0066 < 0.05 · 0.25
        ("sigmoid", -5.0, True),
        ("sigmoid", 4.0, False),  # f′ = 0.0177
        ("tanh", 2.2, True),  # f′ = 1 − tanh² 2.2 = 0.0475 < 0.05
        ("tanh", -2.2, True),
        ("tanh", 2.0, False),  # f′ = 0.0707
    ],
)
def test_a_unit_flat_on_every_sample_is_saturated(activation, bias, saturated):
    layer = diagnose(one_layer(activation, [[0.0, 0.0]], [bias]), UNIT_SQUARE).layers[0]
    assert layer.saturated.tolist() == [saturated]
    assert layer.flat_share.tolist() == [1.0 if saturated else 0.0]


def test_saturated_means_flat_on_more_than_90_percent_of_samples():
    net = one_layer("tanh", [[1.0]], [0.0], n_in=1)
    nine_of_ten = np.array([[3.0]] * 9 + [[0.0]])
    layer = diagnose(net, nine_of_ten).layers[0]
    assert layer.flat_share.tolist() == [0.9]
    assert layer.saturated_count == 0
    assert diagnose(net, np.array([[3.0]] * 10)).layers[0].saturated_count == 1


def test_thresholds_can_be_changed():
    net = one_layer("sigmoid", [[0.0, 0.0]], [4.0])  # f′ = 0.0177 = 0.07 · 0.25
    assert diagnose(net, UNIT_SQUARE, slope_fraction=0.1).layers[0].saturated_count == 1


def test_relu_and_identity_units_are_never_saturated():
    net = Network(2, [Layer([[100, 100]], [100], "relu"), Layer([[100]], [100])])
    diagnosis = diagnose(net, UNIT_SQUARE)
    assert diagnosis.saturated_count == 0 and diagnosis.dead_count == 0


def test_counts_add_up_over_layers():
    net = Network(
        2,
        [
            Layer([[-1, -1], [-2, 0], [1, 1]], [-1, -1, 0], "relu"),
            Layer(np.zeros((2, 3)), [9.0, 0.0], "sigmoid"),
        ],
    )
    diagnosis = diagnose(net, UNIT_SQUARE)
    assert [layer.dead_count for layer in diagnosis.layers] == [2, 0]
    assert [layer.saturated_count for layer in diagnosis.layers] == [0, 1]
    assert (diagnosis.dead_count, diagnosis.saturated_count) == (2, 1)


def test_inputs_of_the_wrong_width_or_no_samples_are_refused():
    net = one_layer("relu", [[1.0, 1.0]], [0.0])
    with pytest.raises(NetworkError) as error:
        diagnose(net, np.zeros((4, 3)))
    assert error.value.key == "inputs"
    with pytest.raises(NetworkError):
        diagnose(net, np.zeros((0, 2)))


# ----- accuracy --------------------------------------------------------------------------------
def test_binary_accuracy_thresholds_at_one_half():
    outputs = np.array([[0.2], [0.7], [0.5], [0.6]])
    assert accuracy(outputs, xor_gate().targets) == 0.75  # predicted 0, 1, 1, 1 vs 0, 1, 1, 0


def test_signed_accuracy_thresholds_at_zero():
    outputs = np.array([[-0.3], [0.1], [0.0], [-0.9]])
    assert accuracy(outputs, [[-1.0], [1.0], [-1.0], [-1.0]]) == 0.75


def test_one_hot_accuracy_compares_argmax():
    outputs = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.5, 0.4, 0.1]])
    targets = np.array([[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    assert accuracy(outputs, targets) == pytest.approx(2 / 3)


def test_accuracy_is_none_when_targets_are_not_classes():
    assert accuracy([[0.1], [0.2]], [[0.5], [0.3]]) is None  # regression
    assert accuracy([[0.1, 0.9]], [[1.0, 1.0]]) is None  # multi-label, not one-hot
    assert target_classes(np.array([[2.0], [1.0]])) is None


def test_nan_outputs_count_as_wrong():
    assert accuracy([[np.nan], [0.9]], [[0.0], [1.0]]) == 0.5
    assert accuracy([[np.nan, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]]) == 0.5


def test_accuracy_refuses_mismatched_shapes():
    with pytest.raises(NetworkError) as error:
        accuracy(np.zeros((3, 1)), np.zeros((3, 2)))
    assert error.value.key == "targets"


def test_diagnose_reports_the_accuracy_of_the_networks_outputs():
    # a hand-made XOR network: h1 = OR, h2 = AND (steep sigmoids), out = h1 − h2
    net = Network(
        2,
        [Layer([[20, 20], [20, 20]], [-10, -30], "sigmoid"), Layer([[20, -20]], [-10], "sigmoid")],
    )
    data = xor_gate()
    assert diagnose(net, data.inputs, data.targets).accuracy == 1.0
    assert diagnose(net, data.inputs).accuracy is None
    flipped = diagnose(net, data.inputs, 1.0 - data.targets)
    assert flipped.accuracy == 0.0


@settings(max_examples=30, deadline=None)
@given(
    labels=st.lists(st.integers(0, 3), min_size=1, max_size=40),
    seed=st.integers(0, 1000),
)
def test_one_hot_accuracy_is_the_share_of_matching_labels(labels, seed):
    labels = np.array(labels)
    outputs = np.random.default_rng(seed).random((len(labels), 4))
    expected = np.mean(outputs.argmax(axis=1) == labels)
    assert accuracy(outputs, np.eye(4)[labels]) == expected


def test_layer_ratios_divide_each_layers_gradient_norm_by_the_next_ones():
    # by hand: 1e-6 / 4e-6 = 0.25, 4e-6 / 2e-5 = 0.2, 2e-5 / 1e-4 = 0.2
    np.testing.assert_allclose(layer_ratios([1e-6, 4e-6, 2e-5, 1e-4]), [0.25, 0.2, 0.2],
                               rtol=1e-15)
    # a zero next layer leaves the ratio undefined; a zero layer itself gives 0
    ratios = layer_ratios([3.0, 0.0, 2.0])
    assert np.isnan(ratios[0]) and ratios[1] == 0.0
    assert layer_ratios([5.0]).shape == (0,)  # one layer: nothing to compare


def test_the_vanishing_sigmoid_preset_loses_about_sigma_max_per_layer_at_the_start():
    """The backward pass multiplies by f′ ≤ 0.25 once per sigmoid layer: at the preset's
    start every ratio stays near that bound (its weights are of size about 1)."""
    experiment = load_preset("vanishing-sigmoid")
    network, data = experiment.network, experiment.data
    norms = network.backward(network.forward(data.inputs), data.targets).weight_norms()
    ratios = layer_ratios(norms)
    np.testing.assert_allclose(ratios, np.asarray(norms[:-1]) / np.asarray(norms[1:]),
                               rtol=1e-15)
    assert np.all((ratios > 0.1) & (ratios < 0.35))
    assert get_activation("sigmoid").max_slope == 0.25


@pytest.mark.parametrize("preset", ["xor", "softmax-blobs", "vanishing-sigmoid"])
def test_one_samples_share_is_the_mean_norm_of_each_samples_gradient(preset):
    experiment = load_preset(preset)
    network, data = experiment.network, experiment.data
    shares = sample_gradient_norms(network, data.inputs, data.targets)
    whole = network.backward(network.forward(data.inputs), data.targets, False)
    scale = reduction_scale(network.reduction, len(data))
    norms = []
    for i in range(len(data)):  # each sample alone, with the whole batch's reduction
        one = network.backward(network.forward(data.inputs[i:i + 1]), data.targets[i:i + 1],
                               False)
        norms.append([np.linalg.norm(g) * scale for g in one.grad_weights])
    np.testing.assert_allclose(shares, np.mean(norms, axis=0), rtol=1e-10)
    assert shares.shape == (len(network.layers),) and whole.loss > 0
