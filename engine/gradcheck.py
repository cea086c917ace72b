"""Check the backward pass against the definition of a derivative, one parameter at a time.

The numerical gradient is a central difference, symmetric around θ. The two-point form
(E(θ + h) − E(θ − h)) / 2h is off by about h²·E‴/6; the four-point form used here,

    ∂E/∂θ ≈ (E(θ − 2h) − 8 E(θ − h) + 8 E(θ + h) − E(θ + 2h)) / 12h,

cancels that term too (error of order h⁴), so with h = 1e-4 the remaining error is mostly
rounding, about 1e-12 × |E|: enough to hold a backward pass to a relative error of 1e-6.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STEP = 1e-4


@dataclass(frozen=True)
class LayerCheck:
    """The largest relative errors of one layer's ∂E/∂W and ∂E/∂b."""

    layer: int  # 1 for the first non-input layer
    weights_error: float
    biases_error: float

    @property
    def error(self) -> float:
        return max(self.weights_error, self.biases_error)


def relative_error(analytic: np.ndarray, numeric: np.ndarray, floor: float = 1e-6) -> float:
    """‖a − n‖ / max(‖a‖ + ‖n‖, floor) over one array (Frobenius norms).

    Measured over the whole array rather than entry by entry, so a single entry that is
    almost 0 does not turn rounding noise into a large ratio; below the ``floor`` (see
    :func:`rounding_floor`) the check becomes absolute.
    """
    analytic, numeric = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    scale = max(float(np.linalg.norm(analytic) + np.linalg.norm(numeric)), floor)
    return float(np.linalg.norm(analytic - numeric)) / scale


def numerical_gradients(network, inputs, targets, step: float = STEP):
    """Central-difference ∂E/∂W and ∂E/∂b of every layer (lists of arrays, as ``Gradients``).

    Each parameter is nudged by ±``step`` in place and put back exactly (the original value is
    restored, not recomputed), so the network is unchanged afterwards.
    """
    grad_weights, grad_biases = [], []
    for layer in network.layers:
        for array, out in ((layer.weights, grad_weights), (layer.biases, grad_biases)):
            numeric = np.zeros(array.shape)
            for index in np.ndindex(array.shape):
                original = array[index]
                losses = []
                for offset in (-2.0, -1.0, 1.0, 2.0):
                    array[index] = original + offset * step
                    losses.append(network.loss_value(inputs, targets))
                array[index] = original
                far_below, below, above, far_above = losses
                numeric[index] = (far_below - 8.0 * below + 8.0 * above - far_above) / (12.0 * step)
            out.append(numeric)
    return grad_weights, grad_biases


def rounding_floor(loss: float, step: float = STEP) -> float:
    """Gradient size below which the check is absolute rather than relative.

    A difference quotient of losses near E carries rounding noise of about ε·|E|/h (ε the
    float64 epsilon); a gradient 10⁷ times larger than that is measured relatively, one that
    is smaller must agree absolutely to that noise ×10 (e.g. an exactly-zero gradient of a
    dead ReLU, or of a softmax with one output).
    """
    return 1e7 * np.finfo(np.float64).eps * max(abs(loss), 1.0) / step


def check_gradients(network, inputs, targets, step: float = STEP) -> list[LayerCheck]:
    """Compare :meth:`Network.backward` with central differences; one report per layer."""
    analytic = network.backward(network.forward(inputs), targets)
    floor = rounding_floor(analytic.loss, step)
    numeric_w, numeric_b = numerical_gradients(network, inputs, targets, step)
    return [
        LayerCheck(
            index,
            relative_error(analytic.grad_weights[index - 1], numeric_w[index - 1], floor),
            relative_error(analytic.grad_biases[index - 1], numeric_b[index - 1], floor),
        )
        for index in range(1, len(network.layers) + 1)
    ]
