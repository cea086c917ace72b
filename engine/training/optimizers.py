"""Optimizers: how one gradient becomes one change of the parameters.

Every optimizer works on *flat* float64 vectors: all parameters of a network laid end to end
(W then b of each layer, see :func:`flatten_parameters`), their gradients ∂E/∂θ in the same
order, and a boolean ``frozen`` mask. It computes the update u and the new parameters are
θ − u:

- SGD with momentum μ (μ = 0: plain gradient descent), as PyTorch::

      v ← μ v + ∂E/∂θ        u = η v

- Adam, as PyTorch (no weight decay, no amsgrad), at step t = 1, 2, …::

      m ← β₁ m + (1 − β₁) g           v ← β₂ v + (1 − β₂) g²
      u = η / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)

A frozen parameter's gradient is replaced by 0 before any of this, so its velocity and moments
stay exactly 0 and its update is exactly 0: it never moves.

An update happens in two halves so that a caller can look before it leaps: :meth:`propose`
computes u and the would-be new state into scratch buffers without touching the current state,
and :meth:`commit` makes that state current. :meth:`peek` and :meth:`peek_layers` use only the
first half; ``peek_layers`` also hands out the would-be state, which is what the step-through
shows (velocity v′, Adam's m′, s′ and their bias-corrected m̂, ŝ), so it never redoes the math.
"""

from __future__ import annotations

import math

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.lesson.quantities import Kind
from engine.model.experiment import OPTIMIZERS, TrainingSettings


# ----- flat vectors <-> layers ------------------------------------------------
def flatten_parameters(layers) -> np.ndarray:
    """All W and b of ``layers`` laid end to end, a new float64 vector of length P."""
    return np.concatenate([p.ravel() for layer in layers for p in (layer.weights, layer.biases)])


def flatten_frozen(layers) -> np.ndarray:
    """The frozen masks in flat order, a new bool vector of length P."""
    return np.concatenate(
        [m.ravel() for layer in layers for m in (layer.frozen_weights, layer.frozen_biases)]
    )


def flatten_gradients(grad_weights, grad_biases) -> np.ndarray:
    """∂E/∂W and ∂E/∂b of each layer (lists, as in ``Gradients``) in flat order."""
    return np.concatenate(
        [g.ravel() for pair in zip(grad_weights, grad_biases, strict=True) for g in pair]
    )


def split_parameters(flat: np.ndarray, layers) -> list[tuple[np.ndarray, np.ndarray]]:
    """Cut a flat vector back into (W-shaped, b-shaped) views, one pair per layer."""
    pairs, start = [], 0
    for layer in layers:
        n_w, n_b = layer.weights.size, layer.biases.size
        weights = flat[start : start + n_w].reshape(layer.weights.shape)
        biases = flat[start + n_w : start + n_w + n_b]
        pairs.append((weights, biases))
        start += n_w + n_b
    return pairs


# ----- the optimizers ---------------------------------------------------------
class Optimizer:
    """Shared machinery: the learning rate, masking of frozen entries, propose/commit/peek.

    Subclasses implement :meth:`_propose`, writing the update into ``self._update`` and the
    would-be state into their pending buffers, and :meth:`_commit_state`.
    """

    name = "optimizer"

    def __init__(self, size: int, learning_rate: float):
        if not (math.isfinite(learning_rate) and learning_rate > 0):
            raise NetworkError("training.learning_rate", tr("must be a finite number > 0"))
        self.size = int(size)
        self.learning_rate = float(learning_rate)
        self._update = np.zeros(self.size)
        self._masked = np.zeros(self.size)
        self._pending = False

    def _check_size(self, vector: np.ndarray) -> None:
        if vector.shape != (self.size,):
            raise NetworkError(
                "parameters", tr("optimizer holds {size} values, got shape {shape}",
                                 size=self.size, shape=vector.shape)
            )

    def _masked_gradient(self, gradient: np.ndarray, frozen: np.ndarray | None) -> np.ndarray:
        """The gradient with frozen entries set to 0 (the same array when nothing is frozen)."""
        if frozen is None or not frozen.any():
            return gradient
        np.copyto(self._masked, gradient)
        self._masked[frozen] = 0.0
        return self._masked

    def propose(self, gradient: np.ndarray, frozen: np.ndarray | None = None) -> np.ndarray:
        """The update u (θ_new = θ − u) for ``gradient`` (P,), without changing any state.

        The would-be optimizer state is kept pending until :meth:`commit`. The returned array
        is a scratch buffer owned by the optimizer: it is overwritten by the next call.
        """
        self._check_size(gradient)
        self._propose(self._masked_gradient(gradient, frozen))
        self._pending = True
        return self._update

    def commit(self) -> None:
        """Make the state computed by the last :meth:`propose` current."""
        if not self._pending:
            raise RuntimeError("commit() without a propose() before it")
        self._commit_state()
        self._pending = False

    def discard(self) -> None:
        """Drop the state computed by the last :meth:`propose`; the current state stays."""
        self._pending = False

    def step(
        self, parameters: np.ndarray, gradient: np.ndarray, frozen: np.ndarray | None = None
    ) -> None:
        """One update in place: θ ← θ − u, state advanced. ``parameters`` (P,) is changed."""
        self._check_size(parameters)
        np.subtract(parameters, self.propose(gradient, frozen), out=parameters)
        self.commit()

    def peek(
        self, parameters: np.ndarray, gradient: np.ndarray, frozen: np.ndarray | None = None
    ) -> np.ndarray:
        """The parameters one update *would* produce, a new array (P,); no state changes."""
        self._check_size(parameters)
        new = parameters - self.propose(gradient, frozen)
        self._pending = False
        return new

    def peek_layers(self, layers, gradients) -> tuple[list, dict[Kind, list]]:
        """What each layer's (W, b) and the optimizer's state would be after one update.

        ``layers`` is a list of :class:`~engine.model.network.Layer` (their frozen masks are used),
        ``gradients`` an :class:`~engine.model.network.Gradients` for them. Nothing changes: not
        the layers, not the optimizer state. Returns ``(parameters, state)``: new arrays, one
        (W, b) pair per layer, and ``{Kind: [(W-shaped, b-shaped), …]}`` of the would-be state
        (see :meth:`_pending_state`; empty for plain gradient descent).
        """
        parameters = flatten_parameters(layers)
        gradient = flatten_gradients(gradients.grad_weights, gradients.grad_biases)
        new = self.peek(parameters, gradient, flatten_frozen(layers))
        state = {
            kind: split_parameters(flat.copy(), layers)
            for kind, flat in self._pending_state().items()
        }
        return split_parameters(new, layers), state

    def _pending_state(self) -> dict[Kind, np.ndarray]:
        """The state the last :meth:`propose` computed, flat (P,), by kind (none by default)."""
        return {}

    def update_norm(self, gradient_norm: float) -> float:
        """An upper bound of ‖u‖₂ for the last proposal, given ‖∂E/∂θ‖₂ (used by the guard)."""
        return math.sqrt(float(np.dot(self._update, self._update)))

    def reset(self) -> None:
        """Forget the state (velocities, moments, step count): the next update is a first one."""
        self._pending = False

    def state_layers(self, layers) -> dict[Kind, list[tuple[np.ndarray, np.ndarray]]]:
        """The optimizer state per layer, for display: {name: [(W-shaped, b-shaped), …]}."""
        return {}


class SGD(Optimizer):
    """Gradient descent with optional momentum μ: v ← μv + g, θ ← θ − ηv (PyTorch's form)."""

    name = "sgd"

    def __init__(self, size: int, learning_rate: float, momentum: float = 0.0):
        super().__init__(size, learning_rate)
        if not (math.isfinite(momentum) and 0.0 <= momentum < 1.0):
            raise NetworkError("training.momentum", tr("must be a number in [0, 1)"))
        self.momentum = float(momentum)
        self.velocity = np.zeros(self.size)
        self._new_velocity = np.zeros(self.size)
        self._has_velocity = False  # PyTorch: the first step sets v = g (not μ·0 + g, same value)

    def _propose(self, gradient: np.ndarray) -> None:
        if self.momentum == 0.0:
            np.multiply(gradient, self.learning_rate, out=self._update)
            return
        np.multiply(self.velocity, self.momentum, out=self._new_velocity)
        np.add(self._new_velocity, gradient, out=self._new_velocity)
        np.multiply(self._new_velocity, self.learning_rate, out=self._update)

    def _commit_state(self) -> None:
        if self.momentum != 0.0:
            # swap rather than copy: the pending buffer becomes the current one
            self.velocity, self._new_velocity = self._new_velocity, self.velocity

    def update_norm(self, gradient_norm: float) -> float:
        if self.momentum == 0.0:
            return self.learning_rate * gradient_norm  # ‖η g_masked‖ ≤ η ‖g‖, no extra pass
        return super().update_norm(gradient_norm)

    def reset(self) -> None:
        super().reset()
        self.velocity.fill(0.0)

    def state_layers(self, layers):
        if self.momentum == 0.0:
            return {}
        return {Kind.VELOCITY: split_parameters(self.velocity, layers)}

    def saved_state(self) -> dict:
        """What a later run needs to go on exactly: the velocity v (size,) when μ > 0."""
        return {"velocity": self.velocity.copy()} if self.momentum != 0.0 else {}

    def load_state(self, state: dict) -> None:
        """Take back :meth:`saved_state` (arrays of shape (size,), checked by the caller)."""
        if self.momentum != 0.0:
            self.velocity[...] = state["velocity"]

    def _pending_state(self):
        if self.momentum == 0.0:
            return {}
        return {Kind.NEW_VELOCITY: self._new_velocity}


class Adam(Optimizer):
    """Adam with PyTorch's bias correction (see the module docstring for the formula)."""

    name = "adam"

    def __init__(
        self,
        size: int,
        learning_rate: float,
        beta1: float = 0.9,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
    ):
        super().__init__(size, learning_rate)
        for key, value in (("beta1", beta1), ("beta2", beta2)):
            if not (math.isfinite(value) and 0.0 <= value < 1.0):
                raise NetworkError(f"training.{key}", tr("must be a number in [0, 1)"))
        if not (math.isfinite(epsilon) and epsilon > 0.0):
            raise NetworkError("training.epsilon", tr("must be a finite number > 0"))
        self.beta1, self.beta2, self.epsilon = float(beta1), float(beta2), float(epsilon)
        self.step_count = 0
        self.first_moment = np.zeros(self.size)
        self.second_moment = np.zeros(self.size)
        self._new_first = np.zeros(self.size)
        self._new_second = np.zeros(self.size)
        self._scratch = np.zeros(self.size)

    def _propose(self, gradient: np.ndarray) -> None:
        t = self.step_count + 1
        m, v, s = self._new_first, self._new_second, self._scratch
        np.multiply(self.first_moment, self.beta1, out=m)
        np.multiply(gradient, 1.0 - self.beta1, out=s)
        np.add(m, s, out=m)
        np.multiply(self.second_moment, self.beta2, out=v)
        np.multiply(gradient, gradient, out=s)
        np.multiply(s, 1.0 - self.beta2, out=s)
        np.add(v, s, out=v)
        step_size = self.learning_rate / (1.0 - self.beta1**t)
        # denominator √v / √(1 − β₂ᵗ) + ε, as torch.optim.Adam computes it
        np.sqrt(v, out=s)
        np.divide(s, math.sqrt(1.0 - self.beta2**t), out=s)
        np.add(s, self.epsilon, out=s)
        np.divide(m, s, out=self._update)
        np.multiply(self._update, step_size, out=self._update)

    def _commit_state(self) -> None:
        self.first_moment, self._new_first = self._new_first, self.first_moment
        self.second_moment, self._new_second = self._new_second, self.second_moment
        self.step_count += 1

    def reset(self) -> None:
        super().reset()
        self.step_count = 0
        self.first_moment.fill(0.0)
        self.second_moment.fill(0.0)

    def saved_state(self) -> dict:
        """What a later run needs to go on exactly: m (size,), v (size,) and the step count t."""
        return {"first_moment": self.first_moment.copy(),
                "second_moment": self.second_moment.copy(), "step_count": self.step_count}

    def load_state(self, state: dict) -> None:
        """Take back :meth:`saved_state` (arrays of shape (size,), checked by the caller)."""
        self.first_moment[...] = state["first_moment"]
        self.second_moment[...] = state["second_moment"]
        self.step_count = int(state["step_count"])

    def state_layers(self, layers):
        return {
            Kind.FIRST_MOMENT: split_parameters(self.first_moment, layers),
            Kind.SECOND_MOMENT: split_parameters(self.second_moment, layers),
        }

    def _pending_state(self):
        """m′ and s′, and for display the bias-corrected m̂ = m′/(1 − β₁ᵗ), ŝ = s′/(1 − β₂ᵗ)."""
        t = self.step_count + 1
        return {
            Kind.NEW_FIRST_MOMENT: self._new_first,
            Kind.NEW_SECOND_MOMENT: self._new_second,
            Kind.FIRST_MOMENT_HAT: self._new_first / (1.0 - self.beta1**t),
            Kind.SECOND_MOMENT_HAT: self._new_second / (1.0 - self.beta2**t),
        }


def make_optimizer(settings: TrainingSettings, size: int) -> Optimizer:
    """The optimizer ``settings.optimizer`` names, for ``size`` parameters, with zero state.

    ``size`` is the number of parameters (``network.parameter_count``).
    """
    if settings.optimizer == "sgd":
        return SGD(size, settings.learning_rate, settings.momentum)
    if settings.optimizer == "adam":
        return Adam(size, settings.learning_rate, settings.beta1, settings.beta2, settings.epsilon)
    raise NetworkError(
        "training.optimizer",
        tr("unknown optimizer {optimizer!r} (known: {optimizers})",
           optimizer=settings.optimizer, optimizers=', '.join(OPTIMIZERS)),
    )
