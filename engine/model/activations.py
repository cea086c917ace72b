"""Activation functions f and their derivatives, side by side.

Each activation maps pre-activations z (shape (batch, n)) to activations a = f(z) of the same
shape. ``backward`` turns ∂E/∂a into δ = ∂E/∂z: elementwise ∂E/∂a · f′(z) for all but softmax,
whose outputs depend on every z of the row, so its full Jacobian is used.

Each activation also carries the same two in place on arrays laid out one column per sample,
(n, batch), for the trainer's fast path (``forward_columns``, ``slope_columns``), and how the
lesson writes it (``notation``, ``prose``). A new activation is one entry of ``ACTIVATIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LEAKY_SLOPE = 0.01  # PyTorch's default negative slope


def _sigmoid(z):
    # 1/(1 + e^−z): e^−z overflows to inf only for z < −709.78, where σ(z) < 2.3e-308 and
    # 1/inf = 0 is right to the last normal number; the warning is not an error there
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


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


# ----- the same in place, one column per sample ((n, batch) arrays), for engine.training.fastpass -
# forward: a = f(z) into ``out`` (``column``: a (1, batch) scratch row)
def _identity_columns(z, out, column):
    pass  # the fast path gives an identity layer one array for z and a


def _sigmoid_columns(z, out, column):  # 1/(1 + e^−z), as _sigmoid (e^−z = inf gives 0)
    np.negative(z, out=out)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    np.add(out, 1.0, out=out)
    np.divide(1.0, out, out=out)


def _tanh_columns(z, out, column):
    np.tanh(z, out=out)


def _relu_columns(z, out, column):
    np.maximum(z, 0.0, out=out)


def _leaky_relu_columns(z, out, column):  # max(z, 0.01 z) is z above 0 and 0.01 z below
    np.multiply(z, LEAKY_SLOPE, out=out)
    np.maximum(z, out, out=out)


def _softmax_columns(z, out, column):  # each column: exp(z − max z) / Σ exp(z − max z)
    np.maximum.reduce(z, axis=0, keepdims=True, out=column)
    np.subtract(z, column, out=out)
    np.exp(out, out=out)
    np.add.reduce(out, axis=0, keepdims=True, out=column)
    np.divide(out, column, out=out)


# slope: δ = ∂E/∂a ⊙ f′(z) into ``out`` (``grad`` and ``out`` may be one array; ``s`` a float
# and ``positive`` a bool scratch array of the same shape)
def _identity_slope(grad, z, a, s, positive, out):
    if out is not grad:
        np.copyto(out, grad)


def _sigmoid_slope(grad, z, a, s, positive, out):  # a(1 − a)
    np.subtract(1.0, a, out=s)
    np.multiply(a, s, out=s)
    np.multiply(grad, s, out=out)


def _tanh_slope(grad, z, a, s, positive, out):  # 1 − a²
    np.multiply(a, a, out=s)
    np.subtract(1.0, s, out=s)
    np.multiply(grad, s, out=out)


def _relu_slope(grad, z, a, s, positive, out):  # 1 above 0, else 0 (f′(0) = 0)
    np.greater(z, 0.0, out=s)  # a float mask multiplies fastest
    np.multiply(grad, s, out=out)


def _leaky_relu_slope(grad, z, a, s, positive, out):  # 1 above 0, else 0.01
    np.greater(z, 0.0, out=s)  # 1 or 0, then 1·0.99 + 0.01 = 1 exactly and 0·0.99 + 0.01 = 0.01
    np.multiply(s, 1.0 - LEAKY_SLOPE, out=s)
    np.add(s, LEAKY_SLOPE, out=s)
    np.multiply(grad, s, out=out)


def _softmax_slope(grad, z, a, s, positive, out):  # the full Jacobian, on rows
    out.T[...] = ACTIVATIONS["softmax"].backward(z.T, a.T, grad.T)


@dataclass(frozen=True)
class Activation:
    """One activation: its name, f and f′ (on rows and in place on columns), and how the
    lesson writes it: ``notation`` is the text before and after z ("σ(", ")"; the identity
    writes z alone), ``prose`` one sentence saying what it does."""

    name: str
    function: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    forward_columns: Callable
    slope_columns: Callable
    notation: tuple[str, str]
    prose: str
    # what the rest of the program needs to know of it, said here once:
    output_range: tuple[float, float] | None = None  # a bounded output: its (low, high)
    max_slope: float | None = None  # an s-shaped f: its largest slope f′(0), for "saturated"
    can_die: bool = False  # f′ = 0 on a whole half-line: a unit can be "dead" (0 for every x)
    kinked: bool = False  # f′ jumps at z = 0 (a finite difference across it is no slope)
    target_form: str = "binary"  # the class targets that suit it as an output (datasets.py)

    @property
    def elementwise(self) -> bool:
        """True when a_j depends on z_j alone (all but softmax)."""
        return self.derivative is not None

    @property
    def identity(self) -> bool:
        """a = z: no slope to multiply by (f′ = 1)."""
        return self.name == "identity"

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return self.function(z)

    def backward(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        """δ = ∂E/∂z from ∂E/∂a; all three of shape (batch, n).

        Elementwise: δ = ∂E/∂a ⊙ f′(z). Softmax: δ_j = Σ_k ∂E/∂a_k · a_k(1[j=k] − a_j)
        = a_j (∂E/∂a_j − Σ_k ∂E/∂a_k a_k).
        """
        if self.derivative is None:
            return a * (grad_a - (grad_a * a).sum(axis=-1, keepdims=True))
        if self.identity:
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
        Activation(
            "identity",
            _identity,
            _identity_derivative,
            _identity_columns,
            _identity_slope,
            ("", ""),
            "The identity activation passes z on unchanged",
        ),
        Activation(
            "sigmoid",
            _sigmoid,
            _sigmoid_derivative,
            _sigmoid_columns,
            _sigmoid_slope,
            ("σ(", ")"),
            "σ(z) = 1/(1 + e^−z) squashes z into (0, 1)",
            output_range=(0.0, 1.0),
            max_slope=0.25,
        ),
        Activation(
            "tanh",
            np.tanh,
            _tanh_derivative,
            _tanh_columns,
            _tanh_slope,
            ("tanh(", ")"),
            "tanh squashes z into (−1, 1)",
            output_range=(-1.0, 1.0),
            max_slope=1.0,
            target_form="signed",
        ),
        Activation(
            "relu",
            _relu,
            _relu_derivative,
            _relu_columns,
            _relu_slope,
            ("max(0, ", ")"),
            "ReLU keeps a positive z and turns z ≤ 0 into 0",
            can_die=True,
            kinked=True,
        ),
        Activation(
            "leaky_relu",
            _leaky_relu,
            _leaky_relu_derivative,
            _leaky_relu_columns,
            _leaky_relu_slope,
            ("leaky_relu(", ")"),
            "Leaky ReLU keeps a positive z and multiplies z ≤ 0 by 0.01",
            kinked=True,
        ),
        Activation(
            "softmax",
            _softmax,
            None,
            _softmax_columns,
            _softmax_slope,
            ("softmax(", ")"),
            "Softmax turns the outputs into probabilities (each in 0…1, summing to 1)",
            output_range=(0.0, 1.0),
            target_form="one_hot",
        ),
    )
}

ACTIVATION_NAMES = tuple(ACTIVATIONS)


def get_activation(name: str) -> Activation:
    """The activation called ``name``; KeyError lists the known names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise KeyError(f"unknown activation {name!r} (known: {', '.join(ACTIVATIONS)})") from None
