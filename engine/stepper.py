"""The step-through: one training step as an ordered list of immutable step records.

For one sample (or one batch) the engine runs its own forward pass, backward pass and optimizer
(``Network.forward``, ``Network.backward``, ``Optimizer.peek_layers``) once, and this module
lays the numbers those computed out as steps, in the order the lesson tells them:

- ``forward``: per neuron z = Σ w·a + b, then a = f(z) (or per layer, z = a Wᵀ + b);
- ``loss``: E from the outputs and the targets;
- ``backward``: per layer from the output down, δ of each neuron, then ∂E/∂w = δ·a (the notes'
  "∂E/∂w = ∂E/∂b × the value on the wire") and ∂E/∂b = δ of each of its parameters;
- ``update``: each parameter's new value, w′ = w − η·∂E/∂w for plain gradient descent;
- ``check``: the forward pass and the loss again with the new parameters.

A record holds what it concerns (phase, kind, layer, neuron, source, sample), the quantity it
produces and its value. Its formula, the quantities it reads and its explanation are built
from the same numbers only when first asked for, so the list for a 2-8-8-1 network builds in
well under a millisecond. Going back is moving a :class:`StepCursor`, never recomputing.

Quantity references are tuples: ``('x', i)``, ``('t', j)``, ``('z', l, j)``, ``('a', l, j)``,
``('delta', l, j)``, ``('grad_a', l, j)``, ``('w', l, j, i)``, ``('b', l, j)``,
``('grad_w', l, j, i)``, ``('grad_b', l, j)``, ``('w_new', l, j, i)``, ``('b_new', l, j)``,
``('z_new', l, j)``, ``('a_new', l, j)``, ``('loss',)``, ``('loss_new',)``,
``('learning_rate',)``; ``l`` is the engine's layer index (``network.layers[l]``). References
are 0-based throughout (and so is a trace's JSON); only the text a learner reads counts
neurons from 1 (see ``engine.formula``). In a trace
of a batch of more than one sample, the per-sample ones (x, t, z, a, delta, grad_a, z_new,
a_new) end with the sample index, and ``('sample_loss', s)`` is sample s's loss. A layer-at-a-
time trace uses one reference per layer: ``('z', l)``, ``('w', l)``, ``('x',)``, ….
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from engine.errors import NetworkError
from engine.experiment import Experiment, TrainingSettings
from engine.formula import Formula, Symbol, Value, json_value
from engine.network import Network
from engine.step_formulas import BUILDERS
from engine.trace_data import TraceData

PHASES = ("forward", "loss", "backward", "update", "check")
PHASE_TITLES = {
    "forward": "Forward pass",
    "loss": "Loss",
    "backward": "Backward pass",
    "update": "Update",
    "check": "Forward again with the new parameters",
}
GRANULARITIES = ("neuron", "layer")
INDEXING_NOTE = (
    "0-based: quantity references, layer, neuron, source, sample and subscripts; the text "
    "shown to a learner counts neurons and samples from 1 and layers from the input layer 0"
)
MAX_NEURON_STEPS = 200_000  # beyond this, a neuron-by-neuron list is no lesson: use "layer"


@dataclass(frozen=True)
class Step:
    """One immutable step of the step-through.

    ``quantity`` is the reference of what the step computes and ``value`` its value (a float,
    or nested tuples for a layer's vector or matrix). ``layer``, ``neuron``, ``source`` (the
    input index of a weight) and ``sample`` name what the step concerns, None where they do not
    apply. The formula, the quantities read and the explanation are built on first use.
    """

    index: int
    phase: str
    kind: str
    quantity: tuple
    value: Value
    layer: int | None = None
    neuron: int | None = None
    source: int | None = None
    sample: int | None = None
    data: TraceData | None = field(default=None, compare=False, repr=False)

    @cached_property
    def _lesson(self) -> tuple[Formula, str]:
        return BUILDERS[self.data.granularity][self.kind](self.data, self)

    @property
    def formula(self) -> Formula:
        """The formula as structured terms (symbols with values, operators, constants)."""
        return self._lesson[0]

    @property
    def explanation(self) -> str:
        """One line in plain language, e.g. "The output is 1 too high, so δ = 1."."""
        return self._lesson[1]

    @property
    def symbolic(self) -> str:
        """The symbolic line, e.g. "z⁽²⁾₁ = w⁽²⁾₁₁·a⁽¹⁾₁ + b⁽²⁾₁"."""
        return self.formula.symbolic_line()

    @property
    def numbers(self) -> str:
        """The substituted-numbers line, e.g. "z⁽²⁾₁ = 1·3 + 1 = 4"."""
        return self.formula.numbers_line()

    @property
    def text(self) -> str:
        """Both on one line: "z⁽²⁾₁ = w⁽²⁾₁₁·a⁽¹⁾₁ + b⁽²⁾₁ = 1·3 + 1 = 4"."""
        return self.formula.text()

    @cached_property
    def reads(self) -> tuple[tuple, ...]:
        """The quantities this step's numbers are computed from (its operands), in order.

        They are the symbols of the formula's last form, the one shown with numbers; earlier
        forms only name the same thing another way (∂E/∂w = ∂E/∂b·a = δ·a).
        """
        last = self.formula.forms[-1]
        refs = (t.ref for t in last if isinstance(t, Symbol) and t.ref != self.quantity)
        return tuple(dict.fromkeys(refs))

    def to_dict(self) -> dict:
        """Everything about the step as JSON-able values (full float precision)."""
        return {
            "index": self.index,
            "phase": self.phase,
            "kind": self.kind,
            "layer": self.layer,
            "neuron": self.neuron,
            "source": self.source,
            "sample": self.sample,
            "quantity": list(self.quantity),
            "value": json_value(self.value),
            "reads": [list(ref) for ref in self.reads],
            "formula": self.formula.to_dict(),
            "symbolic": self.symbolic,
            "numbers": self.numbers,
            "text": self.text,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Explanation:
    """Where a number comes from: the step that computed it and each operand's own step.

    ``step`` is None for a given quantity (an input, a target, a parameter, a setting);
    ``operands`` pairs each quantity the step read with the step that computed it (or None).
    """

    quantity: tuple
    value: Value
    step: Step | None
    operands: tuple[tuple[tuple, Step | None], ...]


class Trace:
    """The ordered, immutable steps of one training step, with lookups by quantity."""

    def __init__(self, steps: list[Step], data: TraceData):
        self.steps: tuple[Step, ...] = tuple(steps)
        self.data = data

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index: int) -> Step:
        return self.steps[index]

    def __iter__(self):
        return iter(self.steps)

    @property
    def granularity(self) -> str:
        return self.data.granularity

    @cached_property
    def _by_quantity(self) -> dict[tuple, Step]:
        return {step.quantity: step for step in self.steps}

    def phase_start(self, phase: str) -> int:
        """Index of the first step of ``phase`` (ValueError if the trace has none)."""
        for step in self.steps:
            if step.phase == phase:
                return step.index
        raise ValueError(f"no step in phase {phase!r} (phases: {', '.join(PHASES)})")

    def step_for(self, quantity: tuple) -> Step | None:
        """The step that computed ``quantity``, or None if it is given (input, weight, …).

        A neuron's reference in a layer-at-a-time trace finds its layer's step, and a hidden
        neuron's ∂E/∂a, summed inside its δ step, finds that δ step.
        """
        by_quantity = self._by_quantity
        quantity = tuple(quantity)
        if quantity in by_quantity:
            return by_quantity[quantity]
        if quantity[0] == "grad_a":
            return by_quantity.get(("delta",) + quantity[1:])
        if quantity[0] == "slope":  # f′(z) is read off z
            return by_quantity.get(("z",) + quantity[1:])
        if self.granularity == "layer" and len(quantity) >= 2:
            return by_quantity.get(self.data.layer_reference(quantity))
        return None

    def value_of(self, quantity: tuple) -> Value:
        """The value of any quantity of this trace, computed by a step or given."""
        return self.data.value_of(tuple(quantity))

    def explain(self, quantity: tuple) -> Explanation:
        """ "Explain this number": the step that computed ``quantity`` and its operands' steps."""
        quantity = tuple(quantity)
        value = self.value_of(quantity)
        step = self.step_for(quantity)
        if step is None:
            return Explanation(quantity, value, None, ())
        operands = tuple((ref, self.step_for(ref)) for ref in step.reads)
        return Explanation(quantity, value, step, operands)

    def given_values(self) -> dict[tuple, Value]:
        """Quantities known before the first step: inputs, targets, parameters, settings."""
        return self.data.given_values()

    def to_dict(self) -> dict:
        """The whole trace as JSON-able values (for ``main.py trace --json``)."""
        return {
            "indexing": INDEXING_NOTE,
            "granularity": self.granularity,
            "network": repr(self.data.network),
            "loss": self.data.network.loss,
            "reduction": self.data.network.reduction,
            "optimizer": self.data.optimizer_description(),
            "samples": list(self.data.samples),
            "steps": [step.to_dict() for step in self.steps],
        }

    def to_text(self, explanations: bool = True) -> str:
        """The whole trace in plain text, phase by phase, one numbered line per step."""
        lines = [
            f"{self.data.network!r}, {self.data.sample_description()}",
            f"optimizer: {self.data.optimizer_description()}",
        ]
        width = len(str(len(self.steps)))
        phase = None
        for step in self.steps:
            if step.phase != phase:
                phase = step.phase
                lines += ["", PHASE_TITLES[phase]]
            lines.append(f"  {step.index + 1:>{width}}. {step.text}")
            if explanations:
                lines.append(f"  {'':>{width}}  {step.explanation}")
        return "\n".join(lines) + "\n"


class StepCursor:
    """A position in a trace: −1 before the first step, up to ``len(trace) − 1``.

    Moving never recomputes anything: the records are the trace's own, so going back and
    forth returns the identical objects.
    """

    def __init__(self, trace: Trace, position: int = -1):
        self.trace = trace
        self._position = -1
        self.seek(position)

    @property
    def position(self) -> int:
        return self._position

    @property
    def current(self) -> Step | None:
        """The step at the cursor, None before the first."""
        return None if self._position < 0 else self.trace.steps[self._position]

    @property
    def at_start(self) -> bool:
        return self._position == -1

    @property
    def at_end(self) -> bool:
        return self._position == len(self.trace) - 1

    def seek(self, position: int) -> None:
        """Move to ``position`` (−1 … len − 1); IndexError outside."""
        if not -1 <= position < len(self.trace):
            raise IndexError(f"position {position} outside -1..{len(self.trace) - 1}")
        self._position = position

    def next(self) -> bool:
        """Move one step forward; False (and no move) at the last step."""
        if self.at_end:
            return False
        self._position += 1
        return True

    def previous(self) -> bool:
        """Move one step back; False (and no move) before the first step."""
        if self.at_start:
            return False
        self._position -= 1
        return True

    def jump_to_phase(self, phase: str) -> Step:
        """Put the cursor on the first step of ``phase`` and return that step."""
        self.seek(self.trace.phase_start(phase))
        return self.current

    def reset(self) -> None:
        """Back to before the first step."""
        self._position = -1

    def known_quantities(self) -> dict[tuple, Value]:
        """The quantities computed by the steps up to and including the cursor's."""
        return {step.quantity: step.value for step in self.trace.steps[: self._position + 1]}

    def known_values(self) -> dict[tuple, Value]:
        """Everything the canvas may show at this point: the given values and the computed ones."""
        values = self.trace.given_values()
        values.update(self.known_quantities())
        return values


# ----- building ----------------------------------------------------------------------------
def build_trace(
    network: Network,
    inputs,
    targets,
    training: TrainingSettings | None = None,
    granularity: str = "neuron",
    optimizer=None,
    samples: tuple[int, ...] | None = None,
) -> Trace:
    """The steps of one training step of ``network`` on ``inputs`` against ``targets``.

    Parameters
    ----------
    network : Network
        Not changed; the trace keeps its own copy.
    inputs : array_like, shape (batch, input_size) or (input_size,)
    targets : array_like, shape (batch, output_size) or (output_size,)
    training : TrainingSettings, optional
        Optimizer and learning rate of the update (default: plain SGD, η = 0.1).
    granularity : {"neuron", "layer"}
        One step per neuron / parameter, or one step per layer and phase.
    optimizer : engine.optimizers.Optimizer, optional
        An optimizer whose state (velocity, moments) the update continues from; it is only
        peeked at, never stepped. Default: a fresh one made from ``training``.
    samples : tuple of int, optional
        The data set rows the batch came from, for display.
    """
    if granularity not in GRANULARITIES:
        raise NetworkError("granularity", f"expected one of {', '.join(GRANULARITIES)}")
    data = TraceData(
        network, inputs, targets, training or TrainingSettings(), granularity, optimizer, samples
    )
    if granularity == "layer":
        steps = _layer_steps(data)
    else:
        if _neuron_step_count(data) > MAX_NEURON_STEPS:
            raise NetworkError(
                "granularity",
                f"a neuron-by-neuron trace would have more than {MAX_NEURON_STEPS:,} steps; "
                "step through it layer by layer",
            )
        steps = _neuron_steps(data)
    return Trace(steps, data)


def trace_experiment(
    experiment: Experiment,
    samples=None,
    granularity: str = "neuron",
    optimizer=None,
) -> Trace:
    """The steps of one training step on an experiment's data.

    ``samples`` is a row index, a sequence of row indices, or None for the first batch the
    settings describe (the first ``batch_size`` rows, or all rows when ``batch_size`` is None;
    the rows are taken in file order, before any shuffling).
    """
    data = experiment.data
    if data is None or len(data) == 0:
        raise NetworkError("data", "there are no samples to step through")
    if samples is None:
        size = experiment.training.batch_size or len(data)
        samples = range(min(size, len(data)))
    elif np.ndim(samples) == 0:
        samples = [samples]
    rows = [int(s) for s in samples]
    if not rows:
        raise NetworkError("samples", "choose at least one sample")
    for row in rows:
        if not 0 <= row < len(data):
            raise NetworkError(
                "samples", f"sample {row} is not a row of the data (0…{len(data) - 1})"
            )
    return build_trace(
        experiment.network,
        data.inputs[rows],
        data.targets[rows],
        experiment.training,
        granularity,
        optimizer,
        tuple(rows),
    )


def _neuron_step_count(data: TraceData) -> int:
    sizes = data.network.sizes
    neurons = sum(sizes[1:])
    weights = data.network.parameter_count
    # z, a, δ (and ∂E/∂a), z′, a′ per neuron and sample; ∂E/∂θ and θ′ per parameter; losses
    return data.batch * (6 * neurons + 2) + 2 * weights + 2


class _StepList:
    """The steps being built, numbered in order of addition."""

    def __init__(self, data: TraceData):
        self.data = data
        self.steps: list[Step] = []

    def add(self, phase, kind, quantity, value, layer=None, neuron=None, source=None, sample=None):
        self.steps.append(
            Step(
                len(self.steps),
                phase,
                kind,
                quantity,
                value,
                layer,
                neuron,
                source,
                sample,
                self.data,
            )
        )

    def per_sample(self, phase, kind, name, lists, layer) -> None:
        """One step per sample and neuron of ``layer`` from ``lists[layer]`` (batch, n)."""
        batched = self.data.batched
        for s in range(self.data.batch):
            tail, sample = ((s,), s) if batched else ((), None)
            for j, value in enumerate(lists[layer][s]):
                self.add(phase, kind, (name, layer, j) + tail, value, layer, j, None, sample)

    def per_parameter(self, phase, kinds, names, weight_lists, bias_lists, layer) -> None:
        """For each neuron of ``layer``: a step per incoming weight, then one for its bias."""
        for j, row in enumerate(weight_lists[layer]):
            for i, value in enumerate(row):
                self.add(phase, kinds[0], (names[0], layer, j, i), value, layer, j, i)
            self.add(phase, kinds[1], (names[1], layer, j), bias_lists[layer][j], layer, j)


def _forward_steps(steps: _StepList, phase: str, new: bool) -> None:
    """Per sample, per layer, per neuron: z then a (``new``: with the updated parameters)."""
    data = steps.data
    z_kind, a_kind = ("z_new", "a_new") if new else ("z", "a")
    z_lists, a_lists = (data.new_z_lists, data.new_a_lists) if new else (data.z_lists, data.a_lists)
    for s in range(data.batch):
        sample = s if data.batched else None
        tail = (s,) if data.batched else ()
        for layer in range(len(data.network.layers)):
            z_row, a_row = z_lists[layer][s], a_lists[layer + 1][s]
            # softmax's a_j needs every z of its layer first; elsewhere a_j follows its own z_j
            if data.elementwise[layer]:
                order = [(j, which) for j in range(len(z_row)) for which in (0, 1)]
            else:
                order = [(j, which) for which in (0, 1) for j in range(len(z_row))]
            for j, which in order:
                if which == 0:
                    quantity, kind, value = (z_kind, layer, j) + tail, "pre_activation", z_row[j]
                else:
                    quantity, kind, value = (a_kind, layer, j) + tail, "activation", a_row[j]
                steps.add(phase, kind, quantity, value, layer, j, None, sample)


def _loss_steps(steps: _StepList, phase: str, new: bool) -> None:
    """Each sample's loss (in a batch), then the loss E."""
    data = steps.data
    kind = "loss_new" if new else "loss"
    if data.batched:
        sample_losses = data.new_sample_losses if new else data.sample_losses
        for s in range(data.batch):
            steps.add(phase, "sample_loss", ("sample_" + kind, s), sample_losses[s], sample=s)
    steps.add(phase, "loss", (kind,), data.new_loss if new else data.loss)


def _neuron_steps(data: TraceData) -> list[Step]:
    steps = _StepList(data)
    _forward_steps(steps, "forward", new=False)
    _loss_steps(steps, "loss", new=False)
    last = len(data.network.layers) - 1
    for layer in range(last, -1, -1):
        if data.needs_grad_activation_steps(layer):
            steps.per_sample("backward", "grad_activation", "grad_a", data.grad_a_lists, layer)
        steps.per_sample("backward", "delta", "delta", data.delta_lists, layer)
        steps.per_parameter(
            "backward",
            ("grad_weight", "grad_bias"),
            ("grad_w", "grad_b"),
            data.grad_w_lists,
            data.grad_b_lists,
            layer,
        )
    for layer in range(last, -1, -1):
        steps.per_parameter(
            "update",
            ("update_weight", "update_bias"),
            ("w_new", "b_new"),
            data.new_w_lists,
            data.new_b_lists,
            layer,
        )
    _forward_steps(steps, "check", new=True)
    _loss_steps(steps, "check", new=True)
    return steps.steps


def _layer_steps(data: TraceData) -> list[Step]:
    """One step per layer and phase, values as vectors (one sample) or matrices (a batch)."""
    steps = _StepList(data)

    def add(phase, kind, quantity, layer=None):
        steps.add(phase, kind, quantity, data.value_of(quantity), layer)

    n_layers = len(data.network.layers)
    for layer in range(n_layers):
        add("forward", "pre_activation", ("z", layer), layer)
        add("forward", "activation", ("a", layer), layer)
    add("loss", "loss", ("loss",))
    _layer_backward_and_update(data, add, n_layers)
    for layer in range(n_layers):
        add("check", "pre_activation", ("z_new", layer), layer)
        add("check", "activation", ("a_new", layer), layer)
    add("check", "loss", ("loss_new",))
    return steps.steps


def _layer_backward_and_update(data: TraceData, add, n_layers: int) -> None:
    for layer in range(n_layers - 1, -1, -1):
        if data.needs_grad_activation_steps(layer):
            add("backward", "grad_activation", ("grad_a", layer), layer)
        add("backward", "delta", ("delta", layer), layer)
        add("backward", "grad_weight", ("grad_w", layer), layer)
        add("backward", "grad_bias", ("grad_b", layer), layer)
    for layer in range(n_layers - 1, -1, -1):
        add("update", "update_weight", ("w_new", layer), layer)
        add("update", "update_bias", ("b_new", layer), layer)


__all__ = [
    "GRANULARITIES",
    "MAX_NEURON_STEPS",
    "PHASES",
    "PHASE_TITLES",
    "Explanation",
    "Step",
    "StepCursor",
    "Trace",
    "build_trace",
    "trace_experiment",
]
