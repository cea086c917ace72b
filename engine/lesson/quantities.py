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

from engine.i18n import tr


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
        return "sample" in self.slots and self not in (Kind.SAMPLE_LOSS, Kind.NEW_SAMPLE_LOSS)

    @property
    def scalar(self) -> bool:
        """One number for the whole step (the loss, a setting)."""
        return not self.slots

    @property
    def optimizer_state(self) -> bool:
        """State the optimizer keeps per parameter (velocity, Adam's moments, …)."""
        return self.slots == _STATE

    @property
    def of_neuron(self) -> bool:
        """Names a neuron's number (input, target, z, a, δ, ∂E/∂a, f′, and their new values)."""
        return self.per_sample

    @property
    def of_weight(self) -> bool:
        """A weight, its gradient or its new value."""
        return self.slots == _WEIGHT

    @property
    def of_bias(self) -> bool:
        """A bias, its gradient or its new value."""
        return self.slots == _BIAS

    @property
    def slots(self) -> tuple[str, ...]:
        """The ``Quantity`` fields this kind names, in the order its JSON lists them."""
        return _ABOUT[self][0]

    @property
    def letter(self) -> str:
        """How a formula writes it: "z", "δ", "∂E/∂w", "η", "m̂", … (primed when ``new``)."""
        return _ABOUT[self][1]

    @property
    def layer_letter(self) -> str:
        """How a layer-at-a-time formula writes a whole layer of it ("W" for a weight matrix)."""
        return _ABOUT[self][2] or _ABOUT[self][1]

    @property
    def label_prefix(self) -> str | None:
        """Where a column's short labels stand for its activations, a neuron of this kind is
        written as this prefix and its label ("" → "y", "∂E/∂" → "∂E/∂y"); None: never."""
        return _ABOUT[self][3]

    @property
    def new(self) -> bool:
        """A value after the update (written primed: w′, z′, E′, v′)."""
        return self.value.endswith("_new")

    @property
    def updated(self) -> Kind:
        """The same quantity after the update: w → w_new, z → z_new, loss → loss_new."""
        return Kind(self.value + "_new")

    @property
    def step(self) -> StepKind | None:
        """Which kind of step computes it (None for a given or derived quantity)."""
        return _STEPS.get(self, (None, None))[0]

    @property
    def phase(self) -> Phase | None:
        """The phase whose steps compute it (None for a given or derived quantity)."""
        return _STEPS.get(self, (None, None))[1]


class StepKind(StrEnum):
    """What a step computes, and so which rule writes its formula (a trace's step "kind")."""

    PRE_ACTIVATION = "pre_activation"
    ACTIVATION = "activation"
    LOSS = "loss"
    SAMPLE_LOSS = "sample_loss"
    GRAD_ACTIVATION = "grad_activation"
    DELTA = "delta"
    GRAD_WEIGHT = "grad_weight"
    GRAD_BIAS = "grad_bias"
    UPDATE_WEIGHT = "update_weight"
    UPDATE_BIAS = "update_bias"


class Phase(StrEnum):
    """The phases of one training step, in the order the lesson tells them."""

    FORWARD = "forward"
    LOSS = "loss"
    BACKWARD = "backward"
    UPDATE = "update"
    CHECK = "check"  # the forward pass and the loss again with the new parameters

    @property
    def title(self) -> str:
        """The phase's heading in the language of the moment."""
        return _phase_titles()[self]


def _phase_titles() -> dict[Phase, str]:
    return {
        Phase.FORWARD: tr("Forward pass"),
        Phase.LOSS: tr("Loss"),
        Phase.BACKWARD: tr("Backward pass"),
        Phase.UPDATE: tr("Update"),
        Phase.CHECK: tr("Forward again with the new parameters"),
    }

# the JSON layouts: which Quantity fields a kind names
_COLUMN = ("neuron", "sample")  # an input or a target: its column, then the sample
_NEURON = ("layer", "neuron", "sample")
_WEIGHT = ("layer", "neuron", "source")
_BIAS = ("layer", "neuron")
_STATE = ("parameter", "layer", "neuron", "source")
_SAMPLE = ("sample",)
_SCALAR = ()

# kind: (slots, letter, whole-layer letter, label prefix); one row per kind
_ABOUT: dict[Kind, tuple[tuple[str, ...], str, str | None, str | None]] = {
    Kind.INPUT: (_COLUMN, "x", None, ""),
    Kind.TARGET: (_COLUMN, "t", None, None),
    Kind.PRE_ACTIVATION: (_NEURON, "z", None, None),
    Kind.ACTIVATION: (_NEURON, "a", None, ""),
    Kind.DELTA: (_NEURON, "δ", None, None),
    Kind.GRAD_ACTIVATION: (_NEURON, "∂E/∂a", None, "∂E/∂"),
    Kind.SLOPE: (_NEURON, "f′", None, None),
    Kind.WEIGHT: (_WEIGHT, "w", "W", None),
    Kind.BIAS: (_BIAS, "b", None, None),
    Kind.GRAD_WEIGHT: (_WEIGHT, "∂E/∂w", "∂E/∂W", None),
    Kind.GRAD_BIAS: (_BIAS, "∂E/∂b", None, None),
    Kind.NEW_WEIGHT: (_WEIGHT, "w", "W", None),
    Kind.NEW_BIAS: (_BIAS, "b", None, None),
    Kind.NEW_PRE_ACTIVATION: (_NEURON, "z", None, None),
    Kind.NEW_ACTIVATION: (_NEURON, "a", None, ""),
    Kind.LOSS: (_SCALAR, "E", None, None),
    Kind.NEW_LOSS: (_SCALAR, "E", None, None),
    Kind.SAMPLE_LOSS: (_SAMPLE, "E", None, None),
    Kind.NEW_SAMPLE_LOSS: (_SAMPLE, "E", None, None),
    Kind.LEARNING_RATE: (_SCALAR, "η", None, None),
    Kind.MOMENTUM: (_SCALAR, "μ", None, None),
    Kind.BETA1: (_SCALAR, "β₁", None, None),
    Kind.BETA2: (_SCALAR, "β₂", None, None),
    Kind.EPSILON: (_SCALAR, "ε", None, None),
    Kind.STEP: (_SCALAR, "t", None, None),
    Kind.VELOCITY: (_STATE, "v", None, None),
    Kind.NEW_VELOCITY: (_STATE, "v", None, None),
    Kind.FIRST_MOMENT: (_STATE, "m", None, None),
    Kind.NEW_FIRST_MOMENT: (_STATE, "m", None, None),
    Kind.SECOND_MOMENT: (_STATE, "s", None, None),
    Kind.NEW_SECOND_MOMENT: (_STATE, "s", None, None),
    Kind.FIRST_MOMENT_HAT: (_STATE, "m̂", None, None),
    Kind.SECOND_MOMENT_HAT: (_STATE, "ŝ", None, None),
    Kind.FREE: (_STATE, "unfrozen", None, None),
}

# the kinds a step computes: (its kind of step, its phase)
_STEPS: dict[Kind, tuple[StepKind, Phase]] = {
    Kind.PRE_ACTIVATION: (StepKind.PRE_ACTIVATION, Phase.FORWARD),
    Kind.ACTIVATION: (StepKind.ACTIVATION, Phase.FORWARD),
    Kind.SAMPLE_LOSS: (StepKind.SAMPLE_LOSS, Phase.LOSS),
    Kind.LOSS: (StepKind.LOSS, Phase.LOSS),
    Kind.GRAD_ACTIVATION: (StepKind.GRAD_ACTIVATION, Phase.BACKWARD),
    Kind.DELTA: (StepKind.DELTA, Phase.BACKWARD),
    Kind.GRAD_WEIGHT: (StepKind.GRAD_WEIGHT, Phase.BACKWARD),
    Kind.GRAD_BIAS: (StepKind.GRAD_BIAS, Phase.BACKWARD),
    Kind.NEW_WEIGHT: (StepKind.UPDATE_WEIGHT, Phase.UPDATE),
    Kind.NEW_BIAS: (StepKind.UPDATE_BIAS, Phase.UPDATE),
    Kind.NEW_PRE_ACTIVATION: (StepKind.PRE_ACTIVATION, Phase.CHECK),
    Kind.NEW_ACTIVATION: (StepKind.ACTIVATION, Phase.CHECK),
    Kind.NEW_SAMPLE_LOSS: (StepKind.SAMPLE_LOSS, Phase.CHECK),
    Kind.NEW_LOSS: (StepKind.LOSS, Phase.CHECK),
}


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
        """The documented JSON shape: the kind, then the fields its kind names (``Kind.slots``:
        parameter, layer, neuron, source, sample) that are set, in that order (``["w", 1, 0,
        0]``, ``["z", 0, 2, 3]``, ``["velocity", "b", 1, 0]``, ``["loss"]``)."""
        fields = (self.parameter, self.layer, self.neuron, self.source, self.sample)
        return [str(self.kind)] + [str(f) if isinstance(f, Kind) else f for f in fields
                                   if f is not None]

    @classmethod
    def from_json(cls, parts) -> Quantity:
        """The quantity ``to_json`` wrote: ``from_json(["w", 1, 0, 0])`` is w of
        ``network.layers[1]`` into neuron 0 from neuron 0. ValueError for anything else."""
        try:
            kind = Kind(parts[0])
            slots = kind.slots
            if len(parts) - 1 > len(slots):
                raise ValueError
            fields = dict(zip(slots, parts[1:], strict=False))
            if "parameter" in fields:
                fields["parameter"] = Kind(fields["parameter"])
            return cls(kind, **{k: v if k == "parameter" else int(v) for k, v in fields.items()})
        except (ValueError, TypeError, IndexError):
            raise ValueError(f"no quantity {list(parts)!r}") from None

    def with_kind(self, kind: Kind) -> Quantity:
        """The same place, another kind (a weight's gradient, a neuron's new activation)."""
        return Quantity(kind, self.layer, self.neuron, self.source, self.sample, self.parameter)

    def with_sample(self, sample: int | None) -> Quantity:
        """The same quantity of another sample (None: no sample named)."""
        return Quantity(self.kind, self.layer, self.neuron, self.source, sample, self.parameter)

    def whole_layer(self) -> Quantity:
        """The layer-at-a-time name of this quantity: neuron, source and sample dropped (a layer
        step's value holds every neuron, and in a batch every sample); a sample's loss → E."""
        if self.kind in (Kind.SAMPLE_LOSS, Kind.NEW_SAMPLE_LOSS):
            return Quantity(Kind.NEW_LOSS if self.kind.new else Kind.LOSS)
        return Quantity(self.kind, self.layer, None, None, None, self.parameter)


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

    @property
    def early(self) -> bool:
        """Stopped by itself before the steps asked for: the target loss or the epoch limit."""
        return self in (StopReason.TARGET_LOSS, StopReason.MAX_EPOCHS)
