"""How each kind of step is written: its formula as structured terms, and one line of prose.

A builder takes the trace's numbers (``engine.trace_data.TraceData``) and a step record and
returns ``(Formula, explanation)``. The stepper calls a builder only when a step is first shown,
so building the list of steps stays cheap. ``BUILDERS[granularity][kind]`` picks the builder.
"""

from __future__ import annotations

from engine.formula import Constant, Formula, Operator, display_value
from engine.losses import get_loss

PLUS = Operator(" + ")
MINUS = Operator(" − ")
TIMES = Operator("·")
HADAMARD = Operator(" ⊙ ")
OPEN = Operator("(")
CLOSE = Operator(")")

_FUNCTIONS = {
    "identity": ("", ""),
    "sigmoid": ("σ(", ")"),
    "tanh": ("tanh(", ")"),
    "relu": ("max(0, ", ")"),
    "leaky_relu": ("leaky_relu(", ")"),
    "softmax": ("softmax(", ")"),
}
_ACTIVATION_PROSE = {
    "identity": "The identity activation passes z on unchanged",
    "sigmoid": "σ(z) = 1/(1 + e^−z) squashes z into (0, 1)",
    "tanh": "tanh squashes z into (−1, 1)",
    "relu": "ReLU keeps a positive z and turns z ≤ 0 into 0",
    "leaky_relu": "Leaky ReLU keeps a positive z and multiplies z ≤ 0 by 0.01",
    "softmax": "Softmax turns the outputs into probabilities (each in 0…1, summing to 1)",
}


def _fmt(value) -> str:
    return display_value(value)


def _join(groups, separator=PLUS) -> list:
    tokens = []
    for index, group in enumerate(groups):
        if index:
            tokens.append(separator)
        tokens.extend(group)
    return tokens


def _error_phrase(error: float) -> str:
    if error > 0:
        return f"{_fmt(error)} too high"
    if error < 0:
        return f"{_fmt(-error)} too low"
    return "exactly on target"


def _neuron_name(d, layer: int, neuron: int) -> str:
    """The neuron as the canvas names it: its label, else by its 1-based number and layer."""
    labels = d.network.layers[layer].labels
    if labels and labels[neuron]:
        return f"neuron {labels[neuron]}"
    return f"neuron {neuron + 1} of layer {layer + 1}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _scale_tokens(d) -> list:
    """The mean reduction's 1/N in front of a batch's gradients (nothing for a sum or N = 1)."""
    if d.scale == 1.0:
        return []
    return [Constant(d.scale, f"1/{d.batch}"), TIMES]


def _with_scale(d, tokens: list) -> tuple:
    scale = _scale_tokens(d)
    return tuple(scale + [OPEN, *tokens, CLOSE] if scale else tokens)


def _loss_gradient_tokens(d, a, t) -> list:
    """∂E_i/∂a written with the output symbol ``a`` and target symbol ``t``."""
    name, n = d.network.loss, d.network.output_size
    if name == "half_sse":
        return [OPEN, a, MINUS, t, CLOSE]
    if name == "sse":
        return [Constant(2.0, "2"), Operator("·("), a, MINUS, t, CLOSE]
    if name == "mse":
        return [Constant(2.0 / n, f"2/{n}" if n > 1 else "2"), Operator("·("), a, MINUS, t, CLOSE]
    if name == "cross_entropy":
        return [Operator("(−"), t, Operator(" / "), a, CLOSE]
    return [
        Operator("(("),
        a,
        MINUS,
        t,
        Operator(") / ("),
        a,
        Operator("·(1 − "),
        a,
        Operator(")))"),
    ]


# ----- neuron by neuron ----------------------------------------------------------------------
def _input_ref(d, layer: int, source: int, sample, new: bool) -> tuple:
    if layer == 0:
        return d.reference("x", source, sample=sample)
    return d.reference("a_new" if new else "a", layer - 1, source, sample=sample)


def _pre_activation(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    new = step.phase == "check"
    w_kind, b_kind = ("w_new", "b_new") if new else ("w", "b")
    groups = [
        [d.symbol((w_kind, layer, j, i)), TIMES, d.symbol(_input_ref(d, layer, i, s, new))]
        for i in range(d.network.layers[layer].n_in)
    ]
    tokens = _join(groups) + [PLUS, d.symbol((b_kind, layer, j))]
    formula = Formula(d.symbol(step.quantity), (tuple(tokens),))
    name = _neuron_name(d, layer, j)
    if new:
        old = d.value_of(d.reference("z", layer, j, sample=s))
        prose = (
            f"With the new weights and bias, {name} sums to {_fmt(step.value)} (was {_fmt(old)})."
        )
    else:
        prose = (
            f"{_sentence(name)} adds up each input times its weight, plus its bias: "
            f"z = {_fmt(step.value)}."
        )
    return formula, prose


def _activation_tokens(d, layer: int, z_symbols: list, j: int | None) -> tuple:
    activation = d.network.layers[layer].activation
    if activation == "softmax" and j is not None:
        exps = [[Operator("exp("), z, CLOSE] for z in z_symbols]
        return tuple([Operator("exp("), z_symbols[j], Operator(") / (")] + _join(exps) + [CLOSE])
    z = z_symbols[0] if j is None else z_symbols[j]
    before, after = _FUNCTIONS[activation]
    if not before:
        return (z,)
    return (Operator(before), z, Operator(after))


def _activation(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    new = step.phase == "check"
    z_kind = "z_new" if new else "z"
    n = d.network.layers[layer].n_out
    if d.network.layers[layer].activation == "softmax":
        z_symbols = [d.symbol(d.reference(z_kind, layer, k, sample=s)) for k in range(n)]
    else:
        z_symbols = [None] * n
        z_symbols[j] = d.symbol(d.reference(z_kind, layer, j, sample=s))
    lhs = d.symbol(step.quantity)
    formula = Formula(lhs, (_activation_tokens(d, layer, z_symbols, j),))
    output = lhs.notation() if lhs.named else "a"  # the seed's "y = 3", as the notes write it
    activation = d.network.layers[layer].activation
    prose = f"{_ACTIVATION_PROSE[activation]}: {output} = {_fmt(step.value)}."
    return formula, ("With the new parameters, " + prose[0].lower() + prose[1:]) if new else prose


def _sample_loss_tokens(d, sample, new: bool) -> list:
    last, n = len(d.network.layers) - 1, d.network.output_size
    a_kind = "a_new" if new else "a"
    pairs = [
        (
            d.symbol(d.reference(a_kind, last, j, sample=sample)),
            d.symbol(d.reference("t", j, sample=sample)),
        )
        for j in range(n)
    ]
    name = d.network.loss
    if name == "cross_entropy":
        return [Operator("−(")] + _join([[t, Operator("·log "), a] for a, t in pairs]) + [CLOSE]
    if name == "binary_cross_entropy":
        terms = [
            [t, Operator("·log "), a, Operator(" + (1 − "), t, Operator(")·log(1 − "), a, CLOSE]
            for a, t in pairs
        ]
        return [Operator("−[")] + _join(terms) + [Operator("]")]
    body = _join([[OPEN, a, MINUS, t, Operator(")²")] for a, t in pairs])
    if n > 1:
        body = [Operator("[")] + body + [Operator("]")]
    if name == "half_sse":
        return [Constant(0.5, "½"), TIMES] + body
    if name == "mse" and n > 1:
        return [Constant(1.0 / n, f"1/{n}"), TIMES] + body
    return body


def _loss(d, step):
    new = step.phase == "check"
    if step.kind == "loss" and d.batched:
        kind = "sample_loss_new" if new else "sample_loss"
        terms = _join([[d.symbol((kind, s))] for s in range(d.batch)])
        if d.network.reduction == "mean":
            terms = [OPEN] + terms + [Operator(")/"), Constant(float(d.batch), str(d.batch))]
        tokens = tuple(terms)
        how = "sum" if d.network.reduction == "sum" else "mean"
        prose = (
            f"Over a batch the loss is the {how} of the per-sample losses: E = {_fmt(step.value)}."
        )
    else:
        tokens = tuple(_sample_loss_tokens(d, step.sample, new))
        prose = _loss_prose(d, step.sample, new, step.value)
    if new and step.kind == "loss":
        prose = f"After the update the loss is {_fmt(step.value)} (it was {_fmt(d.loss)})."
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _loss_prose(d, sample, new: bool, value) -> str:
    last = len(d.network.layers) - 1
    if d.network.output_size == 1 and d.network.loss in ("half_sse", "sse", "mse"):
        a = d.value_of(d.reference("a_new" if new else "a", last, 0, sample=sample))
        t = d.value_of(d.reference("t", 0, sample=sample))
        return (
            f"The output is {_error_phrase(a - t)} ({_fmt(a)} against the target "
            f"{_fmt(t)}), so E = {_fmt(value)}."
        )
    return f"The loss measures how far the outputs are from the targets: E = {_fmt(value)}."


def _delta(d, step):
    layer = step.layer
    if d.needs_grad_activation_steps(layer):
        return _jacobian_delta(d, step)
    if layer == len(d.network.layers) - 1:
        return _output_delta(d, step)
    return _hidden_delta(d, step)


def _output_delta(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    activation = d.network.layers[layer].activation
    loss = get_loss(d.network.loss)
    a = d.symbol(d.reference("a", layer, j, sample=s))
    t = d.symbol(d.reference("t", j, sample=s))
    lhs = d.symbol(step.quantity)
    phrase = f"The output is {_error_phrase(a.value - t.value)}"
    if loss.fused_activation == activation:
        formula = Formula(lhs, (_with_scale(d, [a, MINUS, t]),))
        return formula, (
            f"With {activation} and {loss.name} the chain rule collapses to "
            f"δ = a − t: {phrase[0].lower()}{phrase[1:]}, so δ = {_fmt(step.value)}."
        )
    slope = d.symbol(d.reference("slope", layer, j, sample=s))
    grad_a = d.symbol(d.reference("grad_a", layer, j, sample=s))
    expanded = tuple(_scale_tokens(d) + _loss_gradient_tokens(d, a, t) + [TIMES, slope])
    formula = Formula(lhs, ((grad_a, TIMES, slope), expanded))
    if grad_a.value != a.value - t.value:
        phrase += f", ∂E/∂a = {_fmt(grad_a.value)}"
    if activation != "identity":
        phrase += f", times the slope f′(z) = {_fmt(slope.value)}"
    return formula, f"{phrase}, so δ = {_fmt(step.value)}."


def _backflow_tokens(d, layer: int, j: int, sample) -> list:
    """Σ_k w_kj δ_k over the outgoing weights of neuron j of ``layer``."""
    above = layer + 1
    return _join(
        [
            [
                d.symbol(("w", above, k, j)),
                TIMES,
                d.symbol(d.reference("delta", above, k, sample=sample)),
            ]
            for k in range(d.network.layers[above].n_out)
        ]
    )


def _hidden_delta(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    slope = d.symbol(d.reference("slope", layer, j, sample=s))
    tokens = [OPEN] + _backflow_tokens(d, layer, j, s) + [CLOSE, TIMES, slope]
    formula = Formula(d.symbol(step.quantity), (tuple(tokens),))
    flow = d.value_of(d.reference("grad_a", layer, j, sample=s))
    outgoing = d.network.layers[layer + 1].n_out
    wires = "weight" if outgoing == 1 else f"{outgoing} weights"
    name = _sentence(_neuron_name(d, layer, j))
    prose = f"{name} gets the error back along its outgoing {wires}: Σ w·δ = {_fmt(flow)}"
    if d.network.layers[layer].activation != "identity":
        prose += f", times the slope f′(z) = {_fmt(slope.value)}"
    return formula, f"{prose}, so δ = {_fmt(step.value)}."


def _grad_activation(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    if layer == len(d.network.layers) - 1:
        a = d.symbol(d.reference("a", layer, j, sample=s))
        t = d.symbol(d.reference("t", j, sample=s))
        gradient = _loss_gradient_tokens(d, a, t)
        if gradient[0] == OPEN and gradient[-1] == CLOSE and d.scale == 1.0:
            gradient = gradient[1:-1]  # "a − t", not "(a − t)", when it stands alone
        tokens = tuple(_scale_tokens(d) + gradient)
        prose = f"How the loss changes with this output: ∂E/∂a = {_fmt(step.value)}."
    else:
        tokens = tuple(_backflow_tokens(d, layer, j, s))
        prose = f"The error flowing back along the outgoing weights: Σ w·δ = {_fmt(step.value)}."
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _jacobian_delta(d, step):
    layer, j, s = step.layer, step.neuron, step.sample
    n = d.network.layers[layer].n_out
    a = [d.symbol(d.reference("a", layer, k, sample=s)) for k in range(n)]
    g = [d.symbol(d.reference("grad_a", layer, k, sample=s)) for k in range(n)]
    inner = _join([[g[k], TIMES, a[k]] for k in range(n)])
    tokens = [a[j], Operator("·("), g[j], Operator(" − (")] + inner + [Operator("))")]
    prose = (
        "Every softmax output depends on every z, so δ uses the whole Jacobian: "
        f"δ_j = a_j(∂E/∂a_j − Σ_k ∂E/∂a_k·a_k) = {_fmt(step.value)}."
    )
    return Formula(d.symbol(step.quantity), (tuple(tokens),)), prose


def _grad_weight(d, step):
    layer, j, i = step.layer, step.neuron, step.source
    lhs = d.symbol(step.quantity)
    if d.batched:
        groups = [
            [
                d.symbol(d.reference("delta", layer, j, sample=s)),
                TIMES,
                d.symbol(_input_ref(d, layer, i, s, False)),
            ]
            for s in range(d.batch)
        ]
        prose = (
            f"Summed over the {d.batch} samples, each term δ × the value the weight "
            f"carried (∂E/∂w = ∂E/∂b × input, sample by sample): ∂E/∂w = {_fmt(step.value)}."
        )
        return Formula(lhs, (tuple(_join(groups)),)), prose
    wire = d.symbol(_input_ref(d, layer, i, None, False))
    delta = d.symbol(("delta", layer, j))
    identity = (d.symbol(("grad_b", layer, j)), TIMES, wire)
    formula = Formula(lhs, (identity, (delta, TIMES, wire)))
    prose = (
        f"The weight carried {_fmt(wire.value)} from {wire.notation()}, so "
        f"∂E/∂w = ∂E/∂b × {_fmt(wire.value)} = {_fmt(delta.value)} × {_fmt(wire.value)} = "
        f"{_fmt(step.value)}: the larger the value on the wire, the larger its share of "
        "the correction."
    )
    return formula, prose


def _grad_bias(d, step):
    layer, j = step.layer, step.neuron
    deltas = [
        d.symbol(d.reference("delta", layer, j, sample=s if d.batched else None))
        for s in range(d.batch)
    ]
    formula = Formula(d.symbol(step.quantity), (tuple(_join([[x] for x in deltas])),))
    if d.batched:
        return formula, f"Summed over the {d.batch} samples: ∂E/∂b = Σ δ = {_fmt(step.value)}."
    return formula, (
        f"A bias always carries 1 into its neuron, so ∂E/∂b = δ × 1 = {_fmt(step.value)}."
    )


def _update(d, step):
    param = "w" if step.kind == "update_weight" else "b"
    layer = step.layer
    indices = (step.neuron, step.source) if param == "w" else (step.neuron,)
    old = d.symbol((param, layer, *indices))
    grad = d.symbol(("grad_" + param, layer, *indices))
    lhs = d.symbol(step.quantity)
    mask = (
        d.network.layers[layer].frozen_weights
        if param == "w"
        else d.network.layers[layer].frozen_biases
    )
    if mask[indices]:
        return Formula(lhs, ((old,),)), (
            f"{old.notation()} is frozen: it stays {_fmt(old.value)} (its gradient "
            f"{_fmt(grad.value)} is shown but never applied)."
        )
    return _optimizer_formula(d, param, layer, indices, lhs, old, grad, step.value)


def _optimizer_formula(d, param, layer, indices, lhs, old, grad, value):
    """The update w′ = w − η·(…) of the trace's optimizer, for one parameter or a whole layer."""
    eta = d.symbol(("learning_rate",))
    new = _fmt(value)
    if d.optimizer_name == "adam":
        m_hat = d.symbol(("first_moment_hat", param, layer, *indices))
        s_hat = d.symbol(("second_moment_hat", param, layer, *indices))
        m = d.value_of(("first_moment_new", param, layer, *indices))
        s = d.value_of(("second_moment_new", param, layer, *indices))
        tokens = (
            old,
            MINUS,
            eta,
            TIMES,
            m_hat,
            Operator(" / (√"),
            s_hat,
            PLUS,
            d.symbol(("epsilon",)),
            CLOSE,
        )
        prose = (
            f"Adam, update {int(d.scalar('step'))}: m = β₁·m + (1 − β₁)·g = {_fmt(m)}, "
            f"s = β₂·s + (1 − β₂)·g² = {_fmt(s)}; bias-corrected m̂ = {_fmt(m_hat.value)}, "
            f"ŝ = {_fmt(s_hat.value)}; new value {new}."
        )
        return Formula(lhs, (tokens,)), prose
    gradient = [grad] if not indices else [grad]
    if not indices and d.network.layers[layer].has_frozen:
        gradient = [OPEN, grad, HADAMARD, d.symbol(("free", param, layer)), CLOSE]
    if d.momentum:
        velocity_new = d.symbol(("velocity_new", param, layer, *indices))
        expanded = (
            old,
            MINUS,
            eta,
            Operator("·("),
            d.symbol(("momentum",)),
            TIMES,
            d.symbol(("velocity", param, layer, *indices)),
            PLUS,
            *gradient,
            CLOSE,
        )
        formula = Formula(lhs, ((old, MINUS, eta, TIMES, velocity_new), expanded))
        return formula, (
            f"With momentum the velocity v = μ·v + ∂E/∂θ = "
            f"{_fmt(velocity_new.value)} remembers earlier steps; the parameter "
            f"moves by η·v to {new}."
        )
    formula = Formula(lhs, ((old, MINUS, eta, TIMES, *gradient),))
    if indices:
        step_size = eta.value * grad.value
        return formula, (
            f"Step against the gradient: η·∂E/∂θ = {_fmt(step_size)}, so "
            f"{_fmt(old.value)} − {_fmt(step_size)} = {new}."
        )
    return formula, f"Every parameter of the layer steps against its gradient: {new}."


# ----- layer at a time -----------------------------------------------------------------------
def _layer_input(d, layer: int, new: bool):
    if layer == 0:
        return d.symbol(("x",))
    return d.symbol(("a_new" if new else "a", layer - 1))


def _layer_pre_activation(d, step):
    layer, new = step.layer, step.phase == "check"
    w_kind, b_kind = ("w_new", "b_new") if new else ("w", "b")
    tokens = (
        _layer_input(d, layer, new),
        TIMES,
        d.symbol((w_kind, layer)),
        Operator("ᵀ"),
        PLUS,
        d.symbol((b_kind, layer)),
    )
    prose = (
        f"Layer {layer + 1}: each neuron adds up its inputs times its weights, plus its "
        f"bias: z = {_fmt(step.value)}."
    )
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _layer_activation(d, step):
    layer, new = step.layer, step.phase == "check"
    z = d.symbol(("z_new" if new else "z", layer))
    tokens = _activation_tokens(d, layer, [z], None)
    prose = f"{_ACTIVATION_PROSE[d.network.layers[layer].activation]}: a = {_fmt(step.value)}."
    return Formula(d.symbol(step.quantity), (tokens,)), prose


def _layer_loss(d, step):
    new = step.phase == "check"
    last = len(d.network.layers) - 1
    a, t = d.symbol(("a_new" if new else "a", last)), d.symbol(("t",))
    name, n = d.network.loss, d.network.output_size
    if name == "cross_entropy":
        tokens = [Operator("−Σ "), t, Operator("·log "), a]
    elif name == "binary_cross_entropy":
        tokens = [
            Operator("−Σ["),
            t,
            Operator("·log "),
            a,
            Operator(" + (1 − "),
            t,
            Operator(")·log(1 − "),
            a,
            Operator(")]"),
        ]
    else:
        tokens = [Operator("Σ("), a, MINUS, t, Operator(")²")]
        if name == "half_sse":
            tokens = [Constant(0.5, "½"), TIMES] + tokens
        elif name == "mse" and n > 1:
            tokens += [Operator("/"), Constant(float(n), str(n))]
    if d.scale != 1.0:
        tokens = _scale_tokens(d) + [OPEN, *tokens, CLOSE]
    if new:
        prose = f"After the update the loss is {_fmt(step.value)} (it was {_fmt(d.loss)})."
    else:
        prose = (
            f"The loss measures how far the outputs are from the targets: E = {_fmt(step.value)}."
        )
    return Formula(d.symbol(step.quantity), (tuple(tokens),)), prose


def _layer_delta(d, step):
    layer = step.layer
    last = len(d.network.layers) - 1
    activation = d.network.layers[layer].activation
    lhs = d.symbol(step.quantity)
    if d.needs_grad_activation_steps(layer):
        a, g = d.symbol(("a", layer)), d.symbol(("grad_a", layer))
        tokens = (a, Operator(" ⊙ ("), g, Operator(" − Σ("), g, HADAMARD, a, Operator("))"))
        prose = "Softmax: δ uses the whole Jacobian, δ_j = a_j(∂E/∂a_j − Σ_k ∂E/∂a_k·a_k)."
        return Formula(lhs, (tokens,)), f"{prose[:-1]} = {_fmt(step.value)}."
    if layer < last:
        slope = d.symbol(("slope", layer))
        tokens = (
            OPEN,
            d.symbol(("delta", layer + 1)),
            TIMES,
            d.symbol(("w", layer + 1)),
            CLOSE,
            HADAMARD,
            slope,
        )
        return Formula(lhs, (tokens,)), (
            f"The error flows back through the weights above, times each slope: δ = "
            f"{_fmt(step.value)}."
        )
    a, t = d.symbol(("a", layer)), d.symbol(("t",))
    loss = get_loss(d.network.loss)
    if loss.fused_activation == activation:
        return Formula(lhs, (_with_scale(d, [a, MINUS, t]),)), (
            f"With {activation} and {loss.name} the chain rule collapses to δ = a − t = "
            f"{_fmt(step.value)}."
        )
    slope = d.symbol(("slope", layer))
    expanded = tuple(_scale_tokens(d) + _loss_gradient_tokens(d, a, t) + [HADAMARD, slope])
    formula = Formula(lhs, ((d.symbol(("grad_a", layer)), HADAMARD, slope), expanded))
    return formula, f"How much each output is off, times its slope: δ = {_fmt(step.value)}."


def _layer_grad_activation(d, step):
    layer = step.layer
    if layer == len(d.network.layers) - 1:
        a, t = d.symbol(("a", layer)), d.symbol(("t",))
        tokens = tuple(_scale_tokens(d) + _loss_gradient_tokens(d, a, t))
    else:
        tokens = (d.symbol(("delta", layer + 1)), TIMES, d.symbol(("w", layer + 1)))
    return Formula(d.symbol(step.quantity), (tokens,)), (
        f"How the loss changes with each output of the layer: ∂E/∂a = {_fmt(step.value)}."
    )


def _layer_grad_weight(d, step):
    layer = step.layer
    wire, delta = _layer_input(d, layer, False), d.symbol(("delta", layer))
    product = (delta, Operator("ᵀ·"), wire)
    forms = (
        (product,) if d.batched else ((d.symbol(("grad_b", layer)), Operator("ᵀ·"), wire), product)
    )
    prose = (
        "Row j, column i is δ_j × the value on the wire from i (∂E/∂w = ∂E/∂b × input)"
        + (", summed over the samples" if d.batched else "")
        + f": {_fmt(step.value)}."
    )
    return Formula(d.symbol(step.quantity), forms), prose


def _layer_grad_bias(d, step):
    delta = d.symbol(("delta", step.layer))
    tokens = (Operator("Σₛ "), delta) if d.batched else (delta,)
    return Formula(d.symbol(step.quantity), (tokens,)), (
        f"A bias carries 1, so ∂E/∂b = δ{' summed over the samples' if d.batched else ''}: "
        f"{_fmt(step.value)}."
    )


def _layer_update(d, step):
    param = "w" if step.kind == "update_weight" else "b"
    layer = step.layer
    formula, prose = _optimizer_formula(
        d,
        param,
        layer,
        (),
        d.symbol(step.quantity),
        d.symbol((param, layer)),
        d.symbol(("grad_" + param, layer)),
        step.value,
    )
    layer_obj = d.network.layers[layer]
    frozen = int((layer_obj.frozen_weights if param == "w" else layer_obj.frozen_biases).sum())
    if frozen:
        prose += f" {frozen} frozen {'entry stays' if frozen == 1 else 'entries stay'} as it was."
    return formula, prose


BUILDERS = {
    "neuron": {
        "pre_activation": _pre_activation,
        "activation": _activation,
        "loss": _loss,
        "sample_loss": _loss,
        "delta": _delta,
        "grad_activation": _grad_activation,
        "grad_weight": _grad_weight,
        "grad_bias": _grad_bias,
        "update_weight": _update,
        "update_bias": _update,
    },
    "layer": {
        "pre_activation": _layer_pre_activation,
        "activation": _layer_activation,
        "loss": _layer_loss,
        "delta": _layer_delta,
        "grad_activation": _layer_grad_activation,
        "grad_weight": _layer_grad_weight,
        "grad_bias": _layer_grad_bias,
        "update_weight": _layer_update,
        "update_bias": _layer_update,
    },
}
