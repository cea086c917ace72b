"""Per-sample losses E_i(a, t) and their gradients ∂E_i/∂a, plus the batch reduction.

``a`` is the network's output (shape (batch, n_out)), ``t`` the target of the same shape.
Over a batch, reduction "sum" gives E = Σ_i E_i (the notes' E = E₁ + … + Eₙ) and "mean" gives
E = (1/n) Σ_i E_i; the gradient is scaled the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LOG_FLOOR = -100.0  # log values are clamped here, as PyTorch's BCELoss does, so 0·log 0 = 0


def _half_sse(a, t):
    d = a - t
    return 0.5 * np.einsum("ij,ij->i", d, d)


def _half_sse_grad(a, t):
    return a - t


def _sse(a, t):
    d = a - t
    return np.einsum("ij,ij->i", d, d)


def _sse_grad(a, t):
    return 2.0 * (a - t)


def _mse(a, t):
    d = a - t
    return np.einsum("ij,ij->i", d, d) / a.shape[-1]


def _mse_grad(a, t):
    return (2.0 / a.shape[-1]) * (a - t)


def _safe_log(x):
    with np.errstate(divide="ignore"):
        return np.maximum(np.log(x), LOG_FLOOR)


def _cross_entropy(a, t):
    return -(t * _safe_log(a)).sum(axis=-1)


def _cross_entropy_grad(a, t):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(t == 0.0, 0.0, -t / a)


def _binary_cross_entropy(a, t):
    return -(t * _safe_log(a) + (1.0 - t) * _safe_log(1.0 - a)).sum(axis=-1)


def _binary_cross_entropy_grad(a, t):
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a - t) / (a * (1.0 - a))


@dataclass(frozen=True)
class Loss:
    """One per-sample loss: E_i(a, t), ∂E_i/∂a, and the output activation it fuses with.

    With its ``fused_activation`` on the output layer, δ_out = (a − t) exactly: the softmax
    Jacobian times −t/a, and sigmoid's a(1−a) times (a−t)/(a(1−a)), both collapse to it.
    """

    name: str
    per_sample: Callable[[np.ndarray, np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray, np.ndarray], np.ndarray]
    formula: str
    gradient_formula: str
    fused_activation: str | None = None

    def output_delta(self, activation_name: str, z, a, t, activation) -> np.ndarray:
        """δ of the output layer per sample (before reduction), shape (batch, n_out)."""
        if activation_name == self.fused_activation:
            return a - t
        return activation.backward(z, a, self.gradient(a, t))


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss("half_sse", _half_sse, _half_sse_grad, "½ Σ (a − t)²", "a − t"),
        Loss("sse", _sse, _sse_grad, "Σ (a − t)²", "2(a − t)"),
        Loss("mse", _mse, _mse_grad, "(1/n) Σ (a − t)²", "2(a − t)/n"),
        Loss(
            "cross_entropy",
            _cross_entropy,
            _cross_entropy_grad,
            "−Σ t log a",
            "−t / a",
            fused_activation="softmax",
        ),
        Loss(
            "binary_cross_entropy",
            _binary_cross_entropy,
            _binary_cross_entropy_grad,
            "−Σ [t log a + (1 − t) log(1 − a)]",
            "(a − t) / (a(1 − a))",
            fused_activation="sigmoid",
        ),
    )
}

LOSS_NAMES = tuple(LOSSES)
REDUCTIONS = ("sum", "mean")


def get_loss(name: str) -> Loss:
    """The loss called ``name``; KeyError lists the known names."""
    try:
        return LOSSES[name]
    except KeyError:
        raise KeyError(f"unknown loss {name!r} (known: {', '.join(LOSSES)})") from None


def reduction_scale(reduction: str, batch_size: int) -> float:
    """Factor that turns Σ_i E_i into E: 1 for "sum", 1/n for "mean"."""
    if reduction == "sum":
        return 1.0
    if reduction == "mean":
        return 1.0 / batch_size
    raise KeyError(f"unknown reduction {reduction!r} (known: sum, mean)")
