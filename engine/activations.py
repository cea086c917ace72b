"""Activation functions f and their derivatives, side by side.

Each activation maps pre-activations z (shape (batch, n)) to activations a = f(z) of the same
shape. ``backward`` turns ∂E/∂a into δ = ∂E/∂z: elementwise ∂E/∂a · f′(z) for all but softmax,
whose outputs depend on every z of the row, so its full Jacobian is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LEAKY_SLOPE = 0.01  # PyTorch's default negative slope


def _sigmoid(z):
    # exp(-log(1 + e^-z)) never overflows, unlike 1 / (1 + exp(-z)) for very negative z
    return np.exp(-np.logaddexp(0.0, -z))


def _sigmoid_derivative(z, a):
    return a * (1.0 - a)


def _tanh_derivative(z, a):
    return 1.0 - a * a


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_derivative(z, a):
    # f'(0) = 0, as PyTorch
    return (z > 0.0).astype(z.dtype)


def _leaky_relu(z):
    return np.where(z > 0.0, z, LEAKY_SLOPE * z)


def _leaky_relu_derivative(z, a):
    # slope 0.01 at and below zero
    return np.where(z > 0.0, 1.0, LEAKY_SLOPE)


def _identity(z):
    return z


def _identity_derivative(z, a):
    return np.ones_like(z)


def _softmax(z):
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class Activation:
    """One activation: its name, f, f′ and how the lesson writes them."""

    name: str
    function: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    formula: str  # f(z) in plain text, for explanations
    derivative_formula: str  # f′(z) in plain text

    @property
    def elementwise(self) -> bool:
        """True when a_j depends on z_j alone (all but softmax)."""
        return self.derivative is not None

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return self.function(z)

    def backward(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        """δ = ∂E/∂z from ∂E/∂a; all three of shape (batch, n).

        Elementwise: δ = ∂E/∂a ⊙ f′(z). Softmax: δ_j = Σ_k ∂E/∂a_k · a_k(1[j=k] − a_j)
        = a_j (∂E/∂a_j − Σ_k ∂E/∂a_k a_k).
        """
        if self.derivative is None:
            return a * (grad_a - (grad_a * a).sum(axis=-1, keepdims=True))
        if self.name == "identity":
            return grad_a
        return grad_a * self.derivative(z, a)

    def jacobian(self, z: np.ndarray) -> np.ndarray:
        """∂a/∂z for one sample: z shape (n,) → matrix (n, n), J[k, j] = ∂a_k/∂z_j."""
        a = self.function(z[np.newaxis, :])[0]
        if self.derivative is None:
            return np.diag(a) - np.outer(a, a)
        return np.diag(self.derivative(z, a))


ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (
        Activation("identity", _identity, _identity_derivative, "z", "1"),
        Activation("sigmoid", _sigmoid, _sigmoid_derivative, "1 / (1 + e^−z)", "f(z)(1 − f(z))"),
        Activation("tanh", np.tanh, _tanh_derivative, "tanh z", "1 − f(z)²"),
        Activation("relu", _relu, _relu_derivative, "max(0, z)", "1 if z > 0 else 0"),
        Activation(
            "leaky_relu",
            _leaky_relu,
            _leaky_relu_derivative,
            "z if z > 0 else 0.01z",
            "1 if z > 0 else 0.01",
        ),
        Activation("softmax", _softmax, None, "e^z_j / Σ_k e^z_k", "a_j(1[j=k] − a_k)"),
    )
}

ACTIVATION_NAMES = tuple(ACTIVATIONS)


def get_activation(name: str) -> Activation:
    """The activation called ``name``; KeyError lists the known names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise KeyError(f"unknown activation {name!r} (known: {', '.join(ACTIVATIONS)})") from None
