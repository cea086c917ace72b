"""The numbers behind one step-through, computed once by the engine and looked up by reference.

``TraceData`` runs ``Network.forward``, ``Network.backward`` and the optimizer's ``peek_layers``
on its own copy of the network, then answers "what is the value of ('w', 1, 0, 0)?" and "how is
it written?" for the step records and their formulas (see ``engine.stepper`` for the reference
tuples).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

import numpy as np

from engine.activations import get_activation
from engine.errors import NetworkError
from engine.experiment import TrainingSettings
from engine.formula import Symbol, Value, display_value, to_value
from engine.losses import get_loss, reduction_scale
from engine.network import Network
from engine.optimizers import make_optimizer

# quantities with one value per sample: a batched neuron reference ends with the sample
PER_SAMPLE_KINDS = frozenset({"x", "t", "z", "a", "delta", "grad_a", "slope", "z_new", "a_new"})
SCALAR_KINDS = frozenset(
    {"loss", "loss_new", "learning_rate", "momentum", "beta1", "beta2", "epsilon", "step"}
)
# optimizer state of one parameter array: (kind, 'w' | 'b', layer, indices…)
STATE_KINDS = frozenset(
    {
        "velocity",
        "velocity_new",
        "first_moment",
        "first_moment_new",
        "second_moment",
        "second_moment_new",
        "first_moment_hat",
        "second_moment_hat",
        "free",
    }
)
# a label short enough to stand in a formula: a letter, then up to three letters or digits
_SHORT_LABEL = re.compile(r"[^\W\d_][^\W_]{0,3}")
# letters the formulas use for other things: a neuron so named would read as something else
_RESERVED_LABELS = frozenset({"w", "b", "t", "E", "e", "f", "v", "m", "s", "δ", "η", "μ", "ε"})
# the kinds written with the neuron's label when its column's labels stand in for symbols
_LABELLED_KINDS = {"x": "", "a": "", "a_new": "", "grad_a": "∂E/∂"}

_NAMES = {
    "x": "x",
    "t": "t",
    "z": "z",
    "a": "a",
    "delta": "δ",
    "grad_a": "∂E/∂a",
    "slope": "f′",
    "w": "w",
    "b": "b",
    "grad_w": "∂E/∂w",
    "grad_b": "∂E/∂b",
    "z_new": "z",
    "a_new": "a",
    "w_new": "w",
    "b_new": "b",
    "loss": "E",
    "loss_new": "E",
    "sample_loss": "E",
    "sample_loss_new": "E",
    "learning_rate": "η",
    "momentum": "μ",
    "beta1": "β₁",
    "beta2": "β₂",
    "epsilon": "ε",
    "step": "t",
    "velocity": "v",
    "velocity_new": "v",
    "first_moment": "m",
    "first_moment_new": "m",
    "second_moment": "s",
    "second_moment_new": "s",
    "first_moment_hat": "m̂",
    "second_moment_hat": "ŝ",
    "free": "unfrozen",
}
_LAYER_NAMES = {"w": "W", "w_new": "W", "grad_w": "∂E/∂W"}


def label_columns(network: Network) -> tuple[bool, ...]:
    """For each column (0: the inputs, l + 1: ``network.layers[l]``), whether its labels stand
    for its neurons' activations in formulas.

    The rule: every neuron of the column has a label that is a short identifier (a letter,
    then up to three letters or digits: "x", "h2", "out1"; not "class A"), none is a letter
    the formulas use for something else (w, b, t, E, …), and no label appears twice in the
    network. Otherwise the column is written with indexed symbols, x₁ or a⁽ˡ⁾ⱼ, whose
    subscripts count from 1 as the canvas's default names do.
    """
    columns = [network.input_labels] + [layer.labels for layer in network.layers]
    counts = Counter(label for labels in columns if labels for label in labels)
    return tuple(
        bool(labels)
        and all(
            _SHORT_LABEL.fullmatch(label or "")
            and label not in _RESERVED_LABELS
            and counts[label] == 1
            for label in labels
        )
        for labels in columns
    )


class TraceData:
    """Every number of one training step on one batch, and how each is named and written.

    Parameters
    ----------
    network : Network
        Copied; the original is never changed.
    inputs : array_like, shape (batch, input_size)
    targets : array_like, shape (batch, output_size)
    training : TrainingSettings
    granularity : {"neuron", "layer"}
    optimizer : engine.optimizers.Optimizer or None
        Peeked at for the update (its state is the starting state); None: a fresh one.
    samples : tuple of int or None
        Rows of the data set the batch came from, for display only.
    """

    def __init__(
        self,
        network: Network,
        inputs,
        targets,
        training: TrainingSettings,
        granularity: str,
        optimizer=None,
        samples=None,
    ):
        self.network = network.copy()
        self.training = training
        self.granularity = granularity
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
        self.state = {
            name: [(w.copy(), b.copy()) for w, b in pairs]
            for name, pairs in optimizer.state_layers(self.network.layers).items()
        }
        new_parameters = optimizer.peek_layers(self.network.layers, self.gradients)
        self.new_network = self.network.copy()
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
                "inputs", f"expected rows of {net.input_size} numbers, got shape {x.shape}"
            )
        if t.shape != (x.shape[0], net.output_size):
            raise NetworkError(
                "targets",
                f"expected {x.shape[0]} rows of {net.output_size} numbers, got shape {t.shape}",
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
        rate = f"learning rate η = {display_value(opt.learning_rate)}"
        if opt.name == "adam":
            return (
                f"adam (β₁ = {display_value(opt.beta1)}, β₂ = {display_value(opt.beta2)}, "
                f"ε = {display_value(opt.epsilon)}), {rate}, update number "
                f"{opt.step_count + 1}"
            )
        if self.momentum:
            return f"sgd with momentum μ = {display_value(self.momentum)}, {rate}"
        return f"sgd (plain gradient descent), {rate}"

    def sample_description(self) -> str:
        if not self.batched:
            return (
                f"sample {self.samples[0] + 1}: x = {display_value(to_value(self.inputs[0]))}, "
                f"t = {display_value(to_value(self.targets[0]))}"
            )
        rows = ", ".join(str(s + 1) for s in self.samples)
        return f"batch of {self.batch} samples (rows {rows}), reduction {self.network.reduction}"

    @cached_property
    def _moments(self) -> dict[str, list[tuple[np.ndarray, np.ndarray]]]:
        """Adam's would-be moments and their bias-corrected values, for display."""
        opt = self.optimizer
        t = opt.step_count + 1
        result = {
            "first_moment_new": [],
            "second_moment_new": [],
            "first_moment_hat": [],
            "second_moment_hat": [],
        }
        for index, layer in enumerate(self.network.layers):
            pairs = []
            for grad, frozen, m, s in zip(
                (self.gradients.grad_weights[index], self.gradients.grad_biases[index]),
                (layer.frozen_weights, layer.frozen_biases),
                self.state["first_moment"][index],
                self.state["second_moment"][index],
                strict=True,
            ):
                g = np.where(frozen, 0.0, grad)
                m_new = opt.beta1 * m + (1.0 - opt.beta1) * g
                s_new = opt.beta2 * s + (1.0 - opt.beta2) * g * g
                pairs.append(
                    (m_new, s_new, m_new / (1.0 - opt.beta1**t), s_new / (1.0 - opt.beta2**t))
                )
            for position, name in enumerate(result):
                result[name].append((pairs[0][position], pairs[1][position]))
        return result

    def _state_array(self, kind: str, param: str, layer: int) -> np.ndarray:
        which = 0 if param == "w" else 1
        if kind == "free":
            frozen = self.network.layers[layer]
            mask = frozen.frozen_weights if param == "w" else frozen.frozen_biases
            return (~mask).astype(np.float64)
        if kind == "velocity_new":
            velocity = self.state.get("velocity")
            old = velocity[layer][which] if velocity else 0.0
            frozen = self.network.layers[layer]
            mask = frozen.frozen_weights if param == "w" else frozen.frozen_biases
            grads = self.gradients.grad_weights if param == "w" else self.gradients.grad_biases
            return self.momentum * old + np.where(mask, 0.0, grads[layer])
        if kind in self.state:
            return self.state[kind][layer][which]
        if kind == "velocity":
            return np.zeros_like(
                self.network.layers[layer].biases if which else self.network.layers[layer].weights
            )
        return self._moments[kind][layer][which]

    # ----- arrays and values -----------------------------------------------------------------
    def array(self, kind: str, layer: int | None = None) -> np.ndarray:
        """The engine's array for ``kind`` (per-sample kinds have shape (batch, n))."""
        fwd, grads, new_fwd = self.forward, self.gradients, self.new_forward
        if kind == "x":
            return self.inputs
        if kind == "t":
            return self.targets
        per_layer = {
            "z": lambda: fwd.pre_activations[layer],
            "a": lambda: fwd.activations[layer + 1],
            "delta": lambda: grads.deltas[layer],
            "grad_a": lambda: grads.grad_activations[layer],
            "slope": lambda: self.slope(layer),
            "z_new": lambda: new_fwd.pre_activations[layer],
            "a_new": lambda: new_fwd.activations[layer + 1],
            "w": lambda: self.network.layers[layer].weights,
            "b": lambda: self.network.layers[layer].biases,
            "grad_w": lambda: grads.grad_weights[layer],
            "grad_b": lambda: grads.grad_biases[layer],
            "w_new": lambda: self.new_network.layers[layer].weights,
            "b_new": lambda: self.new_network.layers[layer].biases,
        }
        return per_layer[kind]()

    def slope(self, layer: int) -> np.ndarray:
        """f′(z) of an elementwise activation, shape (batch, n)."""
        activation = get_activation(self.network.layers[layer].activation)
        z, a = self.forward.pre_activations[layer], self.forward.activations[layer + 1]
        return activation.derivative(z, a)

    def scalar(self, kind: str) -> float:
        opt = self.optimizer
        values = {
            "loss": lambda: self.loss,
            "loss_new": lambda: self.new_loss,
            "learning_rate": lambda: opt.learning_rate,
            "momentum": lambda: self.momentum,
            "beta1": lambda: opt.beta1,
            "beta2": lambda: opt.beta2,
            "epsilon": lambda: opt.epsilon,
            "step": lambda: float(opt.step_count + 1),
        }
        return float(values[kind]())

    def parse(self, ref: tuple):
        """Split a reference into (kind, param, layer, indices, sample)."""
        kind, rest = ref[0], ref[1:]
        param = None
        if kind in STATE_KINDS:
            param, rest = rest[0], rest[1:]
        layer = None
        if kind not in ("x", "t") and rest:
            layer, rest = rest[0], rest[1:]
        sample = None
        if kind in PER_SAMPLE_KINDS and self.batched and len(rest) == 2:
            sample, rest = rest[1], rest[:1]
        return kind, param, layer, tuple(rest), sample

    def value_of(self, ref: tuple) -> Value:
        """The value of the quantity ``ref`` names (see ``engine.stepper`` for references)."""
        kind = ref[0]
        try:
            if kind in SCALAR_KINDS:
                return self.scalar(kind)
            if kind in ("sample_loss", "sample_loss_new"):
                losses = self.sample_losses if kind == "sample_loss" else self.new_sample_losses
                return losses[ref[1]]
            kind, param, layer, indices, sample = self.parse(ref)
            if kind in STATE_KINDS:
                array = self._state_array(kind, param, layer)
            else:
                array = self.array(kind, layer)
            if kind in PER_SAMPLE_KINDS:
                if sample is not None:
                    array = array[sample]
                elif not self.batched:
                    array = array[0]
                elif indices:  # a neuron of a batch: its value in every sample
                    return to_value(array[(slice(None), *indices)])
            return to_value(array[indices] if indices else array)
        except (KeyError, IndexError, TypeError) as error:
            raise KeyError(f"no quantity {ref!r} in this trace") from error

    def layer_reference(self, ref: tuple) -> tuple:
        """The layer-at-a-time reference that contains a neuron's reference."""
        if ref[0] in ("x", "t"):
            return (ref[0],)
        if ref[0] in ("sample_loss", "sample_loss_new"):
            return (ref[0][len("sample_") :],)
        return ref[:2]

    def reference(self, kind: str, *indices, sample: int | None = None) -> tuple:
        """A reference in this trace's convention: the sample is appended in a batch trace."""
        if sample is not None and self.batched and self.granularity == "neuron":
            return (kind, *indices, sample)
        return (kind, *indices)

    @cached_property
    def named_columns(self) -> tuple[bool, ...]:
        """Per column, whether its labels stand for its activations (see ``label_columns``)."""
        return label_columns(self.network)

    def symbol(self, ref: tuple) -> Symbol:
        """The named, valued symbol for ``ref``, e.g. ('w', 1, 0, 0) → w⁽²⁾₁₁ = 1."""
        kind, _param, layer, indices, sample = self.parse(ref)
        name = _NAMES[kind]
        if self.granularity == "layer":
            name = _LAYER_NAMES.get(kind, name)
        if kind in ("sample_loss", "sample_loss_new"):
            layer, indices, sample = None, (), ref[1]
        new = kind.endswith("_new")
        label = self._label(kind, layer, indices)
        named = label is not None and kind in _LABELLED_KINDS and self._named(kind, layer)
        if named:
            name = _LABELLED_KINDS[kind] + label
        return Symbol(
            name, self.value_of(ref), ref, layer, indices, sample, new, label, named
        )

    def _named(self, kind: str, layer) -> bool:
        column = 0 if kind == "x" else layer + 1
        return self.named_columns[column]

    def _label(self, kind: str, layer, indices) -> str | None:
        if not indices:
            return None
        net = self.network
        if kind == "x":
            labels = net.input_labels
        elif kind == "t":
            labels = net.layers[-1].labels
        elif kind in ("w", "w_new", "grad_w") or layer is None or kind in STATE_KINDS:
            return None
        else:
            labels = net.layers[layer].labels
        return labels[indices[0]] if labels else None

    def needs_grad_activation_steps(self, layer: int) -> bool:
        """Whether δ of ``layer`` needs ∂E/∂a first: a softmax not fused with its loss."""
        activation = self.network.layers[layer].activation
        if get_activation(activation).elementwise:
            return False
        is_output = layer == len(self.network.layers) - 1
        return not (is_output and get_loss(self.network.loss).fused_activation == activation)

    def given_values(self) -> dict[tuple, Value]:
        """Inputs, targets, parameters and settings, by reference, before any step."""
        values: dict[tuple, Value] = {}
        for name in ("learning_rate", "momentum", "beta1", "beta2", "epsilon"):
            if (
                name == "learning_rate"
                or (name == "momentum" and self.momentum)
                or (name != "momentum" and self.optimizer_name == "adam")
            ):
                values[(name,)] = self.scalar(name)
        if self.granularity == "layer":
            values[("x",)] = self.value_of(("x",))
            values[("t",)] = self.value_of(("t",))
            for index in range(len(self.network.layers)):
                values[("w", index)] = self.value_of(("w", index))
                values[("b", index)] = self.value_of(("b", index))
            return values
        for kind, array in (("x", self.inputs), ("t", self.targets)):
            rows = array.tolist()
            for s, row in enumerate(rows):
                for i, value in enumerate(row):
                    values[self.reference(kind, i, sample=s)] = value
        for index, layer in enumerate(self.network.layers):
            for j, row in enumerate(layer.weights.tolist()):
                for i, value in enumerate(row):
                    values[("w", index, j, i)] = value
            for j, value in enumerate(layer.biases.tolist()):
                values[("b", index, j)] = value
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
