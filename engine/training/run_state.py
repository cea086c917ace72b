"""Where a training run stands, so that it can be saved and carried on exactly.

A :class:`RunState` holds everything :class:`~engine.training.trainer.Trainer` keeps beside the
network: the step and epoch counts, the place in the current epoch and its sample order, the
random generator's state (numpy's ``bit_generator.state``), the optimizer's state (SGD with
momentum: the velocity v; Adam: the moments m, v and the step count t) and the curves
(:mod:`engine.training.history_state`). :func:`capture` takes it from a trainer;
:func:`resume` gives it to a fresh one, or says why it does not fit (then the run starts over).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.errors import NetworkError
from engine.training.history_state import history_state, restore_history


@dataclass
class RunState:
    """``steps`` and ``epochs`` done, ``position`` (samples of the current epoch used),
    ``order`` (n,) the epoch's sample order (None: in data order), ``rng`` the generator's
    state, ``optimizer`` its name and ``optimizer_state`` (arrays of shape (P,), P the
    parameter count; Adam's ``step_count``), ``history`` the curves (or None).
    ``unfit`` names why a run read from a file cannot be carried on (then nothing else counts).
    """

    steps: int = 0
    epochs: int = 0
    position: int = 0
    order: np.ndarray | None = None
    rng: dict = field(default_factory=dict)
    optimizer: str = "sgd"
    optimizer_state: dict = field(default_factory=dict)
    history: dict | None = None
    unfit: str | None = None


def capture(trainer, curves: bool = True) -> RunState | None:
    """The run of ``trainer`` now (copies), or None when nothing has been trained yet or the
    network and data cannot be trained as they are (a fresh run is then what a file holds).
    ``curves=False`` leaves the curves out (``history`` None: a timeline's light snapshot)."""
    if trainer.step_count == 0:
        return None
    try:
        trainer.sync()  # the coming epoch's order is drawn now, as the next step would
    except NetworkError:
        return None
    return RunState(
        steps=trainer.step_count,
        epochs=trainer.epoch,
        position=trainer._offset,
        order=None if trainer._order is None else trainer._order.copy(),
        rng=trainer._rng.bit_generator.state,
        optimizer=trainer.optimizer.name,
        optimizer_state=trainer.optimizer.saved_state(),
        history=None if not curves
        or getattr(trainer.history, "count", None) != trainer.step_count
        else history_state(trainer.history),
    )


def rewind(trainer, run: RunState | None) -> str | None:
    """Put ``trainer`` where ``run`` stood (None: a fresh run), whatever it did since; None
    when done, else why ``run`` does not fit (the trainer then starts a fresh run)."""
    trainer.reset()
    problem = None if run is None else resume(trainer, run)
    if problem is not None:
        trainer.reset()
    return problem


def resume(trainer, run: RunState) -> str | None:
    """Carry on ``run`` in ``trainer`` (just reset): None when done, else why it does not fit
    (the trainer is then left reset: a fresh run from the current parameters)."""
    problem = run.unfit or _misfit(trainer, run)
    if problem is not None:
        return problem
    rng = np.random.default_rng()
    try:
        rng.bit_generator.state = run.rng
    except (ValueError, TypeError, KeyError):
        return "the random generator's state is not one numpy can take"
    trainer.step_count, trainer.epoch, trainer._offset = run.steps, run.epochs, run.position
    trainer._rng = rng
    trainer._order = None if run.order is None else run.order.copy()
    trainer._order_drawn = True
    trainer.optimizer.load_state(run.optimizer_state)
    if run.history is not None:
        restore_history(trainer.history, run.history)
    return None


def _misfit(trainer, run: RunState) -> str | None:
    """Why ``run`` cannot go on in ``trainer``'s network, data and settings, or None."""
    try:
        trainer.sync()
    except NetworkError as error:
        return f"the network cannot be trained as it is ({error})"
    optimizer, size = trainer.optimizer, trainer._params.size
    if run.optimizer != optimizer.name:
        return f"the run used {run.optimizer}, the settings say {optimizer.name}"
    expected = set(optimizer.saved_state())
    if set(run.optimizer_state) != expected:
        names = ", ".join(sorted(expected)) or "none"
        return f"the optimizer's state does not fit the settings (they need: {names})"
    for name, value in run.optimizer_state.items():
        if isinstance(value, np.ndarray) and value.shape != (size,):
            return f"the optimizer's {name} has {value.size} values, the network {size}"
    n = len(trainer._inputs)
    if run.order is not None and len(run.order) != n:
        return f"the epoch's order has {len(run.order)} samples, the data {n}"
    if not 0 <= run.position < n:
        return f"the place in the epoch ({run.position}) is past the data's {n} samples"
    if run.history is not None:
        layers = run.history["grad_norms"].shape[1]
        if layers != trainer.history.n_layers:
            return f"the curves are for {layers} layers, the network has {trainer.history.n_layers}"
        summary = run.history["summary"]
        if summary is not None and len(summary["loss_sum"]) > trainer.history.bucket_count_limit:
            return "the curves have more buckets than the plots keep"
    return None
