"""The one vocabulary for the numbers of a training step: what kind each is, and which one.

Every number the step-through computes or reads, and every number a view asks about, is named by
a :class:`Quantity`: a :class:`Kind` (z, a, δ, ∂E/∂w, …) and, where they apply, the layer, the
neuron, the source (the neuron of the layer before, for a weight), the sample, and for optimizer
state the parameter it belongs to. The engine's layer index is used (``network.layers[layer]``)
and everything counts from 0; only text a learner reads counts neurons and samples from 1.

The kinds are string enums whose values are the names a trace's JSON has always used, so
``Quantity.to_json()`` keeps the documented shape, e.g. ``["w", 1, 0, 0]`` for w⁽²⁾₁₁ and
``["velocity", "w", 1, 0, 0]`` for its momentum velocity.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a quantity is. The value is its name in a trace's JSON."""

    INPUT = "x"
    TARGET = "t"
    PRE_ACTIVATION = "z"
    ACTIVATION = "a"
    DELTA = "delta"  # δ = ∂E/∂z
    GRAD_ACTIVATION = "grad_a"  # ∂E/∂a
    SLOPE = "slope"  # f′(z)
    WEIGHT = "w"
    BIAS = "b"
    GRAD_WEIGHT = "grad_w"
    GRAD_BIAS = "grad_b"
    NEW_WEIGHT = "w_new"
    NEW_BIAS = "b_new"
    NEW_PRE_ACTIVATION = "z_new"  # the check phase: forward again with the new parameters
    NEW_ACTIVATION = "a_new"
    LOSS = "loss"
    NEW_LOSS = "loss_new"
    SAMPLE_LOSS = "sample_loss"
    NEW_SAMPLE_LOSS = "sample_loss_new"
    # settings
    LEARNING_RATE = "learning_rate"
    MOMENTUM = "momentum"
    BETA1 = "beta1"
    BETA2 = "beta2"
    EPSILON = "epsilon"
    STEP = "step"  # Adam's step count t
    # optimizer state of one parameter (``Quantity.parameter`` says which: WEIGHT or BIAS)
    VELOCITY = "velocity"
    NEW_VELOCITY = "velocity_new"
    FIRST_MOMENT = "first_moment"
    NEW_FIRST_MOMENT = "first_moment_new"
    SECOND_MOMENT = "second_moment"
    NEW_SECOND_MOMENT = "second_moment_new"
    FIRST_MOMENT_HAT = "first_moment_hat"
    SECOND_MOMENT_HAT = "second_moment_hat"
    FREE = "free"  # 1 for a parameter the optimizer may move, 0 for a frozen one

    @property
    def per_sample(self) -> bool:
        """One value per sample of the batch (a batched reference names its sample)."""
        return self in _PER_SAMPLE

    @property
    def scalar(self) -> bool:
        """One number for the whole step (the loss, a setting)."""
        return self in _SCALAR

    @property
    def optimizer_state(self) -> bool:
        """State the optimizer keeps per parameter (velocity, Adam's moments, …)."""
        return self in _STATE

    @property
    def of_neuron(self) -> bool:
        """Names a neuron's number (input, target, z, a, δ, ∂E/∂a, f′, and their new values)."""
        return self in _NEURON

    @property
    def of_weight(self) -> bool:
        """A weight, its gradient or its new value."""
        return self in (Kind.WEIGHT, Kind.GRAD_WEIGHT, Kind.NEW_WEIGHT)

    @property
    def of_bias(self) -> bool:
        """A bias, its gradient or its new value."""
        return self in (Kind.BIAS, Kind.GRAD_BIAS, Kind.NEW_BIAS)


_PER_SAMPLE = frozenset(
    {
        Kind.INPUT,
        Kind.TARGET,
        Kind.PRE_ACTIVATION,
        Kind.ACTIVATION,
        Kind.DELTA,
        Kind.GRAD_ACTIVATION,
        Kind.SLOPE,
        Kind.NEW_PRE_ACTIVATION,
        Kind.NEW_ACTIVATION,
    }
)
_NEURON = _PER_SAMPLE
_SCALAR = frozenset(
    {
        Kind.LOSS,
        Kind.NEW_LOSS,
        Kind.LEARNING_RATE,
        Kind.MOMENTUM,
        Kind.BETA1,
        Kind.BETA2,
        Kind.EPSILON,
        Kind.STEP,
    }
)
_STATE = frozenset(
    {
        Kind.VELOCITY,
        Kind.NEW_VELOCITY,
        Kind.FIRST_MOMENT,
        Kind.NEW_FIRST_MOMENT,
        Kind.SECOND_MOMENT,
        Kind.NEW_SECOND_MOMENT,
        Kind.FIRST_MOMENT_HAT,
        Kind.SECOND_MOMENT_HAT,
        Kind.FREE,
    }
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """Which number: its kind and, where they apply, layer, neuron, source, sample, parameter.

    ``layer`` is the engine's layer index (None for inputs, targets and whole-step numbers);
    ``neuron`` the neuron within its layer (for an input or a target: its column); ``source``
    the neuron of the layer before that a weight comes from; ``sample`` the row within the
    batch, for per-sample kinds of a batch of more than one sample; ``parameter`` (WEIGHT or
    BIAS) for optimizer state. A layer-at-a-time trace names a whole layer: neuron None.
    """

    kind: Kind
    layer: int | None = None
    neuron: int | None = None
    source: int | None = None
    sample: int | None = None
    parameter: Kind | None = None

    def to_json(self) -> list:
        """The documented JSON shape: the kind, then the parameter, layer, neuron, source and
        sample that are set, in that order (``["w", 1, 0, 0]``, ``["z", 0, 2, 3]``)."""
        fields = (self.parameter, self.layer, self.neuron, self.source, self.sample)
        return [str(self.kind)] + [str(f) if isinstance(f, Kind) else f for f in fields
                                   if f is not None]

    def with_kind(self, kind: Kind) -> Quantity:
        """The same place, another kind (a weight's gradient, a neuron's new activation)."""
        return Quantity(kind, self.layer, self.neuron, self.source, self.sample, self.parameter)

    def with_sample(self, sample: int | None) -> Quantity:
        """The same quantity of another sample (None: no sample named)."""
        return Quantity(self.kind, self.layer, self.neuron, self.source, sample, self.parameter)

    def whole_layer(self) -> Quantity:
        """The layer-at-a-time name of this quantity: neuron and source dropped."""
        return Quantity(self.kind, self.layer, None, None, self.sample, self.parameter)


def weight(layer: int, neuron: int, source: int) -> Quantity:
    """w of ``network.layers[layer]`` into ``neuron`` from ``source``."""
    return Quantity(Kind.WEIGHT, layer, neuron, source)


def bias(layer: int, neuron: int) -> Quantity:
    """b of ``neuron`` of ``network.layers[layer]``."""
    return Quantity(Kind.BIAS, layer, neuron)


def neuron_quantity(kind: Kind, layer: int, neuron: int, sample: int | None = None) -> Quantity:
    """z, a, δ, ∂E/∂a, f′ (or their new values) of one neuron of ``network.layers[layer]``."""
    return Quantity(kind, layer, neuron, None, sample)


LOSS = Quantity(Kind.LOSS)
NEW_LOSS = Quantity(Kind.NEW_LOSS)
LEARNING_RATE = Quantity(Kind.LEARNING_RATE)


class Phase(StrEnum):
    """The phases of one training step, in the order the lesson tells them."""

    FORWARD = "forward"
    LOSS = "loss"
    BACKWARD = "backward"
    UPDATE = "update"
    CHECK = "check"  # the forward pass and the loss again with the new parameters

    @property
    def title(self) -> str:
        return _PHASE_TITLES[self]


_PHASE_TITLES = {
    Phase.FORWARD: "Forward pass",
    Phase.LOSS: "Loss",
    Phase.BACKWARD: "Backward pass",
    Phase.UPDATE: "Update",
    Phase.CHECK: "Forward again with the new parameters",
}


class Granularity(StrEnum):
    """How fine the step-through is: one neuron (or parameter) a step, or one layer a step."""

    NEURON = "neuron"
    LAYER = "layer"


class StopReason(StrEnum):
    """Why a training run stopped (``RunResult.stopped``)."""

    STEPS = "steps"  # every step asked for was done
    EPOCH = "epoch"  # the epoch asked for ended
    MAX_EPOCHS = "max_epochs"
    TARGET_LOSS = "target_loss"
    DIVERGED = "diverged"
