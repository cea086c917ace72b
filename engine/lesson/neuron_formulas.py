"""How each kind of step is written neuron by neuron: its formula as structured terms, and
one line of prose (see ``engine.lesson.step_formulas`` for what a builder is).

``BUILDERS[step kind]`` picks the builder of a step of a neuron-by-neuron trace.
"""

from __future__ import annotations

from engine.i18n import tr
from engine.lesson.formula import CLOSE, MINUS, OPEN, PLUS, TIMES, Constant, Formula, Operator, join
from engine.lesson.quantities import Kind, Quantity, StepKind
from engine.lesson.step_formulas import (
    activation_sentence,
    error_sign,
    fmt,
    loss_after_update_sentence,
    loss_gradient_tokens,
    loss_sentence,
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
        return tr("neuron {label}", label=labels[neuron])
    return tr("neuron {neuron} of layer {layer}", neuron=neuron + 1, layer=layer + 1)


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
        prose = tr("With the new weights and bias, {neuron} sums to {value} (was {before}).",
                   neuron=name, value=fmt(step.value), before=fmt(old))
    else:
        prose = tr("{neuron} adds up each input times its weight, plus its bias: {sum} = {value}.",
                   neuron=sentence(name), sum=_sum_name(lhs), value=fmt(step.value))
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
    # "passes net_z on", never "passes z on: z = 4" where the output neuron is z
    z = _sum_name(z_symbols[j])
    return formula, activation_sentence(activation.name, z, output, step.value, new)


def _loss(d, step):
    new = step.quantity.kind.new
    if step.kind is StepKind.LOSS and d.batched:
        kind = Kind.NEW_SAMPLE_LOSS if new else Kind.SAMPLE_LOSS
        terms = join([[d.symbol(Quantity(kind, sample=s))] for s in range(d.batch)])
        if d.network.reduction == "mean":
            terms = [OPEN] + terms + [Operator(")/"), Constant(float(d.batch), str(d.batch))]
        tokens = tuple(terms)
        if d.network.reduction == "sum":
            prose = tr("Over a batch the loss is the sum of the per-sample losses: E = {loss}.",
                       loss=fmt(step.value))
        else:
            prose = tr("Over a batch the loss is the mean of the per-sample losses: E = {loss}.",
                       loss=fmt(step.value))
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
        prose = loss_after_update_sentence(step.value, d.loss)
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _loss_prose(d, sample, new: bool, value) -> str:
    last = len(d.network.layers) - 1
    if d.network.output_size == 1 and get_loss(d.network.loss).squared is not None:
        a_kind = Kind.NEW_ACTIVATION if new else Kind.ACTIVATION
        a = d.value_of(d.reference(a_kind, last, 0, sample))
        t = d.value_of(d.reference(Kind.TARGET, None, 0, sample))
        fields = {"error": fmt(abs(a - t)), "output": fmt(a), "target": fmt(t),
                  "loss": fmt(value)}
        return _LOSS_SENTENCES[error_sign(a - t)](**fields)
    return loss_sentence(value)


# the loss of one output against its target: too high, too low, on target
_LOSS_SENTENCES = {
    1: lambda **f: tr(
        "The output is {error} too high ({output} against the target {target}), so E = {loss}.",
        **f),
    -1: lambda **f: tr(
        "The output is {error} too low ({output} against the target {target}), so E = {loss}.",
        **f),
    0: lambda **f: tr(
        "The output is exactly on target ({output} against the target {target}), so E = {loss}.",
        **f),
}


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
    sign = error_sign(a.value - t.value)
    fields = {"error": fmt(abs(a.value - t.value)), "delta": fmt(step.value)}
    if loss.fused_activation == activation.name:
        formula = Formula(lhs, (with_scale(d, [a, MINUS, t]),))
        return formula, _FUSED_DELTA_SENTENCES[sign](
            activation=activation.name, loss=loss.name, **fields)
    slope = d.symbol(d.reference(Kind.SLOPE, layer, j, s))
    grad_a = d.symbol(d.reference(Kind.GRAD_ACTIVATION, layer, j, s))
    expanded = tuple(scale_tokens(d) + loss_gradient_tokens(d, a, t) + [TIMES, slope])
    formula = Formula(lhs, ((grad_a, TIMES, slope), expanded))
    with_gradient = grad_a.value != a.value - t.value
    with_slope = not activation.identity
    return formula, _OUTPUT_DELTA_SENTENCES[sign, with_gradient, with_slope](
        gradient=fmt(grad_a.value), slope=fmt(slope.value), **fields)


# δ of an output where softmax meets cross-entropy (or sigmoid binary cross-entropy)
_FUSED_DELTA_SENTENCES = {
    1: lambda **f: tr(
        "With {activation} and {loss} the chain rule collapses to δ = a − t: the output is "
        "{error} too high, so δ = {delta}.", **f),
    -1: lambda **f: tr(
        "With {activation} and {loss} the chain rule collapses to δ = a − t: the output is "
        "{error} too low, so δ = {delta}.", **f),
    0: lambda **f: tr(
        "With {activation} and {loss} the chain rule collapses to δ = a − t: the output is "
        "exactly on target, so δ = {delta}.", **f),
}
# δ of any other output: (too high / low / on target, ∂E/∂a ≠ a − t, a slope f′(z) to apply)
_OUTPUT_DELTA_SENTENCES = {
    (1, False, False): lambda **f: tr(
        "The output is {error} too high, so δ = {delta}.", **f),
    (1, True, False): lambda **f: tr(
        "The output is {error} too high, ∂E/∂a = {gradient}, so δ = {delta}.", **f),
    (1, False, True): lambda **f: tr(
        "The output is {error} too high, times the slope f′(z) = {slope}, so δ = {delta}.", **f),
    (1, True, True): lambda **f: tr(
        "The output is {error} too high, ∂E/∂a = {gradient}, times the slope f′(z) = {slope}, "
        "so δ = {delta}.", **f),
    (-1, False, False): lambda **f: tr(
        "The output is {error} too low, so δ = {delta}.", **f),
    (-1, True, False): lambda **f: tr(
        "The output is {error} too low, ∂E/∂a = {gradient}, so δ = {delta}.", **f),
    (-1, False, True): lambda **f: tr(
        "The output is {error} too low, times the slope f′(z) = {slope}, so δ = {delta}.", **f),
    (-1, True, True): lambda **f: tr(
        "The output is {error} too low, ∂E/∂a = {gradient}, times the slope f′(z) = {slope}, "
        "so δ = {delta}.", **f),
    (0, False, False): lambda **f: tr(
        "The output is exactly on target, so δ = {delta}.", **f),
    (0, True, False): lambda **f: tr(
        "The output is exactly on target, ∂E/∂a = {gradient}, so δ = {delta}.", **f),
    (0, False, True): lambda **f: tr(
        "The output is exactly on target, times the slope f′(z) = {slope}, so δ = {delta}.",
        **f),
    (0, True, True): lambda **f: tr(
        "The output is exactly on target, ∂E/∂a = {gradient}, times the slope f′(z) = {slope}, "
        "so δ = {delta}.", **f),
}


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
    with_slope = not get_activation(d.network.layers[layer].activation).identity
    return formula, _HIDDEN_DELTA_SENTENCES[outgoing == 1, with_slope](
        neuron=sentence(_neuron_name(d, layer, j)), count=outgoing, flow=fmt(flow),
        slope=fmt(slope.value), delta=fmt(step.value))


# δ of a hidden neuron: (one outgoing weight, a slope f′(z) to apply)
_HIDDEN_DELTA_SENTENCES = {
    (True, False): lambda **f: tr(
        "{neuron} gets the error back along its outgoing weight: Σ w·δ = {flow}, "
        "so δ = {delta}.", **f),
    (False, False): lambda **f: tr(
        "{neuron} gets the error back along its outgoing {count} weights: Σ w·δ = {flow}, "
        "so δ = {delta}.", **f),
    (True, True): lambda **f: tr(
        "{neuron} gets the error back along its outgoing weight: Σ w·δ = {flow}, times the "
        "slope f′(z) = {slope}, so δ = {delta}.", **f),
    (False, True): lambda **f: tr(
        "{neuron} gets the error back along its outgoing {count} weights: Σ w·δ = {flow}, "
        "times the slope f′(z) = {slope}, so δ = {delta}.", **f),
}


def _grad_activation(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    if layer == len(d.network.layers) - 1:
        a = d.symbol(d.reference(Kind.ACTIVATION, layer, j, s))
        t = d.symbol(d.reference(Kind.TARGET, None, j, s))
        gradient = loss_gradient_tokens(d, a, t)
        if gradient[0] == OPEN and gradient[-1] == CLOSE and d.scale == 1.0:
            gradient = gradient[1:-1]  # "a − t", not "(a − t)", when it stands alone
        tokens = tuple(scale_tokens(d) + gradient)
        prose = tr("How the loss changes with this output: ∂E/∂a = {value}.",
                   value=fmt(step.value))
    else:
        tokens = tuple(_backflow_tokens(d, layer, j, s))
        prose = tr("The error flowing back along the outgoing weights: Σ w·δ = {value}.",
                   value=fmt(step.value))
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _jacobian_delta(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    n = d.network.layers[layer].n_out
    a = [d.symbol(d.reference(Kind.ACTIVATION, layer, k, s)) for k in range(n)]
    g = [d.symbol(d.reference(Kind.GRAD_ACTIVATION, layer, k, s)) for k in range(n)]
    inner = join([[g[k], TIMES, a[k]] for k in range(n)])
    tokens = [a[j], Operator("·("), g[j], Operator(" − (")] + inner + [Operator("))")]
    prose = tr(
        "Every softmax output depends on every z, so δ uses the whole Jacobian: "
        "δ_j = a_j(∂E/∂a_j − Σ_k ∂E/∂a_k·a_k) = {value}.", value=fmt(step.value),
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
        prose = tr(
            "Summed over the {count} samples, each term δ × the value the weight carried "
            "(∂E/∂w = ∂E/∂b × input, sample by sample): ∂E/∂w = {value}.",
            count=d.batch, value=fmt(step.value),
        )
        return Formula(lhs, (tuple(join(groups)),)), prose
    wire = d.symbol(_input_ref(d, layer, i, None, False))
    delta = d.symbol(Quantity(Kind.DELTA, layer, j))
    grad_b = d.symbol(Quantity(Kind.GRAD_BIAS, layer, j))
    identity = (grad_b, TIMES, wire)
    formula = Formula(lhs, (identity, (delta, TIMES, wire)))
    grad_w_name, grad_b_name = (lhs.notation(), grad_b.notation()) if lhs.named \
        else ("∂E/∂w", "∂E/∂b")
    prose = tr(
        "The weight carried {wire} from {source}, so {grad_w} = {grad_b} × {wire} = "
        "{delta} × {wire} = {value}: the larger the value on the wire, the larger its share "
        "of the correction.", wire=fmt(wire.value), source=wire.notation(), grad_w=grad_w_name,
        grad_b=grad_b_name, delta=fmt(delta.value), value=fmt(step.value),
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
        return formula, tr("Summed over the {count} samples: ∂E/∂b = Σ δ = {value}.",
                           count=d.batch, value=fmt(step.value))
    lhs = formula.lhs.notation() if formula.lhs.named else "∂E/∂b"
    return formula, tr("A bias always carries 1 into its neuron, so {grad_b} = δ × 1 = {value}.",
                       grad_b=lhs, value=fmt(step.value))


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
        return Formula(lhs, ((old,),)), tr(
            "{parameter} is frozen: it stays {value} (its gradient {gradient} is shown but "
            "never applied).", parameter=old.notation(), value=fmt(old.value),
            gradient=fmt(grad.value),
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
