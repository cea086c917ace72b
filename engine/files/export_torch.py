"""Export as a PyTorch script: the same network, loss, optimizer and batches, in ``torch``.

The script (see :mod:`engine.files.export_script` for its shape) builds an ``nn.Sequential`` of
``nn.Linear`` and activation modules in float64, copies in the exact W and b, and trains with
``torch.optim.SGD`` (momentum as the simulator's: v ← μv + ∂E/∂θ, θ ← θ − ηv) or
``torch.optim.Adam``. Each loss is written as the engine defines it per sample (cross-entropy
with its log clamped at −100, as PyTorch's BCELoss does), then summed or averaged over the
batch. A frozen entry's gradient is set to 0 after ``backward()``, so neither it nor its
optimizer state ever moves, as in :mod:`engine.training.optimizers`. The engine never imports torch:
this module only writes text.
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
    sizes,
    write_script,
)
from engine.model.activations import LEAKY_SLOPE
from engine.model.experiment import Experiment
from engine.model.losses import LOG_FLOOR

IMPORTS = """import argparse
import itertools
import json
import sys

import numpy as np
import torch
from torch import nn
"""

MODULES = {
    "identity": "nn.Identity()",
    "sigmoid": "nn.Sigmoid()",
    "tanh": "nn.Tanh()",
    "relu": "nn.ReLU()",
    "leaky_relu": f"nn.LeakyReLU({LEAKY_SLOPE!r})",
    "softmax": "nn.Softmax(dim=1)",
}

PER_SAMPLE = {
    "half_sse": "0.5 * ((a - t) ** 2).sum(dim=1)",
    "sse": "((a - t) ** 2).sum(dim=1)",
    "mse": "((a - t) ** 2).mean(dim=1)",
    "cross_entropy": f"-(t * torch.log(a).clamp(min={LOG_FLOOR!r})).sum(dim=1)",
    "binary_cross_entropy": 'nn.functional.binary_cross_entropy(a, t, reduction="none").sum(dim=1)',
}

OPTIMIZERS = {
    "sgd": """torch.optim.SGD(
        parameters, lr=training["learning_rate"], momentum=training["momentum"]
    )""",
    "adam": """torch.optim.Adam(
        parameters,
        lr=training["learning_rate"],
        betas=(training["beta1"], training["beta2"]),
        eps=training["epsilon"],
    )""",
}

FROZEN_MASKS = """
    # True where an entry is frozen, one mask per parameter (W₁, b₁, W₂, b₂, …)
    frozen = [
        torch.tensor(layer[key])
        for layer in NETWORK_FILE["layers"]
        for key in ("frozen_weights", "frozen_biases")
    ]"""

FREEZE = """
        for parameter, mask in zip(parameters, frozen, strict=True):
            parameter.grad[mask] = 0.0  # no gradient: neither it nor its optimizer state moves"""

CODE = '''

def build_network() -> nn.Sequential:
    """The layers in order, float64, holding the exported weights and biases.

    nn.Linear holds W of shape (n_out, n_in) and b of shape (n_out,) and computes z = a Wᵀ + b
    for a batch a of rows, as the simulator does; the module after it gives f(z).
    """
    network = nn.Sequential(
{layers}
    ).double()
    with torch.no_grad():
        for linear, layer in zip(network[0::2], NETWORK_FILE["layers"], strict=True):
            linear.weight.copy_(torch.tensor(layer["weights"], dtype=torch.float64))
            linear.bias.copy_(torch.tensor(layer["biases"], dtype=torch.float64))
    return network


def carry_on(optimizer, parameters: list) -> None:
    """Give ``optimizer`` the saved run's state (RUN), if any: SGD's velocity v as its
    momentum_buffer; Adam's m, s and step count t as its exp_avg, exp_avg_sq and step."""
    if RUN is None:
        return
    shapes = [tuple(p.shape) for p in parameters]
    saved = {{name: saved_arrays(name, shapes) for name in ("velocity", "first_moment",
                                                            "second_moment") if name in RUN}}
    for index, parameter in enumerate(parameters):
        state = optimizer.state[parameter]
        if "velocity" in saved:
            state["momentum_buffer"] = torch.tensor(saved["velocity"][index])
        if "first_moment" in saved:
            state["step"] = torch.tensor(float(RUN["adam_steps"]), dtype=torch.float64)
            state["exp_avg"] = torch.tensor(saved["first_moment"][index])
            state["exp_avg_sq"] = torch.tensor(saved["second_moment"][index])


def loss_function(a: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """E of a batch (rows): {loss_text}."""
    per_sample = {per_sample}
    return per_sample.{reduction}()


def train(steps: int):
    """Up to ``steps`` training steps: forward, loss, backward and update on one batch each.

    Returns (the parameters W₁, b₁, W₂, b₂, … as numpy arrays, the steps done, the last step's
    batch loss before its update, why training diverged or None).
    """
    training = NETWORK_FILE["training"]
    network = build_network()
    parameters = list(network.parameters())
    optimizer = {optimizer}
    carry_on(optimizer, parameters){frozen_masks}
    inputs = torch.tensor(NETWORK_FILE["data"]["inputs"], dtype=torch.float64)
    targets = torch.tensor(NETWORK_FILE["data"]["targets"], dtype=torch.float64)
    done, loss, diverged = 0, None, None
    for epoch, rows in batches(len(inputs)):
        if done == steps or stops_before(epoch):
            break
        optimizer.zero_grad()
        batch_loss = loss_function(network(inputs[rows]), targets[rows])
        batch_loss.backward()
        if not (batch_loss.isfinite() and all(p.grad.isfinite().all() for p in parameters)):
            diverged = "the loss or a gradient is not finite"
            break{freeze}
        before = nn.utils.parameters_to_vector(parameters)
        optimizer.step()
        if not all(p.isfinite().all() for p in parameters):
            nn.utils.vector_to_parameters(before, parameters)
            diverged = "a parameter became non-finite"
            break
        with torch.no_grad():  # keep only parameters that still give the batch a finite loss
            after = loss_function(network(inputs[rows]), targets[rows])
        if not after.isfinite():
            nn.utils.vector_to_parameters(before, parameters)
            diverged = "the loss became non-finite"
            break
        done, loss = done + 1, batch_loss.item()
        if stops_after(loss):
            break
    return [p.detach().numpy() for p in parameters], done, loss, diverged
'''


def torch_script(
    experiment: Experiment, source: str | None = None, script: str = "SCRIPT.py"
) -> str:
    """The text of a standalone PyTorch script that trains ``experiment`` as the engine does.

    ``source`` names the network file (in an error, e.g. no data to train on, and in the
    docstring), ``script`` the script's own file name (in the docstring).
    """
    document = exported_document(experiment, source)
    layers, widths = [], sizes(document)
    for index, layer in enumerate(document["layers"], start=1):
        layers.append(f"        nn.Linear({widths[index - 1]}, {widths[index]}),  # layer {index}")
        layers.append(f"        {MODULES[layer['activation']]},")
    frozen = has_frozen(document)
    code = CODE.format(
        layers="\n".join(layers),
        loss_text=loss_text(document),
        per_sample=PER_SAMPLE[document["loss"]],
        reduction=document["reduction"],
        optimizer=OPTIMIZERS[document["training"]["optimizer"]],
        frozen_masks=FROZEN_MASKS if frozen else "",
        freeze=FREEZE if frozen else "",
    )
    reads_as = (
        "Each step: the network's output a for a batch of rows, the loss E against the targets "
        "t, backward() for every ∂E/∂θ, then one optimizer step."
    )
    run = exported_run(experiment)
    head = docstring(document, "trained in PyTorch", reads_as, source, script, run)
    return assemble(head, IMPORTS, code, document, run)


def export_torch(
    experiment: Experiment, path: str | os.PathLike, source: str | None = None
) -> None:
    """Write the PyTorch script of ``experiment`` to ``path`` (atomically)."""
    write_script(torch_script(experiment, source, os.path.basename(path)), path)
