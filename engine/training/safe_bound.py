"""How large the parameters may grow before a step's loss could overflow (the divergence guard).

The trainer commits an update unchecked while ‖θ‖₂ stays below :func:`safe_parameter_bound`;
above it, the loss of the new parameters on the step's batch is computed before they are kept,
so the parameters kept at a divergence always give a finite loss.
"""

from __future__ import annotations

import math

import numpy as np

from engine.model.activations import get_activation
from engine.model.network import Network

SAFE_MAGNITUDE = 1e300  # below this, θ − u cannot overflow when |θ|, |u| are bounded by it
SAFE_OUTPUT = 1e140  # outputs and targets below this in norm: a loss over ≤ 10⁶ rows is finite


def safe_parameter_bound(network: Network, input_norm: float, target_norm: float) -> float:
    """The largest ‖θ‖₂ under which every row of the data surely has a finite loss.

    ``input_norm`` and ``target_norm`` are the largest ‖row‖₂ of the inputs and the targets.
    Per row, ‖z‖₂ ≤ ‖W‖_F ‖a‖₂ + ‖b‖₂ ≤ B (‖a‖₂ + 1) when ‖θ‖₂ ≤ B; an unbounded activation
    (identity, ReLU, leaky ReLU) keeps ‖a‖₂ ≤ ‖z‖₂, a bounded one caps it (sigmoid and tanh at
    √n, softmax at 1). Never above SAFE_MAGNITUDE; 0 when the data alone are too large.
    """
    if not math.isfinite(input_norm + target_norm) or target_norm >= SAFE_OUTPUT:
        return 0.0
    squashed = [_activation_bound(layer) for layer in network.layers]

    def output_norm(bound: float) -> float:  # a bound of every ‖z‖₂ of any row
        norm = largest = input_norm
        for squash in squashed:
            norm = bound * (norm + 1.0)
            largest = max(largest, norm)
            norm = norm if squash is None else squash
        return largest

    low, high = 0.0, SAFE_MAGNITUDE
    for _ in range(80):  # bisection on a log scale: the bound need not be tight
        middle = math.sqrt(max(low, 1e-300) * high)
        if output_norm(middle) + target_norm < SAFE_OUTPUT:
            low = middle
        else:
            high = middle
    return low


def _activation_bound(layer) -> float | None:
    """The largest ‖a‖₂ the layer's activation can give, or None when it is unbounded."""
    function = get_activation(layer.activation)
    if function.output_range is None:
        return None
    if not function.elementwise:  # softmax: probabilities, ‖a‖₂ ≤ ‖a‖₁ = 1
        return 1.0
    return math.sqrt(layer.biases.size) * max(abs(end) for end in function.output_range)


def largest_row_norm(rows: np.ndarray) -> float:
    """max over rows of ‖row‖₂ of an (n, m) array (inf if a square overflows)."""
    if rows.size == 0:
        return 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        return math.sqrt(float(np.einsum("ij,ij->i", rows, rows).max()))
