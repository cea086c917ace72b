"""A layered network: each layer holds W (n_out, n_in), b (n_out,) and an activation.

Forward: z = a_prev @ W.T + b, a = f(z), for a batch of rows. Backward (the chain rule, one
layer at a time, from the output down):

    δ_L  = ∂E/∂z_L = f′(z_L) ⊙ ∂E/∂a_L       (the loss' gradient times the output's slope)
    ∂E/∂W = δᵀ @ a_prev    ∂E/∂b = Σ_batch δ  (a weight's gradient: δ × the input it multiplies)
    ∂E/∂a_prev = δ @ W     δ_prev = f′(z_prev) ⊙ ∂E/∂a_prev
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.model.activations import get_activation
from engine.model.losses import get_loss, reduction_scale


@dataclass
class Layer:
    """One non-input layer: weights (n_out, n_in), biases (n_out,), activation name.

    ``frozen_weights`` / ``frozen_biases`` are boolean masks of the same shapes: a frozen
    parameter keeps its gradient but no optimizer ever changes it. ``labels`` names the
    layer's neurons (n_out,); ``weight_labels`` (n_out rows of n_in names) and ``bias_labels``
    (n_out,) name its parameters, as the learner chose (the notes' v, a, w, b), or are None.
    """

    weights: np.ndarray
    biases: np.ndarray
    activation: str = "identity"
    frozen_weights: np.ndarray | None = None
    frozen_biases: np.ndarray | None = None
    labels: list[str] | None = None
    weight_labels: list[list[str]] | None = None
    bias_labels: list[str] | None = None

    def __post_init__(self):
        self.weights = np.array(self.weights, dtype=np.float64, ndmin=2)
        self.biases = np.array(self.biases, dtype=np.float64).reshape(-1)
        if self.frozen_weights is None:
            self.frozen_weights = np.zeros(self.weights.shape, dtype=bool)
        else:
            self.frozen_weights = np.array(self.frozen_weights, dtype=bool)
        if self.frozen_biases is None:
            self.frozen_biases = np.zeros(self.biases.shape, dtype=bool)
        else:
            self.frozen_biases = np.array(self.frozen_biases, dtype=bool)
        get_activation(self.activation)  # fail early on an unknown name

    @property
    def n_in(self) -> int:
        return self.weights.shape[1]

    @property
    def n_out(self) -> int:
        return self.weights.shape[0]

    @property
    def has_frozen(self) -> bool:
        return bool(self.frozen_weights.any() or self.frozen_biases.any())

    def copy(self) -> Layer:
        return Layer(
            self.weights.copy(),
            self.biases.copy(),
            self.activation,
            self.frozen_weights.copy(),
            self.frozen_biases.copy(),
            list(self.labels) if self.labels is not None else None,
            None if self.weight_labels is None else [list(row) for row in self.weight_labels],
            None if self.bias_labels is None else list(self.bias_labels),
        )

    def weight_label(self, neuron: int, source: int) -> str | None:
        """The learner's name of the weight into ``neuron`` from ``source`` (0-based), if any."""
        return None if self.weight_labels is None else self.weight_labels[neuron][source]

    def bias_label(self, neuron: int) -> str | None:
        """The learner's name of ``neuron``'s bias (0-based), if any."""
        return None if self.bias_labels is None else self.bias_labels[neuron]

    def __repr__(self):
        return f"Layer({self.n_in}→{self.n_out}, {self.activation})"


@dataclass
class ForwardPass:
    """Everything one forward pass computed, kept for the backward pass and for display.

    ``activations[0]`` is the input (batch, n_in); ``activations[l + 1]`` and
    ``pre_activations[l]`` are layer l's a and z, shape (batch, n_out of layer l).
    """

    pre_activations: list[np.ndarray]
    activations: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]


@dataclass
class Gradients:
    """Everything one backward pass computed, for a batch against its targets.

    ``loss`` is E (reduced over the batch), ``sample_losses`` each E_i (batch,).
    ``deltas[l]`` is δ = ∂E/∂z of layer l and ``grad_activations[l]`` is ∂E/∂a of layer l's
    outputs, both (batch, n_out), already scaled by the reduction (so they are ∂E/∂·, not
    ∂E_i/∂·). ``grad_weights[l]`` (n_out, n_in) and ``grad_biases[l]`` (n_out,) sum over the
    batch. ``grad_inputs`` is ∂E/∂x (batch, n_in).
    """

    loss: float
    sample_losses: np.ndarray
    deltas: list[np.ndarray]
    grad_activations: list[np.ndarray]
    grad_weights: list[np.ndarray]
    grad_biases: list[np.ndarray]
    grad_inputs: np.ndarray | None = None

    def weight_norms(self) -> np.ndarray:
        """Per-layer gradient magnitude: the Frobenius norm of ∂E/∂W, shape (n_layers,)."""
        return np.array([np.sqrt(np.vdot(g, g)) for g in self.grad_weights])


@dataclass
class Network:
    """Input size, the non-input layers in order, and the loss that judges the output."""

    input_size: int
    layers: list[Layer]
    loss: str = "half_sse"
    reduction: str = "sum"
    input_labels: list[str] | None = None
    name: str = ""
    description: str = ""
    extra: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        get_loss(self.loss)
        reduction_scale(self.reduction, 1)

    # ----- shape -----------------------------------------------------------------------------
    @property
    def sizes(self) -> list[int]:
        """Neurons per layer, the input layer first: e.g. [1, 1, 1] for the seed example."""
        return [self.input_size] + [layer.n_out for layer in self.layers]

    @property
    def output_size(self) -> int:
        return self.layers[-1].n_out if self.layers else self.input_size

    @property
    def parameter_count(self) -> int:
        return sum(layer.weights.size + layer.biases.size for layer in self.layers)

    def copy(self) -> Network:
        return Network(
            self.input_size,
            [layer.copy() for layer in self.layers],
            self.loss,
            self.reduction,
            list(self.input_labels) if self.input_labels is not None else None,
            self.name,
            self.description,
            dict(self.extra),
        )

    def parameters(self) -> list[np.ndarray]:
        """All parameter arrays, W then b of each layer in order (the arrays themselves)."""
        return [p for layer in self.layers for p in (layer.weights, layer.biases)]

    def __repr__(self):
        shape = "-".join(str(n) for n in self.sizes)
        acts = ",".join(layer.activation for layer in self.layers)
        return f"Network({shape}, [{acts}], loss={self.loss}, reduction={self.reduction})"

    # ----- the math --------------------------------------------------------------------------
    def forward(self, inputs: np.ndarray) -> ForwardPass:
        """Run the batch ``inputs`` (batch, input_size) through every layer, keeping z and a."""
        a = np.asarray(inputs, dtype=np.float64)
        if a.ndim == 1:
            a = a[np.newaxis, :]
        pre_activations, activations = [], [a]
        with np.errstate(over="ignore", invalid="ignore"):
            for layer in self.layers:
                z = a @ layer.weights.T
                z += layer.biases
                a = get_activation(layer.activation).function(z)
                pre_activations.append(z)
                activations.append(a)
        return ForwardPass(pre_activations, activations)

    def predict(self, inputs: np.ndarray) -> np.ndarray:
        """The network's output for ``inputs`` (batch, input_size) → (batch, output_size)."""
        return self.forward(inputs).output

    def backward(
        self, forward: ForwardPass, targets: np.ndarray, need_input_grad: bool = True
    ) -> Gradients:
        """Backpropagate E(forward.output, targets) through every layer (targets: (batch, n_out)).

        Gradients are recomputed from scratch on every call (nothing accumulates), so two
        calls on the same pass give the same numbers.
        """
        t = np.asarray(targets, dtype=np.float64)
        if t.ndim == 1:
            t = t[np.newaxis, :]
        loss = get_loss(self.loss)
        batch = forward.output.shape[0]
        scale = reduction_scale(self.reduction, batch)
        n = len(self.layers)
        deltas: list = [None] * n
        grad_activations: list = [None] * n
        grad_weights: list = [None] * n
        grad_biases: list = [None] * n
        grad_inputs = None
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            out = forward.output
            sample_losses = loss.per_sample(out, t)
            total = float(sample_losses.sum()) * scale
            last = self.layers[-1]
            grad_activations[-1] = loss.gradient(out, t) * scale
            deltas[-1] = (
                loss.output_delta(
                    last.activation,
                    forward.pre_activations[-1],
                    out,
                    t,
                    get_activation(last.activation),
                )
                * scale
            )
            for index in range(n - 1, -1, -1):
                layer = self.layers[index]
                delta = deltas[index]
                a_prev = forward.activations[index]
                grad_weights[index] = delta.T @ a_prev
                grad_biases[index] = delta.sum(axis=0)
                if index > 0 or need_input_grad:
                    grad_prev = delta @ layer.weights
                    if index > 0:
                        below = self.layers[index - 1]
                        grad_activations[index - 1] = grad_prev
                        deltas[index - 1] = get_activation(below.activation).backward(
                            forward.pre_activations[index - 1], a_prev, grad_prev
                        )
                    else:
                        grad_inputs = grad_prev
        return Gradients(
            total,
            sample_losses,
            deltas,
            grad_activations,
            grad_weights,
            grad_biases,
            grad_inputs,
        )

    def loss_value(self, inputs: np.ndarray, targets: np.ndarray) -> float:
        """E over the batch (reduced as ``self.reduction`` says), without the backward pass."""
        out = self.predict(inputs)
        t = np.asarray(targets, dtype=np.float64).reshape(out.shape)
        with np.errstate(over="ignore", invalid="ignore"):
            per_sample = get_loss(self.loss).per_sample(out, t)
        return float(per_sample.sum()) * reduction_scale(self.reduction, out.shape[0])
