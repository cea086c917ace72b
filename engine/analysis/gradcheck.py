"""Check the backward pass against the definition of a derivative, one parameter at a time.

The numerical gradient is a central difference, symmetric around θ. The two-point form
(E(θ + h) − E(θ − h)) / 2h is off by about h²·E‴/6; the four-point form used here,

    ∂E/∂θ ≈ (E(θ − 2h) − 8 E(θ − h) + 8 E(θ + h) − E(θ + 2h)) / 12h,

cancels that term too (error of order h⁴), so with h = 1e-4 the remaining error is mostly
rounding, about 1e-12 × |E|: enough to hold a backward pass to a relative error of 1e-6.
The step is the one float64 really takes, h = (θ + 1e-4) − θ, so a parameter far from 0 (whose
θ + 1e-4 rounds) is not divided by a step it did not take.

The relative error of one parameter (or of a whole array, over its norms) is

    |a − n| / max(|a| + |n|, floor),   floor = 1e7·ε·max(|E|, 1) / h   (ε the float64 epsilon),

so a gradient that is large against the rounding noise of the difference quotient (about
ε·|E|/h) is held to a relative error, while one that is not (a dead ReLU's exact 0, a vanishing
layer's 1e-9) must agree absolutely within 1e-6 × that floor instead of relatively.

What "rounding noise" is gets measured, not only assumed: E computed in float64 is E plus a
noise σ of at least ε·max(|E|, 1). The five losses of the stencil and E(θ) give the fourth
difference E(θ−2h) − 4E(θ−h) + 6E(θ) − 4E(θ+h) + E(θ+2h), which is h⁴·E⁗ (tiny) plus noise of
about 8σ; for one parameter σ is the larger of ε·max(|E|, 1) and that difference (Moré & Wild's
difference-table estimate of computational noise, 2011), and the floor is 1e7·σ/h. One error
no difference table sees: binary cross-entropy of a sigmoid output within about 1e-4 of 0 or 1,
where 1 − a keeps only a few digits and E is off smoothly, not noisily; there the check can
report a mismatch the backward pass is not to blame for.

ReLU networks: E is smooth only between kinks, and a nudge of 1e-4 to a weight can carry some
pre-activation further down (e.g. one 1e-5 from 0) across its kink, where the stencil measures
two slopes at once. So the step shrinks tenfold, down to 1e-8, while any nudged forward pass
puts a relu / leaky_relu pre-activation on the other side of 0; the floor above grows with
1/h accordingly. Where a pre-activation sits exactly at a kink no derivative exists, and the
check rightly reports a mismatch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.lesson.quantities import Kind, Quantity
from engine.model.activations import get_activation
from engine.model.network import Network
from engine.model.parameter_names import parameter_name, parameter_place, parameters_of

STEP = 1e-4
EPSILON = float(np.finfo(np.float64).eps)
MIN_STEP = 1e-8  # below this, rounding (ε·|E|/h) drowns any derivative
MAX_WORK = 20_000_000_000  # multiply-adds of a whole check: about a minute


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

    Each parameter is nudged in place and put back exactly (the original value is restored,
    not recomputed), so the network is unchanged afterwards. Where the nudges would carry a
    ReLU's pre-activation across its kink the step shrinks (:func:`numerical_derivative`).
    """
    grad_weights, grad_biases = [], []
    for layer in network.layers:
        for array, out in ((layer.weights, grad_weights), (layer.biases, grad_biases)):
            numeric = np.zeros(array.shape)
            for index in np.ndindex(array.shape):
                numeric[index] = numerical_derivative(
                    network, array, index, inputs, targets, step
                ).derivative
            out.append(numeric)
    return grad_weights, grad_biases


@dataclass(frozen=True)
class Difference:
    """One parameter's central difference: ∂E/∂θ, the step h it took, E's noise σ there."""

    derivative: float
    step: float
    noise: float


def numerical_derivative(network, array, index, inputs, targets, step: float = STEP) -> Difference:
    """∂E/∂θ by the four-point central difference for θ = ``array[index]`` (a parameter array
    of ``network``), with the step it took and the noise of E it measured (module docstring).

    The step starts at ``step`` and shrinks tenfold, down to ``MIN_STEP``, while any of the
    four nudged forward passes puts a relu / leaky_relu pre-activation on the other side of 0
    than the unchanged one does: there E is not one smooth function across the stencil.
    """
    original = array[index]
    centre = network.loss_value(inputs, targets)
    kinks = _kink_sides(network, inputs) if _has_kinks(network) else None
    try:
        while True:
            taken = (original + step) - original  # the step float64 really takes
            losses, crossed = [], False
            for offset in (-2.0, -1.0, 1.0, 2.0):
                array[index] = original + offset * taken
                losses.append(network.loss_value(inputs, targets))
                if kinks is not None and not crossed:
                    crossed = any(
                        not np.array_equal(side, now)
                        for side, now in zip(kinks, _kink_sides(network, inputs), strict=True)
                    )
            if not crossed or step <= MIN_STEP:
                break
            step /= 10.0
    finally:
        array[index] = original
    far_below, below, above, far_above = losses
    difference = far_below - 8.0 * below + 8.0 * above - far_above
    fourth = abs(far_below - 4.0 * below + 6.0 * centre - 4.0 * above + far_above)
    noise = max(EPSILON * max(abs(centre), 1.0), fourth) if math.isfinite(fourth) else math.nan
    return Difference(difference / (12.0 * taken), taken, noise)


def _has_kinks(network) -> bool:
    return any(get_activation(layer.activation).kinked for layer in network.layers)


def _kink_sides(network, inputs) -> list[np.ndarray]:
    """z > 0 of every relu / leaky_relu layer (batch, n_out): which side of its kink."""
    forward = network.forward(inputs)
    return [
        z > 0
        for layer, z in zip(network.layers, forward.pre_activations, strict=True)
        if get_activation(layer.activation).kinked
    ]


def rounding_floor(loss: float, step: float = STEP) -> float:
    """Gradient size below which the check is absolute rather than relative.

    A difference quotient of losses near E carries rounding noise of about ε·|E|/h (ε the
    float64 epsilon); a gradient 10⁷ times larger than that is measured relatively, one that
    is smaller must agree absolutely to that noise ×10 (e.g. an exactly-zero gradient of a
    dead ReLU, or of a softmax with one output).
    """
    return 1e7 * EPSILON * max(abs(loss), 1.0) / step


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


@dataclass(frozen=True)
class ParameterCheck:
    """One parameter's backpropagated ∂E/∂θ (``analytic``) against its central difference."""

    parameter: Quantity
    analytic: float
    numeric: float
    relative_error: float

    @property
    def name(self) -> str:
        """``w2[1,1]``, ``b2[1]`` (engine.model.parameter_names)."""
        return parameter_name(self.parameter)


def check_parameters(
    network: Network, inputs, targets, step: float = STEP
) -> list[ParameterCheck]:
    """Every weight and bias: ∂E/∂θ from :meth:`Network.backward` on the batch ``inputs``
    (batch, n_in) / ``targets`` (batch, n_out) against its central difference, worst first.

    The relative error is :func:`relative_error` of the two numbers with the floor 1e7·σ/h of
    the noise σ and step h the difference measured and took (module docstring); NaN where a
    number is not finite, and a NaN counts as the worst.
    """
    analytic = network.backward(network.forward(inputs), targets)
    checks = []
    for quantity in parameters_of(network):
        array, index = parameter_place(network, quantity)
        numeric = numerical_derivative(network, array, index, inputs, targets, step)
        grads = analytic.grad_weights if quantity.kind == Kind.WEIGHT else analytic.grad_biases
        a, n = float(grads[quantity.layer][index]), float(numeric.derivative)
        if math.isfinite(a) and math.isfinite(n) and math.isfinite(numeric.noise):
            error = relative_error(a, n, 1e7 * numeric.noise / numeric.step)
        else:
            error = math.nan
        checks.append(ParameterCheck(quantity, a, n, error))
    return sorted(checks, key=_worst_first)


def check_work(network: Network, batch: int) -> int:
    """Multiply-adds of :func:`check_parameters`: five forward passes of the batch for each
    parameter (more at ReLU kinks), each one multiply-add per weight and sample."""
    weights = sum(layer.weights.size for layer in network.layers)
    return 5 * network.parameter_count * batch * weights


def _worst_first(check: ParameterCheck) -> float:
    error = check.relative_error
    return -math.inf if math.isnan(error) else -error
