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

from engine.i18n import tr
from engine.model.activations import get_activation
from engine.model.losses import get_loss, reduction_scale


def _first_non_finite(array: np.ndarray) -> str:
    bad = array[~np.isfinite(array)]
    return str(bad[0]) if bad.size else "finite"


# ----- the fast path: Network.forward/backward on preallocated buffers --------
class _Buffers:
    """Every array one step needs for a batch of ``batch`` samples, allocated once.

    ``inputs`` and ``targets`` hold gathered rows (batch, n); every other array is one
    column per sample, (n, batch).
    """

    def __init__(self, sizes: list[int], activations: list, batch: int):
        self.inputs = np.empty((batch, sizes[0]))
        self.targets = np.empty((batch, sizes[-1]))
        self.pre = [np.empty((n, batch)) for n in sizes[1:]]
        # an identity layer's activation is its pre-activation: the same array
        self.act = [
            z if activation.identity else np.empty_like(z)
            for z, activation in zip(self.pre, activations, strict=True)
        ]
        self.delta = [np.empty_like(z) for z in self.pre]
        # ∂E/∂a of a hidden layer; for an identity layer it is δ itself
        self.grad_act = [
            d if activation.identity else np.empty_like(d)
            for d, activation in zip(self.delta, activations, strict=True)
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
        output_activation = self.activations[-1]
        squared = self._loss.squared_factors(self.sizes[-1])
        if squared is not None and output_activation.elementwise:
            self._mode = "squared"
            self._loss_factor, self._grad_factor = squared
        elif output_activation.name == self._loss.fused_activation:
            self._mode = "fused"  # δ = a − t (softmax + cross-entropy, sigmoid + BCE)
        else:
            self._mode = "general"

    def buffers(self, batch: int) -> _Buffers:
        """The buffers for a batch of ``batch`` rows (made on first use, then reused)."""
        found = self._buffers.get(batch)
        if found is None:
            found = self._buffers[batch] = _Buffers(self.sizes, self.activations, batch)
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
        for index, activation in enumerate(self.activations):
            z, out = buffers.pre[index], buffers.act[index]
            np.matmul(self.weights[index], a, out=z)
            np.add(z, self.bias_columns[index], out=z)
            activation.forward_columns(z, out, buffers.per_sample)
            a = out
        return a

    # ----- backward -----------------------------------------------------------
    def _apply_slope(self, index: int, buffers: _Buffers, grad, out) -> None:
        """δ = ∂E/∂a ⊙ f′(z) for layer ``index`` (``grad`` and ``out`` may be one array)."""
        self.activations[index].slope_columns(
            grad,
            buffers.pre[index],
            buffers.act[index],
            buffers.scratch[index],
            buffers.positive[index],
            out,
        )

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
        last = len(self.activations) - 1
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
            loss = self._loss.batch_total(output, targets.T, buffers.scratch[-1]) * scale
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
                if not self.activations[index - 1].identity:
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
                    where = tr("{name} of layer {index}", name=name, index=index)
                    return where, _first_non_finite(array)
        return None, None

    def non_finite_parameter(self, params: np.ndarray):
        """(what, value) for the first non-finite W or b in a flat vector like ``params``."""
        offset = 0
        for index, (weights, biases) in enumerate(self.views, start=1):
            for name, size in (("W", weights.size), ("b", biases.size)):
                part = params[offset : offset + size]
                offset += size
                if not np.isfinite(part).all():
                    where = tr("{name} of layer {index}", name=name, index=index)
                    return where, _first_non_finite(part)
        return tr("parameters"), tr("non-finite")
