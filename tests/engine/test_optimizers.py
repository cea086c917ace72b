"""Optimizers: the exact update formulas, frozen parameters, and a peek that changes nothing."""

import math

import numpy as np
import pytest

from engine.errors import NetworkError
from engine.model.experiment import TrainingSettings
from engine.model.network import Layer, Network
from engine.training.optimizers import (
    SGD,
    Adam,
    flatten_frozen,
    flatten_parameters,
    make_optimizer,
    split_parameters,
)


def gradients_sequence(size, count, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(size=size) for _ in range(count)]


def adam_by_hand(theta, grads, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam written out one scalar at a time, as in the PyTorch documentation."""
    theta = [float(x) for x in theta]
    m = [0.0] * len(theta)
    v = [0.0] * len(theta)
    for t, g in enumerate(grads, start=1):
        for i, gi in enumerate(g):
            m[i] = beta1 * m[i] + (1 - beta1) * gi
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
            m_hat = m[i] / (1 - beta1**t)
            v_hat = v[i] / (1 - beta2**t)
            theta[i] -= lr * m_hat / (math.sqrt(v_hat) + eps)
    return np.array(theta)


def test_plain_sgd_subtracts_learning_rate_times_gradient():
    theta = np.array([1.0, 1.0])
    SGD(2, 0.1).step(theta, np.array([3.0, 1.0]))
    assert theta.tolist() == [1.0 - 0.1 * 3.0, 1.0 - 0.1 * 1.0]  # the notes' 0.7 and 0.9


def test_momentum_accumulates_velocity_as_pytorch():
    theta = np.array([0.5, -2.0])
    g1, g2, g3 = gradients_sequence(2, 3)
    sgd = SGD(2, 0.05, momentum=0.9)
    for g in (g1, g2, g3):
        sgd.step(theta, g)
    v1 = g1
    v2 = 0.9 * v1 + g2
    v3 = 0.9 * v2 + g3
    expected = np.array([0.5, -2.0]) - 0.05 * v1 - 0.05 * v2 - 0.05 * v3
    np.testing.assert_allclose(theta, expected, rtol=1e-14)
    np.testing.assert_allclose(sgd.velocity, v3, rtol=1e-14)


def test_adam_matches_the_formula_with_bias_correction():
    start = np.array([0.3, -1.2, 2.0])
    grads = gradients_sequence(3, 5, seed=4)
    theta = start.copy()
    adam = Adam(3, 0.01)
    for g in grads:
        adam.step(theta, g)
    np.testing.assert_allclose(theta, adam_by_hand(start, grads, 0.01), rtol=1e-13)
    assert adam.step_count == 5


def test_first_adam_step_moves_each_parameter_by_about_the_learning_rate():
    theta = np.zeros(3)
    Adam(3, 0.001).step(theta, np.array([5.0, -0.2, 1e-3]))
    np.testing.assert_allclose(theta, [-0.001, 0.001, -0.001], rtol=1e-4)


@pytest.mark.parametrize(
    "optimizer",
    [SGD(4, 0.1), SGD(4, 0.1, momentum=0.9), Adam(4, 0.1)],
    ids=["sgd", "momentum", "adam"],
)
def test_frozen_parameters_never_move_and_their_state_stays_zero(optimizer):
    theta = np.array([1.0, 2.0, 3.0, 4.0])
    frozen = np.array([False, True, False, True])
    for g in gradients_sequence(4, 20, seed=7):
        optimizer.step(theta, g, frozen)
    assert theta[1] == 2.0 and theta[3] == 4.0
    assert theta[0] != 1.0 and theta[2] != 3.0
    for state in optimizer.state_layers(layers_for(4)).values():
        flat = np.concatenate([np.concatenate([w.ravel(), b]) for w, b in state])
        assert flat[1] == 0.0 and flat[3] == 0.0
        assert flat[0] != 0.0


def layers_for(size):
    """One layer with ``size`` parameters (1 input, size/2 outputs), for state_layers."""
    return [Layer(np.zeros((size // 2, 1)), np.zeros(size // 2))]


@pytest.mark.parametrize(
    "make", [lambda: SGD(3, 0.1, 0.8), lambda: Adam(3, 0.05)], ids=["momentum", "adam"]
)
def test_peek_shows_the_next_update_and_changes_nothing(make):
    optimizer = make()
    theta = np.array([1.0, -1.0, 0.5])
    grads = gradients_sequence(3, 4, seed=2)
    for g in grads[:3]:
        optimizer.step(theta, g)
    state_before = {
        k: [p.copy() for pair in v for p in pair]
        for k, v in optimizer.state_layers([Layer(np.zeros((1, 2)), np.zeros(1))]).items()
    }
    theta_before = theta.copy()
    peeked = optimizer.peek(theta, grads[3])
    peeked_again = optimizer.peek(theta, grads[3])
    np.testing.assert_array_equal(theta, theta_before)
    np.testing.assert_array_equal(peeked, peeked_again)
    state_after = optimizer.state_layers([Layer(np.zeros((1, 2)), np.zeros(1))])
    for key, arrays in state_before.items():
        after = [p for pair in state_after[key] for p in pair]
        for old, new in zip(arrays, after, strict=True):
            np.testing.assert_array_equal(old, new)
    optimizer.step(theta, grads[3])
    np.testing.assert_array_equal(theta, peeked)


def test_peek_layers_gives_the_walkthrough_update_per_layer():
    network = Network(1, [Layer([[1.0]], [1.0]), Layer([[1.0]], [1.0])])
    grads = network.backward(network.forward([[2.0]]), [[3.0]])
    optimizer = make_optimizer(TrainingSettings(learning_rate=0.1), network.parameter_count)
    ((v, a), (w, b)), state = optimizer.peek_layers(network.layers, grads)
    assert state == {}  # plain gradient descent keeps no state
    assert (w[0, 0], b[0]) == pytest.approx((0.7, 0.9), abs=1e-12)
    assert (v[0, 0], a[0]) == pytest.approx((0.8, 0.9), abs=1e-12)
    assert network.layers[1].weights[0, 0] == 1.0  # nothing moved


def test_peek_layers_respects_frozen_masks():
    network = Network(1, [Layer([[1.0]], [1.0], frozen_biases=[True])])
    grads = network.backward(network.forward([[2.0]]), [[0.0]])
    optimizer = make_optimizer(TrainingSettings(optimizer="adam"), network.parameter_count)
    [(weights, biases)], _state = optimizer.peek_layers(network.layers, grads)
    assert biases[0] == 1.0
    assert weights[0, 0] < 1.0


def test_discarded_proposal_leaves_the_state_as_it_was():
    sgd = SGD(2, 0.1, momentum=0.5)
    sgd.step(np.zeros(2), np.array([1.0, 2.0]))
    velocity = sgd.velocity.copy()
    sgd.propose(np.array([100.0, 100.0]))
    sgd.discard()
    np.testing.assert_array_equal(sgd.velocity, velocity)
    with pytest.raises(RuntimeError):
        sgd.commit()


def test_reset_clears_velocity_and_moments():
    sgd, adam = SGD(2, 0.1, momentum=0.9), Adam(2, 0.1)
    for optimizer in (sgd, adam):
        optimizer.step(np.zeros(2), np.ones(2))
        optimizer.reset()
    assert not sgd.velocity.any()
    assert not adam.first_moment.any() and not adam.second_moment.any()
    assert adam.step_count == 0


def test_make_optimizer_reads_the_training_settings():
    adam = make_optimizer(
        TrainingSettings(optimizer="adam", learning_rate=0.02, beta1=0.8, beta2=0.99, epsilon=1e-6),
        5,
    )
    assert isinstance(adam, Adam)
    assert (adam.learning_rate, adam.beta1, adam.beta2, adam.epsilon) == (0.02, 0.8, 0.99, 1e-6)
    sgd = make_optimizer(TrainingSettings(momentum=0.5), 5)
    assert isinstance(sgd, SGD) and sgd.momentum == 0.5 and sgd.size == 5


@pytest.mark.parametrize(
    "settings, key",
    [
        (TrainingSettings(optimizer="rmsprop"), "training.optimizer"),
        (TrainingSettings(learning_rate=0.0), "training.learning_rate"),
        (TrainingSettings(learning_rate=float("nan")), "training.learning_rate"),
        (TrainingSettings(momentum=1.5), "training.momentum"),
        (TrainingSettings(optimizer="adam", beta2=1.0), "training.beta2"),
        (TrainingSettings(optimizer="adam", epsilon=0.0), "training.epsilon"),
    ],
)
def test_bad_settings_raise_a_network_error_naming_the_key(settings, key):
    with pytest.raises(NetworkError) as caught:
        make_optimizer(settings, 3)
    assert caught.value.key == key


def test_wrong_sized_vector_is_refused():
    with pytest.raises(NetworkError):
        SGD(3, 0.1).step(np.zeros(2), np.zeros(2))


def test_flat_vectors_split_back_into_layer_shapes():
    network = Network(
        2,
        [
            Layer(np.arange(6.0).reshape(3, 2), [6.0, 7.0, 8.0]),
            Layer([[9.0, 10.0, 11.0]], [12.0], frozen_biases=[True]),
        ],
    )
    flat = flatten_parameters(network.layers)
    np.testing.assert_array_equal(flat, np.arange(13.0))
    assert flatten_frozen(network.layers).tolist() == [False] * 12 + [True]
    (w1, b1), (w2, b2) = split_parameters(flat, network.layers)
    np.testing.assert_array_equal(w1, network.layers[0].weights)
    np.testing.assert_array_equal(b2, [12.0])


def test_peek_layers_hands_out_the_state_the_step_would_leave():
    network = Network(1, [Layer([[1.0]], [1.0], frozen_biases=[True])])
    grads = network.backward(network.forward([[2.0]]), [[0.0]])
    for settings in (TrainingSettings(momentum=0.9), TrainingSettings(optimizer="adam")):
        optimizer = make_optimizer(settings, network.parameter_count)
        _parameters, peeked = optimizer.peek_layers(network.layers, grads)
        flat = np.concatenate([grads.grad_weights[0].ravel(), grads.grad_biases[0]])
        optimizer.step(np.array([1.0, 1.0]), flat, np.array([False, True]))
        for kind, pairs in optimizer.state_layers(network.layers).items():
            [(weights, biases)] = peeked[kind.updated]
            [(now_weights, now_biases)] = pairs
            assert weights[0, 0] == now_weights[0, 0] != 0.0
            assert biases[0] == now_biases[0] == 0.0  # frozen: its state stays 0
