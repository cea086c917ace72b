"""What both kinds of step-through write: the pieces of formulas and prose they share.

A formula builder takes the trace's numbers (``engine.lesson.trace_data.TraceData``, called ``d``)
and a step record and returns ``(Formula, explanation)``; the builders are in
``engine.lesson.neuron_formulas`` (one neuron or parameter a step) and
``engine.lesson.layer_formulas`` (one layer a step). The stepper calls a builder only when a step is
first shown, so building the list of steps stays cheap. Here: the numbers as a learner reads them,
the mean reduction's 1/N, ∂E/∂a of the loss, and the optimizer's update w′ = w − η·(…), for one
parameter or a layer; and the sentences both write (an activation's, the loss's).

Every sentence is one whole template through ``engine.i18n.tr`` with named fields (Korean puts
the words in another order), its numbers filled in as ``fmt`` writes them.
"""

from __future__ import annotations

from engine.i18n import tr
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


def error_sign(error: float) -> int:
    """1 when an output a − t is too high, −1 too low, 0 on target: which sentence says it."""
    return (error > 0) - (error < 0)


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# what each activation does, said once for the forward pass and once for the check after the
# update: fields z (what it reads, "z" or a named neuron's net_y), output ("a" or y) and value
_ACTIVATION_SENTENCES = {
    ("identity", False): lambda **f: tr(
        "The identity activation passes {z} on unchanged: {output} = {value}.", **f),
    ("identity", True): lambda **f: tr(
        "With the new parameters, the identity activation passes {z} on unchanged: "
        "{output} = {value}.", **f),
    ("sigmoid", False): lambda **f: tr(
        "σ({z}) = 1/(1 + e^−{z}) squashes {z} into (0, 1): {output} = {value}.", **f),
    ("sigmoid", True): lambda **f: tr(
        "With the new parameters, σ({z}) = 1/(1 + e^−{z}) squashes {z} into (0, 1): "
        "{output} = {value}.", **f),
    ("tanh", False): lambda **f: tr(
        "tanh squashes {z} into (−1, 1): {output} = {value}.", **f),
    ("tanh", True): lambda **f: tr(
        "With the new parameters, tanh squashes {z} into (−1, 1): {output} = {value}.", **f),
    ("relu", False): lambda **f: tr(
        "ReLU keeps a positive {z} and turns {z} ≤ 0 into 0: {output} = {value}.", **f),
    ("relu", True): lambda **f: tr(
        "With the new parameters, ReLU keeps a positive {z} and turns {z} ≤ 0 into 0: "
        "{output} = {value}.", **f),
    ("leaky_relu", False): lambda **f: tr(
        "Leaky ReLU keeps a positive {z} and multiplies {z} ≤ 0 by 0.01: {output} = {value}.",
        **f),
    ("leaky_relu", True): lambda **f: tr(
        "With the new parameters, leaky ReLU keeps a positive {z} and multiplies {z} ≤ 0 by "
        "0.01: {output} = {value}.", **f),
    ("softmax", False): lambda **f: tr(
        "Softmax turns the outputs into probabilities (each in 0…1, summing to 1): "
        "{output} = {value}.", **f),
    ("softmax", True): lambda **f: tr(
        "With the new parameters, softmax turns the outputs into probabilities (each in 0…1, "
        "summing to 1): {output} = {value}.", **f),
}


def activation_sentence(activation: str, z: str, output: str, value, new: bool = False) -> str:
    """What ``activation`` does to ``z``, ending "``output`` = value." (``new``: after the
    update, "With the new parameters, …")."""
    return _ACTIVATION_SENTENCES[activation, new](z=z, output=output, value=fmt(value))


def loss_sentence(value) -> str:
    return tr("The loss measures how far the outputs are from the targets: E = {loss}.",
              loss=fmt(value))


def loss_after_update_sentence(value, before) -> str:
    return tr("After the update the loss is {loss} (it was {before}).", loss=fmt(value),
              before=fmt(before))


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
        prose = tr(
            "Adam, update {step}: m = β₁·m + (1 − β₁)·g = {m}, s = β₂·s + (1 − β₂)·g² = {s}; "
            "bias-corrected m̂ = {m_hat}, ŝ = {s_hat}; new value {new}.",
            step=int(d.scalar(Kind.STEP)), m=fmt(m), s=fmt(s), m_hat=fmt(m_hat.value),
            s_hat=fmt(s_hat.value), new=new,
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
        return formula, tr(
            "With momentum the velocity v = μ·v + ∂E/∂θ = {velocity} remembers earlier steps; "
            "the parameter moves by η·v to {new}.", velocity=fmt(velocity_new.value), new=new,
        )
    formula = Formula(lhs, ((old, MINUS, eta, TIMES, *gradient),))
    if not whole:
        step_size = eta.value * grad.value
        return formula, tr(
            "Step against the gradient: η·∂E/∂θ = {step}, so {difference} = {new}.",
            step=fmt(step_size), difference=term_text(old.value, MINUS, step_size), new=new,
        )
    return formula, tr("Every parameter of the layer steps against its gradient: {new}.",
                       new=new)
