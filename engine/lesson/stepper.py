"""The step-through: one training step as an ordered list of immutable step records.

For one sample (or one batch) the engine runs its own forward pass, backward pass and optimizer
(``Network.forward``, ``Network.backward``, ``Optimizer.peek_layers``) once, and this module
lays the numbers those computed out as steps (``engine.lesson.steps``), in the order the lesson
tells them:

- ``forward``: per neuron z = Σ w·a + b, then a = f(z) (or per layer, z = a Wᵀ + b);
- ``loss``: E from the outputs and the targets;
- ``backward``: per layer from the output down, δ of each neuron, then ∂E/∂w = δ·a (the notes'
  "∂E/∂w = ∂E/∂b × the value on the wire") and ∂E/∂b = δ of each of its parameters;
- ``update``: each parameter's new value, w′ = w − η·∂E/∂w for plain gradient descent;
- ``check``: the forward pass and the loss again with the new parameters.

A record holds the quantity it produces and its value; its formula, the quantities it reads and
its explanation are built from the same numbers only when first asked for, so the list for a
2-8-8-1 network builds in well under a millisecond. Going back is moving a
:class:`~engine.lesson.steps.StepCursor`, never recomputing.

Every number is named by a :class:`~engine.lesson.quantities.Quantity`: a kind and, where they
apply, the engine's layer index (``network.layers[l]``), the neuron, the source neuron of a weight,
the sample, and for optimizer state the parameter. Everything counts from 0; only the text a
learner reads counts neurons from 1 (see ``engine.lesson.formula``). A layer-at-a-time trace names
whole layers (no neuron, source or sample); in a neuron-by-neuron trace of a batch of more than
one sample, the per-sample quantities (x, t, z, a, delta, grad_a, z_new, a_new) name their
sample, and ``sample_loss`` is one sample's loss. A batch of more than
``MAX_SAMPLES_BY_NEURON`` samples is stepped sample 1 neuron by neuron, then each layer's z, a
(and δ) for the whole batch in one step (named as in a layer-at-a-time trace); every sample's
loss and every ∂E/∂θ, the sum over all the samples, keep a step each.

The JSON of a trace (``Trace.to_dict``, ``main.py trace --json``) is one object::

    {"indexing": "0-based: …", "granularity": "neuron" | "layer", "network": "…",
     "loss": "half_sse", "reduction": "sum" | "mean", "optimizer": "…", "samples": [0, …],
     "steps": [{"index", "phase", "kind", "layer", "neuron", "source", "sample",
                "quantity", "value", "reads", "formula", "symbolic", "numbers", "text",
                "explanation"}, …]}

(``main.py trace`` adds "file"). ``phase`` is forward, loss, backward, update or check;
``kind`` the kind of step (pre_activation, activation, sample_loss, loss, grad_activation,
delta, grad_weight, grad_bias, update_weight, update_bias). A quantity is a list: its kind
(``Kind``'s value: "x", "t", "z", "a", "delta", "grad_a", "slope", "w", "b", "grad_w",
"grad_b", "w_new", "b_new", "z_new", "a_new", "loss", "loss_new", "sample_loss",
"sample_loss_new", "learning_rate", "momentum", "beta1", "beta2", "epsilon", "step", or
optimizer state "velocity", "velocity_new", "first_moment", "first_moment_new",
"second_moment", "second_moment_new", "first_moment_hat", "second_moment_hat", "free"), then
the parameter ("w" or "b", for optimizer state), layer, neuron, source and sample that apply,
in that order (``Quantity.to_json``): ``["x", 0]``, ``["t", 0, 2]``, ``["z", 1, 0]``,
``["a", 0, 1, 3]`` (sample 3), ``["w", 1, 0, 0]``, ``["b_new", 0, 1]``, ``["z", 1]`` (a whole
layer), ``["loss"]``, ``["sample_loss", 2]``, ``["velocity", "w", 1, 0, 0]``. ``reads`` lists
the quantities the step's numbers are computed from. ``value`` is a number, or nested lists
for a layer (non-finite values are the strings "nan", "inf", "-inf"). ``formula`` is
{"lhs": symbol, "relation": "=", "forms": [[token, …], …]}, each token
{"type": "symbol", "name", "text", "value", "ref" (a quantity), "layer", "subscripts",
"sample", "new", "label", "named"}, {"type": "operator", "text"} or
{"type": "constant", "value", "text"}.
"""

from __future__ import annotations

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.lesson.quantities import Granularity, Kind, Quantity
from engine.lesson.steps import Step, Trace
from engine.lesson.trace_data import TraceData
from engine.model.experiment import Experiment, TrainingSettings
from engine.model.network import Network
from engine.training.trainer import Trainer

MAX_NEURON_STEPS = 200_000  # beyond this, a neuron-by-neuron list is no lesson: use "layer"
# a bigger batch is stepped sample 1 neuron by neuron, then each layer for the whole batch at once
MAX_SAMPLES_BY_NEURON = 4
# beyond this many numbers (parameters + samples × neurons) a trace is refused: its text would be
# tens of megabytes no one reads, and writing one layer's step takes memory in proportion
MAX_TRACE_VALUES = 500_000


def trace_values(network: Network, batch: int) -> int:
    """How many numbers a trace of one step on ``batch`` samples is about: every parameter, and
    for each sample every neuron's value (the inputs included)."""
    return network.parameter_count + batch * sum(network.sizes)


def check_trace_size(network: Network, batch: int) -> None:
    """NetworkError("network") if a trace of ``network`` on ``batch`` samples is over the limit."""
    values = trace_values(network, batch)
    if values > MAX_TRACE_VALUES:
        raise NetworkError(
            "network",
            tr("a trace of one step here is about {values:,} numbers (parameters + samples × "
               "neurons), more than the limit of {limit:,}: step through a smaller network or "
               "batch", values=values, limit=MAX_TRACE_VALUES),
        )


def build_trace(
    network: Network,
    inputs,
    targets,
    training: TrainingSettings | None = None,
    granularity: Granularity = Granularity.NEURON,
    optimizer=None,
    samples: tuple[int, ...] | None = None,
    after=None,
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
    optimizer : engine.training.optimizers.Optimizer, optional
        An optimizer whose state (velocity, moments) the update continues from; it is only
        peeked at, never stepped. Default: a fresh one made from ``training``.
    samples : tuple of int, optional
        The data set rows the batch came from, for display.
    after : engine.training.trainer.Trainer, optional
        A copy of the training's trainer that has just taken this step: the update's new
        values are then its own (see ``trace_training_step``).
    """
    if granularity not in tuple(Granularity):
        raise NetworkError("granularity", tr("expected one of {choices}",
                                              choices=", ".join(Granularity)))
    batch = len(inputs) if np.ndim(inputs) == 2 else 1
    check_trace_size(network, batch)  # before anything is computed or copied
    if granularity == Granularity.NEURON and _neuron_step_count(network, batch) > MAX_NEURON_STEPS:
        raise NetworkError(
            "granularity",
            tr("a neuron-by-neuron trace would have more than {limit:,} steps; step through it "
               "layer by layer", limit=MAX_NEURON_STEPS),
        )
    data = TraceData(
        network, inputs, targets, training or TrainingSettings(), granularity, optimizer, samples,
        after,
    )
    steps = _layer_steps(data) if data.granularity is Granularity.LAYER else _neuron_steps(data)
    return Trace(steps, data)


def trace_experiment(
    experiment: Experiment,
    samples=None,
    granularity: Granularity = Granularity.NEURON,
    optimizer=None,
    after=None,
) -> Trace:
    """The steps of one training step on an experiment's data.

    ``samples`` is a row index, a sequence of row indices, or None for the first batch the
    settings describe (the first ``batch_size`` rows, or all rows when ``batch_size`` is None;
    the rows are taken in file order, before any shuffling).
    """
    data = experiment.data
    if data is None or len(data) == 0:
        raise NetworkError("data", tr("there are no samples to step through"))
    if samples is None:
        size = experiment.training.batch_size or len(data)
        samples = range(min(size, len(data)))
    elif np.ndim(samples) == 0:
        samples = [samples]
    rows = [int(s) for s in samples]
    if not rows:
        raise NetworkError("samples", tr("choose at least one sample"))
    for row in rows:
        if not 0 <= row < len(data):
            raise NetworkError(
                "samples", tr("sample {row} is not a row of the data (0…{last})", row=row,
                              last=len(data) - 1)
            )
    return build_trace(
        experiment.network,
        data.inputs[rows],
        data.targets[rows],
        experiment.training,
        granularity,
        optimizer,
        tuple(rows),
        after,
    )


def trace_training_step(
    experiment: Experiment, trainer: Trainer | None = None, granularity=Granularity.NEURON
) -> Trace:
    """The steps of the step training takes next: the one ``trainer.step()`` would take.

    The batch is ``trainer.next_batch()`` (the current batch of the current epoch, in the
    training order, shuffling included), the optimizer state (velocity, Adam's moments and
    step count) the trainer's, and the update's new parameters and state come from one step of
    a copy of the trainer (``Trainer.copy``), so they are bit for bit what training applies.
    Nothing of ``trainer`` or ``experiment`` changes. ``trainer`` None: a new trainer on a
    copy of ``experiment`` (the first step of a run). ``trainer`` trains ``experiment``'s
    network (or an equal one).
    """
    if trainer is None:
        check_trace_size(experiment.network, 1)  # before copying a network over the limit
        trainer = Trainer(experiment.copy())
    rows = trainer.next_batch()
    check_trace_size(experiment.network, len(rows))  # before the twin's step
    twin = trainer.copy()
    twin.step()
    return trace_experiment(experiment, rows, granularity, trainer.optimizer, twin)


def _samples_by_neuron(data: TraceData) -> int:
    """How many samples of the batch are stepped neuron by neuron (the rest layer by layer)."""
    return _samples_stepped_by_neuron(data.batch)


def _samples_stepped_by_neuron(batch: int) -> int:
    return batch if batch <= MAX_SAMPLES_BY_NEURON else 1


def _neuron_step_count(network: Network, batch: int) -> int:
    neurons = sum(network.sizes[1:])
    # z, a, δ (and ∂E/∂a), z′, a′ per neuron and sample; ∂E/∂θ and θ′ per parameter; losses
    return (_samples_stepped_by_neuron(batch) * 6 * neurons + 2 * batch
            + 2 * network.parameter_count + 2)


class _StepList:
    """The steps being built, numbered in order of addition."""

    def __init__(self, data: TraceData):
        self.data = data
        self.steps: list[Step] = []

    def add(self, quantity: Quantity, value=None) -> None:
        """A step for ``quantity``; ``value`` None: looked up in the trace's data when first
        used (a whole layer's numbers are not copied into the step list)."""
        self.steps.append(Step(len(self.steps), quantity, value, self.data))

    def add_whole(self, kind: Kind, layer: int | None = None) -> None:
        """One step for ``layer``'s whole (batch, n) array of ``kind`` (or a scalar's)."""
        self.add(Quantity(kind, layer))

    def per_sample(self, kind: Kind, lists, layer: int) -> None:
        """One step per sample and neuron of ``layer`` from ``lists[layer]`` (batch, n); in a
        big batch for sample 1, then one for the whole batch."""
        batched = self.data.batched
        for s in range(_samples_by_neuron(self.data)):
            sample = s if batched else None
            for j, value in enumerate(lists[layer][s]):
                self.add(Quantity(kind, layer, j, None, sample), value)
        if _samples_by_neuron(self.data) < self.data.batch:
            self.add_whole(kind, layer)

    def per_parameter(self, kinds, weight_lists, bias_lists, layer: int) -> None:
        """For each neuron of ``layer``: a step per incoming weight, then one for its bias."""
        weight, bias = kinds
        for j, row in enumerate(weight_lists[layer]):
            for i, value in enumerate(row):
                self.add(Quantity(weight, layer, j, i), value)
            self.add(Quantity(bias, layer, j), bias_lists[layer][j])


def _forward_steps(steps: _StepList, new: bool) -> None:
    """Per sample, per layer, per neuron: z then a (``new``: with the updated parameters); in a
    big batch sample 1 so, then per layer z and a of the whole batch."""
    data = steps.data
    if new:
        z_kind, a_kind = Kind.NEW_PRE_ACTIVATION, Kind.NEW_ACTIVATION
        z_lists, a_lists = data.new_z_lists, data.new_a_lists
    else:
        z_kind, a_kind = Kind.PRE_ACTIVATION, Kind.ACTIVATION
        z_lists, a_lists = data.z_lists, data.a_lists
    for s in range(_samples_by_neuron(data)):
        sample = s if data.batched else None
        for layer in range(len(data.network.layers)):
            z_row, a_row = z_lists[layer][s], a_lists[layer + 1][s]
            # softmax's a_j needs every z of its layer first; elsewhere a_j follows its own z_j
            if data.elementwise[layer]:
                order = [(j, which) for j in range(len(z_row)) for which in (0, 1)]
            else:
                order = [(j, which) for which in (0, 1) for j in range(len(z_row))]
            for j, which in order:
                if which == 0:
                    steps.add(Quantity(z_kind, layer, j, None, sample), z_row[j])
                else:
                    steps.add(Quantity(a_kind, layer, j, None, sample), a_row[j])
    if _samples_by_neuron(data) < data.batch:
        for layer in range(len(data.network.layers)):
            steps.add_whole(z_kind, layer)
            steps.add_whole(a_kind, layer)


def _loss_steps(steps: _StepList, new: bool) -> None:
    """Each sample's loss (in a batch), then the loss E."""
    data = steps.data
    if data.batched:
        kind = Kind.NEW_SAMPLE_LOSS if new else Kind.SAMPLE_LOSS
        sample_losses = data.new_sample_losses if new else data.sample_losses
        for s in range(data.batch):
            steps.add(Quantity(kind, sample=s), sample_losses[s])
    steps.add(Quantity(Kind.NEW_LOSS if new else Kind.LOSS), data.new_loss if new else data.loss)


def _neuron_steps(data: TraceData) -> list[Step]:
    steps = _StepList(data)
    _forward_steps(steps, new=False)
    _loss_steps(steps, new=False)
    last = len(data.network.layers) - 1
    for layer in range(last, -1, -1):
        if data.needs_grad_activation_steps(layer):
            steps.per_sample(Kind.GRAD_ACTIVATION, data.grad_a_lists, layer)
        steps.per_sample(Kind.DELTA, data.delta_lists, layer)
        steps.per_parameter(
            (Kind.GRAD_WEIGHT, Kind.GRAD_BIAS), data.grad_w_lists, data.grad_b_lists, layer
        )
    for layer in range(last, -1, -1):
        steps.per_parameter(
            (Kind.NEW_WEIGHT, Kind.NEW_BIAS), data.new_w_lists, data.new_b_lists, layer
        )
    _forward_steps(steps, new=True)
    _loss_steps(steps, new=True)
    return steps.steps


def _layer_steps(data: TraceData) -> list[Step]:
    """One step per layer and phase, values as vectors (one sample) or matrices (a batch)."""
    steps = _StepList(data)
    add = steps.add_whole
    n_layers = len(data.network.layers)
    for layer in range(n_layers):
        add(Kind.PRE_ACTIVATION, layer)
        add(Kind.ACTIVATION, layer)
    add(Kind.LOSS)
    for layer in range(n_layers - 1, -1, -1):
        if data.needs_grad_activation_steps(layer):
            add(Kind.GRAD_ACTIVATION, layer)
        for kind in (Kind.DELTA, Kind.GRAD_WEIGHT, Kind.GRAD_BIAS):
            add(kind, layer)
    for layer in range(n_layers - 1, -1, -1):
        add(Kind.NEW_WEIGHT, layer)
        add(Kind.NEW_BIAS, layer)
    for layer in range(n_layers):
        add(Kind.NEW_PRE_ACTIVATION, layer)
        add(Kind.NEW_ACTIVATION, layer)
    add(Kind.NEW_LOSS)
    return steps.steps


__all__ = [
    "MAX_NEURON_STEPS", "MAX_TRACE_VALUES", "build_trace", "check_trace_size", "trace_experiment",
    "trace_training_step", "trace_values",
]
