"""How each kind of step is written neuron by neuron: its formula as structured terms, and
one line of prose (see ``engine.lesson.step_formulas`` for what a builder is).

``BUILDERS[step kind]`` picks the builder of a step of a neuron-by-neuron trace.
"""

from __future__ import annotations

import re

from engine.lesson.formula import CLOSE, MINUS, OPEN, PLUS, TIMES, Constant, Formula, Operator, join
from engine.lesson.quantities import Kind, Quantity, StepKind
from engine.lesson.step_formulas import (
    error_phrase,
    fmt,
    loss_gradient_tokens,
    optimizer_formula,
    scale_tokens,
    sentence,
    with_scale,
)
from engine.model.activations import get_activation
from engine.model.losses import get_loss


def _neuron_name(d, layer: int, neuron: int) -> str:
    """The neuron as the canvas names it: its label, else by its 1-based number and layer."""
    labels = d.network.layers[layer].labels
    if labels and labels[neuron]:
        return f"neuron {labels[neuron]}"
    return f"neuron {neuron + 1} of layer {layer + 1}"


def _input_ref(d, layer: int, source: int, sample, new: bool) -> Quantity:
    """What the wire from ``source`` into ``layer`` carries: an input, or an activation."""
    if layer == 0:
        return d.reference(Kind.INPUT, None, source, sample)
    kind = Kind.NEW_ACTIVATION if new else Kind.ACTIVATION
    return d.reference(kind, layer - 1, source, sample)


def _pre_activation(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    new = step.quantity.kind.new
    w_kind, b_kind = (Kind.NEW_WEIGHT, Kind.NEW_BIAS) if new else (Kind.WEIGHT, Kind.BIAS)
    groups = [
        [d.symbol(Quantity(w_kind, layer, j, i)), TIMES, d.symbol(_input_ref(d, layer, i, s, new))]
        for i in range(d.network.layers[layer].n_in)
    ]
    tokens = join(groups) + [PLUS, d.symbol(Quantity(b_kind, layer, j))]
    lhs = d.symbol(step.quantity)
    formula = Formula(lhs, (tuple(tokens),))
    name = _neuron_name(d, layer, j)
    if new:
        old = d.value_of(d.reference(Kind.PRE_ACTIVATION, layer, j, s))
        prose = f"With the new weights and bias, {name} sums to {fmt(step.value)} (was {fmt(old)})."
    else:
        prose = (
            f"{sentence(name)} adds up each input times its weight, plus its bias: "
            f"{_sum_name(lhs)} = {fmt(step.value)}."
        )
    return formula, prose


def _sum_name(z) -> str:
    """The weighted sum as prose names it: "z", or a named neuron's "net_y" (never its label)."""
    return z.notation() if z.named else "z"


def activation_tokens(d, layer: int, z_symbols: list, j: int | None) -> tuple:
    """a = f(z) of neuron ``j`` (None: the whole layer) from the z symbols of its layer."""
    activation = get_activation(d.network.layers[layer].activation)
    if not activation.elementwise and j is not None:  # softmax: every z of the layer
        exps = [[Operator("exp("), z, CLOSE] for z in z_symbols]
        return tuple([Operator("exp("), z_symbols[j], Operator(") / (")] + join(exps) + [CLOSE])
    z = z_symbols[0] if j is None else z_symbols[j]
    before, after = activation.notation
    if not before:
        return (z,)
    return (Operator(before), z, Operator(after))


def _activation(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    new = step.quantity.kind.new
    z_kind = Kind.NEW_PRE_ACTIVATION if new else Kind.PRE_ACTIVATION
    n = d.network.layers[layer].n_out
    activation = get_activation(d.network.layers[layer].activation)
    if activation.elementwise:
        z_symbols = [None] * n
        z_symbols[j] = d.symbol(d.reference(z_kind, layer, j, s))
    else:
        z_symbols = [d.symbol(d.reference(z_kind, layer, k, s)) for k in range(n)]
    lhs = d.symbol(step.quantity)
    formula = Formula(lhs, (activation_tokens(d, layer, z_symbols, j),))
    output = lhs.notation() if lhs.named else "a"  # the seed's "y = 3", as the notes write it
    z = z_symbols[j]
    # "passes net_z on", never "passes z on: z = 4" where the output neuron is z
    said = re.sub(r"\bz\b", _sum_name(z), activation.prose) if z.named else activation.prose
    prose = f"{said}: {output} = {fmt(step.value)}."
    return formula, ("With the new parameters, " + prose[0].lower() + prose[1:]) if new else prose


def _loss(d, step):
    new = step.quantity.kind.new
    if step.kind is StepKind.LOSS and d.batched:
        kind = Kind.NEW_SAMPLE_LOSS if new else Kind.SAMPLE_LOSS
        terms = join([[d.symbol(Quantity(kind, sample=s))] for s in range(d.batch)])
        if d.network.reduction == "mean":
            terms = [OPEN] + terms + [Operator(")/"), Constant(float(d.batch), str(d.batch))]
        tokens = tuple(terms)
        how = "sum" if d.network.reduction == "sum" else "mean"
        prose = (
            f"Over a batch the loss is the {how} of the per-sample losses: E = {fmt(step.value)}."
        )
    else:
        a_kind = Kind.NEW_ACTIVATION if new else Kind.ACTIVATION
        last, n = len(d.network.layers) - 1, d.network.output_size
        pairs = [
            (
                d.symbol(d.reference(a_kind, last, j, step.sample)),
                d.symbol(d.reference(Kind.TARGET, None, j, step.sample)),
            )
            for j in range(n)
        ]
        tokens = tuple(get_loss(d.network.loss).notation.sample(pairs, n))
        prose = _loss_prose(d, step.sample, new, step.value)
    if new and step.kind is StepKind.LOSS:
        prose = f"After the update the loss is {fmt(step.value)} (it was {fmt(d.loss)})."
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _loss_prose(d, sample, new: bool, value) -> str:
    last = len(d.network.layers) - 1
    if d.network.output_size == 1 and get_loss(d.network.loss).squared is not None:
        a_kind = Kind.NEW_ACTIVATION if new else Kind.ACTIVATION
        a = d.value_of(d.reference(a_kind, last, 0, sample))
        t = d.value_of(d.reference(Kind.TARGET, None, 0, sample))
        return (
            f"The output is {error_phrase(a - t)} ({fmt(a)} against the target "
            f"{fmt(t)}), so E = {fmt(value)}."
        )
    return f"The loss measures how far the outputs are from the targets: E = {fmt(value)}."


def _delta(d, step):
    layer = step.layer
    if d.needs_grad_activation_steps(layer):
        return _jacobian_delta(d, step)
    if layer == len(d.network.layers) - 1:
        return _output_delta(d, step)
    return _hidden_delta(d, step)


def _output_delta(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    activation = get_activation(d.network.layers[layer].activation)
    loss = get_loss(d.network.loss)
    a = d.symbol(d.reference(Kind.ACTIVATION, layer, j, s))
    t = d.symbol(d.reference(Kind.TARGET, None, j, s))
    lhs = d.symbol(step.quantity)
    phrase = f"The output is {error_phrase(a.value - t.value)}"
    if loss.fused_activation == activation.name:
        formula = Formula(lhs, (with_scale(d, [a, MINUS, t]),))
        return formula, (
            f"With {activation.name} and {loss.name} the chain rule collapses to "
            f"δ = a − t: {phrase[0].lower()}{phrase[1:]}, so δ = {fmt(step.value)}."
        )
    slope = d.symbol(d.reference(Kind.SLOPE, layer, j, s))
    grad_a = d.symbol(d.reference(Kind.GRAD_ACTIVATION, layer, j, s))
    expanded = tuple(scale_tokens(d) + loss_gradient_tokens(d, a, t) + [TIMES, slope])
    formula = Formula(lhs, ((grad_a, TIMES, slope), expanded))
    if grad_a.value != a.value - t.value:
        phrase += f", ∂E/∂a = {fmt(grad_a.value)}"
    if not activation.identity:
        phrase += f", times the slope f′(z) = {fmt(slope.value)}"
    return formula, f"{phrase}, so δ = {fmt(step.value)}."


def _backflow_tokens(d, layer: int, j: int, sample) -> list:
    """Σ_k w_kj δ_k over the outgoing weights of neuron j of ``layer``."""
    above = layer + 1
    return join(
        [
            [
                d.symbol(Quantity(Kind.WEIGHT, above, k, j)),
                TIMES,
                d.symbol(d.reference(Kind.DELTA, above, k, sample)),
            ]
            for k in range(d.network.layers[above].n_out)
        ]
    )


def _hidden_delta(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    slope = d.symbol(d.reference(Kind.SLOPE, layer, j, s))
    tokens = [OPEN] + _backflow_tokens(d, layer, j, s) + [CLOSE, TIMES, slope]
    formula = Formula(d.symbol(step.quantity), (tuple(tokens),))
    flow = d.value_of(d.reference(Kind.GRAD_ACTIVATION, layer, j, s))
    outgoing = d.network.layers[layer + 1].n_out
    wires = "weight" if outgoing == 1 else f"{outgoing} weights"
    name = sentence(_neuron_name(d, layer, j))
    prose = f"{name} gets the error back along its outgoing {wires}: Σ w·δ = {fmt(flow)}"
    if not get_activation(d.network.layers[layer].activation).identity:
        prose += f", times the slope f′(z) = {fmt(slope.value)}"
    return formula, f"{prose}, so δ = {fmt(step.value)}."


def _grad_activation(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    if layer == len(d.network.layers) - 1:
        a = d.symbol(d.reference(Kind.ACTIVATION, layer, j, s))
        t = d.symbol(d.reference(Kind.TARGET, None, j, s))
        gradient = loss_gradient_tokens(d, a, t)
        if gradient[0] == OPEN and gradient[-1] == CLOSE and d.scale == 1.0:
            gradient = gradient[1:-1]  # "a − t", not "(a − t)", when it stands alone
        tokens = tuple(scale_tokens(d) + gradient)
        prose = f"How the loss changes with this output: ∂E/∂a = {fmt(step.value)}."
    else:
        tokens = tuple(_backflow_tokens(d, layer, j, s))
        prose = f"The error flowing back along the outgoing weights: Σ w·δ = {fmt(step.value)}."
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _jacobian_delta(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    n = d.network.layers[layer].n_out
    a = [d.symbol(d.reference(Kind.ACTIVATION, layer, k, s)) for k in range(n)]
    g = [d.symbol(d.reference(Kind.GRAD_ACTIVATION, layer, k, s)) for k in range(n)]
    inner = join([[g[k], TIMES, a[k]] for k in range(n)])
    tokens = [a[j], Operator("·("), g[j], Operator(" − (")] + inner + [Operator("))")]
    prose = (
        "Every softmax output depends on every z, so δ uses the whole Jacobian: "
        f"δ_j = a_j(∂E/∂a_j − Σ_k ∂E/∂a_k·a_k) = {fmt(step.value)}."
    )
    return Formula(d.symbol(step.quantity), (tuple(tokens),)), prose


def _grad_weight(d, step):
    layer, j, i = step.layer, step.neuron, step.source
    lhs = d.symbol(step.quantity)
    if d.batched:
        groups = [
            [
                d.symbol(d.reference(Kind.DELTA, layer, j, s)),
                TIMES,
                d.symbol(_input_ref(d, layer, i, s, False)),
            ]
            for s in range(d.batch)
        ]
        prose = (
            f"Summed over the {d.batch} samples, each term δ × the value the weight "
            f"carried (∂E/∂w = ∂E/∂b × input, sample by sample): ∂E/∂w = {fmt(step.value)}."
        )
        return Formula(lhs, (tuple(join(groups)),)), prose
    wire = d.symbol(_input_ref(d, layer, i, None, False))
    delta = d.symbol(Quantity(Kind.DELTA, layer, j))
    grad_b = d.symbol(Quantity(Kind.GRAD_BIAS, layer, j))
    identity = (grad_b, TIMES, wire)
    formula = Formula(lhs, (identity, (delta, TIMES, wire)))
    grad_w_name, grad_b_name = (lhs.notation(), grad_b.notation()) if lhs.named \
        else ("∂E/∂w", "∂E/∂b")
    prose = (
        f"The weight carried {fmt(wire.value)} from {wire.notation()}, so "
        f"{grad_w_name} = {grad_b_name} × {fmt(wire.value)} = {fmt(delta.value)} × "
        f"{fmt(wire.value)} = "
        f"{fmt(step.value)}: the larger the value on the wire, the larger its share of "
        "the correction."
    )
    return formula, prose


def _grad_bias(d, step):
    layer, j = step.layer, step.neuron
    deltas = [
        d.symbol(d.reference(Kind.DELTA, layer, j, s if d.batched else None))
        for s in range(d.batch)
    ]
    formula = Formula(d.symbol(step.quantity), (tuple(join([[x] for x in deltas])),))
    if d.batched:
        return formula, f"Summed over the {d.batch} samples: ∂E/∂b = Σ δ = {fmt(step.value)}."
    lhs = formula.lhs.notation() if formula.lhs.named else "∂E/∂b"
    return formula, (
        f"A bias always carries 1 into its neuron, so {lhs} = δ × 1 = {fmt(step.value)}."
    )


def _update(d, step):
    where = step.quantity
    parameter = Kind.WEIGHT if where.kind is Kind.NEW_WEIGHT else Kind.BIAS
    old = d.symbol(where.with_kind(parameter))
    gradient = Kind.GRAD_WEIGHT if parameter is Kind.WEIGHT else Kind.GRAD_BIAS
    grad = d.symbol(where.with_kind(gradient))
    lhs = d.symbol(where)
    layer = d.network.layers[where.layer]
    mask = layer.frozen_weights if parameter is Kind.WEIGHT else layer.frozen_biases
    if mask[old.subscripts]:
        return Formula(lhs, ((old,),)), (
            f"{old.notation()} is frozen: it stays {fmt(old.value)} (its gradient "
            f"{fmt(grad.value)} is shown but never applied)."
        )
    return optimizer_formula(d, parameter, where, lhs, old, grad, step.value)


BUILDERS = {
    StepKind.PRE_ACTIVATION: _pre_activation,
    StepKind.ACTIVATION: _activation,
    StepKind.LOSS: _loss,
    StepKind.SAMPLE_LOSS: _loss,
    StepKind.DELTA: _delta,
    StepKind.GRAD_ACTIVATION: _grad_activation,
    StepKind.GRAD_WEIGHT: _grad_weight,
    StepKind.GRAD_BIAS: _grad_bias,
    StepKind.UPDATE_WEIGHT: _update,
    StepKind.UPDATE_BIAS: _update,
}
