"""References to the things on a network a learner can select, hover or ask about."""

from __future__ import annotations

from dataclasses import dataclass


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
