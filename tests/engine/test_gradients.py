"""Backpropagation equals the definition of the derivative, on random networks.

Hypothesis draws the shape (1 to 4 layers of 1 to 6 neurons), every activation, loss and
reduction that the file format allows together, and a seed for the numbers; every ∂E/∂W and
∂E/∂b must equal its central difference to a relative error below 1e-6.
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engine.analysis.gradcheck import check_gradients, numerical_gradients, relative_error
from engine.model.activations import get_activation
from engine.model.losses import get_loss
from engine.model.network import Layer, Network

HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky_relu"]
SQUARED = ["half_sse", "sse", "mse"]
KINKED = ("relu", "leaky_relu")  # no derivative at z = 0: keep samples away from the kink


@st.composite
def problems(draw):
    """(network, inputs, targets) for one allowed combination, numbers from a drawn seed."""
    n_layers = draw(st.integers(1, 4))
    sizes = [draw(st.integers(1, 6)) for _ in range(n_layers + 1)]
    loss = draw(st.sampled_from(SQUARED + ["cross_entropy", "binary_cross_entropy"]))
    if loss == "cross_entropy":
        output = "softmax"
    elif loss == "binary_cross_entropy":
        output = "sigmoid"
    else:
        output = draw(st.sampled_from(HIDDEN + ["softmax"]))
    activations = [draw(st.sampled_from(HIDDEN)) for _ in range(n_layers - 1)] + [output]
    reduction = draw(st.sampled_from(["sum", "mean"]))
    batch = draw(st.integers(1, 4))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    layers = [
        Layer(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), activation)
        for n_in, n_out, activation in zip(sizes[:-1], sizes[1:], activations, strict=True)
    ]
    network = Network(sizes[0], layers, loss=loss, reduction=reduction)
    inputs = rng.normal(size=(batch, sizes[0]))
    if loss == "cross_entropy":
        targets = rng.dirichlet(np.ones(sizes[-1]), size=batch)
    elif loss == "binary_cross_entropy":
        targets = rng.uniform(0.0, 1.0, size=(batch, sizes[-1]))
    else:
        targets = rng.normal(size=(batch, sizes[-1]))
    return network, inputs, targets


def away_from_kinks(network, inputs, margin=1e-3):
    """True when no relu / leaky_relu pre-activation lies within ``margin`` of its kink."""
    forward = network.forward(inputs)
    return all(
        np.abs(z).min() > margin
        for layer, z in zip(network.layers, forward.pre_activations, strict=True)
        if layer.activation in KINKED
    )


def representable_for_bce(network, inputs, margin=1e-4):
    """True unless binary cross-entropy sees a sigmoid output within ``margin`` of 0 or 1.

    There 1 − a keeps only a few correct digits in float64, so E itself (not its gradient)
    is too coarse for a difference quotient; PyTorch's BCEWithLogits exists for this reason.
    """
    if network.loss != "binary_cross_entropy":
        return True
    output = network.predict(inputs)
    return bool(np.all((output > margin) & (output < 1.0 - margin)))


@settings(max_examples=60, deadline=None)
@given(problems())
def test_every_gradient_equals_its_central_difference(problem):
    network, inputs, targets = problem
    assume(away_from_kinks(network, inputs))
    assume(representable_for_bce(network, inputs))
    for check in check_gradients(network, inputs, targets):
        assert check.error < 1e-6, check


def test_numerical_gradient_leaves_the_network_unchanged():
    rng = np.random.default_rng(3)
    network = Network(2, [Layer(rng.normal(size=(3, 2)), rng.normal(size=3), "tanh")])
    before = [p.copy() for p in network.parameters()]
    numerical_gradients(network, rng.normal(size=(2, 2)), rng.normal(size=(2, 3)))
    for old, new in zip(before, network.parameters(), strict=True):
        np.testing.assert_array_equal(old, new)


def test_gradient_check_catches_a_wrong_gradient():
    analytic = np.array([1.0, 2.0])
    assert relative_error(analytic, analytic) == 0.0
    assert relative_error(analytic, 1.01 * analytic) > 1e-3


def test_seed_example_gradients_match_central_differences():
    network = Network(1, [Layer([[1.0]], [1.0]), Layer([[1.0]], [1.0])])
    numeric_w, numeric_b = numerical_gradients(network, [[2.0]], [[3.0]])
    assert numeric_w[1][0, 0] == pytest.approx(3.0, rel=1e-9)
    assert numeric_w[0][0, 0] == pytest.approx(2.0, rel=1e-9)
    assert numeric_b[0][0] == pytest.approx(1.0, rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_fused_softmax_cross_entropy_delta_equals_the_full_jacobian_path(n, batch, seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(scale=3.0, size=(batch, n))
    targets = rng.dirichlet(np.ones(n), size=batch)
    softmax, loss = get_activation("softmax"), get_loss("cross_entropy")
    a = softmax(z)
    fused = loss.output_delta("softmax", z, a, targets, softmax)
    np.testing.assert_allclose(fused, a - targets, rtol=0, atol=0)
    grad_a = loss.gradient(a, targets)
    for row in range(batch):
        # δ_j = Σ_k ∂E/∂a_k · ∂a_k/∂z_j, with the explicit Jacobian matrix
        through_jacobian = softmax.jacobian(z[row]).T @ grad_a[row]
        np.testing.assert_allclose(fused[row], through_jacobian, rtol=1e-10, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_fused_sigmoid_binary_cross_entropy_delta_equals_the_full_path(n, batch, seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(scale=3.0, size=(batch, n))
    targets = rng.uniform(0.0, 1.0, size=(batch, n))
    sigmoid, loss = get_activation("sigmoid"), get_loss("binary_cross_entropy")
    a = sigmoid(z)
    fused = loss.output_delta("sigmoid", z, a, targets, sigmoid)
    np.testing.assert_allclose(fused, a - targets, rtol=0, atol=0)
    grad_a = loss.gradient(a, targets)
    for row in range(batch):
        through_jacobian = sigmoid.jacobian(z[row]).T @ grad_a[row]
        np.testing.assert_allclose(fused[row], through_jacobian, rtol=1e-9, atol=1e-12)
