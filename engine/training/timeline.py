"""The timeline of a training run: the network as it was at any earlier step.

A :class:`Timeline` keeps **checkpoints**: at some steps c, the flat parameter vector θ (P
float64 values, W then b of each layer) and the run state without its curves (optimizer
state, counters, the epoch's sample order, the random generator: :class:`RunState`). The
network at step k is the newest checkpoint c ≤ k carried on by k − c training steps of a fresh
:class:`Trainer`; that replay is exact, bit for bit, because training is deterministic given
the run state (so step k equals a fresh ``train --steps k`` when the run started at step 0).

Which steps can be shown (:meth:`Timeline.shown_step`):

- every step of the last ``exact_window`` (10,000) steps, exactly;
- an older step only at a checkpoint: the nearest one kept, at thinned spacing.

**Memory.** A checkpoint holds P float64 numbers, the optimizer's arrays (momentum: P more,
Adam: 2P) and the epoch order (n ints, shared by the checkpoints of one epoch). A new one is
kept only ``gap`` steps after the last, ``gap`` chosen so that the last ``exact_window`` steps
need at most half of ``budget`` bytes; when all checkpoints pass ``budget``, every other one
older than the window is dropped (the oldest stays), or, when none is that old, ``gap``
doubles and every other one in the window goes. A replay therefore runs at most ``gap`` steps
plus the steps between two offers (the GUI offers once a frame).

**Segments.** The structure, frozen masks, loss, training settings and data that the steps after
a checkpoint were trained with (:class:`Segment`): shared by checkpoints while nothing but θ and
the run changes. An edit, an undo or a new run is offered with ``changed=True``: checkpoints at
or after the current step are dropped (that future no longer exists) and one is taken now.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace

import numpy as np

from engine.model.experiment import Experiment, TrainingSettings
from engine.model.network import Network
from engine.training.history import History
from engine.training.optimizers import flatten_parameters
from engine.training.run_state import RunState, capture
from engine.training.trainer import Trainer

MB = 1 << 20
DEFAULT_BUDGET = 200 * MB
EXACT_WINDOW = 10_000
CHECKPOINT_OVERHEAD = 512  # bytes a checkpoint costs beyond its arrays (Python objects)
MAX_CHECKPOINTS = 20_000  # beyond the budget, a cap on their number (small networks)


@dataclass(frozen=True)
class Segment:
    """What steps were trained with, besides θ and the run: a copy of the network (its
    structure, activations, loss and frozen masks; its values are not used), the settings, the
    data (shared: training only reads it)."""

    network: Network
    settings: TrainingSettings
    data: object

    def fits(self, network: Network, settings: TrainingSettings, data) -> bool:
        """Whether training ``network`` with ``settings`` on ``data`` is what this segment does."""
        mine = self.network
        if (data is not self.data or settings != self.settings
                or _shape(network) != _shape(mine)):
            return False
        return all(np.array_equal(a.frozen_weights, b.frozen_weights)
                   and np.array_equal(a.frozen_biases, b.frozen_biases)
                   for a, b in zip(network.layers, mine.layers, strict=True))


def _shape(network: Network) -> tuple:
    return (network.input_size, network.loss, network.reduction,
            tuple((layer.activation, layer.weights.shape) for layer in network.layers))


@dataclass(frozen=True)
class Checkpoint:
    """θ (P,) at ``step`` and the run there (None: step 0 of a fresh run), in ``segment``."""

    step: int
    parameters: np.ndarray
    run: RunState | None
    segment: Segment

    @property
    def nbytes(self) -> int:
        """Its own arrays (the order counted by the timeline, as it may be shared)."""
        state = 0 if self.run is None else sum(
            value.nbytes for value in self.run.optimizer_state.values()
            if isinstance(value, np.ndarray))
        return self.parameters.nbytes + state + CHECKPOINT_OVERHEAD


class Timeline:
    """Checkpoints of one run (see the module text); ``last_step`` the newest step offered."""

    def __init__(self, budget: int = DEFAULT_BUDGET, exact_window: int = EXACT_WINDOW):
        self.budget = int(budget)
        self.exact_window = int(exact_window)
        self.gap = 1
        self.last_step = -1  # nothing offered yet
        self._checkpoints: list[Checkpoint] = []
        self._steps: list[int] = []  # their steps, for bisect
        self._bytes = 0  # what they hold (see nbytes), kept up to date

    # ----- taking checkpoints --------------------------------------------------------------
    def clear(self) -> None:
        self.__init__(self.budget, self.exact_window)

    def offer(self, trainer: Trainer, changed: bool = False) -> None:
        """``trainer`` is at a new step (after training), or was ``changed`` otherwise (an
        edit, an undo, a reset): keep a checkpoint if the spacing or a change asks for one."""
        step = trainer.step_count
        last = self._checkpoints[-1] if self._checkpoints else None
        changed = changed or last is None or step < last.step
        if not changed and (step == last.step or step - last.step < self.gap):
            self.last_step = max(self.last_step, step)
            return
        run = capture(trainer, curves=False)
        if step > 0 and run is None:  # cannot be trained as it is: nothing to replay from
            self.last_step = step
            return
        if changed:
            self._keep(range(bisect.bisect_left(self._steps, step)))
            last = self._checkpoints[-1] if self._checkpoints else None
        network = trainer.network
        segment = last.segment if last is not None and last.segment.fits(
            network, trainer.settings, trainer.experiment.data) else Segment(
            network.copy(), replace(trainer.settings), trainer.experiment.data)
        if (run is not None and run.order is not None and last is not None
                and last.run is not None and last.run.order is not None
                and np.array_equal(run.order, last.run.order)):
            run.order = last.run.order  # one epoch's order, kept once
        if self.gap == 1 and not self._checkpoints:
            self.gap = self._gap_for(flatten_parameters(network.layers).nbytes, trainer)
        checkpoint = Checkpoint(step, flatten_parameters(network.layers), run, segment)
        self._bytes += checkpoint.nbytes + self._order_bytes(checkpoint, last)
        self._checkpoints.append(checkpoint)
        self._steps.append(step)
        self.last_step = step
        self._thin()

    @staticmethod
    def _order_bytes(checkpoint: Checkpoint, before: Checkpoint | None) -> int:
        """The bytes of its epoch order unless the checkpoint before shares it."""
        order = None if checkpoint.run is None else checkpoint.run.order
        if order is None or (before is not None and before.run is not None
                             and before.run.order is order):
            return 0
        return order.nbytes

    def _keep(self, indices) -> None:
        """Keep only the checkpoints at ``indices`` (ascending); recount the bytes."""
        self._checkpoints = [self._checkpoints[i] for i in indices]
        self._steps = [c.step for c in self._checkpoints]
        self._bytes = sum(c.nbytes + self._order_bytes(c, b) for c, b in
                          zip(self._checkpoints, [None, *self._checkpoints], strict=False))

    def _gap_for(self, parameter_bytes: int, trainer: Trainer) -> int:
        """Steps between checkpoints so that the exact window takes at most half the budget:
        a checkpoint holds θ and the optimizer's arrays (momentum: v; Adam: m and v)."""
        state = {} if trainer.optimizer is None else trainer.optimizer.saved_state()
        arrays = sum(isinstance(value, np.ndarray) for value in state.values())
        size = parameter_bytes * (1 + arrays) + CHECKPOINT_OVERHEAD
        return max(1, math.ceil(self.exact_window * size / (self.budget / 2)))

    def _thin(self) -> None:
        count = len(self._checkpoints)
        while (self._bytes > self.budget or count > MAX_CHECKPOINTS) and count > 2:
            old = bisect.bisect_left(self._steps, self.last_step - self.exact_window)
            old = min(old, count - 1)  # the newest always stays
            if old > 1:  # every other one older than the window goes (the oldest stays)
                drop = set(range(1, old, 2))
            else:
                self.gap *= 2
                drop = set(range(count - 2, 0, -2))
            self._keep([i for i in range(count) if i not in drop])
            count = len(self._checkpoints)

    @property
    def nbytes(self) -> int:
        """Memory the checkpoints hold: θ, optimizer state, each epoch's order once."""
        return self._bytes

    # ----- looking back --------------------------------------------------------------------
    @property
    def first_step(self) -> int | None:
        """The oldest step that can be shown (None: none)."""
        return self._checkpoints[0].step if self._checkpoints else None

    @property
    def checkpoint_steps(self) -> list[int]:
        return list(self._steps)

    def shown_step(self, step: int) -> int | None:
        """The step shown when ``step`` is asked for: itself within the last ``exact_window``
        steps, else the nearest older checkpoint kept; clamped to the run (None: no run)."""
        if not self._checkpoints:
            return None
        step = min(max(int(step), self.first_step), self.last_step)
        if step >= self.last_step - self.exact_window:
            return step
        steps = self._steps
        index = bisect.bisect_right(steps, step) - 1
        after = steps[index + 1] if index + 1 < len(steps) else None
        if after is not None and after - step < step - steps[index]:
            return after
        return steps[index]

    def trainer_at(self, step: int) -> Trainer:
        """A new trainer (own network copy) standing at ``shown_step(step)``: its network has
        the parameters, its optimizer, counters and order the run had then."""
        step = self.shown_step(step)
        if step is None:
            raise ValueError("the timeline holds no step yet")
        index = bisect.bisect_right(self._steps, step) - 1
        checkpoint = self._checkpoints[index]
        segment = checkpoint.segment
        network = segment.network.copy()
        offset = 0
        for target in network.parameters():
            target[...] = checkpoint.parameters[offset:offset + target.size].reshape(
                target.shape)
            offset += target.size
        run = None if checkpoint.run is None else replace(checkpoint.run)
        trainer = Trainer(Experiment(network, replace(segment.settings), segment.data, run),
                          History(len(network.layers)))
        if step > checkpoint.step:
            trainer.run(step - checkpoint.step)
        return trainer

    def parameters_at(self, step: int) -> list[np.ndarray]:
        """W and b of each layer (``Network.parameters()`` order, new arrays) at the step shown
        for ``step``."""
        return [p.copy() for p in self.trainer_at(step).network.parameters()]


def update_strength(before: list[np.ndarray], after: list[np.ndarray]) -> list[np.ndarray]:
    """How much each parameter moved in an update, for highlighting: |Δθ| / max |Δθ| per
    array pair (new arrays in [0, 1], same shapes; all 0 where nothing moved)."""
    strengths = []
    for old, new in zip(before, after, strict=True):
        change = np.abs(np.asarray(new, dtype=np.float64) - old)
        largest = float(change.max()) if change.size else 0.0
        strengths.append(change / largest if largest > 0 and math.isfinite(largest)
                         else np.zeros_like(change))
    return strengths
