"""The numbers a lesson's task names, computed from the open experiment.

A task names a number the way the window and the command line write it:

- ``E``: the loss over the whole training set (the file's loss and reduction);
- ``w2[1,1]`` / ``b2[1]``: a parameter (engine/model/parameter_names.py);
- ``dE/dw2[1,1]`` / ``dE/db2[1]``: its gradient ∂E/∂θ over the whole training set;
- ``z2[1]``, ``a2[1]``, ``delta2[1]``: layer 2's neuron 1 for one sample (``sample``, from 1):
  the pre-activation z, the activation a = f(z) and δ = ∂E/∂z;
- ``|dE/dW1|``: layer 1's gradient magnitude ‖∂E/∂W⁽¹⁾‖ (Frobenius norm);
- ``test_accuracy``: the share of test samples whose largest output is the target's class.
"""

from __future__ import annotations

import re

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.lesson.quantities import Kind
from engine.model.experiment import Experiment
from engine.model.network import Network
from engine.model.parameter_names import parameter_index, parameter_value, parse_parameter

LOSS = "E"
TEST_ACCURACY = "test_accuracy"
GRADIENT_PREFIX = "dE/d"
_NEURON = re.compile(r"(?P<kind>z|a|delta)(?P<layer>[0-9]+)\[(?P<neuron>[0-9]+)\]")
_NORM = re.compile(r"\|dE/dW(?P<layer>[0-9]+)\|")


def check_name(name: str, network: Network, key: str) -> None:
    """Refuse (``NetworkError(key, why)``) a name that does not name a number of ``network``."""
    _read(name, network, key)


def neuron_of(name: str, network: Network, key: str) -> tuple[int, int]:
    """(layer, neuron) from 0 of a neuron's value ``z2[1]`` / ``a2[1]`` (not δ: a forward
    value); ``NetworkError(key, why)`` for any other name."""
    kind, what = _read(name, network, key)
    if kind != "neuron" or what[0] == "delta":
        raise NetworkError(key, tr("“{text}”: expected a neuron's forward value, like a2[1] or "
                                   "z2[1]", text=str(name)[:40]))
    return what[1], what[2]


def value_of(name: str, experiment: Experiment, sample: int = 1) -> float:
    """The current value of the number ``name`` (see the module docstring) in ``experiment``."""
    network, data = experiment.network, experiment.data
    kind, what = _read(name, network, "quantity")
    if kind == "test_accuracy":
        return test_accuracy(experiment)
    if kind == "parameter":
        return parameter_value(network, what)
    if data is None or len(data) == 0:
        raise NetworkError("quantity", tr("{name} needs a data set, and there is none",
                                          name=name))
    if kind == "loss":
        return network.loss_value(data.inputs, data.targets)
    if kind == "neuron":
        letter, layer, neuron = what
        row = min(max(sample, 1), len(data)) - 1
        forward = network.forward(data.inputs[row:row + 1])
        if letter == "z":
            return float(forward.pre_activations[layer][0, neuron])
        if letter == "a":
            return float(forward.activations[layer + 1][0, neuron])
        gradients = network.backward(forward, data.targets[row:row + 1])
        return float(gradients.deltas[layer][0, neuron])
    gradients = network.backward(network.forward(data.inputs), data.targets)
    if kind == "norm":
        return float(gradients.weight_norms()[what])
    arrays = gradients.grad_weights if what.kind == Kind.WEIGHT else gradients.grad_biases
    return float(arrays[what.layer][parameter_index(what)])


def test_accuracy(experiment: Experiment) -> float:
    """The share (0…1) of the test split whose largest output is the target's largest entry."""
    data = experiment.data
    if data is None or not data.has_test_split:
        raise NetworkError("quantity", tr("test_accuracy needs a test split, and there is none"))
    predicted = experiment.network.predict(data.test_inputs).argmax(axis=1)
    return float(np.mean(predicted == data.test_targets.argmax(axis=1)))


def _read(name: str, network: Network, key: str):
    """(kind, what) for ``name``: ("loss", None), ("parameter", Quantity), ("gradient",
    Quantity), ("neuron", (letter, layer, neuron)), ("norm", layer) or ("test_accuracy", None),
    engine indices from 0."""
    text = str(name).strip()
    if text == LOSS:
        return "loss", None
    if text == TEST_ACCURACY:
        return "test_accuracy", None
    if text.startswith(GRADIENT_PREFIX) and not _NORM.fullmatch(text):
        return "gradient", parse_parameter(text[len(GRADIENT_PREFIX):], network, key)
    neuron, norm = _NEURON.fullmatch(text), _NORM.fullmatch(text)
    if neuron or norm:
        layer = int((neuron or norm)["layer"])
        if not 1 <= layer <= len(network.layers):
            raise NetworkError(key, tr("“{text}”: there is no layer {layer} (the network has "
                                       "layers 1 to {last})", text=text, layer=layer,
                                       last=len(network.layers)))
        if norm:
            return "norm", layer - 1
        index = int(neuron["neuron"])
        if not 1 <= index <= network.layers[layer - 1].n_out:
            raise NetworkError(key, tr("“{text}”: layer {layer} has neurons 1 to {last}",
                                       text=text, layer=layer,
                                       last=network.layers[layer - 1].n_out))
        return "neuron", (neuron["kind"], layer - 1, index - 1)
    if text[:1] in ("w", "b"):
        return "parameter", parse_parameter(text, network, key)
    raise NetworkError(key, tr("“{text}” names no number: write E, w2[1,1], b2[1], "
                               "dE/dw2[1,1], dE/db2[1], z2[1], a2[1], delta2[1], |dE/dW1| or "
                               "test_accuracy", text=text[:40]))
