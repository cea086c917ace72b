"""What both kinds of step-through write: the pieces of formulas and prose they share.

A formula builder takes the trace's numbers (``engine.lesson.trace_data.TraceData``, called ``d``)
and a step record and returns ``(Formula, explanation)``; the builders are in
``engine.lesson.neuron_formulas`` (one neuron or parameter a step) and
``engine.lesson.layer_formulas`` (one layer a step). The stepper calls a builder only when a step is
first shown, so building the list of steps stays cheap. Here: the numbers as a learner reads them,
the mean reduction's 1/N, ∂E/∂a of the loss, and the optimizer's update w′ = w − η·(…), for one
parameter or a layer.
"""

from __future__ import annotations

from engine.lesson.formula import (
    CLOSE,
    HADAMARD,
    MINUS,
    OPEN,
    PLUS,
    TIMES,
    Constant,
    Formula,
    Operator,
    display_value,
    term_text,
)
from engine.lesson.quantities import Kind, Quantity
from engine.model.losses import get_loss


def fmt(value) -> str:
    return display_value(value)


def error_phrase(error: float) -> str:
    if error > 0:
        return f"{fmt(error)} too high"
    if error < 0:
        return f"{fmt(-error)} too low"
    return "exactly on target"


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def scale_tokens(d) -> list:
    """The mean reduction's 1/N in front of a batch's gradients (nothing for a sum or N = 1)."""
    if d.scale == 1.0:
        return []
    return [Constant(d.scale, f"1/{d.batch}"), TIMES]


def with_scale(d, tokens: list) -> tuple:
    scale = scale_tokens(d)
    return tuple(scale + [OPEN, *tokens, CLOSE] if scale else tokens)


def loss_gradient_tokens(d, a, t) -> list:
    """∂E_i/∂a written with the output symbol ``a`` and target symbol ``t``."""
    return get_loss(d.network.loss).notation.gradient(a, t, d.network.output_size)


def optimizer_formula(d, parameter: Kind, where: Quantity, lhs, old, grad, value):
    """The update w′ = w − η·(…) of the trace's optimizer, for one parameter or a whole layer.

    ``parameter`` is Kind.WEIGHT or Kind.BIAS; ``where`` names the parameter (or the layer);
    ``lhs``, ``old`` and ``grad`` are the symbols of w′, w and ∂E/∂w.
    """
    eta = d.symbol(Quantity(Kind.LEARNING_RATE))
    new = fmt(value)
    whole = where.neuron is None

    def state(kind: Kind) -> Quantity:
        return Quantity(kind, where.layer, where.neuron, where.source, None, parameter)

    if d.optimizer_name == "adam":
        m_hat = d.symbol(state(Kind.FIRST_MOMENT_HAT))
        s_hat = d.symbol(state(Kind.SECOND_MOMENT_HAT))
        m = d.value_of(state(Kind.NEW_FIRST_MOMENT))
        s = d.value_of(state(Kind.NEW_SECOND_MOMENT))
        tokens = (
            old,
            MINUS,
            eta,
            TIMES,
            m_hat,
            Operator(" / (√"),
            s_hat,
            PLUS,
            d.symbol(Quantity(Kind.EPSILON)),
            CLOSE,
        )
        prose = (
            f"Adam, update {int(d.scalar(Kind.STEP))}: m = β₁·m + (1 − β₁)·g = {fmt(m)}, "
            f"s = β₂·s + (1 − β₂)·g² = {fmt(s)}; bias-corrected m̂ = {fmt(m_hat.value)}, "
            f"ŝ = {fmt(s_hat.value)}; new value {new}."
        )
        return Formula(lhs, (tokens,)), prose
    gradient = [grad]
    if whole and d.network.layers[where.layer].has_frozen:
        gradient = [OPEN, grad, HADAMARD, d.symbol(state(Kind.FREE)), CLOSE]
    if d.momentum:
        velocity_new = d.symbol(state(Kind.NEW_VELOCITY))
        expanded = (
            old,
            MINUS,
            eta,
            Operator("·("),
            d.symbol(Quantity(Kind.MOMENTUM)),
            TIMES,
            d.symbol(state(Kind.VELOCITY)),
            PLUS,
            *gradient,
            CLOSE,
        )
        formula = Formula(lhs, ((old, MINUS, eta, TIMES, velocity_new), expanded))
        return formula, (
            f"With momentum the velocity v = μ·v + ∂E/∂θ = "
            f"{fmt(velocity_new.value)} remembers earlier steps; the parameter "
            f"moves by η·v to {new}."
        )
    formula = Formula(lhs, ((old, MINUS, eta, TIMES, *gradient),))
    if not whole:
        step_size = eta.value * grad.value
        return formula, (
            f"Step against the gradient: η·∂E/∂θ = {fmt(step_size)}, so "
            f"{term_text(old.value, MINUS, step_size)} = {new}."
        )
    return formula, f"Every parameter of the layer steps against its gradient: {new}."
