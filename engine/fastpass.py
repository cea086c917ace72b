"""The fast path: E and ∂E/∂θ of one batch on preallocated buffers, for the trainer.

:class:`FastPass` computes what :meth:`Network.forward` and :meth:`Network.backward`
compute (the same formulas, term by term), but writes every intermediate into arrays
allocated once per batch size (``out=`` everywhere) and never computes ∂E/∂x of the input, so
that a training step costs little more than its matrix products. The gradient lands in one flat
vector laid out like the parameters (W then b of each layer), ready for the optimizer.

Inside, every per-sample array is stored *transposed*, one column per sample (shape
(n, batch)): zᵀ = W aᵀ + b, ∂E/∂W = δᵀ a, ∂E/∂aᵀ = Wᵀ δᵀ. The numbers are the same; for a
wide first layer (784 inputs) numpy's BLAS computes W @ xᵀ about 10% faster than x @ Wᵀ, and
that product and ∂E/∂W of the first layer are most of a step's time.
"""

from __future__ import annotations

import math

import numpy as np

from engine.activations import LEAKY_SLOPE, get_activation
from engine.losses import LOG_FLOOR, get_loss, reduction_scale


def _first_non_finite(array: np.ndarray) -> str:
    bad = array[~np.isfinite(array)]
    return str(bad[0]) if bad.size else "finite"


# ----- the fast path: Network.forward/backward on preallocated buffers --------
IDENTITY, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTMAX = range(6)
_KINDS = {
    "identity": IDENTITY,
    "sigmoid": SIGMOID,
    "tanh": TANH,
    "relu": RELU,
    "leaky_relu": LEAKY_RELU,
    "softmax": SOFTMAX,
}
# squared losses: E_i = loss_factor · Σ(a − t)², ∂E_i/∂a = grad_factor · (a − t); mse divides by n
_SQUARED = {"half_sse": (0.5, 1.0), "sse": (1.0, 2.0), "mse": (1.0, 2.0)}


class _Buffers:
    """Every array one step needs for a batch of ``batch`` samples, allocated once.

    ``inputs`` and ``targets`` hold gathered rows (batch, n); every other array is one
    column per sample, (n, batch).
    """

    def __init__(self, sizes: list[int], kinds: list[int], batch: int):
        self.inputs = np.empty((batch, sizes[0]))
        self.targets = np.empty((batch, sizes[-1]))
        self.pre = [np.empty((n, batch)) for n in sizes[1:]]
        # an identity layer's activation is its pre-activation: the same array
        self.act = [
            z if kind == IDENTITY else np.empty_like(z)
            for z, kind in zip(self.pre, kinds, strict=True)
        ]
        self.delta = [np.empty_like(z) for z in self.pre]
        # ∂E/∂a of a hidden layer; for an identity layer it is δ itself
        self.grad_act = [
            d if kind == IDENTITY else np.empty_like(d)
            for d, kind in zip(self.delta, kinds, strict=True)
        ]
        self.scratch = [np.empty_like(z) for z in self.pre]
        self.positive = [np.empty(z.shape, dtype=bool) for z in self.pre]
        self.per_sample = np.empty((1, batch))
        self.output_delta_flat = self.delta[-1].reshape(-1)


class FastPass:
    """E and ∂E/∂θ of a batch for one network structure, into one flat gradient vector.

    ``params`` is the flat parameter vector (W then b of each layer); ``views`` are (W, b)
    views of it, ``gradient`` the flat ∂E/∂θ and ``gradient_views`` its (∂E/∂W, ∂E/∂b) views.
    The numbers are those of :meth:`Network.backward` (same formulas; the transposed products
    may round the last bit differently). Between two passes ``gradient`` belongs to the caller:
    the trainer turns it into the update in place.
    """

    def __init__(self, network, params: np.ndarray):
        layers = network.layers
        self.kinds = [_KINDS[layer.activation] for layer in layers]
        self.activations = [get_activation(layer.activation) for layer in layers]
        self.sizes = network.sizes
        self.gradient = np.zeros_like(params)
        self.views, self.gradient_views, starts = [], [], []
        offset = 0
        for layer in layers:
            n_w, n_b = layer.weights.size, layer.biases.size
            shape = layer.weights.shape
            self.views.append(
                (
                    params[offset : offset + n_w].reshape(shape),
                    params[offset + n_w : offset + n_w + n_b],
                )
            )
            self.gradient_views.append(
                (
                    self.gradient[offset : offset + n_w].reshape(shape),
                    self.gradient[offset + n_w : offset + n_w + n_b],
                )
            )
            starts += [offset, offset + n_w]
            offset += n_w + n_b
        self.weights = [w for w, _ in self.views]
        self.weights_t = [w.T for w in self.weights]
        self.biases = [b for _, b in self.views]
        self.bias_columns = [b[:, np.newaxis] for b in self.biases]
        self._squares = np.empty_like(params)
        self._segments = [
            params_segment
            for pair in self.gradient_views
            for params_segment in (pair[0].reshape(-1), pair[1])
        ]
        # big arrays: one BLAS dot each reads the gradient once; small networks: fewer calls
        self._dot_per_segment = params.size > 2000 * len(starts)
        self._segment_starts = np.array(starts, dtype=np.intp)
        self._segment_sums = np.empty(len(starts))
        self._weight_sums = self._segment_sums[::2]
        self.weight_norms = np.zeros(len(layers))
        self._buffers: dict[int, _Buffers] = {}
        self._loss = get_loss(network.loss)
        self._mean = network.reduction == "mean"
        reduction_scale(network.reduction, 1)
        output_activation = layers[-1].activation
        if network.loss in _SQUARED and output_activation != "softmax":
            self._mode = "squared"
            loss_factor, grad_factor = _SQUARED[network.loss]
            if network.loss == "mse":
                loss_factor, grad_factor = 1.0 / self.sizes[-1], 2.0 / self.sizes[-1]
            self._loss_factor, self._grad_factor = loss_factor, grad_factor
        elif output_activation == self._loss.fused_activation:
            self._mode = "fused"  # δ = a − t (softmax + cross-entropy, sigmoid + BCE)
        else:
            self._mode = "general"

    def buffers(self, batch: int) -> _Buffers:
        """The buffers for a batch of ``batch`` rows (made on first use, then reused)."""
        found = self._buffers.get(batch)
        if found is None:
            found = self._buffers[batch] = _Buffers(self.sizes, self.kinds, batch)
        return found

    def gather(self, inputs, targets, index):
        """Rows ``index`` of inputs and targets, copied into the batch buffers."""
        buffers = self.buffers(len(index))
        np.take(inputs, index, axis=0, out=buffers.inputs)
        np.take(targets, index, axis=0, out=buffers.targets)
        return buffers.inputs, buffers.targets

    # ----- forward ------------------------------------------------------------
    def _forward(self, inputs, buffers: _Buffers):
        """aᵀ of the output layer, (n_out, batch), every layer's zᵀ and aᵀ kept in ``buffers``."""
        a = inputs.T
        for index, kind in enumerate(self.kinds):
            z, out = buffers.pre[index], buffers.act[index]
            np.matmul(self.weights[index], a, out=z)
            np.add(z, self.bias_columns[index], out=z)
            if kind == TANH:
                np.tanh(z, out=out)
            elif kind == RELU:
                np.maximum(z, 0.0, out=out)
            elif kind == SIGMOID:  # exp(−log(1 + e^−z)), as activations.py: no overflow
                np.negative(z, out=out)
                np.logaddexp(0.0, out, out=out)
                np.negative(out, out=out)
                np.exp(out, out=out)
            elif kind == LEAKY_RELU:  # max(z, 0.01 z) is z above 0 and 0.01 z below
                np.multiply(z, LEAKY_SLOPE, out=out)
                np.maximum(z, out, out=out)
            elif kind == SOFTMAX:  # each column: exp(z − max z) / Σ exp(z − max z)
                column = buffers.per_sample
                np.maximum.reduce(z, axis=0, keepdims=True, out=column)
                np.subtract(z, column, out=out)
                np.exp(out, out=out)
                np.add.reduce(out, axis=0, keepdims=True, out=column)
                np.divide(out, column, out=out)
            a = out
        return a

    # ----- backward -----------------------------------------------------------
    def _apply_slope(self, index: int, buffers: _Buffers, grad, out) -> None:
        """δ = ∂E/∂a ⊙ f′(z) for layer ``index`` (``grad`` and ``out`` may be one array)."""
        kind = self.kinds[index]
        a, z, s = buffers.act[index], buffers.pre[index], buffers.scratch[index]
        if kind == IDENTITY:
            if out is not grad:
                np.copyto(out, grad)
        elif kind == TANH:  # 1 − a²
            np.multiply(a, a, out=s)
            np.subtract(1.0, s, out=s)
            np.multiply(grad, s, out=out)
        elif kind == SIGMOID:  # a(1 − a)
            np.subtract(1.0, a, out=s)
            np.multiply(a, s, out=s)
            np.multiply(grad, s, out=out)
        elif kind == RELU:  # 1 above 0, else 0 (f′(0) = 0); a float mask multiplies fastest
            np.greater(z, 0.0, out=s)
            np.multiply(grad, s, out=out)
        elif kind == LEAKY_RELU:  # 1 above 0, else 0.01
            positive = buffers.positive[index]
            np.greater(z, 0.0, out=positive)
            s.fill(LEAKY_SLOPE)
            np.copyto(s, 1.0, where=positive)
            np.multiply(grad, s, out=out)
        else:  # softmax: its full Jacobian, as activations.py (which takes rows)
            out.T[...] = self.activations[index].backward(z.T, a.T, grad.T)

    def _other_loss(self, output, targets, buffers: _Buffers) -> float:
        """Σ over the batch of E_i for the losses that are not squared errors (output: aᵀ)."""
        if self._loss.name != "cross_entropy":
            return float(self._loss.per_sample(output.T, targets).sum())
        # −Σ t log a with log clamped at LOG_FLOOR, as losses.py
        log_output = buffers.scratch[-1]
        np.log(output, out=log_output)
        np.maximum(log_output, LOG_FLOOR, out=log_output)
        np.multiply(log_output, targets.T, out=log_output)
        return -float(np.add.reduce(log_output, axis=None))

    def loss_and_gradient(self, inputs, targets) -> float:
        """E of the batch; fills ``gradient`` with ∂E/∂θ (∂E/∂x is not computed).

        Parameters
        ----------
        inputs : ndarray, shape (batch, n_in)
        targets : ndarray, shape (batch, n_out)

        Non-finite values are not warned about here: callers run it under ``np.errstate``.
        """
        batch = inputs.shape[0]
        buffers = self.buffers(batch)
        output = self._forward(inputs, buffers)
        last = len(self.kinds) - 1
        delta = buffers.delta[last]
        scale = 1.0 / batch if self._mean else 1.0
        if self._mode == "squared":
            np.subtract(output, targets.T, out=delta)
            flat = buffers.output_delta_flat
            loss = self._loss_factor * float(np.dot(flat, flat)) * scale
            if self._grad_factor != 1.0:
                np.multiply(self._grad_factor, delta, out=delta)
            self._apply_slope(last, buffers, delta, delta)
        else:
            loss = self._other_loss(output, targets, buffers) * scale
            if self._mode == "fused":
                np.subtract(output, targets.T, out=delta)
            else:
                delta.T[...] = self._loss.output_delta(
                    "", buffers.pre[last].T, output.T, targets, self.activations[last]
                )
        if scale != 1.0:
            np.multiply(delta, scale, out=delta)
        for index in range(last, -1, -1):
            delta = buffers.delta[index]  # δᵀ, (n_out, batch)
            a_prev = inputs if index == 0 else buffers.act[index - 1].T  # rows, (batch, n_in)
            grad_weights, grad_biases = self.gradient_views[index]
            np.matmul(delta, a_prev, out=grad_weights)
            np.add.reduce(delta, axis=1, out=grad_biases)
            if index > 0:
                grad = buffers.grad_act[index - 1]
                np.matmul(self.weights_t[index], delta, out=grad)
                if self.kinds[index - 1] != IDENTITY:
                    self._apply_slope(index - 1, buffers, grad, buffers.delta[index - 1])
        return loss

    # ----- measuring the gradient ---------------------------------------------
    def gradient_norms(self) -> float:
        """Fill ``weight_norms`` (‖∂E/∂W‖_F per layer); return ‖∂E/∂θ‖₂ over everything.

        The total is finite exactly when every gradient entry is finite (or, rarely, when a
        sum of squares overflowed: :meth:`non_finite_gradient` tells the two apart).
        """
        if self._dot_per_segment:
            for index, segment in enumerate(self._segments):
                self._segment_sums[index] = np.dot(segment, segment)
        else:
            np.multiply(self.gradient, self.gradient, out=self._squares)
            np.add.reduceat(self._squares, self._segment_starts, out=self._segment_sums)
        np.sqrt(self._weight_sums, out=self.weight_norms)
        return math.sqrt(float(np.add.reduce(self._segment_sums)))

    def non_finite_gradient(self):
        """(what, value) for the first non-finite ∂E/∂W or ∂E/∂b, or (None, None)."""
        for index, (grad_weights, grad_biases) in enumerate(self.gradient_views, start=1):
            for name, array in (("∂E/∂W", grad_weights), ("∂E/∂b", grad_biases)):
                if not np.isfinite(array).all():
                    return f"{name} of layer {index}", _first_non_finite(array)
        return None, None

    def non_finite_parameter(self, params: np.ndarray):
        """(what, value) for the first non-finite W or b in a flat vector like ``params``."""
        offset = 0
        for index, (weights, biases) in enumerate(self.views, start=1):
            for name, size in (("W", weights.size), ("b", biases.size)):
                part = params[offset : offset + size]
                offset += size
                if not np.isfinite(part).all():
                    return f"{name} of layer {index}", _first_non_finite(part)
        return "parameters", "non-finite"
