"""Training: many gradient-descent steps over the data, in batches, with a divergence guard.

One training step = one forward pass and one backward pass on one batch, then one update of
the parameters; the loss recorded for the step is the batch's loss *before* its update.

:class:`Trainer` gets E and ∂E/∂θ of each batch from :class:`~engine.training.fastpass.FastPass`:
the math of :meth:`Network.forward` / :meth:`Network.backward` on preallocated buffers. To update
every parameter with one vector operation, the trainer lays all W and b end to end in one flat
vector and points each ``layer.weights`` / ``layer.biases`` at a view of it: the layers keep
holding the live values, and an in-place edit of a layer's array is seen by the next step at
once.

Changing the network between runs (the GUI edits while paused) needs no call: every
:meth:`Trainer.step` / :meth:`Trainer.run` starts with :meth:`Trainer.sync`, which re-reads the
layers (arrays replaced by new ones are copied in, frozen masks and the settings are re-read; a
changed structure or optimizer rebuilds everything and clears the optimizer state). Edited
values keep the optimizer state (velocity, moments) as PyTorch would; call
:meth:`Trainer.reset_optimizer` to clear it. Because training writes into the layers' arrays,
an undo command must keep a *copy* of old values, never the array itself. A new ``shuffle``
setting applies from the next epoch, a new ``seed`` from the next :meth:`Trainer.reset`.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, replace

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.lesson.quantities import StopReason
from engine.model.experiment import Experiment
from engine.training.fastpass import FastPass
from engine.training.history import History
from engine.training.optimizers import flatten_frozen, flatten_parameters, make_optimizer
from engine.training.run_state import RunState, capture, rewind
from engine.training.safe_bound import largest_row_norm, safe_parameter_bound


@dataclass(frozen=True)
class Divergence:
    """Why a run stopped: at ``step`` (its number, 1-based), ``what`` became ``value``."""

    step: int
    epoch: int
    what: str  # "the loss", "∂E/∂W of layer 2", "W of layer 1", …
    value: str  # "nan", "inf" or "-inf"

    @property
    def message(self) -> str:
        return tr(
            "training diverged at step {step}: {what} became {value}; "
            "the step was undone, the parameters are those from before it",
            step=self.step, value=self.value,
            what=tr("the loss") if self.what == "the loss" else self.what,
        )


@dataclass(frozen=True)
class RunResult:
    """What one call of :meth:`Trainer.run` (or ``step``/``run_epoch``) did.

    ``steps`` completed, ``loss`` of the last completed step (None if none), ``divergence``
    (None unless the run diverged), ``stopped``: why it stopped (a :class:`StopReason`).
    """

    steps: int
    loss: float | None
    divergence: Divergence | None
    stopped: StopReason


class Trainer:
    """Trains ``experiment.network`` on ``experiment.data`` as ``experiment.training`` says.

    ``step_count`` counts completed steps, ``epoch`` completed epochs. The shuffle order of
    every epoch comes from one ``np.random.default_rng(training.seed)`` made by the trainer
    (and again by :meth:`reset`), so two trainers on equal experiments train identically.
    A run saved in ``experiment.run`` is carried on exactly (:mod:`engine.training.run_state`);
    :meth:`run_state` gives this run's state for a file.
    """

    def __init__(self, experiment: Experiment, history: History | None = None):
        self.experiment = experiment
        self.history = history
        self._signature = None
        self._data_key = None
        self.optimizer = None
        self.last_divergence: Divergence | None = None
        self._safe_bound = 0.0  # found from the network and the data at the first sync
        self.reset()
        # a run saved in the file goes on (it is taken out of the experiment); None, or why not
        run, experiment.run = experiment.run, None
        self.discarded_run = None if run is None else rewind(self, run)

    def run_state(self) -> RunState | None:
        """Where this run stands (copies), for a file or an undo step; None before step 1."""
        return capture(self)

    # ----- state --------------------------------------------------------------
    @property
    def network(self):
        return self.experiment.network

    @property
    def settings(self):
        return self.experiment.training

    def reset(self) -> None:
        """Start the run over from the network's current values: counters 0, a new random
        generator, optimizer state 0, the history cleared."""
        self.step_count = 0
        self.epoch = 0
        self._offset = 0  # samples of the current epoch already used
        self._rng = np.random.default_rng(self.settings.seed)
        self._order = None
        self._order_drawn = False
        self.last_divergence = None
        self._signature = None  # forces a full rebuild: fresh optimizer state
        if self.history is not None:
            self.history.clear()
        try:  # have an optimizer ready (for peek) before the first step, when possible
            self._sync_network()
        except NetworkError:
            pass  # reported by the first step/run, which syncs again

    def reset_optimizer(self) -> None:
        """Clear the optimizer state (velocity, Adam moments and step count)."""
        if self.optimizer is not None:
            self.optimizer.reset()

    # ----- keeping in step with the network -----------------------------------
    def sync(self) -> None:
        """Re-read the network, data and settings (called by every step/run; cheap).

        Raises :class:`NetworkError` naming the key when something cannot be trained.
        """
        self._sync_network()
        self._sync_data()

    def _sync_network(self) -> None:
        network, settings = self.network, self.settings
        layers = network.layers
        if not layers:
            raise NetworkError("layers", tr("the network has no layers to train"))
        signature = (
            network.input_size,
            tuple((layer.weights.shape, layer.biases.shape, layer.activation) for layer in layers),
            network.loss,
            network.reduction,
            settings.optimizer,
            settings.momentum,
            settings.beta1,
            settings.beta2,
            settings.epsilon,
        )
        if signature != self._signature:
            self._rebuild(signature)
        else:
            self._adopt_replaced_arrays()
        self.optimizer.learning_rate = float(settings.learning_rate)
        if not (math.isfinite(self.optimizer.learning_rate) and self.optimizer.learning_rate > 0):
            raise NetworkError("training.learning_rate", tr("must be a finite number > 0"))
        for index, layer in enumerate(layers):
            for name, mask, array in (
                ("frozen_weights", layer.frozen_weights, layer.weights),
                ("frozen_biases", layer.frozen_biases, layer.biases),
            ):
                if mask.shape != array.shape:
                    raise NetworkError(
                        f"layers[{index}].{name}", tr("shape {shape}, expected {shape2}",
                                                      shape=mask.shape, shape2=array.shape)
                    )
        # the optimizer skips masking for None: no flat mask is built while nothing is frozen
        frozen = any(layer.frozen_weights.any() or layer.frozen_biases.any() for layer in layers)
        self._frozen = flatten_frozen(layers) if frozen else None
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow just means "no bound"
            self._param_bound = math.sqrt(float(np.dot(self._params, self._params)))

    def _rebuild(self, signature) -> None:
        layers = self.network.layers
        self._params = flatten_parameters(layers)
        self._pass = FastPass(self.network, self._params)
        self._point_layers_at_params()
        self.optimizer = make_optimizer(self.settings, self._params.size)
        self._new_params = np.empty_like(self._params)
        self._old_params = np.empty_like(self._params)
        self._plain_sgd = self.optimizer.name == "sgd" and self.optimizer.momentum == 0.0
        if self.history is None or self.history.n_layers != len(layers):
            self.history = History(len(layers))
        self._signature = signature
        if self._data_key is not None:
            self._safe_bound = safe_parameter_bound(
                self.network, self._input_norm, self._target_norm)

    def _point_layers_at_params(self) -> None:
        for layer, (weights, biases) in zip(self.network.layers, self._pass.views, strict=True):
            layer.weights = weights
            layer.biases = biases

    def _adopt_replaced_arrays(self) -> None:
        """Copy in any layer array that was replaced by a new one, then point it back."""
        for layer, (weights, biases) in zip(self.network.layers, self._pass.views, strict=True):
            if layer.weights is not weights:
                weights[...] = layer.weights
                layer.weights = weights
            if layer.biases is not biases:
                biases[...] = layer.biases
                layer.biases = biases

    def _sync_data(self) -> None:
        data = self.experiment.data
        if data is None or len(data) == 0:
            raise NetworkError("data", tr("there is no training data"))
        network = self.network
        if data.inputs.shape[1] != network.input_size:
            raise NetworkError(
                "data.inputs",
                tr("rows have {shape} values, the network takes {input_size}",
                   shape=data.inputs.shape[1], input_size=network.input_size),
            )
        if data.targets.shape != (len(data), network.output_size):
            raise NetworkError(
                "data.targets",
                tr("shape {shape}, expected ({n_data}, {output_size})",
                   shape=data.targets.shape, n_data=len(data), output_size=network.output_size),
            )
        key = (id(data), id(data.inputs), id(data.targets), len(data))
        if key != self._data_key:
            if self._data_key is not None:  # new data: the epoch starts over
                self._offset = 0
                self._order_drawn = False
            self._data_key = key
            self._inputs = np.ascontiguousarray(data.inputs)
            self._targets = np.ascontiguousarray(data.targets)
            self._input_norm = largest_row_norm(self._inputs)
            self._target_norm = largest_row_norm(self._targets)
            self._safe_bound = safe_parameter_bound(
                self.network, self._input_norm, self._target_norm)
        if not self._order_drawn:
            self._draw_order()
        batch = self.settings.batch_size
        if batch is not None and (
            isinstance(batch, bool) or not isinstance(batch, int) or batch < 1
        ):
            raise NetworkError("training.batch_size", tr("must be a whole number ≥ 1 or null"))
        self._batch = len(data) if batch is None else min(batch, len(data))

    def _draw_order(self) -> None:
        """The sample order of the coming epoch: a fresh permutation when shuffling."""
        n = len(self._inputs)
        self._order = self._rng.permutation(n) if self.settings.shuffle else None
        self._order_drawn = True

    # ----- training -----------------------------------------------------------
    def step(self) -> RunResult:
        """Exactly one training step (unless it diverges: then none, and a report)."""
        return self.run(1)

    def run(self, steps: int) -> RunResult:
        """Up to ``steps`` training steps; stops early at divergence or a stop condition."""
        if not isinstance(steps, int) or steps < 0:
            raise NetworkError("steps", tr("must be a whole number ≥ 0"))
        return self._run(steps, stop_at_epoch_end=False)

    def run_epoch(self) -> RunResult:
        """Steps until the current epoch ends (a whole epoch when one has just begun)."""
        return self._run(None, stop_at_epoch_end=True)

    def _run(self, steps: int | None, stop_at_epoch_end: bool) -> RunResult:
        self.sync()
        settings = self.settings
        target, max_epochs = settings.target_loss, settings.max_epochs
        done, loss, stopped = 0, None, StopReason.STEPS
        with np.errstate(all="ignore"):  # non-finite values are caught by the guard, not warned
            while steps is None or done < steps:
                if max_epochs is not None and self.epoch >= max_epochs:
                    stopped = StopReason.MAX_EPOCHS
                    break
                epoch_before = self.epoch
                loss = self._one_step()
                if loss is None:
                    return RunResult(
                        done,
                        self.history.last_loss if done else None,
                        self.last_divergence,
                        StopReason.DIVERGED,
                    )
                done += 1
                if target is not None and loss <= target:
                    stopped = StopReason.TARGET_LOSS
                    break
                if stop_at_epoch_end and self.epoch != epoch_before:
                    stopped = StopReason.EPOCH
                    break
        return RunResult(done, loss, None, stopped)

    def _one_step(self) -> float | None:
        """Forward, backward, guarded update on the next batch; its loss, or None if diverged."""
        start, stop = self._batch_bounds()
        if self._order is None:
            inputs, targets = self._inputs[start:stop], self._targets[start:stop]
        else:
            inputs, targets = self._pass.gather(
                self._inputs, self._targets, self._order[start:stop]
            )
        fast = self._pass
        loss = fast.loss_and_gradient(inputs, targets)
        grad_norm = fast.gradient_norms()
        if not math.isfinite(loss):
            return self._diverged("the loss", str(loss))
        if not math.isfinite(grad_norm):
            what, value = fast.non_finite_gradient()
            if what is not None:
                return self._diverged(what, value)
        if not self._update(grad_norm, (inputs, targets)):
            return None
        self.step_count += 1
        if self.history is not None:
            self.history.record(loss, fast.weight_norms)
        if stop == len(self._inputs):
            self._offset = 0
            self.epoch += 1
            if self.history is not None:
                self.history.end_epoch(self.step_count)
            self._draw_order()
        else:
            self._offset = stop
        return loss

    def _batch_bounds(self) -> tuple[int, int]:
        """Rows start…stop (of the training order) of the next batch; the last may be short."""
        return self._offset, min(self._offset + self._batch, len(self._inputs))

    def _update(self, grad_norm: float, batch) -> bool:
        """θ ← θ − u, guarded: False (and a divergence report) if the new θ is not finite or
        gives the step's ``batch`` (inputs, targets) a non-finite loss."""
        optimizer = self.optimizer
        if self._plain_sgd and self._frozen is None:
            update_bound = optimizer.learning_rate * grad_norm
            if self._param_bound + update_bound < self._safe_bound:
                # plain SGD keeps no state: u = η g, made in the gradient's own buffer (one
                # array less to stream through the cache than propose/commit)
                gradient = self._pass.gradient
                np.multiply(gradient, optimizer.learning_rate, out=gradient)
                np.subtract(self._params, gradient, out=self._params)
                self._param_bound += update_bound
                return True
        update = optimizer.propose(self._pass.gradient, self._frozen)
        update_bound = optimizer.update_norm(grad_norm)
        if self._param_bound + update_bound < self._safe_bound:
            np.subtract(self._params, update, out=self._params)  # cannot overflow: commit
            self._param_bound += update_bound
        else:
            new = self._new_params
            np.subtract(self._params, update, out=new)
            if not np.isfinite(new).all():
                optimizer.discard()
                self._diverged(*self._pass.non_finite_parameter(new))
                return False
            if not self._adopt_if_finite_loss(new, batch):
                optimizer.discard()
                return False
            self._param_bound = math.sqrt(float(np.dot(new, new)))
        optimizer.commit()
        return True

    def _adopt_if_finite_loss(self, new: np.ndarray, batch) -> bool:
        """Make ``new`` the parameters if the step's batch has a finite loss with them.

        Otherwise the parameters stay as they were and the divergence is reported: the kept
        parameters always give a finite loss (the loss of a step is taken before its update).
        """
        old = self._old_params
        np.copyto(old, self._params)
        np.copyto(self._params, new)
        loss = self.network.loss_value(*batch)
        if math.isfinite(loss):
            return True
        np.copyto(self._params, old)
        self._diverged("the loss", str(loss))
        return False

    def _diverged(self, what: str, value: str) -> None:
        self.last_divergence = Divergence(self.step_count + 1, self.epoch, what, value)
        return None

    # ----- measuring ----------------------------------------------------------
    @property
    def last_grad_norms(self) -> np.ndarray:
        """‖∂E/∂W‖_F of each layer at the last step computed, shape (n_layers,) (a copy)."""
        return self._pass.weight_norms.copy()

    def next_batch(self) -> np.ndarray:
        """The data rows the next step will train on, in its order (a new int array): the
        current batch of the current epoch, shuffling included."""
        self.sync()
        start, stop = self._batch_bounds()
        if self._order is None:
            return np.arange(start, stop)
        return self._order[start:stop].copy()

    def copy(self) -> Trainer:
        """An independent trainer at this one's point: a copy of the network and settings, the
        same data (training only reads it), the same step and epoch counts, place in the epoch,
        shuffle order, random generator state and optimizer state (velocity, moments); a
        history of its own.
        Stepping the copy gives bit for bit what stepping this one would, and changes nothing
        here (the step-through shows the next step this way)."""
        self.sync()
        experiment = self.experiment
        # the data is shared: training only reads it
        twin = Trainer(Experiment(experiment.network.copy(), replace(experiment.training),
                                  experiment.data))
        twin.sync()
        twin.step_count, twin.epoch, twin._offset = self.step_count, self.epoch, self._offset
        twin._rng = copy.deepcopy(self._rng)
        twin._order = None if self._order is None else self._order.copy()
        twin._order_drawn = self._order_drawn
        twin.optimizer = copy.deepcopy(self.optimizer)
        return twin

    def gradients(self, inputs, targets):
        """E and every ∂E/∂W, ∂E/∂b for a batch by the trainer's own fast path (no update).

        Returns ``(loss, grad_weights, grad_biases)`` (lists of new arrays), to compare with
        :meth:`Network.backward`.
        """
        self.sync()
        with np.errstate(all="ignore"):
            loss = self._pass.loss_and_gradient(
                np.ascontiguousarray(inputs, dtype=np.float64),
                np.ascontiguousarray(targets, dtype=np.float64),
            )
        grads = self._pass.gradient_views
        return loss, [gw.copy() for gw, _ in grads], [gb.copy() for _, gb in grads]

    def training_loss(self) -> float:
        """E over the whole training set with the current parameters."""
        data = self.experiment.data
        return self.network.loss_value(data.inputs, data.targets)

    def test_loss(self) -> float | None:
        """E over the held-out test split, or None when the data has none."""
        data = self.experiment.data
        if data is None or not data.has_test_split:
            return None
        return self.network.loss_value(data.test_inputs, data.test_targets)
