"""Per-sample losses E_i(a, t) and their gradients ∂E_i/∂a, plus the batch reduction.

``a`` is the network's output (shape (batch, n_out)), ``t`` the target of the same shape.
Over a batch, reduction "sum" gives E = Σ_i E_i (the notes' E = E₁ + … + Eₙ) and "mean" gives
E = (1/n) Σ_i E_i; the gradient is scaled the same way.

Each loss also says how the lesson writes it (its formula per sample, over a layer, and its
gradient, as formula tokens) and, for the trainer's fast path, whether it is a squared error
and how to sum it over a batch laid out one column per sample. A new loss is one entry of
``LOSSES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.lesson.formula import CLOSE, MINUS, OPEN, TIMES, Constant, Operator, join

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


def _cross_entropy_columns(a, t, scratch) -> float:
    """Σ over the batch of −Σ t log a, for a and t one column per sample (n, batch)."""
    np.log(a, out=scratch)
    np.maximum(scratch, LOG_FLOOR, out=scratch)
    np.multiply(scratch, t, out=scratch)
    return -float(np.add.reduce(scratch, axis=None))


# ----- how the lesson writes each loss (a, t: the output's and the target's symbols) ----------
def _difference(a, t, factor: Constant | None = None) -> list:
    """(a − t), or factor·(a − t)."""
    if factor is None:
        return [OPEN, a, MINUS, t, CLOSE]
    return [factor, Operator("·("), a, MINUS, t, CLOSE]


def _squared(front):
    """Notation of c·Σ(a − t)², ``front(n)`` giving the tokens of c for n outputs."""

    def sample(pairs, n):
        body = join([[OPEN, a, MINUS, t, Operator(")²")] for a, t in pairs])
        if n > 1:
            body = [Operator("[")] + body + [Operator("]")]
        return front(n) + body

    def layer(a, t, n):
        return front(n) + [Operator("Σ("), a, MINUS, t, Operator(")²")]

    return sample, layer


_HALF = _squared(lambda n: [Constant(0.5, "½"), TIMES])
_WHOLE = _squared(lambda n: [])
_MEAN_SAMPLE, _ = _squared(lambda n: [Constant(1.0 / n, f"1/{n}"), TIMES] if n > 1 else [])


def _mean_layer(a, t, n):
    tokens = [Operator("Σ("), a, MINUS, t, Operator(")²")]
    return tokens + [Operator("/"), Constant(float(n), str(n))] if n > 1 else tokens


def _cross_entropy_sample(pairs, n):
    return [Operator("−(")] + join([[t, Operator("·log "), a] for a, t in pairs]) + [CLOSE]


def _binary_terms(t, a) -> list:
    return [t, Operator("·log "), a, Operator(" + (1 − "), t, Operator(")·log(1 − "), a]


def _binary_sample(pairs, n):
    terms = [_binary_terms(t, a) + [CLOSE] for a, t in pairs]
    return [Operator("−[")] + join(terms) + [Operator("]")]


def _binary_gradient(a, t, n):
    return [Operator("(("), a, MINUS, t, Operator(") / ("), a, Operator("·(1 − "), a,
            Operator(")))")]


@dataclass(frozen=True)
class Notation:
    """How the lesson writes a loss, as formula tokens: ``sample(pairs, n)`` is E of one
    sample from its (a, t) symbol pairs, ``layer(a, t, n)`` the same with whole-layer symbols,
    ``gradient(a, t, n)`` ∂E_i/∂a; n is the number of outputs."""

    sample: Callable
    layer: Callable
    gradient: Callable


@dataclass(frozen=True)
class Loss:
    """One per-sample loss: E_i(a, t), ∂E_i/∂a, the output activation it fuses with, and how
    the lesson writes it.

    With its ``fused_activation`` on the output layer, δ_out = (a − t) exactly: the softmax
    Jacobian times −t/a, and sigmoid's a(1−a) times (a−t)/(a(1−a)), both collapse to it.
    ``squared`` is (c, g) for a squared error E_i = c·Σ(a − t)², ∂E_i/∂a = g·(a − t) (mse
    divides both by the number of outputs: ``per_output``), None for the others;
    ``columns_total(a, t, scratch)`` sums E_i over a batch laid out one column per sample.
    """

    name: str
    per_sample: Callable[[np.ndarray, np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray, np.ndarray], np.ndarray]
    notation: Notation
    title: str  # how a menu names it: the formula, then the name
    fused_activation: str | None = None
    squared: tuple[float, float] | None = None
    per_output: bool = False
    columns_total: Callable | None = None

    def squared_factors(self, n: int) -> tuple[float, float] | None:
        """(c, g) of a squared error for ``n`` outputs; None for the other losses."""
        if self.squared is None:
            return None
        if self.per_output:
            return 1.0 / n, 2.0 / n
        return self.squared

    def batch_total(self, a_columns, t_columns, scratch) -> float:
        """Σ over the batch of E_i, for a and t one column per sample, (n, batch)."""
        if self.columns_total is not None:
            return self.columns_total(a_columns, t_columns, scratch)
        return float(self.per_sample(a_columns.T, t_columns.T).sum())

    def output_delta(self, activation_name: str, z, a, t, activation) -> np.ndarray:
        """δ of the output layer per sample (before reduction), shape (batch, n_out)."""
        if activation_name == self.fused_activation:
            return a - t
        return activation.backward(z, a, self.gradient(a, t))


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss(
            "half_sse",
            _half_sse,
            _half_sse_grad,
            Notation(*_HALF, lambda a, t, n: _difference(a, t)),
            squared=(0.5, 1.0),
            title="½ Σ (a − t)²  (half_sse)",
        ),
        Loss(
            "sse",
            _sse,
            _sse_grad,
            Notation(*_WHOLE, lambda a, t, n: _difference(a, t, Constant(2.0, "2"))),
            squared=(1.0, 2.0),
            title="Σ (a − t)²  (sse)",
        ),
        Loss(
            "mse",
            _mse,
            _mse_grad,
            Notation(
                _MEAN_SAMPLE,
                _mean_layer,
                lambda a, t, n: _difference(a, t, Constant(2.0 / n, f"2/{n}" if n > 1 else "2")),
            ),
            squared=(1.0, 2.0),
            per_output=True,
            title="mean (a − t)²  (mse)",
        ),
        Loss(
            "cross_entropy",
            _cross_entropy,
            _cross_entropy_grad,
            Notation(
                _cross_entropy_sample,
                lambda a, t, n: [Operator("−Σ "), t, Operator("·log "), a],
                lambda a, t, n: [Operator("(−"), t, Operator(" / "), a, CLOSE],
            ),
            fused_activation="softmax",
            columns_total=_cross_entropy_columns,
            title="cross-entropy (softmax)",
        ),
        Loss(
            "binary_cross_entropy",
            _binary_cross_entropy,
            _binary_cross_entropy_grad,
            Notation(
                _binary_sample,
                lambda a, t, n: [Operator("−Σ[")] + _binary_terms(t, a) + [Operator(")]")],
                _binary_gradient,
            ),
            fused_activation="sigmoid",
            title="binary cross-entropy (sigmoid)",
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
