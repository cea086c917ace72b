"""How each kind of step is written one layer at a time: z = a Wᵀ + b, δ = (δ W) ⊙ f′(z), …,
as structured terms and one line of prose (see ``engine.lesson.step_formulas`` for what a builder
is).

``BUILDERS[step kind]`` picks the builder of a step of a layer-at-a-time trace.
"""

from __future__ import annotations

from engine.i18n import tr
from engine.lesson.formula import CLOSE, HADAMARD, MINUS, OPEN, PLUS, TIMES, Formula, Operator
from engine.lesson.neuron_formulas import activation_tokens
from engine.lesson.quantities import Kind, Quantity, StepKind
from engine.lesson.step_formulas import (
    activation_sentence,
    fmt,
    loss_after_update_sentence,
    loss_gradient_tokens,
    loss_sentence,
    optimizer_formula,
    scale_tokens,
    with_scale,
)
from engine.model.losses import get_loss


def _whole(kind: Kind, layer: int | None = None):
    return Quantity(kind, layer)


def _layer_input(d, layer: int, new: bool):
    if layer == 0:
        return d.symbol(_whole(Kind.INPUT))
    return d.symbol(_whole(Kind.NEW_ACTIVATION if new else Kind.ACTIVATION, layer - 1))


def _pre_activation(d, step):
    layer, new = step.layer, step.quantity.kind.new
    w_kind, b_kind = (Kind.NEW_WEIGHT, Kind.NEW_BIAS) if new else (Kind.WEIGHT, Kind.BIAS)
    tokens = (
        _layer_input(d, layer, new),
        TIMES,
        d.symbol(_whole(w_kind, layer)),
        Operator("ᵀ"),
        PLUS,
        d.symbol(_whole(b_kind, layer)),
    )
    prose = tr(
        "Layer {layer}: each neuron adds up its inputs times its weights, plus its bias: "
        "z = {value}.", layer=layer + 1, value=fmt(step.value),
    )
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _activation(d, step):
    layer, new = step.layer, step.quantity.kind.new
    z = d.symbol(_whole(Kind.NEW_PRE_ACTIVATION if new else Kind.PRE_ACTIVATION, layer))
    tokens = activation_tokens(d, layer, [z], None)
    prose = activation_sentence(d.network.layers[layer].activation, "z", "a", step.value)
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _loss(d, step):
    new = step.quantity.kind.new
    last = len(d.network.layers) - 1
    a = d.symbol(_whole(Kind.NEW_ACTIVATION if new else Kind.ACTIVATION, last))
    t = d.symbol(_whole(Kind.TARGET))
    tokens = get_loss(d.network.loss).notation.layer(a, t, d.network.output_size)
    if d.scale != 1.0:
        tokens = scale_tokens(d) + [OPEN, *tokens, CLOSE]
    if new:
        prose = loss_after_update_sentence(step.value, d.loss)
    else:
        prose = loss_sentence(step.value)
    return Formula(d.symbol(step.quantity), (tuple(tokens),)), prose


def _delta(d, step):
    layer = step.layer
    last = len(d.network.layers) - 1
    activation = d.network.layers[layer].activation
    lhs = d.symbol(step.quantity)
    if d.needs_grad_activation_steps(layer):
        a = d.symbol(_whole(Kind.ACTIVATION, layer))
        g = d.symbol(_whole(Kind.GRAD_ACTIVATION, layer))
        tokens = (a, Operator(" ⊙ ("), g, Operator(" − Σ("), g, HADAMARD, a, Operator("))"))
        return Formula(lhs, (tokens,)), tr(
            "Softmax: δ uses the whole Jacobian, δ_j = a_j(∂E/∂a_j − Σ_k ∂E/∂a_k·a_k) = "
            "{value}.", value=fmt(step.value),
        )
    if layer < last:
        slope = d.symbol(_whole(Kind.SLOPE, layer))
        tokens = (
            OPEN,
            d.symbol(_whole(Kind.DELTA, layer + 1)),
            TIMES,
            d.symbol(_whole(Kind.WEIGHT, layer + 1)),
            CLOSE,
            HADAMARD,
            slope,
        )
        return Formula(lhs, (tokens,)), tr(
            "The error flows back through the weights above, times each slope: δ = {value}.",
            value=fmt(step.value),
        )
    a, t = d.symbol(_whole(Kind.ACTIVATION, layer)), d.symbol(_whole(Kind.TARGET))
    loss = get_loss(d.network.loss)
    if loss.fused_activation == activation:
        return Formula(lhs, (with_scale(d, [a, MINUS, t]),)), tr(
            "With {activation} and {loss} the chain rule collapses to δ = a − t = {value}.",
            activation=activation, loss=loss.name, value=fmt(step.value),
        )
    slope = d.symbol(_whole(Kind.SLOPE, layer))
    expanded = tuple(scale_tokens(d) + loss_gradient_tokens(d, a, t) + [HADAMARD, slope])
    grad_a = d.symbol(_whole(Kind.GRAD_ACTIVATION, layer))
    formula = Formula(lhs, ((grad_a, HADAMARD, slope), expanded))
    return formula, tr("How much each output is off, times its slope: δ = {value}.",
                       value=fmt(step.value))


def _grad_activation(d, step):
    layer = step.layer
    if layer == len(d.network.layers) - 1:
        a, t = d.symbol(_whole(Kind.ACTIVATION, layer)), d.symbol(_whole(Kind.TARGET))
        tokens = tuple(scale_tokens(d) + loss_gradient_tokens(d, a, t))
    else:
        above = layer + 1
        tokens = (
            d.symbol(_whole(Kind.DELTA, above)), TIMES, d.symbol(_whole(Kind.WEIGHT, above))
        )
    return Formula(d.symbol(step.quantity), (tokens,)), tr(
        "How the loss changes with each output of the layer: ∂E/∂a = {value}.",
        value=fmt(step.value),
    )


def _grad_weight(d, step):
    layer = step.layer
    wire, delta = _layer_input(d, layer, False), d.symbol(_whole(Kind.DELTA, layer))
    product = (delta, Operator("ᵀ·"), wire)
    if d.batched:
        forms = (product,)
    else:
        forms = ((d.symbol(_whole(Kind.GRAD_BIAS, layer)), Operator("ᵀ·"), wire), product)
    if d.batched:
        prose = tr(
            "Row j, column i is δ_j × the value on the wire from i (∂E/∂w = ∂E/∂b × input), "
            "summed over the samples: {value}.", value=fmt(step.value),
        )
    else:
        prose = tr(
            "Row j, column i is δ_j × the value on the wire from i (∂E/∂w = ∂E/∂b × input): "
            "{value}.", value=fmt(step.value),
        )
    return Formula(d.symbol(step.quantity), forms), prose


def _grad_bias(d, step):
    delta = d.symbol(_whole(Kind.DELTA, step.layer))
    tokens = (Operator("Σₛ "), delta) if d.batched else (delta,)
    if d.batched:
        prose = tr("A bias carries 1, so ∂E/∂b = δ summed over the samples: {value}.",
                   value=fmt(step.value))
    else:
        prose = tr("A bias carries 1, so ∂E/∂b = δ: {value}.", value=fmt(step.value))
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _update(d, step):
    where = step.quantity
    weight = where.kind is Kind.NEW_WEIGHT
    parameter, gradient = (
        (Kind.WEIGHT, Kind.GRAD_WEIGHT) if weight else (Kind.BIAS, Kind.GRAD_BIAS)
    )
    formula, prose = optimizer_formula(
        d,
        parameter,
        where,
        d.symbol(where),
        d.symbol(where.with_kind(parameter)),
        d.symbol(where.with_kind(gradient)),
        step.value,
    )
    layer = d.network.layers[where.layer]
    frozen = int((layer.frozen_weights if weight else layer.frozen_biases).sum())
    if frozen == 1:
        prose += " " + tr("{count} frozen entry stays as it was.", count=frozen)
    elif frozen:
        prose += " " + tr("{count} frozen entries stay as it was.", count=frozen)
    return formula, prose


BUILDERS = {
    StepKind.PRE_ACTIVATION: _pre_activation,
    StepKind.ACTIVATION: _activation,
    StepKind.LOSS: _loss,
    StepKind.DELTA: _delta,
    StepKind.GRAD_ACTIVATION: _grad_activation,
    StepKind.GRAD_WEIGHT: _grad_weight,
    StepKind.GRAD_BIAS: _grad_bias,
    StepKind.UPDATE_WEIGHT: _update,
    StepKind.UPDATE_BIAS: _update,
}
