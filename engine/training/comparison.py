"""A run kept for comparison: its curves frozen, its name, and the numbers of its table row.

:func:`freeze` takes a run's curves as the plots draw them (``History.series``: at most
``points`` points, the loss both as recorded (E, reduced over each batch) and as per-sample
means Ē (:mod:`engine.training.per_sample`)), and the row of the comparison table:

- ``final_loss``: the last step's per-sample loss Ē;
- ``steps_to_target``: the first step whose per-sample loss Ē ≤ ``target`` (None: never, among
  the steps kept exactly);
- ``accuracy``: share of training samples classified right (None: the targets are no classes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.analysis.diagnostics import accuracy as share_right
from engine.model.experiment import Experiment
from engine.training.history import History
from engine.training.per_sample import step_losses_per_sample

POINTS = 2000


@dataclass(frozen=True)
class FrozenRun:
    """``name`` (e.g. "A: sigmoid, η=0.5, sgd"), ``steps`` (k,), ``loss`` E (k,),
    ``sample_loss`` Ē (k,), ``grad_norms`` (k, L), and the table's numbers."""

    name: str
    steps: np.ndarray
    loss: np.ndarray
    sample_loss: np.ndarray
    grad_norms: np.ndarray
    final_loss: float | None
    steps_to_target: int | None
    accuracy: float | None


def describe(experiment: Experiment) -> str:
    """What tells runs apart, short: hidden activation(s), learning rate, optimizer."""
    layers = experiment.network.layers
    hidden = [layer.activation for layer in layers[:-1]] or [layers[-1].activation]
    names = "/".join(dict.fromkeys(hidden))
    settings = experiment.training
    optimizer = settings.optimizer
    if optimizer == "sgd" and settings.momentum:
        optimizer = f"sgd+μ{settings.momentum:g}"
    return f"{names}, η={settings.learning_rate:g}, {optimizer}"  # i18n: as is


def sample_losses(history: History, experiment: Experiment, steps, loss) -> np.ndarray:
    """``loss`` (k,) of ``steps`` (k,) as per-sample means, for ``experiment``'s batches."""
    data = experiment.data
    if data is None or len(data) == 0:
        return np.asarray(loss, dtype=np.float64).copy()
    return step_losses_per_sample(steps, loss, experiment.network.reduction, len(data),
                                  experiment.training.batch_size)


def steps_to_target(steps, sample_loss, target: float | None) -> int | None:
    """The first of ``steps`` whose per-sample loss is ≤ ``target`` (None: none, or no target)."""
    if target is None:
        return None
    hit = np.flatnonzero(np.asarray(sample_loss) <= target)
    return int(steps[hit[0]]) if hit.size else None


def freeze(history: History, experiment: Experiment, letter: str,
           target: float | None) -> FrozenRun:
    """The run of ``history`` (trained on ``experiment`` as it is now) as a frozen run."""
    steps, loss, grads = history.series(POINTS)
    sample = sample_losses(history, experiment, steps, loss)
    exact_steps, exact_loss, _ = history.exact()
    exact_sample = sample_losses(history, experiment, exact_steps, exact_loss)
    data, network = experiment.data, experiment.network
    right = None
    if data is not None and len(data) and data.inputs.shape[1] == network.input_size \
            and data.targets.shape[1] == network.output_size:
        right = share_right(network.predict(data.inputs), data.targets)
    return FrozenRun(
        name=f"{letter}: {describe(experiment)}",
        steps=steps.copy(), loss=loss.copy(), sample_loss=sample, grad_norms=grads.copy(),
        final_loss=float(exact_sample[-1]) if len(exact_sample) else None,
        steps_to_target=steps_to_target(exact_steps, exact_sample, target),
        accuracy=right,
    )
