"""Export as a NumPy script: the same training in about a page of plain numpy, for reading.

The forward and backward passes are written out as the step-through shows them, for a batch of
rows: z = a Wᵀ + b and a = f(z) layer by layer; δ = ∂E/∂a ⊙ f′(z) at the output (a − t when
the loss fuses with the output's activation, the full Jacobian for softmax otherwise), then
δ = (δ W) ⊙ f′(z) going back, with ∂E/∂W = δᵀ a and ∂E/∂b = Σ δ over the batch; then the
optimizer's update as :mod:`engine.training.optimizers` writes it. Only the activations, loss and
optimizer the network uses appear in the script. See :mod:`engine.files.export_script` for the rest.
"""

from __future__ import annotations

import os

from engine.files.export_script import (
    assemble,
    docstring,
    exported_document,
    exported_run,
    has_frozen,
    loss_text,
    write_script,
)
from engine.model.activations import LEAKY_SLOPE, get_activation
from engine.model.experiment import Experiment
from engine.model.losses import LOG_FLOOR, get_loss

IMPORTS = """import argparse
import itertools
import json
import sys

import numpy as np
"""

# each activation: f(z) and its slope f′(z), given z and a = f(z) (softmax has no slope of its
# own: its Jacobian is applied in backward)
ACTIVATIONS = {
    "identity": ("z", "np.ones_like(z)"),
    "sigmoid": ("np.exp(-np.logaddexp(0.0, -z))  # as exp(−log(1 + e^−z)): never overflows",
                "a * (1.0 - a)"),
    "tanh": ("np.tanh(z)", "1.0 - a * a"),
    "relu": ("np.maximum(z, 0.0)", "(z > 0.0) * 1.0  # f′(0) = 0"),
    "leaky_relu": (f"np.where(z > 0.0, z, {LEAKY_SLOPE!r} * z)",
                   f"np.where(z > 0.0, 1.0, {LEAKY_SLOPE!r})"),
    "softmax": ("np.exp(z - z.max(axis=1, keepdims=True))\n"
                "    return e / e.sum(axis=1, keepdims=True)", None),
}

PER_SAMPLE = {
    "half_sse": "0.5 * ((a - t) ** 2).sum(axis=1)",
    "sse": "((a - t) ** 2).sum(axis=1)",
    "mse": "((a - t) ** 2).mean(axis=1)",
    "cross_entropy": "-(t * log(a)).sum(axis=1)",
    "binary_cross_entropy": "-(t * log(a) + (1.0 - t) * log(1.0 - a)).sum(axis=1)",
}
GRADIENT = {"half_sse": "(a - t)", "sse": "2.0 * (a - t)", "mse": "2.0 / a.shape[1] * (a - t)"}

LOG = f'''

def log(x):
    """The natural log, clamped at {LOG_FLOOR!r} (as PyTorch's BCELoss), so that 0·log 0 = 0."""
    with np.errstate(divide="ignore"):
        return np.maximum(np.log(x), {LOG_FLOOR!r})
'''

OPTIMIZERS = {
    "sgd": '''

def update(parameters, gradients, state):
    """Gradient descent with momentum μ, as PyTorch: v ← μ v + ∂E/∂θ, θ ← θ − η v."""
    training = NETWORK_FILE["training"]
    velocity = [
        training["momentum"] * v + g for v, g in zip(state["velocity"], gradients, strict=True)
    ]
    new = [p - training["learning_rate"] * v for p, v in zip(parameters, velocity, strict=True)]
    return new, {"velocity": velocity}


def initial_state(parameters):
    """The velocity v: the saved run's (RUN), else 0."""
    if RUN is not None and "velocity" in RUN:
        return {"velocity": saved_arrays("velocity", [p.shape for p in parameters])}
    return {"velocity": [np.zeros_like(p) for p in parameters]}
''',
    "adam": '''

def update(parameters, gradients, state):
    """Adam, as PyTorch, at step t: m ← β₁ m + (1 − β₁) g, s ← β₂ s + (1 − β₂) g², and
    θ ← θ − η / (1 − β₁ᵗ) · m / (√s / √(1 − β₂ᵗ) + ε)."""
    training = NETWORK_FILE["training"]
    beta1, beta2, t = training["beta1"], training["beta2"], state["t"] + 1
    m = [beta1 * old + (1.0 - beta1) * g for old, g in zip(state["m"], gradients, strict=True)]
    s = [beta2 * old + (1.0 - beta2) * g * g for old, g in zip(state["s"], gradients, strict=True)]
    step_size = training["learning_rate"] / (1.0 - beta1**t)
    new = [
        p - m_p / (np.sqrt(s_p) / np.sqrt(1.0 - beta2**t) + training["epsilon"]) * step_size
        for p, m_p, s_p in zip(parameters, m, s, strict=True)
    ]
    return new, {"m": m, "s": s, "t": t}


def initial_state(parameters):
    """Adam goes on from the saved run's m, s and t (RUN), else starts at t = 0, m = s = 0."""
    if RUN is not None:
        shapes = [p.shape for p in parameters]
        m, s = saved_arrays("first_moment", shapes), saved_arrays("second_moment", shapes)
        return {"m": m, "s": s, "t": RUN["adam_steps"]}
    zeros = [np.zeros_like(p) for p in parameters]
    return {"m": zeros, "s": zeros, "t": 0}
''',
}
FREEZE = """
        for gradient, mask in zip(gradients, frozen, strict=True):
            gradient[mask] = 0.0  # frozen: no gradient, so neither it nor its state moves"""

PASSES = '''

def loss_function(a, t):
    """E of a batch (rows): {loss_text}."""
    per_sample = {per_sample}
    return per_sample.{reduction}()


def forward(parameters, x):
    """a⁰ = x, then layer by layer z = a Wᵀ + b and a = f(z); returns [z¹, z², …], [a⁰, a¹, …]."""
    zs, activations = [], [x]
    for weights, biases, f in zip(parameters[0::2], parameters[1::2], FUNCTIONS, strict=True):
        zs.append(activations[-1] @ weights.T + biases)
        activations.append(f(zs[-1]))
    return zs, activations


def backward(parameters, zs, activations, t):
    """δ = ∂E/∂z of each layer, last first, and from it ∂E/∂W = δᵀ a and ∂E/∂b = Σ δ over the
    batch (a: the layer's input); returns the gradients in the order of ``parameters``."""
    z, a = zs[-1], activations[-1]
    scale = {scale}
    {output_delta}
    gradients = []
    for layer in range(len(zs) - 1, -1, -1):
        gradients[:0] = [delta.T @ activations[layer], delta.sum(axis=0)]
        if layer > 0:  # δ of the layer before: (δ W) ⊙ f′(z)
            z, a = zs[layer - 1], activations[layer]
            delta = (delta @ parameters[2 * layer]) * SLOPES[layer - 1](z, a)
    return gradients
'''

TRAIN = '''

def train(steps: int):
    """Up to ``steps`` training steps: forward, loss, backward and update on one batch each.

    Returns (the parameters W₁, b₁, W₂, b₂, …, the steps done, the last step's batch loss
    before its update, why training diverged or None).
    """
    parameters = [
        np.array(layer[key], dtype=np.float64)
        for layer in NETWORK_FILE["layers"]
        for key in ("weights", "biases")
    ]{frozen_masks}
    state = initial_state(parameters)
    inputs = np.array(NETWORK_FILE["data"]["inputs"], dtype=np.float64)
    targets = np.array(NETWORK_FILE["data"]["targets"], dtype=np.float64)
    done, loss, diverged = 0, None, None
    for epoch, rows in batches(len(inputs)):
        if done == steps or stops_before(epoch):
            break
        x, t = inputs[rows], targets[rows]
        with np.errstate(all="ignore"):  # a non-finite number stops training just below
            zs, activations = forward(parameters, x)
            batch_loss = loss_function(activations[-1], t)
            gradients = backward(parameters, zs, activations, t)
        if not (np.isfinite(batch_loss) and all(np.isfinite(g).all() for g in gradients)):
            diverged = "the loss or a gradient is not finite"
            break{freeze}
        with np.errstate(all="ignore"):
            new, new_state = update(parameters, gradients, state)
        if not all(np.isfinite(p).all() for p in new):
            diverged = "a parameter became non-finite"
            break
        with np.errstate(all="ignore"):  # keep only parameters that give the batch a finite loss
            after = loss_function(forward(new, x)[1][-1], t)
        if not np.isfinite(after):
            diverged = "the loss became non-finite"
            break
        parameters, state = new, new_state
        done, loss = done + 1, float(batch_loss)
        if stops_after(loss):
            break
    return parameters, done, loss, diverged
'''

FROZEN_MASKS = """
    frozen = [  # True where an entry is frozen, one mask per parameter
        np.array(layer[key], dtype=bool)
        for layer in NETWORK_FILE["layers"]
        for key in ("frozen_weights", "frozen_biases")
    ]"""


def _activation_code(names: list[str]) -> str:
    """The functions of the activations in use, then FUNCTIONS and SLOPES layer by layer."""
    lines = []
    for name in dict.fromkeys(names):
        function, slope = ACTIVATIONS[name]
        body = f"e = {function}" if name == "softmax" else f"return {function}"
        prose = get_activation(name).prose
        lines.append(f'\n\ndef {name}(z):\n    """{prose}."""\n    {body}\n')
        if slope is not None:
            lines.append(f"\n\ndef {name}_slope(z, a):\n    return {slope}\n")
    functions = ", ".join(names)
    slopes = ", ".join(f"{name}_slope" for name in names[:-1])
    lines.append(
        f"\n\n# each layer's activation f, and the slope f′(z) of every layer but the last\n"
        f"FUNCTIONS = [{functions}]\nSLOPES = [{slopes}]\n"
    )
    return "".join(lines)


def _output_delta(document: dict) -> str:
    """Lines giving δ of the output layer, ∂E/∂a ⊙ f′(z), written as the engine computes it."""
    loss, activation = get_loss(document["loss"]), document["layers"][-1]["activation"]
    if activation == loss.fused_activation:
        return f"delta = (a - t) * scale  # ∂E/∂a ⊙ f′(z) of {activation} is a − t exactly"
    gradient = f"g = {GRADIENT[document['loss']]} * scale  # ∂E/∂a"
    if activation == "softmax":  # not elementwise: δ_j = a_j (g_j − Σ_k g_k a_k)
        jacobian = "delta = a * (g - (g * a).sum(axis=1, keepdims=True))  # softmax's Jacobian"
        return f"{gradient}\n    {jacobian}"
    return f"{gradient}\n    delta = g * {activation}_slope(z, a)  # ∂E/∂a ⊙ f′(z)"


def numpy_script(
    experiment: Experiment, source: str | None = None, script: str = "SCRIPT.py"
) -> str:
    """The text of a standalone NumPy script that trains ``experiment`` as the engine does.

    ``source`` names the network file (in an error, e.g. no data to train on, and in the
    docstring), ``script`` the script's own file name (in the docstring).
    """
    document = exported_document(experiment, source)
    names = [layer["activation"] for layer in document["layers"]]
    frozen = has_frozen(document)
    optimizer = document["training"]["optimizer"]
    parts = [_activation_code(names)]
    if "log(" in PER_SAMPLE[document["loss"]]:
        parts.append(LOG)
    parts.append(PASSES.format(
        loss_text=loss_text(document),
        per_sample=PER_SAMPLE[document["loss"]],
        reduction=document["reduction"],
        scale="1.0 / len(t)" if document["reduction"] == "mean" else "1.0",
        output_delta=_output_delta(document),
    ))
    parts.append(OPTIMIZERS[optimizer])
    parts.append(TRAIN.format(
        frozen_masks=FROZEN_MASKS if frozen else "",
        freeze=FREEZE if frozen else "",
    ))
    reads_as = (
        "The algorithm as code: forward computes z = a Wᵀ + b and a = f(z) layer by layer; "
        "backward computes δ = ∂E/∂a ⊙ f′(z) at the output, then δ = (δ W) ⊙ f′(z) going back, "
        "with ∂E/∂W = δᵀ a and ∂E/∂b = Σ δ; update applies the optimizer."
    )
    run = exported_run(experiment)
    head = docstring(document, "trained in plain NumPy", reads_as, source, script, run)
    return assemble(head, IMPORTS, "".join(parts), document, run)


def export_numpy(
    experiment: Experiment, path: str | os.PathLike, source: str | None = None
) -> None:
    """Write the NumPy script of ``experiment`` to ``path`` (atomically)."""
    write_script(numpy_script(experiment, source, os.path.basename(path)), path)
