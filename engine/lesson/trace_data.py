"""The numbers behind one step-through, computed once by the engine and looked up by reference.

``TraceData`` runs ``Network.forward``, ``Network.backward`` and the optimizer's ``peek_layers``
on its own copy of the network, then answers "what is the value of w⁽²⁾₁₁ (``Quantity(Kind.WEIGHT,
1, 0, 0)``)?" and "how is it written?" for the step records and their formulas. The optimizer's
state (velocity, Adam's moments) is the optimizer's own, current and would-be: nothing is
recomputed here. How each kind is written lives with the kind (``engine.lesson.quantities``).
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.lesson.formula import WEIGHTED_SUM, Symbol, Value, display_value, to_value
from engine.lesson.names import label_columns, parameter_names_used
from engine.lesson.quantities import Granularity, Kind, Quantity
from engine.model.activations import get_activation
from engine.model.experiment import TrainingSettings
from engine.model.losses import get_loss, reduction_scale
from engine.model.network import Network
from engine.training.optimizers import make_optimizer

# how a parameter's name is written, by kind: "w", "∂E/∂w", "w′" (primed as new)
_PARAMETER_PREFIX = {Kind.WEIGHT: "", Kind.BIAS: "", Kind.NEW_WEIGHT: "", Kind.NEW_BIAS: "",
                     Kind.GRAD_WEIGHT: "∂E/∂", Kind.GRAD_BIAS: "∂E/∂"}


class TraceData:
    """Every number of one training step on one batch, and how each is named and written.

    Parameters
    ----------
    network : Network
        Copied; the original is never changed.
    inputs : array_like, shape (batch, input_size)
    targets : array_like, shape (batch, output_size)
    training : TrainingSettings
    granularity : Granularity
    optimizer : engine.training.optimizers.Optimizer or None
        Peeked at for the update (its state is the starting state); None: a fresh one.
    samples : tuple of int or None
        Rows of the data set the batch came from, for display only.
    after : engine.training.trainer.Trainer or None
        A trainer that has just taken this step (a copy of the one training uses): the new
        parameters and optimizer state are then its own, bit for bit what training applies
        (the trace's own sum of ∂E/∂θ may differ from the trainer's in the last bit).
    """

    def __init__(
        self,
        network: Network,
        inputs,
        targets,
        training: TrainingSettings,
        granularity: Granularity,
        optimizer=None,
        samples=None,
        after=None,
    ):
        self.network = network.copy()
        self.training = training
        self.granularity = Granularity(granularity)
        self.inputs, self.targets = self._checked_batch(inputs, targets)
        self.batch = self.inputs.shape[0]
        self.batched = self.batch > 1
        self.samples = tuple(samples) if samples is not None else tuple(range(self.batch))
        self.scale = reduction_scale(self.network.reduction, self.batch)
        self.elementwise = [get_activation(la.activation).elementwise for la in self.network.layers]
        self.forward = self.network.forward(self.inputs)
        self.gradients = self.network.backward(self.forward, self.targets, need_input_grad=False)
        self.loss = self.gradients.loss
        self.sample_losses = self.gradients.sample_losses.tolist()
        if optimizer is None:
            optimizer = make_optimizer(training, self.network.parameter_count)
        self.optimizer = optimizer
        # the optimizer's state per layer, (W-shaped, b-shaped): current and would-be
        self.state = {
            kind: [(w.copy(), b.copy()) for w, b in pairs]
            for kind, pairs in optimizer.state_layers(self.network.layers).items()
        }
        new_parameters, new_state = optimizer.peek_layers(self.network.layers, self.gradients)
        self.state.update(new_state)
        self.new_network = self.network.copy()
        if after is not None:  # the trainer's own step: what training applies, bit for bit
            new_parameters = [(la.weights.copy(), la.biases.copy()) for la in after.network.layers]
            for kind, pairs in after.optimizer.state_layers(after.network.layers).items():
                self.state[kind.updated] = [(w.copy(), b.copy()) for w, b in pairs]
        for layer, (weights, biases) in zip(self.new_network.layers, new_parameters, strict=True):
            layer.weights, layer.biases = weights, biases
        self.new_forward = self.new_network.forward(self.inputs)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            new_losses = get_loss(self.network.loss).per_sample(
                self.new_forward.output, self.targets
            )
        self.new_sample_losses = new_losses.tolist()
        self.new_loss = float(new_losses.sum()) * self.scale

    def _checked_batch(self, inputs, targets):
        x = np.array(inputs, dtype=np.float64, ndmin=2)
        t = np.array(targets, dtype=np.float64, ndmin=2)
        net = self.network
        if x.ndim != 2 or x.shape[1] != net.input_size or x.shape[0] == 0:
            raise NetworkError(
                "inputs", tr("expected rows of {n} numbers, got shape {shape}",
                             n=net.input_size, shape=x.shape)
            )
        if t.shape != (x.shape[0], net.output_size):
            raise NetworkError(
                "targets",
                tr("expected {rows} rows of {n} numbers, got shape {shape}", rows=x.shape[0],
                   n=net.output_size, shape=t.shape),
            )
        return x, t

    # ----- the optimizer ---------------------------------------------------------------------
    @property
    def optimizer_name(self) -> str:
        return self.optimizer.name

    @property
    def momentum(self) -> float:
        return getattr(self.optimizer, "momentum", 0.0)

    def optimizer_description(self) -> str:
        opt = self.optimizer
        rate = display_value(opt.learning_rate)
        if opt.name == "adam":
            return tr("adam (β₁ = {beta1}, β₂ = {beta2}, ε = {epsilon}), learning rate η = "
                      "{rate}, update number {number}", beta1=display_value(opt.beta1),
                      beta2=display_value(opt.beta2), epsilon=display_value(opt.epsilon),
                      rate=rate, number=opt.step_count + 1)
        if self.momentum:
            return tr("sgd with momentum μ = {momentum}, learning rate η = {rate}",
                      momentum=display_value(self.momentum), rate=rate)
        return tr("sgd (plain gradient descent), learning rate η = {rate}", rate=rate)

    def sample_description(self) -> str:
        if not self.batched:
            return tr("sample {number}: x = {x}, t = {t}", number=self.samples[0] + 1,
                      x=display_value(to_value(self.inputs[0])),
                      t=display_value(to_value(self.targets[0])))
        rows = ", ".join(str(s + 1) for s in self.samples)
        return tr("batch of {n} samples (rows {rows}), reduction {reduction}", n=self.batch,
                  rows=rows, reduction=self.network.reduction)

    def _state_array(self, kind: Kind, parameter: Kind, layer: int) -> np.ndarray:
        which = 0 if parameter is Kind.WEIGHT else 1
        if kind is Kind.FREE:
            frozen = self.network.layers[layer]
            mask = frozen.frozen_weights if which == 0 else frozen.frozen_biases
            return (~mask).astype(np.float64)
        if kind is Kind.VELOCITY and kind not in self.state:  # no momentum: no velocity yet
            layer_ = self.network.layers[layer]
            return np.zeros_like(layer_.biases if which else layer_.weights)
        return self.state[kind][layer][which]

    # ----- arrays and values -----------------------------------------------------------------
    def array(self, kind: Kind, layer: int | None = None) -> np.ndarray:
        """The engine's array for ``kind`` (per-sample kinds have shape (batch, n))."""
        fwd, grads, new_fwd = self.forward, self.gradients, self.new_forward
        if kind is Kind.INPUT:
            return self.inputs
        if kind is Kind.TARGET:
            return self.targets
        per_layer = {
            Kind.PRE_ACTIVATION: lambda: fwd.pre_activations[layer],
            Kind.ACTIVATION: lambda: fwd.activations[layer + 1],
            Kind.DELTA: lambda: grads.deltas[layer],
            Kind.GRAD_ACTIVATION: lambda: grads.grad_activations[layer],
            Kind.SLOPE: lambda: self.slope(layer),
            Kind.NEW_PRE_ACTIVATION: lambda: new_fwd.pre_activations[layer],
            Kind.NEW_ACTIVATION: lambda: new_fwd.activations[layer + 1],
            Kind.WEIGHT: lambda: self.network.layers[layer].weights,
            Kind.BIAS: lambda: self.network.layers[layer].biases,
            Kind.GRAD_WEIGHT: lambda: grads.grad_weights[layer],
            Kind.GRAD_BIAS: lambda: grads.grad_biases[layer],
            Kind.NEW_WEIGHT: lambda: self.new_network.layers[layer].weights,
            Kind.NEW_BIAS: lambda: self.new_network.layers[layer].biases,
        }
        return per_layer[kind]()

    def slope(self, layer: int) -> np.ndarray:
        """f′(z) of an elementwise activation, shape (batch, n)."""
        activation = get_activation(self.network.layers[layer].activation)
        z, a = self.forward.pre_activations[layer], self.forward.activations[layer + 1]
        return activation.derivative(z, a)

    def scalar(self, kind: Kind) -> float:
        opt = self.optimizer
        values = {
            Kind.LOSS: lambda: self.loss,
            Kind.NEW_LOSS: lambda: self.new_loss,
            Kind.LEARNING_RATE: lambda: opt.learning_rate,
            Kind.MOMENTUM: lambda: self.momentum,
            Kind.BETA1: lambda: opt.beta1,
            Kind.BETA2: lambda: opt.beta2,
            Kind.EPSILON: lambda: opt.epsilon,
            Kind.STEP: lambda: float(opt.step_count + 1),
        }
        return float(values[kind]())

    def value_of(self, quantity: Quantity) -> Value:
        """The value of ``quantity`` in this trace: a float, or nested tuples for a layer's
        vector or matrix (a neuron of a batch named without its sample: one per sample)."""
        kind = quantity.kind
        try:
            if kind.scalar:
                return self.scalar(kind)
            if kind is Kind.SAMPLE_LOSS:
                return self.sample_losses[quantity.sample]
            if kind is Kind.NEW_SAMPLE_LOSS:
                return self.new_sample_losses[quantity.sample]
            if kind.optimizer_state:
                array = self._state_array(kind, quantity.parameter, quantity.layer)
            else:
                array = self.array(kind, quantity.layer)
            indices = _indices(quantity)
            if kind.per_sample:
                if quantity.sample is not None:
                    array = array[quantity.sample]
                elif not self.batched:
                    array = array[0]
                elif indices:  # a neuron of a batch: its value in every sample
                    return to_value(array[(slice(None), *indices)])
            return to_value(array[indices] if indices else array)
        except (KeyError, IndexError, TypeError, AttributeError) as error:
            raise KeyError(f"no quantity {quantity.to_json()!r} in this trace") from error

    def reference(
        self, kind: Kind, layer: int | None = None, neuron: int | None = None, sample=None
    ) -> Quantity:
        """A quantity in this trace's convention: the sample is named in a neuron-by-neuron
        trace of a batch, and only there."""
        if sample is not None and self.batched and self.granularity is Granularity.NEURON:
            return Quantity(kind, layer, neuron, None, sample)
        return Quantity(kind, layer, neuron)

    @cached_property
    def named_columns(self) -> tuple[bool, ...]:
        """Per column, whether its labels stand for its activations (see ``label_columns``)."""
        return label_columns(self.network)

    @cached_property
    def named_parameters(self) -> bool:
        """Whether the file's parameter names stand for the parameters in formulas (see
        ``parameter_names_used``)."""
        return parameter_names_used(self.network, bool(self.momentum))

    def symbol(self, quantity: Quantity) -> Symbol:
        """The named, valued symbol for ``quantity``, e.g. w of layers[1] → w⁽²⁾₁₁ = 1, or
        the learner's names: "y", "net_z", "∂E/∂v", "w′"."""
        kind, layer = quantity.kind, quantity.layer
        name = kind.layer_letter if self.names_whole(quantity) else kind.letter
        indices = _indices(quantity)
        if kind in _PARAMETER_PREFIX:
            label = self._parameter_label(kind, layer, indices)
            named = label is not None
            name = _PARAMETER_PREFIX[kind] + label if named else name
        else:
            label = self._label(kind, layer, indices)
            prefix = _NEURON_PREFIX.get(kind, kind.label_prefix)
            named = label is not None and prefix is not None and self._named(kind, layer)
            if named:
                name = "f′" if kind is Kind.SLOPE else prefix + label
        return Symbol(
            name,
            self.value_of(quantity),
            quantity,
            layer,
            indices,
            quantity.sample,
            kind.new,
            label,
            named,
        )

    def names_whole(self, quantity: Quantity) -> bool:
        """Whether ``quantity`` is a whole layer's vector or matrix (written W, Z, Δ): in a
        layer-at-a-time trace every quantity but a number, in a big batch's trace the layer
        steps of the samples after the first (see ``engine.lesson.stepper``)."""
        if self.granularity is Granularity.LAYER:
            return True
        kind = quantity.kind
        return quantity.neuron is None and not kind.scalar and not (
            kind in (Kind.SAMPLE_LOSS, Kind.NEW_SAMPLE_LOSS) or kind.optimizer_state)

    def _named(self, kind: Kind, layer) -> bool:
        column = 0 if kind is Kind.INPUT else layer + 1
        return self.named_columns[column]

    def _label(self, kind: Kind, layer, indices) -> str | None:
        if not indices:
            return None
        net = self.network
        if kind is Kind.INPUT:
            labels = net.input_labels
        elif kind is Kind.TARGET:
            labels = net.layers[-1].labels
        elif kind.of_weight or layer is None or kind.optimizer_state:
            return None
        else:
            labels = net.layers[layer].labels
        return labels[indices[0]] if labels else None

    def _parameter_label(self, kind: Kind, layer, indices) -> str | None:
        """A weight's or bias's own name, where the names stand in formulas; else None."""
        if not indices or not self.named_parameters or self.granularity is Granularity.LAYER:
            return None
        parameters = self.network.layers[layer]
        if kind.of_weight:
            return parameters.weight_label(*indices)
        return parameters.bias_label(indices[0])

    def needs_grad_activation_steps(self, layer: int) -> bool:
        """Whether δ of ``layer`` needs ∂E/∂a first: a softmax not fused with its loss."""
        activation = self.network.layers[layer].activation
        if get_activation(activation).elementwise:
            return False
        is_output = layer == len(self.network.layers) - 1
        return not (is_output and get_loss(self.network.loss).fused_activation == activation)

    def given_values(self) -> dict[Quantity, Value]:
        """Inputs, targets, parameters and settings, by quantity, before any step."""
        settings = [Kind.LEARNING_RATE]
        if self.momentum:
            settings.append(Kind.MOMENTUM)
        if self.optimizer_name == "adam":
            settings += [Kind.BETA1, Kind.BETA2, Kind.EPSILON]
        values: dict[Quantity, Value] = {Quantity(kind): self.scalar(kind) for kind in settings}
        if self.granularity is Granularity.LAYER:
            wholes = [Quantity(Kind.INPUT), Quantity(Kind.TARGET)]
            for index in range(len(self.network.layers)):
                wholes += [Quantity(Kind.WEIGHT, index), Quantity(Kind.BIAS, index)]
            values.update((q, self.value_of(q)) for q in wholes)
            return values
        for kind, array in ((Kind.INPUT, self.inputs), (Kind.TARGET, self.targets)):
            for s, row in enumerate(array.tolist()):
                for i, value in enumerate(row):
                    values[self.reference(kind, None, i, sample=s)] = value
        for index, layer in enumerate(self.network.layers):
            for j, row in enumerate(layer.weights.tolist()):
                for i, value in enumerate(row):
                    values[Quantity(Kind.WEIGHT, index, j, i)] = value
            for j, value in enumerate(layer.biases.tolist()):
                values[Quantity(Kind.BIAS, index, j)] = value
        return values

    # ----- fast lists for building neuron steps ----------------------------------------------
    @cached_property
    def z_lists(self) -> list:
        return [z.tolist() for z in self.forward.pre_activations]

    @cached_property
    def a_lists(self) -> list:
        return [a.tolist() for a in self.forward.activations]

    @cached_property
    def new_z_lists(self) -> list:
        return [z.tolist() for z in self.new_forward.pre_activations]

    @cached_property
    def new_a_lists(self) -> list:
        return [a.tolist() for a in self.new_forward.activations]

    @cached_property
    def delta_lists(self) -> list:
        return [d.tolist() for d in self.gradients.deltas]

    @cached_property
    def grad_a_lists(self) -> list:
        return [g.tolist() for g in self.gradients.grad_activations]

    @cached_property
    def grad_w_lists(self) -> list:
        return [g.tolist() for g in self.gradients.grad_weights]

    @cached_property
    def grad_b_lists(self) -> list:
        return [g.tolist() for g in self.gradients.grad_biases]

    @cached_property
    def new_w_lists(self) -> list:
        return [layer.weights.tolist() for layer in self.new_network.layers]

    @cached_property
    def new_b_lists(self) -> list:
        return [layer.biases.tolist() for layer in self.new_network.layers]


# a named neuron's weighted sum is "net_z"; its slope f′(net_z) (see ``Symbol.inner``)
_NEURON_PREFIX = {Kind.PRE_ACTIVATION: WEIGHTED_SUM, Kind.NEW_PRE_ACTIVATION: WEIGHTED_SUM,
                  Kind.SLOPE: WEIGHTED_SUM}


def _indices(quantity: Quantity) -> tuple[int, ...]:
    """The neuron (and source) a quantity names, as array indices: () for a whole layer."""
    if quantity.neuron is None:
        return ()
    if quantity.source is None:
        return (quantity.neuron,)
    return (quantity.neuron, quantity.source)
