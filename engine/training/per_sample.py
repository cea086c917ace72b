"""Losses on one scale: the mean loss per sample, whatever the loss's reduction.

A step's loss E is reduced over its batch of b samples: E = Σᵢ Eᵢ ("sum") or E = (1/b) Σᵢ Eᵢ
("mean"). Its per-sample mean is Ē = (1/b) Σᵢ Eᵢ = E · s, with s = 1/b for "sum" and 1 for
"mean". With "sum" a batch loss of 32 samples and a test loss over 1,000 differ by their sizes;
divided to per-sample means both read as "the loss of a typical sample", on one axis.

Batches: with n training samples in batches of b (b = n for full batch), every epoch has
⌈n/b⌉ steps, the last holding n − (⌈n/b⌉ − 1)·b samples; step k (1, 2, …) is step
(k − 1) mod ⌈n/b⌉ of its epoch (a run whose data and batch size did not change on the way).
"""

from __future__ import annotations

import numpy as np


def batch_sizes(steps: np.ndarray, samples: int, batch: int | None) -> np.ndarray:
    """How many samples each of ``steps`` (k,) trained on: (k,) ints (see the module text)."""
    steps = np.asarray(steps, dtype=np.int64)
    b = samples if batch is None else max(1, min(int(batch), samples))
    per_epoch = -(-samples // b)
    last = samples - (per_epoch - 1) * b
    return np.where((steps - 1) % per_epoch == per_epoch - 1, last, b)


def samples_through(steps, samples: int, batch: int | None) -> np.ndarray:
    """Samples trained on in steps 1 … s, for each s of ``steps`` (k,): whole epochs of
    ``samples`` each, then (s mod ⌈n/b⌉) full batches of b."""
    steps = np.asarray(steps, dtype=np.int64)
    b = samples if batch is None else max(1, min(int(batch), samples))
    per_epoch = -(-samples // b)
    return steps // per_epoch * samples + steps % per_epoch * b


def per_sample(loss: np.ndarray, reduction: str, sizes) -> np.ndarray:
    """Ē = E / b for "sum" (``sizes`` b: an int or (k,) like ``loss``), E for "mean"."""
    loss = np.asarray(loss, dtype=np.float64)
    if reduction == "sum":
        return loss / np.asarray(sizes, dtype=np.float64)
    return loss.copy()


def step_losses_per_sample(steps, loss, reduction: str, samples: int,
                           batch: int | None) -> np.ndarray:
    """The batch losses ``loss`` (k,) of ``steps`` (k,) as per-sample means (k,)."""
    return per_sample(loss, reduction, batch_sizes(steps, samples, batch))


def epoch_means_per_sample(history, reduction: str, samples: int, batch: int | None,
                           max_points: int | None = None):
    """Each epoch's mean loss per sample, every sample weighing the same: ``(end steps (k,),
    Ē (k,))`` with Ē = Σₛ bₛ Ēₛ / Σₛ bₛ over the epoch's steps s (bₛ its batch's samples, Ēₛ its
    per-sample loss), so a short last batch counts for its own samples only.

    "sum": Ē = Σₛ Eₛ / Σₛ bₛ exactly, from the epoch's sum. "mean": Σₛ bₛ Eₛ / Σₛ bₛ, where
    Σₛ bₛ Eₛ = b Σₛ Eₛ + (b_last − b) Σ E at the epoch's last step (only the short last batch
    weighs other than b), from the exact store: a cost in the number of epochs, never in steps.
    An epoch whose steps have left the store keeps its plain mean Σₛ Eₛ / k.
    """
    ends, sums, counts = history.epoch_records(max_points)
    starts = ends - counts  # the step before each record's first
    weights = samples_through(ends, samples, batch) - samples_through(starts, samples, batch)
    if reduction == "sum":
        return ends, sums / weights
    means = sums / counts
    b = samples if batch is None else max(1, min(int(batch), samples))
    per_epoch = -(-samples // b)
    last = samples - (per_epoch - 1) * b
    exact = starts + 1 >= history.first_exact_step
    if not exact.any():
        return ends, means
    if last == b:  # every batch holds b samples: the plain mean
        return ends, means
    # the epochs' last steps in the exact store, and the running sum of their losses
    first_end = -(-history.first_exact_step // per_epoch) * per_epoch
    last_steps = np.arange(first_end, history.count + 1, per_epoch)
    running = np.concatenate([[0.0], np.cumsum(history.exact_loss_at(last_steps))])
    inside = (running[np.searchsorted(last_steps, ends[exact], side="right")]
              - running[np.searchsorted(last_steps, starts[exact], side="right")])
    means[exact] = (b * sums[exact] + (last - b) * inside) / weights[exact]
    return ends, means
