"""What the canvas shows while stepping: the values the steps up to the cursor computed.

In a batch, every sample flows through the same neurons; the canvas shows one at a time, the
sample *flowing* at the cursor (see ``flowing_sample``): its inputs, and the z, a and δ its own
steps computed. Sums over the batch (∂E/∂w, ∂E/∂b), the new parameters and the loss E are
the batch's and always shown.
"""

from __future__ import annotations

import numpy as np

from engine.lesson.formula import Symbol
from engine.lesson.quantities import Kind, Quantity
from engine.lesson.steps import Step
from gui.canvas.values import ShownValues
from gui.items import BiasRef, NeuronRef, WeightRef, items_of

# the quantities of a trace the canvas shows, and the key it shows each under
SHOWN_KEYS = {
    Kind.PRE_ACTIVATION: "z",
    Kind.ACTIVATION: "a",
    Kind.DELTA: "delta",
    Kind.GRAD_WEIGHT: "grad",
    Kind.NEW_WEIGHT: "new",
    Kind.GRAD_BIAS: "grad",
    Kind.NEW_BIAS: "new",
}


def flowing_sample(steps: tuple[Step, ...], position: int) -> int:
    """The position in the batch (0-based) of the sample flowing at step ``position``: the
    sample of the last step up to it that names one (0 before any does)."""
    for step in reversed(steps[: position + 1]):
        if step.sample is not None:
            return step.sample
    return 0


def step_items(step: Step | None, network) -> list:
    """What ``step`` concerns: the item it computes first, then those it reads."""
    if step is None:
        return []
    items = items_of(step.quantity, network)
    # the symbols of the form the numbers are put into: what the value is computed from
    for token in step.formula.forms[-1]:
        if isinstance(token, Symbol):
            items += items_of(token.ref, network)
    if not items and step.quantity.kind in (Kind.LOSS, Kind.NEW_LOSS):  # E = E₁ + … + Eₙ
        items = items_of(Quantity(Kind.ACTIVATION, len(network.layers) - 1), network)
    return list(dict.fromkeys(items))


def collect_shown(steps, position: int, inputs, network, sample: int | None) -> ShownValues:
    """The values ``steps[: position + 1]`` computed, for the canvas.

    ``inputs`` (input_size,) are the flowing sample's; ``sample`` is its position in the batch
    (None: one sample, or whole layers, whose rows are taken at ``sample or 0``).
    """
    shown = ShownValues(stepping=True)
    for source, x in enumerate(inputs):
        shown.neurons[NeuronRef(0, source)] = {"a": float(x)}
    for step in steps[: position + 1]:
        _add_shown(shown, step, network, sample)
    return shown


def _add_shown(shown: ShownValues, step: Step, network, sample: int | None) -> None:
    kind = step.quantity.kind
    if kind is Kind.LOSS:
        shown.loss = float(step.value)
    elif kind not in SHOWN_KEYS:
        return
    elif step.neuron is not None and step.sample is None:
        _add_one_shown(shown, kind, step)  # the common case, kept fast for big traces
    elif step.sample is not None:
        if step.sample == sample:  # another sample's numbers are not on the canvas
            _add_one_shown(shown, kind, step)
    else:  # a whole layer: a vector, a matrix, or a batch of vectors (one row per sample)
        table = _table(shown, kind)
        items = items_of(step.quantity, network)
        values = np.asarray(step.value, dtype=np.float64)
        if kind.per_sample and values.ndim == 2:
            values = values[sample or 0]
        for item, value in zip(items, np.ravel(values), strict=True):
            table.setdefault(item, {})[SHOWN_KEYS[kind]] = float(value)


def _table(shown: ShownValues, kind: Kind) -> dict:
    """Where ``shown`` keeps the values of ``kind``: by neuron, weight or bias."""
    if kind.of_neuron:
        return shown.neurons
    return shown.weights if kind.of_weight else shown.biases


def _add_one_shown(shown: ShownValues, kind: Kind, step: Step) -> None:
    """One neuron's or one parameter's value, straight from the step's indices."""
    if kind.of_neuron:
        item = NeuronRef(step.layer + 1, step.neuron)
    elif kind.of_weight:
        item = WeightRef(step.layer, step.neuron, step.source)
    else:
        item = BiasRef(step.layer, step.neuron)
    _table(shown, kind).setdefault(item, {})[SHOWN_KEYS[kind]] = step.value
