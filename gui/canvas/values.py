"""The numbers the canvas writes on the network, read from the engine (never computed here).

Outside a step-through the canvas shows one sample's full forward pass (and keeps its backward
pass for tooltips), as gui/derived.py has it; during a step-through it shows only what the steps
have computed so far (the step-through hands over its own ``ShownValues(stepping=True, …)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from gui.derived import SamplePass
from gui.items import BiasRef, NeuronRef, WeightRef


@dataclass
class ShownValues:
    """What is known about each neuron, weight and bias, as small dicts of named floats.

    ``neurons[NeuronRef]`` may hold 'z', 'a', 'delta'; ``weights[WeightRef]`` and
    ``biases[BiasRef]`` may hold 'grad' and 'new'. ``stepping`` is True when the values are a
    step-through's partial results (the canvas then draws the backward pass on the network).
    A neuron in ``hidden`` (a lesson asks the learner to predict it) has no values: "?"; every
    backward number (δ, ∂E/∂w, ∂E/∂b, a new value) is then unknown too, a step-through's as
    well, since each is computed from the output (gui/lesson_hidden.py).
    """

    neurons: dict = field(default_factory=dict)
    weights: dict = field(default_factory=dict)
    biases: dict = field(default_factory=dict)
    stepping: bool = False
    loss: float | None = None
    hidden: frozenset = frozenset()
    _arrays: dict = field(default_factory=dict, repr=False)

    def neuron(self, column: int, neuron: int) -> dict:
        ref = NeuronRef(column, neuron)
        if ref in self.hidden:
            return {}
        found = self.neurons[ref] if ref in self.neurons else \
            self._array_values(("a", "z", "delta"), column, neuron)
        if self.hidden:  # the forward values only
            return {name: value for name, value in found.items() if name in ("a", "z")}
        return found

    def weight(self, layer: int, neuron: int, source: int) -> dict:
        ref = WeightRef(layer, neuron, source)
        if self.hidden:  # ∂E/∂w and the new value are backward numbers
            return {}
        if ref in self.weights:
            return self.weights[ref]
        grads = self._arrays.get("grad_weights")
        return {} if grads is None else {"grad": float(grads[layer][neuron, source])}

    def bias(self, layer: int, neuron: int) -> dict:
        ref = BiasRef(layer, neuron)
        if self.hidden:
            return {}
        if ref in self.biases:
            return self.biases[ref]
        grads = self._arrays.get("grad_biases")
        return {} if grads is None else {"grad": float(grads[layer][neuron])}

    def activations(self, column: int) -> np.ndarray | None:
        """Every activation of ``column`` at once (n,), or None when not known (for colouring);
        a hidden neuron's is 0 (no sign to give it away)."""
        columns = self._arrays.get("a")
        found = None if columns is None else columns[column]
        hidden = [ref.neuron for ref in self.hidden if ref.column == column]
        if found is None or not hidden:
            return found
        found = np.array(found, dtype=float)
        found[hidden] = 0.0
        return found

    def _array_values(self, names, column: int, neuron: int) -> dict:
        found = {}
        for name in names:
            columns = self._arrays.get(name)
            if columns is not None and columns[column] is not None:
                found[name] = float(columns[column][neuron])
        return found


def sample_values(sample_pass: SamplePass | None) -> ShownValues:
    """The numbers of one sample's forward and backward pass, as the canvas reads them (empty
    without a pass; no backward numbers when the targets do not fit)."""
    if sample_pass is None:
        return ShownValues()
    forward, gradients = sample_pass.forward, sample_pass.gradients
    arrays = {
        "a": [a[0] for a in forward.activations],
        "z": [None] + [z[0] for z in forward.pre_activations],
    }
    values = ShownValues(_arrays=arrays)
    if gradients is not None:
        arrays["delta"] = [None] + [d[0] for d in gradients.deltas]
        arrays["grad_weights"] = gradients.grad_weights
        arrays["grad_biases"] = gradients.grad_biases
        values.loss = gradients.loss
    return values
