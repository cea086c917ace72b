"""References to the things on a network a learner can select, hover or ask about, and the
engine quantities they name (``quantity_of``, ``items_of``)."""

from __future__ import annotations

from dataclasses import dataclass

from engine.lesson.quantities import Kind, Quantity


@dataclass(frozen=True)
class NeuronRef:
    """Neuron ``neuron`` of column ``column``: column 0 is the input layer, column l + 1 is
    engine layer l (so a NeuronRef's column matches ``Network.sizes``)."""

    column: int
    neuron: int

    @property
    def layer(self) -> int:
        """The engine layer index (−1 for an input)."""
        return self.column - 1


@dataclass(frozen=True)
class WeightRef:
    """Weight W[neuron, source] of engine layer ``layer`` (from source in the column below)."""

    layer: int
    neuron: int
    source: int


@dataclass(frozen=True)
class BiasRef:
    """Bias b[neuron] of engine layer ``layer``."""

    layer: int
    neuron: int


ItemRef = NeuronRef | WeightRef | BiasRef


# ----- items and the engine's quantities ---------------------------------------------------------
# what a view calls a number of an item → the kind of quantity (for a parameter: (weight's, bias's))
_NEURON_KINDS = {
    "z": Kind.PRE_ACTIVATION,
    "a": Kind.ACTIVATION,
    "delta": Kind.DELTA,
    "grad_a": Kind.GRAD_ACTIVATION,
    "bias": Kind.BIAS,
}
_PARAMETER_KINDS = {
    "value": (Kind.WEIGHT, Kind.BIAS),
    "weight": (Kind.WEIGHT, Kind.BIAS),  # a parameter's written value is the parameter
    "bias": (Kind.WEIGHT, Kind.BIAS),
    "grad": (Kind.GRAD_WEIGHT, Kind.GRAD_BIAS),
    "new": (Kind.NEW_WEIGHT, Kind.NEW_BIAS),
}
_WHOLE_STEP = ("loss", "loss_new", "learning_rate")


def quantity_of(item: ItemRef | None, name: str) -> Quantity | None:
    """The engine quantity a view's number names: ``item`` and what the view calls the number
    ("z", "a", "delta", "grad", "value", "new"; a written label's slot "weight" or "bias";
    with no item, "loss"). E.g. (NeuronRef(2, 0), "delta") → δ of ``network.layers[1]``'s
    neuron 0; (WeightRef(1, 0, 0), "grad") → its ∂E/∂w. None for a pair that names nothing
    (an input has no δ)."""
    if item is None:
        return Quantity(Kind(name)) if name in _WHOLE_STEP else None
    if isinstance(item, NeuronRef):
        if item.column == 0:
            return Quantity(Kind.INPUT, neuron=item.neuron) if name in ("a", "x") else None
        kind = _NEURON_KINDS.get(name)
        return None if kind is None else Quantity(kind, item.layer, item.neuron)
    kinds = _PARAMETER_KINDS.get(name)
    if kinds is None:
        return None
    if isinstance(item, WeightRef):
        return Quantity(kinds[0], item.layer, item.neuron, item.source)
    return Quantity(kinds[1], item.layer, item.neuron)


def items_of(quantity: Quantity, network) -> list[ItemRef]:
    """The items of ``network`` a quantity is about (a whole layer's: all of that layer's)."""
    kind, layer, neuron = quantity.kind, quantity.layer, quantity.neuron
    if kind is Kind.INPUT:
        if neuron is not None:
            return [NeuronRef(0, neuron)]
        return [NeuronRef(0, i) for i in range(network.input_size)]
    if layer is None or kind is Kind.TARGET:
        return []
    if kind.of_neuron:
        if neuron is not None:
            return [NeuronRef(layer + 1, neuron)]
        return [NeuronRef(layer + 1, j) for j in range(network.layers[layer].n_out)]
    if kind.of_weight:
        if neuron is not None:
            return [WeightRef(layer, neuron, quantity.source)]
        n_out, n_in = network.layers[layer].weights.shape
        return [WeightRef(layer, j, i) for j in range(n_out) for i in range(n_in)]
    if kind.of_bias:
        if neuron is not None:
            return [BiasRef(layer, neuron)]
        return [BiasRef(layer, j) for j in range(network.layers[layer].n_out)]
    return []
