"""A :class:`~engine.training.history.History` as plain arrays, bounded, and back (for a file).

A run's curves go into its network file, so their size is bounded whatever the run's length:

- a run of at most :func:`tail_steps` steps (``TAIL_VALUES`` numbers: one loss and L gradient
  norms a step) keeps every step exactly, and comes back as the same History;
- a longer run keeps its summary (at most 4096 buckets of min/max/sum, as the plots draw it)
  and the newest :func:`tail_steps` steps exactly; the steps before those are then only in the
  summary, as they would be in a long run's own ring.

Test-set losses, and the whole training set's losses measured at epoch ends, are each thinned
to at most ``TEST_POINTS`` evenly spaced points (the last kept);
epoch records are kept as the History keeps them up to ``EPOCH_POINTS``, past that merged
pairwise as the History itself merges them (each record then the mean over 2, 4, … as many
epochs).
"""

from __future__ import annotations

import numpy as np

from engine.training.history import INITIAL_CAPACITY, History

TAIL_VALUES = 60_000  # numbers of the exact tail: about 1.3 MB as JSON text
TEST_POINTS = 8192
EPOCH_POINTS = 16384


def tail_steps(n_layers: int) -> int:
    """How many newest steps a saved run keeps exactly: ``TAIL_VALUES // (1 + n_layers)``."""
    return TAIL_VALUES // (1 + int(n_layers))


def history_state(history: History) -> dict:
    """The curves of ``history`` as a dict of ints and float64 arrays (see the module text).

    Keys: ``steps``, ``exact_from`` (the first step of ``loss`` (k,) and ``grad_norms``
    (k, L)), ``summary`` (None, or ``steps_per_bucket`` and ``loss_min``/``loss_max``/
    ``loss_sum`` (u,), ``grad_min``/``grad_max`` (u, L)), ``test_steps``/``test_loss`` (t,),
    ``train_steps``/``train_loss`` (e,) the whole training set's E at epoch ends, ``epochs``
    (``count``, ``last_end``, ``epochs_per_point``, ``ends``/``sums``/``steps``).
    """
    count, keep = history.count, tail_steps(history.n_layers)
    summary = None
    if count > keep or history.first_exact_step > 1:
        history._summarize()  # every step into the buckets: the plots' own view of the run
        used = -(-count // history._width)
        summary = {"steps_per_bucket": history._width,
                   "loss_min": history._loss_min[:used].copy(),
                   "loss_max": history._loss_max[:used].copy(),
                   "loss_sum": history._loss_sum[:used].copy(),
                   "grad_min": history._grad_min[:used].copy(),
                   "grad_max": history._grad_max[:used].copy()}
    steps, loss, grads = history.exact(keep)
    test_steps, test_loss = _thinned(*history.test_series())
    train_steps, train_loss = _thinned(*history.training_series())
    used = history._epoch_points
    epochs = _thinned_epochs(history._epoch_end[:used], history._epoch_sum[:used],
                             history._epoch_steps[:used], history.epochs_per_point)
    return {
        "steps": count,
        "exact_from": int(steps[0]) if len(steps) else count + 1,
        "loss": loss.copy(),
        "grad_norms": grads.copy(),
        "summary": summary,
        "test_steps": test_steps,
        "test_loss": test_loss,
        "train_steps": train_steps,
        "train_loss": train_loss,
        "epochs": {"count": history.epoch_count, "last_end": history.last_epoch_end,
                   **epochs},
    }


def _thinned(steps, losses):
    """At most ``TEST_POINTS`` of (steps (k,), losses (k,)), evenly spaced, the last kept."""
    if len(steps) > TEST_POINTS:
        picked = np.unique(np.linspace(0, len(steps) - 1, TEST_POINTS).round().astype(int))
        steps, losses = steps[picked], losses[picked]
    return steps, losses


def _thinned_epochs(ends, sums, steps, per_point: int) -> dict:
    """The epoch records, records 2j and 2j+1 merged until at most ``EPOCH_POINTS`` remain
    (an odd last record stays alone: it holds the newest, perhaps unfinished, group)."""
    ends, sums, steps = ends.copy(), sums.copy(), steps.copy()
    while len(ends) > EPOCH_POINTS:
        firsts = np.arange(0, len(ends), 2)
        ends = ends[np.minimum(firsts + 1, len(ends) - 1)]
        sums, steps = np.add.reduceat(sums, firsts), np.add.reduceat(steps, firsts)
        per_point *= 2
    return {"epochs_per_point": per_point, "ends": ends, "sums": sums, "steps": steps}


def restore_history(history: History, state: dict) -> None:
    """Make ``history`` hold the curves of ``state`` (made by :func:`history_state` and
    checked by the caller: the shapes fit ``history.n_layers`` and its limits)."""
    history.clear()
    count, first = int(state["steps"]), int(state["exact_from"])
    kept = count - first + 1
    capacity = INITIAL_CAPACITY
    while capacity < kept and capacity < history.max_exact_steps:
        capacity *= 2
    capacity = min(capacity, history.max_exact_steps)
    history._loss = np.empty(capacity)
    history._grads = np.empty((capacity, history.n_layers))
    rows = np.arange(first - 1, count) % capacity
    history._loss[rows] = state["loss"]
    history._grads[rows] = state["grad_norms"]
    history.count = count
    history._exact_from = first
    summary = state["summary"]
    if summary is not None:
        used = len(summary["loss_sum"])
        history._width = int(summary["steps_per_bucket"])
        for name in ("loss_min", "loss_max", "loss_sum", "grad_min", "grad_max"):
            getattr(history, "_" + name)[:used] = summary[name]
        history._summarized = count
    for step, loss in zip(state["test_steps"].tolist(), state["test_loss"].tolist(),
                          strict=True):
        history.record_test(loss, step)
    history._train_steps = [int(step) for step in state.get("train_steps", ())]
    history._train_loss = [float(loss) for loss in state.get("train_loss", ())]
    epochs = state["epochs"]
    history.epoch_count = int(epochs["count"])
    history.last_epoch_end = int(epochs["last_end"])
    history.epochs_per_point = int(epochs["epochs_per_point"])
    used = len(epochs["ends"])
    size = max(16, used)
    history._epoch_end = np.empty(size, dtype=np.int64)
    history._epoch_sum = np.empty(size)
    history._epoch_steps = np.empty(size, dtype=np.int64)
    history._epoch_end[:used] = epochs["ends"]
    history._epoch_sum[:used] = epochs["sums"]
    history._epoch_steps[:used] = epochs["steps"]
    history._epoch_points = used
