"""What a network's units are doing on a batch: dead ReLUs, saturated sigmoids and tanhs, accuracy.

A **dead** unit is a ReLU whose output is exactly 0 for every sample: its slope f′ is 0 there too,
so no gradient reaches its incoming weights and training can never revive it on this data.

A **saturated** unit is a sigmoid or tanh sitting on its flat tails: its slope f′(z) is below
5 % of the function's largest slope (sigmoid 0.25 at z = 0, so f′ < 0.0125, |z| > 4.37; tanh 1,
so f′ < 0.05, |z| > 2.09) for more than 90 % of the samples. Gradients through it shrink at least
twentyfold: the vanishing gradient of the notes, in one unit. That hurts learning in a hidden
unit, and in an output unit only where its output is far from the target: an output that has
learned its 0/1 target sits on a flat tail by design. So when the targets are given, an output
sample counts as flat only if it is also off target by more than half the output's range
(|a − t| > ½(high − low), on the wrong side); and an output fused with its loss (softmax with
cross-entropy, sigmoid with binary cross-entropy: δ = a − t, no f′ in it) is never saturated.

**Accuracy** is defined only when the targets are classes: one-hot rows (the predicted class is
the largest output), or one column of 0/1 labels (predicted 1 when the output is ≥ 0.5) or of
−1/+1 labels (predicted +1 when the output is ≥ 0). Otherwise it is None.

The **layer ratio** r⁽ˡ⁾ = ‖∂E/∂W⁽ˡ⁾‖ / ‖∂E/∂W⁽ˡ⁺¹⁾‖ says how much of a layer's gradient
magnitude is left one layer further back. Each sigmoid layer the backward pass goes through
multiplies δ by f′ ≤ 0.25 (the notes say "about 0.3"), so in a sigmoid network with weights of
size about 1 the ratios sit near or below 0.25 and the first layers' gradients vanish.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.model.activations import get_activation
from engine.model.losses import get_loss
from engine.model.network import ForwardPass, Network

SATURATION_SLOPE = 0.05  # a slope below this fraction of the largest slope is "flat"
SATURATION_SHARE = 0.9  # flat on more than this share of the samples: saturated


@dataclass(frozen=True)
class LayerHealth:
    """How the units of one layer (index 0 = first non-input layer) behave on a batch.

    ``dead`` and ``saturated`` are boolean masks (n_units,); ``flat_share`` (n_units,) is the
    share of samples on which each unit's slope is flat (all zeros for other activations).
    """

    index: int
    activation: str
    dead: np.ndarray
    saturated: np.ndarray
    flat_share: np.ndarray

    @property
    def n_units(self) -> int:
        return self.dead.shape[0]

    @property
    def dead_count(self) -> int:
        return int(self.dead.sum())

    @property
    def saturated_count(self) -> int:
        return int(self.saturated.sum())


@dataclass(frozen=True)
class Diagnosis:
    """Per-layer health and, when the targets are classes, the accuracy (0..1)."""

    layers: list[LayerHealth]
    accuracy: float | None

    @property
    def dead_count(self) -> int:
        return sum(layer.dead_count for layer in self.layers)

    @property
    def saturated_count(self) -> int:
        return sum(layer.saturated_count for layer in self.layers)


def diagnose(
    network: Network,
    inputs: np.ndarray,
    targets: np.ndarray | None = None,
    forward: ForwardPass | None = None,
    slope_fraction: float = SATURATION_SLOPE,
    sample_share: float = SATURATION_SHARE,
) -> Diagnosis:
    """Dead and saturated units of every layer, and the accuracy, on the batch ``inputs``.

    Parameters
    ----------
    network : Network
    inputs : ndarray, shape (batch, input_size)
    targets : ndarray, shape (batch, output_size), optional
        Without them the accuracy is None, and an output unit's flat samples all count (with
        them only those off target: see the module's docstring).
    forward : ForwardPass, optional
        ``network.forward(inputs)`` if already computed (it is not recomputed then).
    slope_fraction, sample_share : float
        A sigmoid/tanh unit is saturated when f′(z) < slope_fraction · max f′ on more than
        sample_share of the samples.
    """
    inputs = _batch(inputs, network.input_size, "inputs")
    if forward is None:
        forward = network.forward(inputs)
    layers = []
    if targets is not None:
        targets = _batch(targets, network.output_size, "targets")
    last = len(network.layers) - 1
    for index, layer in enumerate(network.layers):
        z, a = forward.pre_activations[index], forward.activations[index + 1]
        flat = _flat(layer.activation, z, a, slope_fraction)
        if index == last and targets is not None:
            flat &= _off_target(network, a, targets)
        flat_share = np.mean(flat, axis=0)
        layers.append(
            LayerHealth(
                index,
                layer.activation,
                dead=_dead(layer.activation, a),
                saturated=flat_share > sample_share,
                flat_share=flat_share,
            )
        )
    score = None
    if targets is not None:
        score = accuracy(forward.output, targets)
    return Diagnosis(layers, score)


def _batch(values, width: int, key: str) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 1:
        values = values[np.newaxis, :]
    if values.ndim != 2 or values.shape[1] != width:
        raise NetworkError(key, tr("must be rows of {width} numbers, not shape {shape}",
                                   width=width, shape=values.shape))
    if values.shape[0] == 0:
        raise NetworkError(key, tr("no samples"))
    return values


def _dead(activation: str, a: np.ndarray) -> np.ndarray:
    """ReLU units whose output a is exactly 0 for every sample (batch, n) → (n,)."""
    if not get_activation(activation).can_die:
        return np.zeros(a.shape[1], dtype=bool)
    return np.all(a == 0.0, axis=0)


def _flat(activation: str, z: np.ndarray, a: np.ndarray, slope_fraction: float) -> np.ndarray:
    """f′(z) < slope_fraction · max f′, per sample and unit (batch, n); all False if the
    activation is not s-shaped."""
    function = get_activation(activation)
    if function.max_slope is None:
        return np.zeros(a.shape, dtype=bool)
    return function.derivative(z, a) < slope_fraction * function.max_slope


def _off_target(network: Network, a: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Where a flat output slows learning (batch, n): |a − t| > ½(high − low) with a squared
    loss, nowhere with a loss fused with its activation (δ = a − t has no f′ in it)."""
    function = get_activation(network.layers[-1].activation)
    if function.output_range is None or get_loss(network.loss).fused_activation == function.name:
        return np.zeros(a.shape, dtype=bool)
    low, high = function.output_range
    return np.abs(a - targets) > 0.5 * (high - low)


def target_classes(targets: np.ndarray) -> str | None:
    """What kind of classes ``targets`` (batch, n) hold: "one_hot", "binary", "signed" or None.

    "one_hot": n ≥ 2 and every row is 0s with a single 1. "binary": one column of 0/1 labels;
    "signed": one column of −1/+1 labels (0/1 wins if all labels are 1). None otherwise.
    """
    targets = np.asarray(targets, dtype=np.float64)
    if targets.ndim != 2 or targets.shape[0] == 0:
        return None
    if targets.shape[1] == 1:
        if np.all((targets == 0.0) | (targets == 1.0)):
            return "binary"
        if np.all((targets == -1.0) | (targets == 1.0)):
            return "signed"
        return None
    if np.all((targets == 0.0) | (targets == 1.0)) and np.all(targets.sum(axis=1) == 1.0):
        return "one_hot"
    return None


def predicted_classes(outputs: np.ndarray, kind: str) -> np.ndarray:
    """Class index per row (batch,): argmax for "one_hot", output ≥ 0.5 ("binary") or ≥ 0."""
    if kind == "one_hot":
        return np.argmax(outputs, axis=1)
    threshold = 0.5 if kind == "binary" else 0.0
    return (outputs[:, 0] >= threshold).astype(np.intp)


def accuracy(outputs: np.ndarray, targets: np.ndarray) -> float | None:
    """Share of rows (0..1) whose predicted class is the target class; None if not classes.

    ``outputs`` and ``targets`` have shape (batch, n). A NaN output counts as wrong.
    """
    outputs = np.asarray(outputs, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.float64)
    if outputs.shape != targets.shape:
        raise NetworkError(
            "targets", tr("shape {shape} does not match outputs {shape2}",
                          shape=targets.shape, shape2=outputs.shape)
        )
    kind = target_classes(targets)
    if kind is None:
        return None
    predicted = predicted_classes(outputs, kind)
    if kind != "one_hot":
        # an output of NaN is neither ≥ nor < the threshold: never right
        predicted = np.where(np.isnan(outputs[:, 0]), -1, predicted)
    elif np.isnan(outputs).any():
        predicted = np.where(np.isnan(outputs).any(axis=1), -1, predicted)
    return float(np.mean(predicted == predicted_classes(targets, kind)))


def layer_ratios(norms) -> np.ndarray:
    """r⁽ˡ⁾ = ‖∂E/∂W⁽ˡ⁾‖ / ‖∂E/∂W⁽ˡ⁺¹⁾‖ for l = 1 … L−1, shape (L−1,).

    ``norms`` (L,) are the layers' gradient magnitudes from the input side to the output (a row
    of ``History``'s grad_norms). A ratio whose next layer has a zero norm is NaN (undefined).
    """
    norms = np.asarray(norms, dtype=np.float64)
    later = norms[1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(later != 0.0, norms[:-1] / np.where(later != 0.0, later, 1.0), np.nan)


def sample_gradient_norms(network: Network, inputs: np.ndarray, targets: np.ndarray
                          ) -> np.ndarray:
    """The mean over the samples of each layer's ‖∂Eᵢ/∂W⁽ˡ⁾‖, shape (L,), layer 1 first.

    Sample i's share of ∂E/∂W⁽ˡ⁾ is the outer product δᵢ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵢᵀ (with the reduction's
    scale), whose Frobenius norm is ‖δᵢ⁽ˡ⁾‖·‖a⁽ˡ⁻¹⁾ᵢ‖. Unlike ‖∂E/∂W⁽ˡ⁾‖ = ‖Σᵢ δᵢ aᵢᵀ‖, the
    samples' shares cannot cancel in this mean: once a network has learned only the average
    target (vanishing-sigmoid's plateau, where Σᵢ (aᵢ − tᵢ) ≈ 0 and every layer's ‖∂E/∂W‖
    drops to about 1e-6) each sample's error signal still shrinks by f′ at every layer it
    crosses back, so the fan from the output to the input stays in view.
    """
    forward = network.forward(inputs)
    gradients = network.backward(forward, targets, need_input_grad=False)
    return np.array([
        float(np.mean(np.linalg.norm(delta, axis=1) * np.linalg.norm(a_prev, axis=1)))
        for delta, a_prev in zip(gradients.deltas, forward.activations[:-1], strict=True)
    ])
