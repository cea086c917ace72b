"""The fast path: Network.backward's numbers on preallocated buffers, into one flat gradient."""

import numpy as np
import pytest
from hypothesis import given, settings

from engine.model.network import Layer, Network
from engine.training.fastpass import FastPass
from engine.training.optimizers import flatten_gradients, flatten_parameters
from tests.engine.test_gradients import problems


def fast_pass_of(network):
    """A FastPass over a flat copy of the network's parameters (the network is not changed)."""
    params = flatten_parameters(network.layers)
    return FastPass(network, params), params


def assert_matches_backward(network, inputs, targets):
    reference = network.backward(network.forward(inputs), targets)
    fast, _ = fast_pass_of(network)
    with np.errstate(all="ignore"):
        loss = fast.loss_and_gradient(inputs, targets)
    assert loss == pytest.approx(reference.loss, rel=1e-12, abs=1e-300)
    expected = flatten_gradients(reference.grad_weights, reference.grad_biases)
    np.testing.assert_allclose(
        fast.gradient, expected, rtol=1e-12, atol=1e-13 * abs(expected).max()
    )
    return fast, reference


def mnist_like(hidden="relu", output="softmax", loss="cross_entropy", seed=0, batch=5):
    """A 12-8-6-4 network, a batch of inputs and one-hot targets."""
    rng = np.random.default_rng(seed)
    sizes = (12, 8, 6, 4)
    activations = [hidden, hidden, output]
    layers = [
        Layer(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), activation)
        for n_in, n_out, activation in zip(sizes[:-1], sizes[1:], activations, strict=True)
    ]
    network = Network(sizes[0], layers, loss=loss, reduction="mean")
    inputs = rng.normal(size=(batch, sizes[0]))
    targets = np.eye(sizes[-1])[rng.integers(0, sizes[-1], batch)]
    return network, inputs, targets


# ----- the same numbers as Network.backward ------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(problems())
def test_loss_and_gradient_equal_network_backward(problem):
    assert_matches_backward(*problem)


@pytest.mark.parametrize(
    ("hidden", "output", "loss"),
    [
        ("relu", "softmax", "cross_entropy"),  # fused: δ = a − t, loss in one dot product
        ("leaky_relu", "sigmoid", "binary_cross_entropy"),  # fused, the loss' own formula
        ("tanh", "softmax", "half_sse"),  # general: softmax's full Jacobian
        ("sigmoid", "sigmoid", "cross_entropy"),  # general, cross-entropy's clamped log
        ("relu", "identity", "mse"),  # squared, δ = 2(a − t)/n
    ],
)
def test_every_kind_of_output_layer_matches_network_backward(hidden, output, loss):
    assert_matches_backward(*mnist_like(hidden, output, loss))


def test_a_saturated_softmax_uses_the_clamped_log_as_network_backward_does():
    network, inputs, targets = mnist_like()
    network.layers[-1].weights *= 1e4  # some outputs become exactly 0: log 0 is clamped
    with np.errstate(all="ignore"):
        output = network.forward(inputs).activations[-1]
    assert (output[targets == 1.0] == 0.0).any()
    fast, reference = assert_matches_backward(network, inputs, targets)
    assert np.isfinite(reference.loss) and reference.loss > 10.0


# ----- buffers: reused, never accumulated --------------------------------------------------------
def test_a_second_pass_gives_the_same_gradient_not_twice_it():
    network, inputs, targets = mnist_like()
    fast, _ = fast_pass_of(network)
    first_loss = fast.loss_and_gradient(inputs, targets)
    first = fast.gradient.copy()
    assert fast.loss_and_gradient(inputs, targets) == first_loss
    np.testing.assert_array_equal(fast.gradient, first)


def test_buffers_are_made_once_per_batch_size_and_sizes_can_alternate():
    network, inputs, targets = mnist_like(batch=6)
    fast, _ = fast_pass_of(network)
    assert fast.buffers(6) is fast.buffers(6)
    assert fast.buffers(6) is not fast.buffers(2)
    for rows in (slice(0, 6), slice(0, 2), slice(0, 6)):
        fast.loss_and_gradient(inputs[rows], targets[rows])
        reference = network.backward(network.forward(inputs[rows]), targets[rows])
        expected = flatten_gradients(reference.grad_weights, reference.grad_biases)
        np.testing.assert_allclose(fast.gradient, expected, rtol=1e-12, atol=1e-15)


def test_gather_copies_the_chosen_rows_into_the_batch_buffers():
    network, inputs, targets = mnist_like(batch=5)
    fast, _ = fast_pass_of(network)
    batch_inputs, batch_targets = fast.gather(inputs, targets, np.array([4, 0, 2]))
    np.testing.assert_array_equal(batch_inputs, inputs[[4, 0, 2]])
    np.testing.assert_array_equal(batch_targets, targets[[4, 0, 2]])
    assert batch_inputs is fast.buffers(3).inputs


# ----- the flat layout ---------------------------------------------------------------------------
def test_views_and_gradient_views_lie_in_the_flat_vectors_in_layer_order():
    network, inputs, targets = mnist_like()
    fast, params = fast_pass_of(network)
    for (weights, biases), (grad_weights, grad_biases), layer in zip(
        fast.views, fast.gradient_views, network.layers, strict=True
    ):
        assert np.shares_memory(weights, params) and np.shares_memory(biases, params)
        assert np.shares_memory(grad_weights, fast.gradient)
        assert grad_weights.shape == layer.weights.shape and grad_biases.shape == (layer.n_out,)
        np.testing.assert_array_equal(weights, layer.weights)


def test_a_change_of_the_flat_parameters_is_used_by_the_next_pass():
    network, inputs, targets = mnist_like()
    fast, params = fast_pass_of(network)
    params *= 0.5
    for layer in network.layers:
        layer.weights *= 0.5
        layer.biases *= 0.5
    loss = fast.loss_and_gradient(inputs, targets)
    assert loss == pytest.approx(network.loss_value(inputs, targets), rel=1e-12)


# ----- measuring the gradient --------------------------------------------------------------------
def test_gradient_norms_are_the_per_layer_and_total_euclidean_norms():
    network, inputs, targets = mnist_like()
    fast, reference = assert_matches_backward(network, inputs, targets)
    total = fast.gradient_norms()
    expected = [np.linalg.norm(g) for g in reference.grad_weights]
    np.testing.assert_allclose(fast.weight_norms, expected, rtol=1e-12)
    assert total == pytest.approx(np.linalg.norm(fast.gradient), rel=1e-12)


def test_the_first_non_finite_gradient_and_parameter_are_named():
    network, inputs, targets = mnist_like()
    fast, params = fast_pass_of(network)
    fast.loss_and_gradient(inputs, targets)
    assert fast.non_finite_gradient() == (None, None)
    fast.gradient_views[1][1][2] = -np.inf
    fast.gradient_views[2][0][0, 0] = np.nan
    assert fast.non_finite_gradient() == ("∂E/∂b of layer 2", "-inf")
    assert not np.isfinite(fast.gradient_norms())
    bad = params.copy()
    bad[fast.views[0][0].size + 1] = np.inf  # the second bias of layer 1
    assert fast.non_finite_parameter(bad) == ("b of layer 1", "inf")
