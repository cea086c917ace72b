"""The walkthrough's worked example, exactly, through the engine's forward and backward pass."""

import numpy as np
import pytest

from engine.model.network import Layer, Network


def seed_network(loss="half_sse"):
    return Network(1, [Layer([[1.0]], [1.0]), Layer([[1.0]], [1.0])], loss=loss)


def test_forward_gives_hidden_3_and_output_4():
    forward = seed_network().forward([[2.0]])
    assert forward.activations[1][0, 0] == 3.0
    assert forward.output[0, 0] == 4.0


def test_backward_gives_the_tables_gradients():
    net = seed_network()
    grads = net.backward(net.forward([[2.0]]), [[3.0]])
    assert grads.loss == 0.5
    assert grads.deltas[1][0, 0] == 1.0  # ∂E/∂z
    assert grads.grad_weights[1][0, 0] == 3.0  # ∂E/∂w = 1 · y
    assert grads.grad_biases[1][0] == 1.0
    assert grads.grad_activations[0][0, 0] == 1.0  # ∂E/∂y = ∂E/∂z · w
    assert grads.grad_weights[0][0, 0] == 2.0  # ∂E/∂v = 1 · x
    assert grads.grad_biases[0][0] == 1.0


def test_squared_error_convention_doubles_every_gradient():
    net = seed_network("sse")
    grads = net.backward(net.forward([[2.0]]), [[3.0]])
    assert grads.loss == 1.0
    assert grads.deltas[1][0, 0] == 2.0
    assert grads.grad_weights[1][0, 0] == 6.0
    assert grads.grad_weights[0][0, 0] == 4.0


def test_two_backward_passes_give_the_same_gradients():
    net = seed_network()
    forward = net.forward([[2.0]])
    first = net.backward(forward, [[3.0]])
    second = net.backward(forward, [[3.0]])
    for a, b in zip(first.grad_weights, second.grad_weights, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("loss", ["half_sse", "sse"])
def test_weight_gradient_is_bias_gradient_times_input(loss):
    net = seed_network(loss)
    forward = net.forward([[2.0]])
    grads = net.backward(forward, [[3.0]])
    for index in range(2):
        expected = grads.grad_biases[index][0] * forward.activations[index][0, 0]
        assert grads.grad_weights[index][0, 0] == expected
