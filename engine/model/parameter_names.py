"""Parameter names as a person or a script writes them: ``w2[1,1]`` and ``b2[1]``.

DESIGN.md, "Parameter names": ``w2[i,j]`` is layer 2's weight into its neuron i from neuron j of
the layer before, ``b2[i]`` its bias; layers count the non-input layers from 1 and neurons from
1, as the canvas shows w⁽²⁾ᵢⱼ. The engine counts from 0
(:class:`~engine.lesson.quantities.Quantity`), so ``w2[1,1]`` is ``Quantity(Kind.WEIGHT, layer=1,
neuron=0, source=0)``.

The one place every command (``landscape``, ``gradcheck``, ``trace --json``) and the window turn
a name into a quantity and back; a bad name is refused with one line that says the allowed
ranges.
"""

from __future__ import annotations

import re

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.lesson.quantities import Kind, Quantity, bias, weight
from engine.model.network import Network

PARAMETER_KINDS = (Kind.WEIGHT, Kind.BIAS)
_NAME = re.compile(r"(?P<kind>[wb])(?P<layer>[0-9]+)\[(?P<indices>[^\]]*)\]")
_DIGITS = re.compile("[0-9]+")


def parameter_name(quantity: Quantity) -> str:
    """``w2[1,1]`` / ``b2[1]`` for a weight or bias quantity (engine indices, from 0)."""
    if quantity.kind == Kind.WEIGHT:
        return f"w{quantity.layer + 1}[{quantity.neuron + 1},{quantity.source + 1}]"
    if quantity.kind == Kind.BIAS:
        return f"b{quantity.layer + 1}[{quantity.neuron + 1}]"
    raise ValueError(f"{quantity} is not a weight or a bias")


def parse_parameter(text: str, network: Network, key: str = "parameter") -> Quantity:
    """The weight or bias of ``network`` that ``text`` names, or ``NetworkError(key, why)``.

    Spaces are allowed (``w2[1, 1]``); the message of a refusal names the allowed ranges.
    ``parse_parameter("w2[1,1]", network)`` is ``weight(1, 0, 0)``.
    """
    shown = str(text).strip()
    match = _NAME.fullmatch(shown.replace(" ", ""))
    n_layers = len(network.layers)
    layers_text = (tr("layers 1 to {n_layers}", n_layers=n_layers) if n_layers > 1
                   else tr("layer 1"))
    if match is None:
        raise NetworkError(key, tr("“{shown}” is not a parameter name: write w<layer>"
                                   "[<neuron>,<from>] or b<layer>[<neuron>], e.g. w2[1,1] or "
                                   "b2[1] ({layers})", shown=shown, layers=layers_text))
    kind = Kind(match["kind"])
    layer = int(match["layer"])
    indices = match["indices"].split(",")
    wanted = 2 if kind == Kind.WEIGHT else 1
    if len(indices) != wanted or not all(_DIGITS.fullmatch(i) for i in indices):
        form = "w<layer>[<neuron>,<from>]" if kind == Kind.WEIGHT else "b<layer>[<neuron>]"
        raise NetworkError(key, tr("“{shown}” is not a parameter name: write {form} ({layers})",
                                   shown=shown, form=form, layers=layers_text))
    if not 1 <= layer <= n_layers:
        raise NetworkError(key, tr("“{shown}”: there is no layer {layer}; the network has "
                                   "{layers} (the non-input layers, from 1)",
                                   shown=shown, layer=layer, layers=layers_text))
    n_out, n_in = network.layers[layer - 1].weights.shape
    numbers = [int(i) for i in indices]
    limits = [n_out, n_in][:wanted]
    if any(not 1 <= n <= limit for n, limit in zip(numbers, limits, strict=True)):
        raise NetworkError(key, tr("“{shown}”: {ranges}", shown=shown,
                                   ranges=_ranges(kind, layer, n_out, n_in)))
    if kind == Kind.WEIGHT:
        return weight(layer - 1, numbers[0] - 1, numbers[1] - 1)
    return bias(layer - 1, numbers[0] - 1)


def _ranges(kind: Kind, layer: int, n_out: int, n_in: int) -> str:
    if kind == Kind.WEIGHT:
        return tr("layer {layer} has w{layer}[i,j] with neuron i from 1 to {n_out} "
                  "and j from 1 to {n_in} (the neurons of the layer before)",
                  layer=layer, n_out=n_out, n_in=n_in)
    return tr("layer {layer} has b{layer}[i] with neuron i from 1 to {n_out}",
              layer=layer, n_out=n_out)


def parameters_of(network: Network) -> list[Quantity]:
    """Every weight and bias of ``network``, layer by layer, W row by row then b: the order of
    ``Network.parameters()`` laid end to end."""
    quantities = []
    for index, layer in enumerate(network.layers):
        n_out, n_in = layer.weights.shape
        quantities += [weight(index, i, j) for i in range(n_out) for j in range(n_in)]
        quantities += [bias(index, i) for i in range(n_out)]
    return quantities


def parameter_at(network: Network, position: int) -> Quantity:
    """The parameter at ``position`` (from 0) of ``parameters_of(network)``, found by arithmetic
    over the layers' shapes, so no list of every parameter is built: layer l holds
    n_out·n_in weights (w[i,j] at i·n_in + j) and then n_out biases. IndexError outside
    0 ≤ position < parameter_count."""
    if position < 0:
        raise IndexError(position)
    offset = position
    for index, layer in enumerate(network.layers):
        n_out, n_in = layer.weights.shape
        if offset < n_out * n_in:
            return weight(index, offset // n_in, offset % n_in)
        offset -= n_out * n_in
        if offset < n_out:
            return bias(index, offset)
        offset -= n_out
    raise IndexError(position)


def parameter_position(network: Network, quantity: Quantity) -> int:
    """Where ``quantity`` sits in ``parameters_of(network)``: the inverse of ``parameter_at``."""
    before = sum(layer.weights.size + layer.biases.size
                 for layer in network.layers[:quantity.layer])
    n_out, n_in = network.layers[quantity.layer].weights.shape
    if quantity.kind == Kind.WEIGHT:
        return before + quantity.neuron * n_in + quantity.source
    if quantity.kind == Kind.BIAS:
        return before + n_out * n_in + quantity.neuron
    raise ValueError(f"{quantity} is not a weight or a bias")


def parameter_index(quantity: Quantity) -> tuple[int, ...]:
    """Where a weight sits in its layer's W, (neuron, source), or a bias in b, (neuron,); the
    same index finds its gradient in ``grad_weights[layer]`` / ``grad_biases[layer]``."""
    if quantity.kind == Kind.WEIGHT:
        return (quantity.neuron, quantity.source)
    if quantity.kind == Kind.BIAS:
        return (quantity.neuron,)
    raise ValueError(f"{quantity} is not a weight or a bias")


def parameter_place(network: Network, quantity: Quantity) -> tuple[np.ndarray, tuple[int, ...]]:
    """(array, index) that holds ``quantity`` in ``network``: ``array[index]`` is its value."""
    layer = network.layers[quantity.layer]
    array = layer.weights if quantity.kind == Kind.WEIGHT else layer.biases
    return array, parameter_index(quantity)


def parameter_value(network: Network, quantity: Quantity) -> float:
    """The current value of one weight or bias."""
    array, index = parameter_place(network, quantity)
    return float(array[index])


def named_values(network: Network) -> dict[str, float]:
    """``{"w1[1,1]": …, "b1[1]": …}``: every parameter by name, in ``parameters_of`` order."""
    return {parameter_name(q): parameter_value(network, q) for q in parameters_of(network)}
